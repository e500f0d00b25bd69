"""Importer: turn the text extracted from a plan or report PDF into a YAML draft.

Stage: outside the build (a tool for editors). Input: a source text file, the
region and kind of document, and the indicator catalogue. Output: an
`ImportResult` holding a draft `Document` as plain data, its YAML text, a
summary and warnings with source line numbers. It never writes into
`content/` by itself and never invents text: English is left empty, and what
it cannot place is reported, not guessed silently.

The work runs in stages, one module each, flowing one way:

    source.read_source   bytes -> text (encoding detected and reported)
    clean.clean_text     text -> numbered lines without extraction noise
    structure            lines -> front matter and a section tree (via blocks)
    figures              tree -> indicator figure candidates
    proposals            names the catalogue lacks -> proposed entries and their figures
    draft                tree + figures -> plain data -> YAML, written atomically
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from generator.errors import ContentError, ImportSourceError, PortalError
from generator.importer.clean import clean_text
from generator.importer.draft import document_dict, document_rows, document_texts, proposal_comments, to_yaml, write_draft
from generator.importer.candidates import Candidate, Catalogue, Context
from generator.importer.figures import find_figures
from generator.importer.proposals import Proposal, propose_entries
from generator.importer.source import MAX_BYTES, SourceText, read_source
from generator.importer.structure import BoxNode, Para, SectionNode, Skeleton, TableNode, build_skeleton

__all__ = [
    "Catalogues", "ImportResult", "ImportSourceError", "MAX_BYTES", "SourceText",
    "import_draft", "load_catalogues", "read_source", "text_to_fields", "write_draft",
]

KINDS = ("annual-report", "five-year-plan")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class ImportResult:
    """A draft document and what the importer has to say about it."""

    draft: dict
    yaml: str
    encoding: str
    summary: dict
    warnings: list[tuple[int, str]] = field(default_factory=list)
    figures: list[Candidate] = field(default_factory=list)
    unmatched: list[Candidate] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)

    def summary_text(self, source_name: str = "") -> str:
        """The report printed after an import."""
        s = self.summary
        noise = ", ".join(f"{n} {what}" for what, n in s["noise"].items()) or "none"
        lines = [
            f"read {source_name} as {self.encoding}" if source_name else f"decoded as {self.encoding}",
            f"sections: {s['sections']} ({s['top_sections']} top-level)",
            f"paragraphs: {s['paragraphs']}",
            f"tables: {s['tables']}",
            f"boxes: {s['boxes']}",
            f"indicator candidates: {s['matched']} matched, {s['unmatched']} unmatched names",
            f"proposed catalogue entries: {s.get('proposed', 0)}, holding {s.get('proposed_figures', 0)} figures",
            f"noise removed: {noise}",
            f"warnings: {len(self.warnings)}",
        ]
        lines.extend(f"  unmatched: {text}" for text in unmatched_lines(self.unmatched))
        for prop in self.proposals:
            unit = f", {prop.unit}" if prop.unit else ""
            lines.append(f"  proposed: {prop.id}: {prop.name} ({prop.category}{unit}): {len(prop.figures)} figures")
        for line, message in self.warnings:
            lines.append(f"  warning: line {line}: {message}")
        return "\n".join(lines)


def text_to_fields(source: SourceText, region: str, kind: str, doc_id: str, catalogue: Any,
                   source_file: str | None = None) -> ImportResult:
    """Turn a decoded source into a validated draft document.

    :param catalogue: the indicator catalogue, as `generator.model.IndicatorsFile`
        or as the dict loaded from content/indicators.yaml.
    :param source_file: the path written to `source.file`; defaults to the
        source's path relative to the current folder.
    """
    if kind not in KINDS:
        raise ImportSourceError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not _SLUG.match(doc_id):
        raise ImportSourceError(f"document id {doc_id!r} is not a slug: use lowercase letters, digits and hyphens, e.g. cangshan-report-2022")
    if not re.search(r"[\u4e00-\u9fff]", source.text):
        raise ImportSourceError(f"{source.path}: contains no Chinese text; expected the text of a Chinese plan or report")

    cleaned = clean_text(source.text)
    warnings: list[tuple[int, str]] = list(cleaned.warnings)
    skeleton = build_skeleton(cleaned.lines, kind, warnings)
    front = skeleton.front
    title = front.title or skeleton.sections[0].title
    review, plan = _periods(kind, title, doc_id, source.text, front.title_line or 1)
    issuer = front.issuer
    if not issuer:
        warnings.append((front.title_line or 1, "the source names no issuer; left out (the page says 'not stated in the source')"))
    _check_kind(kind, title, front.title_line or 1, warnings)
    _check_toc(cleaned.toc, skeleton, warnings)
    _check_latin_words(skeleton, warnings)

    context = Context(kind=kind, review=review, plan=plan)
    known = Catalogue.from_data(catalogue)
    candidates = find_figures(skeleton, context, known, warnings)
    matched = [c for c in candidates if c.indicator and c.year and c.kind]
    unmatched = [c for c in candidates if not c.indicator]
    proposals = propose_entries(unmatched, known)  # no figure is dropped because its indicator is new
    for cand in matched + [f for p in proposals for f in p.figures]:
        _set_period(cand, context)
    unplaced = [c for c in candidates if c.indicator and not (c.year and c.kind)]
    for cand in unplaced:
        warnings.append((cand.line, f"{cand.indicator}: {cand.quote!r} names no year the importer could tell; not added to figures"))

    meta = {
        "vision_year": _vision_year(title) if kind == "five-year-plan" else None,
        "id": doc_id,
        "region": region,
        "kind": kind,
        "review": review,
        "plan": plan,
        "title": title,
        "issuer": issuer,
        "source_file": source_file or _source_file(source.path),
    }
    bare = document_dict(skeleton, meta, [])
    texts, rows = "".join(document_texts(bare)), document_rows(bare)

    def found(quote: str, column: int | None) -> bool:
        return quote in rows if column else quote in texts

    def unverifiable(cand: Candidate) -> bool:
        if found(cand.quote, cand.column) and all(found(q, col) for q, col in cand.also):
            return False
        # a bug if it happens: never publish an unverifiable quote
        warnings.append((cand.line, f"figure quote {cand.quote!r} is not in the text; dropped the figure"))
        return True

    matched = [c for c in matched if not unverifiable(c)]
    for prop in proposals:
        prop.figures = [c for c in prop.figures if not unverifiable(c)]
    doc = document_dict(skeleton, meta, matched)
    warnings.sort(key=lambda w: w[0])
    summary = _summary(skeleton, matched, unmatched, warnings, cleaned.removed)
    summary["proposed"] = len(proposals)
    summary["proposed_figures"] = sum(len(p.figures) for p in proposals)
    header = [
        f"Draft imported from {meta['source_file']} ({source.encoding}) by `portal import`.",
        "Check every section, table and figure against the source before publishing; English is left to translate.",
    ]
    comments = _comments(unmatched, warnings) + proposal_comments(proposals)
    text = to_yaml(doc, comments, header)
    _check_draft_size(text, source)
    _validate(text, source)
    return ImportResult(draft=doc, yaml=text, encoding=source.encoding, summary=summary,
                        warnings=warnings, figures=matched, unmatched=unmatched, proposals=proposals)


@dataclass
class Catalogues:
    """What an import needs from content/: the indicator catalogue and the region ids."""

    indicators: Any
    region_ids: set[str]


def load_catalogues(content_dir: Path) -> Catalogues:
    """Load and check content/indicators.yaml and content/regions.yaml (through load.py and the model)."""
    from generator.load import LoadError, load_file
    from generator.validate import validate_document

    found = {}
    for kind in ("indicators", "regions"):
        path = Path(content_dir) / f"{kind}.yaml"
        if not path.is_file():
            raise PortalError(f"{path} not found; run from the project folder or pass --root")
        try:
            raw = load_file(path, str(path), within=Path(content_dir))
        except LoadError as exc:
            raise ContentError([exc.problem]) from None
        obj, problems = validate_document(raw, kind)
        if problems:
            raise ContentError(problems)
        found[kind] = obj
    return Catalogues(indicators=found["indicators"], region_ids={r.id for r in found["regions"].regions})


def import_draft(source_path: Path, region: str, kind: str, doc_id: str, out: Path,
                 catalogues: Catalogues, root: Path | None = None) -> ImportResult:
    """Read a source, make its draft and write it to ``out``: the whole `portal import`.

    :param root: the project folder; `source.file` is written relative to it when the source is inside.
    """
    source = read_source(source_path)
    shown = None
    if root is not None:
        try:
            shown = Path(source_path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            shown = Path(source_path).name
    result = text_to_fields(source, region, kind, doc_id, catalogues.indicators, source_file=shown)
    write_draft(result, out)
    return result


def _periods(kind: str, title: str, doc_id: str, text: str, line: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Review and plan periods from the title, else from the document id."""
    if kind == "annual-report":
        years = [int(y) for y in re.findall(r"(\d{4})年", title)]
        if not years:
            years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", doc_id)]
        if not years:
            m = re.search(r"(\d{4})年[^。\n]{0,30}执行情况", text)
            years = [int(m.group(1))] if m else []
        if not years:
            raise ImportSourceError(
                f"line {line}: cannot tell which year the report reviews: the title names no year; "
                "put the year in --id, e.g. --id cangshan-report-2022"
            )
        review = years[0]
        return (review, review), (review + 1, review + 1)
    n = None
    m = re.search(r"第([一二三四五六七八九十]{1,3})个五年|“?([一二三四五六七八九十]{1,3})五”?规划", title)
    if m:
        n = _cn_number(m.group(1) or m.group(2))
    else:
        m = re.search(r"fyp-(\d{1,2})\b", doc_id)
        n = int(m.group(1)) if m else None
    if not n or n < 3:
        raise ImportSourceError(
            f"line {line}: cannot tell which five-year plan this is: the title names none (第十四个五年…); "
            "put its number in --id, e.g. --id taijiang-fyp-14"
        )
    start = 1966 + 5 * (n - 3)  # the 3rd plan began in 1966, after the 1963–65 adjustment years
    return (start - 5, start - 1), (start, start + 4)


_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _set_period(cand: Candidate, context: Context) -> None:
    """A yearly average or a total covers a span of years ending in the figure's year: the plan's
    years when it ends within the plan, the reviewed years when it ends within them; else the
    five years ending in it, with a note to check."""
    spans = cand.growth_basis in ("average-annual", "cumulative") or "cumulative" in cand.qualifiers
    if not spans or cand.period is not None:
        return
    year = cand.year
    start = year - 4
    if context.plan[0] < year <= context.plan[1]:
        start = context.plan[0]
    elif context.review[0] < year <= context.review[1]:
        start = context.review[0]  # a result, or the previous plan's target, for the years reviewed
    else:
        cand.notes.append(f"期间按{start}—{year}年推定，请核对")
    cand.period = (start, year)


def _vision_year(title: str) -> int | None:
    """2035 for a title naming 二〇三五年远景目标: the year of the long-range objectives."""
    m = re.search(r"([〇○零一二三四五六七八九]{4}|\d{4})年远景目标", title)
    return int(m.group(1).translate(_CN_YEAR_DIGITS)) if m else None


def _cn_number(text: str) -> int:
    if text.startswith("十"):
        return 10 + (_CN_DIGITS.get(text[1:], 0) if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS[tens] * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(text, 0)


def _check_kind(kind: str, title: str, line: int, warnings: list) -> None:
    if kind == "annual-report" and re.search("五年规划|纲要", title):
        warnings.append((line, "--kind is annual-report but the title reads like a five-year plan"))
    if kind == "five-year-plan" and "五年" not in title and "五”" not in title:
        warnings.append((line, "--kind is five-year-plan but the title names no five-year plan"))


def _check_toc(toc: list[tuple[int, str]], skeleton: Skeleton, warnings: list) -> None:
    """Every part and chapter the table of contents lists should have been found as a heading."""
    numbers: list[str] = []

    def visit(sections):
        for s in sections:
            numbers.append(f"{s.number or ''}{s.title.replace(' ', '')}")
            visit(s.sections)

    visit(skeleton.sections)
    heads = "\n".join(numbers)
    for line, entry in toc:
        m = re.match(r"^(第[一二三四五六七八九十百]+[编章])", entry)
        if m and m.group(1) not in heads:
            warnings.append((line, f"the table of contents lists {m.group(1)} but no such heading was found"))


def _check_latin_words(skeleton: Skeleton, warnings: list) -> None:
    """Lower-case English words inside Chinese prose ('生活服务 etc 综合') are extraction or editing slips."""
    for para in _all_paragraphs(skeleton):
        for m in re.finditer(r"[\u4e00-\u9fff，、]\s*([a-z]{2,})\s*[\u4e00-\u9fff]", para.text):
            warnings.append((para.line_at(m.start()), f"English word {m.group(1)!r} inside Chinese text; check it against the PDF"))


def _walk(skeleton: Skeleton):
    """Every section and block of a skeleton in reading order: ("section", node) or ("block", node)."""
    def visit(section: SectionNode):
        yield "section", section
        yield from (("block", b) for b in section.body)
        for sub in section.sections:
            yield from visit(sub)
        yield from (("block", b) for b in section.closing)

    yield from (("block", b) for b in skeleton.preamble)
    for section in skeleton.sections:
        yield from visit(section)
    yield from (("block", b) for b in skeleton.closing)


def _all_paragraphs(skeleton: Skeleton) -> list[Para]:
    """Paragraphs, box items and table notes: the prose a reader sees."""
    out: list[Para] = []
    for what, node in _walk(skeleton):
        if what != "block":
            continue
        if isinstance(node, Para):
            out.append(node)
        elif isinstance(node, BoxNode):
            out.extend(node.items)
        elif isinstance(node, TableNode):
            out.extend(node.notes)
    return out


def _source_file(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def _summary(skeleton: Skeleton, matched, unmatched, warnings, removed: Counter) -> dict:
    counts = Counter()
    for what, node in _walk(skeleton):
        if what == "section":
            counts["sections"] += 1
        elif isinstance(node, TableNode):
            counts["tables"] += 1
        elif isinstance(node, BoxNode):
            counts["boxes"] += 1
        else:
            counts["paragraphs"] += 1
    return {
        "sections": counts["sections"],
        "top_sections": len(skeleton.sections),
        "paragraphs": counts["paragraphs"],
        "tables": counts["tables"],
        "boxes": counts["boxes"],
        "matched": len(matched),
        "unmatched": len(unmatched_lines(unmatched)),
        "warnings": len(warnings),
        "noise": dict(sorted(removed.items())),
    }


def unmatched_lines(unmatched: list[Candidate]) -> list[str]:
    """One line per name the catalogue does not know, with every value found for it."""
    groups: dict[tuple, list[Candidate]] = {}
    for cand in unmatched:
        groups.setdefault((cand.line, cand.name, cand.quote), []).append(cand)
    out = []
    for (line, name, quote), cands in groups.items():
        values = "; ".join(
            " ".join(str(p) for p in (c.year, c.kind, c.describe()) if p) for c in cands
        )
        out.append(f"line {line}: {name}: {values}: “{quote}”")
    return out


def _comments(unmatched: list[Candidate], warnings: list) -> list[str]:
    out: list[str] = []
    if unmatched:
        out.append("unmatched indicator candidates (add the name or an alias to content/indicators.yaml, then re-import):")
        out.extend(f"  {text}" for text in unmatched_lines(unmatched))
    if warnings:
        out.append("import warnings:")
        out.extend(f"  line {line}: {message}" for line, message in warnings)
    return out


def _check_draft_size(text: str, source: SourceText) -> None:
    """A draft the loader would refuse is no draft: stop before writing it."""
    from generator.load import MAX_FILE_BYTES

    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ImportSourceError(
            f"{source.path}: the draft would be {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 1e6:.0f} MB "
            "a content file may hold; split the source into one file per document (nothing was written)")


def _validate(text: str, source: SourceText) -> None:
    """The draft must load as content does (generator.load: nodes, depth, tags) and fit the model.

    A loader refusal is the source's size or shape (a split is needed); a model
    error is an importer bug.
    """
    from generator.load import LoadError, load_text
    from generator.validate import validate_document

    try:
        raw = load_text(text, "draft")
    except LoadError as exc:
        raise ImportSourceError(f"{source.path}: the loader would refuse the draft ({exc.problem.message}); "
                                "split the source into one file per document (nothing was written)") from None
    _, problems = validate_document(raw, "document")
    if problems:  # pragma: no cover - guards against importer bugs
        raise PortalError("the importer produced an invalid draft (a bug; please report it): "
                          + "; ".join(str(p) for p in problems[:3]))
