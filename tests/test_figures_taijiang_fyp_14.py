"""Taijiang's 14th Five-Year Plan outline: every cell of its two indicator tables and every result and target
its text states is a figure that means what the source says.

Counts by kind, period and basis catch a figure dropped or mis-typed; the table checks make sure no cell of
Table 1 (13th plan results) or Table 2 (14th plan indicators) is left out; the sample checks figures against
the source text itself (sources/taijiang-fyp-14.txt, whitespace and the PDF's bold markers removed).
"""

import re
from collections import Counter
from decimal import Decimal

import pytest

from generator import model as m
from generator.text import document_blocks, find_row
from generator.validate import validate_content
from tests.conftest import ROOT

DOC_ID = "taijiang-fyp-14"


# Glossary misses that are the check's, not the translation's: the rendering's "(Fujian)" is dropped as an
# explanation, so the full name can never match; 沿线街道 are streets along a route, not subdistricts.
KNOWN_GLOSSARY_LIMITS = {"福建自贸试验区福州片区", "街道"}


@pytest.fixture(scope="module")
def checked():
    portal, warnings = validate_content(ROOT / "content")
    mine = [w for w in warnings if w.file.endswith(f"{DOC_ID}.yaml")]
    return next(d for d in portal.documents if d.id == DOC_ID), mine, portal


@pytest.fixture(scope="module")
def doc(checked) -> m.Document:
    return checked[0]


def test_no_warnings_but_known_glossary_check_limits(checked):
    _doc, mine, _portal = checked
    others = [w for w in mine if "glossary term" not in w.message]
    assert others == []
    terms = {re.search(r"glossary term (\S+)", w.message).group(1) for w in mine if "glossary term" in w.message}
    assert terms <= KNOWN_GLOSSARY_LIMITS


def test_english_is_impersonal(doc):
    from generator.glossary import text_units
    voiced = [path for path, t in text_units(doc) if re.search(r"\b(we|We|us)\b", t.en or "")]
    assert voiced == []


@pytest.fixture(scope="module")
def source() -> str:
    return flat((ROOT / "sources" / f"{DOC_ID}.txt").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    text = re.sub(r"</?b>|\*\*|<sub>|</sub>", "", text)
    return re.sub(r"\s+", "", text)


def period(fig: m.Figure) -> str:
    start, end = fig.period.start, fig.period.end
    return str(end) if start == end else f"{start}-{end}"


def find(doc: m.Document, indicator: str, when: str, kind: str, **match) -> m.Figure:
    found = [f for f in doc.figures if f.indicator == indicator and period(f) == when and f.kind.value == kind
             and all(getattr(f, k) == v for k, v in match.items())]
    assert len(found) == 1, (indicator, when, kind, len(found))
    return found[0]


def tables(doc: m.Document) -> list[tuple[str, m.TableBlock]]:
    return [(anchor, block) for anchor, block in document_blocks(doc) if isinstance(block, m.TableBlock)]


def test_figures_by_kind(doc):
    assert Counter(f.kind.value for f in doc.figures) == {"target": 74, "actual": 68, "baseline": 40}


def test_figures_by_period(doc):
    assert Counter(period(f) for f in doc.figures) == {
        "2015": 22, "2020": 58, "2016-2020": 54, "2025": 19, "2021-2025": 28, "2035": 1}


def test_figures_by_growth_basis_and_unit(doc):
    growths = [f for f in doc.figures if f.growth is not None]
    assert Counter(f.basis.value for f in growths) == {"average-annual": 18, "cumulative": 11}
    assert Counter(f.growth_unit.value for f in growths) == {"percent": 22, "points": 7}


def test_nature_only_on_table_2_targets(doc):
    with_nature = [f for f in doc.figures if f.nature is not None]
    assert Counter(f.nature.value for f in with_nature) == {"expected": 24, "binding": 4}
    table2 = tables(doc)[1][0]
    for f in with_nature:
        assert f.kind == m.FigureKind.target
        places = [(f.quote, f.column)] + [(p.quote, p.column) for p in f.also]
        assert any(col and find_row(doc, q)[0] == table2 for q, col in places), f


@pytest.mark.parametrize("which, columns, left_out", [
    # Table 1: 2015, target 2020, target growth, actual 2020, actual growth. Left out: the "/" of exports'
    # target (no target set) and the 不可比 of foreign capital (kept as the 7.8 figure's comparability).
    (0, range(5, 10), {(7, 6), (8, 9)}),
    # Table 2: 2020, 2025 expected, average annual growth / [cumulative]
    (1, range(4, 7), set()),
])
def test_every_cell_of_the_indicator_tables_is_a_figure(doc, which, columns, left_out):
    anchor, block = tables(doc)[which]
    covered = set()
    for f in doc.figures:
        for quote, column in [(f.quote, f.column)] + [(p.quote, p.column) for p in f.also]:
            if column:
                found = find_row(doc, quote)
                if found[0] == anchor:
                    covered.add((found[1], column))
    cells = {(r, c) for r, row in enumerate(block.table.rows, start=1) for c in columns if row[c - 1].zh.strip()}
    assert len(block.table.rows) == 18
    assert cells - covered == left_out
    assert covered <= cells


def test_table_figures_state_the_digits_of_their_cell(doc):
    for f in doc.figures:
        for quote, column in [(f.quote, f.column)] + [(p.quote, p.column) for p in f.also]:
            if not column:
                continue
            cell = find_row(doc, quote)[2][column - 1].zh
            number = f.value if f.value is not None else f.growth
            if number is None:
                assert f.text.zh in cell, (f.indicator, cell)
            else:
                assert format(number.normalize(), "f") in cell, (f.indicator, number, cell)


def test_the_gdp_target_is_about_7_5_percent_a_year_from_its_sentence(doc, source):
    f = find(doc, "gdp", "2021-2025", "target", growth=Decimal("7.5"))
    assert f.growth_basis == m.GrowthBasis.average_annual
    assert f.qualifiers == [m.Qualifier.about]
    assert f.nature == m.Nature.expected
    assert f.column is None and "年均增长7.5%左右" in f.quote and flat(f.quote) in source
    assert [p.column for p in f.also] == [6] and find_row(doc, f.also[0].quote)[2][5].zh == "7.5%"


def test_foreign_capital_in_yuan_is_not_comparable(doc):
    f = find(doc, "foreign-investment", "2020", "actual")
    assert (f.value, f.unit) == (Decimal("7.8"), "亿元")
    assert f.comparability.basis == m.ComparabilityBasis.not_comparable
    assert "不可比" in f.comparability.note.zh and "US dollars" in f.comparability.note.en
    target = find(doc, "foreign-investment", "2016-2020", "target")
    assert (target.value, target.unit, target.qualifiers) == (Decimal("4.5"), "亿美元", [m.Qualifier.cumulative])


def test_inland_river_water_quality_is_its_own_series(doc):
    inland = [f for f in doc.figures if f.indicator == "inland-river-water-quality"]
    surface = [f for f in doc.figures if f.indicator == "surface-water-quality"]
    assert len(inland) == 5 and all("内河水质达标率" in f.quote for f in inland)
    assert len(surface) == 2 and all("地表水达到或好于Ⅲ类水体比例" in f.quote for f in surface)
    gain = find(doc, "inland-river-water-quality", "2016-2020", "actual")
    assert (gain.growth, gain.growth_basis, gain.growth_unit) == (
        Decimal("30.1"), m.GrowthBasis.cumulative, m.GrowthUnit.points)


def test_metadata_as_printed(doc, source):
    assert doc.doc_number.zh == "台政综〔2021〕12号" and doc.doc_number.zh in source
    assert str(doc.approved) == "2021-01-29" and "(2021年1月29日区十七届人大六次会议批准)" in source
    assert str(doc.issued) == "2021-05-12" and "福州市台江区人民政府2021年5月12日" in source
    assert doc.meeting.zh == "福州市台江区第十七届人民代表大会第六次会议"


# (indicator, period, kind, value, growth, qualifiers): each checked against the source text
SAMPLE = [
    ("gdp", "2015", "baseline", "369.6", None, []),
    ("gdp", "2020", "actual", "600", None, ["above"]),
    ("gdp-per-capita", "2016-2020", "actual", None, "58", []),
    ("tertiary-value-added", "2020", "actual", "500", None, ["above"]),
    ("new-high-tech-enterprises", "2020", "actual", "81", None, []),
    ("new-high-tech-enterprises", "2016-2020", "actual", "189", None, ["cumulative"]),
    ("maker-spaces", "2020", "target", "5", None, []),
    ("education-spending-share", "2016-2020", "actual", None, "2.6", []),
    ("new-urban-jobs", "2016-2020", "actual", "41873", None, ["cumulative"]),
    ("pm25", "2020", "target", "0.035", None, ["below"]),
    ("livelihood-spending", "2016-2020", "actual", "72.69", None, ["cumulative"]),
    ("online-sales", "2016-2020", "actual", None, "240", []),
    ("services-share", "2021-2025", "target", None, "4.7", []),
    ("new-urban-jobs", "2021-2025", "target", "3.5", None, ["cumulative"]),
    ("disposable-income", "2021-2025", "target", None, "8", ["above"]),
    ("good-air-days", "2021-2025", "target", "90", None, ["above"]),
    ("affordable-kindergarten-coverage", "2021-2025", "target", "86", None, ["above"]),
    ("green-space-ratio", "2025", "target", "21", None, []),
    ("built-up-green-coverage", "2025", "target", "36", None, []),
    ("culture-approvals-one-trip", "2021-2025", "target", "93", None, ["above"]),
]


@pytest.mark.parametrize("indicator, when, kind, value, growth, qualifiers", SAMPLE)
def test_sample_against_the_source(doc, source, indicator, when, kind, value, growth, qualifiers):
    match = {"value": Decimal(value)} if value else {"growth": Decimal(growth)}
    f = find(doc, indicator, when, kind, **match)
    assert [q.value for q in f.qualifiers] == qualifiers
    if f.column:
        # a table cell: the whole row is in the source with its cells in order
        cells = [c.zh for c in find_row(doc, f.quote)[2] if c.zh.strip()]
        assert re.search(".*?".join(re.escape(flat(c)) for c in cells), source)
        assert (value or growth) in find_row(doc, f.quote)[2][f.column - 1].zh
    else:
        assert flat(f.quote) in source
        assert (value or growth) in f.quote
