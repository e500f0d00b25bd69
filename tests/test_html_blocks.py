"""The marked raw HTML blocks skip Python-Markdown, and the pages come out as Markdown would have made them."""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.html_blocks import stash, unstash

MARKER_LINE = re.compile(r"^<!--/?html-->\n", re.M)


def _converter(config_file):
    config = load_config(config_file=str(config_file))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs).convert(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_with_marked_blocks_is_what_markdown_alone_makes_of_it(built_site, lang):
    convert = _converter(built_site.build_dir / f"mkdocs.{lang}.yml")
    pages = [p for p in sorted((built_site.build_dir / "md" / lang).rglob("*.md")) if "<!--html-->" in p.read_text("utf-8")]
    kinds = {p.relative_to(built_site.build_dir / "md" / lang).parts[0] for p in pages}
    assert {"documents", "indicators", "regions", "compare.md", "glossary.md"} <= kinds
    for page in pages:
        text = page.read_text(encoding="utf-8")
        stashed, blocks = stash(text, page.name)
        assert blocks and "<!--html-->" not in stashed
        assert unstash(convert(stashed), blocks, page.name) == convert(MARKER_LINE.sub("", text)), page


def test_a_marked_block_that_holds_markdown_is_refused():
    text = '<!--html-->\n<div markdown>\n\n**bold**\n\n</div>\n<!--/html-->\n'
    with pytest.raises(PluginError, match="x.md: an <!--html--> block holds Markdown"):
        stash(text, "x.md")


def test_a_marked_block_glued_to_a_paragraph_is_refused():
    text = 'Some words\n<!--html-->\n<table><tr><td>1</td></tr></table>\n<!--/html-->\n'
    stashed, blocks = stash(text, "x.md")
    with pytest.raises(PluginError, match="x.md: an <!--html--> block did not stand as a block of its own"):
        unstash(markdown.markdown(stashed), blocks, "x.md")
