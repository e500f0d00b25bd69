"""Tests for generator/importer/proposals.py and what an import does with names the catalogue lacks:
it proposes a catalogue entry and keeps every figure stated for it, as comment blocks a draft
still validates with, and that validate once uncommented with their entries."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.importer import read_source, text_to_fields, write_draft
from generator.importer.candidates import Candidate
from generator.importer.proposals import guess_category, propose_entries, suggest_id
from generator.model import Document
from generator.validate import validate_content
from tests.importer_support import CATALOGUE, load_catalogue
from tests.importer_support import catalogue_data as importer_catalogue

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "import"


@pytest.fixture(scope="module")
def catalogue_data():
    return importer_catalogue()


def donghu(catalogue_data, region="donghu"):
    return text_to_fields(read_source(FIXTURES / "donghu-report-2032.txt"), region, "annual-report",
                          "donghu-report-2032", catalogue_data)


@pytest.mark.parametrize("name, ident, category", [
    ("第三产业增加值", "tertiary-sector-value-added", "industry"),
    ("港口货物吞吐量", "port-throughput", "economy"),
    ("R&D经费支出", "rd-expenditure", "innovation"),
    ("地方财政收入", "local-fiscal-income", "fiscal"),
    ("亿元GDP生产安全事故死亡率", "gdp-safety-accidents-death-rate", "safety"),
    ("万元生产总值能耗", "gdp-energy-use", "environment-energy"),
])
def test_a_new_name_gets_a_suggested_id_and_a_category_guess(name, ident, category):
    assert (suggest_id(name), guess_category(name)) == (ident, category)


def test_a_proposal_holds_every_figure_of_its_name_and_never_takes_a_catalogue_id():
    catalogue = load_catalogue()
    first = Candidate(name="第三产业增加值", quote="第三产业增加值增长5.5%", line=3, year=2025, kind="target", growth=Decimal("5.5"))
    second = Candidate(name="第三产业增加值", quote="第三产业增加值800亿元", line=9, year=2024, kind="estimate",
                       value=Decimal("800"), unit="亿元")
    again = Candidate(name="第三产业增加值", quote="第三产业增加值增长5%", line=12, year=2025, kind="target", growth=Decimal("5"))
    gdp = Candidate(name="生产总值", quote="生产总值", line=1, year=2025, kind="target", growth=Decimal("1"))  # id 'gdp' is taken
    unplaced = Candidate(name="某某总量", quote="某某总量5亿元", line=2, value=Decimal("5"), unit="亿元")
    proposals = propose_entries([first, second, again, gdp, unplaced], catalogue)
    assert [(p.id, p.name, p.unit, p.category, [f.line for f in p.figures]) for p in proposals] == [
        ("tertiary-sector-value-added", "第三产业增加值", "亿元", "industry", [3, 9]),
        ("gdp-2", "生产总值", None, "economy", [1]),
    ]
    assert proposals[0].notes == ["line 12 states it again for 2025 target: 第三产业增加值增长5%"]
    assert (first.indicator, second.indicator, gdp.indicator) == ("tertiary-sector-value-added",) * 2 + ("gdp-2",)


def test_the_draft_lists_proposals_in_comment_blocks_and_the_summary_and_still_validates(catalogue_data):
    result = donghu(catalogue_data)
    Document.model_validate(yaml.safe_load(result.yaml))
    assert [f["indicator"] for f in result.draft["figures"]] == [
        "gdp", "services-share", "gdp", "general-budget-revenue-total", "services-share"]
    tail = result.yaml[result.yaml.index("# proposed catalogue entries"):]
    assert "#   - id: port-throughput\n#     name: {zh: 港口货物吞吐量, en: ''}\n#     category: economy\n#     unit: 万吨\n" in tail
    assert "#   - {indicator: port-throughput, period: 2032, kind: estimate, value: 1850, unit: 万吨, quote: 港口货物吞吐量1850万吨}" in tail
    assert ("#   - {indicator: port-throughput, period: 2033, kind: target, growth: 5, qualifiers: [above], nature: expected, "
            "quote: 港口货物吞吐量增长5%以上}") in tail
    summary = result.summary_text()
    assert "proposed catalogue entries: 1, holding 2 figures" in summary
    assert "  proposed: port-throughput: 港口货物吞吐量 (economy, 万吨): 2 figures" in summary


def test_proposed_entries_and_figures_validate_once_uncommented(catalogue_data, project):
    """The editor's step: move the entries into the catalogue, uncomment the figures."""
    result = donghu(catalogue_data, region="cangshan")
    tail = result.yaml[result.yaml.index("# proposed catalogue entries"):]
    entries_part, figures_part = tail.split("# proposed figures", 1)

    def uncomment(part):
        return yaml.safe_load("\n".join(line[2:] for line in part.splitlines() if line.startswith("#   ")))

    entries, figures = uncomment(entries_part), uncomment(figures_part)
    assert [e["id"] for e in entries] == ["port-throughput"] and len(figures) == 2
    indicators = project.content_dir / "indicators.yaml"
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))  # the catalogue it was drafted with
    for entry in entries:
        entry["name"]["en"] = "Port cargo throughput"
        entry["definition"] = {"zh": "港口完成的货物装卸量。", "en": "Cargo handled by the port."}
    data["indicators"].extend(entries)
    data["units"].append({"id": "万吨", "name": {"zh": "万吨", "en": "ten thousand tonnes"}, "factor": 1e7}) \
        if not any(u["id"] == "万吨" for u in data["units"]) else None
    indicators.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    draft = yaml.safe_load(result.yaml)
    draft["figures"].extend(figures)
    (project.content_dir / "documents" / "donghu-report-2032.yaml").write_text(
        yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    portal, _ = validate_content(project.content_dir)
    doc = next(d for d in portal.documents if d.id == "donghu-report-2032")
    assert [(f.indicator, f.year, f.kind) for f in doc.figures][-2:] == [
        ("port-throughput", 2032, m_kind("estimate")), ("port-throughput", 2033, m_kind("target"))]


def m_kind(value):
    from generator.model import FigureKind
    return FigureKind(value)


def test_a_qualifier_split_by_a_line_break_is_kept(catalogue_data):
    result = donghu(catalogue_data)
    body = [b["zh"] for b in result.draft["sections"][1]["body"]]
    assert "——地区生产总值增长6%左右；" in body and "——一般公共预算总收入同口径增长5%；" in body
    figures = {(f["indicator"], f["period"], f["kind"]): f for f in result.draft["figures"]}
    assert figures[("gdp", 2033, "target")]["qualifiers"] == ["about"]
    assert figures[("general-budget-revenue-total", 2033, "target")]["comparability"] == {"basis": "like-for-like"}


def test_percentage_points_in_prose_are_a_change_in_points(catalogue_data):
    figures = {(f["indicator"], f["period"], f["kind"]): f for f in donghu(catalogue_data).draft["figures"]}
    share = figures[("services-share", 2033, "target")]
    assert (share["growth"], share["growth_unit"], share["quote"]) == (Decimal("0.8"), "points", "服务业增加值比重提高0.8个百分点")
    assert "growth_basis" not in share  # one year: over the previous year
