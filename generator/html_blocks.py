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

import re

from mkdocs.exceptions import PluginError

_MARKED = re.compile(r"^<!--html-->\n(.*?)\n<!--/html-->$", re.M | re.S)
_PLACEHOLDER = re.compile(r"<p>PORTALHTMLBLOCK(\d+)</p>")
_stashed: dict[str, list[str]] = {}


def stash(markdown: str, where: str = "") -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder, and the blocks."""
    blocks: list[str] = []

    def put(match: re.Match) -> str:
        block = match.group(1)
        if re.search(r"<[^>]*\smarkdown[\s=>]", block):
            raise PluginError(f"{where}: an <!--html--> block holds Markdown (a markdown attribute); "
                              "leave it unmarked so that Markdown reads it")
        blocks.append(block)
        return f"PORTALHTMLBLOCK{len(blocks) - 1}"

    return _MARKED.sub(put, markdown), blocks


def unstash(html: str, blocks: list[str], where: str = "") -> str:
    """The HTML with each placeholder paragraph back to its block, as Markdown would have printed it."""
    used = []

    def back(match: re.Match) -> str:
        used.append(int(match.group(1)))
        return blocks[int(match.group(1))] + "\n"  # Markdown leaves a blank line after a raw block

    out = _PLACEHOLDER.sub(back, html)
    if sorted(used) != list(range(len(blocks))):
        raise PluginError(f"{where}: an <!--html--> block did not stand as a block of its own "
                          "(it needs a blank line before and after)")
    return out.strip()  # as Markdown strips what it converts


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    text, blocks = stash(markdown, page.file.src_uri)
    if blocks:
        _stashed[page.file.src_uri] = blocks
    return text


def on_page_content(html: str, page, **_kwargs) -> str:
    blocks = _stashed.pop(page.file.src_uri, None)
    return unstash(html, blocks, page.file.src_uri) if blocks else html
