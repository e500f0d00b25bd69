"""Helpers the per-document figure tests share."""

from __future__ import annotations

from decimal import Decimal

from generator import model as m


def find(doc: m.Document, indicator: str, year: int, kind: str) -> m.Figure:
    """The one figure of `doc` for an indicator, the year its period ends and a kind (fails if not exactly one)."""
    found = [f for f in doc.figures if f.indicator == indicator and f.period.end == year and f.kind.value == kind]
    assert len(found) == 1, f"{indicator} {year} {kind}: {len(found)} figures"
    return found[0]


def assert_figure(fig: m.Figure, value: str | None, unit: str | None, growth: str | None, qualifiers: list[str]) -> None:
    """The figure holds exactly these printed numbers, unit and qualifiers."""
    assert fig.value == (Decimal(value) if value else None)
    assert fig.unit == unit
    assert fig.growth == (Decimal(growth) if growth else None)
    assert [q.value for q in fig.qualifiers] == qualifiers
