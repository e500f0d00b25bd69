"""Importer, stage 3: recover the document's structure.

Input: cleaned `Line`s. Output: a `Skeleton`: the front matter (title, issuer,
meeting, date, document number), the preamble, a tree of sections holding
paragraphs, boxes and tables, and the closing, every piece with its source
line numbers. Pure: no I/O, no YAML.

Nesting follows the numbering styles (`numbering.py`), never the markdown '#'
marks some extractors add: those are as often wrong as right.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.errors import ImportSourceError
from generator.importer.blocks import Layout, Unit, build_units, detect_layout
from generator.importer.clean import Line, fix_spaces, is_terminated
from generator.importer.numbering import (
    APPENDIX,
    BOX,
    CAPTION,
    DOCUMENT_CLOSING_CUES,
    NOTE,
    SECTION_CLOSING_CUES,
    SENTENCE_PUNCT,
    UNNUMBERED,
    is_title_like,
    match_number,
    split_run_in,
)

Warnings = list[tuple[int, str]]


@dataclass
class Para:
    text: str
    line: int
    marks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, source line)

    def line_at(self, offset: int) -> int:
        """The source line the character at ``offset`` came from."""
        line = self.line
        for start, no in self.marks:
            if start > offset:
                break
            line = no
        return line


@dataclass
class TableNode:
    line: int
    header: list[list[str]]
    rows: list[list[str]]
    row_lines: list[int]
    caption: str | None = None
    notes: list[Para] = field(default_factory=list)


@dataclass
class BoxNode:
    line: int
    number: str | None
    title: str
    items: list[Para] = field(default_factory=list)


Block = Para | TableNode | BoxNode


@dataclass
class SectionNode:
    line: int
    rank: int
    number: str | None
    title: str
    body: list[Block] = field(default_factory=list)
    sections: list["SectionNode"] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)


@dataclass
class Front:
    """What the lines before the first heading say about the document."""

    title: str | None = None
    title_line: int | None = None
    issuer: str | None = None
    meeting: str | None = None
    date: dt.date | None = None
    date_is: str = "presented"  # or "approved": what the meeting line says happened on `date`
    issued: dt.date | None = None  # the date of the notice that issued it, apart from `date`
    doc_number: str | None = None
    session_document: str | None = None  # 区十八届人大二次会议文件（十二）: not a document number
    preamble_units: list[Unit] = field(default_factory=list)


@dataclass
class Skeleton:
    front: Front
    preamble: list[Block]
    sections: list[SectionNode]
    closing: list[Block]
    layout: Layout


def build_skeleton(lines: list[Line], kind: str, warnings: Warnings) -> Skeleton:
    """Recover front matter and the section tree from cleaned ``lines``."""
    layout = detect_layout(lines)
    start = _first_heading(lines)
    if start is None:
        raise ImportSourceError(_NO_HEADINGS)
    front = _read_front(lines[:start], kind, layout, warnings)
    units = build_units(lines[start:], layout, warnings)
    builder = _TreeBuilder(units, warnings)
    builder.build()
    if not builder.sections:
        raise ImportSourceError(_NO_HEADINGS)
    preamble = [_table(u) if u.is_table else _para(u) for u in front.preamble_units]
    return Skeleton(front=front, preamble=preamble, sections=builder.sections, closing=builder.closing, layout=layout)


_NO_HEADINGS = (
    "found no headings: expected numbered headings such as 一、 （一） 1. or 第一章; "
    "is this the text of a plan or a report?"
)


def _first_heading(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        if line.is_table:
            continue
        numbered = match_number(line.text)
        if numbered and numbered.style != "circled" and (numbered.rest or line.markup_heading) \
                and (len(numbered.rest) <= 60 or split_run_in(numbered.rest)):
            return i
        if UNNUMBERED.match(line.text) or APPENDIX.match(line.text):
            return i
    return None


def _table(unit: Unit, caption: str | None = None) -> TableNode:
    header, rows, row_lines = _split_header(unit.rows or [], unit.row_lines)
    return TableNode(line=unit.line, header=header, rows=rows, row_lines=row_lines, caption=caption)


def _para(unit: Unit) -> Para:
    text = unit.text
    if is_title_like(text, longest=120):  # a wrapped title or label, not prose
        text = fix_spaces(text, tight=True)
    return Para(text=text, line=unit.line, marks=unit.marks)


# --- front matter ------------------------------------------------------------------

_MEETING = re.compile(
    r"^[（(](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:在)?(?P<meeting>.*?会议)(?P<act>上|批准|通过|审议通过|审议)?.*[）)]$"
)
_DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_DOC_NUMBER = re.compile(r"^\S{1,16}[〔［\[]\d{4}[〕］\]]\d+号$")
_ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:局|委员会|人民政府|政府|办公室|办公厅|厅|署|委|研究室|秘书处)$")
_TITLE_WORDS = re.compile(r"报告|规划|纲要|计划|通知|意见|方案|决定")


def _read_front(lines: list[Line], kind: str, layout: Layout, warnings: Warnings) -> Front:
    """Take title, issuer, meeting, date and document number from the lines before the first heading."""
    front = Front()
    used: set[int] = set()
    texts = [fix_spaces(line.text, tight=True) for line in lines]

    # The meeting line, possibly wrapped: （2024年1月13日在福州市第十六届 / 人民代表大会第三次会议上）
    for i, text in enumerate(texts):
        if i in used or not re.match(r"^[（(]\d{4}年", text):
            continue
        joined, span = text, [i]
        while not re.search(r"[）)]$", joined) and span[-1] + 1 < len(texts) and len(span) < 4:
            span.append(span[-1] + 1)
            joined += texts[span[-1]]
        m = _MEETING.match(joined)
        if m:
            front.meeting = m.group("meeting")
            front.date = _date(m, lines[i].no, warnings)
            front.date_is = "approved" if m.group("act") in ("批准", "通过", "审议通过") else "presented"
            used.update(span)
            break

    # A document number (台政综〔2021〕12号) is preferred; a session label
    # (区十八届人大二次 / 会议文件（十二）) is how reports to a congress are numbered.
    for i, text in enumerate(texts):
        if i not in used and _DOC_NUMBER.match(text):
            front.doc_number = text
            used.add(i)
            break
    for i, text in enumerate(texts):
        if front.session_document:
            break
        if i not in used and "会议文件" in text and len(text) <= 30:
            before = texts[i - 1] if i > 0 and i - 1 not in used else ""
            span = [i - 1, i] if before and is_title_like(before) and re.search(r"人大|政协|会议|大会", before) else [i]
            front.session_document = "".join(texts[j] for j in span)
            used.update(span)
    for i, text in enumerate(texts):
        if i not in used and _ISSUER.match(text):
            front.issuer = text
            used.add(i)
            break

    # The title: a run of title-like lines holding a title word, not inside a paragraph.
    groups: list[list[int]] = []
    current: list[int] = []
    open_paragraph = False
    for i, text in enumerate(texts):
        if i in used or _DATE.match(text):
            if current:
                groups.append(current)
            current, open_paragraph = [], False
            continue
        if is_title_like(text, longest=100) and not open_paragraph:
            current.append(i)
            if re.search(r"(?:报告|规划|纲要|通知|意见|方案|决定)$", text):
                groups.append(current)  # a title ends with what the document is
                current = []
            continue
        if current:
            groups.append(current)
        current = []
        open_paragraph = not is_terminated(text) and bool(SENTENCE_PUNCT.search(text))
    if current:
        groups.append(current)
    candidates = [g for g in groups if _TITLE_WORDS.search("".join(texts[j] for j in g))]
    title_group = _pick_title(candidates, texts, kind)
    if title_group:
        front.title = "".join(texts[j] for j in title_group)
        front.title_line = lines[title_group[0]].no
        used.update(title_group)
    else:
        warnings.append((lines[0].no if lines else 1, "found no title before the first heading; write it into title.zh"))

    # A date on a line of its own: the document's date, or, when the meeting line has
    # already dated the document, the date of the notice that issued it (印发), which
    # stays in the preamble too: it is the notice's own last line, as printed.
    for i, text in enumerate(texts):
        m = _DATE.match(text)
        if m and i not in used:
            if not front.date:
                front.date = _date(m, lines[i].no, warnings)
                used.add(i)
            elif front.doc_number:
                front.issued = _date(m, lines[i].no, warnings)
            else:
                continue
            break

    rest = [line for i, line in enumerate(lines) if i not in used]
    front.preamble_units = build_units(rest, layout, warnings)
    return front


def _pick_title(candidates: list[list[int]], texts: list[str], kind: str) -> list[int] | None:
    def text(g: list[int]) -> str:
        return "".join(texts[j] for j in g)

    if kind == "annual-report":
        preferred = [g for g in candidates if text(g).endswith("报告")]
    else:
        preferred = [g for g in candidates if re.search("规划|纲要", text(g)) and not text(g).endswith("通知")]
    pool = preferred or candidates
    return pool[0] if pool else None


def _date(m: re.Match, line: int, warnings: Warnings) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        warnings.append((line, f"{m.group(0)!r} is not a valid date; left date empty"))
        return None


# --- the section tree ---------------------------------------------------------------


class _TreeBuilder:
    """Walks the units once, keeping a stack of open sections."""

    def __init__(self, units: list[Unit], warnings: Warnings):
        self.units = units
        self.warnings = warnings
        self.sections: list[SectionNode] = []
        self.closing: list[Block] = []
        self.stack: list[SectionNode] = []
        self.mode = "body"  # or "section-closing" / "document-closing"
        self.box: BoxNode | None = None
        self.caption: tuple[str, int] | None = None
        self.last_table: TableNode | None = None
        ranks = [n.rank for u in units if not u.is_table and (n := match_number(u.text)) and _is_heading(n, u)]
        self.top_rank = min(ranks) if ranks else 0

    def build(self) -> None:
        i = 0
        while i < len(self.units):
            i = self._step(i)
        if self.caption:
            self.warnings.append((self.caption[1], f"table caption {self.caption[0]!r} has no rows after it"))

    def _step(self, i: int) -> int:
        unit = self.units[i]
        nxt = self.units[i + 1] if i + 1 < len(self.units) else None
        if unit.is_table:
            self._add_table(unit)
            return i + 1
        text = unit.text
        if self.caption:
            self.warnings.append((self.caption[1], f"table caption {self.caption[0]!r} has no rows after it; kept as a paragraph"))
            self._add(Para(self.caption[0], self.caption[1]))
            self.caption = None
        box = BOX.match(text)
        if box:
            title = fix_spaces(box.group("title"), tight=True)
            number = re.sub(r"\s+", "", box.group("num"))
            if not title:
                self.warnings.append((unit.line, f"{number} has no title"))
                title = number
            node = BoxNode(line=unit.line, number=number, title=title)
            self._add(node)
            self.box = node
            if nxt is None or not self._is_item(nxt):
                self.warnings.append((unit.line, f"{number} ({title}) has no items: its content (a table?) was probably lost in extraction"))
            return i + 1
        if CAPTION.match(text) and len(text) <= 60:
            if nxt is not None and nxt.is_table:
                self.caption = (fix_spaces(text, tight=True), unit.line)
            else:
                self.warnings.append((unit.line, f"table caption {text!r} has no rows after it; kept as a paragraph"))
                self._add(Para(text, unit.line))
            return i + 1
        appendix = APPENDIX.match(text)
        if appendix:
            number = re.sub(r"\s+", "", appendix.group("num"))
            if nxt is not None and not nxt.is_table and is_title_like(nxt.text) and not match_number(nxt.text):
                self._open_section(self.top_rank, number, fix_spaces(nxt.text, tight=True), unit.line)
                return i + 2
            self._open_section(self.top_rank, None, number, unit.line)
            return i + 1
        numbered = match_number(text)
        if numbered and _is_heading(numbered, unit):
            return self._heading(i, unit, numbered)
        if UNNUMBERED.match(text):
            self._open_section(self.top_rank, None, text, unit.line)
            return i + 1
        if NOTE.match(text) and self.last_table is not None and self._last_block() is self.last_table:
            self.last_table.notes.append(_para(unit))
            return i + 1
        if is_title_like(text) and nxt is not None and nxt.is_table:
            self.caption = (fix_spaces(text, tight=True), unit.line)
            return i + 1
        if unit.first.markup_heading and is_title_like(text):
            self.warnings.append((unit.line, f"unrecognised heading {text!r} (no number); kept as a paragraph"))
        elif is_title_like(text) and len(unit.lines) == 1 and self.box is None and not re.search(r"印发?$", text):
            self.warnings.append((unit.line, f"short line without punctuation {text!r}: not a heading pattern the importer knows; kept as a paragraph"))
        self._paragraph(_para(unit))
        return i + 1

    def _heading(self, i: int, unit: Unit, numbered) -> int:
        rest = numbered.rest
        body = ""
        used = 1
        if re.search(r"[。！？；]", rest):
            title, body = split_run_in(rest)  # _is_heading checked it splits
        else:
            title = fix_spaces(rest, tight=False)
            # A title printed on two lines: 第一章 开启高质量发展新篇章 / 加快建设现代商贸金融服务核心区
            nxt = self.units[i + 1] if i + 1 < len(self.units) else None
            after = self.units[i + 2] if i + 2 < len(self.units) else None
            if nxt is not None and not nxt.is_table and is_title_like(nxt.text) and not match_number(nxt.text) \
                    and not BOX.match(nxt.text) and not CAPTION.match(nxt.text) and not APPENDIX.match(nxt.text) \
                    and numbered.style in ("part", "chapter", "section") \
                    and (nxt.first.markup_heading or (numbered.style != "section" and not (after and after.is_table))):
                title = f"{title} {fix_spaces(nxt.text, tight=True)}".strip()
                used = 2
        if not title:
            self.warnings.append((unit.line, f"heading {numbered.number} has no title"))
            title = numbered.number
        self._open_section(numbered.rank, numbered.number, title, unit.line)
        if body:
            shift = unit.text.rfind(body)
            marks: list[tuple[int, int]] = []
            for offset, no in unit.marks:
                marks = [(0, no)] if offset <= shift else [*marks, (offset - shift, no)]
            self._add(Para(body, unit.line, marks))
        return i + used

    def _open_section(self, rank: int, number: str | None, title: str, line: int) -> None:
        self.box = None
        self.caption = None
        if self.mode == "document-closing" and self.closing and self.sections:
            # Text taken for the closing appeal turned out to come before more sections
            # (an appendix): keep reading order by giving it to the last section.
            self.sections[-1].closing.extend(self.closing)
            self.closing = []
        self.mode = "body"
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        node = SectionNode(line=line, rank=rank, number=number, title=title)
        (self.stack[-1].sections if self.stack else self.sections).append(node)
        self.stack.append(node)

    def _paragraph(self, para: Para) -> None:
        if self.box is not None and self._last_block() is self.box:
            self.box.items.append(para)
            return
        self.box = None
        if DOCUMENT_CLOSING_CUES.match(para.text) and self.stack:
            self.mode = "document-closing"
        elif SECTION_CLOSING_CUES.match(para.text) and len(self.stack) >= 2 and self.mode == "body":
            self.mode = "section-closing"
            del self.stack[1:]
        self._add(para)

    def _add_table(self, unit: Unit) -> None:
        self.box = None
        caption = None
        if self.caption:
            caption = self.caption[0]
            self.caption = None
        table = _table(unit, caption)
        self._add(table)
        self.last_table = table

    def _add(self, block: Block) -> None:
        if self.mode == "document-closing":
            self.closing.append(block)
        elif self.mode == "section-closing" and self.stack:
            self.stack[0].closing.append(block)
        elif self.stack:
            self.stack[-1].body.append(block)
        else:  # text before the first heading that the front matter did not take
            self.closing.append(block)

    def _last_block(self) -> Block | None:
        if self.mode == "document-closing":
            blocks = self.closing
        elif self.mode == "section-closing" and self.stack:
            blocks = self.stack[0].closing
        elif self.stack:
            blocks = self.stack[-1].body
        else:
            blocks = self.closing
        return blocks[-1] if blocks else None

    def _is_item(self, unit: Unit) -> bool:
        return not unit.is_table and not match_number(unit.text) and not BOX.match(unit.text) \
            and not APPENDIX.match(unit.text) and not UNNUMBERED.match(unit.text)


def _is_heading(numbered, unit: Unit) -> bool:
    """A numbered unit is a heading if it is a title on its own line or opens with a run-in title."""
    if numbered.style == "circled":
        return False
    if not re.search(r"[。！？；]", numbered.rest):
        return len(numbered.rest) <= 60 or unit.first.markup_heading
    split = split_run_in(numbered.rest)
    return split is not None


# --- tables ------------------------------------------------------------------------


def _split_header(rows: list[list[str]], row_lines: list[int]) -> tuple[list[list[str]], list[list[str]], list[int]]:
    """Header rows (one or two) and body rows, padded to the same width."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if not rows:
        return [], [], []
    n_header = 1
    if len(rows) > 2 and not any(_numeric(c) for c in rows[0]):
        second = rows[1]
        if not second[0] and any(second) and not any(_numeric(c) for c in second):
            n_header = 2
    return rows[:n_header], rows[n_header:], row_lines[n_header:]


def _numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[-+]?\[?\d+(?:\.\d+)?\]?%?", cell.strip()))
