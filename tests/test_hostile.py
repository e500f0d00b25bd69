"""The hostile-input corpus: what a careless edit, a killed build or a hostile file may try.

Every case asserts the exact message (one located line, plus its hint), the
exit code, and that content/ and site/ are exactly as they were. Files live in
tests/hostile/; links, FIFOs, raw control bytes and full disks are made here.
A full disk is a real 3 MB tmpfs when the tests may mount one (root on Linux),
and a monkeypatched ENOSPC otherwise.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build_site
from generator.cli import main
from generator.errors import BuildError
from generator.export import dataset_columns, spreadsheet_safe, to_csv
from generator.render import TEMPLATES_DIR
from generator.write import GENERATED_MARK, build_lock, clean_leftovers, swap_in
from tests.conftest import ROOT

HOSTILE = Path(__file__).parent / "hostile"
DOC = "content/documents/testville-report-2030.yaml"


def run(project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), *args])


def snapshot(root: Path) -> dict:
    """Every path under content/ and site/ with its kind and bytes (links and FIFOs are not followed or read)."""
    found = {}
    for top in ("content", "site"):
        base = root / top
        if base.is_symlink() or not base.exists():
            found[top] = os.readlink(base) if base.is_symlink() else None
            continue
        for path in sorted(base.rglob("*")):
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[str(path.relative_to(root))] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[str(path.relative_to(root))] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[str(path.relative_to(root))] = ("other", stat.S_IFMT(mode))
    return found


@pytest.fixture
def previous_site(project):
    """A site/ from an earlier build, which nothing below may touch."""
    site = project.site_dir
    site.mkdir()
    (site / GENERATED_MARK).write_text("made by `portal build`; replaced on every build\n")
    (site / "index.html").write_text("<p>the site readers see today</p>\n")
    return site


def edit(root: Path, old: str, new: str, name: str = DOC) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_bytes(root: Path, old: str, new: bytes) -> None:
    path = root / DOC
    path.write_bytes(path.read_bytes().replace(old.encode(), new))


TITLE = "title: {zh: 关于测试区2030年计划执行情况的报告"
GROWTH = "growth: 6, qualifiers"
STOPPED = "Stopped: 1 error in 1 file. Nothing was written."

# (case, how to make it, the exact output of `portal validate` and `portal build`)
CONTENT_CASES = [
    ("link-to-dev-zero", lambda r: os.symlink("/dev/zero", r / "content/documents/zero.yaml"),
     "content/documents/zero.yaml:1:1: is a link to a file outside content/; refusing to read it\n"
     "    hint: copy the file into content/ instead of linking to it\n" + STOPPED),
    ("link-to-etc-passwd", lambda r: os.symlink("/etc/passwd", r / "content/documents/passwd.yaml"),
     "content/documents/passwd.yaml:1:1: is a link to a file outside content/; refusing to read it\n"
     "    hint: copy the file into content/ instead of linking to it\n" + STOPPED),
    ("link-inside-to-dev-zero", lambda r: (os.symlink("/dev/zero", r / "content/zero"),
                                           os.symlink("../zero", r / "content/documents/zero.yaml")),
     "content/documents/zero.yaml:1:1: is a link to a file outside content/; refusing to read it\n"
     "    hint: copy the file into content/ instead of linking to it\n"
     "content/zero:1:1: warning: not a YAML file\n"
     "    hint: content/ holds only .yaml files\n"
     "Stopped: 1 error in 1 file, 1 warning. Nothing was written."),
    ("link-loop", lambda r: (os.symlink("b.yaml", r / "content/documents/a.yaml"),
                             os.symlink("a.yaml", r / "content/documents/b.yaml")),
     "content/documents/a.yaml:1:1: is a link that leads round in a circle; refusing to read it\n"
     "    hint: point the link at a file, or replace it by the file\n"
     "content/documents/b.yaml:1:1: is a link that leads round in a circle; refusing to read it\n"
     "    hint: point the link at a file, or replace it by the file\n"
     "Stopped: 2 errors in 2 files. Nothing was written."),
    ("fifo", lambda r: os.mkfifo(r / "content/documents/pipe.yaml"),
     "content/documents/pipe.yaml:1:1: is a named pipe (FIFO), not a regular file; refusing to read it\n" + STOPPED),
    ("raw-nul-byte", lambda r: edit_bytes(r, "测试区2030", b"\x00"),
     f"{DOC}:7:15: control character U+0000 is not allowed in a YAML file\n"
     "    hint: delete it; it is invisible in most editors\n" + STOPPED),
    ("raw-del-byte", lambda r: edit_bytes(r, "测试区2030", b"\x7f"),
     f"{DOC}:7:15: control character U+007F is not allowed in a YAML file\n"
     "    hint: delete it; it is invisible in most editors\n" + STOPPED),
    ("escaped-del-in-title", lambda r: edit(r, TITLE, 'title: {zh: "关于\\x7f测试"'),
     f"{DOC}:7:9: title.zh: control character U+007F at character 3 of the text\n"
     "    hint: delete it (it is invisible in most editors); write a line break as a new line\n" + STOPPED),
    ("escaped-c1-in-title", lambda r: edit(r, TITLE, 'title: {zh: "关于\\x9b测试"'),
     f"{DOC}:7:9: title.zh: control character U+009B at character 3 of the text\n"
     "    hint: delete it (it is invisible in most editors); write a line break as a new line\n" + STOPPED),
    ("escaped-nul-in-title", lambda r: edit(r, TITLE, 'title: {zh: "关于\\0测试"'),
     f"{DOC}:7:9: title.zh: control character U+0000 at character 3 of the text\n"
     "    hint: delete it (it is invisible in most editors); write a line break as a new line\n" + STOPPED),
    ("value-1e40-yi-yuan", lambda r: edit(r, GROWTH, "value: 1.0e+40, unit: 亿元, qualifiers"),
     f"{DOC}:16:59: figures[0].value: '1.0e+40' is out of range\n"
     "    hint: write the number as the source prints it, e.g. 560 or 3.5\n" + STOPPED),
    ("value-1e100000000", lambda r: edit(r, GROWTH, "value: 1.0e+100000000, unit: 亿元, qualifiers"),
     f"{DOC}:16:59: figures[0].value: '1.0e+100000000' is out of range\n"
     "    hint: write the number as the source prints it, e.g. 560 or 3.5\n" + STOPPED),
    ("value-1e20-yi-yuan", lambda r: edit(r, GROWTH, "value: 1.0e+20, unit: 亿元, qualifiers"),
     f"{DOC}:16:52: figures[0].value: 1.0e+20 is out of range (at most 1e+15 in absolute value)\n"
     "    hint: check the number against the quote; write it in the unit the source uses\n" + STOPPED),
    ("value-times-factor", lambda r: (
        edit(r, GROWTH, "value: 900000000000000, unit: 兆元, qualifiers"),
        edit(r, "units:\n", "units:\n  - id: 兆元\n    name: {zh: 兆元, en: yuan}\n    factor: 1.0e+12\n",
             "content/indicators.yaml")),
     f"{DOC}:16:52: figures[0].value: 900000000000000 兆元 is out of range (at most 1e+24 in base units)\n"
     "    hint: check the number and its unit against the quote\n" + STOPPED),
    ("growth-huge", lambda r: edit(r, GROWTH, "growth: 12345678, qualifiers"),
     f"{DOC}:16:52: figures[0].growth: 12345678 is out of range (at most 1e+6 in absolute value)\n"
     "    hint: check the number against the quote; write it in the unit the source uses\n" + STOPPED),
    ("growth-many-decimals", lambda r: edit(r, GROWTH, "growth: 6.12345678, qualifiers"),
     f"{DOC}:16:52: figures[0].growth: 6.12345678 has more than 6 decimals\n"
     "    hint: write the number as the source prints it\n" + STOPPED),
    ("factor-1e400", lambda r: edit(r, "factor: 100000000", "factor: 1.0e+400", "content/indicators.yaml"),
     "content/indicators.yaml:7:48: units[0].factor: '1.0e+400' is out of range\n"
     "    hint: write the number as the source prints it, e.g. 560 or 3.5\n" + STOPPED),
    ("factor-1e20", lambda r: edit(r, "factor: 100000000", "factor: 1.0e+20", "content/indicators.yaml"),
     "content/indicators.yaml:7:40: units[0].factor: factor 1.0e+20 is out of range (1e-12 to 1e+12)\n"
     "    hint: the multiplier to the base unit, e.g. 1e8 for 亿元\n" + STOPPED),
    ("region-own-parent", lambda r: edit(r, "parent: fuzhou", "parent: taijiang", "content/regions.yaml"),
     "content/regions.yaml:13:5: regions[1].parent: region 'taijiang' is its own parent\n"
     "    hint: remove `parent:`, or name the region it belongs to\n" + STOPPED),
    ("region-parent-loop", lambda r: edit(r, "level: city", "level: city\n    parent: cangshan", "content/regions.yaml"),
     "content/regions.yaml:7:5: regions[0].parent: parents form a loop: fuzhou → cangshan → fuzhou\n"
     "    hint: a region's parent must lead up to a region without a parent\n"
     "content/regions.yaml:18:5: regions[2].parent: parents form a loop: cangshan → fuzhou → cangshan\n"
     "    hint: a region's parent must lead up to a region without a parent\n"
     "Stopped: 2 errors in 1 file. Nothing was written."),
    ("documents-missing", lambda r: shutil.rmtree(r / "content/documents"),
     "content/documents:1:1: folder is missing; a portal needs documents\n"
     "    hint: put each document in content/documents/<id>.yaml\n" + STOPPED),
    ("documents-is-a-file", lambda r: (shutil.rmtree(r / "content/documents"), (r / "content/documents").write_text("x")),
     "content/documents:1:1: is a file; expected a folder of documents\n"
     "    hint: move it away and put each document in content/documents/<id>.yaml\n" + STOPPED),
    ("documents-empty", lambda r: (r / DOC).unlink(),
     "content/documents:1:1: holds no documents (.yaml files)\n"
     "    hint: put each document in content/documents/<id>.yaml\n" + STOPPED),
    # Cases that already held before this corpus; kept so that they keep holding.
    ("alias-bomb", lambda r: shutil.copy(HOSTILE / "alias-bomb.yaml", r / DOC),
     f"{DOC}:2:16: file expands to more than 500,000 YAML nodes\n"
     "    hint: aliases (*name) may be nested too deeply; write the data out plainly\n" + STOPPED),
    ("deep-nesting", lambda r: shutil.copy(HOSTILE / "deep-nesting.yaml", r / DOC),
     f"{DOC}:2:64: nested more than 60 levels deep\n" + STOPPED),
    ("deeper-than-the-parser", lambda r: (r / DOC).write_text("a: " + "[" * 5000 + "]" * 5000 + "\n"),
     f"{DOC}:1:1: YAML nested more than the parser can follow\n"
     "    hint: content nests a few levels deep; the limit is 60\n" + STOPPED),
    ("python-tag", lambda r: shutil.copy(HOSTILE / "python-tag.yaml", r / DOC),
     f"{DOC}:2:5: id: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
     "    hint: tags such as !!python/... are not allowed in content files\n" + STOPPED),
    ("utf-16", lambda r: (r / DOC).write_bytes((r / DOC).read_text(encoding="utf-8").encode("utf-16")),
     f"{DOC}:1:1: file is not UTF-8 text\n    hint: save the file as UTF-8\n" + STOPPED),
    ("gb18030", lambda r: (r / DOC).write_bytes((r / DOC).read_text(encoding="utf-8").encode("gb18030")),
     f"{DOC}:7:1: file is not UTF-8 text\n    hint: save the file as UTF-8\n" + STOPPED),
    ("too-large", lambda r: (r / DOC).write_bytes(b"x: " + b"a" * 5_000_001 + b"\n"),
     f"{DOC}:1:1: file is 5,000,005 bytes; the limit is 5,000,000\n"
     "    hint: split the document, or check that this is the file you meant\n" + STOPPED),
]


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("case, make, expected", CONTENT_CASES, ids=[c[0] for c in CONTENT_CASES])
def test_hostile_content_is_refused_with_one_located_message(project, previous_site, case, make, expected, command):
    make(project.root)
    before = snapshot(project.root)
    result = run(project, command)
    assert (result.exit_code, result.output) == (1, expected + "\n")
    assert snapshot(project.root) == before
    assert not project.build_dir.exists()


def test_injection_in_every_text_field_is_shown_as_text(project):
    shutil.copy(HOSTILE / "injection.yaml", project.root / DOC)
    before = snapshot(project.root)
    assert run(project, "build").exit_code == 0
    assert {k: v for k, v in snapshot(project.root).items() if k.startswith("content")} == \
        {k: v for k, v in before.items() if k.startswith("content")}
    for page in project.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attack in ("<script>alert", "<img src=x", "<iframe", "<svg onload", "<svg/onload", "<b onmouseover",
                       "<style>body", "<i>一、</i>", "<b>专栏1</b>"):
            assert attack not in html, f"{page.relative_to(project.site_dir)}: {attack}"
        assert not re.search(r"<[a-z]+\s[^<>]*(?:\son[a-z]+=|href=\"javascript:)", html), page


# --- build: outputs that are not what they should be -------------------------------------


@pytest.mark.parametrize("name", ["site", "build"])
def test_output_path_that_is_a_file_is_one_line(project, name):
    (project.root / name).write_text("not a folder")
    before = snapshot(project.root)
    result = run(project, "build")
    assert (result.exit_code, result.output) == (
        1, f"Error: {project.root / name}: is a file, not a folder; move it away so the build can write its output there\n")
    assert snapshot(project.root) == before
    assert (project.root / name).read_text() == "not a folder"


def test_a_second_build_at_once_is_refused(project, previous_site):
    before = snapshot(project.root)
    with build_lock(project.build_dir, project.site_dir):
        result = run(project, "build")
    assert (result.exit_code, result.output) == (
        1, f"Error: {project.build_dir}: another build is writing it (pid {os.getpid()}); "
           "wait for it to finish (or stop `portal serve`), then build again\n")
    assert snapshot(project.root) == before


def test_full_disk_is_one_line_and_keeps_the_site(project, previous_site, monkeypatch):
    """ENOSPC while MkDocs copies the theme: monkeypatched, so that it runs anywhere."""
    import shutil as shutil_module

    real_copyfile = shutil_module.copyfile

    def full(src, dst, *args, **kwargs):
        if str(dst).endswith(".js"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src), None, str(dst))
        return real_copyfile(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil_module, "copyfile", full)
    before = snapshot(project.root)
    result = run(project, "build")
    assert result.exit_code == 1
    # progress lines (printed in CI, "[  0.4 s] drawing 8 charts") come before; the error is one line
    lines = [line for line in result.output.splitlines() if not re.match(r"\[\s*\d+\.\d s\] ", line)]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {project.site_dir}/")
    assert lines[0].endswith(f".js: cannot write: No space left on device; {project.site_dir} was left as it was")
    assert snapshot(project.root) == before
    assert not [p for p in project.root.iterdir() if p.name.startswith(".site-")]


def _tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_full_disk_on_a_real_tiny_file_system(project, tmp_path):
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "3m"):
        pytest.skip("cannot mount a tmpfs here (needs root on Linux); the monkeypatched test covers ENOSPC")
    try:
        (disk / "site").mkdir()
        (disk / "site" / GENERATED_MARK).write_text("old\n")
        (disk / "site" / "index.html").write_text("old site\n")
        project.build_dir, project.site_dir = disk / "build", disk / "site"
        with pytest.raises(BuildError) as err:
            build_site(project)
        message = str(err.value)
        assert "\n" not in message and "No space left on device" in message
        assert message.startswith(f"{disk}/") and message.endswith(f"{disk / 'site'} was left as it was")
        assert (disk / "site" / "index.html").read_text() == "old site\n"
        assert sorted(p.name for p in disk.iterdir() if p.name.startswith(".site-")) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# --- build: killed, concurrent, linked ----------------------------------------------------


def test_kill_during_build_keeps_the_site_and_the_next_build_cleans_up(project):
    build_site(project)
    old = (project.site_dir / "index.html").read_bytes()
    write_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(project.root), "build"],
                            env=write_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(project.root.glob(".site-staging-*/assets")):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of MkDocs writing the new site
    proc.wait()
    assert (project.site_dir / "index.html").read_bytes() == old
    assert list(project.root.glob(".site-staging-*")), "the kill should have left a staging folder"
    build_site(project)
    assert not [p.name for p in project.root.iterdir() if p.name.startswith((".site-", ".build-"))]
    assert (project.site_dir / GENERATED_MARK).exists()


def test_a_kill_between_the_two_renames_is_repaired(tmp_path):
    """Where the system cannot exchange folders, the swap is two renames; a kill between them is undone."""
    site = tmp_path / "site"
    old = tmp_path / ".site-old-4242"
    old.mkdir()
    (old / GENERATED_MARK).write_text("x")
    (old / "index.html").write_text("previous")
    (tmp_path / ".site-staging-abcd1234").mkdir()
    clean_leftovers(site)
    assert (site / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_exchanges_the_folders(tmp_path):
    site, new = tmp_path / "site", tmp_path / ".site-staging-x"
    site.mkdir()
    (site / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    swap_in(new, site)
    assert (site / "a").read_text() == "new" and not new.exists()


def test_swap_falls_back_to_renames_where_folders_cannot_be_exchanged(tmp_path, monkeypatch):
    import generator.write as write

    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    site, new = tmp_path / "site", tmp_path / ".site-staging-x"
    site.mkdir()
    (site / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    swap_in(new, site)
    assert (site / "a").read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_symlinked_site_keeps_its_link_and_replaces_the_target(project, tmp_path):
    webroot = tmp_path / "www" / "portal"
    webroot.mkdir(parents=True)
    (webroot / GENERATED_MARK).write_text("x")
    (webroot / "stale.html").write_text("stale")
    project.site_dir.symlink_to(webroot)
    build_site(project)
    assert project.site_dir.is_symlink() and project.site_dir.resolve() == webroot.resolve()
    assert (webroot / "index.html").is_file() and not (webroot / "stale.html").exists()
    assert not [p.name for p in webroot.parent.iterdir() if p.name != "portal" and not p.name.endswith(".lock")]


def test_outputs_have_ordinary_permissions_and_leftovers_are_ignored_by_git(project):
    umask = os.umask(0o022)
    try:
        build_site(project)
    finally:
        os.umask(umask)
    for folder in (project.site_dir, project.build_dir, project.site_dir / "en"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", ".site-staging-abcd1234/",
                              ".site-old-123/", ".build-staging-x1/", ".site.lock", ".build.lock"],
                             capture_output=True, text=True)
    assert len(ignored.stdout.split()) == 5, ignored.stdout


# --- import ---------------------------------------------------------------------------------


def _import(project, source, *extra):
    return run(project, "import", str(source), "--region", "cangshan", "--kind", "annual-report",
               "--id", "cangshan-report-2099", *extra)


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "link-to-dev-zero"])
def test_import_refuses_what_is_not_a_regular_file(project, tmp_path, kind):
    source = {"dev-zero": Path("/dev/zero"), "fifo": tmp_path / "pipe.txt", "link-to-dev-zero": tmp_path / "zero.txt"}[kind]
    if kind == "fifo":
        os.mkfifo(source)
    if kind == "link-to-dev-zero":
        source.symlink_to("/dev/zero")
    what = "a named pipe (FIFO)" if kind == "fifo" else "a character device"
    before = snapshot(project.root)
    result = _import(project, source)
    assert (result.exit_code, result.output) == (1, f"Error: {source}: is {what}, not a regular file; refusing to read it\n")
    assert snapshot(project.root) == before


def test_import_into_a_folder_it_cannot_write_is_one_line(project, tmp_path, monkeypatch):
    """A read-only folder (simulated: the tests may run as root, whom chmod does not stop)."""
    import generator.importer.draft as draft

    def refused(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))

    monkeypatch.setattr(draft.tempfile, "mkstemp", refused)
    out = tmp_path / "ro" / "draft.yaml"
    out.parent.mkdir()
    before = snapshot(project.root)
    result = _import(project, ROOT / "sources/cangshan-report-2022.txt", "--out", str(out))
    assert (result.exit_code, result.output) == (
        1, f"Error: {out}: cannot write the draft: Permission denied; nothing was written\n")
    assert snapshot(project.root) == before and not out.exists()


def test_import_never_writes_a_draft_the_loader_refuses(project, tmp_path, monkeypatch):
    import generator.load

    import yaml

    catalogue = project.content_dir / "indicators.yaml"  # a small catalogue, so that only the draft is over the limit
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    data["indicators"] = data["indicators"][:20]
    catalogue.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(generator.load, "MAX_FILE_BYTES", 20_000)
    out = tmp_path / "draft.yaml"
    source = ROOT / "sources/cangshan-report-2022.txt"
    result = _import(project, source, "--out", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert result.output.startswith(f"Error: {source}: the draft would be ")
    assert result.output.endswith(" MB, over the 0 MB a content file may hold; split the source into one file per "
                                  "document (nothing was written)\n")


# --- open data ------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, written", [
    ('=HYPERLINK("http://evil/","x")', '\'=HYPERLINK("http://evil/","x")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("-6.1", "-6.1"),  # a real negative number stays a number
    ("+5", "+5"),
    ("−24.7%", "−24.7%"),  # a Chinese text minus is text to a spreadsheet already
    ("地区生产总值", "地区生产总值"),
])
def test_csv_cells_never_start_a_formula(cell, written):
    assert spreadsheet_safe(cell) == written
    if "\r" in cell:
        return  # validation refuses carriage returns in content; the CSV is written with \n line ends
    columns = dataset_columns(TEMPLATES_DIR)["figures"]
    record = {column.name: None for column in columns}
    text = to_csv([{**record, "quote_zh": cell, "text_en": cell}], columns)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert (rows[0]["quote_zh"], rows[0]["text_en"]) == (written, written)


def test_csv_download_neutralises_every_formula_cell(built_site):
    for path in built_site.site_dir.glob("documents/*/data.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        for row in rows[1:]:
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    float(cell)  # only plain numbers may start so


def test_merging_figure_candidates_is_linear():
    """The importer used to compare each unmatched candidate with every one kept before it (71 s for 2 MB)."""
    from generator.importer.candidates import Candidate
    from generator.importer.figures import _merge

    reads = {"name": 0}

    class Counted(Candidate):
        def __getattribute__(self, attr):
            if attr == "name":
                reads["name"] += 1
            return object.__getattribute__(self, attr)

    n = 3000
    found = [Counted(name=f"名称{i}值", quote=f"名称{i}值增长{i}%", line=i, year=2030, kind="estimate") for i in range(n)]
    found += found[:10]  # the same words read twice are one candidate
    merged = _merge(found, [])
    assert len(merged) == n
    assert reads["name"] <= 3 * len(found), f"{reads['name']:,} reads of a name for {len(found):,} candidates"


@pytest.mark.parametrize("rel", ["../escaped.md", "md/zh/../../../escaped.md", "/tmp/escaped.md", "md\\..\\x.md"])
def test_a_generated_path_that_climbs_out_is_refused_and_nothing_is_written(tmp_path, rel):
    from generator.write import write_tree

    out = tmp_path / "build"
    with pytest.raises(BuildError, match="refusing to write outside the output folder"):
        write_tree({"md/zh/index.md": "# ok\n", rel: "escaped\n"}, out)
    assert not out.exists() and not list(tmp_path.rglob("escaped.md"))
