"""Tests for generator/wording.py: a figure said in words, with its period, basis and nature."""

from decimal import Decimal

import pytest

from generator import model as m
from generator.render import load_strings
from generator.validate import validate_content
from generator.wording import Wording


@pytest.fixture
def words(project):
    portal, _ = validate_content(project.content_dir)
    strings = load_strings()
    return {lang: Wording(strings[lang], portal, lang) for lang in ("zh", "en")}


def figure(**kw) -> m.Figure:
    return m.Figure(**{"indicator": "gdp", "kind": "target", "quote": "xx", **kw})


def test_an_average_annual_rate_over_a_plan_is_said_in_full(words):
    fig = figure(period="2021-2025", growth=Decimal("7.5"), growth_basis="average-annual", qualifiers=["about"], nature="expected")
    assert words["en"].figure_in_full(fig) == "about 7.5% a year on average, 2021–2025 (expected)"
    assert words["zh"].figure_in_full(fig) == "年均增长7.5%左右（2021—2025年）（预期性）"


def test_a_one_year_growth_needs_no_period_and_says_its_nature(words):
    fig = figure(period=2031, growth=Decimal("5.5"), qualifiers=["about"], nature="expected")
    assert words["en"].figure_in_full(fig) == "growth of about 5.5% (expected)"
    assert words["zh"].figure_in_full(fig) == "增长5.5%左右（预期性）"


def test_each_growth_basis_and_unit_is_said_in_words(words):
    total = figure(period="2021-2025", growth=Decimal("42.8"), growth_basis="cumulative", kind="actual")
    points = figure(period="2021-2025", growth=Decimal("2.1"), growth_basis="cumulative", growth_unit="points")
    yearly_points = figure(period=2031, growth=Decimal("0.5"), growth_unit="points")
    assert [words["en"].figure(f) for f in (total, points, yearly_points)] == [
        "42.8% in total over the period", "2.1 percentage points in total over the period", "a change of 0.5 percentage points"]
    assert [words["zh"].figure(f) for f in (total, points, yearly_points)] == ["累计增长42.8%", "累计变化2.1个百分点", "变化0.5个百分点"]


def test_a_level_at_the_end_of_a_span_and_a_total_over_it_read_apart(words):
    level = figure(period="2021-2025", value=Decimal("862.5"), unit="亿元")
    total = figure(period="2021-2025", value=Decimal("6"), unit="万人", qualifiers=["cumulative"])
    assert [words["en"].figure(f) for f in (level, total)] == ["86.25 billion yuan by 2025", "60,000 people in total"]
    assert [words["zh"].figure(f) for f in (level, total)] == ["2025年862.5亿元", "累计6万人"]


def test_comparability_is_said_wherever_the_figure_is(words):
    fig = figure(period=2020, kind="actual", value=Decimal("7.8"), unit="亿元",
                 comparability={"basis": "not-comparable", "note": {"zh": "币种由美元改为人民币", "en": "currency changed"}})
    assert words["en"].figure(fig) == "780 million yuan (not comparable)"
    assert words["zh"].figure(fig) == "7.8亿元（不可比）"


def test_series_labels_name_a_span(words):
    span = m.YearRange(start=2021, end=2025)
    assert (words["zh"].series(span, m.FigureKind.target), words["en"].series(span, m.FigureKind.target)) == (
        "2021—2025年目标", "2021–2025 target")
    assert words["en"].series(m.YearRange(start=2022, end=2022), m.FigureKind.estimate) == "2022 estimate"
