"""Progress on the terminal: a bar redrawn in place on a TTY, plain lines in CI, and a closing summary."""

import io

from generator import progress


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_ci_logs_get_a_line_per_quarter_and_no_control_characters():
    log = io.StringIO()
    progress.enable(log, lines=True)
    try:
        for done in range(1, 101):
            progress.count("charts", done, 100)
    finally:
        progress.disable()
    lines = log.getvalue().splitlines()
    assert [line.split("] ")[1] for line in lines] == ["charts: 25/100", "charts: 50/100",
                                                      "charts: 75/100", "charts: 100/100"]
    assert "\r" not in log.getvalue() and "\033" not in log.getvalue()


def test_a_terminal_gets_one_bar_redrawn_in_place():
    screen = _Terminal()
    progress.enable(screen)
    try:
        for done in range(1, 5):
            progress.count("documents", done, 4)
    finally:
        progress.disable()
    text = screen.getvalue()
    assert text.count("\r") == 4 and text.count("\n") == 1
    assert text.rstrip("\n").split("\r")[-1] == "\033[Kdocuments [" + "#" * 30 + "] 4/4"


def test_nothing_is_printed_unless_enabled(capsys):
    progress.stage("validate")
    progress.count("charts", 1, 1)
    assert capsys.readouterr() == ("", "")


def test_the_summary_names_every_stage_with_its_seconds():
    line = progress.summary({"validate": 1.24, "mkdocs zh": 10.0}, 12.5)
    assert line == "stages (s): validate 1.2, mkdocs zh 10.0; total 12.5 s"


def test_output_captured_outside_ci_gets_no_progress(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    log = io.StringIO()
    progress.enable(log)
    try:
        progress.stage("validate")
    finally:
        progress.disable()
    assert log.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    progress.enable(log)
    try:
        progress.stage("validate")
    finally:
        progress.disable()
    assert log.getvalue().endswith("] validate\n")
