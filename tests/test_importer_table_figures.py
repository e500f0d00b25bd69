"""Tests for generator/importer/table_figures.py: figures from indicator tables, read through their headers."""

from decimal import Decimal

import pytest

from generator.importer.candidates import Catalogue, Context
from generator.importer.clean import clean_text
from generator.importer.figures import find_figures
from generator.importer.structure import build_skeleton
from tests.importer_support import PLAN, REPORT, brief, load_catalogue

@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def figures(source: str, catalogue: Catalogue, context: Context):
    warnings = []
    skeleton = build_skeleton(clean_text(source).lines, context.kind, warnings)
    return find_figures(skeleton, context, catalogue, warnings)


TABLE = """第一章 目标

表2 “十六五”时期经济社会发展主要指标

分类\t指标\t单位\t2030年\t2035年 预期\t年均增长 /[累计]\t属性
经济发展\t1.地区生产总值(GDP)\t亿元\t786.4\t1050\t6%\t预期性
\t2.研究与试验发展(R&D)经费投入强度\t%\t2.1\t2.8\t[0.7]\t预期性
民生福祉\t3.城镇新增就业人数\t万人\t1.2\t[6]\t\t预期性
绿色生态\t4.单位GDP能耗降幅\t%\t完成市 下达指标\t控制在市下达指标内\t\t约束性
\t5.夜间经济活力指数\t%\t55\t70\t[15]\t预期性
"""


ROWS = [
    "经济发展 1.地区生产总值(GDP) 亿元 786.4 1050 6% 预期性",
    "2.研究与试验发展(R&D)经费投入强度 % 2.1 2.8 [0.7] 预期性",
    "民生福祉 3.城镇新增就业人数 万人 1.2 [6] 预期性",
    "绿色生态 4.单位GDP能耗降幅 % 完成市下达指标 控制在市下达指标内 约束性",
    "5.夜间经济活力指数 % 55 70 [15] 预期性",
]


def test_a_plan_table_gives_baselines_targets_cumulative_values_and_nature(catalogue):
    found = figures(TABLE, catalogue, PLAN)
    gdp, rd, jobs, energy, night = ROWS
    assert [brief(c) for c in found] == [
        {"indicator": "gdp", "year": 2030, "kind": "baseline", "value": Decimal("786.4"), "unit": "亿元", "quote": gdp, "column": 4},
        {"indicator": "gdp", "year": 2035, "kind": "target", "value": Decimal("1050"), "unit": "亿元", "growth": Decimal("6"), "nature": "expected",
         "growth_basis": "average-annual", "quote": gdp, "column": 5},
        {"indicator": "rd-intensity", "year": 2030, "kind": "baseline", "value": Decimal("2.1"), "unit": "%", "quote": rd, "column": 4},
        # [0.7] beside a share: a change over the period, in percentage points
        {"indicator": "rd-intensity", "year": 2035, "kind": "target", "value": Decimal("2.8"), "unit": "%", "growth": Decimal("0.7"), "nature": "expected",
         "growth_basis": "cumulative", "growth_unit": "points", "quote": rd, "column": 5},
        {"indicator": "new-urban-jobs", "year": 2030, "kind": "baseline", "value": Decimal("1.2"), "unit": "万人", "quote": jobs, "column": 4},
        # [6] of a count: a total over the period
        {"indicator": "new-urban-jobs", "year": 2035, "kind": "target", "value": Decimal("6"), "unit": "万人", "nature": "expected",
         "qualifiers": ["cumulative"], "quote": jobs, "column": 5},
        {"indicator": "energy-intensity-reduction", "year": 2030, "kind": "baseline", "text": "完成市下达指标", "quote": energy, "column": 4},
        {"indicator": "energy-intensity-reduction", "year": 2035, "kind": "target", "text": "控制在市下达指标内", "nature": "binding",
         "quote": energy, "column": 5},
        {"indicator": None, "year": 2030, "kind": "baseline", "value": Decimal("55"), "unit": "%", "quote": night, "column": 4},
        # a name the catalogue does not know, with a level in %: its [15] is in points too
        {"indicator": None, "year": 2035, "kind": "target", "value": Decimal("70"), "unit": "%", "growth": Decimal("15"), "nature": "expected",
         "growth_basis": "cumulative", "growth_unit": "points", "quote": night, "column": 5},
    ]
    # a figure read from two cells names the second as another place of the same row
    assert [c.also for c in found] == [[], [(gdp, 6)], [], [(rd, 6)], [], [], [], [], [], [(night, 6)]]
    assert all(c.notes == [] for c in found)


def test_a_bracketed_percentage_of_a_level_is_a_cumulative_growth_and_points_are_points(catalogue):
    source = ("第一章 目标\n\n表2 主要指标\n\n指标\t单位\t2030年\t2035年\t年均增长/[累计]\n"
              "固定资产投资\t亿元\t300\t\t[40%]\n城镇化率\t%\t70\t75\t1个百分点\n")
    found = figures(source, catalogue, PLAN)
    assert [(c.indicator, c.year, c.kind, c.value, c.growth, c.growth_basis, c.growth_unit, c.column) for c in found] == [
        ("fixed-asset-investment", 2030, "baseline", Decimal("300"), None, None, "percent", 3),
        ("fixed-asset-investment", 2035, "target", None, Decimal("40"), "cumulative", "percent", 5),
        (None, 2030, "baseline", Decimal("70"), None, None, "percent", 3),
        (None, 2035, "target", Decimal("75"), Decimal("1"), "average-annual", "points", 4),
    ]
    assert found[3].also == [("城镇化率 % 70 75 1个百分点", 5)]


def test_a_report_table_reads_its_two_row_header_for_year_kind_and_growth(catalogue):
    source = (
        "附件\n\n主要指标\n\n"
        "指标名称\t单位\t2026 年市人代会通过的预期目标\t2026 年预计完成情况\t2027 年预期目标\n"
        "\t\t增长 (%)\t增长 (%)\t增长 (%)\n"
        "一、地区生产总值\t%\t6.5 左右\t5.3 左右\t6 左右\n"
        "# 规上工业增加值\t%\t6.8\t3.5\t6\n"
        "八、城镇居民人均可支配收入\t%\t7\t4.3\t与经济增长 保持同步\n"
    )
    found = figures(source, catalogue, REPORT)
    assert [(c.indicator, c.year, c.kind, c.growth, c.text, c.qualifiers) for c in found] == [
        ("gdp", 2026, "target", Decimal("6.5"), None, ["about"]),
        ("gdp", 2026, "estimate", Decimal("5.3"), None, ["about"]),
        ("gdp", 2027, "target", Decimal("6"), None, ["about"]),
        ("industrial-value-added", 2026, "target", Decimal("6.8"), None, []),
        ("industrial-value-added", 2026, "estimate", Decimal("3.5"), None, []),
        ("industrial-value-added", 2027, "target", Decimal("6"), None, []),
        ("urban-disposable-income", 2026, "target", Decimal("7"), None, []),
        ("urban-disposable-income", 2026, "estimate", Decimal("4.3"), None, []),
        ("urban-disposable-income", 2027, "target", None, None, ["in-step"]),
    ]
    assert (found[3].quote, found[3].column) == ("#规上工业增加值 % 6.8 3.5 6", 3)
    assert [c.column for c in found] == [3, 4, 5, 3, 4, 5, 3, 4, 5]




def test_a_cell_with_its_own_unit_overrides_the_rows_unit(catalogue):
    source = "第一章 总结\n\n表1 完成情况\n\n指标名称\t单位\t完成情况 2030年\n实际利用外资\t亿美元\t7.8亿元人民币\n外贸出口额\t亿元\t/\n"
    found = figures(source, catalogue, PLAN)
    assert [(c.indicator, c.kind, c.value, c.unit, c.notes) for c in found] == [
        ("foreign-investment", "actual", Decimal("7.8"), "亿元", ["原文：7.8亿元人民币"]),
    ]


def test_only_a_plausible_year_in_a_header_makes_a_year_column(catalogue):
    source = "第一章 目标\n\n指标名称\t单位\t0.0063以内\t2030年\n地区生产总值\t亿元\t5\t600\n"
    found = figures(source, catalogue, PLAN)
    assert [(c.year, c.kind, c.value) for c in found] == [(2030, "baseline", Decimal("600"))]
