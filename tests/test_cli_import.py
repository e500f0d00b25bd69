"""Tests for the `portal import` command (generator/cli.py), apart from test_cli.py so the two can change independently."""

import os

import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model import Document
from tests.conftest import ROOT
from tests.importer_support import CATALOGUE

FIXTURES = ROOT / "tests" / "fixtures" / "import"


def run(project, *args):
    # the importer tests' frozen catalogue, so the counts below do not move when content/ grows
    (project.content_dir / "indicators.yaml").write_bytes(CATALOGUE.read_bytes())
    return CliRunner().invoke(main, ["--root", str(project.root), "import", *args])


def test_import_writes_a_valid_draft_and_prints_a_summary(project):
    source = project.root / "sources" / "taijiang-report-2024.txt"
    source.parent.mkdir()
    source.write_bytes((ROOT / "sources" / "taijiang-report-2024.txt").read_bytes())
    result = run(project, str(source), "--region", "taijiang", "--kind", "annual-report")
    assert result.exit_code == 0, result.output
    out = project.root / "content" / "documents" / "taijiang-report-2024.yaml"
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    Document.model_validate(draft)
    assert draft["source"] == {"file": "sources/taijiang-report-2024.txt"}
    lines = result.output.splitlines()
    assert lines[:9] == [
        f"read {source} as utf-8",
        "sections: 12 (2 top-level)",
        "paragraphs: 47",
        "tables: 0",
        "boxes: 0",
        "indicator candidates: 14 matched, 9 unmatched names",
        "proposed catalogue entries: 8, holding 9 figures",
        "noise removed: 16 page-start marks",
        "warnings: 0",
    ]
    assert lines[-1].startswith(f"Wrote {out} in ")


def test_the_drafted_document_passes_portal_validate(project):
    source = ROOT / "sources" / "cangshan-report-2022.txt"
    out = project.root / "content" / "documents" / "cangshan-report-2022.yaml"
    assert run(project, str(source), "--region", "cangshan", "--kind", "annual-report").exit_code == 0
    result = CliRunner().invoke(main, ["--root", str(project.root), "validate"])
    assert result.exit_code == 0, result.output
    assert "OK: 2 documents, 25 figures, 4 regions" in result.output
    assert "missing English translation" in result.output
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/document.schema.json\n")


def test_import_reports_gbk_as_gb18030(project, tmp_path):
    source = tmp_path / "jinan-fyp-14.txt"
    source.write_bytes((ROOT / "sources" / "jinan-fyp-14.txt").read_text(encoding="utf-8").encode("gbk"))
    result = run(project, str(source), "--region", "jinan", "--kind", "five-year-plan", "--out", str(tmp_path / "d.yaml"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"read {source} as gb18030\n")
    assert "warning: line 435: 专栏1" in result.output


def test_a_source_that_cannot_be_imported_exits_1_without_a_traceback_or_a_file(project, tmp_path):
    tmp_path = tmp_path / "sources"  # the project fixture lives in tmp_path/proj
    tmp_path.mkdir()
    out = tmp_path / "draft.yaml"
    cases = {
        "empty.txt": b"",
        "binary.txt": os.urandom(4096) + b"\x00",
        "no-headings.txt": (FIXTURES / "no-headings.txt").read_bytes(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        result = run(project, str(tmp_path / name), "--region", "jinan", "--kind", "annual-report", "--out", str(out))
        assert result.exit_code == 1, (name, result.output)
        assert result.output.startswith(f"Error: {tmp_path / name}: ") or result.output.startswith("Error: found no headings"), result.output
        assert "Traceback" not in result.output
        assert not out.exists()
    assert sorted(os.listdir(tmp_path)) == sorted(cases)  # no temporary file left behind either


def test_a_50_mb_source_is_refused_by_the_size_limit(project, tmp_path):
    source = tmp_path / "huge.txt"
    with open(source, "wb") as fh:
        chunk = ("一、地区生产总值增长6%左右。\n" * 4000).encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    result = run(project, str(source), "--region", "jinan", "--kind", "annual-report", "--out", str(tmp_path / "d.yaml"))
    assert result.exit_code == 1
    assert "the importer reads at most 10 MB" in result.output
    assert not (tmp_path / "d.yaml").exists()


def test_an_existing_draft_is_not_overwritten_without_force(project, tmp_path):
    out = tmp_path / "d.yaml"
    out.write_text("kept: true\n", encoding="utf-8")
    source = FIXTURES / "minxi-report-2019.txt"
    result = run(project, str(source), "--region", "jinan", "--kind", "annual-report", "--out", str(out))
    assert result.exit_code == 2
    assert f"{out} exists; pass --out to write elsewhere, or --force to overwrite it" in result.output
    assert out.read_text(encoding="utf-8") == "kept: true\n"
    assert run(project, str(source), "--region", "jinan", "--kind", "annual-report", "--out", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_usage_errors_exit_2(project, tmp_path):
    source = str(FIXTURES / "minxi-report-2019.txt")
    out = str(tmp_path / "d.yaml")
    unknown_region = run(project, source, "--region", "minxi", "--kind", "annual-report", "--out", out)
    assert unknown_region.exit_code == 2
    assert "unknown region 'minxi'; expected one of: cangshan, fuzhou, jinan, taijiang" in unknown_region.output
    assert run(project, source, "--region", "jinan", "--kind", "yearly", "--out", out).exit_code == 2
    assert run(project, source, "--kind", "annual-report", "--out", out).exit_code == 2
    assert not (tmp_path / "d.yaml").exists()


def test_debug_shows_the_traceback(project, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["--root", str(project.root), "--debug", "import", str(tmp_path / "empty.txt"),
                                       "--region", "jinan", "--kind", "annual-report", "--out", str(tmp_path / "d.yaml")])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "ImportSourceError"
