"""Stage 3c, draw: Vega-Lite specs to SVG (and PNG for checks), cached.

Input: chart specs. Output: SVG text. vl-convert starts a JS engine (~0.5 s)
and takes ~50 ms a chart, so renders are cached on disk by a hash of the spec,
the locale and the vl-convert version. Without a CJK font vl-convert draws
Chinese as empty boxes and says nothing, so the font folder is registered
here and its absence is an error for PNG output.

Measuring text is most of a drawing's time: vl-convert reads the whole font
file for every label it measures, and Noto Sans CJK is a 20 MB collection
(~250 ms a chart). So a build that has charts to draw first makes a small
copy of the font holding only the characters of those charts, under a name
of its own (MEASURING_FAMILY, cached in .cache/charts/fonts/), puts that name first
in the font list vl-convert sees, and takes it out of the SVG again: same
glyph widths, so the same bytes, ~2.5 times faster. Without fontTools or the
Noto file, charts are drawn the slow way.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import vl_convert

FONT_DIRS = (Path(__file__).resolve().parent.parent / "fonts", Path("/usr/share/fonts/opentype/noto"))
LOCALES = {"zh": "zh-CN", "en": "en-US"}
# The measuring copy of the chart font: its family name (with the hash of its characters, so that a
# long-lived process never picks an older copy), and the faces it copies from Noto Sans CJK.
MEASURING_FAMILY = "Portal Chart Measure"
# Characters a drawing may hold beyond its spec's text: numbers as d3-format writes them (U+2212 minus).
_ALWAYS_MEASURED = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u2212\u2013\u2014\u2026\u00b7\u00a0%％，。、：；（）"
_MEASURED_FACES = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
_MEASURED_FROM = "Noto Sans CJK SC"
_fonts_registered: set[str] = set()


def _register_fonts(extra: Path | None = None) -> None:
    for folder in (*FONT_DIRS, *([extra] if extra else [])):
        if str(folder) not in _fonts_registered and folder.is_dir():
            vl_convert.register_font_directory(str(folder))
            _fonts_registered.add(str(folder))


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
    svg = _draw(spec, lang)
    if cache_dir:
        _store(cache_dir / f"{drawing_key(spec, lang)}.svg", svg)
    return svg


def draw_svgs(drawings: list[Drawing], cache_dir: Path | None, jobs: int = 1) -> list[str]:
    """SVG of each drawing, in order; up to `jobs` vl-convert engines draw side by side.

    The engines run in fresh (spawned) processes: vl-convert's runtime cannot
    be used in a forked copy of a process that has started it.
    """
    fonts = measuring_fonts([d.spec for d in drawings], cache_dir / "fonts") if cache_dir and drawings else None
    if jobs <= 1 or len(drawings) < 8:
        svgs = [_draw(d.spec, d.lang, fonts) for d in drawings]
    else:
        svgs = _draw_in_pool([(d.spec, d.lang, fonts) for d in drawings], jobs)
    if cache_dir:
        for d, svg in zip(drawings, svgs):
            _store(cache_dir / f"{d.key}.svg", svg)
    return svgs


def _draw_in_pool(jobs_to_draw: list[tuple[dict, str, Path | None]], jobs: int) -> list[str]:
    import multiprocessing

    from generator import progress
    from generator.parallel import die_with_parent

    svgs = []
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        for svg in pool.imap(_draw_one, jobs_to_draw, chunksize=4):
            svgs.append(svg)
            progress.count("charts", len(svgs), len(jobs_to_draw))
    return svgs


def _draw_one(job: tuple[dict, str, Path | None]) -> str:
    return _draw(*job)


def _draw(spec: dict, lang: str, fonts: Path | None = None) -> str:
    """One drawing; with `fonts` (measuring_fonts), measured with the small copy and the same bytes out."""
    _register_fonts(fonts)
    font = (spec.get("config") or {}).get("font")
    if not fonts or not isinstance(font, str) or not font.startswith(_MEASURED_FROM):
        return vl_convert.vegalite_to_svg(spec, format_locale=LOCALES[lang])
    family = f"{MEASURING_FAMILY} {fonts.name}"
    measured = {**spec, "config": {**spec["config"], "font": f"{family}, {font}"}}
    svg = vl_convert.vegalite_to_svg(measured, format_locale=LOCALES[lang])
    return svg.replace(f"{family}, ", "")


def measuring_fonts(specs: list[dict], folder: Path) -> Path | None:
    """A folder with the chart font cut down to the characters of `specs`, made once per set (see above).

    None when it cannot be made (no fontTools, no Noto Sans CJK): drawing is then slower, never different.
    """
    chars = "".join(sorted(set(_ALWAYS_MEASURED + "".join(json.dumps(s, ensure_ascii=False) for s in specs))))
    # A CSS family name is words that do not start with a digit: an unparsable one is measured as sans-serif.
    target = folder / ("m" + hashlib.sha256(chars.encode()).hexdigest()[:16])
    family = f"{MEASURING_FAMILY} {target.name}"
    if (target / "done").exists():
        return target
    sources = {face: next((d / name for d in FONT_DIRS if (d / name).is_file()), None)
               for face, name in _MEASURED_FACES.items()}
    try:
        from fontTools import subset
        from fontTools.ttLib import TTCollection
    except ImportError:
        return None
    if not all(sources.values()):
        return None
    target.mkdir(parents=True, exist_ok=True)
    for face, source in sources.items():
        font = next(f for f in TTCollection(str(source)).fonts if f["name"].getDebugName(1) == _MEASURED_FROM)
        options = subset.Options()
        options.name_IDs, options.layout_features, options.notdef_outline = ["*"], ["*"], True
        cutter = subset.Subsetter(options)
        cutter.populate(text=chars)
        cutter.subset(font)
        for record in font["name"].names:  # a family of its own, so vl-convert picks it before the system's copy
            if record.nameID in (1, 16):
                record.string = family
            elif record.nameID in (4, 6):
                record.string = f"{family} {face}" if record.nameID == 4 else f"PortalChartMeasure{target.name}-{face}"
        font.save(str(target / f"measure-{face}.otf"))
    # Held to its promise before any chart relies on it: every character as an axis label, drawn both ways.
    probe = {"data": {"values": [{"t": chars[i:i + 30], "v": 1} for i in range(0, len(chars), 30)]}, "mark": "bar",
             "encoding": {"y": {"field": "t", "type": "nominal"}, "x": {"field": "v", "type": "quantitative"}},
             "config": {"font": _MEASURED_FROM, "axis": {"labelLimit": 0}}}
    if _draw(probe, "zh", target) != _draw(probe, "zh"):
        shutil.rmtree(target, ignore_errors=True)
        return None
    (target / "done").write_text("")
    return target


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
