"""Chunks shared out between a build process and forked workers are each taken
once: the workers' from the front, the build process's from the back
(sitrep.files.claims, used by the tagger and the page renderer)."""

from __future__ import annotations

import multiprocessing

from sitrep.files.claims import Claims

_CLAIMS: Claims | None = None


def _take_from_front() -> list[int]:
    taken = []
    while (k := _CLAIMS.front()) is not None:
        taken.append(k)
    return taken


def test_every_chunk_is_taken_once_by_the_workers_from_the_front_or_here_from_the_back():
    global _CLAIMS
    _CLAIMS = claims = Claims(500)
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:  # forked: they share the counters
        pending = [pool.apply_async(_take_from_front) for _ in range(2)]
        mine = []
        while (k := claims.back()) is not None:
            mine.append(k)
        theirs = [k for p in pending for k in p.get(timeout=60)]
    assert sorted(mine + theirs) == list(range(500))  # each once
    assert mine == sorted(mine, reverse=True) and all(k >= claims.from_front() for k in mine)
    assert sorted(theirs) == list(range(claims.from_front()))
    assert claims.taken() == 500 and claims.front() is None and claims.back() is None


def test_the_build_process_stops_waiting_when_the_workers_are_gone():
    claims = Claims(3)
    claims._lock.acquire()  # what a worker killed while it held the lock leaves behind
    assert claims.back(alive=lambda: False) is None
