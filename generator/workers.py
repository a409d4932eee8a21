"""Worker processes for work that splits into many independent pieces: Markdown texts to render
(`render.MarkdownCache.render_ahead`), pages to scan (`sitecheck.scan`)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_processes(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int, chunksize: int = 1
) -> list[Result] | None:
    """`function` over `items`, in order, in `workers` worker processes; None when no processes can be had
    (a sandbox, a script without a `__main__` guard), and the caller does the work itself.

    Each worker is a fresh interpreter, not a fork: `mkdocs serve` has threads running, and a fork copies
    whatever locks they hold. Starting one costs about 0.3 s (it imports its module).
    """
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(function, items, chunksize=chunksize))
    except (OSError, BrokenProcessPool):
        return None
