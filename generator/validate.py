"""Stage 2, validate: turn loaded YAML into a `Portal`, or report every problem.

Input: the `content/` folder (through `load`). Output: a `Portal` and the
warnings, or a `ContentError` holding every error from every file. Checks run
in two passes, like mkdocs' post_validation: each file against its model, then
the rules that span files (ids, references, quotes, translations).
"""

from __future__ import annotations

import difflib
import gc
from decimal import Decimal
import re
import typing
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pydantic

from generator import model as m
from generator.errors import ContentError, Problem
from generator.files import outside
from generator.glossary import GlossaryCheck
from generator.load import LoadError, RawDocument, dotted, load_file
from generator.portal import Portal
from generator.text import PART_ANCHORS, document_blocks, find_row, row_text, walk_sections

SHARED_FILES = {"regions.yaml": "regions", "indicators.yaml": "indicators", "glossary.yaml": "glossary"}
DOCUMENTS_DIR = "documents"


def validate_content(content_dir: Path, strict: bool = False,
                     memo: dict | None = None) -> tuple[Portal, list[Problem]]:
    """Load and check everything under `content_dir`.

    Returns the portal and its warnings; raises ContentError listing every
    error (and, under `strict`, every warning too).

    :param memo: a dict kept between calls (`portal serve`): a file whose size
        and modification time are unchanged is not read again.
    """
    with _collector_paused():
        return _validate_content(content_dir, strict, memo)


@contextmanager
def _collector_paused():
    """Reading content makes hundreds of thousands of objects that all live on, and little garbage;
    Python's cyclic collector would walk the growing heap again and again while they are made
    (more than half of validation at 150 documents). Paused, then resumed for whatever follows."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validate_content(content_dir: Path, strict: bool, memo: dict | None) -> tuple[Portal, list[Problem]]:
    problems: list[Problem] = []
    parsed: dict[str, list[tuple[RawDocument, Any]]] = {kind: [] for kind in m.FILE_MODELS}
    _documents_folder(content_dir, problems)
    seen = set()
    for path, kind in _content_files(content_dir, problems):
        if memo is None:
            raw, obj = _load_and_check(path, content_dir, kind, problems)
        else:
            info = path.stat()
            key = (str(path), kind, info.st_mtime_ns, info.st_size)
            seen.add(key)
            if key not in memo:
                found: list[Problem] = []
                memo[key] = (*_load_and_check(path, content_dir, kind, found), found)
            raw, obj, found = memo[key]
            problems += found
        if obj is not None:
            parsed[kind].append((raw, obj))
    for name, kind in SHARED_FILES.items():
        if not parsed[kind] and not any(p.file.endswith(name) for p in problems):
            problems.append(Problem(_shown(content_dir / name, content_dir), 1, 1, "", "file is missing",
                                    hint=f"every site needs content/{name}"))
    portal = None
    if all(parsed[k] for k in SHARED_FILES.values()):
        portal = Portal(
            regions=[r for _, f in parsed["regions"] for r in f.regions],
            units=[u for _, f in parsed["indicators"] for u in f.units],
            categories=[c for _, f in parsed["indicators"] for c in f.categories],
            indicators=[i for _, f in parsed["indicators"] for i in f.indicators],
            glossary=[t for _, f in parsed["glossary"] for t in f.terms],
            documents=[d for _, d in parsed["document"]],
        )
        problems += _cross_file_problems(portal, parsed)
    if memo is not None:
        for key in set(memo) - seen:
            del memo[key]
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors or portal is None:
        raise ContentError(sorted(problems, key=_order))
    return portal, sorted(problems, key=_order)


def validate_document(raw: RawDocument, kind: str) -> tuple[Any, list[Problem]]:
    """Check one loaded file against its model; translate pydantic's errors."""
    model = m.FILE_MODELS[kind]
    try:
        return model.model_validate(raw.data), []
    except pydantic.ValidationError as exc:
        return None, [_translate(raw, model, err) for err in exc.errors()]


# --- pass 1: one file at a time -----------------------------------------------------


def _content_files(content_dir: Path, problems: list[Problem]):
    if not content_dir.is_dir():
        problems.append(Problem(str(content_dir), 1, 1, "", "content folder not found"))
        return
    for path in sorted(content_dir.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path == content_dir / DOCUMENTS_DIR:
            continue  # a file named documents is reported by _documents_folder
        rel = path.relative_to(content_dir)
        if rel.suffix not in (".yaml", ".yml"):
            problems.append(Problem(_shown(path, content_dir), 1, 1, "", "not a YAML file",
                                    hint="content/ holds only .yaml files", severity="warning"))
        elif len(rel.parts) == 1 and rel.name in SHARED_FILES:
            yield path, SHARED_FILES[rel.name]
        elif len(rel.parts) == 2 and rel.parts[0] == DOCUMENTS_DIR:
            yield path, "document"
        else:
            problems.append(Problem(_shown(path, content_dir), 1, 1, "", "unexpected content file",
                                    hint="documents go in content/documents/<id>.yaml; shared files are "
                                         + ", ".join(SHARED_FILES)))


def _shown(path: Path, content_dir: Path) -> str:
    """Paths as editors see them: relative to the project, e.g. content/documents/x.yaml."""
    try:
        return str(path.relative_to(content_dir.parent))
    except ValueError:
        return str(path)


def _load_and_check(path: Path, content_dir: Path, kind: str, problems: list[Problem]):
    try:
        raw = load_file(path, _shown(path, content_dir), within=content_dir)
    except LoadError as exc:
        problems.append(exc.problem)
        return None, None
    if raw.data is None:
        problems.append(Problem(raw.path, 1, 1, "", "file is empty"))
        return raw, None
    found = _control_character_problems(raw)
    if found:  # the model would accept them, and they break the pages' front matter
        problems += found
        return raw, None
    obj, found = validate_document(raw, kind)
    problems += found
    if obj is not None:
        found = _number_problems(raw, kind)
        if found:  # numbers the pages cannot print: stop here, the build must never see them
            problems += found
            return raw, None
    if obj is not None:
        problems += _translation_warnings(raw)
        if kind == "document" and obj.id != path.stem:
            line, col = raw.position(("id",))
            problems.append(Problem(raw.path, line, col, "id", f"id '{obj.id}' differs from the file name '{path.stem}'",
                                    hint=f"rename the file to {obj.id}.yaml or set id: {path.stem}"))
    return raw, obj


def _translate(raw: RawDocument, model: type, err: dict) -> Problem:
    loc = _data_path(err["loc"])
    line, col = raw.position(loc)
    field = dotted(loc)
    kind, found = err["type"], err.get("input")
    message, hint = err["msg"], None
    if kind == "missing":
        message = "required field is missing"
        hint = f"add `{loc[-1]}:`" if loc else None
        line, col = raw.position(loc[:-1])
    elif kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        message = f"unknown field '{loc[-1]}'"
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else ("expected one of: " + ", ".join(allowed) if allowed else None)
    elif kind.startswith(("int_", "float_")):
        message = f"expected a number, found {_show(found)}"
    elif kind == "string_type":
        message = f"expected text, found {_show(found)}"
        hint = "quote the value" if isinstance(found, (int, float, bool)) else None
    elif kind.startswith("date"):
        message = f"expected a date, found {_show(found)}"
        hint = "write it as YYYY-MM-DD, e.g. 2022-12-21"
    elif kind == "list_type":
        message = f"expected a list, found {_show(found)}"
        hint = "give a list (items start with '- '), or remove the key" if found is None else "start each item with '- '"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"expected a mapping of fields, found {_show(found)}"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind in ("enum", "literal_error", "string_pattern_mismatch", "string_too_short",
                  "greater_than_equal", "less_than_equal", "greater_than"):
        message = f"{message}, found {_show(found)}"
        if kind == "string_pattern_mismatch":
            hint = ("give the address of the original, starting with https://" if loc and loc[-1] == "url"
                    else "use lowercase letters, digits and hyphens, e.g. cangshan-report-2022")
    return Problem(raw.path, line, col, field, message, hint)


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


BLOCK_TAGS = ("paragraph", "box", "table")


def _data_path(loc: tuple) -> tuple:
    """Drop the union tag pydantic puts after a block's index (`body[1].box.box` -> `body[1].box`)."""
    return tuple(part for i, part in enumerate(loc)
                 if not (i and isinstance(loc[i - 1], int) and part in BLOCK_TAGS))


def _allowed_fields(model: type, loc: tuple) -> list[str]:
    """Field names of the model at `loc`, for 'did you mean' hints."""
    candidates = [model]
    for part in loc:
        nxt = []
        for cls in candidates:
            if isinstance(part, int):
                nxt.append(cls)
            elif isinstance(cls, type) and issubclass(cls, pydantic.BaseModel) and part in cls.model_fields:
                nxt += _models_in(cls.model_fields[part].annotation)
        candidates = nxt
    names: list[str] = []
    for cls in candidates:
        if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
            names += [n for n in cls.model_fields if n not in names]
    return names


def _models_in(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [cls for arg in typing.get_args(annotation) for cls in _models_in(arg)]


def _translation_warnings(raw: RawDocument) -> list[Problem]:
    """Every text with Chinese but no English is a warning (an error under --strict)."""
    found = []

    def visit(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            zh = node.get("zh")
            if isinstance(zh, str) and m.CJK.search(zh) and not str(node.get("en") or "").strip():
                line, col = raw.position(path + ("zh",))
                found.append(Problem(raw.path, line, col, dotted(path + ("en",)), "missing English translation",
                                     hint=f"translate: {zh[:40]}{'…' if len(zh) > 40 else ''}", severity="warning"))
            for key, value in node.items():
                visit(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, path + (i,))

    visit(raw.data, ())
    return found


# Control characters other than tab and newline (C0, DEL, C1): invisible in an editor,
# and a NUL or DEL inside a title breaks the page's front matter.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What the pages can print: numbers are shown as the source prints them, and
# English pages rescale amounts to thousand/million/billion/trillion.
MAX_VALUE = Decimal("1e15")  # in its own unit: 10^15 亿元 is far beyond any economy
MAX_GROWTH = Decimal("1e6")  # percent
MAX_DECIMALS = 6
MAX_AMOUNT = Decimal("1e24")  # value × unit factor, in base units: a million trillion yuan
FACTOR_RANGE = (1e-12, 1e12)


def _control_character_problems(raw: RawDocument) -> list[Problem]:
    """Every text (or key) holding a control character, located."""
    found = []

    def visit(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                visit(key, path + (key,))
                visit(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, path + (i,))
        elif isinstance(node, str):
            bad = _CONTROL.search(node)
            if bad:
                line, col = raw.position(path)
                found.append(Problem(raw.path, line, col, dotted(path),
                                     f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1} of the text",
                                     hint="delete it (it is invisible in most editors); write a line break as a new line"))

    visit(raw.data, ())
    return found


def _number_problems(raw: RawDocument, kind: str) -> list[Problem]:
    """Values, growths and unit factors the pages cannot print (1.0e+40 亿元, a factor of 1e400)."""
    found = []

    def at(path: tuple, message: str, hint: str) -> None:
        line, col = raw.position(path)
        found.append(Problem(raw.path, line, col, dotted(path), message, hint))

    if kind == "indicators":
        factors = raw.data.get("units") or []
        for i, unit in enumerate(factors):
            factor = unit.get("factor", 1.0) if isinstance(unit, dict) else 1.0
            if not FACTOR_RANGE[0] <= float(factor) <= FACTOR_RANGE[1]:
                at(("units", i, "factor"), f"factor {_plain(factor)} is out of range ({FACTOR_RANGE[0]:g} to {FACTOR_RANGE[1]:g})",
                   "the multiplier to the base unit, e.g. 1e8 for 亿元")
    if kind != "document":
        return found
    for i, fig in enumerate(raw.data.get("figures") or []):
        if not isinstance(fig, dict):
            continue
        for key, limit in (("value", MAX_VALUE), ("growth", MAX_GROWTH)):
            number = fig.get(key)
            if not isinstance(number, (int, Decimal)) or isinstance(number, bool):
                continue
            number = Decimal(number)
            if abs(number) >= limit:
                at(("figures", i, key), f"{_plain(number)} is out of range (at most {_plain(limit)} in absolute value)",
                   "check the number against the quote; write it in the unit the source uses")
            elif number.as_tuple().exponent < -MAX_DECIMALS:
                at(("figures", i, key), f"{_plain(number)} has more than {MAX_DECIMALS} decimals",
                   "write the number as the source prints it")
    return found


def _amount_problems(portal: Portal, parsed: dict, at) -> None:
    """value × the unit's factor must stay printable in English (which rescales to trillions)."""
    factors = {u.id: Decimal(repr(u.factor)) for u in portal.units}
    for raw, doc in parsed["document"]:
        for i, fig in enumerate(doc.figures):
            if fig.value is not None and fig.unit in factors and abs(fig.value * factors[fig.unit]) >= MAX_AMOUNT:
                at(raw, ("figures", i, "value"), f"{_plain(fig.value)} {fig.unit} is out of range "
                   f"(at most {_plain(MAX_AMOUNT)} in base units)", "check the number and its unit against the quote")


def _plain(number) -> str:
    """A number as an editor reads it: 1E+40 -> 1e+40, 560 -> 560."""
    text = str(number)
    return text.replace("E+", "e+").replace("E-", "e-")


def _region_cycles(raw: RawDocument, regions: list, at) -> None:
    """A region may not be its own parent, directly or through others."""
    parent = {r.id: r.parent for r in regions}
    for i, region in enumerate(regions):
        if region.parent == region.id:
            at(raw, ("regions", i, "parent"), f"region '{region.id}' is its own parent",
               "remove `parent:`, or name the region it belongs to")
            continue
        seen, here = [region.id], region.parent
        while here in parent and here not in seen:
            seen.append(here)
            here = parent[here]
        if here == region.id:
            at(raw, ("regions", i, "parent"), "parents form a loop: " + " → ".join([*seen, region.id]),
               "a region's parent must lead up to a region without a parent")


def _documents_folder(content_dir: Path, problems: list[Problem]) -> None:
    """A portal without documents is a mistake (a wrong --root, a folder moved away), not an empty site."""
    folder = content_dir / DOCUMENTS_DIR
    if not content_dir.is_dir():
        return
    if folder.is_symlink() and outside(folder, content_dir):
        problems.append(Problem(_shown(folder, content_dir), 1, 1, "", "is a link to a folder outside content/",
                                hint="move the documents into content/documents/"))
    elif not folder.exists():
        problems.append(Problem(_shown(folder, content_dir), 1, 1, "", "folder is missing; a portal needs documents",
                                hint="put each document in content/documents/<id>.yaml"))
    elif not folder.is_dir():
        problems.append(Problem(_shown(folder, content_dir), 1, 1, "", "is a file; expected a folder of documents",
                                hint="move it away and put each document in content/documents/<id>.yaml"))
    elif not any(p.suffix in (".yaml", ".yml") for p in folder.iterdir()):
        problems.append(Problem(_shown(folder, content_dir), 1, 1, "", "holds no documents (.yaml files)",
                                hint="put each document in content/documents/<id>.yaml"))


# --- pass 2: rules across files -------------------------------------------------------


def _cross_file_problems(portal: Portal, parsed: dict[str, list[tuple[RawDocument, Any]]]) -> list[Problem]:
    problems: list[Problem] = []
    region_ids = {r.id for r in portal.regions}
    unit_ids = {u.id for u in portal.units}
    indicator_ids = {i.id for i in portal.indicators}

    def at(raw: RawDocument, path: tuple, message: str, hint: str | None = None, severity: str = "error") -> None:
        line, col = raw.position(path)
        problems.append(Problem(raw.path, line, col, dotted(path), message, hint, severity))

    def unknown(kind: str, value: str, known: set[str]) -> tuple[str, str | None]:
        close = difflib.get_close_matches(value, sorted(known), n=1)
        where = "the units in content/indicators.yaml" if kind == "unit" else f"content/{kind}s.yaml"
        return f"unknown {kind} '{value}'", (f"did you mean '{close[0]}'?" if close else f"add it to {where}")

    for raw, regions_file in parsed["regions"]:
        _duplicates(raw, "regions", regions_file.regions, "id", "region id", at)
        _region_cycles(raw, regions_file.regions, at)
        for i, region in enumerate(regions_file.regions):
            if region.parent and region.parent not in region_ids:
                at(raw, ("regions", i, "parent"), *unknown("region", region.parent, region_ids))
    for raw, ind_file in parsed["indicators"]:
        _duplicates(raw, "units", ind_file.units, "id", "unit id", at)
        _duplicates(raw, "indicators", ind_file.indicators, "id", "indicator id", at)
        _duplicates(raw, "categories", ind_file.categories, "id", "category id", at)
        category_ids = {c.id for c in ind_file.categories}
        for i, ind in enumerate(ind_file.indicators):
            if ind.unit and ind.unit not in unit_ids:
                at(raw, ("indicators", i, "unit"), *unknown("unit", ind.unit, unit_ids))
            if ind.category not in category_ids:
                at(raw, ("indicators", i, "category"), f"unknown category '{ind.category}'",
                   "use one of: " + ", ".join(sorted(category_ids)))
            if ind.definition is None:
                at(raw, ("indicators", i), f"indicator '{ind.id}' has no definition",
                   "add `definition: {zh: ..., en: ...}`: one line saying what it measures", severity="warning")
    for raw, glossary in parsed["glossary"]:
        _duplicates(raw, "terms", glossary.terms, "zh", "glossary term", at)
    docs = parsed["document"]
    _duplicates_across(docs, at)
    _amount_problems(portal, parsed, at)
    glossary_check = GlossaryCheck(portal.glossary)
    for raw, doc in docs:
        if doc.region not in region_ids:
            at(raw, ("region",), *unknown("region", doc.region, region_ids))
        anchors = [a for _s, a, _d in walk_sections(doc)]
        for anchor, count in Counter(anchors).items():
            if count > 1:
                at(raw, ("sections",), f"section id '{anchor}' is used {count} times", "section ids must be unique in a document")
            if anchor in PART_ANCHORS or re.search(r"-p\d+$", anchor):
                at(raw, ("sections",), f"section id '{anchor}' is reserved for the text outside sections and paragraphs",
                   "choose another id")
        for path, term in glossary_check.misses(doc):
            at(raw, path + ("en",),
               f"the Chinese has the glossary term {term.zh} but the English lacks its rendering '{term.en}'",
               "use the glossary's rendering (content/glossary.yaml), or add a `variants:` form there",
               severity="warning")
        for i, fig in enumerate(doc.figures):
            path = ("figures", i)
            if fig.indicator not in indicator_ids:
                at(raw, path + ("indicator",), *unknown("indicator", fig.indicator, indicator_ids))
            if fig.unit and fig.unit not in unit_ids:
                at(raw, path + ("unit",), *unknown("unit", fig.unit, unit_ids))
            if portal.source_anchor(doc, fig.quote) is None:
                at(raw, path + ("quote",), "quote not found in the document's Chinese text",
                   "copy the words exactly from a paragraph, table or box of this document; use … for omitted words")
            _check_table_cell(doc, fig.quote, fig.column, path, raw, at)
            for j, place in enumerate(fig.also):
                if portal.source_anchor(doc, place.quote) is None:
                    at(raw, path + ("also", j, "quote"), "quote not found in the document's Chinese text",
                       "copy the words exactly from a paragraph, table or box of this document; use … for omitted words")
                else:
                    _check_table_cell(doc, place.quote, place.column, path + ("also", j), raw, at)
            last = max(doc.plan_period.end, doc.vision_year or 0)
            first = 1949 if fig.kind == m.FigureKind.baseline else doc.review_period.start
            if not first <= fig.period.end <= last:
                at(raw, path + ("period",), f"{fig.period.label()} is outside the years this document covers "
                   f"({doc.review_period.start}–{last})",
                   "check the year; a five-year plan's 2035 objectives need `vision_year: 2035`", severity="warning")
    return problems


def _check_table_cell(doc: m.Document, quote: str, column: int | None, path: tuple, raw: RawDocument, at) -> None:
    """A table figure names its cell: the quote is the whole row as printed, `column` the cell."""
    found = find_row(doc, quote)
    if column is None:
        if found:
            at(raw, path + ("quote",), "the quote is a whole table row: say which cell the figure comes from",
               "add `column: N` (1 = the first column)", severity="warning")
        return
    if not found:
        at(raw, path + ("quote",), "with `column`, the quote must be a whole table row as printed",
           f"copy the row's cells, separated by spaces, e.g. '{_first_row(doc)}'")
        return
    _anchor, _row, cells = found
    if column > len(cells) or not cells[column - 1].zh.strip():
        at(raw, path + ("column",), f"column {column} of that row is empty or missing (the row has {len(cells)} cells)")


def _first_row(doc: m.Document) -> str:
    for _anchor, block in document_blocks(doc):
        if isinstance(block, m.TableBlock) and block.table.rows:
            return row_text(block.table.rows[0])
    return "…"


def _duplicates(raw, list_key: str, items: list, key: str, what: str, at) -> None:
    """Report items of `raw[list_key]` whose `key` repeats, pointing at the first one."""
    seen: dict[Any, tuple] = {}
    for i, item in enumerate(items):
        path, value = (list_key, i, key), getattr(item, key)
        if value in seen:
            line, _ = raw.position(seen[value])
            at(raw, path, f"duplicate {what} '{value}' (first at line {line})")
        else:
            seen[value] = path


def _duplicates_across(docs, at) -> None:
    seen: dict[str, RawDocument] = {}
    for raw, doc in docs:
        if doc.id in seen:
            at(raw, ("id",), f"duplicate document id '{doc.id}' (also in {seen[doc.id].path})")
        else:
            seen[doc.id] = raw


def _order(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.field)
