"""Taijiang's 2024 plan report: every figure it states is structured, and what is structured is what it says.

Counts by kind and growth basis catch a dropped or mis-typed figure; the sample checks values, kinds,
qualifiers and quotes against the source text itself (sources/taijiang-report-2024.txt), not the YAML.
"""

import re
from collections import Counter

import pytest

from generator import model as m
from generator.validate import validate_content
from tests.conftest import ROOT
from tests.figures_support import assert_figure, find

DOC_ID = "taijiang-report-2024"


@pytest.fixture(scope="module")
def portal():
    """The portal, and no warning about this document (errors anywhere would raise): its quotes,
    places, units, indicators and glossary renderings are all as `portal validate --strict` wants."""
    portal, warnings = validate_content(ROOT / "content")
    assert [str(w) for w in warnings if w.file.endswith(f"{DOC_ID}.yaml")] == []
    return portal


@pytest.fixture(scope="module")
def doc(portal) -> m.Document:
    return next(d for d in portal.documents if d.id == DOC_ID)


@pytest.fixture(scope="module")
def source() -> str:
    """The source without whitespace: its hard wraps and the spaces around numbers are not text."""
    return re.sub(r"\s+", "", (ROOT / "sources" / f"{DOC_ID}.txt").read_text(encoding="utf-8"))


def test_figures_by_kind(doc):
    assert Counter(f.kind.value for f in doc.figures) == {"actual": 121, "target": 31, "estimate": 9}


def test_figures_by_period_and_growth_basis(doc):
    # An annual report: every figure is for one year, every growth is over the previous year.
    assert Counter(f.period.end for f in doc.figures) == {2024: 130, 2025: 31}
    assert all(f.period.start == f.period.end for f in doc.figures)
    assert Counter(f.basis.value for f in doc.figures if f.growth is not None) == {"previous-year": 22}
    assert sum(1 for f in doc.figures if f.growth is not None and f.growth < 0) == 3  # the three police figures (下降)


def test_one_figure_per_value(doc):
    keys = [(f.indicator, f.period.label(), f.kind) for f in doc.figures]
    assert len(keys) == len(set(keys))


def test_every_quote_is_in_the_source(doc, source):
    for fig in doc.figures:
        for piece in fig.quote.split("…"):
            assert re.sub(r"\s+", "", piece) in source, (fig.indicator, piece)


def test_no_nature_where_the_source_states_none(doc, source):
    assert "预期性" not in source and "约束性" not in source
    assert all(f.nature is None for f in doc.figures)


# indicator, year, kind, value, unit, growth, qualifiers
SAMPLE = [
    ("gdp", 2024, "estimate", "750.5", "亿元", "6", []),
    ("urban-disposable-income", 2024, "estimate", "6.6", "万元", "4.1", []),
    ("gdp", 2025, "target", None, None, "5.5", ["about"]),
    ("tertiary-value-added", 2024, "actual", "448.19", "亿元", "5.4", []),
    ("tertiary-value-added", 2025, "target", None, None, "5.5", []),
    ("campaign-project-investment", 2024, "estimate", "224.5", "亿元", None, []),
    ("livelihood-spending-share", 2024, "estimate", "84.3", "%", None, []),
    ("high-tech-enterprises", 2024, "actual", "323", "家", None, []),
    ("rd-spending", 2024, "actual", None, None, "52.6", []),
    ("rd-spending", 2025, "target", None, None, "15", []),
    ("private-investment-share", 2024, "actual", "60", "%", None, ["above"]),
    ("private-investment-contribution", 2024, "actual", "9.2", "个百分点", None, []),
    ("land-area-transferred", 2024, "actual", "211.3", "亩", None, ["about"]),
    ("good-air-days", 2024, "actual", "99.4", "%", None, []),
    ("reemployment-of-unemployed", 2024, "actual", "3351", "人", None, []),
    ("reemployment-of-unemployed", 2025, "target", "3200", "人", None, ["above"]),
    ("school-places-added", 2025, "target", "2970", "个", None, ["above"]),
    ("childcare-places-per-1000", 2025, "target", "4.5", "个", None, []),
    ("gambling-incidents", 2024, "actual", None, None, "-27.3", []),
    ("trade-in-sales", 2024, "actual", "6.46", "亿元", None, ["above", "cumulative"]),
]


@pytest.mark.parametrize("indicator, year, kind, value, unit, growth, qualifiers", SAMPLE)
def test_sample_against_the_source(doc, source, indicator, year, kind, value, unit, growth, qualifiers):
    fig = find(doc, indicator, year, kind)
    assert_figure(fig, value, unit, growth, qualifiers)
    quote = re.sub(r"\s+", "", fig.quote)
    assert quote in source
    for number in (value, growth):
        if number:  # the digits as printed (a fall keeps its sign in the data, not in the words 下降X%)
            assert number.lstrip("-") in quote, (indicator, number, quote)
    sentence = next(s for s in source.split("。") if quote in s)
    assert ("预计" in sentence) == (kind == "estimate"), (indicator, sentence)


def test_hedges_and_scopes_the_source_prints(doc):
    jobs = find(doc, "new-urban-jobs", 2024, "actual")
    assert jobs.comparability.basis.value == "different-scope" and "新业态" in jobs.quote
    assert find(doc, "new-urban-jobs", 2025, "target").comparability is None
    revenue = find(doc, "local-general-budget-revenue", 2025, "target")
    assert revenue.comparability.basis.value == "like-for-like" and "同口径" in revenue.quote
    assert [q.value for q in find(doc, "urban-disposable-income", 2025, "target").qualifiers] == ["in-step"]
    assert "三季度" in find(doc, "tertiary-value-added", 2024, "actual").note.zh
    visits = find(doc, "tourist-visits", 2024, "actual")  # 超千万人次: more than ten million
    assert (visits.value, visits.unit, [q.value for q in visits.qualifiers]) == (1000, "万人次", ["above"])
    assert find(doc, "financial-dispute-cases", 2024, "actual").text.zh == "近2.2万件"  # "nearly" has no qualifier


def test_metadata_as_printed(doc, source):
    assert doc.doc_number is None
    assert doc.session_document.zh == "区十八届人大四次会议文件（五）"
    assert "区十八届人大四次会议文件（五）" in source
    assert str(doc.presented) == "2024-12-26" and "2024年12月26日在福州市台江区第十八届人民代表大会第四次会议上" in source
    assert doc.meeting.zh == "福州市台江区第十八届人民代表大会第四次会议"
    assert doc.issuer.zh in source


def test_english_speaks_in_the_third_person(doc):
    from generator import text

    for _anchor, block in text.document_blocks(doc):
        if isinstance(block, m.Paragraph):
            assert not re.search(r"\b(we|We|I hereby|our district)\b", block.en), block.en[:80]
