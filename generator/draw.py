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


def chart_svg(spec: dict, lang: str, cache_dir: Path | None = None) -> str:
    """The chart as a standalone SVG with real <text> (readers' fonts draw it)."""
    key = hashlib.sha256(
        json.dumps([spec, lang, vl_convert.__version__], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:32]
    cached = cache_dir / f"{key}.svg" if cache_dir else None
    if cached and cached.exists():
        return cached.read_text(encoding="utf-8")
    _register_fonts()
    svg = vl_convert.vegalite_to_svg(spec, format_locale=LOCALES[lang])
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(cached)
    return svg


def chart_png(spec: dict, lang: str, scale: float = 1.0) -> bytes:
    """PNG of a chart, for checking that Chinese glyphs are drawn."""
    _register_fonts()
    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=LOCALES[lang])


def vega_bundle() -> str:
    """vega + vega-lite + vega-embed as one script, served by the site itself (no CDN)."""
    return vl_convert.javascript_bundle()
