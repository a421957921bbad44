"""Shared helpers of the search tests: build the search fixture site, serve
it on 127.0.0.1, and launch Debian's headless chromium through Playwright.

The fixture site is the small fixture archive (tests/fixtures/archive) plus
the search fixtures (tests/fixtures/search: varied places and spellings, and
an item quoting an HTML injection attempt). Each test module builds it once.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, run_sitrep

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CSP = "default-src 'self'"


@dataclass
class SearchSite:
    site: Path  # the built site
    content: Path  # its content folder
    index: Path  # the Whoosh index the build kept


def build_search_site(tmp: Path) -> SearchSite:
    """A fresh build of the search fixtures under ``tmp``, its Whoosh index
    kept in ``tmp`` too ($SITREP_SEARCH_INDEX_DIR), not in the project's cache."""
    content = tmp / "content"
    shutil.copytree(FIXTURES / "archive", content)
    shutil.copytree(FIXTURES / "search" / "reports", content / "reports", dirs_exist_ok=True)
    site, index = tmp / "site", tmp / "whoosh"
    previous = os.environ.get("SITREP_SEARCH_INDEX_DIR")
    os.environ["SITREP_SEARCH_INDEX_DIR"] = str(index)
    try:
        run_sitrep("build", "--content", str(content), "--output", str(site), "--quiet", check=True)
    finally:
        if previous is None:
            del os.environ["SITREP_SEARCH_INDEX_DIR"]
        else:
            os.environ["SITREP_SEARCH_INDEX_DIR"] = previous
    return SearchSite(site, content, index)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's intended Content-Security-Policy."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless chromium browser, or a skip with the reason."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
