from click.testing import CliRunner

from generator.cli import main
from tests.conftest import MINIMAL_DOCUMENT, write_document


def run(project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), *args])


def test_validate_passes_and_counts(project):
    result = run(project, "validate")
    assert result.exit_code == 0, result.output
    assert "OK: 1 documents, 1 figures, 4 regions" in result.output


def test_validate_prints_every_error_and_exits_1(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("period: 2030, kind", "period: x, kind").replace("kind: annual-report", "kind: yearly"))
    result = run(project, "validate")
    assert result.exit_code == 1
    assert "content/documents/testville-report-2030.yaml:4:1: kind: Input should be 'five-year-plan' or 'annual-report', found 'yearly'" in result.output
    assert "content/documents/testville-report-2030.yaml:16:22: figures[0].period: expected a year (2023) or a span of years (2021-2025), found 'x'" in result.output
    assert "Stopped: 2 errors in 1 file. Nothing was written." in result.output
    assert "Traceback" not in result.output


def test_strict_turns_a_missing_translation_into_a_failure(project):
    write_document(project.root, MINIMAL_DOCUMENT.replace("en: Implementation of the 2030 plan", "en: ''"))
    assert run(project, "validate").exit_code == 0
    result = run(project, "validate", "--strict")
    assert result.exit_code == 1 and "missing English translation" in result.output


def test_build_writes_nothing_when_content_is_broken(project):
    write_document(project.root, "id: [\n")
    result = run(project, "build")
    assert result.exit_code == 1 and "YAML syntax error" in result.output
    assert not project.site_dir.exists() and not project.build_dir.exists()


def test_build_reports_pages(project):
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert "(16 zh, 16 en pages)" in result.output  # docs/ now includes scaling.md
    assert (project.site_dir / "en/documents/testville-report-2030/index.html").is_file()


def test_unknown_command_is_a_usage_error(project):
    assert run(project, "frobnicate").exit_code == 2
