"""Importer, stage 5: turn a recovered document into a YAML draft, and write it.

Input: the `Skeleton` and figure candidates. Output: the draft as plain data in
the shape of `generator.model.Document`, its YAML text (with the unmatched
indicator names and the warnings as comments at the end), and `write_draft`,
which writes atomically so that an interrupted import never leaves half a file.

English is always written empty: translations are the editors' work, and an
empty `en` is how the model says "not translated yet".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.importer.candidates import Candidate, row_quote
from generator.importer.structure import BoxNode, Para, SectionNode, Skeleton, TableNode

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/document.schema.json"


def localized(zh: str) -> dict:
    return {"zh": zh, "en": ""}


def document_dict(skeleton: Skeleton, meta: dict, figures: list[Candidate]) -> dict:
    """The draft as plain data, keys in the order of `generator.model.Document`."""
    front = skeleton.front
    doc: dict[str, Any] = {
        "id": meta["id"],
        "region": meta["region"],
        "kind": meta["kind"],
        "review_period": {"start": meta["review"][0], "end": meta["review"][1]},
        "plan_period": {"start": meta["plan"][0], "end": meta["plan"][1]},
    }
    if meta.get("vision_year"):
        doc["vision_year"] = meta["vision_year"]
    doc["title"] = localized(meta["title"])
    if meta.get("issuer"):
        doc["issuer"] = localized(meta["issuer"])
    if front.meeting:
        doc["meeting"] = localized(front.meeting)
    if front.date:
        doc[front.date_is] = front.date
    if front.issued:
        doc["issued"] = front.issued
    if front.doc_number:
        doc["doc_number"] = localized(front.doc_number)
    if front.session_document:
        doc["session_document"] = localized(front.session_document)
    doc["source"] = {"file": meta["source_file"]}
    doc["preamble"] = [_block(b) for b in skeleton.preamble]
    doc["sections"] = [_section(s) for s in skeleton.sections]
    doc["closing"] = [_block(b) for b in skeleton.closing]
    doc["figures"] = [_figure(f) for f in figures]
    for key in ("preamble", "closing", "figures"):
        if not doc[key]:
            del doc[key]
    return doc


def _section(section: SectionNode) -> dict:
    out: dict[str, Any] = {}
    if section.number:
        out["number"] = section.number
    out["title"] = localized(section.title)
    if section.body:
        out["body"] = [_block(b) for b in section.body]
    if section.sections:
        out["sections"] = [_section(s) for s in section.sections]
    if section.closing:
        out["closing"] = [_block(b) for b in section.closing]
    return out


def _block(block: Para | TableNode | BoxNode) -> dict:
    if isinstance(block, TableNode):
        table: dict[str, Any] = {}
        if block.caption:
            table["caption"] = localized(block.caption)
        table["header"] = [[{"zh": c, "en": ""} for c in row] for row in block.header]
        table["rows"] = [[{"zh": c, "en": ""} for c in row] for row in block.rows]
        table["notes"] = [localized(n.text) for n in block.notes]
        return {"table": table}
    if isinstance(block, BoxNode):
        box: dict[str, Any] = {}
        if block.number:
            box["number"] = block.number
        box["title"] = localized(block.title)
        box["items"] = [localized(p.text) for p in block.items]
        return {"box": box}
    return localized(block.text)


def _figure(cand: Candidate) -> dict:
    period: Any = cand.year if cand.period is None else f"{cand.period[0]}-{cand.period[1]}"
    out: dict[str, Any] = {"indicator": cand.indicator, "period": period, "kind": cand.kind}
    if cand.value is not None:
        out["value"] = cand.value
        out["unit"] = cand.unit
    if cand.growth is not None:
        out["growth"] = cand.growth
        if cand.growth_basis:
            out["growth_basis"] = cand.growth_basis
        if cand.growth_unit != "percent":
            out["growth_unit"] = cand.growth_unit
    qualifiers = [q for q in cand.qualifiers if q != "like-for-like"]
    if qualifiers:
        out["qualifiers"] = qualifiers
    if cand.text:
        out["text"] = localized(cand.text)
    if cand.nature:
        out["nature"] = cand.nature
    if "like-for-like" in cand.qualifiers:
        out["comparability"] = {"basis": "like-for-like"}
    out["quote"] = cand.quote
    if cand.column:
        out["column"] = cand.column
    if cand.also:
        out["also"] = [{"quote": quote, "column": column} if column else {"quote": quote} for quote, column in cand.also]
    if cand.notes:
        out["note"] = localized("；".join(cand.notes))
    return out


def document_rows(doc: dict) -> set[str]:
    """Every body row of every table of a draft, as a table figure quotes it (cells joined by spaces)."""
    rows: set[str] = set()

    def visit(value):
        if isinstance(value, dict):
            if "table" in value and isinstance(value["table"], dict):
                rows.update(row_quote([c["zh"] for c in row]) for row in value["table"]["rows"])
            for key, item in value.items():
                if key != "figures":
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(doc)
    return rows


def document_texts(doc: dict) -> list[str]:
    """Every Chinese string of a draft document's text, in reading order."""
    out: list[str] = []

    def blocks(items):
        for b in items:
            if "table" in b:
                t = b["table"]
                if t.get("caption"):
                    out.append(t["caption"]["zh"])
                out.extend(c["zh"] for row in t["header"] + t["rows"] for c in row)
                out.extend(n["zh"] for n in t["notes"])
            elif "box" in b:
                out.append(b["box"].get("number") or "")
                out.append(b["box"]["title"]["zh"])
                out.extend(i["zh"] for i in b["box"]["items"])
            else:
                out.append(b["zh"])

    def section(s):
        out.append(s.get("number") or "")
        out.append(s["title"]["zh"])
        blocks(s.get("body", []))
        for sub in s.get("sections", []):
            section(sub)
        blocks(s.get("closing", []))

    blocks(doc.get("preamble", []))
    for s in doc["sections"]:
        section(s)
    blocks(doc.get("closing", []))
    return out


# --- YAML -------------------------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line: table cells, short texts, figures."""


class _FlowList(list):
    """A sequence written on one line: a table row."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_decimal(dumper: yaml.SafeDumper, data: Decimal):
    text = format(data, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _represent_dict(dumper: yaml.SafeDumper, data: dict):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(dict, _represent_dict)


def _styled(obj: Any, key: str | None = None) -> Any:
    if isinstance(obj, dict):
        inner = {k: _styled(v, k) for k, v in obj.items()}
        if set(obj) == {"zh", "en"} and len(obj["zh"]) <= 60:
            return _Flow(inner)
        if key in ("review_period", "plan_period", "source"):
            return _Flow(inner)
        return inner
    if isinstance(obj, list):
        if key in ("header", "rows"):
            return [_FlowList(_styled(cell) for cell in row) for row in obj]
        if key == "figures":
            return [_Flow({k: _styled(v, k) for k, v in f.items()}) for f in obj]
        return [_styled(v) for v in obj]
    return obj


def to_yaml(doc: dict, comments: list[str], header: list[str]) -> str:
    """The YAML text of a draft: schema line, header comments, data, trailing comments."""
    body = yaml.dump(_styled(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    lines = [SCHEMA_LINE, *(_comment(h) for h in header), body.rstrip("\n")]
    if comments:
        lines.append("")
        lines.extend(_comment(c) for c in comments)
    return "\n".join(lines) + "\n"


def proposal_comments(proposals) -> list[str]:
    """The comment blocks that close a draft: the proposed catalogue entries, then their figures.

    The figures stay comments because their indicators are not in the catalogue yet (a draft
    must validate as written); each line is the YAML of a figure, ready to uncomment into
    `figures:` once its entry is in content/indicators.yaml.
    """
    if not proposals:
        return []
    out = ["proposed catalogue entries for names the catalogue does not know (check each, add the English",
           "name and a one-line definition, then move it under `indicators:` in content/indicators.yaml):"]
    for prop in proposals:
        entry: dict[str, Any] = {"id": prop.id, "name": _Flow(localized(prop.name)), "category": prop.category}
        if prop.unit:
            entry["unit"] = prop.unit
        out.extend("  " + line for line in _dump([entry]).splitlines())
        out.extend(f"    # {note}" for note in prop.notes)
    out.append("proposed figures (uncomment them into `figures:` once their entries are in the catalogue):")
    for prop in proposals:
        for cand in prop.figures:
            out.append("  " + _dump([_styled(_figure(cand), None)], figure=True).rstrip("\n"))
    return out


def _dump(data: Any, figure: bool = False) -> str:
    if figure:
        data = [_Flow(item) for item in data]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)


def _comment(text: str) -> str:
    """A comment line; newlines inside a message must not end the comment."""
    return "# " + re.sub(r"\s*[\r\n]+\s*", " ", text).rstrip() if text else "#"


def write_draft(result, out_path: str | os.PathLike) -> None:
    """Write the YAML of an `ImportResult` to ``out_path`` atomically: a temporary file in the same folder, then a rename."""
    text = result.yaml if hasattr(result, "yaml") else str(result)
    out_path = Path(out_path)
    folder = out_path.parent if str(out_path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{out_path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a content file is an ordinary file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out_path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def json_safe(doc: Any) -> Any:
    """The draft with dates as ISO strings and decimals as numbers (for tests and JSON)."""
    if isinstance(doc, dict):
        return {k: json_safe(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [json_safe(v) for v in doc]
    if isinstance(doc, Decimal):
        return float(doc)
    if isinstance(doc, dt.date):
        return doc.isoformat()
    return doc
