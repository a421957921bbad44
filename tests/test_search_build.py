"""The search work of a build runs in a second process: it must give the
same browser index as doing it in the build process, and its failure must
fail the build and keep the previous site, and a killed build must not leave
it behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_main
from sitrep.search.location import index_lock

pytestmark = pytest.mark.slow  # whole-site builds


def _build(tmp_path, name, sitrep, site_settings, **settings):
    settings_file = site_settings(name, **settings)
    out = tmp_path / f"out-{name}"
    proc = sitrep("build", "--settings", str(settings_file), "--content", str(FIXTURES / "archive"),
                  "--output", str(out), "--quiet")
    return proc, out


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_second_process_gives_the_same_browser_index_as_the_build_process(tmp_path, site_settings):
    proc, parallel = _build(tmp_path, "parallel", run_main, site_settings, SITREP_SEARCH_PARALLEL=True)
    assert proc.returncode == 0, proc.stderr
    proc, serial = _build(tmp_path, "serial", run_main, site_settings, SITREP_SEARCH_PARALLEL=False)
    assert proc.returncode == 0, proc.stderr
    a, b = _files(parallel / "search" / "data"), _files(serial / "search" / "data")
    assert "manifest.json" in a and len(a) > 10
    assert a == b
    assert (parallel / "search" / "index.html").read_bytes() == (serial / "search" / "index.html").read_bytes()


def test_failed_search_work_fails_the_build_and_keeps_the_site(tmp_path, sitrep, site_settings):
    proc, out = _build(tmp_path, "good", sitrep, site_settings)
    assert proc.returncode == 0, proc.stderr
    before = _files(out)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be\n")
    settings = tmp_path / "good.py"
    settings.write_text(settings.read_text() + f"SITREP_SEARCH_INDEX_DIR = {str(blocker / 'whoosh')!r}\n")
    proc = sitrep("build", "--settings", str(settings), "--content", str(FIXTURES / "archive"),
                  "--output", str(out), "--quiet")
    assert proc.returncode != 0
    assert "not-a-folder" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    assert _files(out) == before
    builds = tmp_path / ".out-good.builds"
    # nothing but the live build and the spare the next build writes over (sitrep.publish.spare)
    assert sorted(p.name for p in builds.iterdir()) == sorted(
        [out.resolve().name, out.resolve().name + ".manifest.json", "spare"]), "a staging folder was left behind"


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_a_killed_build_takes_its_search_worker_with_it(tmp_path, sitrep, site_settings):
    """kill -9 of a build while its search worker works: the worker (~73 MB,
    waiting for work forever) used to be left behind."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", content)
    settings = site_settings("s", SITREP_SEARCH_PARALLEL=True)
    args = ["build", "--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "out"),
            "--quiet"]
    first = sitrep(*args)
    assert first.returncode == 0, first.stderr
    report = content / "reports/2025/2025-02-05-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA late update.\n", encoding="utf-8")
    # Hold the index's lock, as a build of the same folder still writing it
    # would: the next build's worker waits inside the search work instead of
    # finishing before we look.
    (index_dir,) = [d for d in (tmp_path / "cache-s" / "whoosh").iterdir() if d.is_dir()]
    holder = index_lock(index_dir)
    holder.__enter__()
    build = subprocess.Popen([sys.executable, "-m", "sitrep.cli", *args], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while not workers:
            assert build.poll() is None and time.monotonic() < deadline, "the build ended without a search worker"
            workers = [p for p in _children(build.pid)
                       if "spawn_main" in _cmdline(p) and "resource_tracker" not in _cmdline(p)]
            time.sleep(0.05)
        time.sleep(3)  # the worker imports, loads the aliases and waits for the index's lock
        assert all(_running(p) for p in workers)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while any(_running(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in workers if _running(p)], "the search worker outlived its build"
    finally:
        holder.__exit__(None, None, None)
        for p in workers:  # never leak one from the test itself
            if _running(p):
                os.kill(p, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
            build.wait()
