"""Importer: the vocabulary of figure candidates, shared by text and table reading.

Stage: none (data). A `Candidate` is one proposed figure; a `Catalogue` holds
the indicator names and aliases to match; a `Context` says which document
(kind, review and plan years) the figures belong to. No I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

NUM = r"[-+]?\d+(?:\.\d+)?"
RAW_UNIT = r"[万亿千百]?[余多]?(?:美元|元|人次|人|户|家|个百分点|个|件|年|岁|平方米|亩|微克/立方米|毫克/立方米|吨|张|公里|项|所|名|%|倍)"
QUALIFIER_WORDS = {"左右": "about", "以上": "above", "及以上": "above", "以内": "within", "以下": "below"}


@dataclass
class Candidate:
    """One proposed figure, matched to the catalogue (``indicator``) or not."""

    name: str
    quote: str
    line: int
    indicator: str | None = None
    year: int | None = None
    kind: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    growth: Decimal | None = None
    qualifiers: list[str] = field(default_factory=list)
    text: str | None = None
    nature: str | None = None
    notes: list[str] = field(default_factory=list)
    period: tuple[int, int] | None = None  # a span of years (average annual rates, five-year totals); else `year`
    growth_basis: str | None = None  # previous-year | average-annual | cumulative
    growth_unit: str = "percent"  # or "points"
    column: int | None = None  # a table figure: the 1-based column of its cell (its quote is the whole row)
    also: list[tuple[str, int | None]] = field(default_factory=list)  # other cells stating it: (row quote, column)
    source: str = "text"  # or "table"
    para: Any = field(default=None, repr=False)  # the paragraph a text figure was read from
    start: int = 0  # where its quote starts and ends in that paragraph
    end: int = 0

    def key(self) -> tuple:
        return (self.indicator, self.year, self.kind)

    def describe(self) -> str:
        parts = []
        if self.value is not None:
            parts.append(f"{self.value}{self.unit or ''}")
        if self.growth is not None:
            unit = " points" if self.growth_unit == "points" else "%"
            basis = f" {self.growth_basis}" if self.growth_basis else ""
            parts.append(f"growth {self.growth}{unit}{basis}")
        if self.text:
            parts.append(self.text)
        if self.qualifiers:
            parts.append("/".join(self.qualifiers))
        return ", ".join(parts)


@dataclass
class Catalogue:
    """Indicator names and aliases, and the units figures may use."""

    terms: list[tuple[str, str]]  # (name or alias, indicator id), longest first
    units: set[str]
    unit_of: dict[str, str | None]
    pattern: re.Pattern

    @classmethod
    def from_data(cls, data: Any) -> "Catalogue":
        """Build from an `IndicatorsFile` model or the plain dict loaded from indicators.yaml."""
        if hasattr(data, "model_dump"):
            data = data.model_dump()
        terms: dict[str, str] = {}
        unit_of: dict[str, str | None] = {}
        for ind in data.get("indicators", []):
            unit_of[ind["id"]] = ind.get("unit")
            for term in [ind["name"]["zh"], *ind.get("aliases", [])]:
                terms.setdefault(_norm(term), ind["id"])
        ordered = sorted(terms.items(), key=lambda kv: -len(kv[0]))
        alternation = "|".join(_term_regex(t) for t, _ in ordered) or "(?!)"
        units = {u["id"] for u in data.get("units", [])}
        return cls(terms=ordered, units=units, unit_of=unit_of, pattern=re.compile(f"(?:{alternation})"))

    def lookup(self, name: str) -> str | None:
        """The id whose name or alias is exactly ``name`` (brackets and spaces aside)."""
        name = _norm(name)
        for term, ident in self.terms:
            if term == name:
                return ident
        return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def _term_regex(term: str) -> str:
    return "".join("[(（]" if c == "(" else "[)）]" if c == ")" else re.escape(c) for c in term)


@dataclass
class Context:
    """Which document we read figures for."""

    kind: str
    review: tuple[int, int]
    plan: tuple[int, int]

    def plan_name(self, offset: int = 0) -> str:
        """'十四五' for a plan starting in 2021; offset -1 names the plan before."""
        n = (self.plan[0] - 1966) // 5 + 3 + offset
        tens, ones = divmod(n, 10)
        digits = "零一二三四五六七八九"
        return ("十" if tens == 1 else digits[tens] + "十" if tens else "") + (digits[ones] if ones else "") + "五"


def row_quote(cells: list[str]) -> str:
    """A table row as printed, non-empty cells joined by spaces: the quote of a table figure
    (the validator reads a quote of this shape as the whole row, `column` naming its cell)."""
    return " ".join(c for c in cells if c)


def split_unit(raw: str) -> tuple[str, bool]:
    """'万余人' → ('万人', True): the unit, and whether 余/多 made the figure a floor."""
    more = "余" in raw or "多" in raw
    return raw.replace("余", "").replace("多", ""), more


def dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
