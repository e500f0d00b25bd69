"""Stage 4, write: put the generated tree on disk, all at once or not at all.

Input: {relative path: text or bytes}. Output: a folder. The new tree is
written beside the target and swapped in with renames, so a failed build
leaves the previous output untouched. Refuses output folders that overlap
the sources (as mkdocs' SiteDir check does).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import BuildError

GENERATED_MARK = ".portal-generated"


def check_output_dir(out_dir: Path, protected: list[Path]) -> None:
    """Refuse to write into, or over, a folder that holds sources."""
    out = out_dir.resolve()
    for folder in protected:
        src = folder.resolve()
        if out == src or src.is_relative_to(out) or out.is_relative_to(src):
            raise BuildError(f"output folder {out_dir} overlaps {folder}; choose a folder outside it")
    if out.exists() and any(out.iterdir()) and not (out / GENERATED_MARK).exists():
        raise BuildError(f"output folder {out_dir} exists and was not made by the portal; refusing to replace it")


def write_tree(files: dict[str, str | bytes], out_dir: Path, protected: list[Path] = ()) -> None:
    """Write every file under a fresh folder, then swap it in for `out_dir`."""
    check_output_dir(out_dir, list(protected))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for rel, content in sorted(files.items()):
            target = staging / rel
            if not target.resolve().is_relative_to(staging.resolve()):
                raise BuildError(f"refusing to write outside the output folder: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        (staging / GENERATED_MARK).write_text("made by `portal build`; replaced on every build\n")
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(new_dir: Path, out_dir: Path) -> None:
    """Replace `out_dir` with `new_dir` by renames (the old one is removed after)."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        out_dir.rename(old)
    new_dir.rename(out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
