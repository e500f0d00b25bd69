"""Figures in words: "560亿元，增长-24.7%" / "56 billion yuan, −24.7%".

Stage: render (helper). Input: a figure, the catalogues and the interface
strings of one language (site_templates/strings.yaml). Output: text. The
phrasing patterns (qualifiers, kinds) live in strings.yaml; this module only
knows the arithmetic: unit scaling and number formatting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator import model as m

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


class Wording:
    """Phrases for one language."""

    def __init__(self, strings: dict[str, Any], portal: m.Portal, lang: str):
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
                scaled = (amount / scale).quantize(Decimal("0.001")).normalize()
                return f"{number(scaled, 'en')} {word} {unit.name.en}"
        return f"{number(amount.normalize(), 'en')} {unit.name.en}"

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
        text = "，".join(parts) if self.lang == "zh" else ", ".join(parts)
        for qualifier in fig.qualifiers:
            text = self.t["qualifier"][qualifier.value].format(text)
        return text

    def series(self, year: int, kind: m.FigureKind) -> str:
        """Chart and table label such as '2022年预计' / '2022 estimate'."""
        return self.t["series_label"].format(year=year, kind=self.t["figure_kind"][kind.value])
