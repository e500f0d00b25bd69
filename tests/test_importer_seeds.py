"""Tests of the importer on the five seed sources in sources/.

Per seed: the heading tree (top-level parts and the sections under them), a
check that cleaning neither loses nor duplicates a Chinese character of the
text, the headline figures of the review and the plan year, and the warnings
left. The noise each check removes from the source is written out here by
hand (line numbers of the table of contents and page numbers, the characters
repeated at page joins), so the check does not trust the importer's own idea
of noise.
"""

import re
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.importer import read_source, text_to_fields
from generator.importer.draft import document_rows, document_texts
from generator.model import Document
from tests.importer_support import catalogue_data

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\u3007]")

SEEDS = {
    "cangshan-report-2022": ("cangshan", "annual-report"),
    "fuzhou-report-2023": ("fuzhou", "annual-report"),
    "taijiang-report-2024": ("taijiang", "annual-report"),
    "taijiang-fyp-14": ("taijiang", "five-year-plan"),
    "jinan-fyp-14": ("jinan", "five-year-plan"),
}


@pytest.fixture(scope="module")
def drafts():
    catalogue = catalogue_data()  # frozen: these expectations say which names the catalogue knows
    out = {}
    for name, (region, kind) in SEEDS.items():
        out[name] = text_to_fields(read_source(ROOT / "sources" / f"{name}.txt"), region, kind, name, catalogue)
    return out


def tree(draft):
    return [
        (s.get("number"), s["title"]["zh"], [(sub.get("number"), sub["title"]["zh"]) for sub in s.get("sections", [])])
        for s in draft["sections"]
    ]


def figure(draft, indicator, year, kind):
    """The one figure of `indicator` and `kind` whose period ends in `year`, without those keys
    (its `period` is kept when it is a span: "2021-2025")."""
    found = [f for f in draft.get("figures", [])
             if (f["indicator"], int(str(f["period"]).split("-")[-1]), f["kind"]) == (indicator, year, kind)]
    assert len(found) == 1, f"{indicator} {year} {kind}: {found}"
    return {k: v for k, v in found[0].items() if k not in ("indicator", "kind") and (k, v) != ("period", year)}


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_draft_validates_and_quotes_only_its_own_text(drafts, name):
    result = drafts[name]
    Document.model_validate(yaml.safe_load(result.yaml))
    text, rows = "".join(document_texts(result.draft)), document_rows(result.draft)
    places = [p for f in result.draft["figures"] for p in [f, *f.get("also", [])]]
    assert all(p["quote"] in rows if p.get("column") else p["quote"] in text for p in places)


@pytest.mark.parametrize("name", SEEDS)
def test_with_the_real_catalogue_every_seed_draft_validates_and_quotes_only_its_own_text(name):
    with open(ROOT / "content" / "indicators.yaml", encoding="utf-8") as fh:
        catalogue = yaml.safe_load(fh)
    region, kind = SEEDS[name]
    result = text_to_fields(read_source(ROOT / "sources" / f"{name}.txt"), region, kind, name, catalogue)
    Document.model_validate(yaml.safe_load(result.yaml))
    text, rows = "".join(document_texts(result.draft)), document_rows(result.draft)
    places = [p for f in result.draft["figures"] for p in [f, *f.get("also", [])]]
    assert places and all(p["quote"] in rows if p.get("column") else p["quote"] in text for p in places)


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_imports_in_well_under_a_second(name):
    with open(ROOT / "content" / "indicators.yaml", encoding="utf-8") as fh:
        catalogue = yaml.safe_load(fh)
    region, kind = SEEDS[name]
    started = time.perf_counter()
    text_to_fields(read_source(ROOT / "sources" / f"{name}.txt"), region, kind, name, catalogue)
    assert time.perf_counter() - started < 3  # ~0.1–0.5 s on a laptop; generous for slow CI


# --- not a character lost or duplicated ------------------------------------------------------

# first: the line of the first heading; noise: lines that are not text (table of
# contents, page numbers); repeated: (line, character) repeated by the extractor at a
# page join; front_only: characters of the front matter that became data (the date
# line's 年月日) rather than text; derived: characters of the metadata that the front matter
# does not print (none: an issuer the source does not name is left out, not derived from the title).
NOISE = {
    "cangshan-report-2022": dict(first=16, noise=[], repeated=[], dated="年月日在上", derived=""),
    "fuzhou-report-2023": dict(first=17, noise=[], repeated=[(43, "实"), (187, "革")], dated="年月日在上", derived=""),
    "taijiang-report-2024": dict(first=27, noise=[], repeated=[], dated="年月日在上", derived=""),
    "taijiang-fyp-14": dict(first=77, noise=list(range(26, 76)), repeated=[(732, "价")], dated="年月日批准", derived=""),
    "jinan-fyp-14": dict(first=33, noise=[480, 2397], repeated=[], dated="", derived=""),
}


def source_chars(name):
    """The Chinese characters of the source before and from the first heading, noise removed by hand."""
    cfg = NOISE[name]
    front, body = [], []
    lines = (ROOT / "sources" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    for no, line in enumerate(lines, start=1):
        if no in cfg["noise"]:
            continue
        chars = CJK.findall(line)
        if chars and (no, chars[0]) in cfg["repeated"]:
            chars = chars[1:]
        (front if no < cfg["first"] else body).extend(chars)
    return "".join(front), "".join(body)


@pytest.mark.parametrize("name", SEEDS)
def test_no_chinese_character_of_the_body_is_lost_or_duplicated(drafts, name):
    draft = drafts[name].draft
    _, body = source_chars(name)
    preamble = len(draft.get("preamble", []))
    texts = document_texts(draft)[preamble:]  # sections and closing, in reading order
    assert "".join(CJK.findall("".join(texts))) == body


@pytest.mark.parametrize("name", SEEDS)
def test_every_chinese_character_of_the_front_matter_is_in_the_metadata_or_the_preamble(drafts, name):
    draft = drafts[name].draft
    cfg = NOISE[name]
    front, _ = source_chars(name)
    fields = [draft["title"]["zh"]]
    fields += [(draft.get(key) or {}).get("zh", "") for key in ("issuer", "meeting", "doc_number", "session_document")]
    fields += [b["zh"] for b in draft.get("preamble", [])]
    found = Counter(CJK.findall("".join(fields)))
    assert Counter(front) - found == Counter(cfg["dated"])
    assert found - Counter(front) == Counter(cfg["derived"])


# --- headings ---------------------------------------------------------------------------------


def test_cangshan_headings(drafts):
    assert tree(drafts["cangshan-report-2022"].draft) == [
        ("一、", "2022年国民经济和社会发展计划执行情况", [
            ("（一）", "全力稳住经济大盘，推动产业转型发展"),
            ("（二）", "深化改革创新发展，释放发展动力活力"),
            ("（三）", "坚持实施项目带动，持续扩大有效投资"),
            ("（四）", "厚植生态绿色基底，城区功能品质提升"),
            ("（五）", "切实保障改善民生，提升群众幸福指数"),
        ]),
        ("二、", "2023年国民经济和社会发展计划安排意见", [
            ("（一）", "培育壮大新动能，加快打造创新经济中心"),
            ("（二）", "深化改革扩大开放，加快构建新发展格局"),
            ("（三）", "强化项目带动引领，夯实筑牢发展后劲"),
            ("（四）", "建设魅力宜居城区，共建共享美好家园"),
            ("（五）", "持续增进民生福祉，打造幸福之城样板"),
        ]),
    ]


def test_fuzhou_headings(drafts):
    draft = drafts["fuzhou-report-2023"].draft
    assert tree(draft) == [
        ("一、", "2023年国民经济和社会发展计划执行情况", [
            ("（一）", "经济运行稳中有进，向好态势持续巩固"),
            ("（二）", "坚持创新驱动战略，发展动能不断壮大"),
            ("（三）", "现代体系加快构建，内生动力不断增强"),
            ("（四）", "有效需求稳步扩大，发展后劲切实增强"),
            ("（五）", "深化改革扩大开放，发展活力不断激发"),
            ("（六）", "城乡融合统筹推进，省会发展能级提升"),
            ("(七)", "绿色转型加快推进，生态文明稳步提升"),
            ("（八）", "社会事业持续发力，民生福祉日益增进"),
        ]),
        ("二、", "2024年国民经济和社会发展主要预期目标和任务", [
            ("（一）", "增强创新引领，培育壮大新动能"),
            ("（二）", "强链条提韧性，增强产业支撑能力"),
            ("（三）", "扩投资促消费，持续挖潜释放需求"),
            ("（四）", "深化改革开放，构建一流营商环境"),
            ("（五）", "加快融合发展，提升辐射能级水平"),
            ("（六）", "增福祉惠民生，不断提升幸福指数"),
        ]),
        ("附件", "福州市2023年国民经济和社会发展计划执行情况和2024年主要指标预期目标", []),
    ]
    # the numbered items under each （一） are run-in headings: 29 in the review, 26 in the plan
    items = [len(sub["sections"]) for part in draft["sections"][:2] for sub in part["sections"]]
    assert sum(items[:8]) == 29 and sum(items[8:]) == 26
    assert draft["sections"][0]["sections"][0]["sections"][0]["title"]["zh"] == "稳经济政策落地见效"


def test_taijiang_report_headings(drafts):
    assert tree(drafts["taijiang-report-2024"].draft) == [
        ("一、", "2024年国民经济和社会发展计划执行情况", [
            ("（一）", "增量政策持续发力，经济运行稳中提质"),
            ("（二）", "平台载体底座坚实，产业发展支撑有力"),
            ("（三）", "深化改革纵深推进，开放创新步伐加快"),
            ("（四）", "项目攻坚提质增效，支撑带动不断增强"),
            ("（五）", "城市品质切实提升，民生福祉持续增进"),
        ]),
        ("二、", "2025年国民经济和社会发展主要预期目标任务", [
            ("（一）", "聚焦新质生产力培育，促进产业集聚提升"),
            ("（二）", "聚焦项目量质并举，夯实高质量发展根基"),
            ("（三）", "聚焦深化改革攻坚，增强发展活力动力"),
            ("（四）", "聚焦功能品质提升，强化城区承载韧性"),
            ("（五）", "聚焦公共服务供给，打造宜居宜业福地"),
        ]),
    ]


def test_taijiang_plan_headings(drafts):
    assert tree(drafts["taijiang-fyp-14"].draft) == [
        (None, "前言", []),
        ("第一章", "开启高质量发展新篇章 加快建设现代商贸金融服务核心区", [
            ("第一节", "发展基础"), ("第二节", "发展环境"), ("第三节", "2035年远景目标"),
            ("第四节", "“十四五”总体要求"), ("第五节", "“十四五”发展目标"),
        ]),
        ("第二章", "强化改革创新 建设更具特色的活力台江", [
            ("第一节", "实施创新驱动战略"), ("第二节", "加快高新技术企业集聚"), ("第三节", "实施人才强区战略"), ("第四节", "深化重点领域改革"),
        ]),
        ("第三章", "培育高质量发展动能 建设更具优势的实力台江", [
            ("第一节", "深化两大商务区建设"), ("第二节", "构建金融产业发展新高地"), ("第三节", "优化升级商贸服务业"),
            ("第四节", "培育壮大新兴服务业"), ("第五节", "加快培育新经济新业态"),
        ]),
        ("第四章", "推进全方位合作 建设更加包容的开放台江", [
            ("第一节", "积极融入自贸区建设"), ("第二节", "推动两岸深度融合"), ("第三节", "主动融入“海丝”核心区建设"), ("第四节", "融入国内国际双循环"),
        ]),
        ("第五章", "打造“城市客厅” 建设更高颜值的美丽台江", [
            ("第一节", "推进城区有机更新"), ("第二节", "完善城市基础设施"), ("第三节", "加快建设智慧城区"), ("第四节", "美化城区生态景观"),
        ]),
        ("第六章", "创造高品质生活 建设更有品位的幸福台江", [
            ("第一节", "促进充分就业提高居民收入"), ("第二节", "提升医疗卫生服务水平"), ("第三节", "实施全民健身行动"), ("第四节", "完善社会保障体系"),
        ]),
        ("第七章", "提升城市精神品格 建设更有魅力的文明台江", [
            ("第一节", "打造特色闽都文化城区"), ("第二节", "加快教育高品质发展"), ("第三节", "深化精神文明建设"),
        ]),
        ("第八章", "构筑科学治理体系 建设更高水平的平安台江", [
            ("第一节", "提升安全治理能力"), ("第二节", "推进应急管理体系现代化"), ("第三节", "全面推进依法治区"), ("第四节", "全力提升社区治理水平"),
        ]),
        ("第九章", "强化规划实施保障 为实现“十四五”目标而奋斗", [
            ("第一节", "坚持和加强党的全面领导"), ("第二节", "完善规划实施机制"), ("第三节", "充分调动全社会积极性"),
        ]),
    ]


def test_jinan_plan_headings(drafts):
    assert tree(drafts["jinan-fyp-14"].draft) == [
        ("一、", "开启高水平全面建设社会主义现代化国家新征程", [("（一）", "发展基础"), ("（二）", "发展环境"), ("（三）", "二○三五年远景目标")]),
        ("二、", "指导思想与发展方向", [("（一）", "指导思想"), ("（二）", "基本原则"), ("（三）", "发展目标与主要指标"), ("（四）", "发展重点与空间布局")]),
        ("三、", "全面深化创新型城区建设", [
            ("（一）", "优化科技创新发展空间"), ("（二）", "大力培育科技创新主体"), ("（三）", "深化政产学研用协同机制"), ("（四）", "完善高端人才引育体系"),
        ]),
        ("四、", "加快构建特色现代产业体系", [
            ("（一）", "推进产业链供应链优化升级"), ("（二）", "培育壮大战略性新兴产业"), ("（三）", "打造数字经济创新实践区"),
            ("（四）", "推动现代服务业提速增质"), ("（五）", "大力发展都市特色现代农业"),
        ]),
        ("五、", "深度融入新发展格局", [("（一）", "突出内循环拉动工程"), ("（二）", "强化外循环牵引工程"), ("（三）", "实施双循环畅通工程")]),
        ("六、", "激发高质量发展新活力", [("（一）", "持续优化营商环境"), ("（二）", "深化要素市场化配置改革"), ("（三）", "推动民营经济创新发展")]),
        ("七、", "持续增强现代化新城区发展能级", [
            ("（一）", "构建国土空间开发保护新格局"), ("（二）", "深入实施乡村振兴战略"), ("（三）", "统筹城乡基础设施建设"), ("（四）", "共建共享绿色生态家园"),
        ]),
        ("八、", "大力增进民生福祉", [
            ("（一）", "多渠道促进城乡居民增收"), ("（二）", "推动教育优质均衡发展"), ("（三）", "健全多层次社会保障体系"),
            ("（四）", "扎实推进健康晋安建设"), ("（五）", "大力推进文化强区建设"),
        ]),
        ("九、", "着力提升和谐城区治理效能", [
            ("（一）", "深化平安晋安建设"), ("（二）", "加强民主法治建设"), ("（三）", "推进社区治理现代化"), ("（四）", "推进妇儿青年事业健康发展"),
        ]),
        ("十、", "加快建设台胞台企登陆第一家园", [("（一）", "深化经济领域融合"), ("（二）", "深化社会领域融合"), ("（三）", "深化文化领域融合")]),
        ("十一、", "强化规划实施保障", [
            ("（一）", "健全组织落实机制"), ("（二）", "强化规划政策配套"), ("（三）", "规范监测考评体系"), ("（四）", "营造良好社会氛围"),
        ]),
        ("附录", "名词解释", [
            ("1、", "“专精特新”中小企业"), ("2、", "“六圈六园”"), ("3、", "河湖长制"), ("4、", "“互联网+”"), ("5、", "“两新一重”"),
            ("6、", "“三个晋安”"), ("7、", "“独角兽”企业"), ("8、", "瞪羚企业"), ("9、", "夜色经济"), ("10、", "多规合一"),
            ("11、", "枫桥经验"), ("12、", "“雪亮工程”"), ("13、", "平安“三率”"), ("14、", "PPP模式"),
        ]),
    ]


# --- front matter, tables and boxes -----------------------------------------------------------


def test_the_seeds_front_matter(drafts):
    def zh(draft, key):
        return (draft.get(key) or {}).get("zh")

    got = {
        name: (r.draft["title"]["zh"], zh(r.draft, "issuer"), zh(r.draft, "meeting"),
               {key: str(r.draft[key]) for key in ("presented", "approved", "issued") if key in r.draft},
               zh(r.draft, "doc_number"), zh(r.draft, "session_document"))
        for name, r in drafts.items()
    }
    assert got == {
        "cangshan-report-2022": ("关于福州市仓山区2022年国民经济和社会发展计划执行情况及2023年计划草案的报告", "福州市仓山区发展和改革局",
                                 "仓山区第十八届人民代表大会第二次会议", {"presented": "2022-12-21"}, None, "区十八届人大二次会议文件（十二）"),
        "fuzhou-report-2023": ("关于福州市2023年国民经济和社会发展计划执行情况及2024年国民经济和社会发展计划草案的报告", "福州市发展和改革委员会",
                               "福州市第十六届人民代表大会第三次会议", {"presented": "2024-01-13"}, None, None),
        "taijiang-report-2024": ("关于福州市台江区2024年国民经济和社会发展计划执行情况及2025年国民经济和社会发展计划草案的报告", "台江区发展和改革局",
                                 "福州市台江区第十八届人民代表大会第四次会议", {"presented": "2024-12-26"}, None, "区十八届人大四次会议文件（五）"),
        "taijiang-fyp-14": ("福州市台江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "福州市台江区人民政府",
                            "区十七届人大六次会议", {"approved": "2021-01-29", "issued": "2021-05-12"}, "台政综〔2021〕12号", None),
        "jinan-fyp-14": ("福州市晋安区国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要", None, None, {}, None, None),
    }


def test_the_fuzhou_annex_table_has_two_header_rows_and_its_merged_cells(drafts):
    table = drafts["fuzhou-report-2023"].draft["sections"][2]["body"][0]["table"]
    assert [c["zh"] for c in table["header"][0]] == ["指标名称", "单位", "2023年市人代会通过的预期目标", "2023年预计完成情况", "2024年预期目标"]
    assert [c["zh"] for c in table["header"][1]] == ["", "", "增长(%)", "增长(%)", "增长(%)"]
    rows = [[c["zh"] for c in row] for row in table["rows"]]
    assert len(rows) == 22
    assert rows[3] == ["#规上工业增加值", "%", "6.8", "3.5", "6"]
    assert rows[9] == ["五、出口总额", "%", "不低于全省平均水平", "保持正增长", "不低于全省平均水平"]
    assert rows[17] == ["", "挥发性有机物", "", "", ""]


def test_the_taijiang_plan_tables_boxes_and_notes(drafts):
    draft = drafts["taijiang-fyp-14"].draft
    basis = draft["sections"][1]["sections"][0]
    table1 = basis["sections"][4]["body"][1]["table"]
    assert table1["caption"]["zh"] == "表1“十三五”时期经济社会发展主要指标完成情况"
    assert len(table1["header"]) == 2 and len(table1["rows"]) == 18
    assert table1["rows"][16][2]["zh"] == "城市细颗粒物(PM2.5)年均浓度"
    assert table1["notes"][0]["zh"].endswith("统计币种由美元调整为人民币。2018年商务厅调整纳统口径，当年统计数据不可同比。")
    table2 = draft["sections"][1]["sections"][4]["sections"][1]["body"][1]["table"]
    assert [c["zh"] for c in table2["header"][0]] == ["分类", "指标", "单位", "2020年", "2025年预期", "年均增长/[累计]", "属性"]
    assert table2["rows"][14][1]["zh"] == "15.单位GDP能耗降幅" and table2["rows"][14][3]["zh"] == "完成市下达指标"
    boxes = [b["box"] for b in _blocks(draft) if "box" in b]
    assert [(b["number"], b["title"]["zh"], len(b["items"])) for b in boxes] == [
        ("专栏1", "“十四五”现代服务业重点项目", 3), ("专栏2", "“十四五”城市建设重点项目", 2), ("专栏3", "“十四五”社会事业重点项目", 4),
    ]


def test_the_jinan_boxes_keep_their_items_and_report_the_lost_ones(drafts):
    boxes = [b["box"] for b in _blocks(drafts["jinan-fyp-14"].draft) if "box" in b]
    assert [(b["number"], len(b["items"])) for b in boxes] == [
        ("专栏1", 0), ("专栏2", 0), ("专栏3", 6), ("专栏4", 1), ("专栏5", 2), ("专栏6", 1), ("专栏7", 3),
    ]
    assert boxes[2]["items"][0]["zh"].startswith("高端装备制造业（200亿）：高意通讯")


def _blocks(draft):
    out = []

    def visit(sections):
        for s in sections:
            out.extend(s.get("body", []))
            visit(s.get("sections", []))
            out.extend(s.get("closing", []))

    visit(draft["sections"])
    return out


# --- headline figures -------------------------------------------------------------------------


def test_cangshan_headline_figures(drafts):
    d = drafts["cangshan-report-2022"].draft
    assert figure(d, "gdp", 2022, "estimate") == {"growth": Decimal("3.0"), "quote": "地区生产总值增长3.0%"}
    assert figure(d, "fixed-asset-investment", 2022, "estimate") == {
        "value": Decimal("560"), "unit": "亿元", "growth": Decimal("-24.7"), "quote": "固定资产投资560亿元，增长-24.7%"}
    assert figure(d, "foreign-investment", 2022, "estimate")["value"] == Decimal("2.75")
    assert figure(d, "disposable-income", 2022, "estimate")["value"] == Decimal("51252")
    assert figure(d, "energy-saving-tasks", 2022, "estimate")["text"] == {"zh": "完成市下达任务", "en": ""}
    assert figure(d, "gdp", 2023, "target") == {"growth": Decimal("5"), "nature": "expected", "quote": "地区生产总值增长5%"}
    assert figure(d, "general-budget-revenue-total", 2023, "target")["growth"] == Decimal("6")
    assert figure(d, "foreign-trade", 2023, "target")["quote"] == "完成市下达的实际利用外资、进出口总额和节能减排降碳任务"
    assert figure(d, "digital-economy-size", 2023, "target")["qualifiers"] == ["above"]  # 数字经济规模增长15%以上
    assert len(d["figures"]) == 24


def test_fuzhou_headline_figures(drafts):
    d = drafts["fuzhou-report-2023"].draft
    assert figure(d, "gdp", 2023, "estimate") == {"growth": Decimal("5.3"), "qualifiers": ["about"], "quote": "全市地区生产总值增长5.3%左右"}
    assert figure(d, "retail-sales", 2023, "estimate")["qualifiers"] == ["above"]
    assert figure(d, "foreign-investment", 2023, "estimate")["text"] == {"zh": "全省平均水平", "en": ""}
    # the annex table: the whole row as printed, and the column of the cell (3: the 2023 target)
    assert figure(d, "gdp", 2023, "target") == {"growth": Decimal("6.5"), "qualifiers": ["about"],
                                               "quote": "一、地区生产总值 % 6.5左右 5.3左右 6左右", "column": 3}
    assert figure(d, "gdp", 2024, "target") == {"growth": Decimal("6"), "qualifiers": ["about"], "nature": "expected", "quote": "地区生产总值增长6%左右"}
    assert figure(d, "exports", 2024, "target")["qualifiers"] == ["at-least"]
    assert figure(d, "urban-disposable-income", 2024, "target")["qualifiers"] == ["in-step"]
    assert figure(d, "industrial-value-added", 2023, "estimate")["growth"] == Decimal("3.5")


def test_taijiang_report_headline_figures(drafts):
    d = drafts["taijiang-report-2024"].draft
    assert figure(d, "gdp", 2024, "estimate") == {"value": Decimal("750.5"), "unit": "亿元", "growth": Decimal("6"), "quote": "地区生产总值750.5亿元，增长6%"}
    assert figure(d, "urban-disposable-income", 2024, "estimate")["value"] == Decimal("6.6")
    assert figure(d, "general-budget-revenue-total", 2025, "target") == {
        "growth": Decimal("5"), "nature": "expected", "comparability": {"basis": "like-for-like"}, "quote": "一般公共预算总收入同口径增长5%"}
    assert figure(d, "urban-disposable-income", 2025, "target")["quote"] == "城镇居民人均可支配收入与经济增长基本保持同步"
    assert figure(d, "gdp", 2025, "target")["qualifiers"] == ["about"]


def test_taijiang_plan_headline_figures(drafts):
    d = drafts["taijiang-fyp-14"].draft
    assert figure(d, "gdp", 2020, "actual")["value"] == Decimal("600.81")
    assert figure(d, "gdp", 2020, "baseline")["value"] == Decimal("600.81")
    assert figure(d, "gdp", 2025, "target") == {
        "period": "2021-2025", "value": Decimal("862.5"), "unit": "亿元", "growth": Decimal("7.5"), "growth_basis": "average-annual",
        "nature": "expected", "quote": "经济发展 1.地区生产总值(GDP) 亿元 600.81 862.5 7.5% 预期性", "column": 5,
        "also": [{"quote": "经济发展 1.地区生产总值(GDP) 亿元 600.81 862.5 7.5% 预期性", "column": 6}]}
    assert figure(d, "new-urban-jobs", 2025, "target")["qualifiers"] == ["cumulative"]
    assert figure(d, "energy-intensity-reduction", 2025, "target")["nature"] == "binding"
    assert figure(d, "surface-water-quality", 2025, "target")["quote"] == "18.地表水达到或好于Ⅲ类水体比例 % 100 完成市下达指标 约束性"
    # Table 1's [6.6]: the services share rose 6.6 percentage points over 2016–2020
    share = figure(d, "services-share", 2020, "actual")
    assert (share["period"], share["value"], share["growth"], share["growth_basis"], share["growth_unit"], share["column"]) == (
        "2016-2020", Decimal("85.3"), Decimal("6.6"), "cumulative", "points", 8)
    assert figure(d, "foreign-investment", 2020, "actual")["unit"] == "亿元"  # printed as 7.8亿元人民币


def test_jinan_headline_figures(drafts):
    result = drafts["jinan-fyp-14"]
    d = result.draft
    assert figure(d, "gdp", 2020, "actual") == {"value": Decimal("959.05"), "unit": "亿元", "quote": "地区生产总值959.05亿元"}
    assert figure(d, "general-budget-revenue-total", 2020, "actual")["quote"] == "财政总收入33.58亿元"
    assert figure(d, "retail-sales", 2020, "actual")["value"] == Decimal("906.51")
    # the plan's indicator box was lost in extraction: its 2025 targets come from the prose only
    assert figure(d, "high-tech-enterprises", 2025, "target")["value"] == Decimal("400")
    assert figure(d, "digital-economy-size", 2025, "target")["value"] == Decimal("960")
    assert "新增省级高新技术企业" in [c.name for c in result.unmatched]


# --- warnings left ----------------------------------------------------------------------------


def test_the_warnings_left_on_the_seeds(drafts):
    assert {name: [line for line, _ in r.warnings] for name, r in drafts.items()} == {
        "cangshan-report-2022": [],
        "fuzhou-report-2023": [43, 187],
        "taijiang-report-2024": [],
        "taijiang-fyp-14": [119, 120, 131, 366, 494, 732],
        "jinan-fyp-14": [1, 300, 435, 783],
    }
