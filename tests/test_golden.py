"""Golden test: the Markdown generated for a fixture document, compared with tests/golden/.

The fixture holds every kind of block and figure. When a change to templates
or wording alters the output on purpose, regenerate with
`UPDATE_GOLDEN=1 pytest tests/test_golden.py` and commit the golden files in a
commit that says why.
"""

import os
import shutil

import pytest

from generator.build import generate
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
FIXTURE = ROOT / "tests" / "fixtures" / "golden" / "golden-report-2030.yaml"
PAGES = [f"md/{lang}/documents/golden-report-2030/{page}" for lang in ("zh", "en") for page in ("index.md", "text.md")]
PAGES += [f"md/{lang}/documents/golden-report-2030/data.csv" for lang in ("zh",)]


@pytest.fixture
def generated(project):
    (project.content_dir / "documents" / "testville-report-2030.yaml").unlink()
    shutil.copy(FIXTURE, project.content_dir / "documents" / FIXTURE.name)
    files, _ = generate(project, strict=True)
    return files


@pytest.mark.parametrize("page", PAGES)
def test_generated_page_matches_its_golden_file(generated, page):
    golden = GOLDEN / page.removeprefix("md/")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(generated[page], encoding="utf-8")
    assert generated[page] == golden.read_text(encoding="utf-8"), f"{page} differs from {golden}"
