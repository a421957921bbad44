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
