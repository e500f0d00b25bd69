"""The open dataset: one tidy table of every figure, as CSV, JSON, SQLite and a Frictionless package."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from generator.build import export_dataset, generate
from generator.cli import main
from tests.conftest import write_document

PLAN = """\
    # yaml-language-server: $schema=../../schema/document.schema.json
    id: testville-fyp-15
    region: taijiang
    kind: five-year-plan
    review_period: {start: 2026, end: 2030}
    plan_period: {start: 2031, end: 2035}
    title: {zh: 测试区第十五个五年规划纲要, en: Outline of the 15th Five-Year Plan of the test district}
    sections:
      - title: {zh: 主要目标, en: Main targets}
        body:
          - zh: 地区生产总值年均增长7.5%左右。=HYPERLINK("http://x")是一个测试。
            en: GDP will grow by about 7.5% a year on average. =HYPERLINK("http://x") is a test.
          - table:
              header: [[{zh: 指标}, {zh: 2030年}, {zh: 2035年}]]
              rows:
                - [{zh: 固定资产投资（亿元）, en: Fixed-asset investment (100 million yuan)}, {zh: "120.5"}, {zh: "-3.2"}]
    figures:
      - {indicator: gdp, period: 2031-2035, kind: target, growth: 7.5, growth_basis: average-annual, qualifiers: [about], nature: expected, quote: 地区生产总值年均增长7.5%左右}
      - {indicator: fixed-asset-investment, period: 2030, kind: baseline, value: 120.5, unit: 亿元, quote: 固定资产投资（亿元） 120.5 -3.2, column: 2}
      - {indicator: fixed-asset-investment, period: 2035, kind: target, growth: -3.2, quote: 固定资产投资（亿元） 120.5 -3.2, column: 3,
         note: {zh: =SUM(A1), en: =SUM(A1) as printed}}
"""

REQUIRED = ["region", "region_en", "document", "indicator", "indicator_zh", "indicator_en",
            "category", "period_start", "period_end", "kind", "value", "unit", "unit_en", "value_in_base_unit",
            "growth_pct", "growth_basis", "qualifiers", "nature", "text_zh", "text_en", "note_en", "quote_zh",
            "source_url"]


@pytest.fixture
def plan_project(project):
    write_document(project.root, PLAN, "testville-fyp-15.yaml")
    return project


def _rows(project, table: str = "figures") -> list[dict]:
    text = export_dataset(project, "csv", "https://example.org/portal/", table)
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_has_every_column_the_data_page_promises(plan_project):
    header = export_dataset(plan_project, "csv").removeprefix("\ufeff").splitlines()[0].split(",")
    assert [c for c in REQUIRED if c not in header] == []


def test_an_average_annual_target_says_its_period_and_basis_in_words(plan_project):
    row = next(r for r in _rows(plan_project) if r["document"] == "testville-fyp-15" and r["indicator"] == "gdp")
    assert (row["period_start"], row["period_end"], row["growth_pct"], row["growth_basis"]) == ("2031", "2035", "7.5", "average-annual")
    assert row["figure_en"] == "about 7.5% a year on average, 2031–2035 (expected)"
    assert row["figure_zh"] == "年均增长7.5%左右（2031—2035年）（预期性）"


def test_source_urls_are_absolute_and_land_on_the_sentence_or_the_table_row(plan_project):
    rows = {(r["indicator"], r["kind"]): r for r in _rows(plan_project) if r["document"] == "testville-fyp-15"}
    assert rows[("gdp", "target")]["source_url"] == \
        "https://example.org/portal/documents/testville-fyp-15/text/#s1-p1-s1"
    baseline = rows[("fixed-asset-investment", "baseline")]
    assert baseline["source_url"] == "https://example.org/portal/documents/testville-fyp-15/text/#s1-p2-r1"
    assert baseline["table_column"] == "2"
    # The English page of the same place: the document's text_url_en and the figure's anchor.
    document = next(d for d in _rows(plan_project, "documents") if d["document"] == "testville-fyp-15")
    assert document["text_url_en"] + "#" + baseline["source_anchor"] == \
        "https://example.org/portal/en/documents/testville-fyp-15/text/#s1-p2-r1"


def test_figure_rows_name_their_document_once_and_the_documents_table_holds_its_titles(plan_project):
    figures, documents = _rows(plan_project), _rows(plan_project, "documents")
    assert not {"document_title_zh", "document_title_en", "source_url_en"} & set(figures[0])
    by_id = {d["document"]: d for d in documents}
    assert len(by_id) == len(documents) and {f["document"] for f in figures} <= set(by_id)
    plan = by_id["testville-fyp-15"]
    assert (plan["title_en"], plan["document_kind"], plan["plan_start"], plan["plan_end"], plan["figures"]) == \
        ("Outline of the 15th Five-Year Plan of the test district", "five-year-plan", "2031", "2035", "3")
    assert plan["text_url"] == "https://example.org/portal/documents/testville-fyp-15/text/"


def test_a_text_cell_that_starts_like_a_formula_is_neutralised_but_negative_numbers_stay_numbers(plan_project):
    row = next(r for r in _rows(plan_project) if r["kind"] == "target" and r["indicator"] == "fixed-asset-investment")
    assert row["note_zh"] == "'=SUM(A1)"
    assert row["note_en"] == "'=SUM(A1) as printed"
    assert row["growth_pct"] == "-3.2"


def test_json_numbers_are_numbers_and_absent_values_null(plan_project):
    data = json.loads(export_dataset(plan_project, "json"))
    row = next(r for r in data["figures"] if r["kind"] == "baseline" and r["document"] == "testville-fyp-15")
    assert row["value"] == 120.5 and row["period_start"] == 2030 and row["value_in_base_unit"] == 12050000000
    assert row["growth_pct"] is None and row["note_zh"] is None
    assert data["columns"][0] == "region"


def test_sqlite_export_has_one_typed_table(plan_project, tmp_path):
    out = tmp_path / "figures.sqlite"
    result = CliRunner().invoke(main, ["--root", str(plan_project.root), "export", "--format", "sqlite", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(out) as db:
        types = db.execute("SELECT typeof(period_start), typeof(growth_pct) FROM figures WHERE indicator = 'gdp' "
                           "AND document = 'testville-fyp-15'").fetchone()
        joined = db.execute("SELECT d.title_zh, count(*) FROM figures f JOIN documents d USING (document) "
                            "WHERE document = 'testville-fyp-15'").fetchone()
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO figures (document) VALUES ('no-such-document')")
    assert types == ("integer", "real")
    assert joined == ("测试区第十五个五年规划纲要", 3)


def test_cli_exports_the_documents_table(plan_project, tmp_path):
    out = tmp_path / "documents.csv"
    result = CliRunner().invoke(main, ["--root", str(plan_project.root), "export", "--table", "documents",
                                       "--site-url", "https://example.org/portal/", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:2] == ["document", "region"]
    assert next(r for r in rows if r["document"] == "testville-fyp-15")["text_url_en"] == \
        "https://example.org/portal/en/documents/testville-fyp-15/text/"


def test_sqlite_export_without_out_is_a_usage_error(plan_project):
    result = CliRunner().invoke(main, ["--root", str(plan_project.root), "export", "--format", "sqlite"])
    assert result.exit_code == 2 and "--format sqlite needs --out FILE" in result.output


def test_export_into_a_missing_folder_says_where_and_writes_nothing(plan_project, tmp_path):
    out = tmp_path / "missing" / "figures.csv"
    result = CliRunner().invoke(main, ["--root", str(plan_project.root), "export", "--out", str(out)])
    assert result.exit_code == 1 and f"{out}: cannot write" in result.output
    assert not out.parent.exists()


def test_the_published_datapackage_validates_with_frictionless(plan_project, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    files, _ = generate(plan_project, site_url="https://example.org/portal/")
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("datapackage.json", "documents.csv", "figures.csv", "figures.sqlite"):
        content = files[f"md/zh/data/{name}"]
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {r["name"]: r for r in package["resources"]}
    assert all(f["description"] for name in ("documents", "figures") for f in resources[name]["schema"]["fields"])
    assert resources["figures"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "documents", "fields": ["document"]}
    # The foreign key is checked: a figure of a document the documents table lacks is an error.
    figures = (folder / "figures.csv").read_text(encoding="utf-8-sig").splitlines()
    (folder / "figures.csv").write_text("\n".join(figures + [figures[-1].replace(",testville-", ",no-such-", 1)]) + "\n",
                                        encoding="utf-8-sig")
    assert not frictionless.validate(str(folder / "datapackage.json")).valid
