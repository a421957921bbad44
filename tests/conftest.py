"""Shared fixtures: the project root, the small fixture archive, and a
helper that runs the real ``sitrep`` command in a subprocess (each build
in a fresh process, as a user runs it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def fixture_archive(tmp_path) -> Path:
    """A writable copy of the fixture archive (content folder)."""
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", dest)
    return dest


def run_sitrep(*args: str, cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"sitrep {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def sitrep():
    return run_sitrep


STATIC_PAGE = """Title: About this archive
Slug: about
Summary: What the archive is and how it is made.

This archive keeps the daily digests **as they were published**, split into items.
"""


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture archive plus one static page, built once per test session
    with the real ``sitrep build``: the site the browser tests read."""
    tmp = tmp_path_factory.mktemp("fixture-site")
    content = tmp / "content"
    shutil.copytree(FIXTURES / "archive", content)
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text(STATIC_PAGE, encoding="utf-8")
    out = tmp / "output"
    run_sitrep("build", "--content", str(content), "--output", str(out), "--quiet", check=True)
    return out


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session (or a skip with the reason)."""
    from search_support import chromium  # imported here: search_support imports this module

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    """The search fixture site (search_support.build_search_site), built once
    per session for the tests that only read it."""
    from search_support import build_search_site  # imported here: search_support imports this module

    return build_search_site(tmp_path_factory.mktemp("search-site"))
