"""End-to-end: real Pelican builds of the fixture archive through the
``sitrep build`` command, into temporary directories. The tests that only
read a build share one (``fixture_site``); a failed build is run as a user
runs it, in a new process, over a copy of that build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import html5lib
import pytest

from conftest import ROOT, run_main
from sitrep.pages.opendata import read_items


def tree_digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*")) if p.is_file()
    }


@pytest.fixture
def built(fixture_site):
    return fixture_site.site, fixture_site.stdout


@pytest.fixture
def rebuilt(tmp_path, fixture_site, fixture_archive, site_settings):
    """A copy of the shared build (its output link and builds folder) to build
    again over, with a writable copy of its content."""
    shutil.copytree(fixture_site.site.parent, tmp_path / "site", symlinks=True)
    out = tmp_path / "site" / "output"
    assert out.is_symlink() and (out / "index.html").is_file()
    return out, fixture_archive, site_settings()


def parse(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def test_build_writes_report_item_and_archive_pages(built):
    out, stdout = built
    assert "Built 3 reports, 6 item pages" in stdout
    report = out / "reports/2025-02-04-test-desk/index.html"
    item = out / "reports/2025-02-04-test-desk/kupiansk-execution-threats/index.html"
    for page in (out / "index.html", report, item, out / "archives/index.html",
                 out / "archives/2025/index.html", out / "archives/2025/02/index.html",
                 out / "404.html", out / "sources/test-desk/index.html", out / "feeds/all.atom.xml"):
        assert page.is_file(), page


def test_report_page_has_an_anchor_per_item_and_links_each_permalink(built):
    out, _ = built
    doc = parse(out / "reports/2025-02-04-test-desk/index.html")
    anchors = {s.get("id") for s in doc.iter("section") if s.get("id")}
    assert {"kupiansk-execution-threats", "ballistic-missile-kills-five-in-izium"} <= anchors
    hrefs = {a.get("href") for a in doc.iter("a")}
    assert "/reports/2025-02-04-test-desk/kupiansk-execution-threats/" in hrefs


def test_item_page_links_its_report_and_neighbours(built):
    out, _ = built
    html = (out / "reports/2025-02-04-test-desk/ballistic-missile-kills-five-in-izium/index.html").read_text()
    assert "/reports/2025-02-04-test-desk/#ballistic-missile-kills-five-in-izium" in html
    assert "/reports/2025-02-04-test-desk/kupiansk-execution-threats/" in html  # next item
    assert "/reports/2025-02-04-test-desk/north-korean-units-remain-in-kursk-oblast-intelligence-chief/" in html


def test_report_pages_link_the_reports_before_and_after_by_date(built):
    """The report page leads to its neighbours; an item page leads to its own report only."""
    out, _ = built

    def report_links(path: str) -> dict[str, str]:
        nav = [n for n in parse(out / path).iter("nav") if n.get("aria-label") == "Other reports"]
        return {a.get("rel"): a.get("href") for n in nav for a in n.iter("a")}

    assert report_links("reports/2024-12-30-field-notes/index.html") == {"next": "/reports/2025-02-04-test-desk/"}
    assert report_links("reports/2025-02-04-test-desk/index.html") == {
        "prev": "/reports/2024-12-30-field-notes/", "next": "/reports/2025-02-05-test-desk/"}
    assert report_links("reports/2025-02-05-test-desk/index.html") == {"prev": "/reports/2025-02-04-test-desk/"}
    assert report_links("reports/2025-02-04-test-desk/ballistic-missile-kills-five-in-izium/index.html") == {}


def test_every_page_has_lang_title_one_h1_main_and_skip_link(built):
    out, _ = built
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        doc = parse(page)
        assert doc.get("lang") == "en", page
        assert doc.find("head/title") is not None and doc.find("head/title").text.strip(), page
        assert len(list(doc.iter("h1"))) == 1, page
        assert doc.find(".//main") is not None, page
        assert any(a.get("href") == "#main" for a in doc.iter("a")), page
        # JSON-LD is data, never executed, so CSP's script-src does not apply to it.
        inline = [s for s in doc.iter("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not inline, f"inline script in {page}"


def test_failed_build_leaves_previous_site_untouched(rebuilt, sitrep):
    out, content, settings = rebuilt
    before = tree_digest(out)
    bad = content / "reports/2025/2025-02-06-test-desk.md"
    bad.write_text("Title: Broken\nDate: sixth of February\nSource: Test Desk\n\n## A\n\nB\n")
    proc = sitrep("build", "--settings", str(settings), "--content", str(content), "--output", str(out), "--quiet")
    assert proc.returncode == 1
    assert "2025-02-06-test-desk.md:2: cannot read the date 'sixth of February'" in proc.stderr
    assert "how to fix: write the date as YYYY-MM-DD" in proc.stderr
    # One error, named once, and the folder that was kept is the one asked for.
    assert f"failed with 1 error(s); {out}/ was left untouched" in proc.stderr
    assert "Could not process" not in proc.stderr
    assert tree_digest(out) == before
    # Nothing of the failed build is left but the spare the next build writes over (sitrep.publish.spare).
    builds = out.parent / ".output.builds"
    assert sorted(p.name for p in builds.iterdir()) == sorted(
        [out.resolve().name, out.resolve().name + ".manifest.json", "spare"])
    assert not list(out.parent.glob(".output.link-*"))


def test_duplicate_report_slug_fails_the_build_naming_both_files(rebuilt, sitrep):
    out, content, settings = rebuilt
    src = content / "reports/2025/2025-02-05-test-desk.md"
    (content / "reports/2025/copy.md").write_text(src.read_text())
    proc = sitrep("build", "--settings", str(settings), "--content", str(content), "--output", str(out), "--quiet")
    assert proc.returncode == 1
    assert "report slug '2025-02-05-test-desk' is already used" in proc.stderr
    assert "Slug:" in proc.stderr


@pytest.mark.slow
def test_sample_archive_builds(tmp_path, sitrep):
    out = tmp_path / "site"
    proc = sitrep("build", "--output", str(out), "--quiet", check=True)
    reports = list((out / "reports").glob("*/index.html"))
    items = list((out / "reports").glob("*/*/index.html"))
    sources = list((ROOT / "content/reports").rglob("*.md"))
    assert len(reports) == len(sources) >= 40
    assert len(items) >= 5 * len(reports)
    assert f"Built {len(reports)} reports, {len(items)} item pages" in proc.stdout


@pytest.mark.slow
def test_draft_reports_stay_off_the_site(tmp_path, fixture_archive, site_settings):
    report = fixture_archive / "reports/2025/2025-02-05-test-desk.md"
    report.write_text(report.read_text().replace("Source: Test Desk", "Source: Test Desk\nStatus: draft", 1))
    out = tmp_path / "out"
    run_main("build", "--settings", str(site_settings()), "--content", str(fixture_archive), "--output", str(out),
             "--quiet", check=True)
    assert not (out / "reports/2025-02-05-test-desk").exists()
    assert not any(r["report"] == "2025-02-05-test-desk" for r in read_items(out))
