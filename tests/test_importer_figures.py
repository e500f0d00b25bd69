"""Tests for generator/importer/figures.py: indicator figure candidates from text and tables."""

from decimal import Decimal

import pytest

from generator.importer.clean import clean_text
from generator.importer.candidates import Catalogue, Context
from generator.importer.figures import find_figures
from generator.importer.structure import build_skeleton
from tests.importer_support import PLAN, REPORT, brief, load_catalogue

@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def figures(source: str, catalogue: Catalogue, context: Context = REPORT):
    warnings = []
    skeleton = build_skeleton(clean_text(source).lines, context.kind, warnings)
    found = find_figures(skeleton, context, catalogue, warnings)
    return found, [w for w in warnings if "no title" not in w[1]]


def review(sentence: str) -> str:
    return f"一、2026年国民经济和社会发展计划执行情况\n\n{sentence}\n"


def plan(sentence: str) -> str:
    return f"二、2027年国民经济和社会发展主要预期目标\n\n{sentence}\n"


# --- the sentence patterns of the genre ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "预计全年地区生产总值增长 6%左右。",
            {"indicator": "gdp", "year": 2026, "kind": "estimate", "growth": Decimal("6"), "qualifiers": ["about"], "quote": "地区生产总值增长6%左右"},
        ),
        (
            "固定资产投资 560 亿元，增长-24.7%。",
            {"indicator": "fixed-asset-investment", "year": 2026, "kind": "estimate", "value": Decimal("560"), "unit": "亿元",
             "growth": Decimal("-24.7"), "quote": "固定资产投资560亿元，增长-24.7%"},
        ),
        (
            "实际利用外资 2.75 亿美元。",
            {"indicator": "foreign-investment", "year": 2026, "kind": "estimate", "value": Decimal("2.75"), "unit": "亿美元", "quote": "实际利用外资2.75亿美元"},
        ),
        (
            "全区新增市场主体 1.97 万户。",
            {"indicator": "new-market-entities", "year": 2026, "kind": "estimate", "value": Decimal("1.97"), "unit": "万户", "quote": "新增市场主体1.97万户"},
        ),
        (
            "城镇新增就业１．８万余人。",
            {"indicator": "new-urban-jobs", "year": 2026, "kind": "estimate", "value": Decimal("1.8"), "unit": "万人", "qualifiers": ["above"], "quote": "城镇新增就业1.8万余人"},
        ),
        (
            "社会消费品零售总额下降 2.5%。",
            {"indicator": "retail-sales", "year": 2026, "kind": "estimate", "growth": Decimal("-2.5"), "quote": "社会消费品零售总额下降2.5%"},
        ),
        (
            "城市空气质量优良天数比例达 99.4%。",
            {"indicator": "good-air-days", "year": 2026, "kind": "estimate", "value": Decimal("99.4"), "unit": "%", "quote": "城市空气质量优良天数比例达99.4%"},
        ),
        (
            "完成市下达节能减排降碳任务。",
            {"indicator": "energy-saving-tasks", "year": 2026, "kind": "estimate", "text": "完成市下达任务", "quote": "完成市下达节能减排降碳任务"},
        ),
    ],
)
def test_review_year_sentences_give_estimates(sentence, expected, catalogue):
    found, _ = figures(review(sentence), catalogue)
    assert [brief(c) for c in found] == [expected]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "一般公共预算总收入同口径增长 5%；",
            {"indicator": "general-budget-revenue-total", "year": 2027, "kind": "target", "growth": Decimal("5"), "nature": "expected",
             "qualifiers": ["like-for-like"], "quote": "一般公共预算总收入同口径增长5%"},
        ),
        (
            "城镇居民人均可支配收入与经济增长基本保持同步。",
            {"indicator": "urban-disposable-income", "year": 2027, "kind": "target", "nature": "expected",
             "qualifiers": ["in-step"], "quote": "城镇居民人均可支配收入与经济增长基本保持同步"},
        ),
        (
            "出口总额增速不低于全省平均水平，",
            {"indicator": "exports", "year": 2027, "kind": "target", "text": "全省平均水平", "nature": "expected",
             "qualifiers": ["at-least"], "quote": "出口总额增速不低于全省平均水平"},
        ),
        (
            "实际利用外资正增长。",
            {"indicator": "foreign-investment", "year": 2027, "kind": "target", "text": "正增长", "nature": "expected", "quote": "实际利用外资正增长"},
        ),
        (
            "力争全区国家级高新技术企业总数突破 560 家。",
            {"indicator": "high-tech-enterprises", "year": 2027, "kind": "target", "value": Decimal("560"), "unit": "家", "nature": "expected",
             "qualifiers": ["above"], "quote": "国家级高新技术企业总数突破560家"},
        ),
    ],
)
def test_plan_year_sentences_give_targets(sentence, expected, catalogue):
    found, _ = figures(plan(sentence), catalogue)
    assert [brief(c) for c in found] == [expected]


def test_a_list_of_tasks_set_from_above_gives_one_figure_per_indicator(catalogue):
    found, _ = figures(plan("完成市下达的实际利用外资、进出口总额和节能减排降碳任务。"), catalogue)
    assert [(c.indicator, c.text, c.quote) for c in found] == [
        ("foreign-investment", "完成市下达任务", "完成市下达的实际利用外资、进出口总额和节能减排降碳任务"),
        ("foreign-trade", "完成市下达任务", "完成市下达的实际利用外资、进出口总额和节能减排降碳任务"),
        ("energy-saving-tasks", "完成市下达任务", "完成市下达的实际利用外资、进出口总额和节能减排降碳任务"),
    ]


def test_a_narrower_statistic_is_not_taken_for_the_catalogues(catalogue):
    found, _ = figures(review("实施技改项目216个，带动工业固定资产投资增长30%，力争海洋生产总值增长8%。"), catalogue)
    assert [c.indicator for c in found] == [None, None]
    assert [c.name for c in found] == ["带动工业固定资产投资", "海洋生产总值"]


def test_names_the_catalogue_does_not_know_are_listed_from_sentences_of_figures(catalogue):
    found, _ = figures(plan("地区生产总值增长6%左右，其中第一产业增加值增长3.5%，建筑业增加值增长6%；居民消费价格指数控制在3.0%以内。"), catalogue)
    assert [(c.indicator, c.name) for c in found] == [
        ("gdp", "地区生产总值"),
        (None, "第一产业增加值"),
        (None, "建筑业增加值"),
        (None, "居民消费价格指数"),
    ]
    assert found[1].quote == "其中第一产业增加值增长3.5%"
    assert found[1].growth == Decimal("3.5")


def test_a_lone_number_in_ordinary_prose_is_not_listed(catalogue):
    found, _ = figures(review("举办迷鹿动漫展等展会活动38场。"), catalogue)
    assert found == []


def test_every_figure_knows_its_source_line(catalogue):
    source = (
        "一、2026年国民经济和社会发展计划执行情况\n\n"
        "2026年，全区上下坚持稳中求进工作总基调，经济运\n\n"
        "行保持平稳，发展质量稳步提升。预计全年地区生产总\n\n"
        "值420.5亿元，增长5.8%；固定资产投资130.2亿元，\n\n"
        "增长-2.1%；社会消费品零售总额280亿元，增长6.4%；\n\n"
        "实际利用外资2.05亿美元，全区经济运行稳中有进。\n"
    )
    found, _ = figures(source, catalogue)
    assert [(c.indicator, c.line) for c in found] == [
        ("gdp", 5), ("fixed-asset-investment", 7), ("retail-sales", 9), ("foreign-investment", 11),
    ]


# --- five-year plans -------------------------------------------------------------------------


def test_plan_sentences_give_targets_for_the_last_plan_year(catalogue):
    source = "第一章 发展目标\n\n地区生产总值年均增长 6%左右，到 2035 年，力争地区生产总值达到 1050 亿元。\n"
    found, _ = figures(source, catalogue, PLAN)
    assert [brief(c) for c in found] == [{
        "indicator": "gdp", "year": 2035, "kind": "target", "value": Decimal("1050"), "unit": "亿元", "growth": Decimal("6"),
        "growth_basis": "average-annual", "qualifiers": ["about"],
        "quote": "地区生产总值年均增长6%左右，到2035年，力争地区生产总值达到1050亿元",
    }]
    assert found[0].notes == []


def test_review_sentences_give_actual_values_and_period_growth_is_marked_cumulative(catalogue):
    source = "第一章 总结\n\n第一节 发展基础\n\n地区生产总值从 410 亿元提高至 560 亿元以上，人均 GDP 从 7.91 万元提高至 12.5 万元，增长 58%。\n"
    found, _ = figures(source, catalogue, PLAN)
    assert [brief(c) for c in found] == [
        {"indicator": "gdp", "year": 2030, "kind": "actual", "value": Decimal("560"), "unit": "亿元", "qualifiers": ["above"],
         "quote": "地区生产总值从410亿元提高至560亿元以上"},
        {"indicator": "gdp-per-capita", "year": 2030, "kind": "actual", "value": Decimal("12.5"), "unit": "万元", "growth": Decimal("58"),
         "growth_basis": "cumulative", "quote": "人均GDP从7.91万元提高至12.5万元，增长58%"},
    ]


def test_a_table_figure_replaces_a_conflicting_one_from_the_text_and_says_so(catalogue):
    source = (
        "第一章 总结\n\n第一节 发展基础\n\n地区生产总值实现从 370 亿元提高至 600 亿元以上。\n\n"
        "表1 完成情况\n\n指标名称\t单位\t2025年\t完成情况 2030年\n地区生产总值\t亿元\t369.6\t600.81\n"
    )
    found, warnings = figures(source, catalogue, PLAN)
    actual = [c for c in found if c.kind == "actual"]
    assert [(c.value, c.quote, c.column) for c in actual] == [(Decimal("600.81"), "地区生产总值 亿元 369.6 600.81", 4)]
    assert warnings == [(10, "gdp 2030 actual: line 5 says 600亿元, above but line 10 says 600.81亿元; kept line 10")]
