"""Plan tracking: a five-year plan's targets against later results, one status rule at a time."""

from __future__ import annotations

import pytest

from generator import tracking
from generator.render import load_strings
from generator.validate import validate_content
from tests.conftest import write_document

PLAN = """\
    id: testville-fyp-15
    region: taijiang
    kind: five-year-plan
    review_period: {{start: 2026, end: 2030}}
    plan_period: {{start: 2031, end: 2035}}
    title: {{zh: 测试区第十五个五年规划纲要, en: Outline of the 15th Five-Year Plan}}
    sections:
      - title: {{zh: 主要目标, en: Main targets}}
        body:
          - zh: 地区生产总值年均增长7.5%左右。固定资产投资累计1000亿元。高新技术企业达到400家。细颗粒物浓度控制在30微克/立方米以内。居民收入与经济增长同步。实际利用外资4.5亿美元。
            en: GDP will grow by about 7.5% a year. Fixed-asset investment will total 100 billion yuan. High-tech enterprises will reach 400. PM2.5 will stay within 30 μg/m³. Incomes will grow in step with the economy. Foreign capital will reach 450 million US dollars.
    figures:
      - {{indicator: gdp, period: 2031-2035, kind: target, growth: 7.5, growth_basis: average-annual, qualifiers: [about], quote: 地区生产总值年均增长7.5%左右}}
      - {{indicator: fixed-asset-investment, period: 2031-2035, kind: target, value: 1000, unit: 亿元, qualifiers: [cumulative], quote: 固定资产投资累计1000亿元}}
      - {{indicator: high-tech-enterprises, period: 2030, kind: baseline, value: 100, unit: 家, quote: 高新技术企业达到400家}}
      - {{indicator: high-tech-enterprises, period: 2035, kind: target, value: 400, unit: 家, quote: 高新技术企业达到400家}}
      - {{indicator: pm25, period: 2035, kind: target, value: 30, unit: 微克/立方米, qualifiers: [within], quote: 细颗粒物浓度控制在30微克/立方米以内}}
      - {{indicator: disposable-income, period: 2035, kind: target, qualifiers: [in-step], quote: 居民收入与经济增长同步}}
      - {{indicator: foreign-investment, period: 2035, kind: target, value: 4.5, unit: 亿美元, quote: 实际利用外资4.5亿美元}}
"""

REPORT = """\
    id: testville-report-{year}
    region: taijiang
    kind: annual-report
    review_period: {{start: {year}, end: {year}}}
    plan_period: {{start: {next}, end: {next}}}
    title: {{zh: 测试区{year}年计划执行情况的报告, en: Report on the {year} plan}}
    sections:
      - title: {{zh: 执行情况, en: Implementation}}
        body:
          - zh: "{text}"
            en: "{text_en}"
    figures:
{figures}
"""


def _report(root, year: int, text: str, figures: list[str]) -> None:
    body = "\n".join(f"      - {{{f}}}" for f in figures)
    write_document(root, REPORT.format(year=year, next=year + 1, text=text, text_en="The results.", figures=body),
                   f"testville-report-{year}.yaml")


@pytest.fixture
def tracked(project):
    """Build the portal and return {indicator: Tracked} for the plan."""
    write_document(project.root, PLAN.format(), "testville-fyp-15.yaml")

    def run() -> dict[str, tracking.Tracked]:
        portal, _ = validate_content(project.content_dir)
        plan = next(d for d in portal.documents if d.id == "testville-fyp-15")
        return {t.target.indicator: t for t in tracking.plan_targets(portal, plan)}
    return run


def test_without_later_figures_every_number_target_has_no_data_yet(tracked):
    result = tracked()
    assert {k: v.status for k, v in result.items()} == {
        "gdp": "no-data", "fixed-asset-investment": "no-data", "high-tech-enterprises": "no-data",
        "pm25": "no-data", "disposable-income": "no-data", "foreign-investment": "no-data"}


def test_an_average_annual_target_is_behind_when_the_years_so_far_grow_more_slowly(project, tracked):
    _report(project.root, 2031, "地区生产总值增长6%。", ["indicator: gdp, period: 2031, kind: estimate, growth: 6, quote: 地区生产总值增长6%"])
    gdp = tracked()["gdp"]
    assert (gdp.status, gdp.measure, round(gdp.achieved, 1), gdp.years) == ("behind", "rate", 6.0, (2031,))
    assert [o.document.id for o in gdp.observations] == ["testville-report-2031"]


def test_about_allows_half_a_point_and_two_good_years_average_out(project, tracked):
    _report(project.root, 2031, "地区生产总值增长7%。", ["indicator: gdp, period: 2031, kind: actual, growth: 7, quote: 地区生产总值增长7%"])
    assert tracked()["gdp"].status == "on-track"  # 7.0 is within 0.5 of about 7.5
    _report(project.root, 2032, "地区生产总值增长11%。", ["indicator: gdp, period: 2032, kind: estimate, growth: 11, quote: 地区生产总值增长11%"])
    gdp = tracked()["gdp"]
    assert gdp.status == "ahead" and round(gdp.achieved, 2) == 8.98  # sqrt(1.07 * 1.11) - 1, above 7.5 + 1


def test_an_outturn_replaces_the_estimate_of_the_same_year(project, tracked):
    _report(project.root, 2031, "地区生产总值增长8%。", ["indicator: gdp, period: 2031, kind: estimate, growth: 8, quote: 地区生产总值增长8%"])
    _report(project.root, 2032, "上年地区生产总值实际增长5%。",
            ["indicator: gdp, period: 2031, kind: actual, growth: 5, quote: 上年地区生产总值实际增长5%"])
    gdp = tracked()["gdp"]
    assert [(o.figure.kind.value, o.document.id) for o in gdp.observations] == [("actual", "testville-report-2032")]
    assert gdp.status == "behind"


def test_a_level_target_is_judged_against_the_path_from_its_baseline(project, tracked):
    # constant growth from 100 (2030) to 400 (2035): 2032 implies 100 * 4 ** 0.4 = 174.1
    _report(project.root, 2032, "高新技术企业180家。", ["indicator: high-tech-enterprises, period: 2032, kind: actual, value: 180, unit: 家, quote: 高新技术企业180家"])
    hte = tracked()["high-tech-enterprises"]
    assert (hte.status, hte.measure, round(hte.expected, 1)) == ("on-track", "level", 174.1)
    assert [y for y, _v in tracking.path(hte)] == [2030, 2031, 2032, 2033, 2034, 2035]


def test_an_upper_limit_holds_or_is_exceeded(project, tracked):
    _report(project.root, 2031, "细颗粒物浓度32微克/立方米。", ["indicator: pm25, period: 2031, kind: actual, value: 32, unit: 微克/立方米, quote: 细颗粒物浓度32微克/立方米"])
    assert tracked()["pm25"].status == "behind"
    _report(project.root, 2035, "细颗粒物浓度25微克/立方米。", ["indicator: pm25, period: 2035, kind: actual, value: 25, unit: 微克/立方米, quote: 细颗粒物浓度25微克/立方米"])
    assert tracked()["pm25"].status == "met"


def test_a_total_counts_the_years_so_far_against_an_even_share(project, tracked):
    _report(project.root, 2031, "固定资产投资150亿元。", ["indicator: fixed-asset-investment, period: 2031, kind: actual, value: 150, unit: 亿元, quote: 固定资产投资150亿元"])
    fai = tracked()["fixed-asset-investment"]
    assert (fai.status, fai.achieved, fai.expected) == ("behind", 150.0, 200.0)


def test_a_level_in_another_unit_or_a_target_in_words_is_not_comparable_and_says_why(project, tracked):
    _report(project.root, 2031, "实际利用外资7.8亿元，居民收入增长6%。",
            ["indicator: foreign-investment, period: 2031, kind: actual, value: 7.8, unit: 亿元, quote: 实际利用外资7.8亿元",
             "indicator: disposable-income, period: 2031, kind: actual, growth: 6, quote: 居民收入增长6%"])
    result = tracked()
    assert (result["foreign-investment"].status, result["foreign-investment"].reason) == ("not-comparable", "different-unit")
    assert (result["disposable-income"].status, result["disposable-income"].reason) == ("not-comparable", "qualitative")


def test_a_result_the_source_marks_not_comparable_is_not_counted(project, tracked):
    _report(project.root, 2031, "地区生产总值增长9%（不可比）。",
            ["indicator: gdp, period: 2031, kind: actual, growth: 9, quote: 地区生产总值增长9%, "
             "comparability: {basis: not-comparable, note: {zh: 口径调整, en: scope changed}}"])
    gdp = tracked()["gdp"]
    assert gdp.status == "not-comparable" and gdp.reason == "level-vs-rate"


def test_every_status_and_reason_has_words_and_a_rule_in_both_languages():
    strings = load_strings()
    for lang in ("zh", "en"):
        t = strings[lang]
        assert set(t["status"]) == set(tracking.STATUSES)
        assert all(s["word"] and s["symbol"] and s["rule"] and "{" not in s["rule"] for s in t["status"].values())
    reasons = {"marked", "qualitative", "level-vs-rate", "rate-vs-level", "different-unit", "different-basis"}
    assert reasons <= set(strings["en"]["reason"]) and reasons <= set(strings["zh"]["reason"])


def test_a_share_follows_a_straight_path_and_a_count_a_constant_rate(tracked):
    result = tracked()
    hte = result["high-tech-enterprises"]  # 100 (2030) -> 400 (2035): constant growth, doubling every 2.5 years
    assert [round(v, 1) for _y, v in tracking.path(hte)] == [100.0, 132.0, 174.1, 229.7, 303.1, 400.0]
    share = tracking.Tracked(hte.document, hte.target.model_copy(update={"unit": "%", "value": hte.target.value}),
                             baseline=hte.baseline.model_copy(update={"unit": "%"}), measure="level")
    assert [round(v, 1) for _y, v in tracking.path(share)] == [100.0, 160.0, 220.0, 280.0, 340.0, 400.0]


def test_an_undated_document_ranks_against_a_dated_one_of_the_same_year():
    """A plan without a date and a report with one, both reviewing 2020: they compare, the later one first."""
    import datetime
    from types import SimpleNamespace

    from generator import model as m
    from generator.tracking import Observation, _rank

    def observation(doc_id, date, plan_start):
        document = SimpleNamespace(id=doc_id, date=date, review_period=SimpleNamespace(end=2020),
                                   plan_period=SimpleNamespace(start=plan_start))
        return Observation(document, SimpleNamespace(kind=m.FigureKind.actual, growth=None, value=None))

    undated_plan = observation("x-fyp-14", None, 2021)
    dated_report = observation("x-report-2020", datetime.date(2021, 1, 20), 2021)
    older_report = observation("x-report-2019", datetime.date(2020, 1, 20), 2020)
    target = SimpleNamespace(growth=None, value=None)
    ranked = sorted([older_report, undated_plan, dated_report], key=lambda o: _rank(o, target))
    assert [o.document.id for o in ranked] == ["x-report-2019", "x-fyp-14", "x-report-2020"]
