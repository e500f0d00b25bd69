"""Stage 3d, export: every figure as an open dataset (tidy CSV, JSON, SQLite, Frictionless).

Input: the validated portal and the site's address. Output: bytes or text in
two tables joined by `document`: `figures`, one row per figure with both
languages' names, its period, basis, hedges and the exact place it comes from,
so a figure can be reused, cited and checked; `documents`, one row per
document (titles, periods, addresses), so that no figure row repeats them.
Writes nothing itself except `write_sqlite`, which the CLI calls; the columns
live in site_templates/dataset.yaml, the one place the data page, the
datapackage and these writers read. Deterministic order.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator import model as m
from generator import urls
from generator.portal import Portal
from generator.wording import Wording

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection),
# unless the whole cell is a plain number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string | integer | number
    zh: str
    en: str


TABLES = ("documents", "figures")  # in the order a reader meets them: the figures refer to the documents


def dataset_columns(templates_dir: Path) -> dict[str, list[Column]]:
    """Each table's columns, by table name (TABLES)."""
    data = yaml.safe_load((templates_dir / "dataset.yaml").read_text(encoding="utf-8"))
    return {table: [Column(**c) for c in data[table]] for table in TABLES}


def document_records(portal: Portal, site_url: str) -> list[dict[str, Any]]:
    """One record per document: what every figure row of it would otherwise repeat."""
    records = []
    for doc in sorted(portal.documents, key=lambda d: d.id):
        region = portal.region(doc.region)
        page = urls.site_url_path(urls.document_text_page(doc.id))
        records.append({
            "document": doc.id,
            "region": doc.region,
            "region_zh": region.name.zh,
            "region_en": region.name.en,
            "document_kind": doc.kind.value,
            "title_zh": doc.title.zh,
            "title_en": doc.title.en,
            "review_start": doc.review_period.start,
            "review_end": doc.review_period.end,
            "plan_start": doc.plan_period.start,
            "plan_end": doc.plan_period.end,
            "vision_year": doc.vision_year,
            "date": doc.date.isoformat() if doc.date else None,
            "figures": len(doc.figures),
            "text_url": _url(site_url, page, ""),
            "text_url_en": _url(site_url + "en/", page, ""),
            "original_url": doc.source.url,
        })
    return records


def figure_records(portal: Portal, words: dict[str, Wording], site_url: str,
                   documents: list[m.Document] | None = None) -> list[dict[str, Any]]:
    """One record per figure; numbers as numbers, absent values as None."""
    records = []
    for doc in sorted(documents if documents is not None else portal.documents, key=lambda d: d.id):
        region = portal.region(doc.region)
        for fig in doc.figures:
            indicator = portal.indicator(fig.indicator)
            unit = portal.unit(fig.unit) if fig.unit else None
            anchor = portal.figure_anchor(doc, fig) or ""
            page = urls.site_url_path(urls.document_text_page(doc.id))
            growth = _number(fig.growth)
            records.append({
                "region": doc.region,
                "region_zh": region.name.zh,
                "region_en": region.name.en,
                "document": doc.id,
                "document_kind": doc.kind.value,
                "indicator": fig.indicator,
                "indicator_zh": indicator.name.zh,
                "indicator_en": indicator.name.en,
                "category": indicator.category,
                "period_start": fig.period.start,
                "period_end": fig.period.end,
                "kind": fig.kind.value,
                "value": _number(fig.value),
                "unit": fig.unit,
                "unit_en": unit.name.en if unit else None,
                "value_in_base_unit": _number(fig.value * Decimal(str(unit.factor))) if unit else None,
                "growth_pct": growth if fig.growth_unit == m.GrowthUnit.percent else None,
                "growth_points": growth if fig.growth_unit == m.GrowthUnit.points else None,
                "growth_basis": fig.basis.value if fig.basis else None,
                "qualifiers": ";".join(q.value for q in fig.qualifiers) or None,
                "nature": fig.nature.value if fig.nature else None,
                "comparability": fig.comparability.basis.value if fig.comparability else None,
                "comparability_note_zh": fig.comparability.note.zh if fig.comparability and fig.comparability.note else None,
                "comparability_note_en": fig.comparability.note.en if fig.comparability and fig.comparability.note else None,
                "text_zh": fig.text.zh if fig.text else None,
                "text_en": fig.text.en if fig.text else None,
                "figure_zh": words["zh"].figure_in_full(fig),
                "figure_en": words["en"].figure_in_full(fig),
                "note_zh": fig.note.zh if fig.note else None,
                "note_en": fig.note.en if fig.note else None,
                "quote_zh": fig.quote,
                "table_column": fig.column,
                "source_anchor": anchor or None,
                "source_url": _url(site_url, page, anchor),
            })
    return records


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number that prints the same digits (600.81 -> 600.81, 56 -> 56)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() and "." not in str(value) and "E" not in str(value) else float(value)


def _url(base: str, page: str, anchor: str) -> str:
    return base + page + (f"#{anchor}" if anchor else "")


def spreadsheet_safe(cell: str) -> str:
    """`cell`, prefixed with ' if a spreadsheet would run it as a formula (OWASP CSV injection)."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def to_csv(records: list[dict[str, Any]], columns: list[Column]) -> str:
    """CSV with a UTF-8 BOM so that spreadsheet programs read the Chinese; text cells neutralised,
    numbers written as numbers (a negative growth stays a number)."""
    return csv_file(csv_lines(records, columns), columns)


def csv_lines(records: list[dict[str, Any]], columns: list[Column]) -> list[str]:
    """Each record as its CSV line (ending in a newline): made once, a row can go in several files."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    lines = []
    for record in records:
        writer.writerow([_csv_cell(record.get(c.name), c) for c in columns])
        lines.append(out.getvalue())
        out.seek(0)
        out.truncate()
    return lines


def csv_file(lines: list[str], columns: list[Column]) -> str:
    """A CSV file of `lines` (from csv_lines): the byte-order mark, the header, the rows."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\n").writerow([c.name for c in columns])
    out.writelines(lines)
    return out.getvalue()


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.type == "string":
        return spreadsheet_safe(str(value))
    return str(value)


def to_json(records: list[dict[str, Any]], columns: list[Column], document: dict[str, Any] | None = None) -> str:
    """{"columns": [...], "figures": [{column: value}, ...]}, one figure a line;
    a single document's file starts with its `documents` row, {"document": {...}, ...}.

    A line per figure reads well in an editor and diffs well; each line is
    made by json's C encoder (an indented dump runs the pure-Python encoder,
    the slowest part of the exports at 150 documents).
    """
    names = [c.name for c in columns]
    head = f'{{"document": {_dump_line(document)},\n"columns"' if document is not None else '{"columns"'
    rows = ",\n".join(_dump_line({name: r.get(name) for name in names}) for r in records)
    return f'{head}: {_dump_line(names)},\n"figures": [\n{rows}\n]}}\n' if rows else \
        f'{head}: {_dump_line(names)},\n"figures": []}}\n'


def _dump_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL"}


# The key that joins the tables: each documents row is one document, each figure names its document.
_KEYS = {"documents": 'PRIMARY KEY ("document")',
         "figures": 'FOREIGN KEY ("document") REFERENCES documents ("document")'}


def write_sqlite(tables: dict[str, list[dict[str, Any]]], columns: dict[str, list[Column]], path: Path) -> None:
    """The tables (TABLES), typed columns, joined by `document`, through a temporary file so a
    failed export leaves nothing."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with sqlite3.connect(tmp) as db:
            for table in TABLES:
                cols = [f'"{c.name}" {_SQL_TYPES[c.type]}' for c in columns[table]]
                db.execute(f"CREATE TABLE {table} ({', '.join(cols + [_KEYS[table]])})")
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in columns[table])})",
                               [[r.get(c.name) for c in columns[table]] for r in tables[table]])
        db.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def sqlite_bytes(tables: dict[str, list[dict[str, Any]]], columns: dict[str, list[Column]]) -> bytes:
    """The SQLite database as bytes, for the site's download."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.sqlite"
        write_sqlite(tables, columns, path)
        return path.read_bytes()


def datapackage(columns: dict[str, list[Column]], title: str, description: str) -> str:
    """A Frictionless Data Package describing documents.csv and figures.csv, joined by `document`
    (and their SQLite twin)."""
    def fields(table):
        return [{"name": c.name, "type": c.type, "description": c.en} for c in columns[table]]

    package = {
        "name": "fuzhou-plan-portal-figures",
        "title": title,
        "description": description,
        "licenses": [LICENSE],
        "resources": [{
            "name": "documents",
            "path": "documents.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": {"fields": fields("documents"), "primaryKey": ["document"]},
        }, {
            "name": "figures",
            "path": "figures.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": {"fields": fields("figures"),
                       "foreignKeys": [{"fields": ["document"],
                                        "reference": {"resource": "documents", "fields": ["document"]}}]},
        }, {
            "name": "figures-sqlite",
            "path": "figures.sqlite",
            "format": "sqlite",
            "mediatype": "application/vnd.sqlite3",
            "description": "The same rows as documents.csv and figures.csv in two SQLite tables, `documents` and "
                           "`figures`, with typed columns, joined by `document`.",
        }],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
