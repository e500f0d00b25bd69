"""The preview of `portal serve`: an edit rebuilds only what it touches, and gives the bytes of a full build."""

import shutil

import pytest

from generator.build import Project, build_site
from generator.preview import Preview
from tests.conftest import ROOT

EDITED = "content/documents/cangshan-report-2022.yaml"
PARAGRAPH = "  en: 'On behalf of the People''s Government of Cangshan District"


def _copy_project(into):
    for folder in ("content", "docs", "site_templates"):
        shutil.copytree(ROOT / folder, into / folder)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    return Project(into, cache_dir=into / ".cache")


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


NOTE = "  en: 'The report was presented on 21 December 2022."


ABOUT = "The Fuzhou Plan Portal turns"


def _edit(project, marker, where, edited=EDITED):
    path = project.root / edited
    text = path.read_text(encoding="utf-8")
    assert where in text
    path.write_text(text.replace(where, where.replace("'", f"'{marker} ", 1) if "'" in where
                                 else f"{marker} {where}", 1), encoding="utf-8")


@pytest.mark.parametrize("edited, where, page, local", [
    # the full text alone: its two pages are rendered, nothing else
    (EDITED, PARAGRAPH, "en/documents/cangshan-report-2022/text/index.html", True),
    # the overview's note: the whole portal is rendered again
    (EDITED, NOTE, "en/documents/cangshan-report-2022/index.html", False),
    # a hand-written page: that page alone
    ("docs/en/about.md", ABOUT, "en/about/index.html", True),
], ids=["text", "overview", "handwritten"])
def test_an_edit_rebuilds_its_pages_only_and_matches_a_full_build(tmp_path, monkeypatch, edited, where, page, local):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    url = "http://127.0.0.1:8000/"
    project = _copy_project(tmp_path / "live")
    preview = Preview(project, site_url=url, jobs=2)
    assert preview.update() == "full"
    md = project.build_dir / "md/en/documents/jinan-fyp-14/text.md"
    untouched = md.stat().st_mtime_ns
    drawings = sorted(project.cache_dir.rglob("*.svg"))
    _edit(project, "Added in the preview.", where, edited)
    how = preview.update()
    preview.wait()
    pages = int(how.split()[0])
    assert 0 < pages < 20, how  # the edited document's pages, the 404 page: not the site's thousand pages
    assert how.endswith("a local edit") == local, how
    assert md.stat().st_mtime_ns == untouched  # unchanged generated files are not rewritten
    assert sorted(project.cache_dir.rglob("*.svg")) == drawings  # the drawing cache is kept
    assert "Added in the preview." in (project.site_dir / page).read_text(encoding="utf-8")

    scratch = _copy_project(tmp_path / "scratch")
    shutil.copy(project.root / edited, scratch.root / edited)
    build_site(scratch, site_url=url, jobs=1)
    live, full = _tree(project.site_dir), _tree(scratch.site_dir)
    assert sorted(live) == sorted(full)
    assert [name for name in full if live[name] != full[name]] == []
    assert _tree(project.build_dir) == _tree(scratch.build_dir)
