"""Every command is documented, every model field described, and the committed schemas are current."""

import pytest
from click.testing import CliRunner

from generator import model as m
from generator.cli import main
from generator.schema import json_schemas
from tests.conftest import ROOT

MODELS = [m.Region, m.Unit, m.Indicator, m.GlossaryTerm, m.Document, m.Section, m.Figure, m.Box, m.Table,
          m.TableCell, m.YearRange, m.LocalizedText, m.Source, m.RegionsFile, m.IndicatorsFile, m.GlossaryFile]


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert main.commands[command].help, command
    assert f"portal {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_field_has_a_description(model):
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == [] or model in (m.RegionsFile,) and missing == [], missing


def test_committed_schemas_are_current():
    for name, text in json_schemas().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"run `portal schema` ({name})"


def test_every_content_file_names_its_schema():
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "document" if path.parent.name == "documents" else path.stem
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schema/{kind}.schema.json"), path
