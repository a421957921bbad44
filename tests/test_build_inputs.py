"""A build made of the same inputs as the last good one does nothing, and a
change to anything a build reads is still built: content, theme, data,
settings, the search index gone, a failed build in between."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_sitrep, seed_cache, write_settings

from sitrep.errors import SitrepError
from sitrep.publish.build import build

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path, compiled_cache) -> Path:
    shutil.copytree(FIXTURES / "archive", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    seed_cache(compiled_cache, tmp_path / "cache")
    (tmp_path / "content" / "stray.md").write_text("A note left at the top of the archive.\n", encoding="utf-8")
    write_settings(tmp_path / "conf.py", PATH=tmp_path / "content", THEME=tmp_path / "theme",
                   SITREP_DATA_DIR=tmp_path / "data", SITREP_CACHE_DIR=tmp_path / "cache",
                   SITREP_SEARCH_PARALLEL=False, SITENAME="Inputs test")
    return tmp_path


def _build(project: Path):
    return build(project / "conf.py", project / "out", jobs=1)


def _search_index(project: Path) -> Path:
    return next(p for p in (project / "cache" / "whoosh").iterdir() if p.is_dir())


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_same_inputs_do_nothing_and_say_what_the_last_build_said(project):
    first = _build(project)
    live = (project / "out").resolve()
    assert not first.up_to_date and first.rendered == first.files > 0
    assert any("stray.md" in w for w in first.warnings)

    again = _build(project)
    assert again.up_to_date and again.rendered == 0 and again.carried == first.files
    assert (again.reports, again.items, again.pages) == (first.reports, first.items, first.pages)
    assert again.warnings == first.warnings  # the stray file is still named
    assert (project / "out").resolve() == live

    # Same bytes written again (a checkout, a touch): still nothing to do.
    report = min((project / "content" / "reports").rglob("*.md"))
    report.write_bytes(report.read_bytes())
    assert _build(project).up_to_date


@pytest.mark.parametrize("change", ["report", "template", "taxonomy", "setting", "search index"])
def test_a_change_to_anything_the_build_reads_is_built(project, change):
    _build(project)
    live = (project / "out").resolve()
    if change == "report":
        _append(min((project / "content" / "reports").rglob("*.md")), "\nA further sentence about Kherson.\n")
    elif change == "template":
        base = project / "theme" / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<!-- new --></footer>", 1),
                        encoding="utf-8")
    elif change == "taxonomy":
        topics = project / "data" / "taxonomy" / "topics.toml"
        topics.write_text(topics.read_text(encoding="utf-8").replace('name = "Strikes', 'name = "Long-range strikes', 1),
                          encoding="utf-8")
    elif change == "setting":
        _append(project / "conf.py", 'SITENAME = "Inputs test, renamed"\n')
    elif change == "search index":
        shutil.rmtree(_search_index(project))
    second = _build(project)
    assert not second.up_to_date
    if change == "search index":
        assert second.rendered == 0 and _search_index(project).is_dir()
    else:
        assert second.rendered > 0 and (project / "out").resolve() != live


def test_a_failed_build_in_between_is_not_taken_for_the_last_good_one(project):
    _build(project)
    report = min((project / "content" / "reports").rglob("*.md"))
    good = report.read_bytes()
    report.write_text("Title: Broken\nDate: 2025-13-45\nSource: Test Desk\n\n## A heading\n\nText.\n", encoding="utf-8")
    with pytest.raises(SitrepError):
        _build(project)
    report.write_bytes(good)  # back to what the live site was built from
    assert not _build(project).up_to_date  # the failed build touched the caches: build again
    assert _build(project).up_to_date


def test_the_command_line_says_nothing_changed(project):
    args = ("build", "--settings", str(project / "conf.py"), "--output", str(project / "out"), "--quiet")
    assert "\nBuilt 3 reports" in run_sitrep(*args, check=True).stdout
    second = run_sitrep(*args, check=True).stdout
    assert "Nothing changed since the last build: out/ is as it was, with 3 reports" in second
    assert "Built " not in second and "stray.md" in second  # the warning is still shown
