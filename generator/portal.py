"""The portal after validation: every document and catalogue, and the queries pages need.

Stage: none (data). Built by validate.py from the content models; read by
render, charts and export. The joins that put figures of different documents
side by side live here, once, so tables and charts agree.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional

from pydantic import BaseModel, ConfigDict, PrivateAttr

from generator.model import Category, Document, Figure, FigureKind, GlossaryTerm, Indicator, Region, Unit
from generator.text import exact_anchor, find_quote

class Portal(BaseModel):
    """Everything the site shows, validated, with the lookups the pages need."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    _anchors: dict = PrivateAttr(default_factory=dict)
    _views: dict = PrivateAttr(default_factory=dict)

    regions: list[Region]
    units: list[Unit]
    categories: list[Category]
    indicators: list[Indicator]
    glossary: list[GlossaryTerm]
    documents: list[Document]

    def region(self, region_id: str) -> Region:
        return self.by_id["regions"][region_id]

    def indicator(self, indicator_id: str) -> Indicator:
        return self.by_id["indicators"][indicator_id]

    def category(self, category_id: str):
        return self.by_id["categories"][category_id]

    def unit(self, unit_id: str) -> Unit:
        return self.by_id["units"][unit_id]

    @cached_property
    def by_id(self) -> dict[str, dict]:
        """Each catalogue by id, made on first use: pages look ids up hundreds of thousands of times."""
        return {name: {item.id: item for item in getattr(self, name)}
                for name in ("regions", "indicators", "categories", "units")}

    def remembered(self, key: tuple, make):
        """`make()`, made once per key: a view that several pages read (a plan's tracked targets are on
        its own page, its region's page and every report of its years; made anew each time, their
        cost grew with the square of a region's years)."""
        if key not in self._views:
            self._views[key] = make()
        return self._views[key]

    def documents_of(self, region_id: str) -> list[Document]:
        """A region's documents, newest plan period first."""
        docs = [d for d in self.documents if d.region == region_id]
        return sorted(docs, key=lambda d: (d.plan_period.end, d.plan_period.start, d.id), reverse=True)

    def figures_of(self, region_id: str, indicator_id: str) -> list[tuple[Document, Figure]]:
        """Every figure any document of a region states for one indicator, by year and kind."""
        return list(self._figures_by_region.get(region_id, {}).get(indicator_id, []))

    @cached_property
    def _figures_by_region(self) -> dict[str, dict[str, list[tuple[Document, Figure]]]]:
        """Region -> indicator -> (document, figure), sorted as figures_of gives them; made once."""
        out: dict[str, dict[str, list[tuple[Document, Figure]]]] = {}
        for doc in self.documents:
            for fig in doc.figures:
                out.setdefault(doc.region, {}).setdefault(fig.indicator, []).append((doc, fig))
        for by_indicator in out.values():
            for pairs in by_indicator.values():
                pairs.sort(key=lambda pair: (series_key(pair[1]), pair[0].id))
        return out

    def comparison(self, document: Document) -> list[tuple[str, list[tuple[Document, Figure]]]]:
        """Per indicator the document states (in order of first mention): its own figures and
        the targets any document of the region set for the years it reviews.

        This is the join that puts a report's estimate next to the target an
        earlier document set for the same year; tables and charts both use it.
        """
        out = []
        for indicator_id in dict.fromkeys(f.indicator for f in document.figures):
            pairs = [(doc, fig) for doc, fig in self.figures_of(document.region, indicator_id)
                     if doc.id == document.id
                     or (fig.kind == FigureKind.target and fig.year in document.review_period)]
            out.append((indicator_id, pairs))
        return out

    def source_anchor(self, document: Document, quote: str) -> Optional[str]:
        """Anchor of the block a quote comes from (searched once per quote)."""
        key = (document.id, quote)
        if key not in self._anchors:
            self._anchors[key] = find_quote(document, quote)
        return self._anchors[key]

    def find_figure_anchors(self) -> None:
        """Find every figure's anchor now, once: before the build's processes fork, so that neither
        language nor the open data searches the texts again."""
        for doc in self.documents:
            for fig in doc.figures:
                self.figure_anchor(doc, fig)

    def figure_anchor(self, document: Document, fig: Figure) -> Optional[str]:
        """Anchor of the exact sentence, table row or box item a figure comes from."""
        key = (document.id, fig.quote, "exact")
        if key not in self._anchors:
            self._anchors[key] = exact_anchor(document, fig.quote)
        return self._anchors[key]


# Columns and series run by year, then in this order within a year.
KIND_ORDER = (FigureKind.baseline, FigureKind.target, FigureKind.estimate, FigureKind.actual)


def series_key(fig: Figure) -> tuple[int, int, int]:
    """Sort key of a figure's (period, kind) series: by the last year, longer spans first."""
    return fig.period.end, fig.period.start, KIND_ORDER.index(fig.kind)


