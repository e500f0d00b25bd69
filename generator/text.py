"""A document's text in reading order: anchors, blocks, and where a quote comes from.

Stage: none (helpers over the model). Pure functions on `Document`; no I/O.
Anchors are computed here and only here, so the full-text page, the figure
source links and the exports agree on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from generator.model import BoxBlock, Document, Section, TableBlock


def section_anchor(numbers: tuple[int, ...]) -> str:
    """Default anchor of the section at this position: (1, 2) -> 's1-2'."""
    return "s" + "-".join(str(n) for n in numbers)


def walk_sections(document: Document):
    """Yield (section, anchor, depth) for every section of a document, in reading order."""
    for part in reading_order(document):
        if part.section:
            yield part.section, part.anchor, part.depth


PART_ANCHORS = ("preamble", "closing")  # anchors of the text outside any section


def block_anchor(part_anchor: str, index: int) -> str:
    """Anchor of the index-th block (1-based) of a part: 's1-2-p3'. Cite a figure to it."""
    return f"{part_anchor}-p{index}"


@dataclass(frozen=True)
class TextPart:
    """One stretch of the full text in reading order: a heading, or a run of blocks."""

    anchor: str  # the section's anchor, or "preamble" / "closing"
    depth: int
    section: Optional["Section"] = None  # set for a heading
    blocks: tuple = ()  # ((block anchor, block), ...) for a run of blocks


def reading_order(document: Document):
    """Yield TextParts in the order the source prints them.

    A section's closing text comes after its subsections; its blocks keep one
    numbering (s1-p1, s1-p2 ... then on after the subsections).
    """
    def run(anchor: str, blocks: list, first: int, depth: int) -> TextPart:
        return TextPart(anchor, depth, None, tuple((block_anchor(anchor, first + i), b) for i, b in enumerate(blocks)))

    def walk(sections: list[Section], prefix: tuple[int, ...]):
        for i, section in enumerate(sections, start=1):
            numbers = prefix + (i,)
            anchor = section.id or section_anchor(numbers)
            yield TextPart(anchor, len(numbers), section)
            if section.body:
                yield run(anchor, section.body, 1, len(numbers))
            yield from walk(section.sections, numbers)
            if section.closing:
                yield run(anchor, section.closing, len(section.body) + 1, len(numbers))

    if document.preamble:
        yield run("preamble", document.preamble, 1, 1)
    yield from walk(document.sections, ())
    if document.closing:
        yield run("closing", document.closing, 1, 1)


def document_blocks(document: Document):
    """Yield (block anchor, block) for every block, in reading order."""
    yield from _indexed(document).blocks


@dataclass
class _Index:
    """A document's blocks walked once: every quote lookup reads these instead of walking the text again."""

    document: Document
    blocks: list
    texts: list  # (block anchor, the block's Chinese with whitespace removed)
    rows: dict  # a table row's Chinese, whitespace removed -> (table anchor, 1-based row, cells); first wins
    by_anchor: dict  # block anchor -> block


_indexes: dict[int, _Index] = {}


def _indexed(document: Document) -> _Index:
    """The document's index, made on first use (validation looks up every figure's quote: ~1,000 a plan)."""
    found = _indexes.get(id(document))
    if found is not None and found.document is document:
        return found
    blocks = [pair for part in reading_order(document) for pair in part.blocks]
    rows: dict = {}
    for anchor, block in blocks:
        if isinstance(block, TableBlock):
            for i, row in enumerate(block.table.rows, start=1):
                rows.setdefault(normalize_for_quote("".join(c.zh for c in row)), (anchor, i, row))
    index = _Index(document, blocks, [(a, normalize_for_quote("".join(block_texts(b)))) for a, b in blocks], rows,
                   dict(blocks))
    if len(_indexes) > 2048:  # a long `portal serve` session: documents replaced by edits go
        _indexes.clear()
    _indexes[id(document)] = index
    return index


def block_texts(block) -> list[str]:
    """The Chinese strings of one block: a paragraph, a box's title and items, a table's cells."""
    if isinstance(block, BoxBlock):
        return [block.box.title.zh, *(item.zh for item in block.box.items)]
    if isinstance(block, TableBlock):
        table = block.table
        cells = [c.zh for row in (*table.header, *table.rows) for c in row]
        return [*(t.zh for t in ([table.caption] if table.caption else [])), *cells, *(n.zh for n in table.notes)]
    return [block.zh]


def normalize_for_quote(text: str) -> str:
    """Whitespace is PDF noise, never meaning: drop it before comparing quotes."""
    return re.sub(r"\s+", "", text)


def find_quote(document: Document, quote: str) -> Optional[str]:
    """Anchor of the part whose text holds `quote`, or None.

    An ellipsis (… or ...) in a quote stands for omitted words: the pieces must
    appear in order within one block.
    """
    pieces = [normalize_for_quote(p) for p in re.split(r"…+|\.\.\.", quote) if p.strip()]
    if not pieces:
        return None
    for anchor, text in _indexed(document).texts:
        at = 0
        for piece in pieces:
            at = text.find(piece, at)
            if at < 0:
                break
            at += len(piece)
        else:
            return anchor
    for section, anchor, _depth in walk_sections(document):
        if all(normalize_for_quote(p) in normalize_for_quote(section.title.zh) for p in pieces):
            return anchor
    return None


# --- exact places: sentences, table rows, box items -----------------------------------

_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])(?=\s+[A-Z0-9“‘\"'(])|(?<=;)(?=\s)")


def sentences(text: str) -> list[str]:
    """A Chinese paragraph cut after 。！？； — the unit a figure's source link points at.
    The pieces joined give the text back unchanged."""
    return [s for s in _SENTENCE_END.split(text) if s]


def english_sentences(text: str) -> list[str]:
    """An English paragraph cut the same way (after ; and after . ! ? before a capital or a digit); the
    space stays at the start of the next piece, so the pieces joined give the text back.
    Used only where it gives as many pieces as the Chinese, so the two align."""
    return [s for s in _EN_SENTENCE_END.split(text) if s]


def sentence_anchor(block: str, index: int) -> str:
    return f"{block}-s{index}"


def row_anchor(block: str, index: int) -> str:
    return f"{block}-r{index}"


def item_anchor(block: str, index: int) -> str:
    return f"{block}-i{index}"


def row_text(row) -> str:
    """A table row as printed, cells separated by spaces: the quote of a table figure."""
    return " ".join(cell.zh for cell in row if cell.zh)


def find_row(document: Document, quote: str) -> Optional[tuple[str, int, list]]:
    """(table block anchor, 1-based row, the row's cells) of the body row that is exactly `quote`."""
    return _indexed(document).rows.get(normalize_for_quote(quote))


def exact_anchor(document: Document, quote: str) -> Optional[str]:
    """Anchor of the exact place a quote comes from: the sentence of a paragraph,
    the row of a table, the item of a box; else the block or heading (find_quote)."""
    found = find_row(document, quote)
    if found:
        return row_anchor(found[0], found[1])
    anchor = find_quote(document, quote)
    if anchor is None:
        return None
    block = _indexed(document).by_anchor.get(anchor)
    first = normalize_for_quote(next(p for p in re.split(r"…+|\.\.\.", quote) if p.strip()))
    if isinstance(block, TableBlock):
        for i, row in enumerate(block.table.rows, start=1):
            if first in normalize_for_quote("".join(c.zh for c in row)):
                return row_anchor(anchor, i)
        return anchor
    if isinstance(block, BoxBlock):
        for i, item in enumerate(block.box.items, start=1):
            if first in normalize_for_quote(item.zh):
                return item_anchor(anchor, i)
        return anchor
    if block is None:
        return anchor  # a heading
    text = normalize_for_quote(block.zh)
    at = text.find(first)
    end = 0
    for i, sentence in enumerate(sentences(block.zh), start=1):
        end += len(normalize_for_quote(sentence))
        if at < end:
            return sentence_anchor(anchor, i)
    return anchor
