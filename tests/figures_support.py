"""Helpers the per-document figure tests share."""

from __future__ import annotations

from generator import model as m


def find(doc: m.Document, indicator: str, year: int, kind: str) -> m.Figure:
    """The one figure of `doc` for an indicator, the year its period ends and a kind (fails if not exactly one)."""
    found = [f for f in doc.figures if f.indicator == indicator and f.period.end == year and f.kind.value == kind]
    assert len(found) == 1, f"{indicator} {year} {kind}: {len(found)} figures"
    return found[0]
