import hashlib

import pytest

from generator.build import Project
from generator.charts import document_charts
from generator.draw import chart_png, chart_svg, cjk_font_available
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
    assert ["地区生产总值", "2022年预计", "3.0%"] in chart.rows
    assert ["地区生产总值", "2023年目标", "5%"] in chart.rows
    assert ["实际利用外资", "2022年预计", "525%"] in chart.rows
    assert "地区生产总值：2022年预计 3.0%" in chart.alt_text.replace(": ", "：")
    en = growth_chart(portal, "en")
    assert ["Fixed-asset investment", "2022 estimate", "−24.7%"] in en.rows


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
