"""Stage 4, write: put the generated tree on disk, all at once or not at all.

Input: {relative path: text or bytes}. Output: a folder. The new tree is
written beside the target and swapped in, so a failed build leaves the
previous output untouched. Refuses output folders that overlap the sources
(as mkdocs' SiteDir check does).

What a killed or concurrent build must never do, and how:

- publish a mix of two builds: `build_lock` lets one build at a time write a
  project's build/ and site/ (`portal serve` and `portal build` share build/);
- leave no site/: the swap is one atomic exchange of the two folders
  (Linux renameat2 RENAME_EXCHANGE); where the system has none, two renames,
  and the next build puts back a site/ a kill left missing;
- leave litter: staging and old folders carry distinctive names
  (`.site-staging-*`, `.site-old-*`) and the next build removes them;
- replace a symlinked site/ (one pointing into a web root) by a folder: the
  folder the link points at is replaced, the link stays;
- make a private folder: staging folders get ordinary permissions (umask), so
  a copy to a web server stays readable.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.errors import BuildError

GENERATED_MARK = ".portal-generated"
_STAGING, _OLD = "staging", "old"


def check_output_dir(out_dir: Path, protected: list[Path]) -> None:
    """Refuse to write into, or over, a folder that holds sources, or a path that is a file."""
    out = out_dir.resolve()
    for folder in protected:
        src = folder.resolve()
        if out == src or src.is_relative_to(out) or out.is_relative_to(src):
            raise BuildError(f"output folder {out_dir} overlaps {folder}; choose a folder outside it")
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out_dir}: is a file, not a folder; move it away so the build can write its output there")
    if out.exists() and any(out.iterdir()) and not (out / GENERATED_MARK).exists():
        raise BuildError(f"output folder {out_dir} exists and was not made by the portal; refusing to replace it")


def write_tree(files: dict[str, str | bytes], out_dir: Path, protected: list[Path] = ()) -> None:
    """Write every file under a fresh folder, then swap it in for `out_dir`."""
    check_output_dir(out_dir, list(protected))
    staging = make_staging(out_dir)
    made: set[Path] = set()
    try:
        for rel, content in sorted(files.items()):
            # The folder is new and holds no links, so a path stays inside it unless it climbs out
            # by name (resolving every one of 24,000 paths on disk took seconds).
            parts = PurePosixPath(rel).parts
            if not parts or rel.startswith("/") or "\\" in rel or ".." in parts:
                raise BuildError(f"refusing to write outside the output folder: {rel}")
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            try:
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            except OSError as exc:
                raise BuildError(f"{out_dir}/{rel}: cannot write: {exc.strerror}; "
                                 f"{out_dir} was left as it was") from None
        (staging / GENERATED_MARK).write_text("made by `portal build`; replaced on every build\n")
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def sync_tree(files: dict[str, str | bytes], out_dir: Path, previous: dict[str, str | bytes] | None = None) -> list[str]:
    """Bring `out_dir` (build/, for the preview) to `files` in place: write only what changed, remove what is gone.

    Unchanged files keep their modification time, which is how MkDocs' dirty
    build knows what to skip. `previous` is the tree written last time (else
    the files on disk are compared). Returns the paths written, sorted.
    """
    written = []
    for rel, content in sorted(files.items()):
        data = _bytes(content)
        if previous is not None and rel in previous:
            if _bytes(previous[rel]) == data and (out_dir / rel).exists():
                continue
        elif _same_on_disk(out_dir / rel, data):
            continue
        _write_file(out_dir, rel, data)
        written.append(rel)
    keep = set(files) | {GENERATED_MARK}
    for path in sorted(out_dir.rglob("*")):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
    return written


def update_files(files: dict[str, str | bytes], out_dir: Path) -> list[str]:
    """Write those of `files` whose bytes differ from what `out_dir` holds; every other file is left alone
    (the preview's local edits). Returns the paths written, sorted."""
    written = []
    for rel, content in sorted(files.items()):
        data = _bytes(content)
        if not _same_on_disk(out_dir / rel, data):
            _write_file(out_dir, rel, data)
            written.append(rel)
    return written


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _same_on_disk(target: Path, data: bytes) -> bool:
    return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data


def _write_file(out_dir: Path, rel: str, data: bytes) -> None:
    """One file, through a temporary name: a reader (MkDocs, the server) never sees half of it."""
    target = out_dir / rel
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise BuildError(f"refusing to write outside the output folder: {rel}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def real_dir(out_dir: Path) -> Path:
    """Where `out_dir`'s files really go: the folder a symlinked site/ points at, else `out_dir`."""
    return out_dir.resolve() if out_dir.is_symlink() else out_dir


def make_staging(out_dir: Path) -> Path:
    """A fresh folder beside (the real) `out_dir`, on the same file system, with ordinary permissions."""
    target = real_dir(out_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-{_STAGING}-", dir=target.parent))
    except OSError as exc:
        raise BuildError(f"{target.parent}: cannot create the build's working folder: {exc.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it 0700: a web server could not read the copy
    return staging


def clean_leftovers(out_dir: Path) -> None:
    """Remove what killed builds left beside `out_dir`; put back an out_dir a kill mid-swap left missing.

    Call with the build lock held: no other build's folders can be in use then.
    """
    target = real_dir(out_dir)
    if not target.parent.is_dir():
        return
    pattern = re.compile(rf"^\.{re.escape(target.name)}-(?:{_STAGING}-[A-Za-z0-9_]+|{_OLD}-\d+)$")
    leftovers = sorted(p for p in target.parent.iterdir() if pattern.match(p.name) and p.is_dir() and not p.is_symlink())
    if not target.exists():
        # A kill between the two renames of the fallback swap: the previous output is the old one.
        olds = [p for p in leftovers if f"-{_OLD}-" in p.name and (p / GENERATED_MARK).exists()]
        if olds:
            olds[-1].rename(target)
            leftovers.remove(olds[-1])
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(new_dir: Path, out_dir: Path) -> None:
    """Replace (the real) `out_dir` with `new_dir`; at every instant one of the two is at `out_dir`."""
    target = real_dir(out_dir)
    if target.exists() and _exchange(new_dir, target):
        shutil.rmtree(new_dir, ignore_errors=True)  # it now holds the previous output
        return
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-{_OLD}-{os.getpid()}")
        target.rename(old)
    new_dir.rename(target)  # a kill before this line is repaired by clean_leftovers
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system without exchange: fall back to renames
    raise OSError(code, os.strerror(code), str(b))


# The lock files this process holds; a forked worker closes its copies (`release_inherited_locks`).
_held_locks: list = []


def release_inherited_locks() -> None:
    """In a forked worker: let go of the parent's build locks, so a killed build's workers never hold them."""
    for handle in _held_locks:
        handle.close()
    _held_locks.clear()


@contextmanager
def build_lock(*out_dirs: Path):
    """Hold the lock of each output folder (a `.NAME.lock` file beside it) or fail at once, saying who holds it."""
    handles = []
    try:
        for out_dir in sorted({real_dir(d) for d in out_dirs}):
            lock = out_dir.with_name(f".{out_dir.name}.lock")
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                handle = open(lock, "a+")
            except OSError as exc:
                raise BuildError(f"{lock}: cannot create the build lock: {exc.strerror}") from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                handle.close()
                raise BuildError(f"{out_dir}: another build is writing it ({holder}); "
                                 "wait for it to finish (or stop `portal serve`), then build again") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}\n")
            handle.flush()
            handles.append(handle)
            _held_locks.append(handle)
        yield
    finally:
        for handle in handles:
            handle.close()
            if handle in _held_locks:
                _held_locks.remove(handle)

