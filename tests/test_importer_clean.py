"""Tests for generator/importer/clean.py: one test per kind of extraction noise."""

import pytest

from generator.importer.clean import clean_text, display_width, fix_spaces, is_terminated, normalize


def texts(source: str) -> list[str]:
    return [line.text for line in clean_text(source).lines]


# --- spaces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("2022 年", "2022年"),
        ("固定资产投资 560 亿元，增长-24.7%", "固定资产投资560亿元，增长-24.7%"),
        ("全区规上企业 R&D 经费", "全区规上企业R&D经费"),
        ("增长 5.3% 左右", "增长5.3%左右"),
        ("5.3 %", "5.3%"),
        ("第 5 届数字峰会", "第5届数字峰会"),
        ("实施 “中国制造”", "实施“中国制造”"),
        ("（以下简称 《纲要》）", "（以下简称《纲要》）"),
        ("“数字桂溪” “诗韵紫阳”", "“数字桂溪”“诗韵紫阳”"),
        ("增长 (%)", "增长(%)"),
    ],
)
def test_spaces_extraction_puts_next_to_chinese_are_removed(raw, clean):
    assert normalize(raw) == clean


def test_a_space_between_two_chinese_words_in_prose_is_kept():
    assert normalize("发挥“好年华 聚福州”引才品牌优势") == "发挥“好年华 聚福州”引才品牌优势"


def test_spaces_between_chinese_words_go_in_wrapped_text_such_as_table_cells():
    assert fix_spaces("不低于 全省平均水平", tight=True) == "不低于全省平均水平"


def test_spaces_between_latin_words_are_kept():
    assert normalize("增强“FU LIFE+台江就业服务基地”辐射") == "增强“FU LIFE+台江就业服务基地”辐射"


def test_letter_spaced_labels_are_closed_up():
    assert normalize("会 议 文 件 （ 五 ）") == "会议文件（五）"
    assert normalize("名 词 解 释") == "名词解释"


# --- fullwidth characters -------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("２０２０年", "2020年"),
        ("地区生产总值９５９．０５亿元", "地区生产总值959.05亿元"),
        ("占ＧＤＰ的６０％", "占GDP的60%"),
        ("研发经费（Ｒ＆Ｄ）", "研发经费（R&D）"),
        ("“互联网＋”农业", "“互联网+”农业"),
        ("微克／立方米", "微克/立方米"),
        ("增长－２．１％", "增长-2.1%"),
        ("１，０００万元", "1,000万元"),
        ("比例４８：５２", "比例48:52"),
        ("［３．５］", "[3.5]"),
        ("１．创新驱动能力迈上新台阶", "1.创新驱动能力迈上新台阶"),
    ],
)
def test_fullwidth_digits_letters_and_number_punctuation_become_ascii(raw, clean):
    assert normalize(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "地表水达到或好于Ⅲ类水体比例",
        "①固定资产投资，不再计算全社会固定资产投资",
        "二〇三五年远景目标",
        "二○三五年远景目标",
        "三次产业结构比例优化为0.8∶26.5∶72.7",
        "２０２０年，实现地区生产总值；力争（一）“十四五”：完成！",
    ],
)
def test_characters_that_must_stay_are_kept(text):
    cleaned = normalize(text)
    for keep in "Ⅲ①〇○∶，；（）“”：！":
        assert cleaned.count(keep) == text.count(keep)


# --- markup ---------------------------------------------------------------------------------


def test_markdown_heading_marks_are_removed_and_remembered():
    lines = clean_text("#### 一、综合实力迈上新台阶\n").lines
    assert lines[0].text == "一、综合实力迈上新台阶"
    assert lines[0].markup_heading


def test_markdown_bold_marks_are_removed():
    assert texts("商贸限上限下比例由**48:52**优化至**75:25**。\n") == ["商贸限上限下比例由48:52优化至75:25。"]


def test_html_bold_tags_are_removed():
    assert texts("<b>第二章 强化改革创新</b>\n") == ["第二章 强化改革创新"]


def test_a_subscript_joins_the_text_before_it():
    line = clean_text("17\t城市细颗粒物(PM <sub>2.5</sub> )年均浓度\t毫克/立方米\n").lines[0]
    assert line.cells == ["17", "城市细颗粒物(PM2.5)年均浓度", "毫克/立方米"]


def test_a_horizontal_rule_is_dropped():
    assert texts("福州市台江区人民政府文件\n\n---\n\n正文。\n") == ["福州市台江区人民政府文件", "正文。"]


def test_a_hash_that_marks_a_sub_row_in_a_table_is_kept():
    line = clean_text("# 规上工业增加值\t%\t6.8\t3.5\t6\n").lines[0]
    assert line.cells == ["#规上工业增加值", "%", "6.8", "3.5", "6"]


def test_a_hash_inside_prose_is_kept():
    assert texts("加快江阴港区壁头作业区6—7#泊位等项目建设。\n") == ["加快江阴港区壁头作业区6—7#泊位等项目建设。"]


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["31", "３１", "- 12 -", "— 7 —", "第 3 页", "3/45"])
def test_standalone_page_numbers_are_dropped_and_the_next_line_starts_a_page(number):
    cleaned = clean_text(f"加\n\n{number}\n\n\n\n快推进新型基础设施建设。\n")
    assert [line.text for line in cleaned.lines] == ["加", "快推进新型基础设施建设。"]
    assert cleaned.lines[1].page_start
    assert cleaned.removed["page numbers"] == 1


def test_a_single_leading_space_marks_the_first_line_of_a_page():
    source = "".join(f"第{i}行文字，继续\n\n" for i in range(12)) + " 化拓展“三争三领三比”行动，\n"
    lines = clean_text(source).lines
    assert lines[-1].text == "化拓展“三争三领三比”行动，"
    assert lines[-1].page_start
    assert not lines[0].page_start


def test_leading_spaces_on_every_line_are_indentation_not_page_marks():
    lines = clean_text(" 第一行。\n 第二行。\n 第三行。\n").lines
    assert not any(line.page_start for line in lines)


def test_an_ideographic_space_indent_marks_a_paragraph_start():
    lines = clean_text("　　高端装备制造业（200亿）：高意通讯、华科\n光电等企业。\n").lines
    assert lines[0].indent and lines[0].text.startswith("高端装备")
    assert not lines[1].indent


def test_a_form_feed_starts_a_page():
    lines = clean_text("前一页最后一行，\n\f后一页第一行。\n").lines
    assert [line.page_start for line in lines] == [False, True]


# --- tables of contents ---------------------------------------------------------------------


TOC = """# 目 录

前 言 .....\t1
<b>第一章 开启高质量发展新篇章...</b>\t<b>2</b>
第一节 发展基础 .....\t2

<b>第二章</b>\t<b>强化改革创新</b>\t<b>17</b>
第一节\t实施创新驱动战略\t17

第二节\t加快高新技术企业集聚.....\t19

# 前 言

正文第一段。
"""


def test_a_table_of_contents_is_dropped_up_to_the_first_line_that_is_not_an_entry():
    cleaned = clean_text(TOC)
    assert [line.text for line in cleaned.lines] == ["前言", "正文第一段。"]
    assert cleaned.removed["table-of-contents lines"] == 7
    assert [no for no, _ in cleaned.toc] == [3, 4, 5, 7, 8, 10]


def test_dot_leader_lines_without_a_contents_heading_are_dropped_too():
    cleaned = clean_text("第一章 总则 ........ 1\n第二章 目标 ........ 5\n一、正文\n")
    assert [line.text for line in cleaned.lines] == ["一、正文"]
    assert cleaned.warnings == []


def test_a_lone_dot_leader_line_is_dropped_with_a_warning():
    cleaned = clean_text("一、正文\n\n第二章 目标 ........ 5\n\n正文。\n")
    assert [line.text for line in cleaned.lines] == ["一、正文", "正文。"]
    assert cleaned.warnings == [(3, "dropped a line that looks like a table-of-contents entry: '第二章 目标 ........ 5'")]


def test_a_table_row_after_the_contents_is_not_taken_for_an_entry():
    cleaned = clean_text("目录\n一、总则 ..... 1\n\n表1 指标\n指标\t2020年\n地区生产总值\t600\n")
    assert [line.text for line in cleaned.lines] == ["表1指标", "指标\t2020年", "地区生产总值\t600"]


# --- line facts -----------------------------------------------------------------------------


def test_every_line_keeps_its_source_line_number():
    lines = clean_text("\n\n第一行\n\n\n第二行\n").lines
    assert [(line.no, line.blank_before) for line in lines] == [(3, 2), (6, 2)]


def test_crlf_and_cr_line_ends_are_handled():
    assert texts("甲。\r\n乙。\r丙。") == ["甲。", "乙。", "丙。"]


@pytest.mark.parametrize("text, ends", [("全力推进。", True), ("具体指标如下：", True), ("提出意见。”", True),
                                         ("推进实施“八五”", False), ("增长，", False), ("（卫生院）", False)])
def test_a_line_ends_a_sentence_on_a_full_stop_colon_or_semicolon(text, ends):
    assert is_terminated(text) is ends


def test_display_width_counts_chinese_and_quotes_as_two_columns():
    assert display_width("年2“”") == 2 + 1 + 2 + 2
