"""The search work of a build runs in a second process: it must give the
same browser index as doing it in the build process, and its failure must
fail the build and keep the previous site."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, run_main

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
    assert sorted(p.name for p in builds.iterdir()) == [out.resolve().name, out.resolve().name + ".manifest.json"], \
        "a staging folder was left behind"
