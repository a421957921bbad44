"""`sitrep serve` (sitrep.publish.serve): the built site on loopback, as a static host serves it."""

from __future__ import annotations

import socket
import struct
import threading
import urllib.error
import urllib.request

import pytest

from sitrep.publish.serve import make_server


@pytest.fixture
def site_server(tmp_path):
    site = tmp_path / "output"
    (site / "reports" / "a").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    (site / "reports" / "a" / "index.html").write_text("<!doctype html><title>A</title>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Not here</title><h1>Not here</h1>", encoding="utf-8")
    (site / "big.bin").write_bytes(b"x" * (16 * 2**20))
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_pages_by_folder_and_the_sites_404_page(site_server):
    base = f"http://127.0.0.1:{site_server}"
    with urllib.request.urlopen(f"{base}/reports/a/") as page:
        assert page.status == 200 and b"<title>A</title>" in page.read()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{base}/reports/nowhere/")
    assert missing.value.code == 404
    assert b"Not here" in missing.value.read()


def test_a_request_the_browser_drops_half_way_prints_no_traceback(site_server, capfd):
    with socket.create_connection(("127.0.0.1", site_server)) as client:
        client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert client.recv(4096).startswith(b"HTTP/1.0 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a tab closed
    # One request at a time: this one is answered once the server has met the reset while writing
    # the rest of the 16 MB file, more than the socket buffers hold.
    with urllib.request.urlopen(f"http://127.0.0.1:{site_server}/") as page:
        assert page.status == 200  # and it still serves
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err
