"""Rendering pages in forked worker processes beside the build process.

The workers are forked from the build, so they share its memory (Jinja
environment, reports, tags) copy-on-write and read the queue from a module
global set before the fork, never pickled. They run in a
:class:`concurrent.futures.ProcessPoolExecutor` rather than a
``multiprocessing.Pool``: when a worker dies mid-chunk (the kernel's
out-of-memory killer, a crash in a C extension), the pool replaces it and the
lost chunk never returns, so a build waiting on it hung for ever; the executor
marks itself broken and every wait raises, which the build turns into an error
that names the pages and leaves the live site as it was.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Sequence

from sitrep.files.claims import Claims, none_failed
from sitrep.files.tree import make_folder

# Forked workers read the queue from here (set before the fork, so it is shared, not pickled).
_QUEUE: Sequence[Any] = []
_SITE: Path = Path(".")
_CHUNKS: list[list[int]] = []  # the chunks of the render under way, and who took which
_CLAIMS: Claims | None = None
_MADE: set[str] = set()  # folders of the site this process made or found, for the render under way

Result = tuple[int, int, int, str]  # (queue index, size, mtime_ns, error or "")
MAX_LISTED = 20  # failing pages named in one error; the rest are counted
# A forked worker renders at this lower priority. The search process (Whoosh update and
# browser export) is the longest chain of a full build: sharing two cores evenly with the build
# process and a worker, it ran on alone for a quarter of the build after the last page. The build
# process keeps its priority, so pages still take a whole core (see render_in_workers).
WORKER_NICENESS = 5


class RenderError(Exception):
    """Pages failed to render; the message names their files."""


def _write(site: Path, rel: str, data: str | bytes) -> tuple[int, int]:
    """Write one file; its folder is made once per process and render, not
    looked up again for each of its pages (a mkdir and a stat of every parent
    per page cost 0.5-1 s of a full build's CPU at 1,000 reports)."""
    root = str(site)
    make_folder(root, rel.rpartition("/")[0], _MADE)
    blob = data.encode("utf-8") if isinstance(data, str) else data
    with open(os.path.join(root, rel), "wb") as fp:
        fp.write(blob)
        fp.flush()
        st = os.fstat(fp.fileno())
    return st.st_size, st.st_mtime_ns


def render_chunk(indices: list[int]) -> list[Result]:
    """Render and write the queued outputs at ``indices``, in a worker or in the
    build process: a page that raises is reported by its path, the rest go on,
    so one build names every failing page at once."""
    out = []
    for i in indices:
        item = _QUEUE[i]
        try:
            size, mtime = _write(_SITE, item.path, item.produce())
            out.append((i, size, mtime, ""))
        except Exception as err:  # reported by the parent with the file's name
            out.append((i, 0, 0, f"{item.path}: {type(err).__name__}: {err}"))
    return out


def raise_failures(results: list[Result]) -> None:
    """One error for every page that failed, sorted by path: a template mistake
    usually breaks many pages, and an editor fixing them one build at a time
    would otherwise meet them in whatever order the workers finished."""
    failed = sorted(error for _, _, _, error in results if error)
    if not failed:
        return
    listed = "\n".join(f"  {line}" for line in failed[:MAX_LISTED])
    more = f"\n  … and {len(failed) - MAX_LISTED} more" if len(failed) > MAX_LISTED else ""
    raise RenderError(f"{len(failed)} page{'s' if len(failed) != 1 else ''} failed to render "
                      f"(the live site is unchanged; fix the template or content named, then build again):\n"
                      f"{listed}{more}")


def render_here(queue: Sequence[Any], site: Path, indices: list[int]) -> list[Result]:
    """Render in this process only: one job, or too few pages to be worth a fork."""
    global _QUEUE, _SITE, _MADE
    _QUEUE, _SITE, _MADE = queue, site, set()
    try:
        return render_chunk(indices)
    finally:
        _QUEUE = []


def _render_claimed() -> list[Result]:
    """In a worker: render the chunks it takes from the front until none is left
    (see :class:`~sitrep.files.claims.Claims`), and send the results back in one piece."""
    _lower_priority()
    out: list[Result] = []
    while (k := _CLAIMS.front()) is not None:
        out.extend(render_chunk(_CHUNKS[k]))
    return out


def _lower_priority() -> None:
    """Let the search process go first when it and the pages compete for the cores.
    Only in a forked worker, which exits with the render: the build process could
    not raise its priority again."""
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # no nice on this system, or not allowed: render as before
        pass


def render_in_workers(queue: Sequence[Any], site: Path, chunks: Sequence[list[int]], workers: int,
                      after_fork: Callable[[], None], tick: Callable[[int], None]) -> list[Result]:
    """Render ``chunks`` (lists of queue indices) with ``workers`` forked
    processes taking from the front and this process from the back, each
    taking its next chunk itself (:class:`~sitrep.files.claims.Claims`).

    A forked worker soon holds a copy of much of the build's memory (every
    object it reads gets its reference count written, and the page holding it
    copied). This process already holds the original, so it renders too, beside
    one worker fewer: as many pages rendered at once, one copy fewer.
    ``after_fork`` runs once the workers exist (a thread started before a fork
    would be inherited half-way through its work)."""
    global _QUEUE, _SITE, _MADE, _CHUNKS, _CLAIMS
    chunks = list(chunks)
    claims = Claims(len(chunks))
    before = [0]  # pages in the chunks before each chunk, for the progress display
    for chunk in chunks:
        before.append(before[-1] + len(chunk))
    _QUEUE, _SITE, _MADE, _CHUNKS, _CLAIMS = queue, site, set(), chunks, claims
    results: list[Result] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_render_claimed) for _ in range(workers)]
            after_fork()

            while (k := claims.back(none_failed(futures))) is not None:
                results.extend(render_chunk(chunks[k]))
                tick(len(results) + before[claims.from_front()])  # the workers' chunks counted when taken
            for future in futures:
                results.extend(_collect(future, chunks, claims))
            tick(len(results))
    finally:
        _QUEUE, _CHUNKS, _CLAIMS = [], [], None
    return results


def _collect(future: Future, chunks: list[list[int]], claims: Claims) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        lost = chunks[:claims.from_front()]  # the workers' chunks: done or not, their results are gone
        pages = sorted(_QUEUE[i].path for c in lost for i in c)
        listed = ", ".join(pages[:5]) + (f" and {len(pages) - 5} more" if len(pages) > 5 else "")
        raise RenderError(
            "a page-rendering worker process died (killed by the system, perhaps out of memory, or crashed) "
            f"while one of these pages was being rendered: {listed}. The build is stopped and the live site "
            "is unchanged; build again, with --jobs 1 to render in one process, or with more free memory."
        ) from err
