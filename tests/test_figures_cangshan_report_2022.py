"""Cangshan's 2022 report: every figure it states is structured, and each one says what the source says.

The report was presented on 21 December 2022: only the opening paragraph of
Part 1 is an estimate (预计); the review sections state their results as
achieved, and Part 2 sets the 2023 targets. These tests pin those counts and
check a sample of figures against the source text, so that a dropped or
mistyped figure fails here.
"""

import re
from collections import Counter

import pytest

from generator import model as m
from generator.load import load_file
from generator.validate import validate_document
from tests.conftest import ROOT
from tests.figures_support import assert_figure, find

DOC = ROOT / "content" / "documents" / "cangshan-report-2022.yaml"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def doc() -> m.Document:
    document, problems = validate_document(load_file(DOC), "document")
    assert problems == []
    return document


@pytest.fixture(scope="module")
def source(doc) -> str:
    return squash((ROOT / doc.source.file).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue() -> m.IndicatorsFile:
    indicators, problems = validate_document(load_file(ROOT / "content" / "indicators.yaml"), "indicators")
    assert problems == []
    return indicators


def test_counts_by_kind(doc):
    assert Counter(f.kind.value for f in doc.figures) == {"estimate": 9, "actual": 84, "target": 32}


def test_counts_by_growth_basis_and_qualifier(doc):
    # An annual report states only growth over the previous year: no average-annual or cumulative rates.
    assert Counter(f.basis.value for f in doc.figures if f.basis) == {"previous-year": 16}
    assert Counter(q.value for f in doc.figures for q in f.qualifiers) == {"above": 15, "about": 1, "cumulative": 1}


def test_only_the_headline_paragraph_is_an_estimate(doc):
    estimates = {f.indicator for f in doc.figures if f.kind == m.FigureKind.estimate}
    assert estimates == {"gdp", "general-budget-revenue-total", "local-general-budget-revenue", "fixed-asset-investment",
                         "retail-sales", "foreign-trade", "foreign-investment", "disposable-income", "energy-saving-tasks"}
    assert all(f.period.end == 2022 for f in doc.figures if f.kind != m.FigureKind.target)
    assert all(f.period.end == 2023 for f in doc.figures if f.kind == m.FigureKind.target)


def test_no_nature_since_the_source_states_none(doc):
    # 主要预期目标 is the report's word for its targets, not the 预期性/约束性 attribute of a plan table.
    assert [f for f in doc.figures if f.nature is not None] == []


def test_one_figure_per_value(doc):
    keys = Counter((f.indicator, f.period.label(), f.kind.value) for f in doc.figures)
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_indicator_and_unit_is_in_the_catalogue(doc, catalogue):
    ids = {i.id for i in catalogue.indicators}
    units = {u.id for u in catalogue.units}
    assert {f.indicator for f in doc.figures} <= ids
    assert {f.unit for f in doc.figures if f.unit} <= units


def test_every_quote_is_in_the_source(doc, source):
    for fig in doc.figures:
        for piece in re.split(r"…+", fig.quote):
            assert squash(piece) in source, f"{fig.indicator}: {piece}"


# (indicator, year, kind, value, unit, growth, qualifiers)
SAMPLE = [
    ("gdp", 2022, "estimate", None, None, "3.0", []),
    ("fixed-asset-investment", 2022, "estimate", "560", "亿元", "-24.7", []),
    ("foreign-investment", 2022, "estimate", "2.75", "亿美元", "525", []),
    ("disposable-income", 2022, "estimate", "51252", "元", "3.1", []),
    ("new-urban-jobs", 2022, "actual", "2.18", "万人", None, []),
    ("high-tech-enterprises", 2022, "actual", "436", "家", None, []),
    ("platform-economy-sales", 2022, "actual", "407.76", "亿元", "42.93", []),
    ("online-retail-sales", 2022, "actual", "219.5", "亿元", None, []),
    ("investment-projects-investment", 2022, "actual", "611.73", "亿元", None, []),
    ("projects-started", 2022, "actual", "66", "个", None, ["cumulative"]),
    ("reserve-projects-investment", 2022, "actual", "1.32", "万亿元", None, []),
    ("land-handed-over", 2022, "actual", "5183.64", "亩", None, []),
    ("road-surface-repaired", 2022, "actual", "2.7", "万平方米", None, ["about"]),
    ("built-up-green-coverage", 2022, "actual", "45.66", "%", None, []),
    ("compulsory-education-places", 2022, "actual", "4920", "个", None, []),
    ("tcm-consultations", 2022, "actual", "22", "万人次", None, ["above"]),
    ("childcare-places-per-1000", 2022, "actual", "2", "个", None, []),
    ("elderly-canteens-built", 2022, "actual", "103", "个", None, []),
    ("gdp", 2023, "target", None, None, "5", []),
    ("fixed-asset-investment", 2023, "target", None, None, "6", []),
    ("digital-economy-size", 2023, "target", None, None, "15", ["above"]),
    ("high-tech-enterprises", 2023, "target", "560", "家", None, ["above"]),
    ("provincial-municipal-key-projects-investment", 2023, "target", "2100", "亿元", None, ["above"]),
    ("childcare-places-per-1000", 2023, "target", "3.5", "个", None, []),
    ("family-doctor-coverage", 2023, "target", "43", "%", None, []),
    ("new-urban-jobs", 2023, "target", "1.9", "万人", None, []),
]


@pytest.mark.parametrize("indicator, year, kind, value, unit, growth, qualifiers", SAMPLE)
def test_sample_against_the_source(doc, source, indicator, year, kind, value, unit, growth, qualifiers):
    fig = find(doc, indicator, year, kind)
    assert_figure(fig, value, unit, growth, qualifiers)
    quote = squash(fig.quote)
    assert quote in source
    for number in (value, growth):
        if number is not None:
            assert number in quote, f"{number} not in {fig.quote}"
    if unit:
        assert unit in quote


def test_doubtful_places_carry_notes(doc):
    # R&D of enterprises is the previous year's value (错年值): said as data, wherever the figure is shown.
    rd = find(doc, "enterprise-rd-spending", 2022, "actual")
    assert "错年值" in rd.quote
    assert rd.comparability.basis == m.ComparabilityBasis.different_scope
    assert "2021" in rd.comparability.note.en
    # The 2023 platform-economy target is below the 2022 result the report gives.
    target = find(doc, "platform-economy-sales", 2023, "target")
    assert target.value < find(doc, "platform-economy-sales", 2022, "actual").value
    assert "407.76" in target.note.zh and "40.776" in target.note.en


def test_metadata_as_printed(doc, source):
    assert doc.doc_number is None  # the source prints no document number
    assert squash(doc.session_document.zh) in source
    assert squash(doc.meeting.zh) in source
    assert doc.presented.isoformat() == "2022-12-21" and "2022年12月21日" in source
    assert squash(doc.issuer.zh) in source
    assert "estimates" in doc.notes.en and "achieved" in doc.notes.en


def test_english_is_impersonal(doc):
    texts = [doc.preamble[1].en, doc.sections[0].closing[0].en, *(b.en for s in doc.sections[1].sections for b in s.body)]
    for t in texts:
        assert not re.search(r"\b(I|we|We|our|Our)\b", t), t[:80]
    assert all(" will " in b.en for s in doc.sections[1].sections for b in s.body)
