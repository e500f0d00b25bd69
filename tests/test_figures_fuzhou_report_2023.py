"""Fuzhou's 2023 plan report: every figure it states is structured, and a sample matches the source.

The counts pin the document's figures by kind and growth basis, so that a dropped or
re-typed figure fails here; the sample checks values against sources/fuzhou-report-2023.txt.
"""

import re
from collections import Counter
from decimal import Decimal

import pytest

from generator import model as m
from generator.text import find_row
from generator.validate import validate_content
from tests.conftest import ROOT

DOC_ID = "fuzhou-report-2023"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def doc() -> m.Document:
    portal, warnings = validate_content(ROOT / "content")
    # Every figure of this document passes validation; glossary warnings are the translation's, not the figures'.
    assert [str(p) for p in warnings if DOC_ID in p.file and "glossary" not in p.message] == []
    return next(d for d in portal.documents if d.id == DOC_ID)


@pytest.fixture(scope="module")
def source(doc) -> str:
    return squeeze((ROOT / doc.source.file).read_text(encoding="utf-8"))


def test_figures_by_kind(doc):
    assert Counter(f.kind.value for f in doc.figures) == {"actual": 174, "target": 109, "estimate": 23}


def test_figures_by_growth_basis(doc):
    # An annual report: every growth rate is over the previous year, for a one-year period.
    assert Counter(f.basis.value for f in doc.figures if f.growth is not None) == {"previous-year": 45}
    assert all(f.period.start == f.period.end for f in doc.figures)
    assert Counter(f.year for f in doc.figures) == {2023: 219, 2024: 87}


def test_no_nature_where_the_source_states_none(doc):
    # The report never says 预期性 or 约束性 of a target.
    assert all(f.nature is None for f in doc.figures)


def test_every_filled_cell_of_the_attachment_table_is_one_figure(doc):
    """Each non-empty cell of the three value columns is quoted by a figure or an `also` place."""
    places = Counter()
    for fig in doc.figures:
        for quote, column in [(fig.quote, fig.column)] + [(p.quote, p.column) for p in fig.also]:
            found = find_row(doc, quote)
            if found and column:
                places[(found[1], column)] += 1
    table = next(b.table for s in doc.sections for b in s.body if isinstance(b, m.TableBlock))
    filled = {(i, c) for i, row in enumerate(table.rows, start=1) for c in (3, 4, 5) if row[c - 1].zh.strip()}
    assert len(table.rows) == 22 and len(filled) == 57
    assert set(places) == filled
    # One figure per cell, except the pollutant row whose merged cells hold four pollutants.
    assert {place: n for place, n in places.items() if n != 1} == {(17, 3): 4, (17, 4): 4, (17, 5): 4}


def test_one_figure_per_value(doc):
    keys = Counter((f.indicator, f.period.label(), f.kind) for f in doc.figures)
    assert [key for key, n in keys.items() if n > 1] == []


SAMPLE = [
    # indicator, year, kind, value, growth, qualifiers
    ("gdp", 2023, "estimate", None, "5.3", ["about"]),
    ("gdp", 2023, "target", None, "6.5", ["about"]),
    ("tertiary-value-added", 2024, "target", None, "6.5", []),
    ("tertiary-value-added", 2023, "estimate", None, "5.8", []),
    ("construction-value-added", 2023, "estimate", None, "10", []),
    ("cpi", 2024, "target", None, "3.0", ["within"]),
    ("cpi", 2023, "estimate", None, "0.4", []),
    ("safety-deaths-per-100m-gdp", 2024, "target", "0.006", None, ["within"]),
    ("safety-deaths-per-100m-gdp", 2023, "estimate", "0.0062", None, ["within"]),
    ("rural-disposable-income", 2023, "target", None, "7.5", []),
    ("rd-spending", 2023, "actual", "283", None, []),
    ("rd-spending", 2024, "target", "300", None, ["above"]),
    ("high-tech-enterprises", 2023, "actual", "4000", None, ["above"]),
    ("new-urban-jobs", 2023, "actual", "14", None, []),
    ("elderly-care-beds", 2023, "actual", "2494", None, []),
    ("elderly-care-beds", 2024, "target", "2000", None, []),
    ("tourist-visits", 2023, "actual", "1", None, ["above"]),
    ("provincial-key-project-investment", 2023, "actual", "1196.3", None, []),
    ("exhibition-area", 2023, "actual", "150", "167.6", []),
    ("good-air-days", 2024, "target", "98", None, ["above"]),
    ("services-share", 2023, "estimate", "57", None, []),
    ("subsidised-rental-housing", 2023, "actual", "2.35", None, []),
]


@pytest.mark.parametrize("indicator, year, kind, value, growth, qualifiers", SAMPLE)
def test_sample_figure_matches_the_source(doc, source, indicator, year, kind, value, growth, qualifiers):
    [fig] = [f for f in doc.figures if f.indicator == indicator and f.year == year and f.kind.value == kind]
    assert fig.value == (Decimal(value) if value else None)
    assert fig.growth == (Decimal(growth) if growth else None)
    assert [q.value for q in fig.qualifiers] == qualifiers
    assert squeeze(fig.quote) in source
    if fig.column:
        stated = find_row(doc, fig.quote)[2][fig.column - 1].zh
    else:
        stated = fig.quote
    for number in (value, growth):
        if number:
            assert number in stated, (number, stated)


def test_the_tables_estimate_cells_back_the_prose(doc):
    """Where the prose and the table state the same 2023 estimate, the figure quotes the prose and lists the cell."""
    gdp = next(f for f in doc.figures if f.indicator == "gdp" and f.year == 2023 and f.kind.value == "estimate")
    assert "5.3%左右" in gdp.quote and [(p.column, find_row(doc, p.quote)[1]) for p in gdp.also] == [(4, 1)]
    cpi = next(f for f in doc.figures if f.indicator == "cpi" and f.year == 2024)
    assert cpi.quote == "居民消费价格指数控制在3.0%以内" and [p.column for p in cpi.also] == [5]
