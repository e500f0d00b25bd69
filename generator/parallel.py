"""Work side by side on the machine's cores, with output that does not depend on it.

Not a stage: a helper of build.py. `map_forked` runs a function over a few
items in forked processes (they inherit the validated portal instead of
receiving a pickled copy) and returns the results in the items' order, so a
parallel build writes the same bytes as one that runs item after item.

A forked process must not use vl-convert when the parent has started it (its
runtime hangs in the copy): drawings go through draw.draw_svgs, which spawns.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any, Callable

# The function being mapped, where the forked children find it (lambdas cannot be pickled).
_TASK: Callable[[Any], Any] | None = None


def build_jobs(jobs: int | None = None) -> int:
    """How many processes: the argument, else $PORTAL_JOBS, else the cores this process may use."""
    if jobs is None:
        given = os.environ.get("PORTAL_JOBS", "")
        jobs = int(given) if given.isdigit() else len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    return max(1, jobs)


def map_forked(task: Callable[[Any], Any], items: list, jobs: int) -> list:
    """[task(item) for item in items], in this process and up to `jobs` - 1 forked ones; here alone when jobs is 1.

    This process takes the first item itself rather than wait: a forked child
    ends up holding its own copy of much of what it reads (the portal), and
    hands its result back through a pipe, so one child fewer is hundreds of
    megabytes less at a city's scale. An exception in a child is raised here,
    as if the call had been made in this process.
    """
    if jobs <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(item) for item in items]
    global _TASK
    _TASK = task
    # The children read the parent's objects (the validated portal) without changing them; frozen, they are
    # left out of the children's garbage collection, whose bookkeeping writes would copy every page they sit on.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs - 1, len(items) - 1), initializer=die_with_parent,
                                                      initargs=(os.getpid(),)) as pool:
            rest = pool.map_async(_run, items[1:], chunksize=1)  # the children fork here, before the work below
            first = task(items[0])
            return [first, *rest.get()]
    finally:
        _TASK = None
        gc.unfreeze()


def release_memory() -> None:
    """Hand memory freed by Python back to the system (glibc keeps it otherwise).

    After the generated tree is written and dropped, the build process still
    holds most of its peak; forked processes inherit it and the machine must
    hold it for the rest of the build.
    """
    import ctypes

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker when the build that started it is killed (Linux).

    A killed build must not leave workers writing into a folder the next
    build cleans up, nor holding the build lock they inherited.
    """
    from generator.write import release_inherited_locks

    release_inherited_locks()
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _run(item: Any) -> Any:
    return _TASK(item)
