"""Importer, stage 4b: read indicator figures from the plan and report indicator tables.

Input: a `TableNode` (one or two header rows and body rows) and the document's
`Context`. Output: `Candidate`s, one per row and (year, kind) column group:
the header says the year and whether a column holds targets (目标/预期/规划),
estimates (预计), outturns (完成/实际) or growth rates (增长, 年均增长); 属性
gives the nature. A figure quotes its whole row as printed and names the
column of its cell (other cells of the same figure, e.g. the growth beside a
level, are listed in `also`). A bracketed [x] is a total over the period: a
level total takes the `cumulative` qualifier, a change takes growth basis
`cumulative`, and a change of a percentage is in percentage points. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from generator.importer.candidates import (
    NUM, QUALIFIER_WORDS, RAW_UNIT, Candidate, Catalogue, Context, dedupe, row_quote, split_unit,
)
from generator.importer.structure import TableNode

_ROWNUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.、．]|其中[：:]|#|＃)\s*")


@dataclass
class _Column:
    label: str
    year: int | None = None
    kind: str | None = None
    field: str = "value"  # or "growth"


def table_figures(table: TableNode, path, context: Context, catalogue: Catalogue, warnings: list) -> list[Candidate]:
    if not table.header or not table.rows:
        return []
    columns, name_col, unit_col, nature_col = _columns(table.header, context)
    found = []
    for row, line in zip(table.rows, table.row_lines):
        if name_col >= len(row) or not row[name_col]:
            continue
        label = row[name_col]
        name = _ROWNUMBER.sub("", label).strip()
        ident = catalogue.lookup(name)
        row_unit = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
        nature = None
        if nature_col is not None and nature_col < len(row):
            nature = {"预期性": "expected", "约束性": "binding"}.get(row[nature_col])
        quote = row_quote(row)
        share = _is_share(ident, row, columns, row_unit, catalogue)
        by_key: dict[tuple, Candidate] = {}
        for j, col in enumerate(columns):
            if col is None or j >= len(row) or col.year is None or col.kind is None:
                continue
            parsed = _cell(row[j])
            if parsed is None:
                continue
            cand = by_key.get((col.year, col.kind))
            if cand is None:
                cand = Candidate(name=name, quote=quote, line=line, indicator=ident, year=col.year, kind=col.kind, source="table")
                by_key[(col.year, col.kind)] = cand
            if _apply_cell(cand, parsed, col, row_unit, share, catalogue, row[j]):
                if cand.column is None:
                    cand.column = j + 1
                else:
                    cand.also.append((quote, j + 1))
        for cand in by_key.values():
            if cand.value is None and cand.growth is None and cand.text is None and "in-step" not in cand.qualifiers:
                continue
            if cand.kind == "target" and nature:
                cand.nature = nature
            cand.qualifiers = dedupe(cand.qualifiers)
            found.append(cand)
    return found


def _columns(header: list[list[str]], context: Context):
    width = max(len(r) for r in header)
    top = list(header[0]) + [""] * (width - len(header[0]))
    sub = list(header[1]) + [""] * (width - len(header[1])) if len(header) > 1 else [""] * width
    for j in range(1, width):
        if not top[j] and sub[j]:
            top[j] = top[j - 1]
    labels = [re.sub(r"\s+", "", t + s if t != s else t) for t, s in zip(top, sub)]
    name_col = next((j for j, l in enumerate(labels) if "指标" in l), 0)
    unit_col = next((j for j, l in enumerate(labels) if l == "单位" or l.startswith("单位")), None)
    nature_col = next((j for j, l in enumerate(labels) if "属性" in l), None)
    columns: list[_Column | None] = []
    for j, label in enumerate(labels):
        if j in (name_col, unit_col, nature_col) or re.fullmatch(r"分类|序号|类别|领域|指标类别", label):
            columns.append(None)
            continue
        col = _Column(label=label, field="growth" if re.search(r"增长|增速|增幅", label) else "value")
        year = re.search(r"(?<![\d.])(19[5-9]\d|20\d\d)(?![\d.])", label)
        if year:
            col.year = int(year.group(1))
            col.kind = _column_kind(label, col.year, context)
        else:
            left = next((c for c in reversed(columns) if c is not None and c.year is not None), None)
            if left is not None:
                col.year, col.kind = left.year, left.kind
        columns.append(col)
    return columns, name_col, unit_col, nature_col


def _column_kind(label: str, year: int, context: Context) -> str:
    if "预计" in label:
        return "estimate"
    if re.search(r"完成|实际|实绩", label):
        return "actual"
    if re.search(r"目标|预期|规划|计划", label):
        return "target"
    if year < context.plan[0]:
        return "baseline" if context.kind == "five-year-plan" or year < context.review[0] else "actual"
    return "target"


def _cell(cell: str) -> dict | None:
    c = re.sub(r"\s+", "", cell)
    if not c or c in ("/", "-", "—", "--", "——", "不可比", "…"):
        return None
    if re.search(r"与经济增长.*同步", c):
        return {"qualifiers": ["in-step"]}
    m = re.fullmatch(r"不低于(.+)", c)
    if m and not re.match(r"\d", m.group(1)):
        return {"text": m.group(1), "qualifiers": ["at-least"]}
    if re.fullmatch(r"(?:保持)?正增长", c):
        return {"text": "正增长", "qualifiers": []}
    if re.search(r"[\u4e00-\u9fff]", c) and not re.search(r"\d", c):
        return {"text": c, "qualifiers": []}
    m = re.fullmatch(rf"(?P<pre>不低于|不少于|不高于|<|＜|≤|>|≥|约)?(?P<lb>\[)?(?P<num>{NUM})(?P<rb>\])?(?P<unit>{RAW_UNIT})?(?P<qual>及以上|左右|以上|以内|以下)?(?P<extra>.*)", c)
    if not m:
        return None
    qualifiers = []
    pre = m.group("pre")
    if pre in ("不低于", "不少于", "≥"):
        qualifiers.append("at-least")
    elif pre in ("不高于", "<", "＜", "≤"):
        qualifiers.append("within")
    elif pre == ">":
        qualifiers.append("above")
    elif pre == "约":
        qualifiers.append("about")
    if m.group("qual"):
        qualifiers.append(QUALIFIER_WORDS[m.group("qual")])
    unit, more = split_unit(m.group("unit") or "")
    if more:
        qualifiers.append("above")
    return {
        "number": Decimal(m.group("num")),
        "unit": unit,
        "cumulative": bool(m.group("lb")),
        "qualifiers": qualifiers,
        "extra": m.group("extra"),
    }


def _is_share(ident: str | None, row: list[str], columns, row_unit: str, catalogue: Catalogue) -> bool:
    """Whether the row's indicator is itself a percentage (a share or a rate), so that a
    change of it is in percentage points: the catalogue says so, or, for a name it does not
    know, the row prints a level in % beside its change."""
    if ident is not None:
        return catalogue.unit_of.get(ident) == "%"
    if row_unit != "%":
        return False
    return any(col is not None and col.field == "value" and j < len(row) and (_cell(row[j]) or {}).get("number") is not None
               and not (_cell(row[j]) or {}).get("cumulative") for j, col in enumerate(columns))


def _apply_cell(cand: Candidate, parsed: dict, col: _Column, row_unit: str, share: bool, catalogue: Catalogue, raw: str) -> bool:
    """Put a cell into its figure; whether the figure took something from it."""
    cand.qualifiers.extend(parsed["qualifiers"])
    if "number" not in parsed:  # words, or a qualifier that is the whole figure
        if cand.text is None and "text" in parsed:
            cand.text = parsed["text"]
            return True
        return bool(parsed["qualifiers"])
    number, unit = parsed["number"], parsed["unit"]
    if parsed["extra"]:
        cand.notes.append(f"原文：{raw}")
    if parsed["cumulative"]:
        return _apply_total(cand, number, unit, row_unit, share, catalogue)
    if col.field == "growth" or (unit == "%" and row_unit != "%"):
        if cand.growth is not None:
            return False
        cand.growth = number
        if unit == "个百分点" or "百分点" in col.label:
            cand.growth_unit = "points"
        if "年均" in col.label:
            cand.growth_basis = "average-annual"
        return True
    if unit == "个百分点":
        if cand.growth is not None:
            return False
        cand.growth, cand.growth_unit = number, "points"
        return True
    unit = unit or row_unit
    if unit not in catalogue.units:
        cand.notes.append(f"原文：{raw}（单位：{row_unit or '无'}）")
        return False
    if cand.value is None:
        cand.value, cand.unit = number, unit
        return True
    return False


def _apply_total(cand: Candidate, number, unit: str, row_unit: str, share: bool, catalogue: Catalogue) -> bool:
    """A bracketed [x]: a total over the period. A level total (new jobs, investment) is a value
    with the `cumulative` qualifier; a change (of a percentage: in points) has basis `cumulative`."""
    if share or unit in ("%", "个百分点"):
        if cand.growth is not None:
            cand.notes.append(f"累计 [{number}]")
            return False
        cand.growth, cand.growth_basis = number, "cumulative"
        if share or unit == "个百分点":
            cand.growth_unit = "points"
        return True
    level = unit or row_unit
    if cand.value is None and level in catalogue.units:
        cand.value, cand.unit = number, level
        cand.qualifiers.append("cumulative")
        return True
    cand.notes.append(f"累计 [{number}]")
    return False
