"""The build before last is written over, never the live one (sitrep.publish.spare).

Through :func:`sitrep.publish.build.build`: from the third build on, the
staging folder is the tree the second-last build left, whose pages are mostly
hard links to the live build's files. A build that renders every page again
and then fails must leave every live file with its bytes and mtime; a build
that succeeds must equal a clean build, without the files and folders of
pages that are gone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from sitrep.publish.build import BuildFailed, build
from sitrep.publish.spare import scrub

pytestmark = pytest.mark.slow


def _state(root: Path) -> dict[str, tuple[bytes, int] | None]:
    """Bytes and mtime of every file, and every folder (None)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
            for p in sorted(root.rglob("*"))}


def _files(root: Path) -> dict[str, bytes | None]:
    return {rel: v[0] if v else None for rel, v in _state(root).items()}


@pytest.fixture
def project(tmp_path, site_settings):
    content, theme = tmp_path / "content", tmp_path / "theme"
    shutil.copytree(FIXTURES / "archive", content)
    shutil.copytree(ROOT / "theme", theme)
    return content, theme, site_settings("live", PATH=content, THEME=theme, SITREP_SEARCH_PARALLEL=False)


def _touch_footer(theme: Path, note: str) -> None:
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", f"<!-- {note} --></footer>", 1),
                    encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_build_over_the_spare_leaves_every_live_file_as_it_was(tmp_path, project, jobs):
    content, theme, settings = project
    live = tmp_path / "output"
    build(settings, live, jobs=jobs)
    report = sorted(content.rglob("*.md"))[-1]
    report.write_text(report.read_text(encoding="utf-8") + "\nShelling resumed by evening.\n", encoding="utf-8")
    build(settings, live, jobs=jobs)  # most pages carried over: the first build's files, now also the spare's
    spare = tmp_path / ".output.builds" / "spare"
    assert spare.is_dir()
    shared = [p for p in spare.rglob("*.html") if p.stat().st_nlink > 1]
    assert len(shared) > 20, "the live build shares too few files with the spare for this test"
    before = _state(live)
    # Every page renders again (the footer changed) into the recycled tree, whose pages
    # share their files with the live build; item pages then fail.
    _touch_footer(theme, "third")
    item = theme / "templates" / "item.html"
    item.write_text(item.read_text(encoding="utf-8").replace("{% block content %}",
                                                             "{% block content %}{{ 1 // 0 }}", 1), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(settings, live, jobs=jobs)
    assert _state(live) == before, "a failed build wrote into the live site's files"


def test_builds_over_the_spare_equal_clean_builds(tmp_path, project, site_settings):
    content, theme, settings = project
    live = tmp_path / "output"

    def equals_a_clean_build(name: str) -> None:
        clean = tmp_path / name
        build(site_settings(name, PATH=content, THEME=theme, SITREP_SEARCH_PARALLEL=False), clean, jobs=1)
        assert _files(live) == _files(clean)

    build(settings, live, jobs=2)
    reports = sorted(content.rglob("*.md"))
    edited, gone = reports[-1], reports[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nShelling resumed near Kupiansk by evening.\n",
                      encoding="utf-8")
    build(settings, live, jobs=2)  # the first build's tree is the spare now, with every page of ``gone``
    pages = {p.relative_to(live).as_posix() for p in live.rglob("*")}
    text = gone.read_text(encoding="utf-8")
    gone.unlink()
    build(settings, live, jobs=2)  # over the spare: the pages of ``gone``, and their folders, must go
    left = {p.relative_to(live).as_posix() for p in live.rglob("*")}
    assert pages - left, "deleting a report removed no page"
    equals_a_clean_build("clean-deleted")
    gone.write_text(text, encoding="utf-8")
    build(settings, live, jobs=2)
    equals_a_clean_build("clean-restored")


def _about_page(content: Path) -> None:
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\n\nWho writes these reports.\n", encoding="utf-8")


def _edit(content: Path, note: str) -> None:
    report = max(content.rglob("*.md"))
    report.write_text(report.read_text(encoding="utf-8") + f"\n{note}\n", encoding="utf-8")


def test_a_static_file_copied_where_a_live_page_stands_leaves_that_page(tmp_path, project, site_settings):
    content, theme, settings = project
    live = tmp_path / "output"
    build(settings, live, jobs=2)
    _edit(content, "Shelling resumed by evening.")
    build(settings, live, jobs=2)
    old_live, spare = live.resolve(), tmp_path / ".output.builds" / "spare"
    shared = sorted(p.relative_to(old_live).as_posix() for p in old_live.rglob("*.html")
                    if (spare / p.relative_to(old_live)).is_file()
                    and (spare / p.relative_to(old_live)).stat().st_ino == p.stat().st_ino)
    assert shared, "the spare shares no page with the live build"
    before = _state(old_live)
    # Pelican copies a static file to where a page of the live build stands, in
    # the recycled tree: through that page's file, unless it is unlinked first.
    (content / "extra").mkdir()
    (content / "extra" / "notice.html").write_text("<p>Copied by Pelican.</p>\n", encoding="utf-8")
    build(site_settings("live", PATH=content, THEME=theme, SITREP_SEARCH_PARALLEL=False,
                        SITREP_CACHE_DIR=tmp_path / "cache-live", STATIC_PATHS=["extra"], STATIC_SAVE_AS=shared[0]),
          live, jobs=2)
    kept = old_live if old_live.is_dir() else spare  # still live (the queued page wins), or the spare now
    assert _state(kept) == before, "copying a static file wrote into the live site's files"


def test_a_page_where_a_recycled_folder_stands_and_a_folder_where_a_recycled_page_stands(
        tmp_path, project, site_settings):
    content, theme, _ = project
    live = tmp_path / "output"
    _about_page(content)

    def settings(save_as: str, name: str = "live") -> Path:
        made = {"SITREP_CACHE_DIR": tmp_path / f"cache-{name}"} if (tmp_path / f"cache-{name}").is_dir() else {}
        return site_settings(name, PATH=content, THEME=theme, SITREP_SEARCH_PARALLEL=False,
                             PAGE_SAVE_AS=save_as, PAGE_URL=save_as.removesuffix("index.html"), **made)

    def build_after_an_edit(save_as: str, note: str) -> None:
        _edit(content, note)
        build(settings(save_as), live, jobs=2)

    def equals_a_clean_build(save_as: str, name: str) -> None:
        clean = tmp_path / name
        build(settings(save_as, name), clean, jobs=1)
        assert _files(live) == _files(clean)

    build(settings("{slug}/index.html"), live, jobs=2)
    build_after_an_edit("{slug}/index.html", "First note.")
    assert (live / "about" / "index.html").is_file()
    # The spare holds about/index.html, the live build's; this build wants a page named "about".
    build_after_an_edit("{slug}", "Second note.")
    assert (live / "about").is_file()
    equals_a_clean_build("{slug}", "clean-file")
    build_after_an_edit("{slug}", "Third note.")
    # The spare holds the page "about", the live build's; this build wants the folder about/.
    build_after_an_edit("{slug}/index.html", "Fourth note.")
    assert (live / "about" / "index.html").is_file()
    equals_a_clean_build("{slug}/index.html", "clean-folder")


def test_the_scrub_leaves_the_folders_the_build_writes_meanwhile(tmp_path):
    # The search export writes its data folder while the scrub walks the tree beside it.
    tree = tmp_path / "spare"
    for rel in ("search/data/p/a.json", "search/data/manifest.json", "reports/old/index.html", "theme/site.css"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(rel, encoding="utf-8")
    kept = scrub(tree, None, ["theme"], skip=("search/data",))
    assert kept.pages == {}
    assert sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()) == [
        "search/data/manifest.json", "search/data/p/a.json"]
    assert not (tree / "reports").exists() and not (tree / "theme").exists(), "emptied folders were left"


def test_a_build_that_claims_a_page_and_a_folder_at_one_address_fails_over_the_spare_too(
        tmp_path, project, site_settings):
    content, theme, _ = project
    live = tmp_path / "output"
    _about_page(content)
    settings = site_settings("live", PATH=content, THEME=theme, SITREP_SEARCH_PARALLEL=False,
                             SITREP_CACHE_DIR=tmp_path / "cache-live", PAGE_SAVE_AS="{slug}", PAGE_URL="{slug}")
    build(settings, live, jobs=2)
    _edit(content, "First note.")
    build(settings, live, jobs=2)  # the spare holds the page "about", the live build's file
    before = _state(live)
    (content / "pages" / "team.md").write_text("Title: Team\nSave_as: about/team.html\n\nThe desk.\n",
                                               encoding="utf-8")
    with pytest.raises(BuildFailed, match="about"):
        build(settings, live, jobs=2)
    assert _state(live) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_spare_that_cannot_be_cleared_is_not_kept(tmp_path, project, monkeypatch, jobs):
    import sitrep.publish.spare as spare_module
    from sitrep.errors import SitrepError

    content, theme, settings = project
    live = tmp_path / "output"
    build(settings, live, jobs=jobs)
    _edit(content, "First note.")
    build(settings, live, jobs=jobs)
    spare = tmp_path / ".output.builds" / "spare"
    assert spare.is_dir()
    before = _state(live)

    def cannot(*args, **kwargs):  # root deletes anything here: the disk's refusal is simulated
        raise PermissionError(13, "Permission denied", str(spare / "reports"))

    monkeypatch.setattr(spare_module, "scrub", cannot)
    _edit(content, "Second note.")
    with pytest.raises(SitrepError, match="could not clear the build folder"):
        build(settings, live, jobs=jobs)
    assert _state(live) == before
    assert not spare.exists(), "the spare that could not be cleared is kept for the next build to fail on"
    monkeypatch.undo()
    build(settings, live, jobs=jobs)
    assert "Second note." in "".join(p.read_text(encoding="utf-8") for p in live.rglob("*.html"))


@pytest.mark.parametrize("kept, claimed", [("about", "about/team.html"), ("about/team.html", "about")])
def test_a_kept_page_in_the_way_of_another_the_same_build_claims_fails_the_render(tmp_path, kept, claimed):
    # The page ``kept`` is the live build's, kept in place in the spare (same file); the
    # build also claims ``claimed``, which needs that path as a file or as a folder. A
    # clean build fails on it; so must this one, and never by dropping the kept page.
    import os

    from sitrep.publish.render import Output, Renderer, RenderError
    from sitrep.publish.render_manifest import save_manifest
    from sitrep.publish.spare import Recycled

    live, spare = tmp_path / "live", tmp_path / "spare"
    (live / kept).parent.mkdir(parents=True), (spare / kept).parent.mkdir(parents=True)
    (live / kept).write_text("Who writes these reports.", encoding="utf-8")
    st = (live / kept).stat()
    same = b"\x01" * 32
    save_manifest(live, {kept: [same.hex(), st.st_size, st.st_mtime_ns]})
    os.link(live / kept, spare / kept)
    folders = {kept.rpartition("/")[0]} - {""}
    renderer = Renderer(spare, live, jobs=1, recycled=Recycled({kept: st.st_ino}, folders))
    renderer.add(Output(kept, same, lambda: "Who writes these reports."))
    renderer.add(Output(claimed, b"\x02" * 32, lambda: "The desk."))
    with pytest.raises(RenderError, match=claimed):
        renderer.run()
    assert (live / kept).read_text(encoding="utf-8") == "Who writes these reports."
