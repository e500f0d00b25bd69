"""Tests for generator/importer/blocks.py (joining lines into paragraphs) and numbering.py."""

import pytest

from generator.importer.blocks import build_units, detect_layout
from generator.importer.clean import clean_text
from generator.importer.numbering import match_number, split_run_in


def units(source: str):
    lines = clean_text(source).lines
    warnings = []
    layout = detect_layout(lines)
    return [u.text for u in build_units(lines, layout, warnings)], warnings, layout


# --- numbering styles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, style, number, rest",
    [
        ("一、2022年国民经济和社会发展计划执行情况", "cn", "一、", "2022年国民经济和社会发展计划执行情况"),
        ("十一、强化规划实施保障", "cn", "十一、", "强化规划实施保障"),
        ("（一）全力稳住经济大盘", "cn-paren", "（一）", "全力稳住经济大盘"),
        ("(七) 绿色转型加快推进", "cn-paren", "(七)", "绿色转型加快推进"),
        ("1. 稳经济政策落地见效。出台政策。", "arabic", "1.", "稳经济政策落地见效。出台政策。"),
        ("１、坚持党的全面领导。", "arabic", "1、", "坚持党的全面领导。"),
        ("２．产业优化升级迈开新步伐", "arabic", "2.", "产业优化升级迈开新步伐"),
        ("10、多规合一。", "arabic", "10、", "多规合一。"),
        ("（１）科技创新实力持续增强。", "arabic-paren", "（1）", "科技创新实力持续增强。"),
        ("第一章 开启高质量发展新篇章", "chapter", "第一章", "开启高质量发展新篇章"),
        ("第十二章 附则", "chapter", "第十二章", "附则"),
        ("第三节 2035 年远景目标", "section", "第三节", "2035年远景目标"),
        ("第一编 总论", "part", "第一编", "总论"),
    ],
)
def test_each_numbering_style_is_recognised_with_its_number_as_printed(line, style, number, rest):
    found = match_number(clean_text(line).lines[0].text)
    assert (found.style, found.number, found.rest) == (style, number, rest)


@pytest.mark.parametrize("line", ["1.5%的增长", "2020年，实现地区生产总值", "一、二、三类水体", "2、4号线沿线", "——地区生产总值增长6%"])
def test_numbers_inside_text_are_not_headings(line):
    assert match_number(clean_text(line).lines[0].text) is None


def test_ranks_nest_outermost_first():
    ranks = [match_number(t).rank for t in ["第一编 甲", "第一章 甲", "第一节 甲", "一、甲", "（一）甲", "1.甲", "（1）甲"]]
    assert ranks == sorted(ranks)


def test_a_run_in_title_is_split_from_its_text():
    assert split_run_in("稳经济政策落地见效。出台“开门稳”政策。") == ("稳经济政策落地见效", "出台“开门稳”政策。")
    assert split_run_in("新增就业13万人，失业人员再就业2万人。") is None


# --- one line per paragraph -----------------------------------------------------------------


def test_a_paragraph_cut_by_a_page_break_is_joined():
    text, warnings, layout = units(
        "一、总体情况\n\n智能产业成效突显。持续深化行动体系建设，智能产\n\n业发展格局深化拓展。\n\n工业稳步推进。\n\n新增企业20家。\n"
    )
    assert not layout.hard_wrap
    assert text == ["一、总体情况", "智能产业成效突显。持续深化行动体系建设，智能产业发展格局深化拓展。", "工业稳步推进。", "新增企业20家。"]
    assert warnings == []


def test_a_number_cut_from_its_unit_by_a_page_break_is_joined():
    text, _, _ = units("一、情况\n\n开展攻坚行动，新开工项目 835\n\n个，建成项目 601 个。\n\n又一段。\n\n再一段。\n")
    assert text[1] == "开展攻坚行动，新开工项目835个，建成项目601个。"


def test_a_short_line_cut_before_closing_punctuation_is_joined():
    text, _, _ = units("一、情况\n\n全市实有市场主体突破110\n\n万户。\n\n又一段。\n\n再一段。\n")
    assert text[1] == "全市实有市场主体突破110万户。"


def test_a_character_repeated_at_a_page_join_is_dropped_and_reported():
    text, warnings, _ = units("一、情况\n\n创新成果持续涌现，闽都创新实\n\n实验室攻克关键核心技术70多项。\n\n又一段。\n\n再一段。\n")
    assert text[1] == "创新成果持续涌现，闽都创新实验室攻克关键核心技术70多项。"
    assert warnings == [(5, "dropped a repeated '实' where line 3 continues on line 5 (a page join)")]


def test_a_doubled_character_that_is_a_word_is_kept_at_a_page_join():
    text, warnings, _ = units("一、情况\n\n反对和遏制“台独”、紧\n\n紧围绕增进两岸同胞福祉。\n\n又一段。\n\n再一段。\n")
    assert text[1] == "反对和遏制“台独”、紧紧围绕增进两岸同胞福祉。"
    assert warnings == [(5, "kept the doubled '紧' where line 3 continues on line 5 (a page join); check it")]


def test_a_line_wrapped_without_a_blank_line_is_joined_but_never_deduplicated():
    text, warnings, _ = units("一、情况\n\n附件：福州市计划执行情况和\n和2024年主要指标。\n\n又一段。\n\n再一段。\n")
    assert text[1] == "附件：福州市计划执行情况和和2024年主要指标。"
    assert warnings == []


def test_a_heading_is_never_joined_to_the_text_after_it():
    text, _, _ = units("（一）全力稳住经济大盘，推动产业转型发展\n\n扶持龙头壮大产业。坚持扶引大龙头。\n\n又一段。\n")
    assert text[0] == "（一）全力稳住经济大盘，推动产业转型发展"


def test_a_paragraph_that_stops_without_punctuation_before_a_heading_is_reported():
    text, warnings, _ = units("一、甲\n\n第一句。第二句没有写完\n\n二、乙\n\n正文。\n\n又一段。\n")
    assert text[1] == "第一句。第二句没有写完"
    assert warnings == [(3, "paragraph ends without punctuation before a heading; check that no text is missing")]


def test_bullets_stay_separate_paragraphs():
    text, _, _ = units("二、目标\n\n——地区生产总值增长6%左右；\n\n——固定资产投资增长8%；\n\n——城镇居民人均可支配收入与经济增长基本保持同步。\n")
    assert text[1:] == ["——地区生产总值增长6%左右；", "——固定资产投资增长8%；", "——城镇居民人均可支配收入与经济增长基本保持同步。"]


def test_a_short_line_without_punctuation_stays_on_its_own():
    text, _, _ = units("第一章 开启新篇章\n\n加快建设核心区\n\n推进体系建设，营造良好环境。\n\n又一段。\n")
    assert text == ["第一章 开启新篇章", "加快建设核心区", "推进体系建设，营造良好环境。", "又一段。"]


# --- hard-wrapped text ----------------------------------------------------------------------


HARD = """一、执行情况

２０３０年，全区上下坚持稳中求进工作总基调，经济运

行保持平稳。预计全年地区生产总值４２０．５亿元，增长

５．８％。

工业稳步推进。新引进数字企业３６家，形成阿里巴

巴生态链企业集群，紧

紧扣住农业现代化目标，培育农业龙头企业６家，实现农业

增加值１２．８亿元。新增规上企业２０家，软件营收增长

１８．５％，实现较快增长，全区数字经济规模持续扩大。

现代服务业提质增效。全方位开展线上线下促销活动，

拉动消费超１０亿元。

（一）产业发展

就业形势保持稳定。城镇新增就业人数２．３万人，失业


２


 业人员再就业０．８万人，零就业家庭动态清零。
"""


def test_hard_wrapped_text_is_recognised():
    _, _, layout = units(HARD)
    assert layout.hard_wrap
    assert 48 <= layout.line <= 56


def test_hard_wrapped_lines_join_into_paragraphs_that_end_on_short_lines():
    text, _, _ = units(HARD)
    assert text[:3] == [
        "一、执行情况",
        "2030年，全区上下坚持稳中求进工作总基调，经济运行保持平稳。预计全年地区生产总值420.5亿元，增长5.8%。",
        "工业稳步推进。新引进数字企业36家，形成阿里巴巴生态链企业集群，紧紧扣住农业现代化目标，"
        "培育农业龙头企业6家，实现农业增加值12.8亿元。新增规上企业20家，软件营收增长18.5%，实现较快增长，"
        "全区数字经济规模持续扩大。",
    ]


def test_a_full_line_ending_a_sentence_continues_unless_a_run_in_title_follows():
    text, _, _ = units(HARD)
    assert text[3] == "现代服务业提质增效。全方位开展线上线下促销活动，拉动消费超10亿元。"


def test_doubled_characters_at_an_ordinary_wrap_are_words_and_are_kept():
    text, warnings, _ = units(HARD)
    assert "阿里巴巴" in text[2] and "紧紧扣住" in text[2]
    assert not [w for w in warnings if "'巴'" in w[1] or "'紧'" in w[1]]


def test_a_page_number_and_a_page_start_mark_inside_a_paragraph_are_joined_over():
    text, warnings, _ = units(HARD)
    assert text[-1] == "就业形势保持稳定。城镇新增就业人数2.3万人，失业人员再就业0.8万人，零就业家庭动态清零。"
    assert warnings == [(31, "dropped a repeated '业' where line 25 continues on line 31 (a page join)")]


def test_a_wrapped_run_in_heading_keeps_its_text():
    source = (
        "（一）发展基础\n\n（１）科技创新实力持续增强。实施创新驱动发展战略，建设\n\n"
        "创新型城区成效显著。科技创新主体群体持续壮大，国家高新技\n\n术企业总数增加到２１６家。\n\n"
        "（２）高端人才聚集效应日益彰显。深入实施人才强区战略，\n\n配套高层次人才引育措施，实施“政府引才、企业揽才”双轮驱\n\n"
        "动。在全市设立首家“智汇晋安”人才驿站和“博士之家”，打\n\n造全方位“一站式”高端人才服务机制。\n"
    )
    text, _, layout = units(source)
    assert layout.hard_wrap
    assert text[1] == "（1）科技创新实力持续增强。实施创新驱动发展战略，建设创新型城区成效显著。科技创新主体群体持续壮大，国家高新技术企业总数增加到216家。"
    assert text[2] == (
        "（2）高端人才聚集效应日益彰显。深入实施人才强区战略，配套高层次人才引育措施，实施“政府引才、企业揽才”双轮驱"
        "动。在全市设立首家“智汇晋安”人才驿站和“博士之家”，打造全方位“一站式”高端人才服务机制。"
    )


def test_a_heading_wrapped_over_two_lines_of_a_hard_wrapped_text_is_one_title():
    source = (
        "（一）发展基础\n\n２０３０年，全区上下坚持稳中求进工作总基调，经济运\n\n行保持平稳，发展质量稳步提升，产业结构持续优化，民生\n\n"
        "福祉不断增进，社会大局和谐稳定，各项事业全面进步。\n\n（二）坚持创新驱动发展战略全面塑造发展新优势加快建设\n\n现代化创新型城区\n\n"
        "围绕建设现代化创新型城区，坚持创新在现代化建设全局\n\n中的核心地位，深入实施创新驱动发展战略，加快建设创新\n\n型城区。\n"
    )
    text, warnings, layout = units(source)
    assert layout.hard_wrap
    assert text[2:] == [
        "（二）坚持创新驱动发展战略全面塑造发展新优势加快建设现代化创新型城区",
        "围绕建设现代化创新型城区，坚持创新在现代化建设全局中的核心地位，深入实施创新驱动发展战略，加快建设创新型城区。",
    ]
    assert warnings == []


# --- qualifiers split by a line break ---------------------------------------------------------


@pytest.mark.parametrize("source, expected", [
    ("——地区生产总值增长6%左\n右；\n\n——固定资产投资增长8%。\n", ["——地区生产总值增长6%左右；", "——固定资产投资增长8%。"]),
    ("——一般公共预算总收入同\n　口径增长5%；\n\n——出口增长3%。\n", ["——一般公共预算总收入同口径增长5%；", "——出口增长3%。"]),
    ("——城镇登记失业率控制在4%以\n内；\n", ["——城镇登记失业率控制在4%以内；"]),
    ("——服务业增加值比重提高1\n个百分点；\n", ["——服务业增加值比重提高1个百分点；"]),
])
def test_a_qualifier_split_over_two_lines_is_joined_whatever_the_lines_look_like(source, expected):
    found, _, _ = units(source)
    assert found == expected


def test_a_short_line_is_not_joined_just_because_the_next_starts_like_a_qualifier():
    found, _, _ = units("第一部分\n\n右岸建设稳步推进。\n")
    assert found == ["第一部分", "右岸建设稳步推进。"]
