"""Errors and problems users see.

Every content problem is a `Problem` that knows its file, line, column and field
path, so that it prints as ``content/FILE.yaml:LINE:COL: field.path: message``.
Stages collect problems instead of raising on the first one; the build stops
once, with all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


class PortalError(Exception):
    """Base of every error the CLI turns into a message and an exit code."""


class ContentError(PortalError):
    """The content has problems; `problems` holds every one found."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        super().__init__(summarize(problems))


class BuildError(PortalError):
    """The site could not be built (MkDocs failed, output folder unsafe...)."""


class ImportSourceError(PortalError):
    """A source text cannot be imported (empty, binary, too large, no structure)."""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: Optional[str] = None
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.severity == "warning":
            text = f"{where}: warning: {self.field}: {self.message}" if self.field else f"{where}: warning: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def summarize(problems: list[Problem]) -> str:
    """'3 errors in 2 files' (warnings counted apart)."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    parts = []
    if errors:
        files = len({p.file for p in errors})
        parts.append(f"{_plural(len(errors), 'error')} in {_plural(files, 'file')}")
    if warnings:
        parts.append(_plural(len(warnings), "warning"))
    return ", ".join(parts) or "no problems"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
