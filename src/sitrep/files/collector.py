"""Python's cycle collector during a build: survivors are not scanned again.

A build holds millions of long-lived objects (reports, items, tag sets, page
contexts) and allocates more all the time, so the collector's full
collections (each time the heap grows by a quarter) walk the whole heap again
and again: at 1,000 reports that was a second of CPU per rebuild that changed
one report, whatever changed. Nearly everything that survives a full
collection lives until the build ends, so :func:`survivors_frozen` moves it
out of the collector's sight (``gc.freeze``) after each full collection; later
ones scan only what was made since. Frozen objects stay frozen until the build
ends and are handed back to the collector then (``gc.unfreeze``), so a
process that runs several builds (tests, ``sitrep serve``) frees what a
build left behind. Forked render workers inherit the frozen heap, which the
collector then never touches, so their copy-on-write pages stay shared.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


def _freeze_after_full(phase: str, info: dict) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()


@contextmanager
def survivors_frozen() -> Iterator[None]:
    """Within the block, what survives a full collection is frozen (see the module)."""
    if _freeze_after_full in gc.callbacks:  # a build within a build: the outer one already does it
        yield
        return
    gc.callbacks.append(_freeze_after_full)
    try:
        yield
    finally:
        gc.callbacks.remove(_freeze_after_full)
        gc.unfreeze()
