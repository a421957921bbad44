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

Builds running at once in one process (threads) share one freezing: the last
to end hands the objects back. A process that froze objects of its own before
the first build (a server freezing its start-up state before it forks) is left
as it was: ``gc.unfreeze`` cannot tell its objects from the build's, so the
build does not freeze anything there and runs with the ordinary collector.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_users = 0  # builds inside survivors_frozen() now, in any thread
_lock = threading.Lock()


def _freeze_after_full(phase: str, info: dict) -> None:
    if phase == "stop" and info.get("generation") == 2:
        gc.freeze()


@contextmanager
def survivors_frozen() -> Iterator[None]:
    """Within the block, what survives a full collection is frozen (see the module)."""
    global _users
    with _lock:
        if _users == 0 and gc.get_freeze_count() > 0:  # the caller's own freeze: leave it alone
            owner = False
        else:
            owner = True
            _users += 1
            if _users == 1:
                gc.callbacks.append(_freeze_after_full)
    try:
        yield
    finally:
        if owner:
            with _lock:
                _users -= 1
                if _users == 0:
                    gc.callbacks.remove(_freeze_after_full)
                    gc.unfreeze()
