"""Indicator series across documents: per indicator, per region, per year.

Stage: views (between validate and render). Input: the validated portal.
Output: plain data for the indicator pages, the comparison page, the region
pages' headline history and the home page. Grows by itself as documents are
added: nothing here names a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import model as m
from generator.portal import Portal, series_key

RESULT_KINDS = (m.FigureKind.estimate, m.FigureKind.actual)


@dataclass
class Entry:
    """One figure in a series, with the document that states it."""

    document: m.Document
    figure: m.Figure


@dataclass
class Comparison:
    """One indicator across regions for one year (results, else targets), with their notes."""

    year: int
    kind: str  # "results" or "targets"
    entries: list[Entry]
    units: set[str] = field(default_factory=set)
    bases: set[str] = field(default_factory=set)


@dataclass
class IndicatorView:
    indicator: m.Indicator
    category: m.Category
    entries: list[Entry]  # every figure, by region, then period and kind
    regions: list[m.Region]
    comparisons: list[Comparison]


def indicator_views(portal: Portal) -> list[IndicatorView]:
    """A view per catalogue indicator that has figures, in catalogue order."""
    by_indicator: dict[str, list[Entry]] = {}
    for doc in portal.documents:
        for fig in doc.figures:
            by_indicator.setdefault(fig.indicator, []).append(Entry(doc, fig))
    region_order = {r.id: i for i, r in enumerate(portal.regions)}
    views = []
    for indicator in portal.indicators:
        entries = by_indicator.get(indicator.id)
        if not entries:
            continue
        entries.sort(key=lambda e: (region_order[e.document.region], series_key(e.figure), e.document.id))
        regions = [portal.region(r) for r in dict.fromkeys(e.document.region for e in entries)]
        views.append(IndicatorView(indicator, portal.category(indicator.category), entries, regions,
                                   comparisons(entries)))
    return views


def comparisons(entries: list[Entry]) -> list[Comparison]:
    """Years in which two or more regions state a result (or, failing that, a target) for one year."""
    out = []
    years = sorted({e.figure.year for e in entries if e.figure.period.start == e.figure.period.end})
    for year in years:
        for kind, kinds in (("results", RESULT_KINDS), ("targets", (m.FigureKind.target,))):
            picked: dict[str, Entry] = {}
            for e in entries:
                f = e.figure
                if f.period.start == f.period.end == year and f.kind in kinds:
                    known = picked.get(e.document.region)
                    if known is None or (f.kind == m.FigureKind.actual and known.figure.kind != m.FigureKind.actual):
                        picked[e.document.region] = e
            if len(picked) >= 2:
                chosen = list(picked.values())
                out.append(Comparison(year, kind, chosen,
                                      units={e.figure.unit for e in chosen if e.figure.unit},
                                      bases={e.figure.basis.value for e in chosen if e.figure.basis}))
                break
    return out


def by_category(portal: Portal, views: list[IndicatorView]) -> list[tuple[m.Category, list[IndicatorView]]]:
    """The indicator index: categories in catalogue order, each with its indicators that have figures."""
    return [(c, [v for v in views if v.category.id == c.id]) for c in portal.categories
            if any(v.category.id == c.id for v in views)]


def region_history(portal: Portal, region_id: str) -> tuple[list[int], list[tuple[m.Indicator, dict[int, list[Entry]]]]]:
    """A region's headline indicators over time: every one-year figure any document gives, by year."""
    cells: dict[str, dict[int, list[Entry]]] = {}
    for doc in portal.documents_of(region_id):
        for fig in doc.figures:
            if fig.period.start != fig.period.end or not portal.indicator(fig.indicator).headline:
                continue
            cells.setdefault(fig.indicator, {}).setdefault(fig.year, []).append(Entry(doc, fig))
    years = sorted({y for row in cells.values() for y in row})
    rows = []
    for indicator in portal.indicators:
        if indicator.id in cells:
            row = {y: sorted(es, key=lambda e: (series_key(e.figure), e.document.id)) for y, es in cells[indicator.id].items()}
            rows.append((indicator, row))
    return years, rows


def document_matrix(portal: Portal) -> tuple[list[int], list[tuple[m.Region, dict[int, list[m.Document]]]]]:
    """Regions x years: the documents that review each year (a plan: the first year it plans)."""
    def year_of(doc: m.Document) -> int:
        return doc.plan_period.start if doc.kind == m.DocumentKind.five_year_plan else doc.review_period.end

    years = sorted({year_of(d) for d in portal.documents})
    rows = []
    for region in portal.regions:
        cells: dict[int, list[m.Document]] = {}
        for doc in portal.documents_of(region.id):
            cells.setdefault(year_of(doc), []).append(doc)
        rows.append((region, cells))
    return years, rows


def latest_headlines(portal: Portal, per_region: int = 5) -> list[tuple[m.Region, m.Indicator, Entry]]:
    """Per region, the latest result of its first `per_region` headline indicators (GDP first, as the
    catalogue orders them): a glance, not a table of everything (the region pages hold the rest)."""
    out = []
    for region in portal.regions:
        found: dict[str, Entry] = {}
        for doc in portal.documents_of(region.id):
            for fig in doc.figures:
                if fig.kind not in RESULT_KINDS or fig.period.start != fig.period.end:
                    continue
                indicator = portal.indicator(fig.indicator)
                if not indicator.headline:
                    continue
                known = found.get(fig.indicator)
                if known is None or (fig.year, fig.kind == m.FigureKind.actual) > (known.figure.year, known.figure.kind == m.FigureKind.actual):
                    found[fig.indicator] = Entry(doc, fig)
        shown = [indicator for indicator in portal.indicators if indicator.id in found][:per_region]
        out += [(region, indicator, found[indicator.id]) for indicator in shown]
    return out
