"""Importer, stage 1: clean the extracted text line by line.

Input: the decoded text of a source. Output: `Cleaned`, the non-blank lines as
`Line`s that keep their 1-based source line number, with the noise PDF
extraction adds taken out: tables of contents, page numbers and page-start
marks, markdown and HTML markup, fullwidth digits and letters in numbers and
codes, and spaces between Chinese and Latin characters or digits.

This stage never joins lines and never drops a character of real text; joining
hard-wrapped lines into paragraphs is `blocks.py`'s job, so that every decision
stays traceable to a source line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Chinese characters, including 〇 (U+3007) as in 二〇三五.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
# Chinese punctuation and symbols that sit between Chinese words without spaces.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2236\u25cb"
_SPACE = "[ \t\u00a0\u3000]+"

# Characters that end a sentence; a line ending with one may end a paragraph.
TERMINAL = "。！？；：…"
_CLOSERS = "”’）)》」』】"

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_TAG = re.compile(r"</?(?:b|strong|i|em|u|s|sub|sup|span|font|p|div|br|mark|small|big)\b[^>]*>", re.I)
_SUB = re.compile(r"\s*<(sub|sup)>\s*(.*?)\s*</\1>\s*", re.I)
_RULE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]{1,4})?(?:\s*页)?[-—–－\s]*$"
)
_PAGE_NUMBER_WORDS = re.compile(r"^[-—–\s]*第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，]?\s*共\s*[0-9０-９]{1,4}\s*页)?[-—–\s]*$")
_TOC_HEAD = re.compile(r"^(?:目\s*录|目\s*次)$")
_TOC_LEADER = re.compile(r"(?:[.．。…·•_]\s*){3,}\s*[0-9０-９]{0,3}\s*$|…+\s*[0-9０-９]{1,3}\s*$")
_TOC_PAGE = re.compile(r"(?:\t|\s{2,})\s*[0-9０-９]{1,3}\s*$")
_TOC_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百〇零\d]+[编章节篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|前\s*言|附\s*[录件])")


@dataclass
class Line:
    """One non-blank source line after cleaning."""

    no: int
    text: str
    page_start: bool = False  # first line of a new page
    indent: bool = False  # starts with an ideographic-space (paragraph) indent
    markup_heading: bool = False  # carried markdown '#' heading marks
    blank_before: int = 0  # blank lines between this line and the previous one
    cells: list[str] | None = None  # the cells, when this line is a table row
    width: int = 0  # display width of the line as extracted (spaces included), for layout decisions

    @property
    def is_table(self) -> bool:
        return self.cells is not None


@dataclass
class Cleaned:
    """The result of cleaning: lines, table-of-contents entries, and counts of what was removed."""

    lines: list[Line]
    toc: list[tuple[int, str]] = field(default_factory=list)
    removed: Counter = field(default_factory=Counter)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def clean_text(text: str) -> Cleaned:
    """Split ``text`` into cleaned, numbered lines with the extraction noise removed."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    result = Cleaned(lines=[])
    page_marks = _uses_page_marks(raw)
    blank = 0
    new_page = False
    in_toc = False
    for no, original in enumerate(raw, start=1):
        line = original
        if "\f" in line:
            new_page = True
            line = line.replace("\f", "")
        if not line.strip():
            blank += 1
            continue
        stripped = _strip_markup(_MD_HEADING.sub("", line.strip()), Counter())
        if in_toc:
            if not stripped or _is_toc_entry(stripped, in_block=True):
                result.toc.append((no, stripped))
                result.removed["table-of-contents lines"] += 1
                continue
            in_toc = False
        if _TOC_HEAD.match(_unspace(stripped)):
            in_toc = True
            result.removed["table-of-contents lines"] += 1
            continue
        if _RULE.match(line):
            result.removed["rules"] += 1
            continue
        if "\t" not in line and (_PAGE_NUMBER.match(line) or _PAGE_NUMBER_WORDS.match(line)):
            result.removed["page numbers"] += 1
            new_page = True
            continue
        if not stripped:
            blank += 1
            continue
        if _is_toc_entry(stripped, in_block=False):
            result.toc.append((no, stripped))
            result.removed["table-of-contents lines"] += 1
            if not _neighbour_is_toc(raw, no):
                result.warnings.append((no, f"dropped a line that looks like a table-of-contents entry: {stripped!r}"))
            continue
        entry = _clean_line(no, line, page_marks, result.removed)
        if not entry.text.strip():  # a row of empty cells, or markup with nothing inside
            blank += 1
            continue
        entry.page_start = entry.page_start or new_page
        entry.blank_before = blank
        result.lines.append(entry)
        blank = 0
        new_page = False
    return result


def _clean_line(no: int, line: str, page_marks: bool, removed: Counter) -> Line:
    """Clean one non-blank, non-noise line."""
    page_start = False
    if page_marks and re.match(r"^ \S", line):
        page_start = True
        removed["page-start marks"] += 1
        line = line[1:]
    indent = bool(re.match(r"^ ?(?:\u3000|  )+\S", line))
    body = line.strip(" \t\u00a0\u3000")
    width = display_width(body)
    cells = _table_cells(line)
    if cells is not None:
        cells = [normalize(_strip_markup(c, removed), tight=True) for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        return Line(no=no, text="\t".join(cells), page_start=page_start, indent=indent, cells=cells, width=width)
    markup_heading = bool(_MD_HEADING.match(body))
    if markup_heading:
        removed["markdown heading marks"] += 1
        body = _MD_HEADING.sub("", body)
    body = _strip_markup(body, removed)
    return Line(no=no, text=normalize(body), page_start=page_start, indent=indent, markup_heading=markup_heading, width=width)


def _table_cells(line: str) -> list[str] | None:
    """The cells of a tab-separated or markdown pipe table row, or None for a text line."""
    text = line.strip("\n")
    if "\t" in text.strip(" \u3000"):
        return [c.strip() for c in text.split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


def _strip_markup(text: str, removed: Counter) -> str:
    """Remove markdown emphasis and HTML tags (a subscript joins the text before it: PM2.5)."""
    if "**" in text or "__" in text:
        removed["markdown emphasis marks"] += text.count("**") + text.count("__")
        text = text.replace("**", "").replace("__", "")
    if "<" in text:
        text, n = _SUB.subn(r"\2", text)
        removed["HTML tags"] += 2 * n
        text, n = _TAG.subn("", text)
        removed["HTML tags"] += n
    return text.strip()


def _is_toc_entry(text: str, in_block: bool) -> bool:
    """Whether ``text`` is a table-of-contents entry (dot leaders, or a page number after a tab)."""
    if _TOC_LEADER.search(text):
        return bool(re.search(r"[\u4e00-\u9fff]", text))
    if in_block:
        return bool(_TOC_PAGE.search(text)) or bool(_TOC_HEADING.match(text) and re.search(r"\s[0-9０-９]{1,3}$", text))
    return False


def _neighbour_is_toc(raw: list[str], no: int) -> bool:
    """Whether the nearest non-blank line before or after line ``no`` is also a TOC entry."""
    for step in (-1, 1):
        i = no - 1 + step
        while 0 <= i < len(raw) and not raw[i].strip():
            i += step
        if 0 <= i < len(raw) and _is_toc_entry(_strip_markup(raw[i].strip(), Counter()), in_block=False):
            return True
    return False


def _uses_page_marks(raw: list[str]) -> bool:
    """Whether a single leading space marks the first line of a page.

    Some extractors start every page with one space. That only means something
    when few lines do it; a text indented throughout is just indented.
    """
    lines = [line for line in raw if line.strip()]
    marked = sum(1 for line in lines if re.match(r"^ \S", line))
    return 0 < marked <= max(1, len(lines) // 5)


# --- normalising characters -------------------------------------------------------

# Fullwidth forms that are Chinese punctuation in prose: kept, except between digits.
_PROSE_PUNCT = set("，：；！？（）～")


def normalize(text: str, tight: bool = False) -> str:
    """Fullwidth digits and letters to ASCII, and extraction spaces removed.

    :param tight: also remove spaces between two Chinese characters, for text
        that extraction wrapped (titles, table cells) rather than prose, where a
        space between Chinese words can be meant (“好年华 聚福州”).
    """
    text = _narrow(text)
    text = _unletterspace(text)
    return fix_spaces(text, tight=tight)


def _narrow(text: str) -> str:
    """Turn fullwidth digits, letters and number punctuation into ASCII; keep prose punctuation."""
    if not any("\uff01" <= c <= "\uff5e" for c in text):
        return text
    out = []
    for i, c in enumerate(text):
        if "\uff01" <= c <= "\uff5e":
            ascii_c = chr(ord(c) - 0xFEE0)
            if c in _PROSE_PUNCT:
                before = text[i - 1] if i else ""
                after = text[i + 1] if i + 1 < len(text) else ""
                if _digitlike(before) and _digitlike(after) and c in "，：～":
                    out.append(ascii_c)
                else:
                    out.append(c)
            else:
                out.append(ascii_c)
        else:
            out.append(c)
    return "".join(out)


def _digitlike(c: str) -> bool:
    return bool(c) and (c.isdigit() and c.isascii() or "\uff10" <= c <= "\uff19")


def fix_spaces(text: str, tight: bool = False) -> str:
    """Remove the spaces extraction puts next to Chinese characters and punctuation."""
    text = re.sub(_SPACE, " ", text).strip()
    if " " not in text:
        return text
    cjk_or_punct = f"[{CJK}{CJK_PUNCT}]"
    # Chinese next to Latin letters, digits or ASCII symbols: "2022 年", "560 亿元", "R&D 经费".
    text = re.sub(rf"(?<={cjk_or_punct}) (?=[!-~])", "", text)
    text = re.sub(rf"(?<=[!-~]) (?={cjk_or_punct})", "", text)
    # Chinese punctuation next to Chinese: "实施 “中国", "（以下简称 《纲要》）".
    text = re.sub(rf"(?<=[{CJK_PUNCT}]) (?=[{CJK}{CJK_PUNCT}])", "", text)
    text = re.sub(rf"(?<=[{CJK}]) (?=[{CJK_PUNCT}])", "", text)
    if tight:
        text = re.sub(rf"(?<=[{CJK}]) (?=[{CJK}])", "", text)
    # Inside brackets and before a percent sign: "( 2.5 )", "5.3 %".
    text = re.sub(r"(?<=[(\[]) (?![)\]])|(?<![(\[]) (?=[)\]%])", "", text)
    return text


def _unletterspace(text: str) -> str:
    """'会 议 文 件 （ 五 ）' → '会议文件（五）': a short line with every character spaced apart."""
    if len(text) > 40 or " " not in text:
        return text
    parts = text.split()
    if len(parts) >= 2 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return text


def _unspace(text: str) -> str:
    return re.sub(_SPACE, "", text)


def display_width(text: str) -> int:
    """Width of ``text`` in half-width columns, as a PDF line would lay it out."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" or c in "“”‘’—…·" else 1 for c in text)


def is_terminated(text: str) -> bool:
    """Whether ``text`` ends a sentence (。！？；： …, possibly followed by a closing quote or bracket)."""
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in TERMINAL
