"""Importer, stage 2: join cleaned lines into blocks of text and tables.

Input: cleaned `Line`s. Output: `Unit`s, each a paragraph-sized piece of text
(or a table) with the source lines it came from.

Extracted texts come in two layouts, and the rule for ending a paragraph
differs between them:

- *one line per paragraph* (most web-published texts): a line that does not end
  a sentence was cut by a page break, and continues on the next text line.
- *hard-wrapped* (text laid out as on the printed page, ~28 characters a line):
  every line is cut; a paragraph ends on a line that ends a sentence and is
  shorter than a full line, or before a line that clearly starts a new one.

Where a page break cut a paragraph, the extractor sometimes repeats the last
character on the next page ("核心价" / "价值观"); the repeat is dropped, except
where the doubled character is a word of its own (紧紧, 阿里巴巴), and every
such decision is reported.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from generator.importer.clean import CJK, Line, is_terminated
from generator.importer.numbering import (
    APPENDIX,
    BOX,
    CAPTION,
    SENTENCE_PUNCT,
    is_title_like,
    match_number,
    starts_block,
)

# Characters that official prose doubles on purpose; a doubled one at a page
# join is kept (and reported) rather than dropped.
_REDUPLICATED = set("紧常人天个处家户年层步渐稳牢深扎踏明好纷频源勃欣巴星点滴一多时刻事件条项代世样声悄默匆轻慢久微")
_RUN_IN = re.compile(r"^[^，。；：、！？,;\d]{4,16}。")


@dataclass
class Layout:
    """How the source was laid out: hard-wrapped or one line per paragraph."""

    hard_wrap: bool
    full: int  # display width from which a hard-wrapped line counts as full
    line: int = 0  # the usual width of a wrapped line

    def ends_short(self, line: Line) -> bool:
        """Whether a line that ends a sentence is clearly shorter than a wrapped line (so ends its paragraph)."""
        return line.width <= self.line - 2


@dataclass
class Unit:
    """A paragraph-sized piece of the source: text joined from lines, or a table."""

    text: str
    lines: list[int]
    first: Line
    rows: list[list[str]] | None = None
    row_lines: list[int] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, source line)

    @property
    def is_table(self) -> bool:
        return self.rows is not None

    @property
    def line(self) -> int:
        return self.lines[0]


def detect_layout(lines: list[Line]) -> Layout:
    """Decide whether ``lines`` are hard-wrapped, and how wide a full line is.

    Only prose lines count (lines with sentence punctuation that start no
    heading): in a text with one line per paragraph nearly all of them end a
    sentence; in a hard-wrapped text nearly all are cut mid-sentence.
    """
    prose = [
        line for line in lines
        if not line.is_table and not line.markup_heading and has_sentence_punct(line.text) and not starts_block(line.text)
    ]
    if len(prose) < 3:
        return Layout(hard_wrap=False, full=10**6)
    open_lines = [line.width for line in prose if not is_terminated(line.text)]
    share_open = len(open_lines) / len(prose)
    hard_wrap = statistics.median(line.width for line in prose) <= 100 and share_open >= 0.5
    if not hard_wrap:
        return Layout(hard_wrap=False, full=10**6)
    # The wrapped lines are the full ones; their median less a few characters
    # (the indent of a first line, a word pushed to the next line) is "full".
    usual = int(statistics.median(open_lines))
    return Layout(hard_wrap=True, full=usual - 6, line=usual)


def build_units(lines: list[Line], layout: Layout, warnings: list[tuple[int, str]]) -> list[Unit]:
    """Join ``lines`` into units: paragraphs, headings, captions and tables."""
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.is_table:
            j = i
            rows, nos = [], []
            while j < len(lines) and lines[j].is_table:
                rows.append(list(lines[j].cells or []))
                nos.append(lines[j].no)
                j += 1
            units.append(Unit(text="", lines=nos, first=line, rows=rows, row_lines=nos))
            i = j
            continue
        unit = Unit(text=line.text, lines=[line.no], first=line, marks=[(0, line.no)])
        last = line
        j = i + 1
        while j < len(lines) and _continues(unit, last, lines[j], layout, warnings):
            unit.marks.append((len(unit.text), lines[j].no))
            unit.text = _join(unit.text, last, lines[j], layout, warnings)
            unit.lines.append(lines[j].no)
            last = lines[j]
            j += 1
        units.append(unit)
        i = j
    return units


def _continues(unit: Unit, prev: Line, nxt: Line, layout: Layout, warnings: list[tuple[int, str]]) -> bool:
    """Whether line ``nxt`` continues ``unit``, whose last line is ``prev``."""
    if nxt.is_table:
        return False
    first_line = len(unit.lines) == 1
    if first_line and (BOX.match(unit.text) or CAPTION.match(unit.text) or APPENDIX.match(unit.text)):
        return False
    if prev.markup_heading and first_line:
        return False
    terminated = is_terminated(prev.text)
    full = prev.width >= layout.full
    if not terminated and splits_qualifier(prev.text, nxt.text):
        return True  # 增长8%左 / 右: whatever else the lines look like, the word goes on
    numbered = match_number(unit.first.text)
    if numbered and not re.search(r"[。！？；]", unit.text):
        # A heading on a line of its own. In a hard-wrapped text a full-width
        # numbered line goes on: with a short line of title words (a wrapped
        # heading, which then ends) or with prose (a long run-in title).
        if first_line:  # as wide as a wrapped line, not merely wide
            return layout.hard_wrap and prev.width >= layout.line - 2 and not starts_block(nxt.text)
        if is_title_like(prev.text) and not full:
            return False
    if starts_block(nxt.text) or nxt.markup_heading or nxt.indent:
        if layout.hard_wrap and full and not terminated and match_number(nxt.text) and not nxt.indent:
            warnings.append((nxt.no, f"line looks like a heading ({match_number(nxt.text).number}) but continues the sentence of line {prev.no}; joined them"))
            return True
        if not terminated and "。" in unit.text:
            warnings.append((prev.no, "paragraph ends without punctuation before a heading; check that no text is missing"))
        return False
    if first_line and is_title_like(unit.text) and (not layout.hard_wrap or not full) and not _cut_mid_word(unit.text, nxt.text):
        return False
    if not layout.hard_wrap:
        return not terminated
    if not terminated:
        return True
    if layout.ends_short(prev) or _RUN_IN.match(nxt.text):
        return False
    return True


def _join(text: str, prev: Line, nxt: Line, layout: Layout, warnings: list[tuple[int, str]]) -> str:
    """Append line ``nxt`` to ``text``; drop a character the extractor repeated at a page join."""
    add = nxt.text
    page_join = nxt.page_start or (not layout.hard_wrap and nxt.blank_before > 0)
    if page_join and text and add and text[-1] == add[0] and re.match(f"[{CJK}]", add[0]):
        if add[0] in _REDUPLICATED:
            warnings.append((nxt.no, f"kept the doubled '{add[0]}' where line {prev.no} continues on line {nxt.no} (a page join); check it"))
        else:
            warnings.append((nxt.no, f"dropped a repeated '{add[0]}' where line {prev.no} continues on line {nxt.no} (a page join)"))
            add = add[1:]
    if text and add and text[-1].isascii() and text[-1].isalpha() and add[0].isascii() and add[0].isalpha():
        return f"{text} {add}"
    return text + add


# Words that qualify a figure; a wrap inside one must never end the paragraph, or the
# figure loses its qualifier (增长8%左 / 右 → "8%"; 同 / 口径增长 → not like-for-like).
# Each with what must come just before it, so that ordinary prose is not joined by chance.
_QUALIFIER_WORDS = (
    (r"[\d%％]", "左右"), (r"[\d%％]", "以上"), (r"[\d%％]", "以下"), (r"[\d%％]", "以内"), (r"\d", "个百分点"),
    (r"[\u4e00-\u9fff]", "同口径增长"), (r"[\u4e00-\u9fff]", "同口径计算"), (r"[\u4e00-\u9fff]", "年均增长"),
)


def splits_qualifier(text: str, nxt: str) -> bool:
    """Whether a line break falls inside a qualifying word: ``text`` ends with its first part
    (after a number, for 左右), ``nxt`` starts with the rest."""
    nxt = nxt.lstrip(" \u3000")
    text = text.rstrip(" \u3000")
    for before, word in _QUALIFIER_WORDS:
        for cut in range(1, len(word)):
            head, tail = word[:cut], word[cut:]
            if text.endswith(head) and nxt.startswith(tail) and re.search(f"{before}$", text[: len(text) - len(head)]):
                return True
    return False


def _cut_mid_word(text: str, nxt: str) -> bool:
    """Whether ``nxt`` cannot start a line of its own: it opens with closing punctuation, or a unit after a number."""
    return bool(re.match(r"[，。；：、）”’％%]", nxt)) or bool(text[-1:].isdigit() and re.match(r"[万亿千百个家元人户项件%]", nxt))


def has_sentence_punct(text: str) -> bool:
    return bool(SENTENCE_PUNCT.search(text))
