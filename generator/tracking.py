"""Plan tracking: each target next to what later documents say happened, with a status.

Stage: views (between validate and render). Input: the validated portal.
Output: plain data (`Tracked`) that the region, document and home pages and
the exports read. The status rules live here, once, with their thresholds;
their wording (and the methodology's explanation) lives in
site_templates/statuses.yaml and is filled with the same thresholds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from generator import model as m
from generator.portal import Portal

# How close "about" (左右) must come: rates in percentage points, levels as a share of the target.
ABOUT_RATE_POINTS = 0.5
ABOUT_LEVEL_SHARE = 0.02
# How far above the path a result must be to count as "ahead".
AHEAD_RATE_POINTS = 1.0
AHEAD_LEVEL_SHARE = 0.05
THRESHOLDS = {
    "about_rate_points": ABOUT_RATE_POINTS, "about_level_pct": round(ABOUT_LEVEL_SHARE * 100),
    "ahead_rate_points": AHEAD_RATE_POINTS, "ahead_level_pct": round(AHEAD_LEVEL_SHARE * 100),
}

STATUSES = ("met", "not-met", "ahead", "on-track", "behind", "not-comparable", "no-data")
RESULT_KINDS = (m.FigureKind.estimate, m.FigureKind.actual)
_UPPER_BOUNDS = (m.Qualifier.within, m.Qualifier.below)
_LOWER_BOUNDS = (m.Qualifier.at_least, m.Qualifier.above)


@dataclass(frozen=True)
class Observation:
    """A later result for a tracked target: what one document says happened in one year."""

    document: m.Document
    figure: m.Figure


@dataclass
class Tracked:
    """One target, followed: its baseline, the path it implies, the results so far and a status."""

    document: m.Document
    target: m.Figure
    baseline: Optional[m.Figure] = None
    observations: list[Observation] = field(default_factory=list)
    status: str = "no-data"
    reason: Optional[str] = None  # why not comparable: a key of statuses.yaml `reasons`
    measure: str = ""  # "rate" | "level" | "total" | "words": what was compared
    achieved: Optional[float] = None  # the results, summed up as the target is stated (average rate, level, total)
    expected: Optional[float] = None  # where the path says the results should be by then
    years: tuple[int, ...] = ()  # years with results


def plan_targets(portal: Portal, plan: m.Document) -> list[Tracked]:
    """Every target a document sets within its plan period, tracked against every later result of its region
    (made once per plan; the list is shared, so callers must not change it)."""
    def make():
        targets = [f for f in plan.figures if f.kind == m.FigureKind.target and f.period.end <= plan.plan_period.end]
        return [track(portal, plan, fig) for fig in targets]

    return portal.remembered(("plan targets", plan.id), make)


def region_tracking(portal: Portal, region_id: str) -> list[Tracked]:
    """The targets of a region's five-year plans, newest plan first."""
    plans = [d for d in portal.documents_of(region_id) if d.kind == m.DocumentKind.five_year_plan]
    return [t for plan in plans for t in plan_targets(portal, plan)]


def targets_reviewed_by(portal: Portal, report: m.Document) -> list[Tracked]:
    """Five-year-plan targets of the report's region whose period includes the years the report reviews."""
    out = []
    for plan in portal.documents_of(report.region):
        if plan.kind != m.DocumentKind.five_year_plan or plan.id == report.id:
            continue
        for tracked in plan_targets(portal, plan):
            if any(o.document.id == report.id for o in tracked.observations):
                out.append(tracked)
    return out


def track(portal: Portal, plan: m.Document, target: m.Figure) -> Tracked:
    tracked = Tracked(plan, target, baseline=_baseline(plan, target))
    results = _results(portal, plan, target)
    if target.comparability and target.comparability.basis != m.ComparabilityBasis.like_for_like:
        tracked.status, tracked.reason = "not-comparable", "marked"
        tracked.observations = results
        return tracked
    comparable = [o for o in results if not (o.figure.comparability and
                                             o.figure.comparability.basis != m.ComparabilityBasis.like_for_like)]
    if target.growth is not None and target.growth_unit == m.GrowthUnit.percent:
        _rate(tracked, comparable, results)
    elif target.value is not None and m.Qualifier.cumulative in target.qualifiers:
        _total(tracked, comparable, results)
    elif target.value is not None:
        _level(tracked, comparable, results)
    else:
        tracked.observations = results
        tracked.measure = "words"
        tracked.status, tracked.reason = ("not-comparable", "qualitative") if results else ("no-data", None)
    return tracked


def _results(portal: Portal, plan: m.Document, target: m.Figure) -> list[Observation]:
    """Estimates and actuals for the target's years from any document of the region: one per year,
    an actual before an estimate, a newer document before an older one."""
    first = target.period.start
    if target.growth is None and plan.kind == m.DocumentKind.five_year_plan and target.period.start == target.period.end:
        first = min(first, plan.plan_period.start)  # a level to reach by a year: the plan's years lead to it
    best: dict[int, Observation] = {}
    for doc, fig in portal.figures_of(plan.region, target.indicator):
        if fig.kind not in RESULT_KINDS:
            continue
        whole = fig.period == target.period  # a result for the whole span: a five-year average or total
        if fig.period.start != fig.period.end and not whole:
            continue
        if not first <= fig.period.end <= target.period.end:
            continue
        here = Observation(doc, fig)
        known = best.get(fig.year)
        if known is None or _rank(here, target) > _rank(known, target):
            best[fig.year] = here
    return [best[y] for y in sorted(best)]


def _rank(obs: Observation, target: m.Figure) -> tuple:
    """Which of two results for one year counts: one stated as the target is (the same growth basis,
    or a level in the same unit), then an outturn before an estimate, then the newer document.
    A document without a date counts from the start of its plan period: a date and a bare year must compare."""
    fig, doc = obs.figure, obs.document
    alike = (target.growth is not None and fig.growth is not None and fig.basis == target.basis
             and fig.growth_unit == target.growth_unit) or \
            (target.growth is None and target.value is not None and fig.value is not None and fig.unit == target.unit)
    when = (doc.date.year, doc.date.month, doc.date.day) if doc.date else (doc.plan_period.start, 0, 0)
    return (alike, fig.kind == m.FigureKind.actual, doc.review_period.end, when, doc.id)


def _baseline(plan: m.Document, target: m.Figure) -> Optional[m.Figure]:
    found = [f for f in plan.figures if f.kind == m.FigureKind.baseline and f.indicator == target.indicator
             and f.period.end < target.period.end and (target.value is None or f.unit == target.unit)]
    return max(found, key=lambda f: f.period.end) if found else None


def _bound(target: m.Figure) -> str:
    """'upper' for within/below, 'lower' for at-least/above, 'about' or 'exact'."""
    if any(q in target.qualifiers for q in _UPPER_BOUNDS):
        return "upper"
    if any(q in target.qualifiers for q in _LOWER_BOUNDS):
        return "lower"
    return "about" if m.Qualifier.about in target.qualifiers else "exact"


def _judge(tracked: Tracked, achieved: float, expected: float, tolerance: float, ahead: float, final: bool) -> None:
    """Set the status from where the results are against where the path says they should be."""
    bound = _bound(tracked.target)
    tracked.achieved, tracked.expected = achieved, expected
    slack = tolerance if bound == "about" else 0.0
    if bound == "upper":
        ok = achieved <= expected
        tracked.status = ("met" if ok else "not-met") if final else ("on-track" if ok else "behind")
        return
    ok = achieved >= expected - slack - 1e-9
    if final:
        tracked.status = "met" if ok else "not-met"
    elif achieved >= expected + ahead - 1e-9 and bound != "lower":
        tracked.status = "ahead"
    else:
        tracked.status = "on-track" if ok else "behind"


def _rate(tracked: Tracked, comparable: list[Observation], results: list[Observation]) -> None:
    """A growth target: yearly results compounded as the target is stated (a year, a yearly average, a total)."""
    target = tracked.target
    tracked.measure = "rate"
    rates = [o for o in comparable if o.figure.growth is not None and o.figure.growth_unit == m.GrowthUnit.percent]
    tracked.observations = rates or results
    if not rates:
        tracked.status, tracked.reason = ("not-comparable", "level-vs-rate") if results else ("no-data", None)
        return
    tracked.years = tuple(o.figure.year for o in rates)
    whole = [o for o in rates if o.figure.period == target.period and o.figure.basis == target.basis]
    if whole:  # the result is stated for the whole period, as the target is
        tracked.observations = whole
        _judge(tracked, float(whole[-1].figure.growth), float(target.growth), ABOUT_RATE_POINTS, AHEAD_RATE_POINTS, True)
        return
    rates = [o for o in rates if o.figure.period.start == o.figure.period.end]
    if not rates:
        tracked.status, tracked.reason = "not-comparable", "different-basis"
        return
    tracked.years = tuple(o.figure.year for o in rates)
    factor = math.prod(1 + float(o.figure.growth) / 100 for o in rates)
    n = len(rates)
    span = target.period.end - target.period.start + 1
    final = target.period.end in tracked.years and n == span
    if target.basis == m.GrowthBasis.cumulative:
        achieved = (factor - 1) * 100
        goal = float(target.growth)
        expected = ((1 + goal / 100) ** (n / span) - 1) * 100 if not final else goal
        _judge(tracked, achieved, expected, ABOUT_RATE_POINTS, AHEAD_RATE_POINTS, final)
        return
    achieved = (factor ** (1 / n) - 1) * 100  # yearly average of the years with results
    _judge(tracked, achieved, float(target.growth), ABOUT_RATE_POINTS, AHEAD_RATE_POINTS, final)


def _levels(tracked: Tracked, comparable: list[Observation], results: list[Observation]) -> list[Observation]:
    levels = [o for o in comparable if o.figure.value is not None]
    same_unit = [o for o in levels if o.figure.unit == tracked.target.unit]
    tracked.observations = same_unit or results
    if not same_unit:
        if levels:
            tracked.status, tracked.reason = "not-comparable", "different-unit"
        elif results:
            tracked.status, tracked.reason = "not-comparable", "rate-vs-level"
        return []
    tracked.years = tuple(o.figure.year for o in same_unit)
    return same_unit


def _level(tracked: Tracked, comparable: list[Observation], results: list[Observation]) -> None:
    """A level to reach (or stay within) by the end of the period: the latest result against the path."""
    tracked.measure = "level"
    levels = _levels(tracked, comparable, results)
    if not levels:
        return
    latest = levels[-1].figure
    goal = float(tracked.target.value)
    final = latest.year >= tracked.target.period.end
    expected = goal if final or _bound(tracked.target) in ("upper", "lower") else path_value(tracked, latest.year)
    _judge(tracked, float(latest.value), expected, ABOUT_LEVEL_SHARE * expected, AHEAD_LEVEL_SHARE * expected, final)


def _total(tracked: Tracked, comparable: list[Observation], results: list[Observation]) -> None:
    """A total over the period: the results so far against the same share of the total."""
    tracked.measure = "total"
    levels = _levels(tracked, comparable, results)
    if not levels:
        return
    span = tracked.target.period.end - tracked.target.period.start + 1
    goal = float(tracked.target.value)
    whole = [o for o in levels if o.figure.period == tracked.target.period]
    if whole:  # the total is stated for the whole period
        tracked.observations = whole
        _judge(tracked, float(whole[-1].figure.value), goal, ABOUT_LEVEL_SHARE * goal, AHEAD_LEVEL_SHARE * goal, True)
        return
    levels = [o for o in levels if o.figure.period.start == o.figure.period.end]
    done = sum(float(o.figure.value) for o in levels)
    final = tracked.target.period.end in tracked.years and len(levels) == span
    expected = goal * len(levels) / span
    _judge(tracked, done, expected, ABOUT_LEVEL_SHARE * expected, AHEAD_LEVEL_SHARE * expected, final)


def path_value(tracked: Tracked, year: int) -> float:
    """The level the target implies for `year`: from the baseline at a constant rate of growth, or in a
    straight line for a share or rate (unit %) or where either end is not positive; the target itself
    without a baseline."""
    goal = float(tracked.target.value)
    base = tracked.baseline
    if base is None or base.value is None or base.period.end >= tracked.target.period.end:
        return goal
    start, end = base.period.end, tracked.target.period.end
    share = (year - start) / (end - start)
    b = float(base.value)
    if b > 0 and goal > 0 and tracked.target.unit != "%":
        return b * (goal / b) ** share
    return b + (goal - b) * share


def path(tracked: Tracked) -> list[tuple[int, float]]:
    """(year, level) the target implies for each year from the baseline to the end (levels only)."""
    if tracked.measure != "level" or tracked.baseline is None or tracked.target.value is None:
        return []
    return [(y, path_value(tracked, y)) for y in range(tracked.baseline.period.end, tracked.target.period.end + 1)]
