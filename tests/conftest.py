"""Shared fixtures: a minimal valid content folder to break on purpose, and one built site per test run."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.build import Project, build_site

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "/fuzhou-portal/"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the project's content with one small document, in a temp folder, ready to break."""
    root = tmp_path / "proj"
    (root / "content" / "documents").mkdir(parents=True)
    for name in ("regions.yaml", "indicators.yaml", "glossary.yaml"):
        shutil.copy(ROOT / "content" / name, root / "content" / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    write_document(root, MINIMAL_DOCUMENT)
    return Project(root, cache_dir=ROOT / ".cache")


MINIMAL_DOCUMENT = """\
    # yaml-language-server: $schema=../../schema/document.schema.json
    id: testville-report-2030
    region: cangshan
    kind: annual-report
    review_period: {start: 2030, end: 2030}
    plan_period: {start: 2031, end: 2031}
    title: {zh: 关于测试区2030年计划执行情况的报告, en: Report on the implementation of the test district's 2030 plan}
    issuer: {zh: 测试区发展和改革局, en: Test District Development and Reform Bureau}
    sections:
      - number: 一、
        title: {zh: 2030年计划执行情况, en: Implementation of the 2030 plan}
        body:
          - zh: 预计全年地区生产总值增长6%左右；居民消费持续回暖。
            en: GDP is expected to grow by about 6%; household consumption keeps recovering.
    figures:
      - {indicator: gdp, period: 2030, kind: estimate, growth: 6, qualifiers: [about], quote: 地区生产总值增长6%左右}
"""


def write_document(root: Path, text: str, name: str = "testville-report-2030.yaml") -> Path:
    path = root / "content" / "documents" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Project:
    """The real content, built once per test run into a temp folder (under a GitHub Pages-like subpath)."""
    out = tmp_path_factory.mktemp("built")
    project = Project(ROOT, build_dir=out / "build", site_dir=out / "site", cache_dir=ROOT / ".cache")
    build_site(project, strict=True, site_url=f"http://127.0.0.1{SUBPATH}")
    return project
