"""``sitrep serve``: the built site on localhost, as a static host would serve it.

Pelican's handler answers a missing path with an empty reply; static hosts
answer with the site's ``404.html`` and status 404, so a broken link looks in
development as it will in production.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from sitrep.errors import SitrepError

logger = logging.getLogger("sitrep.serve")


class SiteRequestHandler(ComplexHTTPRequestHandler):
    """Directory-style URLs like Pelican's handler; ``404.html`` for the rest."""

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        found = self.get_path_that_exists(self.path.split("?", 1)[0])
        if not found:
            self._not_found(head)
            return
        self.path = found
        super().do_HEAD() if head else super(ComplexHTTPRequestHandler, self).do_GET()

    def _not_found(self, head: bool) -> None:
        page = Path(self.base_path) / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, msg_format, *args):
        logger.debug(msg_format, *args)

    def get_path_that_exists(self, original_path):  # quiet: a 404 is logged by the access line
        for suffix in self.SUFFIXES:
            if suffix == "/" and not original_path.endswith("/"):
                continue
            path = original_path.rstrip("/") + suffix
            if Path(self.translate_path(path)).exists():
                return path
        return None


class QuietDisconnects:
    """For an HTTP server class: a browser that drops a request half-way (a reader follows a
    link while a search shard loads) is normal browsing, not an error worth a traceback."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            logger.debug("%s closed the connection early", client_address[0])
            return
        super().handle_error(request, client_address)


class SiteServer(QuietDisconnects, RootedHTTPServer):
    """Pelican's server of a folder, quiet about dropped connections."""


def make_server(site: Path, port: int = 8000, host: str = "127.0.0.1") -> RootedHTTPServer:
    if not Path(site).is_dir():
        raise SitrepError(f"{site}/ does not exist yet\n  how to fix: run 'invoke build' first")
    return SiteServer(str(site), (host, int(port)), SiteRequestHandler)


def serve(site: Path, port: int = 8000) -> None:
    server = make_server(site, port)
    print(f"Serving {site.name}/ on http://localhost:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
