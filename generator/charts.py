"""Stage 3b, charts: a document's figures as Altair charts (Vega-Lite specs).

Input: the portal, one document, one language's wording. Output: `Chart`
objects holding the spec, caption, text alternative and data rows. Pure: no
files, no rendering (see draw.py). Rows are sorted so output can be diffed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import altair as alt

from generator import model as m
from generator.portal import Portal, series_key
from generator.wording import Wording

CHART_FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
CHART_WIDTH = 560
# One colour family per kind, so a reader tells targets from results at a glance; a second
# year of the same kind takes the next shade (targets for 2020 and 2025 in a five-year plan).
_KIND_COLOURS = {
    m.FigureKind.baseline: ["#9e9e9e", "#616161", "#bdbdbd"],
    m.FigureKind.target: ["#1565c0", "#64b5f6", "#0d47a1"],
    m.FigureKind.estimate: ["#ef6c00", "#ffb74d", "#e65100"],
    m.FigureKind.actual: ["#2e7d32", "#81c784", "#1b5e20"],
}


def series_colours(series: list[m.Figure]) -> list[str]:
    """Colour of each (year, kind) series, by kind, shaded by its order within the kind."""
    seen: dict[m.FigureKind, int] = {}
    colours = []
    for fig in series:
        shades = _KIND_COLOURS[fig.kind]
        colours.append(shades[seen.get(fig.kind, 0) % len(shades)])
        seen[fig.kind] = seen.get(fig.kind, 0) + 1
    return colours


@dataclass
class Chart:
    id: str
    title: str
    caption: str
    alt_text: str
    spec: dict[str, Any]
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def svg_file(self) -> str:
        """File name beside the document's overview page."""
        return f"chart-{self.id}.svg"

    @property
    def spec_file(self) -> str:
        return f"chart-{self.id}.vl.json"


def document_charts(portal: Portal, document: m.Document, words: Wording) -> list[Chart]:
    """Every chart of a document's overview page (none when it has no growth figures)."""
    chart = growth_chart(portal, document, words)
    return [chart] if chart else []


def growth_chart(portal: Portal, document: m.Document, words: Wording) -> Chart | None:
    """Review-year results next to the targets set for them, and the plan-year targets.

    Targets for the review years come from any document of the same region, so
    a report's estimate meets the target last year's report set.
    """
    t, lang = words.t, words.lang
    points = []  # (indicator, figure), in the order of the comparison
    for indicator_id, pairs in portal.comparison(document):
        indicator = portal.indicator(indicator_id)
        if indicator.headline:
            points += [(indicator, fig) for _doc, fig in pairs if fig.growth is not None]
    if not points:
        return None
    series_keys = sorted({series_key(fig): fig for _i, fig in points}.values(), key=series_key)
    series_names = [words.series(fig.period, fig.kind) for fig in series_keys]
    indicator_names = list(dict.fromkeys(indicator.name.get(lang) for indicator, _f in points))
    values, rows = [], []
    for indicator, fig in points:
        name = indicator.name.get(lang)
        series = words.series(fig.period, fig.kind)
        label = words.figure(fig.model_copy(update={"value": None, "unit": None, "text": None}), short=True)
        values.append({"indicator": name, "series": series, "growth": float(fig.growth), "label": label})
        rows.append([name, series, label])
    review = document.review_period.label()
    plan = document.plan_period.label()
    review_kinds = "/".join(dict.fromkeys(t["figure_kind"][f.kind.value] for f in series_keys
                                          if f.kind != m.FigureKind.target))
    caption = t["chart_growth_caption"].format(review=review, plan=plan, review_kinds=review_kinds)
    alt_text = t["chart_growth_alt"] + t["item_sep"].join(
        name + t["colon"] + t["list_sep"].join(f"{r[1]} {r[2]}" for r in rows if r[0] == name)
        for name in indicator_names
    )
    spec = _grouped_bars(values, indicator_names, series_names, series_colours(series_keys), t["chart_growth_title"])
    return Chart(id="growth", title=t["chart_growth_title"], caption=caption, alt_text=alt_text, spec=spec,
                 columns=[t["indicator"], t["series"], t["chart_axis_growth"]], rows=rows)


def _grouped_bars(values, indicator_names, series_names, colours, title) -> dict[str, Any]:
    """One small panel per indicator, each with its own axis.

    Growth rates differ by orders of magnitude (FDI +525% next to GDP +3%); a
    shared axis would flatten every bar but one.
    """
    base = alt.Chart().encode(
        y=alt.Y("series:N", sort=series_names, title=None, axis=None),
    )
    bars = base.mark_bar(height={"band": 0.8}).encode(
        x=alt.X("growth:Q", title=None, axis=alt.Axis(tickCount=4, grid=True, format="~r"),
                  scale=alt.Scale(zero=True, nice=True)),
        color=alt.Color("series:N", sort=series_names, title=None,
                        scale=alt.Scale(domain=series_names, range=colours),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("indicator:N", title=" "), alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("label:N", title=" ")],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(
        x=alt.X("growth:Q"), text=alt.Text("label:N"),
    )
    chart = (
        alt.layer(bars, labels, data=alt.Data(values=values))
        .properties(width=CHART_WIDTH - 200, height=alt.Step(16))
        .facet(row=alt.Row("indicator:N", sort=indicator_names, title=None,
                           header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=250, labelFontSize=12)))
        .resolve_scale(x="independent", y="independent")
        .properties(title=title)
        .configure(font=CHART_FONT)
        .configure_view(stroke=None)
        .configure_facet(spacing=6)
    )
    return chart.to_dict()
