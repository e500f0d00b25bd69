from decimal import Decimal

import pytest

from generator import model as m
from generator.build import generate
from generator.render import load_strings, md
from generator.validate import validate_content
from generator.wording import Wording
from tests.conftest import MINIMAL_DOCUMENT, write_document

HOSTILE = "<script>alert(1)</script> 与 <img src=x onerror=alert(2)> 以及 **粗体** [链接](javascript:x)"


def test_markdown_escaping_shows_markup_as_text():
    assert md("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert md("1. 不是列表") == "1\\. 不是列表"
    assert md("a | b") == "a \\| b"


def test_script_and_onerror_in_a_paragraph_come_out_escaped(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("居民消费持续回暖。", "居民消费持续回暖。" + HOSTILE))
    files, _ = generate(project)
    text = files["md/zh/documents/testville-report-2030/text.md"]
    assert "<script>" not in text and "<img" not in text
    # Paragraphs are raw HTML blocks (with their translation beside them), which Markdown leaves
    # alone: HTML-escaped, and Markdown punctuation stays as typed without backslashes.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text
    assert "**粗体**" in text


@pytest.fixture(scope="module")
def words_for():
    strings = load_strings()

    def make(portal, lang):
        return Wording(strings[lang], portal, lang)
    return make


def figure(**kw) -> m.Figure:
    return m.Figure(**{"indicator": "gdp", "period": 2023, "kind": "target", "quote": "xx", **kw})


def test_qualifiers_read_as_words_in_each_language(project, words_for):
    portal, _ = validate_content(project.content_dir)
    zh, en = words_for(portal, "zh"), words_for(portal, "en")
    about = figure(growth=Decimal("6"), qualifiers=["about"])
    assert (zh.figure(about), en.figure(about)) == ("增长6%左右", "growth of about 6%")
    assert en.figure(about, short=True) == "about 6%"
    many = figure(value=Decimal("560"), unit="家", qualifiers=["above"])
    assert (zh.figure(many), en.figure(many)) == ("560家以上", "more than 560")
    floor = figure(text=m.LocalizedText(zh="全省平均水平", en="the provincial average"), qualifiers=["at-least"])
    assert (zh.figure(floor), en.figure(floor)) == ("不低于全省平均水平", "at least the provincial average")
    cumulative = figure(value=Decimal("3.5"), unit="万人", qualifiers=["cumulative"], period="2021-2025")
    assert (zh.figure(cumulative), en.figure(cumulative)) == ("累计3.5万人", "35,000 people in total")
    below = figure(value=Decimal("30"), unit="%", qualifiers=["below"])
    assert (zh.figure(below), en.figure(below)) == ("30%以下", "less than 30%")
    like = figure(growth=Decimal("5"), comparability=m.Comparability(basis="like-for-like"))
    assert (zh.figure(like), en.figure(like)) == ("增长5%（同口径）", "growth of 5% (like-for-like)")


def test_english_rescales_chinese_units_and_keeps_printed_decimals(project, words_for):
    portal, _ = validate_content(project.content_dir)
    en, zh = words_for(portal, "en"), words_for(portal, "zh")
    assert en.quantity(Decimal("560"), "亿元") == "56 billion yuan"
    assert en.quantity(Decimal("2.75"), "亿美元") == "275 million US dollars"
    assert en.quantity(Decimal("51252"), "元") == "51,252 yuan"
    assert en.quantity(Decimal("1.32"), "万人") == "13,200 people"
    assert zh.figure(figure(value=Decimal("560"), unit="亿元", growth=Decimal("-24.7"))) == "560亿元，增长-24.7%"
    assert en.growth(figure(growth=Decimal("3.0")), short=True) == "3.0%"


def test_both_languages_have_the_same_page_paths(project):
    files, report = generate(project)
    zh = {p[len("md/zh/"):] for p in files if p.startswith("md/zh/") and p.endswith(".md")}
    en = {p[len("md/en/"):] for p in files if p.startswith("md/en/") and p.endswith(".md")}
    assert zh == en
    assert "documents/testville-report-2030/index.md" in zh
    assert report.pages == {"zh": len(zh), "en": len(en)}


def test_generated_pages_say_where_they_come_from(project):
    files, _ = generate(project)
    page = files["md/en/documents/testville-report-2030/index.md"]
    assert "<!-- generated from content/documents/testville-report-2030.yaml; do not edit -->" in page
    assert ('<tr><td>Gross domestic product (GDP)</td><td data-label="2030 estimate">growth of about 6% '
            '<a href="text/#s1-p1-s1">source</a></td></tr>') in page


def test_section_numbers_read_as_numbers_in_english():
    from generator.wording import section_number
    assert [section_number(n, "en") for n in ("一、", "（十二）", "第二十三章", "第一节", "第一部分", "专栏3")] == [
        "1.", "(12)", "Chapter 23", "Section 1", "Part 1", "Box 3"]
    assert section_number("（十二）", "zh") == "（十二）"


def test_english_amounts_keep_every_printed_digit(project, words_for):
    portal, _ = validate_content(project.content_dir)
    assert words_for(portal, "en").quantity(Decimal("1234.5678"), "亿元") == "123.45678 billion yuan"


def test_in_step_alone_reads_as_a_phrase(project, words_for):
    portal, _ = validate_content(project.content_dir)
    fig = figure(qualifiers=["in-step"])
    assert (words_for(portal, "zh").figure(fig), words_for(portal, "en").figure(fig)) == (
        "与经济增长同步", "in step with economic growth")
