"""Figures in words: "560亿元，增长-24.7%" / "56 billion yuan, −24.7%".

Stage: render (helper). Input: a figure, the catalogues and the interface
strings of one language (site_templates/strings.yaml). Output: text. The
phrasing patterns (qualifiers, kinds) live in strings.yaml; this module only
knows the arithmetic: unit scaling and number formatting.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator import model as m
from generator.portal import Portal

_SCALES = ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))


def number(value: Decimal, lang: str = "zh") -> str:
    """A number as printed: the source's decimals, a true minus sign in English."""
    text = format(value, "f")
    if lang == "en":
        whole, _, frac = text.lstrip("-").partition(".")
        if len(whole) > 4:
            whole = f"{int(whole):,}"
        text = ("−" if value < 0 else "") + whole + (f".{frac}" if frac else "")
    return text


def _plain(value: Decimal) -> Decimal:
    """Exact value without trailing zeros or exponent: 56.000 -> 56, 5.6E+1 -> 56."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


class Wording:
    """Phrases for one language."""

    def __init__(self, strings: dict[str, Any], portal: Portal, lang: str):
        self.t = strings
        self.portal = portal
        self.lang = lang

    def quantity(self, value: Decimal, unit_id: str) -> str:
        unit = self.portal.unit(unit_id)
        if self.lang == "zh":
            return f"{number(value)}{unit.name.zh}"
        if unit_id == "%":
            return f"{number(value, 'en')}%"
        amount = value * Decimal(str(unit.factor))
        for scale, word in _SCALES:
            if abs(amount) >= scale:
                scaled = _plain(amount / scale)
                return f"{number(scaled, 'en')} {word} {unit.name.en}"
        return f"{number(_plain(amount), 'en')} {unit.name.en}"

    def growth(self, growth: Decimal, short: bool = False) -> str:
        pct = f"{number(growth, self.lang)}%"
        return self.t["growth_short" if short else "growth"].format(pct)

    def figure(self, fig: m.Figure, short: bool = False) -> str:
        """The whole figure, hedged as the source hedges it (`short`: growth without the word 增长)."""
        parts = []
        if fig.value is not None:
            parts.append(self.quantity(fig.value, fig.unit))
        if fig.growth is not None:
            parts.append(self.growth(fig.growth, short=short or self.lang == "en"))
        if fig.text is not None:
            parts.append(fig.text.get(self.lang))
        text = self.t["list_sep"].join(parts)
        for qualifier in fig.qualifiers:
            text = self.t["qualifier"][qualifier.value].format(text) if text else self.t["qualifier_alone"][qualifier.value]
        return text

    def series(self, year: int, kind: m.FigureKind) -> str:
        """Chart and table label such as '2022年预计' / '2022 estimate'."""
        return self.t["series_label"].format(year=year, kind=self.t["figure_kind"][kind.value])


_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(text: str) -> int | None:
    """二十三 -> 23 (up to the hundreds, as section numbers go)."""
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


_NUMBER_PATTERNS = (
    (re.compile(r"^第([一二三四五六七八九十百〇○零两]+)(章|节|篇|部分|部)$"), None),
    (re.compile(r"^[（(]([一二三四五六七八九十百]+)[）)]$"), "({})"),
    (re.compile(r"^([一二三四五六七八九十百]+)[、.．]$"), "{}."),
    (re.compile(r"^专栏\s*(\d+)$"), "Box {}"),
)
_UNITS = {"章": "Chapter {}", "节": "Section {}", "篇": "Part {}", "部分": "Part {}", "部": "Part {}"}


def section_number(number: str, lang: str) -> str:
    """Numbering as printed for Chinese; Arabic equivalents for English (一、 -> 1., 第二章 -> Chapter 2)."""
    if lang == "zh":
        return number
    for pattern, template in _NUMBER_PATTERNS:
        match = pattern.match(number.strip())
        if match:
            value = match.group(1)
            n = int(value) if value.isdigit() else chinese_numeral(value)
            if n is None:
                break
            return (template or _UNITS[match.group(2)]).format(n)
    return number
