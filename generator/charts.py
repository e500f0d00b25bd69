"""Stage 3b, charts: a document's figures as Altair charts (Vega-Lite specs).

Input: the portal, one document, one language's wording. Output: `Chart`
objects holding the spec, caption, text alternative and data rows. Pure: no
files, no rendering (see draw.py). Rows are sorted so output can be diffed.
"""

from __future__ import annotations

import copy
import functools
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
    spec: dict[str, Any]  # wide: desktop
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    spec_narrow: dict[str, Any] | None = None  # phones: labels above the bars, same type size

    @property
    def svg_file(self) -> str:
        """File name beside the page that shows it."""
        return f"chart-{self.id}.svg"

    @property
    def svg_narrow_file(self) -> str:
        return f"chart-{self.id}-narrow.svg"

    @property
    def spec_file(self) -> str:
        return f"chart-{self.id}.vl.json"

    @property
    def spec_narrow_file(self) -> str:
        return f"chart-{self.id}-narrow.vl.json"


# Growth rates a chart draws: per year (over the previous year, or a yearly average over a
# span). Totals over a period and changes in percentage points are other scales: tables only.
CHARTED_BASES = (m.GrowthBasis.previous_year, m.GrowthBasis.average_annual)
WIDE_WIDTH, NARROW_WIDTH = 560, 330
FONT_SIZE = 12  # px in the SVG; drawn at natural size, so on a phone too (the narrow variant fits 390 px)


def charted(fig: m.Figure) -> bool:
    return fig.growth is not None and fig.growth_unit == m.GrowthUnit.percent and fig.basis in CHARTED_BASES


def document_charts(portal: Portal, document: m.Document, words: Wording) -> list[Chart]:
    """Every chart of a document's overview page (none when it has no growth figures)."""
    chart = growth_chart(portal, document, words)
    return [chart] if chart else []


def growth_chart(portal: Portal, document: m.Document, words: Wording) -> Chart | None:
    """Review-year results next to the targets set for them, and the plan-year targets.

    Targets for the review years come from any document of the same region, so
    a report's estimate meets the target last year's report set.
    """
    t = words.t
    points = []  # (panel name, figure), in the order of the comparison
    for indicator_id, pairs in portal.comparison(document):
        indicator = portal.indicator(indicator_id)
        if indicator.headline:
            points += [(indicator.name.get(words.lang), fig) for _doc, fig in pairs if charted(fig)]
    if not points:
        return None
    review_kinds = "/".join(dict.fromkeys(t["figure_kind"][f.kind.value] for _p, f in points
                                          if f.kind != m.FigureKind.target))
    caption = t["chart_growth_caption"].format(review=document.review_period.label(),
                                               plan=document.plan_period.label(), review_kinds=review_kinds)
    return _growth_bars("growth", points, t["chart_growth_title"], caption, t["indicator"], words)


def indicator_chart(portal: Portal, indicator: m.Indicator, entries: list, words: Wording) -> Chart | None:
    """An indicator's growth rates by region: every year and target any document gives, one scale."""
    t = words.t
    points = [(portal.region(e.document.region).name.get(words.lang), e.figure) for e in entries if charted(e.figure)]
    if not points:
        return None
    name = indicator.name.get(words.lang)
    title = t["chart_indicator_title"].format(indicator=name)
    return _growth_bars(f"{indicator.id}", points, title, t["chart_indicator_caption"].format(indicator=name),
                        t["column_region"], words)


def _growth_bars(chart_id: str, points: list[tuple[str, m.Figure]], title: str, caption: str, panel_label: str,
                 words: Wording) -> Chart:
    t = words.t
    series_figs = sorted({series_key(fig): fig for _p, fig in points}.values(), key=series_key)
    series_names = [words.chart_series(fig) for fig in series_figs]
    panels = list(dict.fromkeys(panel for panel, _f in points))
    low, high = _domain([float(fig.growth) for _p, fig in points])
    values, rows = [], []
    for panel, fig in points:
        growth = float(fig.growth)
        clipped = growth > high or growth < low
        label = words.figure(fig.model_copy(update={"value": None, "unit": None, "text": None}), short=True)
        values.append({"panel": _wrap(panel), "panel_name": panel, "series": words.chart_series(fig),
                       "growth": growth, "shown": min(max(growth, low), high),
                       "label": ("▶ " if clipped else "") + label, "clipped": clipped})
        rows.append([panel, words.chart_series(fig), label])
    panels = [_wrap(p) for p in panels]
    alt_text = t["chart_growth_alt"] + t["item_sep"].join(
        p + t["colon"] + t["list_sep"].join(f"{r[1]} {r[2]}" for r in rows if r[0] == p) for p in panels)
    colours = series_colours(series_figs)
    tips = (t["chart_tip_panel"].format(panel_label), t["series"], t["column_value"])
    spec = _bars_spec(values, panels, series_names, colours, title, (low, high), tips, narrow=False)
    narrow = _bars_spec(values, panels, series_names, colours, title, (low, high), tips, narrow=True)
    return Chart(id=chart_id, title=title, caption=caption, alt_text=alt_text, spec=spec, spec_narrow=narrow,
                 columns=[panel_label, t["series"], t["chart_axis_growth"]], rows=rows)


def _domain(values: list[float]) -> tuple[float, float]:
    """One scale for every bar: zero, and the values, except one far outside the rest
    (FDI +525% beside GDP +3%), which is clipped at the edge and labelled with its number."""
    ordinary = sorted(abs(v) for v in values)
    typical = ordinary[len(ordinary) // 2] if ordinary else 1.0
    limit = max(4 * typical, 30.0)
    inside = [v for v in values if abs(v) <= limit] or [0.0]
    high = max(max(inside), 0.0)
    low = min(min(inside), 0.0)
    if any(v > limit for v in values):
        high = max(high, limit) * 1.1
    if any(v < -limit for v in values):
        low = min(low, -limit) * 1.1
    high = high if high > low else low + 1
    room = 0.3 * (high - low)  # the value labels stand beyond the bars, inside the drawing
    return (low - room if low < 0 else low, high + room if high > 0 else high)


def _wrap(name: str, width: int = 26) -> str:
    """A panel name on short lines, so that no label is cut and the chart keeps its width."""
    cjk = sum(1 for c in name if "\u3400" <= c <= "\u9fff")
    if cjk > len(name) / 2:
        step = width // 2
        return "\n".join(name[i:i + step] for i in range(0, len(name), step))
    lines, line = [], ""
    for word in name.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _bars_spec(values, panels, series_names, colours, title, domain, tips, narrow: bool) -> dict[str, Any]:
    """Small multiples on one shared scale: a row per panel (indicator or region), a bar per series.

    Altair takes ~40 ms to assemble and check a spec, and a portal has thousands
    of charts: the spec is built once per layout with placeholders, then filled
    (`altair_bars_spec` builds it the slow way; a test holds the two equal).
    """
    filling = {"values": list(values), "panels": list(panels), "series_names": list(series_names),
               "colours": list(colours), "title": title, "domain0": domain[0], "domain1": domain[1],
               "tip0": tips[0], "tip1": tips[1], "tip2": tips[2]}
    return _fill(_bars_template(narrow), filling)


_SLOT = "\x00slot:"


@functools.lru_cache(maxsize=None)
def _bars_template(narrow: bool) -> dict[str, Any]:
    lists = {name: [_SLOT + name] for name in ("values", "panels", "series_names", "colours")}
    return altair_bars_spec(lists["values"], lists["panels"], lists["series_names"], lists["colours"], _SLOT + "title",
                            (_SLOT + "domain0", _SLOT + "domain1"), (_SLOT + "tip0", _SLOT + "tip1", _SLOT + "tip2"),
                            narrow, validate=False)


def _fill(template: Any, filling: dict[str, Any]) -> Any:
    """A copy of `template` with each placeholder (a string, or a list holding one) replaced by its value."""
    if isinstance(template, dict):
        return {key: _fill(value, filling) for key, value in template.items()}
    if isinstance(template, list):
        if len(template) == 1 and isinstance(template[0], str) and template[0].startswith(_SLOT):
            value = filling[template[0][len(_SLOT):]]
            if isinstance(value, list):
                return copy.deepcopy(value)
        return [_fill(item, filling) for item in template]
    if isinstance(template, str) and template.startswith(_SLOT):
        return filling[template[len(_SLOT):]]
    return template


def altair_bars_spec(values, panels, series_names, colours, title, domain, tips, narrow: bool,
                     validate: bool = True) -> dict[str, Any]:
    """The bars chart built by Altair itself (the template of `_bars_spec`, and its check)."""
    width = NARROW_WIDTH - 20 if narrow else WIDE_WIDTH - 200
    base = alt.Chart().encode(y=alt.Y("series:N", sort=series_names, title=None, axis=None))
    bars = base.mark_bar(height={"band": 0.8}).encode(
        x=alt.X("shown:Q", title=None, scale=alt.Scale(domain=list(domain), nice=False, zero=True, clamp=True),
                axis=alt.Axis(tickCount=4, grid=True, format="~r", labelFontSize=FONT_SIZE)),
        color=alt.Color("series:N", sort=series_names, title=None, scale=alt.Scale(domain=series_names, range=colours),
                        legend=alt.Legend(orient="top", direction="vertical" if narrow else "horizontal",
                                          labelLimit=0, labelFontSize=FONT_SIZE, columns=1 if narrow else 2,
                                          symbolType="square")),
        tooltip=[alt.Tooltip("panel_name:N", title=tips[0]), alt.Tooltip("series:N", title=tips[1]),
                 alt.Tooltip("label:N", title=tips[2])],
    )
    # Value labels sit beyond the end of the bar: to the right of a rise, to the left of a fall.
    rises = base.mark_text(align="left", dx=3, fontSize=FONT_SIZE).encode(
        x=alt.X("shown:Q"), text=alt.Text("label:N")).transform_filter("datum.shown >= 0")
    falls = base.mark_text(align="right", dx=-3, fontSize=FONT_SIZE).encode(
        x=alt.X("shown:Q"), text=alt.Text("label:N")).transform_filter("datum.shown < 0")
    header = alt.Header(labelAngle=0, labelAlign="left" if narrow else "right", labelLimit=0,
                        labelExpr="split(datum.value, '\\n')",
                        labelFontSize=FONT_SIZE + 1, labelOrient="top" if narrow else "left",
                        labelAnchor="start" if narrow else "middle", labelBaseline="middle", labelPadding=6)
    chart = (
        alt.layer(bars, rises, falls, data=alt.Data(values=values))
        .properties(width=width, height=alt.Step(18))
        .facet(row=alt.Row("panel:N", sort=panels, title=None, header=header))
        .resolve_scale(y="independent")
        .properties(title=alt.Title(title, fontSize=FONT_SIZE + 1, anchor="start", limit=0))
        .configure(font=CHART_FONT)
        .configure_view(stroke=None)
        .configure_facet(spacing=10 if narrow else 6)
    )
    spec = chart.to_dict(validate=validate)
    spec["padding"] = {"left": 5, "top": 5, "bottom": 5, "right": 10}
    return spec
