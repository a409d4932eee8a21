"""When Python's cyclic garbage collector runs during a build.

Validating a portal makes millions of small objects (a supporter per vote
line, a model per file) that all live until the build ends. The collector is
triggered by allocations, so it walks them again and again while they are
made: at 10,000 ideas and a million supporters that was 2.5 of `portal
validate`'s 6 seconds (`docs/performance.md`). Nothing the portal makes
while loading depends on cycles being collected, and reference counting still
frees everything else at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection, and restore the collector's state after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_for_the_build() -> None:
    """Move every object alive now out of the collector's sight, until `release` (the validated portal,
    its pages' data: they live to the end of the build and hold no garbage)."""
    gc.freeze()


def release() -> None:
    """Let the collector see the objects `keep_for_the_build` hid again (a preview rebuilds many times)."""
    gc.unfreeze()
