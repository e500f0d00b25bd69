"""Stage 3d, export: indicator figures as open data (tidy CSV and JSON).

Input: the validated portal. Output: text (CSV / JSON), one row per figure,
with both languages' names, the unit, the hedging and the source quote, so a
figure can be cited and checked. Writes nothing; deterministic order.
"""

from __future__ import annotations

import csv
import io
import json
import re

from generator import model as m
from generator.portal import Portal

COLUMNS = [
    "document", "region", "indicator", "indicator_zh", "indicator_en", "year", "kind", "value", "unit",
    "growth_pct", "qualifiers", "text_zh", "text_en", "nature", "quote", "source_anchor",
]


def figure_records(portal: Portal, documents: list[m.Document] | None = None) -> list[dict[str, str]]:
    """One flat record per figure, every value as text so CSV and JSON agree."""
    records = []
    for doc in sorted(documents if documents is not None else portal.documents, key=lambda d: d.id):
        for fig in doc.figures:
            indicator = portal.indicator(fig.indicator)
            records.append({
                "document": doc.id,
                "region": doc.region,
                "indicator": fig.indicator,
                "indicator_zh": indicator.name.zh,
                "indicator_en": indicator.name.en,
                "year": str(fig.year),
                "kind": fig.kind.value,
                "value": "" if fig.value is None else str(fig.value),
                "unit": fig.unit or "",
                "growth_pct": "" if fig.growth is None else str(fig.growth),
                "qualifiers": ";".join(q.value for q in fig.qualifiers),
                "text_zh": fig.text.zh if fig.text else "",
                "text_en": fig.text.en if fig.text else "",
                "nature": fig.nature.value if fig.nature else "",
                "quote": fig.quote,
                "source_anchor": portal.source_anchor(doc, fig.quote) or "",
            })
    return records


def to_csv(records: list[dict[str, str]]) -> str:
    """CSV with a UTF-8 BOM so that spreadsheet programs read the Chinese correctly; no cell runs as a formula."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in record.items()} for record in records)
    return out.getvalue()


# OWASP, CSV injection: a cell that begins with = + - @ (or tab / carriage
# return) is a formula to Excel and LibreOffice; a leading single quote makes
# it text. A plain number ("-6.1", "+5") is data, not a formula: it stays a
# number so that the column still sums. The Chinese minus (−24.7%) is text to
# a spreadsheet and needs nothing.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def spreadsheet_safe(cell: str) -> str:
    """`cell`, prefixed with ' if a spreadsheet would run it as a formula."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def to_json(records: list[dict[str, str]]) -> str:
    return json.dumps({"columns": COLUMNS, "figures": records}, ensure_ascii=False, indent=1) + "\n"
