"""Stage 3c, draw: Vega-Lite specs to SVG (and PNG for checks), cached.

Input: chart specs. Output: SVG text. vl-convert starts a JS engine (~0.5 s)
and takes ~50 ms a chart, so renders are cached on disk by a hash of the spec,
the locale and the vl-convert version. Without a CJK font vl-convert draws
Chinese as empty boxes and says nothing, so the font folder is registered
here and its absence is an error for PNG output.
"""

from __future__ import annotations

import hashlib
import os
import json
from dataclasses import dataclass, field
from pathlib import Path

import vl_convert

FONT_DIRS = (Path(__file__).resolve().parent.parent / "fonts", Path("/usr/share/fonts/opentype/noto"))
LOCALES = {"zh": "zh-CN", "en": "en-US"}
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if not _fonts_registered:
        for folder in FONT_DIRS:
            if folder.is_dir():
                vl_convert.register_font_directory(str(folder))
        _fonts_registered = True


def cjk_font_available() -> bool:
    return any(folder.is_dir() and any(folder.glob("*CJK*")) for folder in FONT_DIRS)


@dataclass(frozen=True)
class Drawing:
    """A chart still to draw: stands in a generated tree for the SVG text until it is drawn."""

    key: str
    spec: dict = field(compare=False, hash=False)
    lang: str = ""


def drawing_key(spec: dict, lang: str) -> str:
    """The cache key of a drawing: the spec, the locale and the vl-convert version."""
    return hashlib.sha256(
        json.dumps([spec, lang, vl_convert.__version__], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:32]


def cached_svg(spec: dict, lang: str, cache_dir: Path | None) -> str | None:
    """The SVG drawn before for this spec, or None (reads the cache only; never starts vl-convert)."""
    cached = cache_dir / f"{drawing_key(spec, lang)}.svg" if cache_dir else None
    if cached and cached.exists():
        return cached.read_text(encoding="utf-8")
    return None


def chart_svg(spec: dict, lang: str, cache_dir: Path | None = None) -> str:
    """The chart as a standalone SVG with real <text> (readers' fonts draw it)."""
    svg = cached_svg(spec, lang, cache_dir)
    if svg is not None:
        return svg
    _register_fonts()
    svg = vl_convert.vegalite_to_svg(spec, format_locale=LOCALES[lang])
    if cache_dir:
        _store(cache_dir / f"{drawing_key(spec, lang)}.svg", svg)
    return svg


def draw_svgs(drawings: list[Drawing], cache_dir: Path | None, jobs: int = 1) -> list[str]:
    """SVG of each drawing, in order; up to `jobs` vl-convert engines draw side by side.

    The engines run in fresh (spawned) processes: vl-convert's runtime cannot
    be used in a forked copy of a process that has started it.
    """
    if jobs <= 1 or len(drawings) < 8:
        return [chart_svg(d.spec, d.lang, cache_dir) for d in drawings]
    import multiprocessing

    from generator.parallel import die_with_parent

    from generator import progress

    svgs = []
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        for svg in pool.imap(_draw_one, [(d.spec, d.lang) for d in drawings], chunksize=4):
            svgs.append(svg)
            progress.count("charts", len(svgs), len(drawings))
    if cache_dir:
        for d, svg in zip(drawings, svgs):
            _store(cache_dir / f"{d.key}.svg", svg)
    return svgs


def _draw_one(job: tuple[dict, str]) -> str:
    return _draw(*job)


def _draw(spec: dict, lang: str) -> str:
    _register_fonts()
    return vl_convert.vegalite_to_svg(spec, format_locale=LOCALES[lang])


def _store(cached: Path, svg: str) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(cached)  # an interrupted build must not leave half a drawing to ship next time


def chart_png(spec: dict, lang: str, scale: float = 1.0) -> bytes:
    """PNG of a chart, for checking that Chinese glyphs are drawn."""
    _register_fonts()
    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=LOCALES[lang])


def vega_bundle() -> str:
    """vega + vega-lite + vega-embed as one script, served by the site itself (no CDN)."""
    return vl_convert.javascript_bundle()
