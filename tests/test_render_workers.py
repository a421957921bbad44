"""Pages that fail to render, and render workers that die, end the build with an
error that names the pages, and leave the live site as it was (review of stop
19: a worker killed mid-chunk made the build wait for ever; one failing page of
many was reported, in whatever order the workers finished)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # whole-site builds in new processes

# A render worker killed the way the kernel's out-of-memory killer does it:
# SIGKILL, in the middle of writing a page. Only forked children die (the
# build process renders too, and must live to report).
KILLED_WORKER = """
import os, signal, sys
PARENT = os.getpid()
def hook(event, args):
    if (event == "open" and os.getpid() != PARENT and isinstance(args[0], str)
            and args[0].endswith("index.html") and "w" in str(args[1])):
        os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(hook)
from sitrep.cli import main
sys.exit(main(sys.argv[1:]))
"""


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path, sitrep, site_settings):
    """A good build of the fixture archive live in ``output/``; a function that
    builds again with other settings (every page's fingerprint changes)."""
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(FIXTURES / "archive", content)

    def args(**settings) -> list[str]:
        return ["build", "--settings", str(site_settings(**settings)), "--content", str(content),
                "--output", str(out), "--quiet"]

    first = sitrep(*args(name="good"))
    assert first.returncode == 0, first.stderr
    return out, args


def test_a_render_worker_killed_mid_page_stops_the_build_with_an_error_not_a_hang(built):
    out, args = built
    before = tree(out)
    proc = subprocess.run([sys.executable, "-c", KILLED_WORKER, *args(name="other", SITENAME="Another archive"),
                           "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "worker process died" in proc.stderr and "index.html" in proc.stderr, proc.stderr
    assert "--jobs 1" in proc.stderr  # what to do about it
    assert tree(out) == before  # the live site is the good build, file for file


def test_every_page_that_fails_is_named_once_in_path_order(built, tmp_path, sitrep):
    out, args = built
    before = tree(out)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates/item.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<h1 id="item_title">{{ item.headline }}</h1>', '<h1 id="item_title">{{ no_such_variable.headline }}</h1>'),
        encoding="utf-8")
    proc = sitrep(*args(name="broken", THEME=str(theme)), "--jobs", "2")
    assert proc.returncode != 0
    named = [line.strip().split(":")[0] for line in proc.stderr.splitlines()
             if line.strip().startswith("reports/") and "UndefinedError" in line]
    items = sorted(p for p in before if p.startswith("reports/") and p.count("/") == 3)
    assert named == items, proc.stderr  # every item page, each once, sorted by path
    assert f"{len(items)} pages failed to render" in proc.stderr
    assert tree(out) == before
