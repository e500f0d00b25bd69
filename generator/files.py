"""Reading input files without trusting them: regular files only, never more than a limit.

Stage: none (a helper of load.py and the importer's source.py). Input: a path
and a byte limit. Output: the bytes, or `FileRefusedError` saying why not.

A size check on `stat().st_size` is not enough: it is 0 for /dev/zero, which
then reads for ever, and opening a FIFO blocks until someone writes to it. So
the file is opened without blocking, checked on the open descriptor (no race
with a rename), and read through a bounded loop. It prints nothing it reads.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


class FileRefusedError(Exception):
    """The path cannot be read as an input file; the message says why, without the path."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes (links are followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefusedError(f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError(f"is {_kind(info.st_mode)}, not a regular file; refusing to read it")
        if info.st_size > limit:
            raise FileRefusedError(f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefusedError(f"file is more than {limit:,} bytes; the limit is {limit:,}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefusedError(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


def outside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, lies outside `folder` (a link out of content/, say)."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links: not inside anything
        return True


def link_loop(path: Path) -> bool:
    """Whether following `path`'s links goes round in a circle."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"
