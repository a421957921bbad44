"""Chunks of work shared out between a build process and its forked workers.

The tagger and the page renderer split their work into chunks that forked
workers take from the front of the list and the build process from the back.
They used to hand each chunk to a worker through a
:class:`concurrent.futures.ProcessPoolExecutor` future, and the build process
looked for finished futures between two of its own chunks. That hand-over runs
in the executor's manager thread, which needs the interpreter lock the build
process's main thread holds while it tags or renders: on a quiet two-core
machine the worker waited for its next chunk for a second at a time (tagging
1,000 reports, a worker tagged a fifth of the items, and in the render it took
a third of a core where the build process took nine tenths).

:class:`Claims` is a pair of counters in memory shared with the forked
workers, under a lock: each process takes its next chunk itself, the workers
from the front and the build process from the back, until they meet. Each
worker then sends back what it did in one piece, so the build process has
nothing to hand out while it works.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future
from typing import Callable, Sequence

LOCK_WAIT = 0.5  # seconds the build process waits for the lock before it looks whether the workers live


class Claims:
    """Chunks ``0 .. n-1``, each taken once: :meth:`front` (workers) and
    :meth:`back` (the build process). Made before the workers are forked."""

    def __init__(self, n: int):
        context = multiprocessing.get_context("fork")
        self.n = n
        self._ends = context.RawArray("q", [0, n])  # [next from the front, one past the next from the back]
        self._lock = context.Lock()

    def front(self) -> int | None:
        """The next chunk from the front, or None when every chunk is taken."""
        with self._lock:
            first, end = self._ends[0], self._ends[1]
            if first >= end:
                return None
            self._ends[0] = first + 1
            return first

    def back(self, alive: Callable[[], bool] | None = None) -> int | None:
        """The next chunk from the back, or None when every chunk is taken, or
        when ``alive()`` says the workers are gone while the lock stays taken
        (a worker killed while it held it would otherwise stop the build for ever)."""
        while not self._lock.acquire(timeout=LOCK_WAIT):
            if alive is not None and not alive():
                return None
        try:
            first, end = self._ends[0], self._ends[1]
            if first >= end:
                return None
            self._ends[1] = end - 1
            return end - 1
        finally:
            self._lock.release()

    def from_front(self) -> int:
        """How many chunks were taken from the front: the workers' are ``range(from_front())``."""
        with self._lock:
            return self._ends[0]

    def taken(self) -> int:
        """How many chunks were taken so far, from either end."""
        with self._lock:
            return self._ends[0] + self.n - self._ends[1]


def none_failed(futures: Sequence[Future]) -> Callable[[], bool]:
    """For :meth:`Claims.back`: whether none of the workers' ``futures`` ended in an error."""
    return lambda: not any(f.done() and f.exception() is not None for f in futures)
