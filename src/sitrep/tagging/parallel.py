"""Tagging many items on every core, for a build whose tag cache is cold.

Tagging is pure computation on one item, and a first build tags every item of
the archive: on one core that was the longest step before the search index
could start. The workers are forked from the build, so they share the loaded
tagger (gazetteer, taxonomy, model) copy-on-write and read the items from a
module global set before the fork, never pickled; what comes back is each
item's :meth:`~sitrep.tagging.core.TagSet.shown`, what a build keeps anyway.
This process tags too, from the back of the list, beside one worker fewer
(as the page renderer does). A worker that dies costs only time: what it held
is tagged here instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Sequence

from sitrep.files.claims import Claims, none_failed
from sitrep.files.processes import die_with_parent
from sitrep.model import TagOverrides
from sitrep.tagging.core import Tagger, TagSet

logger = logging.getLogger("sitrep.tags")

Request = tuple[str, str, "TagOverrides | None", "dt.date | None"]  # headline, body, overrides, date
MIN_PER_WORKER = 200  # items below which a fork costs more than it saves
CHUNK = 64

# Forked workers read these (set before the fork, so they are shared, not pickled).
_TAGGER: Tagger | None = None
_REQUESTS: Sequence[Request] = ()
_CHUNKS: list[list[int]] = []  # the chunks of the items being tagged, and who took which
_CLAIMS: Claims | None = None


def _tag_chunk(indices: list[int]) -> list[TagSet]:
    tag = _TAGGER.tag
    return [tag(*_REQUESTS[i], explain=False).shown() for i in indices]


def tag_all(tagger: Tagger, requests: Sequence[Request], jobs: int | None = None) -> list[TagSet]:
    """The shown tags of every request, in order, on up to ``jobs`` cores (default: all)."""
    global _TAGGER, _REQUESTS
    jobs = max(1, jobs or os.cpu_count() or 1)
    workers = min(jobs, len(requests) // MIN_PER_WORKER) - 1
    _TAGGER, _REQUESTS = tagger, requests
    try:
        if workers < 1:
            return _tag_chunk(list(range(len(requests))))
        chunks = deque(list(range(k, min(k + CHUNK, len(requests)))) for k in range(0, len(requests), CHUNK))
        done: dict[int, TagSet] = {}
        _tag_in_workers(chunks, workers, done)
        return [done[i] for i in range(len(requests))]
    finally:
        _TAGGER, _REQUESTS = None, ()


def _tag_claimed() -> list[tuple[int, list[TagSet]]]:
    """In a worker: tag the chunks it takes from the front until none is left (see
    :class:`~sitrep.files.claims.Claims`), and send them back in one piece."""
    out = []
    while (k := _CLAIMS.front()) is not None:
        out.append((k, _tag_chunk(_CHUNKS[k])))
    return out


def _tag_in_workers(chunks: deque, workers: int, done: dict[int, TagSet]) -> None:
    """Workers take chunks from the front, this process from the back, each by
    itself (:class:`~sitrep.files.claims.Claims`): no chunk waits to be handed out."""
    global _CHUNKS, _CLAIMS

    def keep(chunk: list[int], sets: list[TagSet]) -> None:
        done.update(zip(chunk, sets))  # a whole chunk or nothing of it

    every = list(chunks)
    claims = Claims(len(every))
    _CHUNKS, _CLAIMS = every, claims
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            try:
                futures = [pool.submit(_tag_claimed) for _ in range(workers)]
                while (k := claims.back(none_failed(futures))) is not None:
                    keep(every[k], _tag_chunk(every[k]))
                for future in futures:
                    for k, sets in future.result():
                        keep(every[k], sets)
            except BrokenProcessPool:
                logger.warning("a tagging worker process died (killed by the system, perhaps out of memory); "
                               "its items are tagged in the build process instead")
                for chunk in every:
                    if chunk[0] not in done:
                        keep(chunk, _tag_chunk(chunk))
    finally:
        _CHUNKS, _CLAIMS = [], None
