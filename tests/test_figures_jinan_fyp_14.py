"""Jin'an's 14th Five-Year Plan outline: every result and target it states is a figure that means what the source says.

Counts by kind, period and basis catch a figure dropped or mis-typed; the sample checks figures against
the source text itself (sources/jinan-fyp-14.txt prints full-width digits, so both sides are NFKC-normalised).
"""

import re
import unicodedata
from collections import Counter
from decimal import Decimal

import pytest

from generator import model as m
from generator.validate import validate_content
from tests.conftest import ROOT

DOC_ID = "jinan-fyp-14"


@pytest.fixture(scope="module")
def doc() -> m.Document:
    portal, warnings = validate_content(ROOT / "content")
    # the figures of this document raise no warning (glossary wording is checked by the validator's own tests)
    assert [str(w) for w in warnings if DOC_ID in w.file and "glossary term" not in w.message] == []
    return next(d for d in portal.documents if d.id == DOC_ID)


@pytest.fixture(scope="module")
def source() -> str:
    return flat((ROOT / "sources" / f"{DOC_ID}.txt").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def period(fig: m.Figure) -> str:
    start, end = fig.period.start, fig.period.end
    return str(end) if start == end else f"{start}-{end}"


def find(doc: m.Document, indicator: str, when: str, kind: str) -> m.Figure:
    found = [f for f in doc.figures if f.indicator == indicator and period(f) == when and f.kind.value == kind]
    assert len(found) == 1, (indicator, when, kind, len(found))
    return found[0]


def test_figures_by_kind(doc):
    assert Counter(f.kind.value for f in doc.figures) == {"actual": 76, "target": 33}


def test_figures_by_period(doc):
    assert Counter(period(f) for f in doc.figures) == {
        "2016-2020": 47, "2020": 29, "2025": 26, "2021-2025": 6, "2035": 1}


def test_figures_by_growth_basis(doc):
    growths = [f for f in doc.figures if f.growth is not None]
    assert Counter(f.basis.value for f in growths) == {"previous-year": 2, "average-annual": 1}


def test_thirteenth_plan_totals_are_cumulative_over_the_period(doc):
    review = [f for f in doc.figures if period(f) == "2016-2020" and f.value is not None]
    cumulative = [f for f in review if m.Qualifier.cumulative in f.qualifiers]
    # the one 2016-2020 level that is not a total: the unemployment rate stayed below 4 % in every year
    assert [f.indicator for f in review if f not in cumulative] == ["urban-unemployment-rate"]
    assert len(cumulative) == 45


def test_no_nature_and_no_invented_metadata(doc):
    # the outline's indicator table (Box 2) is an image: nothing states 预期性/约束性
    assert all(f.nature is None for f in doc.figures)
    assert doc.issuer is None and doc.doc_number is None


# (indicator, period, kind, value, growth, qualifiers): each checked against the source text
SAMPLE = [
    ("gdp", "2020", "actual", "959.05", None, []),
    ("local-general-budget-revenue", "2020", "actual", "22.88", None, []),
    ("services-share", "2020", "actual", "72.7", None, []),
    ("new-provincial-high-tech-enterprises", "2016-2020", "actual", "205", None, ["cumulative"]),
    ("rd-spending", "2020", "actual", "7", None, []),
    ("rd-spending", "2021-2025", "target", None, "15", []),
    ("rd-spending", "2025", "target", "14", None, ["above"]),
    ("industrial-value-added", "2020", "actual", None, "5.3", []),
    ("agriculture-value-added", "2020", "actual", "8.22", "3.9", []),
    ("new-urban-jobs", "2016-2020", "actual", "10", None, ["above", "cumulative"]),
    ("new-urban-jobs", "2020", "actual", "1.8", None, ["above"]),
    ("urban-unemployment-rate", "2016-2020", "actual", "4", None, ["below"]),
    ("digital-economy-share", "2025", "target", "60", None, []),
    ("culture-industry-share", "2025", "target", "9", None, []),
    ("elderly-care-beds-per-1000-elderly", "2025", "target", "45", None, ["above"]),
    ("hospital-beds-per-1000", "2025", "target", "5.5", None, ["above"]),
    ("registered-tech-smes", "2025", "target", "300", None, []),
    ("cluster-output-smart-logistics", "2025", "target", "200", None, []),
    ("community-service-space-per-100-households", "2021-2025", "target", "30", None, ["at-least"]),
]


@pytest.mark.parametrize("indicator, when, kind, value, growth, qualifiers", SAMPLE)
def test_sample_against_the_source(doc, source, indicator, when, kind, value, growth, qualifiers):
    fig = find(doc, indicator, when, kind)
    quote = flat(fig.quote)
    assert quote in source, fig.quote
    assert fig.value == (Decimal(value) if value else None)
    assert fig.growth == (Decimal(growth) if growth else None)
    assert [q.value for q in fig.qualifiers] == qualifiers
    for number in (value, growth):
        if number:
            assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", quote), (number, fig.quote)
    if growth and when == "2021-2025":
        assert fig.growth_basis == m.GrowthBasis.average_annual and "年均增长" in quote


def test_every_quote_is_in_the_source(doc, source):
    for fig in doc.figures:
        assert flat(fig.quote) in source, fig.quote


def test_table_and_prose_values_are_printed_in_their_quotes(doc):
    """Every numeric value or growth appears in its own quote (except the three written in Chinese numerals)."""
    written_in_words = {("old-housing-redevelopment-area", "2016-2020"), ("soil-erosion-controlled", "2021-2025"),
                        ("industrial-clusters-over-10bn", "2025")}
    for fig in doc.figures:
        if (fig.indicator, period(fig)) in written_in_words:
            continue
        quote = unicodedata.normalize("NFKC", fig.quote)
        for number in (fig.value, fig.growth):
            if number is not None:
                assert re.search(rf"(?<![\d.]){re.escape(str(number))}(?![\d.])", quote), (fig.indicator, number)
