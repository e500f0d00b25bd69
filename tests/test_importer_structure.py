"""Tests for generator/importer/structure.py: front matter, the section tree, boxes and tables."""

import datetime as dt

import pytest

from generator.errors import ImportSourceError
from generator.importer.clean import clean_text
from generator.importer.structure import BoxNode, Para, TableNode, build_skeleton


NO_TITLE = "found no title before the first heading; write it into title.zh"


def skeleton(source: str, kind: str = "annual-report", keep_title_warning: bool = False):
    warnings = []
    result = build_skeleton(clean_text(source).lines, kind, warnings)
    if not keep_title_warning:  # most snippets here have no title; that warning has its own test
        warnings = [w for w in warnings if w[1] != NO_TITLE]
    return result, warnings


def outline(sections, depth=0):
    """[(depth, number, title)] for a section tree."""
    out = []
    for s in sections:
        out.append((depth, s.number, s.title))
        out.extend(outline(s.sections, depth + 1))
    return out


# --- front matter ---------------------------------------------------------------------------


REPORT = """
区七届人大二次
会议文件（四）

关于福州市东湖区 2027 年国民经济和社会发展 计划执行情况及 2028 年计划草案的报告

（2027 年 12 月 18 日在东湖区第七届

人民代表大会第二次会议上）

福州市东湖区发展和改革局

各位代表：

受东湖区人民政府委托，现将计划执行情况提请审议。

一、2027 年国民经济和社会发展计划执行情况

全年经济平稳。
"""


def test_title_issuer_meeting_date_and_session_document_number_are_read_from_the_front():
    result, warnings = skeleton(REPORT)
    front = result.front
    assert front.title == "关于福州市东湖区2027年国民经济和社会发展计划执行情况及2028年计划草案的报告"
    assert front.issuer == "福州市东湖区发展和改革局"
    assert front.meeting == "东湖区第七届人民代表大会第二次会议"
    assert front.date == dt.date(2027, 12, 18)
    assert front.date_is == "presented"  # 在…会议上: presented to the congress on that day
    assert front.session_document == "区七届人大二次会议文件（四）"
    assert front.doc_number is None  # a session label is not a document number
    assert [p.text for p in result.preamble] == ["各位代表：", "受东湖区人民政府委托，现将计划执行情况提请审议。"]
    assert warnings == []


def test_a_title_over_three_lines_is_joined_and_ends_at_the_word_naming_the_document():
    source = (
        "关于福州市西湖区２０２９年国民经济和社会发展\n\n计划执行情况及２０３０年国民经济和\n\n社会发展计划草案的报告\n\n"
        "受区政府委托，现将报告提请审议\n\n一、执行情况\n\n正文。\n"
    )
    result, _ = skeleton(source)
    assert result.front.title == "关于福州市西湖区2029年国民经济和社会发展计划执行情况及2030年国民经济和社会发展计划草案的报告"
    assert [p.text for p in result.preamble] == ["受区政府委托，现将报告提请审议"]


def test_a_plan_issued_with_a_covering_notice_takes_the_plans_title_and_the_notices_number():
    source = """# 福州市北湖区人民政府文件

北政综〔2026〕7号

## 福州市北湖区人民政府关于印发 福州市北湖区国民经济和社会发展第十五个五年 规划纲要的通知

各街道办事处：

《纲要》已经区人大批准，现印发给你们。

福州市北湖区人民政府

2026年3月2日

# 福州市北湖区国民经济和社会发展第十五个 五年规划纲要

(2026年1月20日区三届人大五次会议批准)

# 第一章 总则

正文。
"""
    result, _ = skeleton(source, kind="five-year-plan")
    front = result.front
    assert front.title == "福州市北湖区国民经济和社会发展第十五个五年规划纲要"
    assert front.doc_number == "北政综〔2026〕7号"
    assert front.issuer == "福州市北湖区人民政府"
    assert front.meeting == "区三届人大五次会议"
    assert (front.date, front.date_is) == (dt.date(2026, 1, 20), "approved")
    assert front.issued == dt.date(2026, 3, 2)  # the issuing notice's date, apart from the approval
    assert [p.text for p in result.preamble] == [
        "福州市北湖区人民政府文件",
        "福州市北湖区人民政府关于印发福州市北湖区国民经济和社会发展第十五个五年规划纲要的通知",
        "各街道办事处：",
        "《纲要》已经区人大批准，现印发给你们。",
        "2026年3月2日",  # the notice's last line stays text, as the published pages show it
    ]


def test_a_missing_title_is_reported():
    _, warnings = skeleton("各位代表：\n\n现将报告提请审议。\n\n一、执行情况\n\n正文。\n", keep_title_warning=True)
    assert warnings == [(1, NO_TITLE)]


def test_an_impossible_date_is_reported_and_left_empty():
    result, warnings = skeleton("关于甲区2027年计划执行情况的报告\n\n（2027年2月30日在甲区第一届人民代表大会第一次会议上）\n\n一、甲\n\n正文。\n")
    assert result.front.date is None
    assert warnings == [(3, "'（2027年2月30日在甲区第一届人民代表大会第一次会议上）' is not a valid date; left date empty")]


def test_text_without_any_heading_has_no_structure():
    with pytest.raises(ImportSourceError, match="found no headings: expected numbered headings such as 一、 （一） 1. or 第一章"):
        skeleton("这是一段没有任何标题的文字。\n\n又一段。\n")


# --- the section tree -----------------------------------------------------------------------


def test_sections_nest_by_numbering_style():
    result, _ = skeleton(
        "一、执行情况\n\n概述。\n\n（一）经济运行\n\n1. 稳经济政策落地见效。出台政策。\n\n2. 风险防范化解到位。完成任务。\n\n"
        "（二）改革开放\n\n正文。\n\n(三) 绿色发展\n\n正文。\n\n二、计划安排\n\n（一）创新\n\n正文。\n"
    )
    assert outline(result.sections) == [
        (0, "一、", "执行情况"),
        (1, "（一）", "经济运行"),
        (2, "1.", "稳经济政策落地见效"),
        (2, "2.", "风险防范化解到位"),
        (1, "（二）", "改革开放"),
        (1, "(三)", "绿色发展"),
        (0, "二、", "计划安排"),
        (1, "（一）", "创新"),
    ]
    first_item = result.sections[0].sections[0].sections[0]
    assert [b.text for b in first_item.body] == ["出台政策。"]


def test_markdown_heading_levels_are_ignored_in_favour_of_numbering():
    result, _ = skeleton(
        "# 第一章 总则\n\n### 第一节 基础\n\n#### 一、甲\n\n正文。\n\n## 二、乙\n\n正文。\n\n# **第二节 目标**\n\n正文。\n"
    )
    assert outline(result.sections) == [
        (0, "第一章", "总则"),
        (1, "第一节", "基础"),
        (2, "一、", "甲"),
        (2, "二、", "乙"),
        (1, "第二节", "目标"),
    ]


def test_a_chapter_title_printed_on_two_lines_is_joined():
    result, _ = skeleton("# 第一章 开启新篇章\n\n## 加快建设核心区\n\n### 第一节 基础\n\n正文。\n")
    assert result.sections[0].title == "开启新篇章 加快建设核心区"
    assert result.sections[0].sections[0].title == "基础"


def test_a_chapter_title_on_two_lines_without_markup_is_joined_too():
    result, _ = skeleton("第二章 强化改革创新\n\n建设活力城区\n\n推进创新驱动体系建设，营造良好环境。\n")
    assert result.sections[0].title == "强化改革创新 建设活力城区"
    assert [b.text for b in result.sections[0].body] == ["推进创新驱动体系建设，营造良好环境。"]


def test_headings_without_numbers_are_sections_at_the_top_level():
    result, _ = skeleton("# 前 言\n\n本纲要阐明战略意图。\n\n# 第一章 总则\n\n### 第一节 基础\n\n正文。\n", kind="five-year-plan")
    assert outline(result.sections) == [(0, None, "前言"), (0, "第一章", "总则"), (1, "第一节", "基础")]


def test_an_appendix_takes_the_line_after_it_as_its_title():
    result, _ = skeleton("一、正文\n\n正文。\n\n附录：\n\n名 词 解 释\n\n1、“专精特新”。指中小企业。\n")
    assert outline(result.sections) == [(0, "一、", "正文"), (0, "附录", "名词解释"), (1, "1、", "“专精特新”")]


def test_a_summing_up_after_the_last_subsection_closes_its_part():
    result, _ = skeleton(
        "一、执行情况\n\n（一）经济\n\n正文一。\n\n（二）民生\n\n正文二。\n\n总体来看，全区经济稳中有进。\n\n同时也要看到困难。\n\n二、计划\n\n正文三。\n"
    )
    part = result.sections[0]
    assert [b.text for b in part.closing] == ["总体来看，全区经济稳中有进。", "同时也要看到困难。"]
    assert [b.text for b in part.sections[1].body] == ["正文二。"]


def test_the_closing_appeal_belongs_to_no_section():
    result, _ = skeleton("一、计划\n\n（一）创新\n\n正文。\n\n各位代表，让我们团结奋斗！\n\n区人民代表大会秘书处印\n")
    assert [b.text for b in result.closing] == ["各位代表，让我们团结奋斗！", "区人民代表大会秘书处印"]
    assert [b.text for b in result.sections[0].sections[0].body] == ["正文。"]


def test_an_unrecognised_markdown_heading_is_kept_as_a_paragraph_with_a_warning():
    result, warnings = skeleton("一、甲\n\n## 重点任务\n\n正文。\n")
    assert [b.text for b in result.sections[0].body] == ["重点任务", "正文。"]
    assert warnings == [(3, "unrecognised heading '重点任务' (no number); kept as a paragraph")]


# --- boxes ----------------------------------------------------------------------------------


def test_a_box_collects_the_items_up_to_the_next_heading():
    result, warnings = skeleton(
        "一、甲\n\n正文。\n\n### 专栏 1：“十五五”重点项目\n\n**平台项目：**科创谷、产业园二期。\n\n**人才项目：**人才公寓。\n\n二、乙\n\n正文。\n"
    )
    box = result.sections[0].body[1]
    assert isinstance(box, BoxNode)
    assert (box.number, box.title) == ("专栏1", "“十五五”重点项目")
    assert [i.text for i in box.items] == ["平台项目：科创谷、产业园二期。", "人才项目：人才公寓。"]
    assert warnings == []


def test_a_box_whose_content_was_lost_is_kept_empty_with_a_warning():
    result, warnings = skeleton("一、甲\n\n正文。\n\n专栏１：“十三五”规划主要目标完成情况\n\n（一）乙\n\n正文。\n")
    box = result.sections[0].body[1]
    assert isinstance(box, BoxNode) and box.items == []
    assert warnings == [(5, "专栏1 (“十三五”规划主要目标完成情况) has no items: its content (a table?) was probably lost in extraction")]


# --- tables ---------------------------------------------------------------------------------


TABLE = """一、目标

**表 1 “十三五”时期主要指标完成情况**

分类\t序号\t指标名称\t单位\t2015年\t规划目标\t\t完成情况\t
\t\t\t\t\t2020年\t年均增长/[累计]\t2020年\t年均增长/[累计]
经济发展\t1\t地区生产总值\t亿元\t369.6\t570左右\t9%左右\t600.81\t6.2%
\t2\t人均地区生产总值\t万元\t7.91\t11 左右\t8%左右\t12.5\t6.9%
# 规上工业增加值\t%\t6.8\t3.5\t6

注：1.[ ]内为累计数。2.个别指标口径调整为

人民币。

正文继续。
"""


def test_a_table_gets_its_caption_two_header_rows_padded_rows_and_notes():
    result, warnings = skeleton(TABLE)
    table = result.sections[0].body[0]
    assert isinstance(table, TableNode)
    assert table.caption == "表1“十三五”时期主要指标完成情况"
    assert table.header == [
        ["分类", "序号", "指标名称", "单位", "2015年", "规划目标", "", "完成情况", ""],
        ["", "", "", "", "", "2020年", "年均增长/[累计]", "2020年", "年均增长/[累计]"],
    ]
    assert table.rows[1] == ["", "2", "人均地区生产总值", "万元", "7.91", "11左右", "8%左右", "12.5", "6.9%"]
    assert table.rows[2] == ["#规上工业增加值", "%", "6.8", "3.5", "6", "", "", "", ""]
    assert table.row_lines == [7, 8, 9]
    assert [n.text for n in table.notes] == ["注：1.[ ]内为累计数。2.个别指标口径调整为人民币。"]
    assert [b.text for b in result.sections[0].body[1:]] == ["正文继续。"]
    assert warnings == []


def test_a_second_row_with_numbers_is_data_not_header():
    result, _ = skeleton("一、甲\n\n指标\t2020年\t2025年\n地区生产总值\t600\t860\n固定资产投资\t300\t400\n")
    table = result.sections[0].body[0]
    assert len(table.header) == 1 and len(table.rows) == 2


def test_a_short_line_right_before_a_table_is_its_caption():
    result, _ = skeleton("附件\n\n福州市 2023 年主要指标 执行情况\n\n指标名称\t单位\t目标\n地区生产总值\t%\t6\n")
    section = result.sections[0]
    assert (section.number, section.title) == ("附件", "福州市2023年主要指标执行情况")
    assert section.body[0].caption is None


def test_a_table_caption_with_no_rows_is_reported():
    result, warnings = skeleton("一、甲\n\n表3 “十五五”时期重大项目投资计划\n\n二、乙\n\n正文。\n")
    assert [b.text for b in result.sections[0].body] == ["表3“十五五”时期重大项目投资计划"]
    assert warnings == [(3, "table caption '表3“十五五”时期重大项目投资计划' has no rows after it; kept as a paragraph")]


def test_paragraphs_know_the_source_line_of_every_character():
    result, _ = skeleton("一、甲\n\n（１）科技创新。实施战略，建设\n\n创新型城区。国家高新技\n\n术企业增加到２１６家，持续\n\n增强。再增强。更增强。\n\n又一段，很长\n\n的一段。\n")
    para = result.sections[0].sections[0].body[0]
    assert isinstance(para, Para)
    assert para.text.startswith("实施战略")
    assert para.line_at(para.text.index("216")) in (5, 7)


def test_a_document_number_and_a_session_label_are_kept_apart():
    result, _ = skeleton("区三届人大一次\n会议文件（二）\n\n南政〔2030〕5号\n\n关于某区2030年计划的报告\n\n一、甲\n\n正文。\n")
    assert result.front.doc_number == "南政〔2030〕5号"
    assert result.front.session_document == "区三届人大一次会议文件（二）"
    assert result.preamble == []


def test_a_table_before_the_first_heading_stays_a_table_in_the_preamble():
    result, _ = skeleton("关于甲区2030年计划的报告\n\n指标\t2030年\n地区生产总值\t600\n\n一、甲\n\n正文。\n")
    table = result.preamble[0]
    assert isinstance(table, TableNode)
    assert table.header == [["指标", "2030年"]] and table.rows == [["地区生产总值", "600"]]


def test_a_numbered_line_that_is_no_heading_gives_no_structure():
    long_numbered = "一、" + "这是一整段被错误地排成一行的很长很长的正文，没有任何句号也不会是标题" * 2
    with pytest.raises(ImportSourceError, match="found no headings"):
        skeleton(f"{long_numbered}\n\n又一段正文。\n")


def test_a_row_of_empty_cells_is_a_blank_line():
    result, _ = skeleton("一、甲\n\n正文。\n\t\t\n\n又一段。\n")
    assert [b.text for b in result.sections[0].body] == ["正文。", "又一段。"]
