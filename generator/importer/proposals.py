"""Importer, stage 4c: propose catalogue entries for the names the catalogue does not know.

Input: the unmatched `Candidate`s (figures whose indicator name is new), the
catalogue. Output: `Proposal`s, one per new name: a suggested id, the Chinese
name, a unit and a category guessed from the name, and the figures stated for
it, so that no figure is lost because its indicator is new. Pure: the draft
writes them as comment blocks (a proposed figure names an indicator that is
not in the catalogue yet, so it cannot be a live figure of a draft that must
validate; uncommenting it is the editor's step once the entry is accepted).

Ids and categories are guesses from words of the name; an editor checks every
one (and writes the English name and the one-line definition).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importer.candidates import Candidate, Catalogue

# Words of indicator names and the slug part each gives, longest first when matched.
_ID_WORDS = {
    "地区生产总值": "gdp", "生产总值": "gdp", "GDP": "gdp", "第一产业": "primary-sector", "第二产业": "secondary-sector",
    "第三产业": "tertiary-sector", "服务业": "services", "规上工业": "industrial", "工业": "industrial",
    "建筑业": "construction", "农业": "agriculture", "批发零售业": "wholesale-retail", "住宿餐饮业": "hospitality",
    "数字经济": "digital-economy", "文化产业": "cultural-industry", "旅游": "tourism", "金融业": "finance",
    "增加值": "value-added", "销售额": "sales", "营业收入": "revenue", "营收": "revenue", "总收入": "revenue",
    "财政": "fiscal", "税收": "tax", "一般公共预算": "general-budget", "地方": "local", "收入": "income",
    "固定资产投资": "fixed-asset-investment", "投资": "investment", "消费": "consumption", "零售": "retail",
    "居民消费价格": "cpi", "价格": "price", "进出口": "foreign-trade", "出口": "exports", "进口": "imports",
    "外资": "foreign-capital", "研发": "rd", "R&D": "rd", "专利": "patents", "高新技术企业": "high-tech-enterprises",
    "企业": "enterprises", "市场主体": "market-entities", "就业": "jobs", "失业率": "unemployment-rate",
    "城镇化率": "urbanisation-rate", "常住人口": "resident-population", "人口": "population", "人均": "per-capita",
    "城镇居民": "urban", "农村居民": "rural", "可支配收入": "disposable-income", "教育": "education",
    "医疗": "health", "医师": "doctors", "床位": "beds", "养老": "elderly-care", "托育": "childcare",
    "能耗": "energy-use", "二氧化碳": "co2", "排放": "emissions", "空气": "air", "水质": "water-quality",
    "森林": "forest", "绿化": "greening", "安全": "safety", "事故": "accidents", "死亡率": "death-rate",
    "比重": "share", "占比": "share", "增速": "growth", "增长率": "growth", "强度": "intensity",
    "新增": "new", "总额": "total", "规模": "size", "数量": "count", "达标率": "compliance-rate", "率": "rate",
    "固投": "fixed-asset-investment", "专精特新": "srdi", "中小企业": "smes", "创新型": "innovative",
    "省级": "provincial", "国家级": "national", "技术合同": "technology-contracts", "成交额": "turnover",
    "经费支出": "expenditure", "经费": "expenditure", "投入": "input", "失业人员": "unemployed", "再就业": "reemployment",
    "新认定": "newly-certified", "社会消费品": "consumer-goods", "港口": "port", "吞吐量": "throughput",
}
_ID_PATTERN = re.compile("|".join(re.escape(w) for w in sorted(_ID_WORDS, key=len, reverse=True)))

# Category guesses, first match wins (the categories of content/indicators.yaml).
_CATEGORIES = [
    ("safety", r"安全|事故|死亡率|消防|应急"),
    ("environment-energy", r"能耗|能源|排放|二氧化碳|空气|PM|水质|水体|森林|绿化|绿地|污染|碳|节能|减排|垃圾"),
    ("fiscal", r"财政|预算|税收|税"),
    ("trade-foreign-capital", r"出口|进口|进出口|外贸|外资|外商"),
    ("innovation", r"研发|R&D|专利|高新|科技|技术|创新|发明|专精特新"),
    ("employment-income", r"就业|失业|可支配收入|工资|收入"),
    ("investment-consumption", r"固投|固定资产"),
    ("social-services", r"教育|学校|学位|医|卫生|床位|养老|托育|寿命|文化|体育|社保|保险|住房|幼儿"),
    ("investment-consumption", r"投资|消费|零售|销售|商品"),
    ("industry", r"工业|产业|增加值|服务业|农业|建筑业|数字|企业|市场主体|旅游|营收|营业收入"),
]
DEFAULT_CATEGORY = "economy"


@dataclass
class Proposal:
    """A new catalogue entry an import suggests, and the figures it would hold."""

    id: str
    name: str
    unit: str | None
    category: str
    figures: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def propose_entries(unmatched: list[Candidate], catalogue: Catalogue) -> list[Proposal]:
    """One proposal per new name that states a figure of a known year and kind, in reading order."""
    taken = set(catalogue.unit_of)
    by_name: dict[str, Proposal] = {}
    for cand in unmatched:
        if not (cand.year and cand.kind):
            continue
        key = re.sub(r"\s+", "", cand.name)
        proposal = by_name.get(key)
        if proposal is None:
            ident = _unique(suggest_id(key), taken)
            taken.add(ident)
            proposal = Proposal(id=ident, name=key, unit=None, category=guess_category(key))
            by_name[key] = proposal
        if cand.value is not None and proposal.unit is None:
            proposal.unit = cand.unit
            if cand.unit not in catalogue.units:
                proposal.notes.append(f"unit {cand.unit} is not in the catalogue's units: add it too")
        if any((f.year, f.kind) == (cand.year, cand.kind) for f in proposal.figures):
            proposal.notes.append(f"line {cand.line} states it again for {cand.year} {cand.kind}: {cand.quote}")
            continue
        cand.indicator = proposal.id
        proposal.figures.append(cand)
    return list(by_name.values())


def suggest_id(name: str) -> str:
    """A slug from the English words of the name's parts: 第三产业增加值 -> tertiary-sector-value-added."""
    parts: list[str] = []
    for m in _ID_PATTERN.finditer(name):
        for part in _ID_WORDS[m.group(0)].split("-"):
            if part not in parts:
                parts.append(part)
    return "-".join(parts) or "new-indicator"


def guess_category(name: str) -> str:
    for category, pattern in _CATEGORIES:
        if re.search(pattern, name):
            return category
    return DEFAULT_CATEGORY


def _unique(ident: str, taken: set[str]) -> str:
    if ident not in taken:
        return ident
    n = 2
    while f"{ident}-{n}" in taken:
        n += 1
    return f"{ident}-{n}"
