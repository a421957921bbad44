"""A page is carried over from the previous build only while its file is the one
that build wrote; the files are looked at while the pages are queued
(sitrep.publish.previous_build), which must not carry a changed or lost file."""

from __future__ import annotations

import os

from sitrep.publish.render import Output, Renderer


def _build(site, previous, pages: dict[str, str]):
    site.mkdir()  # a build's folder is made before its pages (sitrep.publish.build)
    renderer = Renderer(site, previous, jobs=1)
    for rel, text in pages.items():
        renderer.add(Output(rel, text.encode().ljust(32, b"."), lambda text=text: text))
    return renderer.run()


def test_a_live_file_changed_or_lost_since_its_build_is_rendered_again(tmp_path):
    pages = {"a/index.html": "alpha", "b/index.html": "beta", "c/index.html": "gamma"}
    first, second = tmp_path / "first", tmp_path / "second"
    _build(first, None, pages)
    (first / "a" / "index.html").write_text("edited on the server", encoding="utf-8")  # size and mtime differ
    os.unlink(first / "b" / "index.html")
    stats = _build(second, first, pages)
    assert (stats.rendered, stats.carried) == (2, 1)
    assert {rel: (second / rel).read_text(encoding="utf-8") for rel in pages} == pages
    assert os.stat(second / "c" / "index.html").st_ino == os.stat(first / "c" / "index.html").st_ino  # linked
