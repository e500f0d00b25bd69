"""Importer, stage 0: read a source file and decode it.

Input: a path to the text extracted from a published PDF. Output: a
`SourceText` holding the decoded text and the encoding that was used. It
refuses, with a message an editor can act on, files that are empty, binary,
too large or not text in any encoding we know. It does not look at structure.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ImportSourceError
from generator.files import FileRefusedError, read_regular_file

# A plan's extracted text is 25–110 kB; 10 MB leaves room for a whole year of
# reports in one file while refusing a misnamed PDF scan or a database dump
# before we spend time on it.
MAX_BYTES = 10 * 1024 * 1024

# Encodings we try, in order. GB18030 is a superset of GBK and GB2312, the
# encodings older Chinese government sites still publish text in.
_ENCODINGS = ("utf-8", "gb18030")


@dataclass(frozen=True)
class SourceText:
    """The decoded text of a source file and how it was decoded."""

    path: Path
    text: str
    encoding: str
    size: int


def read_source(path: str | os.PathLike) -> SourceText:
    """Read and decode ``path``; raise `ImportSourceError` if it cannot be a source text."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportSourceError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportSourceError(f"{path}: cannot read: {exc.strerror}") from None
    if path.is_dir():
        raise ImportSourceError(f"{path}: is a folder; give the .txt file extracted from the PDF")
    if size > MAX_BYTES:
        raise ImportSourceError(
            f"{path}: file is {size / 1024 / 1024:.1f} MB; the importer reads at most "
            f"{MAX_BYTES // 1024 // 1024} MB (a plan's extracted text is well under 1 MB). "
            "Check that this is the right file, or split it into one file per document."
        )
    try:
        data = read_regular_file(path, MAX_BYTES)  # /dev/zero or a FIFO: refused, never read for ever
    except FileRefusedError as exc:
        raise ImportSourceError(f"{path}: {exc}") from None
    text, encoding = _decode(path, data)
    if not text.strip():
        raise ImportSourceError(f"{path}: file is empty; expected the text extracted from a plan or report")
    return SourceText(path=path, text=text, encoding=encoding, size=size)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode ``data``, refusing binary files; return the text and the encoding used."""
    if data.startswith(b"%PDF-"):
        raise ImportSourceError(
            f"{path}: this is a PDF, not text; extract its text first (e.g. `pdftotext -layout file.pdf`)"
        )
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ImportSourceError(f"{path}: starts with a {name} byte-order mark but is not valid {name} ({exc.reason} at byte {exc.start})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportSourceError(
            f"{path}: looks like a binary file (NUL byte at offset {nul}); expected plain text extracted from a PDF"
        )
    for name in _ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0.01:
            raise ImportSourceError(
                f"{path}: looks like a binary file (too many control characters); expected plain text extracted from a PDF"
            )
        return text, name
    raise ImportSourceError(
        f"{path}: is neither UTF-8 nor GB18030/GBK text; re-save it as UTF-8 (or check that it is a text file)"
    )


def _control_share(text: str) -> float:
    """Share of characters that are control codes other than tab, newline, CR and form feed."""
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(text)
