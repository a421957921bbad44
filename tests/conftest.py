"""Shared fixtures: the project root, the fixture archive, one way to write a
settings file, the ``sitrep`` command (in a subprocess as a user runs it, or
in-process through :func:`sitrep.cli.main`), and the built sites that many
tests only read.

Speed without shortcuts: what is expensive and only read is made once per
test run and shared: the GeoNames gazetteer compiled once and copied into
each test's own cache folder (compiling it is not what those tests test), and
each site the tests inspect built once (``fixture_site``, ``search_site``,
``published_site``). Under pytest-xdist the workers share them too: the first
worker to ask builds, the others wait for it (:func:`shared_dir`). Tests that
change a site or its inputs build their own.

Every test that needs a whole-site build is marked ``slow`` (see
:func:`pytest_collection_modifyitems`): ``invoke test --fast`` leaves them out.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://sitrep.example.org"  # publishconf.py's SITEURL, written out so no environment changes it

# Fixtures that are (or need) a whole-site build: a test using one is slow.
BUILT_SITES = {"fixture_site", "search_site", "published_site", "reader_site", "search_server", "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILT_SITES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def fixture_archive(tmp_path) -> Path:
    """A writable copy of the fixture archive (content folder)."""
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", dest)
    return dest


# ----------------------------------------------------------------------------- the sitrep command


def run_sitrep(*args: str, cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess:
    """``sitrep ARGS`` in a new process, as a user runs it (with a console wide
    enough that the log does not wrap the long paths of pytest's folders)."""
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "400"},
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"sitrep {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def run_main(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    """``sitrep ARGS`` through :func:`sitrep.cli.main` in this process, from the
    project folder: what it prints and its exit status, without a Python start.
    What Pelican logs goes to pytest's log capture, not to ``stderr``: a test
    about a build's log output runs the command with :func:`run_sitrep`."""
    from sitrep import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
    proc = subprocess.CompletedProcess(["sitrep", *args], code, out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"sitrep {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def sitrep():
    return run_sitrep


# ----------------------------------------------------------------------------- settings and caches


def write_settings(path: Path, base: str = "pelicanconf", **settings) -> Path:
    """A settings file: the project's ``pelicanconf.py`` (or ``publishconf.py``)
    with ``settings`` changed; paths are written as strings."""
    lines = ["import sys", f"sys.path.insert(0, {str(ROOT)!r})", f"from {base} import *"]
    lines += [f"{name} = {str(value) if isinstance(value, Path) else value!r}" for name, value in settings.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shared_dir(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once per test run, shared by the pytest-xdist
    workers (the first to ask makes it; the others wait on a lock and reuse it)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    path, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir()
            make(path)
            done.touch()
    return path


def _compile(cache: Path) -> None:
    """The project's own cache has them when the site was built (as CI does
    first): their names carry the digest of the data and code they come from,
    so a copy with the current name is what compiling would give."""
    from sitrep.search.alias_cache import load_alias_tables
    from sitrep.tagging.gazetteer import cache_key

    built = ROOT / ".sitrep-cache"
    for path in [built / f"gazetteer-{cache_key(ROOT / 'data')}.pickle", *built.glob("aliases-*.json")]:
        if path.is_file():
            shutil.copy2(path, cache / path.name)
    load_alias_tables(ROOT / "data", cache)  # compiles the gazetteer on the way if it was not there


@pytest.fixture(scope="session")
def compiled_cache(tmp_path_factory) -> Path:
    """The gazetteer (GeoNames, ~10 s to compile) and the search alias tables
    of the project's data, compiled once for the whole run (or copied from the
    project's cache). Read only: tests get copies (:func:`seed_cache`)."""
    return shared_dir(tmp_path_factory, "compiled-cache", _compile)


def seed_cache(compiled: Path, cache: Path) -> Path:
    """A test's own cache folder holding the compiled gazetteer and alias tables
    (hard links: a cache replaces files, never writes into them). A test that
    changes the data still gets them compiled anew: their names carry the data's digest."""
    cache.mkdir(parents=True, exist_ok=True)
    for path in [*compiled.glob("gazetteer-*.pickle"), *compiled.glob("aliases-*.json")]:
        try:
            os.link(path, cache / path.name)
        except OSError:
            shutil.copy2(path, cache / path.name)
    return cache


@pytest.fixture
def site_settings(tmp_path, compiled_cache) -> Callable[..., Path]:
    """``site_settings(name="settings", base="pelicanconf", **settings)`` writes
    ``<tmp_path>/<name>.py`` with a cache folder of its own, seeded with the
    compiled gazetteer, unless ``SITREP_CACHE_DIR`` is given."""
    def make(name: str = "settings", base: str = "pelicanconf", **settings) -> Path:
        if "SITREP_CACHE_DIR" not in settings:
            settings["SITREP_CACHE_DIR"] = seed_cache(compiled_cache, tmp_path / f"cache-{name}")
        return write_settings(tmp_path / f"{name}.py", base, **settings)

    return make


@pytest.fixture
def import_project(tmp_path) -> Path:
    """A project folder as the importer finds it: data/import/ (the project's
    boilerplate rules) beside a content/ folder it has not made yet."""
    rules = tmp_path / "data/import/boilerplate.toml"
    rules.parent.mkdir(parents=True)
    shutil.copy(ROOT / "data/import/boilerplate.toml", rules)
    return tmp_path


@pytest.fixture(scope="session")
def tagger(compiled_cache):
    """The build's tagger on the project's data."""
    from sitrep.tagging import load_tagger

    return load_tagger(ROOT / "data", compiled_cache)


# ----------------------------------------------------------------------------- sites built once


STATIC_PAGE = """Title: About this archive
Slug: about
Summary: What the archive is and how it is made.

This archive keeps the daily digests **as they were published**, split into items.
"""


@dataclass(frozen=True)
class BuiltSite:
    """A site the tests only read: never write into ``site`` or ``content``."""

    base: Path  # everything of this build: settings, cache, content, the output folder and its builds
    site: Path  # the output folder (a link to the live build)
    content: Path
    settings: Path
    stdout: str  # what ``sitrep build`` printed
    index: Path  # the Whoosh index the build kept


def _build_site(base: Path, compiled: Path, settings_base: str = "pelicanconf", extra_content: Path | None = None,
                static_page: bool = False, **settings) -> None:
    content = base / "content"
    shutil.copytree(FIXTURES / "archive", content)
    if static_page:
        (content / "pages").mkdir(exist_ok=True)
        (content / "pages" / "about.md").write_text(STATIC_PAGE, encoding="utf-8")
    if extra_content is not None:
        shutil.copytree(extra_content, content / "reports", dirs_exist_ok=True)
    conf = write_settings(base / "settings.py", settings_base, PATH=content,
                          SITREP_CACHE_DIR=seed_cache(compiled, base / "cache"),
                          SITREP_SEARCH_INDEX_DIR=base / "whoosh", **settings)
    proc = run_main("build", "--settings", str(conf), "--output", str(base / "site" / "output"), "--quiet",
                    check=True)
    (base / "build.stdout").write_text(proc.stdout, encoding="utf-8")


def _site(base: Path) -> BuiltSite:
    return BuiltSite(base, base / "site" / "output", base / "content", base / "settings.py",
                     (base / "build.stdout").read_text(encoding="utf-8"), base / "whoosh")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, compiled_cache) -> BuiltSite:
    """The fixture archive built with the development settings (pelicanconf.py)."""
    return _site(shared_dir(tmp_path_factory, "fixture-site", lambda base: _build_site(base, compiled_cache)))


@pytest.fixture(scope="session")
def search_site(tmp_path_factory, compiled_cache) -> BuiltSite:
    """The fixture archive plus the search fixtures (varied places and spellings,
    an item quoting an HTML injection attempt), with its Whoosh index kept."""
    return _site(shared_dir(tmp_path_factory, "search-site", lambda base: _build_site(
        base, compiled_cache, extra_content=FIXTURES / "search" / "reports")))


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory, compiled_cache) -> BuiltSite:
    """The fixture archive with a static page, and tag pages that list one
    item (so tags have month pages): a site with a page of every type."""
    return _site(shared_dir(tmp_path_factory, "reader-site", lambda base: _build_site(
        base, compiled_cache, static_page=True, SITREP_TAG_LATEST_ITEMS=1)))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, compiled_cache) -> BuiltSite:
    """The fixture archive built with the publish settings (absolute URLs)."""
    return _site(shared_dir(tmp_path_factory, "published-site", lambda base: _build_site(
        base, compiled_cache, "publishconf", SITEURL=SITE_URL, FEED_DOMAIN=SITE_URL, DEPLOY_TARGETS={})))


@pytest.fixture(scope="session")
def search_server(search_site) -> str:
    """The search site served on 127.0.0.1 (with the site's Content-Security-Policy): its base URL."""
    from search_support import serve

    with serve(search_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for every browser test (or a skip saying what is missing)."""
    from search_support import chromium

    with chromium() as b:
        yield b
