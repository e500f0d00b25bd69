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

    def number_text(self, value) -> str:
        """A computed number (not a printed one) in this language's style: 6.0, −1.5."""
        return number(Decimal(str(value)), self.lang)

    def quantity(self, value: Decimal, unit_id: str) -> str:
        unit = self.portal.unit(unit_id)
        if self.lang == "zh":
            return f"{number(value)}{unit.name.zh}"
        if unit_id == "%":
            return f"{number(value, 'en')}%"
        amount = value * Decimal(str(unit.factor))
        noun = "" if unit.counter else f" {unit.name.en}"
        for scale, word in _SCALES:
            if abs(amount) >= scale:
                scaled = _plain(amount / scale)
                return f"{number(scaled, 'en')} {word}{noun}"
        return f"{number(_plain(amount), 'en')}{noun}"

    def _hedged(self, text: str, fig: m.Figure) -> str:
        """A number with the source's hedges: "about 7.5%", "560家以上" (cumulative and in-step are said elsewhere)."""
        for qualifier in fig.qualifiers:
            if qualifier not in (m.Qualifier.cumulative, m.Qualifier.in_step):
                text = self.t["qualifier"][qualifier.value].format(text)
        return text

    def growth(self, fig: m.Figure, short: bool = False, hedge: bool = False) -> str:
        """A growth in the words of its basis: "增长7.5%", "about 7.5% a year on average", "4.7 percentage points in total".

        `short` drops the words only for growth over the previous year, where a
        column or axis already says "growth"; any other basis is always said.
        """
        basis = fig.basis.value
        if fig.growth_unit == m.GrowthUnit.points:
            amount = number(fig.growth, self.lang)
            return self.t["growth_points"][basis].format(self._hedged(amount, fig) if hedge else amount)
        pct = f"{number(fig.growth, self.lang)}%"
        if hedge:
            pct = self._hedged(pct, fig)
        if short and basis == m.GrowthBasis.previous_year.value:
            return self.t["growth_short"].format(pct)
        return self.t["growth"][basis].format(pct)

    def figure(self, fig: m.Figure, short: bool = False) -> str:
        """The figure's value, growth and words, hedged where the source hedges: the growth when
        there is one (左右 follows the rate), else the value, else the words.

        `short`: a one-year growth without the word 增长 / "growth of" (tables and charts whose heading says it).
        """
        parts = []
        hedge_growth = fig.growth is not None
        if fig.value is not None:
            amount = self.quantity(fig.value, fig.unit)
            if not hedge_growth:
                amount = self._hedged(amount, fig)
            if m.Qualifier.cumulative in fig.qualifiers:
                amount = self.t["qualifier"]["cumulative"].format(amount)
            elif fig.period.start != fig.period.end:
                amount = self.t["level_by"].format(value=amount, end=fig.period.end)
            parts.append(amount)
        if fig.growth is not None:
            parts.append(self.growth(fig, short=short, hedge=True))
        if fig.text is not None:
            words = fig.text.get(self.lang)
            parts.append(self._hedged(words, fig) if fig.value is None and fig.growth is None else words)
        text = self.t["list_sep"].join(parts)
        if m.Qualifier.in_step in fig.qualifiers:
            text = self.t["qualifier"]["in-step"].format(text) if text else self.t["qualifier_alone"]["in-step"]
        if m.Qualifier.cumulative in fig.qualifiers and fig.value is None and text:
            text = self.t["qualifier"]["cumulative"].format(text)
        if fig.comparability is not None:
            text += self.t["paren"].format(self.t["comparability"][fig.comparability.basis.value])
        return text

    def figure_in_full(self, fig: m.Figure) -> str:
        """The figure with its period and nature, for exports and tooltips:
        "about 7.5% a year on average, 2021–2025 (expected)"."""
        text = self.figure(fig)
        if fig.period.start != fig.period.end:
            text = self.t["with_period"].format(text=text, period=self.period(fig.period))
        if fig.nature is not None:
            text += self.t["paren"].format(self.t["nature"][fig.nature.value])
        return text

    def period(self, period: m.YearRange) -> str:
        if period.start == period.end:
            return self.t["year_label"].format(period.start)
        return self.t["period_label"].format(start=period.start, end=period.end)

    def series(self, period: m.YearRange, kind: m.FigureKind) -> str:
        """Chart and table label such as '2022年预计' / '2022 estimate' / '2021–2025 target'."""
        label = str(period.start) if period.start == period.end else self.period(period)
        if self.lang == "zh" and period.start != period.end:
            label = label.removesuffix("年")
        return self.t["series_label"].format(year=label, kind=self.t["figure_kind"][kind.value])

    def chart_series(self, fig: m.Figure) -> str:
        """What a chart's bar is: "2022 over 2021 (estimate)", "2021–2025, a year on average (target)"."""
        basis = fig.basis.value if fig.basis else "previous-year"
        return self.t["chart_series"][basis].format(year=fig.period.end, prev=fig.period.end - 1,
                                                   period=self.period(fig.period),
                                                   kind=self.t["figure_kind"][fig.kind.value])

    def date(self, day) -> str:
        """A date as readers write it: 2022年12月21日 / 21 December 2022."""
        names = self.t.get("month_names")
        return self.t["date_format"].format(year=day.year, month=day.month, day=day.day,
                                            month_name=names[day.month - 1] if names else day.month)


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
    (re.compile(r"^附件\s*(\d*)[:：]?$"), "Attachment {}"),
    (re.compile(r"^附录\s*(\d*)[:：]?$"), "Appendix {}"),
    (re.compile(r"^表\s*(\d+)$"), "Table {}"),
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
            if value == "" and template:
                return template.format("").strip()  # 附件 alone -> Attachment
            n = int(value) if value.isdigit() else chinese_numeral(value)
            if n is None:
                break
            return (template or _UNITS[match.group(2)]).format(n)
    return number
