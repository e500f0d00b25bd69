"""Tests for generator/importer (the public API) on small documents written for the tests.

The fixtures in tests/fixtures/import/ are in the genre of the seeds but with
invented districts, years and figures, and both layouts (one line per
paragraph; hard-wrapped with fullwidth digits), so that nothing here passes
only because it was tuned to the seeds.
"""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.errors import ImportSourceError
from generator.importer import read_source, text_to_fields, write_draft
from generator.importer.draft import document_rows, document_texts
from generator.model import Document
from tests.importer_support import CATALOGUE
from tests.importer_support import catalogue_data as importer_catalogue

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "import"


@pytest.fixture(scope="module")
def catalogue():
    return importer_catalogue()


def run(name: str, catalogue, kind: str | None = None):
    kind = kind or ("five-year-plan" if "fyp" in name else "annual-report")
    source = read_source(FIXTURES / f"{name}.txt")
    return text_to_fields(source, name.split("-")[0], kind, name, catalogue)


def outline(sections, depth=0):
    out = []
    for s in sections:
        out.append("  " * depth + f"{s.get('number') or ''}{s['title']['zh']}")
        out.extend(outline(s.get("sections", []), depth + 1))
    return out


def period_end(period) -> int:
    """The last year of a draft figure's period: 2025 for `2025` and for `"2021-2025"`."""
    return int(str(period).split("-")[-1])


def figures(result):
    """The draft's figures by (indicator, last year of the period, kind)."""
    return {(f["indicator"], period_end(f["period"]), f["kind"]): f for f in result.draft.get("figures", [])}


ALL = ["minxi-report-2019", "beiling-report-2030", "nanhu-fyp-15", "xijiang-fyp-16"]


# --- every draft ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_draft_validates_against_the_content_model(name, catalogue):
    result = run(name, catalogue)
    Document.model_validate(yaml.safe_load(result.yaml))


@pytest.mark.parametrize("name", ALL)
def test_english_is_left_empty_everywhere(name, catalogue):
    result = run(name, catalogue)
    assert set(re.findall(r"\ben: (.*?)[,}\n]", result.yaml)) == {"''"}


@pytest.mark.parametrize("name", ALL)
def test_every_figure_quote_is_in_the_drafts_chinese_text(name, catalogue):
    result = run(name, catalogue)
    text, rows = "".join(document_texts(result.draft)), document_rows(result.draft)
    assert result.draft["figures"]
    for figure in result.draft["figures"]:
        for place in [figure, *figure.get("also", [])]:
            # a table figure quotes its whole row and names its cell; a prose figure quotes words
            assert place["quote"] in rows if place.get("column") else place["quote"] in text


@pytest.mark.parametrize("name", ALL)
def test_the_draft_begins_with_the_schema_line(name, catalogue):
    assert run(name, catalogue).yaml.startswith("# yaml-language-server: $schema=../../schema/document.schema.json\n")


# --- a report, one line per paragraph --------------------------------------------------------


def test_a_report_gets_its_front_matter_and_periods(catalogue):
    draft = run("minxi-report-2019", catalogue).draft
    assert draft["title"]["zh"] == "关于福州市闽溪区2019年国民经济和社会发展计划执行情况及2020年计划草案的报告"
    assert draft["issuer"]["zh"] == "福州市闽溪区发展和改革局"
    assert draft["meeting"]["zh"] == "闽溪区第九届人民代表大会第三次会议"
    assert draft["presented"] == dt.date(2020, 1, 8)
    assert draft["session_document"] == {"zh": "区九届人大三次会议文件（七）", "en": ""}
    assert "doc_number" not in draft and "date" not in draft
    assert (draft["review_period"], draft["plan_period"]) == ({"start": 2019, "end": 2019}, {"start": 2020, "end": 2020})
    assert draft["source"] == {"file": "tests/fixtures/import/minxi-report-2019.txt"}


def test_a_report_gets_its_sections_summing_up_and_closing_appeal(catalogue):
    draft = run("minxi-report-2019", catalogue).draft
    assert outline(draft["sections"]) == [
        "一、2019年国民经济和社会发展计划执行情况",
        "  （一）产业发展稳中有进",
        "  （二）民生保障持续改善",
        "二、2020年国民经济和社会发展计划安排意见",
        "  （一）加快产业转型升级",
    ]
    assert draft["sections"][0]["closing"] == [{"zh": "总体来看，2019年全区经济社会发展稳中有进，但也面临一些困难和问题。", "en": ""}]
    assert draft["closing"] == [{"zh": "各位代表，新的一年任务艰巨，我们将在区委的坚强领导下，奋力完成全年目标任务！", "en": ""}]


def test_a_report_paragraph_cut_by_page_breaks_is_whole_again(catalogue):
    body = run("minxi-report-2019", catalogue).draft["sections"][0]["sections"][0]["body"]
    assert body[0]["zh"] == "工业提质增效。新增规上工业企业12家，规上工业增加值增长6.5%，带动工业固定资产投资增长15%。园区标准化建设加快推进，新认定高新技术企业18家。"


def test_a_report_gives_the_headline_figures_of_its_review_and_plan_year(catalogue):
    found = figures(run("minxi-report-2019", catalogue))
    assert found[("gdp", 2019, "estimate")]["value"] == Decimal("318.4")
    assert found[("gdp", 2019, "estimate")]["growth"] == Decimal("7.2")
    assert found[("fixed-asset-investment", 2019, "estimate")]["quote"] == "固定资产投资205亿元，增长9.1%"
    assert found[("general-budget-revenue-total", 2019, "estimate")]["growth"] == Decimal("-3.4")
    assert found[("gdp", 2020, "target")]["qualifiers"] == ["about"]
    assert found[("general-budget-revenue-total", 2020, "target")]["comparability"] == {"basis": "like-for-like"}
    assert "qualifiers" not in found[("general-budget-revenue-total", 2020, "target")]
    assert found[("urban-disposable-income", 2020, "target")]["qualifiers"] == ["in-step"]
    assert found[("energy-saving-tasks", 2020, "target")]["text"] == {"zh": "完成市下达任务", "en": ""}


def test_unmatched_names_are_listed_in_the_summary_and_at_the_end_of_the_draft(catalogue):
    result = run("minxi-report-2019", catalogue)
    assert [c.name for c in result.unmatched] == ["新增规上工业企业", "带动工业固定资产投资", "新认定高新技术企业", "批发零售业销售额", "第三产业增加值"]
    assert "#   line 40: 第三产业增加值: 2020 target growth 7.5%: “第三产业增加值增长7.5%”" in result.yaml
    assert "unmatched: line 40: 第三产业增加值" in result.summary_text()


# --- a report, hard-wrapped with fullwidth digits --------------------------------------------


def test_a_hard_wrapped_report_with_fullwidth_digits_is_read(catalogue):
    result = run("beiling-report-2030", catalogue)
    draft = result.draft
    assert draft["title"]["zh"] == "关于北岭区2030年国民经济和社会发展计划执行情况及2031年国民经济和社会发展计划草案的报告"
    assert draft["session_document"] == {"zh": "区五届人大一次会议文件（三）", "en": ""}
    assert "doc_number" not in draft
    assert draft["presented"] == dt.date(2031, 1, 6)
    assert outline(draft["sections"]) == [
        "一、2030年国民经济和社会发展计划执行情况",
        "  （一）产业发展提质增效",
        "    1.数字经济加快发展",
        "    2.现代农业稳步推进",
        "  （二）民生事业持续进步",
        "二、2031年国民经济和社会发展主要预期目标",
        "  （一）培育壮大新动能",
        "    （1）推动数字产业集聚",
        "    （2）提升创新能力",
    ]
    digital = draft["sections"][0]["sections"][0]["sections"][0]["body"][0]["zh"]
    assert digital == "全区数字经济规模持续扩大，新引进数字企业36家，区域中心落地运营，形成阿里巴巴生态链企业集群。软件产业营收增长18.5%，高于全市平均水平。"
    farm = draft["sections"][0]["sections"][0]["sections"][1]["body"][0]["zh"]
    assert "紧紧扣住" in farm


def test_a_hard_wrapped_report_repairs_its_page_joins(catalogue):
    result = run("beiling-report-2030", catalogue)
    jobs = result.draft["sections"][0]["sections"][1]["body"][0]["zh"]
    assert jobs == "就业形势保持稳定。城镇新增就业人数2.3万人，失业人员再就业0.8万人，零就业家庭动态清零。"
    assert (65, "dropped a repeated '业' where line 59 continues on line 65 (a page join)") in result.warnings
    assert result.summary["noise"] == {"page numbers": 2, "page-start marks": 3}


def test_a_hard_wrapped_report_keeps_its_bullets_and_numbers_split_over_lines(catalogue):
    draft = run("beiling-report-2030", catalogue).draft
    plan = draft["sections"][1]
    assert [b["zh"] for b in plan["body"][:4]] == [
        "——地区生产总值增长6%左右；", "——固定资产投资增长8%；", "——一般公共预算总收入同口径增长5%；", "——居民人均可支配收入与经济增长基本保持同步。",
    ]
    assert plan["sections"][0]["sections"][1]["body"][0]["zh"] == "力争国家级高新技术企业达到250家，全社会研发投入增长12%。"
    found = figures(run("beiling-report-2030", catalogue))
    assert found[("high-tech-enterprises", 2031, "target")]["value"] == Decimal("250")
    assert found[("fixed-asset-investment", 2030, "estimate")]["growth"] == Decimal("-2.1")


# --- plans ----------------------------------------------------------------------------------


def test_a_markdown_plan_with_a_notice_contents_and_tables_is_read(catalogue):
    result = run("nanhu-fyp-15", catalogue)
    draft = result.draft
    assert draft["title"]["zh"] == "福州市南湖区国民经济和社会发展第十五个五年规划纲要"
    assert (draft["review_period"], draft["plan_period"]) == ({"start": 2021, "end": 2025}, {"start": 2026, "end": 2030})
    assert draft["doc_number"] == {"zh": "南政综〔2026〕3号", "en": ""}
    assert outline(draft["sections"]) == [
        "前言",
        "第一章总结成就 开启新征程",
        "  第一节发展基础",
        "    一、经济实力跃上新台阶",
        "    二、城区面貌焕然一新",
        "  第二节主要目标",
        "第二章建设创新南湖",
        "  第一节培育创新主体",
        "    一、壮大科技企业群体",
        "    二、建设创新平台",
        "第三章加强规划实施保障",
        "  第一节强化组织领导",
    ]
    assert result.summary["noise"]["table-of-contents lines"] == 7


def test_a_markdown_plan_table_keeps_merged_cells_and_two_header_rows(catalogue):
    draft = run("nanhu-fyp-15", catalogue).draft
    table = draft["sections"][1]["sections"][0]["sections"][1]["body"][1]["table"]
    assert table["caption"]["zh"] == "表1“十四五”时期主要指标完成情况"
    assert [c["zh"] for c in table["header"][1]] == ["", "", "", "", "", "2025年", "年均增长/[累计]", "2025年", "年均增长/[累计]"]
    assert [c["zh"] for c in table["rows"][4]][:5] == ["", "5", "城市细颗粒物(PM2.5)年均浓度", "微克/立方米", "28"]
    assert [n["zh"] for n in table["notes"]] == ["注：1.[ ]内为累计数。2.固定资产投资口径自2023年起调整。"]


def test_a_markdown_plan_reports_what_it_could_not_place(catalogue):
    warnings = run("nanhu-fyp-15", catalogue).warnings
    assert (52, "dropped a repeated '便' where line 50 continues on line 52 (a page join)") in warnings
    assert (86, "table caption '表3“十五五”时期重大项目投资计划' has no rows after it; kept as a paragraph") in warnings
    assert (100, "English word 'etc' inside Chinese text; check it against the PDF") in warnings


def test_a_markdown_plan_gives_review_and_plan_year_figures(catalogue):
    found = figures(run("nanhu-fyp-15", catalogue))
    assert found[("gdp", 2025, "actual")]["value"] == Decimal("561.3")
    assert found[("gdp", 2030, "target")]["value"] == Decimal("751")
    assert found[("gdp", 2030, "target")]["nature"] == "expected"
    assert found[("new-urban-jobs", 2030, "target")]["qualifiers"] == ["cumulative"]
    assert found[("energy-intensity-reduction", 2030, "target")]["nature"] == "binding"
    assert found[("fixed-asset-investment", 2025, "target")] == {
        "indicator": "fixed-asset-investment", "period": "2021-2025", "kind": "target", "value": Decimal("800"), "unit": "亿元",
        "qualifiers": ["cumulative"], "quote": "3 固定资产投资 亿元 150 [800] [812.4]", "column": 6,
    }


def test_a_hard_wrapped_plan_with_boxes_and_a_glossary_is_read(catalogue):
    result = run("xijiang-fyp-16", catalogue)
    draft = result.draft
    assert draft["title"]["zh"] == "福州市西江区国民经济和社会发展第十六个五年规划和二〇四〇年远景目标纲要"
    assert "issuer" not in draft  # none is printed: never invented from the title
    assert (1, "the source names no issuer; left out (the page says 'not stated in the source')") in result.warnings
    assert (draft["review_period"], draft["plan_period"]) == ({"start": 2026, "end": 2030}, {"start": 2031, "end": 2035})
    assert outline(draft["sections"]) == [
        "一、开启全面建设现代化城区新征程",
        "  （一）发展基础",
        "    1.创新动能持续增强",
        "      （1）科技创新实力稳步提升",
        "      （2）人才集聚效应明显",
        "    2.民生福祉不断改善",
        "      （1）就业保持稳定",
        "      （2）教育事业优质发展",
        "  （二）发展目标",
        "二、加快构建现代产业体系",
        "  （一）做强先进制造业",
        "    1、推动制造业高端化",
        "    2、推动制造业数字化",
        "附录名词解释",
        "  1、“专精特新”",
        "  2、“三创园”",
    ]
    goals = draft["sections"][0]["sections"][1]["body"]
    box = goals[2]["box"]
    assert (box["number"], box["title"]["zh"]) == ("专栏2", "西江区重点产业集群")
    assert [i["zh"] for i in box["items"]] == [
        "高端装备产业（300亿）：西江重工、海峡精机、闽江动力等企业。",
        "数字经济产业（250亿）：西江云谷、榕城数据、智联科技等企业。",
    ]
    assert (47, "专栏1 (“十五五”规划主要目标完成情况) has no items: its content (a table?) was probably lost in extraction") in result.warnings


def test_a_hard_wrapped_plan_gives_review_and_plan_year_figures(catalogue):
    found = figures(run("xijiang-fyp-16", catalogue))
    assert found[("gdp", 2030, "actual")]["value"] == Decimal("786.42")
    assert found[("general-budget-revenue-total", 2030, "actual")]["quote"] == "财政总收入41.06亿元"
    gdp = found[("gdp", 2035, "target")]
    assert (gdp["value"], gdp["growth"], gdp["qualifiers"]) == (Decimal("1050"), Decimal("6"), ["about"])
    assert found[("good-air-days", 2035, "target")]["qualifiers"] == ["above"]


# --- bad input ------------------------------------------------------------------------------


def test_a_text_without_headings_is_refused(catalogue):
    source = read_source(FIXTURES / "no-headings.txt")
    with pytest.raises(ImportSourceError, match="found no headings"):
        text_to_fields(source, "minxi", "annual-report", "no-headings", catalogue)


def test_a_gbk_file_is_imported_and_its_encoding_reported(tmp_path, catalogue):
    path = tmp_path / "minxi-report-2019.txt"
    path.write_bytes((FIXTURES / "minxi-report-2019.txt").read_text(encoding="utf-8").encode("gbk"))
    result = text_to_fields(read_source(path), "minxi", "annual-report", "minxi-report-2019", catalogue)
    assert result.encoding == "gb18030"
    assert result.summary_text("minxi.txt").startswith("read minxi.txt as gb18030\n")
    assert result.draft["sections"] == run("minxi-report-2019", catalogue).draft["sections"]


def test_text_without_any_chinese_is_refused(tmp_path, catalogue):
    path = tmp_path / "english.txt"
    path.write_text("1. Introduction\n\nThis is not a plan.\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="contains no Chinese text"):
        text_to_fields(read_source(path), "minxi", "annual-report", "english", catalogue)


def test_a_report_whose_year_cannot_be_told_is_refused_with_a_hint(tmp_path, catalogue):
    path = tmp_path / "report.txt"
    path.write_text("关于计划执行情况的报告\n\n一、执行情况\n\n正文。\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="put the year in --id, e.g. --id cangshan-report-2022"):
        text_to_fields(read_source(path), "minxi", "annual-report", "minxi-report", catalogue)


def test_the_year_can_come_from_the_id_when_the_title_names_none(tmp_path, catalogue):
    path = tmp_path / "report.txt"
    path.write_text("关于计划执行情况的报告\n\n一、执行情况\n\n正文。\n", encoding="utf-8")
    draft = text_to_fields(read_source(path), "minxi", "annual-report", "minxi-report-2021", catalogue).draft
    assert draft["review_period"] == {"start": 2021, "end": 2021}


def test_a_bad_id_or_kind_is_refused(catalogue):
    source = read_source(FIXTURES / "minxi-report-2019.txt")
    with pytest.raises(ImportSourceError, match="is not a slug"):
        text_to_fields(source, "minxi", "annual-report", "Minxi Report", catalogue)
    with pytest.raises(ImportSourceError, match="kind must be one of annual-report, five-year-plan"):
        text_to_fields(source, "minxi", "plan", "minxi-report-2019", catalogue)


def test_a_kind_that_does_not_fit_the_title_is_reported(catalogue):
    source = read_source(FIXTURES / "nanhu-fyp-15.txt")
    result = text_to_fields(source, "nanhu", "annual-report", "nanhu-report-2026", catalogue)
    assert "--kind is annual-report but the title reads like a five-year plan" in [m for _, m in result.warnings]


def test_a_plan_whose_number_cannot_be_told_is_refused_with_a_hint(catalogue):
    source = read_source(FIXTURES / "minxi-report-2019.txt")
    with pytest.raises(ImportSourceError, match="put its number in --id, e.g. --id taijiang-fyp-14"):
        text_to_fields(source, "minxi", "five-year-plan", "minxi-report-2019", catalogue)


def test_write_draft_writes_what_the_summary_describes(tmp_path, catalogue):
    result = run("minxi-report-2019", catalogue)
    out = tmp_path / "minxi-report-2019.yaml"
    write_draft(result, out)
    assert out.read_text(encoding="utf-8") == result.yaml
    assert result.summary["sections"] == 5 and result.summary["paragraphs"] == 10


@pytest.mark.parametrize("name", ["nanhu-fyp-15", "xijiang-fyp-16", "beiling-report-2030"])
def test_a_draft_passes_the_sites_own_validation_table_cells_included(name, catalogue, project):
    """The draft's table figures (whole row + column) and spans are what the validator accepts."""
    from generator.validate import validate_content
    kind = "five-year-plan" if "fyp" in name else "annual-report"
    result = text_to_fields(read_source(FIXTURES / f"{name}.txt"), "taijiang", kind, name, catalogue)
    if name == "nanhu-fyp-15":
        assert any(f.get("column") for f in result.draft["figures"])
    write_draft(result, project.content_dir / "documents" / f"{name}.yaml")
    (project.content_dir / "indicators.yaml").write_bytes(CATALOGUE.read_bytes())  # the catalogue it was drafted with
    portal, warnings = validate_content(project.content_dir)
    doc = next(d for d in portal.documents if d.id == name)
    assert len(doc.figures) == len(result.draft["figures"])
    assert not [w for w in warnings if w.file.endswith(f"{name}.yaml") and w.field.startswith("figures[")
                and "missing English translation" not in w.message]


def test_plan_figures_get_their_span_growth_basis_and_table_cell(catalogue):
    found = figures(run("nanhu-fyp-15", catalogue))
    gdp = found[("gdp", 2030, "target")]
    row = "经济发展 1.地区生产总值(GDP) 亿元 561.3 751 6% 预期性"
    assert (gdp["period"], gdp["growth_basis"], gdp["quote"], gdp["column"], gdp["also"]) == (
        "2026-2030", "average-annual", row, 5, [{"quote": row, "column": 6}])
    rd = found[("rd-intensity", 2030, "target")]  # [0.7] beside a share: a change in points over the plan
    assert (rd["period"], rd["value"], rd["growth"], rd["growth_basis"], rd["growth_unit"]) == (
        "2026-2030", Decimal("2.8"), Decimal("0.7"), "cumulative", "points")
    income = found[("disposable-income", 2025, "actual")]  # prose of the review: 年均增长6.5%以上
    assert (income["period"], income["growth_basis"], income["qualifiers"]) == ("2021-2025", "average-annual", ["above"])
    retail = figures(run("xijiang-fyp-16", catalogue))[("retail-sales", 2035, "target")]
    assert (retail["period"], retail["growth_basis"], retail["quote"]) == ("2031-2035", "average-annual", "社会消费品零售总额年均增长7%")
