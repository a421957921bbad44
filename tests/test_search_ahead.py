"""The search process started ahead of its job (sitrep.search.build.start_search_process)
is the one the job runs in, and one never given a job is ended."""

from __future__ import annotations

import os
import time

from sitrep.search.build import discard_search_process, start_search_process


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fp:
            return fp.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_no_process_when_the_search_runs_in_the_build():
    assert start_search_process(parallel=False) is None


def test_a_process_never_given_its_job_is_ended():
    process = start_search_process(parallel=True)
    if process is None:  # a one-core machine
        return
    pid = process.submit(os.getpid).result(timeout=60)
    assert pid != os.getpid() and _alive(pid)
    discard_search_process(process)
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)
