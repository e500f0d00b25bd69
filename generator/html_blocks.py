"""MkDocs hooks: the big raw HTML blocks of the generated pages go past Python-Markdown untouched.

Python-Markdown reads every raw HTML block with the standard library's HTML
parser, in Python, only to hand it back as it was: at 150 documents that was
half of MkDocs' time. The page templates mark such a block with a line
`<!--html-->` before it and `<!--/html-->` after it; before Markdown each
marked block becomes a placeholder paragraph, and after Markdown the
placeholder becomes the block again, so a page is the same bytes Markdown
would have made (tests/test_html_blocks.py converts the pages both ways).
A marked block must be one Markdown leaves alone: complete HTML, a blank line
before and after, no `markdown` attribute inside.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError

_MARKED = re.compile(r"^<!--html-->\n(.*?)\n<!--/html-->$", re.M | re.S)
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown[\s=>]")
_QUOTED = re.compile(r'"[^"]*"')  # attribute values (escaped by the templates): a caption may say "markdown"
# What MkDocs counts as a page's anchors in raw HTML: any element's id, an <a>'s name.
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')


@dataclass
class Stashed:
    """A page's marked blocks, and the placeholder word (one the page does not hold) that stands for them."""

    prefix: str = "PORTALHTMLBLOCK"
    blocks: list[str] = field(default_factory=list)


_stashed: dict[str, Stashed] = {}


def stash(markdown: str, where: str = "") -> tuple[str, Stashed]:
    """The Markdown with each marked block replaced by a placeholder, and the blocks."""
    found = Stashed()
    while found.prefix in markdown:  # a page that happens to hold the word: another one
        found.prefix += "X"

    def put(match: re.Match) -> str:
        block = match.group(1)
        if _MARKDOWN_ATTRIBUTE.search(_QUOTED.sub('""', block)):
            raise PluginError(f"{where}: an <!--html--> block holds Markdown (a markdown attribute); "
                              "leave it unmarked so that Markdown reads it")
        found.blocks.append(block)
        return f"{found.prefix}{len(found.blocks) - 1}"

    return _MARKED.sub(put, markdown), found


def unstash(page_html: str, found: Stashed, where: str = "") -> str:
    """The HTML with each placeholder paragraph back to its block, as Markdown would have printed it."""
    used = []

    def back(match: re.Match) -> str:
        used.append(int(match.group(1)))
        return found.blocks[int(match.group(1))] + "\n"  # Markdown leaves a blank line after a raw block

    out = re.sub(rf"<p>{found.prefix}(\d+)</p>", back, page_html)
    if sorted(used) != list(range(len(found.blocks))):
        raise PluginError(f"{where}: an <!--html--> block did not stand as a block of its own "
                          "(it needs a blank line before and after)")
    return out.strip()  # as Markdown strips what it converts


def anchors(found: Stashed) -> set[str]:
    """The anchors of the blocks, which MkDocs no longer sees in the page's Markdown (for its link check)."""
    return {html.unescape(a or name) for block in found.blocks for a, name in _ANCHOR.findall(block)}


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    text, found = stash(markdown, page.file.src_uri)
    if found.blocks:
        _stashed[page.file.src_uri] = found
    return text


def on_page_content(page_html: str, page, **_kwargs) -> str:
    found = _stashed.pop(page.file.src_uri, None)
    if not found:
        return page_html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchors(found)
    return unstash(page_html, found, page.file.src_uri)
