"""Importer: the numbering styles of Chinese plans and reports.

Stage: none (data and pure matchers), shared by `blocks.py` and `structure.py`.
Input: one cleaned line; output: what kind of line it starts (a heading of
some rank, a box, a table caption, an appendix, a bullet, a note).

Ranks follow the usual order of Chinese official documents, outermost first:
第一编 > 第一章 > 第一节 > 一、 > （一） > 1. > （1） > ①. A document uses some of
them; the rank alone decides nesting, so a skipped level does no harm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
_START = r"(?=[\u4e00-\u9fff“《〈（(【\"'A-Za-z\d])"
# After an arabic number a title starts with words: "1.5%" is a number, not heading 1.
_WORD_START = r"(?=[\u4e00-\u9fff“《〈（(【\"'A-Za-z])"

# (style, rank, pattern); the pattern's group 'num' is the number as printed.
_STYLES = [
    ("part", 0, rf"(?P<num>第[{_CN}\d]+编)\s*"),
    ("chapter", 1, rf"(?P<num>第[{_CN}\d]+章)\s*"),
    ("section", 2, rf"(?P<num>第[{_CN}\d]+节)\s*"),
    ("cn", 3, rf"(?P<num>[{_CN}]{{1,3}}、)\s*(?![{_CN}]{{1,3}}、)"),
    ("cn-paren", 4, rf"(?P<num>[（(][{_CN}]{{1,3}}[）)])\s*"),
    ("arabic", 5, r"(?P<num>\d{1,2}(?:\.(?!\d)|、|．))\s*" + r"(?!\d)"),
    ("arabic-paren", 6, r"(?P<num>[（(]\d{1,2}[）)])\s*"),
    ("circled", 7, r"(?P<num>[①-⑳])\s*"),
]
_COMPILED = [
    (style, rank, re.compile("^" + pattern + (_WORD_START if style == "arabic" else _START)))
    for style, rank, pattern in _STYLES
]

BOX = re.compile(r"^(?P<num>专栏\s*\d+)\s*[：:．.、]?\s*(?P<title>.*)$")
CAPTION = re.compile(r"^(?:续?表|附表)\s*\d+(?:[-—.]\d+)?(?:[：:\s]|(?=[“\u4e00-\u9fff]))")
APPENDIX = re.compile(r"^(?P<num>附\s*[件录表](?:\s*\d+)?)\s*[：:]?$")
BULLET = re.compile(r"^(?:—{2,}|-{2,}|[•●▪■◆])")
NOTE = re.compile(r"^(?:注|备注|说明|资料来源|数据来源)\s*(?:\d+\s*)?[：:]")
# A date on a line of its own: the date under a signature.
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# Headings printed without a number, recognised by their words.
UNNUMBERED = re.compile(r"^(?:前言|序言|引言|导言|结束语|结语|后记|名词解释)$")
# Words that open the summing-up of a part of a report, printed after its last subsection.
SECTION_CLOSING_CUES = re.compile(
    r"^(?:总体来看|总的来看|总体上看|综上所述|在肯定成绩的同时|一年来|回顾过去|同时，我们也|但我们也|我们也清醒|附件[：:])"
)
# Words that open a report's closing appeal, which belongs to no section.
DOCUMENT_CLOSING_CUES = re.compile(r"^各位代表[，,！!]")
# A sentence-ending or clause-separating mark: a line without any is a title, not prose.
SENTENCE_PUNCT = re.compile(r"[，。；：、！？,;!?]")


@dataclass(frozen=True)
class Numbered:
    """A line that starts with a heading number."""

    style: str
    rank: int
    number: str
    rest: str


def match_number(text: str) -> Numbered | None:
    """The heading number ``text`` starts with, if any, and the text after it."""
    for style, rank, pattern in _COMPILED:
        m = pattern.match(text)
        if m:
            number = re.sub(r"\s+", "", m.group("num"))
            return Numbered(style=style, rank=rank, number=number, rest=text[m.end():].strip())
    return None


def starts_block(text: str) -> bool:
    """Whether a line with this text must begin a new block (heading, box, caption, bullet, note)."""
    return bool(
        match_number(text)
        or BOX.match(text)
        or CAPTION.match(text)
        or APPENDIX.match(text)
        or BULLET.match(text)
        or NOTE.match(text)
        or UNNUMBERED.match(text)
        or DATE_LINE.match(text)
    )


def is_title_like(text: str, longest: int = 40) -> bool:
    """A short line with no sentence punctuation: a title, caption or label rather than prose."""
    return len(text) <= longest and not SENTENCE_PUNCT.search(text)


def split_run_in(rest: str) -> tuple[str, str] | None:
    """'稳经济政策落地见效。出台…' → ('稳经济政策落地见效', '出台…'): a run-in title and the text after it."""
    m = re.match(r"^([^，。；：！？,;]{2,30}?)[。！？]\s*(.*)$", rest, re.S)
    if not m:
        return None
    return m.group(1).strip(), m.group(2).strip()
