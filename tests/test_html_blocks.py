"""The marked raw HTML blocks skip Python-Markdown, and the pages come out as Markdown would have made them."""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.html_blocks import anchors, stash, unstash

MARKER_LINE = re.compile(r"^<!--/?html-->\n", re.M)


def _converter(config_file):
    config = load_config(config_file=str(config_file))
    return lambda text: markdown.Markdown(extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs).convert(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_with_marked_blocks_is_what_markdown_alone_makes_of_it(built_site, lang):
    convert = _converter(built_site.build_dir / f"mkdocs.{lang}.yml")
    pages = [p for p in sorted((built_site.build_dir / "md" / lang).rglob("*.md")) if MARKER_LINE.search(p.read_text("utf-8"))]
    kinds = {p.relative_to(built_site.build_dir / "md" / lang).parts[0] for p in pages}
    assert {"documents", "indicators", "regions", "compare.md", "glossary.md"} <= kinds
    for page in pages:
        text = page.read_text(encoding="utf-8")
        stashed, found = stash(text, page.name)
        assert found.blocks and not MARKER_LINE.search(stashed)
        assert unstash(convert(stashed), found, page.name) == convert(MARKER_LINE.sub("", text)), page


def test_a_marked_block_that_holds_markdown_is_refused():
    text = '<!--html-->\n<div markdown>\n\n**bold**\n\n</div>\n<!--/html-->\n'
    with pytest.raises(PluginError, match="x.md: an <!--html--> block holds Markdown"):
        stash(text, "x.md")


def test_a_marked_block_glued_to_a_paragraph_is_refused():
    text = 'Some words\n<!--html-->\n<table><tr><td>1</td></tr></table>\n<!--/html-->\n'
    stashed, found = stash(text, "x.md")
    with pytest.raises(PluginError, match="x.md: an <!--html--> block did not stand as a block of its own"):
        unstash(markdown.markdown(stashed), found, "x.md")


def test_a_caption_that_says_markdown_is_not_taken_for_the_attribute():
    text = '<!--html-->\n<div aria-label="Retail markdown rates"><table><tr><td>1</td></tr></table></div>\n<!--/html-->\n'
    stashed, found = stash(text, "x.md")
    assert unstash(markdown.markdown(stashed), found) == markdown.markdown(MARKER_LINE.sub("", text))


def test_a_page_that_holds_the_placeholder_word_keeps_its_text():
    text = ('PORTALHTMLBLOCK0\n\n<!--html-->\n<p id="s1">a</p>\n<!--/html-->\n\nPORTALHTMLBLOCK9\n')
    stashed, found = stash(text, "x.md")
    assert found.prefix != "PORTALHTMLBLOCK"
    assert unstash(markdown.markdown(stashed), found) == markdown.markdown(MARKER_LINE.sub("", text))


def test_the_anchors_inside_blocks_stay_known_to_mkdocs_link_check():
    _text, found = stash('<!--html-->\n<div class="x"><p id="s1-p2">a <span id="s1-p2-s1">b</span>'
                         '<a name="old">c</a></p></div>\n<!--/html-->\n')
    assert anchors(found) == {"s1-p2", "s1-p2-s1", "old"}
