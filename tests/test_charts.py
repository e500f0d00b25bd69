import hashlib

import pytest

from generator.charts import document_charts
from generator.draw import MEASURING_FAMILY, _draw, chart_png, chart_svg, cjk_font_available, measuring_fonts
from generator.render import load_strings
from generator.validate import validate_content
from generator.wording import Wording
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def portal():
    return validate_content(ROOT / "content")[0]


def growth_chart(portal, lang):
    doc = next(d for d in portal.documents if d.id == "cangshan-report-2022")
    return document_charts(portal, doc, Wording(load_strings()[lang], portal, lang))[0]


def test_growth_chart_puts_estimates_next_to_targets(portal):
    chart = growth_chart(portal, "zh")
    assert ["地区生产总值", "2022年比上年增长（预计）", "3.0%"] in chart.rows
    assert ["地区生产总值", "2023年比上年增长（目标）", "5%"] in chart.rows
    assert ["实际利用外资", "2022年比上年增长（预计）", "525%"] in chart.rows
    assert "地区生产总值：2022年比上年增长（预计） 3.0%" in chart.alt_text.replace(": ", "：")
    en = growth_chart(portal, "en")
    assert ["Fixed-asset investment", "2022 over 2021 (estimate)", "−24.7%"] in en.rows


def test_charts_show_only_the_documents_own_language(portal):
    en = growth_chart(portal, "en")
    text = str(en.spec)
    assert "Gross domestic product (GDP)" in text and "地区生产总值" not in text


def text_png(text: str) -> bytes:
    spec = {"data": {"values": [{"t": text}]}, "mark": {"type": "text", "fontSize": 40},
            "encoding": {"text": {"field": "t", "type": "nominal"}},
            "config": {"font": "Noto Sans CJK SC", "view": {"stroke": None}}, "width": 200, "height": 60}
    return chart_png(spec, "zh")


def test_chinese_is_drawn_as_glyphs_not_empty_boxes():
    assert cjk_font_available(), "install fonts-noto-cjk (scripts/system-deps)"
    # Missing glyphs all draw as the same box, so two different words would give the same image.
    first, second = text_png("地区生产"), text_png("固定资产")
    assert hashlib.sha256(first).digest() != hashlib.sha256(second).digest()


def test_svg_renders_are_cached_by_spec(portal, tmp_path):
    chart = growth_chart(portal, "zh")
    svg = chart_svg(chart.spec, "zh", tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 1
    assert chart_svg(chart.spec, "zh", tmp_path) == svg


def test_the_small_measuring_font_draws_the_same_bytes(portal, tmp_path):
    """The speed-up of drawing (a cut-down copy of Noto for measuring) must not change one byte of a chart."""
    specs = [(growth_chart(portal, lang).spec, lang) for lang in ("zh", "en")]
    specs += [(c.spec_narrow, lang) for lang in ("zh", "en") for c in [growth_chart(portal, lang)] if c.spec_narrow]
    fonts = measuring_fonts([s for s, _ in specs], tmp_path)
    assert fonts is not None, "fontTools and fonts-noto-cjk are installed by make"
    assert all(f.stat().st_size < 1_000_000 for f in fonts.glob("*.otf")) and len(list(fonts.glob("*.otf"))) == 2
    for spec, lang in specs:
        fast = _draw(spec, lang, fonts)
        assert fast == _draw(spec, lang) and MEASURING_FAMILY not in fast
    assert measuring_fonts([s for s, _ in specs], tmp_path) == fonts  # made once per set of characters


def test_series_are_coloured_by_kind_and_shaded_by_year():
    from generator import model as m
    from generator.charts import _KIND_COLOURS, series_colours

    def fig(year, kind):
        return m.Figure(indicator="gdp", period=year, kind=kind, growth=1, quote="xx")
    colours = series_colours([fig(2020, "target"), fig(2020, "actual"), fig(2025, "target")])
    targets = _KIND_COLOURS[m.FigureKind.target]
    assert colours[0] in targets and colours[2] in targets and colours[0] != colours[2]
    assert colours[1] in _KIND_COLOURS[m.FigureKind.actual]
    assert series_colours([fig(2022, "estimate")]) == series_colours([fig(2030, "estimate")])


def test_filled_templates_equal_the_specs_altair_builds(portal, monkeypatch):
    """Charts are filled from a template built once; each must equal what Altair builds from scratch."""
    from generator import charts, series

    calls = []
    fill = charts._bars_spec

    def spy(*args, **kwargs):
        spec = fill(*args, **kwargs)
        calls.append((args, kwargs, spec))
        return spec

    monkeypatch.setattr(charts, "_bars_spec", spy)
    strings = load_strings()
    for lang in ("zh", "en"):
        words = Wording(strings[lang], portal, lang)
        for doc in portal.documents:
            document_charts(portal, doc, words)
        for view in series.indicator_views(portal)[:40]:
            charts.indicator_chart(portal, view.indicator, view.entries, words)
    assert len(calls) >= 20
    narrow = [spec for args, kwargs, spec in calls if kwargs.get("narrow")]
    assert narrow and len(narrow) < len(calls)
    for args, kwargs, spec in calls:
        assert spec == charts.altair_bars_spec(*args, **kwargs)
