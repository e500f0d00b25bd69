"""The editor's guide (docs/*/editing.md), run step by step on a copy of the project, so it cannot drift from the tool.

The guide's `sh` blocks run in order (with .venv/bin on the path, as after
`. .venv/bin/activate`); a `text` block after one lists lines its output must
contain; a block whose first line is `# mistake` (`# 错误` in Chinese) must fail. HTML comments make
the edits the prose describes: `<!-- edit FILE: "old" -> "new" -->` (add
`(last)` for the last occurrence) and `<!-- append FILE -->` before a `yaml`
block. `portal serve` is started on a free port, asked for the page, and
stopped. The copy is a git repository whose `origin` is a local bare one, so
that the publishing step's `git push` runs too. `shell` blocks are shown, not run.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUIDE = ROOT / "docs/en/editing.md"
_BLOCK = re.compile(r"```(?P<lang>\w*)\n(?P<body>.*?)```|<!-- (?P<marker>(?:edit|append) [^\n]*?) -->", re.S)
_EDIT = re.compile(r'edit (?P<file>\S+): "(?P<old>.*?)" -> "(?P<new>.*?)"(?P<last> \(last\))?$', re.S)


def steps(text: str) -> list[tuple]:
    """The guide as a list of ("run", commands, mistake, expected) / ("edit", ...) / ("append", file, text)."""
    out: list[tuple] = []
    pending_append = None
    for m in _BLOCK.finditer(text):
        if m.group("marker"):
            marker = m.group("marker")
            if marker.startswith("append "):
                pending_append = marker.split(" ", 1)[1].strip()
            else:
                e = _EDIT.match(marker)
                assert e, marker
                unescape = lambda s: s.replace("\\n", "\n")  # noqa: E731
                out.append(("edit", e.group("file"), unescape(e.group("old")), unescape(e.group("new")), bool(e.group("last"))))
            continue
        lang, body = m.group("lang"), m.group("body")
        if lang == "yaml" and pending_append:
            out.append(("append", pending_append, body))
            pending_append = None
        elif lang == "sh":
            out.append(["run", body, body.startswith(("# mistake", "# 错误")), []])
        elif lang == "text" and out and out[-1][0] == "run":
            out[-1][3] = [line.strip() for line in body.splitlines() if line.strip()]
    return out


def _copy_project(into: Path) -> None:
    for folder in ("content", "docs", "sources", "site_templates", "schema"):
        shutil.copytree(ROOT / folder, into / folder)
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy(ROOT / name, into / name)
    shutil.copytree(ROOT / ".cache", into / ".cache", ignore=shutil.ignore_patterns("preview"))
    # Step 1 of the guide, "save the extracted text": next year's report, made from this year's.
    text = (ROOT / "sources/taijiang-report-2024.txt").read_text(encoding="utf-8")
    text = text.replace("2025", "\0").replace("2024", "2025").replace("\0", "2026")
    (into / "sources/taijiang-report-2025.txt").write_text(text, encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(root: Path, env: dict) -> str:
    port = _free_port()
    proc = subprocess.Popen(["portal", "serve", "--port", str(port)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/documents/taijiang-report-2025/") as r:
                    return r.read().decode("utf-8")
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"portal serve stopped: {proc.stdout.read()}")
                time.sleep(0.5)
        pytest.fail("portal serve did not answer")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_guide_runs_as_written(tmp_path):
    root, bare = tmp_path / "portal", tmp_path / "origin.git"
    root.mkdir()
    _copy_project(root)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    env.pop("SITE_URL", None)
    git = lambda *args: subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)  # noqa: E731
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "the project as it is")
    git("remote", "add", "origin", str(bare))
    git("push", "-q", "-u", "origin", "main")
    ran = 0
    for step in steps(GUIDE.read_text(encoding="utf-8")):
        if step[0] == "edit":
            _, name, old, new, last = step
            path = root / name
            text = path.read_text(encoding="utf-8")
            assert old in text, f"the guide edits {name}: {old!r} is not there"
            at = text.rindex(old) if last else text.index(old)
            path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
        elif step[0] == "append":
            with open(root / step[1], "a", encoding="utf-8") as fh:
                fh.write(step[2])
        else:
            _, commands, mistake, expected = step
            if commands.strip() == "portal serve":
                assert "Taijiang" in _serve(root, env)
                ran += 1
                continue
            result = subprocess.run(["bash", "-c", commands], cwd=root, env=env, capture_output=True, text=True,
                                    timeout=600)
            output = result.stdout + result.stderr
            assert (result.returncode != 0) == mistake, f"{commands}\n{output}"
            for line in expected:
                assert line in output, f"{commands}\nexpected: {line}\ngot:\n{output}"
            ran += 1
    assert ran >= 12
    pushed = subprocess.run(["git", "--git-dir", str(bare), "log", "-1", "--format=%s", "main"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert pushed == "Add Taijiang's report on the 2025 plan"


def test_both_languages_of_the_guide_give_the_same_commands_and_edits():
    en = steps(GUIDE.read_text(encoding="utf-8"))
    zh = steps((ROOT / "docs/zh/editing.md").read_text(encoding="utf-8"))
    def comparable(step):  # commands without their comments, which are in the page's language
        if step[0] != "run":
            return tuple(step)
        return ("run", [line for line in step[1].splitlines() if not line.startswith("#")], step[2])

    assert [comparable(s) for s in zh] == [comparable(s) for s in en]
