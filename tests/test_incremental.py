"""Incremental builds give the same site, byte for byte, as clean builds.

A property test: random sequences of the changes an editor makes (add, edit,
delete and rename reports, edit a template, rename a topic in the taxonomy)
are applied to a small archive. After each change the site is built twice,
incrementally into the folder that holds the previous build (files carried
over from it) and from scratch into a new folder with empty caches; the two
trees must be equal file for file and byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, seed_cache, write_settings
from sitrep.publish.build import build

pytestmark = pytest.mark.slow

REPORT = """\
Title: Generated digest {n}
Date: 2025-{month:02d}-{day:02d}
Source: {source}

## Drone attack on {place} damages houses

Russian drones struck {place} overnight, damaging {n} houses and a school, the regional governor said.

## Talks on prisoner exchange continue in Istanbul

Negotiators met for the {n}th time to discuss an exchange of prisoners of war.
"""

PLACES = ["Kharkiv", "Sumy", "Odesa", "Zaporizhzhia", "Pokrovsk", "Kherson", "Dnipro", "Belgorod"]

Step = tuple  # (kind, numbers...)
steps = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(1, 99)),
    st.tuples(st.just("edit"), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("rename"), st.integers(0, 50)),
    st.tuples(st.just("template"), st.integers(0, 9)),
    st.tuples(st.just("taxonomy"), st.integers(0, 9)),
), min_size=3, max_size=5)


class Project:
    """A copy of the archive, theme and data an editor can change, and its builds."""

    def __init__(self, base: Path, compiled_cache: Path):
        self.base = base
        self.content = base / "content"
        shutil.copytree(FIXTURES / "archive", self.content)
        shutil.copytree(ROOT / "theme", base / "theme")
        shutil.copytree(ROOT / "data", base / "data")
        seed_cache(compiled_cache, base / "cache")  # GeoNames compiled once: not under test
        self.builds = 0

    def settings(self, cache: Path) -> Path:
        return write_settings(self.base / f"conf-{cache.name}.py", PATH=self.content, THEME=self.base / "theme",
                              SITREP_DATA_DIR=self.base / "data", SITREP_CACHE_DIR=cache,
                              SITREP_SEARCH_PARALLEL=False)

    def reports(self) -> list[Path]:
        return sorted(self.content.rglob("*.md"))

    def apply(self, step: Step) -> None:
        kind, n = step
        reports = self.reports()
        if kind == "add":
            source = ["Test Desk", "Field Notes", "Harbour Watch"][n % 3]
            path = self.content / "reports" / "2025" / f"gen-{n}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(REPORT.format(n=n, month=1 + n % 3, day=1 + n % 27, source=source,
                                          place=PLACES[n % len(PLACES)]), encoding="utf-8")
        elif kind == "edit" and reports:
            path = reports[n % len(reports)]
            path.write_text(path.read_text(encoding="utf-8") + f"\nA further sentence ({n}) about Kherson.\n",
                            encoding="utf-8")
        elif kind == "delete" and len(reports) > 1:
            reports[n % len(reports)].unlink()
        elif kind == "rename" and reports:
            path = reports[n % len(reports)]
            path.rename(path.with_name(f"renamed-{n}-{path.name}"))
        elif kind == "template":
            base = self.base / "theme" / "templates" / "base.html"
            text = base.read_text(encoding="utf-8")
            base.write_text(text.replace("</footer>", f"<!-- edit {n} --></footer>", 1), encoding="utf-8")
        elif kind == "taxonomy":
            topics = self.base / "data" / "taxonomy" / "topics.toml"
            text = topics.read_text(encoding="utf-8")
            topics.write_text(text.replace('name = "Strikes', f'name = "Strikes {n}', 1)
                              if 'name = "Strikes' in text else text, encoding="utf-8")

    def build_both(self) -> tuple[Path, Path]:
        """(incremental build in the live folder, clean build in a new folder with new caches)."""
        self.builds += 1
        live = self.base / "live"
        build(self.settings(self.base / "cache"), live, jobs=2)
        clean_cache = self.base / f"clean-cache-{self.builds}"
        clean_cache.mkdir()
        for compiled in [*(self.base / "cache").glob("gazetteer-*"), *(self.base / "cache").glob("aliases-*")]:
            shutil.copy2(compiled, clean_cache / compiled.name)  # GeoNames compiled once: not under test
        clean = self.base / f"clean-{self.builds}"
        build(self.settings(clean_cache), clean, jobs=1)
        return live, clean


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file with its bytes, and every folder (None): a recycled build
    folder must not keep the empty folders of pages gone since."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


@settings(max_examples=3, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=steps)
def test_incremental_build_equals_clean_build(tmp_path_factory, compiled_cache, steps):
    project = Project(tmp_path_factory.mktemp("incremental"), compiled_cache)
    live, clean = project.build_both()
    assert tree(live) == tree(clean)
    for step in steps:
        project.apply(step)
        live, clean = project.build_both()
        a, b = tree(live), tree(clean)
        assert sorted(a) == sorted(b), f"after {step}: files differ"
        different = [p for p in a if a[p] != b[p]]
        assert not different, f"after {step}: {different[:5]} differ from a clean build"


def test_unchanged_files_are_carried_over_with_their_mtime(tmp_path, compiled_cache):
    """A no-change rebuild renders nothing; an added report renders a small share."""
    project = Project(tmp_path, compiled_cache)
    live = tmp_path / "live"
    settings_file = project.settings(tmp_path / "cache")
    first = build(settings_file, live, jobs=1)
    first_build = live.resolve()
    mtimes = {p: p.stat().st_mtime_ns for p in live.rglob("*") if p.is_file()}
    again = build(settings_file, live, jobs=1)
    assert again.rendered == 0 and again.carried == first.files
    # Nothing changed: the live build stays live, and no copy of it is left beside it.
    assert live.resolve() == first_build
    assert sorted(p.name for p in first_build.parent.iterdir()) == [first_build.name,
                                                                    first_build.name + ".manifest.json"]
    assert {p: p.stat().st_mtime_ns for p in live.rglob("*") if p.is_file()} == {
        Path(str(p)): m for p, m in mtimes.items()}
    project.apply(("add", 7))
    added = build(settings_file, live, jobs=1)
    assert 0 < added.rendered < added.files
    assert live.resolve() != first_build and not first_build.exists()
    after = {p.relative_to(live).as_posix(): p.stat().st_mtime_ns for p in live.rglob("*") if p.is_file()}
    before = {p.relative_to(live).as_posix(): m for p, m in mtimes.items()}
    # The pages of the reports already there (report and item pages) are not rendered again, but
    # for the page of the report just before the new one (2025-02-08), whose "Next report" link it
    # becomes (its item pages do not link other reports); a three-report fixture shares most tag,
    # month and feed pages with any new report, so only the pages a new report cannot otherwise
    # touch are checked.
    old_report_pages = [path for path in before if path.startswith("reports/") and path.endswith(".html")]
    assert old_report_pages
    redrawn = {path for path in old_report_pages if after.get(path) != before[path]}
    neighbour = "reports/2025-02-05-test-desk/"
    assert redrawn == {neighbour + "index.html"}, f"pages of unchanged reports rendered again: {redrawn}"
    # Its neighbours are its page's own: the list of its source's reports is as it was.
    assert after["sources/test-desk/index.html"] == before["sources/test-desk/index.html"]
