"""Progress of long work on the terminal: a bar on a TTY, plain lines elsewhere (CI logs).

Not a stage: build.py reports what it is doing (documents read, charts drawn,
pages built per language) and `portal build`/`portal serve` turn it on. Off by
default, so library calls and tests print nothing. Forked workers inherit the
setting and write to the same stderr.
"""

from __future__ import annotations

import os
import sys
import time

_state = {"on": False, "tty": False, "started": 0.0}


def enable(stream=None, lines: bool | None = None) -> None:
    """Report on `stream` (stderr): a redrawn bar when it is a terminal, else one line per step in CI.

    :param lines: report lines on a stream that is not a terminal; default: when $CI is set (GitHub
        Actions sets it), so that output captured by scripts and tests stays as it was.
    """
    stream = stream or sys.stderr
    tty = stream.isatty()
    lines = bool(os.environ.get("CI")) if lines is None else lines
    _state.update(on=tty or lines, tty=tty, stream=stream, started=time.perf_counter())


def disable() -> None:
    _state["on"] = False


def stage(message: str) -> None:
    """A step begins or ends: `message` with the seconds since progress was enabled."""
    if not _state["on"]:
        return
    line = f"[{time.perf_counter() - _state['started']:6.1f} s] {message}"
    if _state["tty"]:
        _state["stream"].write("\r\033[K" + line + "\n")
    else:
        _state["stream"].write(line + "\n")
    _state["stream"].flush()


def count(label: str, done: int, total: int) -> None:
    """`done` of `total` items: a bar redrawn in place on a terminal; a line at every quarter otherwise."""
    if not _state["on"] or total <= 0:
        return
    if _state["tty"]:
        width = 30
        filled = width * done // total
        _state["stream"].write(f"\r\033[K{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            _state["stream"].write("\n")
        _state["stream"].flush()
    elif done == total or done * 4 // total != (done - 1) * 4 // total:
        stage(f"{label}: {done}/{total}")


def summary(seconds: dict[str, float], total: float) -> str:
    """One line: the seconds of each stage, then the total (the closing line of `portal build`)."""
    parts = ", ".join(f"{name} {value:.1f}" for name, value in seconds.items())
    return f"stages (s): {parts}; total {total:.1f} s"
