"""Shared helpers of the browser tests: serve a built site on 127.0.0.1 and
launch Debian's headless chromium through Playwright (the ``search_server``
and ``browser`` fixtures of conftest.py use them, once per test run)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from sitrep.publish.serve import QuietDisconnects

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CSP = "default-src 'self'"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's intended Content-Security-Policy."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


class _Server(QuietDisconnects, http.server.ThreadingHTTPServer):
    """Chromium cancels requests when a test moves on (a search shard still loading)."""


@contextlib.contextmanager
def serve(site: Path):
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
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
