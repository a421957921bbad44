"""Both search indexes of a build, made beside the page writing.

Updating the Whoosh index and exporting the browser index from it take as
long as writing all the pages, and Pelican writes pages on one core. So the
search work runs in a second process, started once the items are tagged and
joined before the build ends: on a two-core machine the two overlap. A
failure in the child is raised again in the build, so it fails as a whole;
a build that fails elsewhere first waits for the child (:func:`wait_all`)
so that nothing writes into a staging folder after it is removed. A build
killed outright takes the child with it (:func:`sitrep.files.processes.die_with_parent`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from sitrep.files.processes import die_with_parent, pid_alive
from sitrep.search.alias_cache import load_alias_tables
from sitrep.search.export import ExportStats, export_browser_index
from sitrep.search.export_memo import FILE_NAME as MEMO_FILE
from sitrep.search.indexing import IndexStats, update_index
from sitrep.search.schema import SearchDoc

JOB_PREFIX = "search-job-"  # + the build's pid: the job's file in the build cache (_job_file)


@dataclass(slots=True)
class SearchJob:
    """Everything the search work needs; picklable, so it can cross to the child."""

    docs: list[SearchDoc]
    index_dir: Path
    data_dir: Path
    cache_dir: Path
    content: str
    site_dir: Path
    labels: Mapping[str, Mapping[str, str]]
    site_url: str
    previous_site: Path | None = None  # the live build, to link unchanged files from
    alias_path: Path | None = None  # alias_cache.alias_tables_path, named by the build (see load_alias_tables)


def build_search(job: SearchJob) -> tuple[IndexStats, ExportStats]:
    """Bring the Whoosh index up to date, then export the browser index into the site."""
    tables = load_alias_tables(job.data_dir, job.cache_dir, job.alias_path)
    index_stats = update_index(job.index_dir, job.docs, tables.aliases, job.content, tables.also)
    export_stats = export_browser_index(job.index_dir, job.site_dir, job.labels, job.site_url, job.previous_site,
                                        Path(job.cache_dir) / MEMO_FILE)
    return index_stats, export_stats


def _build_search_from(path: str) -> tuple[IndexStats, ExportStats]:
    """In the search process: the job from the file the build wrote, removed once read."""
    with open(path, "rb") as fp:
        job = pickle.load(fp)
    os.unlink(path)
    return build_search(job)


def _job_file(job: SearchJob) -> Path | None:
    """The job written to a file in the build cache, for the search process to
    read: handed over through the pool's pipe instead, its pickled bytes (every
    item's text, 10 MiB per 1,000 reports) stay referenced in the build process
    by the queue's feeder thread until the build ends. None if the cache is not
    writable (then the pipe it is). Files of builds that were killed are removed."""
    folder = Path(job.cache_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{JOB_PREFIX}*.pickle"):
            pid = old.name[len(JOB_PREFIX):].partition("-")[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                old.unlink(missing_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{JOB_PREFIX}{os.getpid()}-", suffix=".pickle", dir=folder)
        with os.fdopen(fd, "wb") as fp:
            pickle.dump(job, fp, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return None
    return Path(name)


_running: set[SearchBuild] = set()


def _parallel(parallel: bool) -> bool:
    return parallel and (os.cpu_count() or 1) > 1


def _search_process() -> ProcessPoolExecutor:
    # spawn, not fork: the build process may hold threads (a test
    # server, a browser driver), and a forked copy of them is unsafe.
    # The worker dies with the build, even with one killed by SIGKILL.
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


def start_search_process(parallel: bool = True) -> ProcessPoolExecutor | None:
    """The search process, started ahead of its job (for :class:`SearchBuild`): its
    start, a new interpreter importing the search code, then overlaps the reading
    of the reports instead of delaying the job, which can only start once the
    items are tagged. None when the search work will be done in this process.
    A process not handed to a build is ended by :func:`discard_search_process`."""
    if not _parallel(parallel):
        return None
    process = _search_process()
    process.submit(_started)  # starts the process; unpickling the task imports this module there
    return process


def _started() -> None:
    """The first task of a search process started ahead: nothing, once the code is imported."""


def discard_search_process(process: ProcessPoolExecutor) -> None:
    """End a search process started ahead for a build that never gave it its job."""
    process.shutdown(wait=False, cancel_futures=True)


class SearchBuild:
    """A running :func:`build_search`: in a spawned process when there is a
    spare core and ``parallel`` is on, else done at once in this process.
    ``process``: one from :func:`start_search_process`, to run it in."""

    def __init__(self, job: SearchJob, parallel: bool = True, process: ProcessPoolExecutor | None = None):
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future | None = None
        self._result: tuple[IndexStats, ExportStats] | None = None
        self._job: Path | None = None  # the job's file, until the search process has read it
        if process is not None and not _parallel(parallel):
            discard_search_process(process)
            process = None
        if _parallel(parallel):
            self._pool = process or _search_process()
            self._job = _job_file(job)
            if self._job is not None:
                self._future = self._pool.submit(_build_search_from, str(self._job))
            else:
                self._future = self._pool.submit(build_search, job)
            _running.add(self)
        else:
            self._result = build_search(job)

    def result(self) -> tuple[IndexStats, ExportStats]:
        """Wait for the work; an exception in the child is raised here."""
        if self._future is not None:
            try:
                self._result = self._future.result()
            finally:
                self._pool.shutdown()
                self._future = self._pool = None
                if self._job is not None:  # left if the search process failed before reading it
                    self._job.unlink(missing_ok=True)
                _running.discard(self)
        return self._result


def wait_all() -> None:
    """Let every running search build finish, whatever its outcome."""
    for job in list(_running):
        try:
            job.result()
        except Exception:  # noqa: BLE001 - the build is failing already
            pass
