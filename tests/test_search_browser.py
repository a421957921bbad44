"""The /search/ page in real headless chromium (Playwright), served over
HTTP on 127.0.0.1 with the site's Content-Security-Policy (default-src 'self')."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest



def read_manifest_shards(page, base) -> int:
    """Postings shards of all tiers together."""
    return sum(t["shards"] for t in page.request.get(base + "/search/data/manifest.json").json()["postings"])


@pytest.fixture(scope="module")
def built(search_site):
    return search_site


@pytest.fixture(scope="module")
def base(search_server):
    return search_server


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []
    page.on("pageerror", lambda err: page.problems.append(f"page error: {err}"))
    page.on("console", lambda msg: page.problems.append(f"{msg.text} {msg.location.get('url')}")
            if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def wait_results(page, text_in_status: str = "result"):
    page.wait_for_function(
        "t => document.getElementById('search-status').textContent.includes(t)", arg=text_in_status, timeout=10_000)


def headlines(page) -> list[str]:
    return page.locator("#search-results li h2").all_inner_texts()


def facet_counts(page, facet: str) -> dict[str, int]:
    """value -> count shown in a facet list ("" is "any")."""
    rows = page.eval_on_selector_all(
        f"#facet-{facet}-list li", "lis => lis.map(li => [li.querySelector('input').value, "
        "li.querySelector('.facet-count .n').textContent])")
    return {value: int(n) for value, n in rows}


def result_dates(page) -> list[str]:
    return page.eval_on_selector_all("#search-results time", "ts => ts.map(t => t.dateTime)")


def test_typing_a_query_shows_ranked_results_and_announces_the_count(page, base):
    page.goto(base + "/search/")
    page.locator("#search-q").press_sequentially("drones", delay=30)
    wait_results(page, "for “drones”")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.match(r"\d+ results? for “drones”", status.inner_text())
    assert len(headlines(page)) >= 3
    assert page.locator("#search-results mark").count() > 0  # highlighted words
    assert "q=drones" in page.url
    assert not page.problems


def test_izyum_finds_izium_items(page, base):
    page.goto(base + "/search/")
    page.fill("#search-q", "Izyum")
    wait_results(page, "for “Izyum”")
    found = headlines(page)
    assert any("Izium" in h for h in found), found
    assert any("Izyum" in h for h in found), found  # the report that spells it Izyum too
    marks = page.locator("#search-results mark").all_inner_texts()
    assert "Izium" in marks and "Izyum" in marks


def test_facet_lists_are_visible_and_their_counts_follow_the_query_and_filters(page, base):
    page.goto(base + "/search/")
    wait_results(page, "Type to search")
    for facet in ("theatre", "topic", "place", "source"):
        assert page.locator(f"#facet-{facet}-list").is_visible()  # no panel to open first
    totals = facet_counts(page, "theatre")
    assert totals[""] > 0 and all(n > 0 for n in totals.values())  # the build's totals
    page.fill("#search-q", "russian")
    wait_results(page, "for “russian”")
    total = int(page.inner_text("#search-status").split()[0])
    theatres = facet_counts(page, "theatre")
    topics_before = facet_counts(page, "topic")
    assert theatres[""] == total and theatres != totals  # live counts
    assert sum(n for v, n in theatres.items() if v) >= total  # items can have several theatres
    assert page.locator("#facet-theatre-list input:disabled").count() == sum(1 for v, n in theatres.items() if v and not n)
    page.click("label[for='f-theatre-kharkiv']")
    wait_results(page, "in Kharkiv")
    after_total = int(page.inner_text("#search-status").split()[0])
    assert after_total == theatres["kharkiv"] < total
    assert facet_counts(page, "topic") != topics_before  # the other facets count within Kharkiv
    assert facet_counts(page, "theatre")["kharkiv"] == after_total  # its own facet ignores itself
    assert parse_qs(urlparse(page.url).query)["theatre"] == ["kharkiv"]
    assert not page.problems


def test_a_shared_url_restores_query_filters_and_order_and_history_works(page, base):
    page.goto(base + "/search/?q=kursk&theatre=northern-border&sort=date")
    wait_results(page, "for “kursk”")
    assert page.input_value("#search-q") == "kursk"
    assert page.is_checked("#f-theatre-northern-border") and page.is_checked("#sort-date")
    first = headlines(page)
    assert first
    page.fill("#search-q", "odesa")
    page.press("#search-q", "Enter")
    wait_results(page, "for “odesa”")
    page.go_back()
    wait_results(page, "for “kursk”")
    assert page.input_value("#search-q") == "kursk"
    assert headlines(page) == first
    page.go_forward()
    wait_results(page, "for “odesa”")


def test_sort_by_date_lists_the_same_matches_newest_first_as_the_cli(page, base, built):
    from sitrep.search.index import SearchIndex

    page.goto(base + "/search/?q=drones")
    wait_results(page, "for “drones”")
    by_relevance = result_dates(page)
    total = page.inner_text("#search-status").split()[0]
    page.click("label[for='sort-date']")
    wait_results(page, "newest first")
    assert page.inner_text("#search-status").split()[0] == total
    dates = result_dates(page)
    assert dates == sorted(dates, reverse=True) and dates != by_relevance
    assert parse_qs(urlparse(page.url).query)["sort"] == ["date"]
    with SearchIndex(built.index) as si:
        cli = [h.url for h in si.search("drones", limit=10, sort="date").hits]
    hrefs = page.eval_on_selector_all("#search-results h2 a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["/" + u for u in cli]
    page.click("label[for='sort-relevance']")
    wait_results(page, "for “drones”.")
    assert result_dates(page) == by_relevance
    assert not page.problems


def test_a_misspelling_that_finds_nothing_suggests_a_word_of_the_index(page, base):
    page.goto(base + "/search/")
    page.fill("#search-q", "Kharkif glide bmbs")
    wait_results(page, "No results")
    link = page.locator("#search-status a")
    assert link.inner_text() == "Kharkiv glide bombs"  # the reader's capital kept
    assert "Did you mean" in page.inner_text("#search-status")
    assert page.locator("#search-results li").count() == 0
    link.click()
    wait_results(page, "for “Kharkiv glide bombs”")
    assert page.input_value("#search-q") == "Kharkiv glide bombs" and headlines(page)
    page.fill("#search-q", "Artemovks")  # an alias spelling, misspelt: suggested as it is
    wait_results(page, "No results for “Artemovks”")
    assert page.locator("#search-status a").inner_text() == "Artemovsk"
    page.fill("#search-q", "qqqqzzzz")
    wait_results(page, "No results for “qqqqzzzz”")
    assert page.locator("#search-status a").count() == 0
    assert not page.problems


def test_a_hostile_query_is_cut_with_a_note_and_never_overflows_the_stack(page, base):
    """500 brackets or 250 words: "Maximum call stack" in the browser before;
    now cut to the limits the CLI uses, and the status says so."""
    words = " ".join(f"word{n}" for n in range(60))  # under 1,000 characters in all
    page.goto(base + "/search/?q=" + quote("kyiv " + "(" * 500 + words))
    wait_results(page, "only the first 32 were searched")
    assert len(headlines(page)) >= 1  # kyiv, ANDed with nothing left of the brackets
    page.goto(base + "/search/?q=" + quote("NOT " * 300 + "kyiv"))
    wait_results(page, "were searched")
    assert not page.problems


def test_following_a_result_opens_the_item_permalink(page, base):
    page.goto(base + "/search/?q=metro")
    wait_results(page, "for “metro”")
    link = page.locator("#search-results li h2 a").first
    title = link.inner_text()
    href = link.get_attribute("href")
    assert re.fullmatch(r"/reports/[^/]+/[^/]+/", href)
    link.click()
    page.wait_for_url(base + href)
    assert title in page.locator("h1").inner_text()


def test_html_in_item_text_renders_as_text(page, base):
    page.goto(base + "/search/")
    page.fill("#search-q", "booby trapped image")
    wait_results(page, "result")
    results = page.locator("#search-results")
    assert "<img src=x onerror=alert(1)>" in results.inner_text()
    assert results.locator("img").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img[onerror]').length") == 0
    assert not [p for p in page.problems if p.startswith("dialog")]


def test_keyboard_only_search_filter_and_sort(page, base):
    page.goto(base + "/search/")
    page.keyboard.press("Tab")  # skip link
    page.focus("#search-q")
    page.keyboard.type("kyiv")
    page.keyboard.press("Enter")
    wait_results(page, "for “kyiv”")
    page.focus("#f-source")
    page.keyboard.press("ArrowDown")  # a radio group: arrows choose, skipping sources with no match
    wait_results(page, "in ")
    source = parse_qs(urlparse(page.url).query)["source"][0]
    assert page.is_checked(f"#f-source-{source}")
    assert page.evaluate("() => document.activeElement.id") == f"f-source-{source}"
    page.focus("#sort-relevance")
    page.keyboard.press("ArrowRight")
    wait_results(page, "newest first")
    assert all(a for a in page.locator("#search-results a").all_inner_texts())


def test_without_javascript_the_page_offers_browsing_and_the_cli(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/search/")
    assert not page.locator("#search-app").is_visible()
    fallback = page.locator(".search-fallback")
    assert fallback.is_visible()
    hrefs = fallback.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "/theatres/" in hrefs and "/topics/" in hrefs and "/places/" in hrefs
    assert "/theatres/kharkiv/" in hrefs and "/topics/strikes/" in hrefs
    assert any(re.fullmatch(r"/places/[a-z0-9-]+/", h) for h in hrefs)  # most mentioned places
    for href in hrefs:
        assert page.request.get(base + href).ok, href
    assert "sitrep search" in fallback.inner_text()
    context.close()


def test_with_javascript_the_fallback_is_never_shown(page, base):
    page.goto(base + "/search/?q=drones")
    wait_results(page, "for “drones”")
    assert not page.locator(".search-fallback").is_visible()
    assert page.locator("#search-app").is_visible()


SHIFTS_JS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_results_load_without_layout_shift(browser, base, width, height):
    """Cumulative layout shift while the page starts and results load (Chromium's
    Layout Instability API, as Lighthouse measures CLS): at most 0.05."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(SHIFTS_JS)
    for url in ("/search/?q=drones", "/search/?q=kharkiv&theatre=kharkiv&sort=date", "/search/?q=kharkof"):
        page.goto(base + url)
        wait_results(page, "for “")
        page.wait_for_timeout(300)
        shift = page.evaluate("window.__shift")
        assert shift <= 0.05, f"{url} at {width}x{height}: layout shift {shift:.3f}"
    context.close()


def test_search_page_loads_only_small_files_for_a_query(page, base):
    page.goto(base + "/search/?q=drone")
    wait_results(page, "for “drone”")
    # What the page fetched, from the browser's own resource timing (response
    # events can still be on their way to the test when the results show).
    fetched = page.evaluate("""() => performance.getEntriesByType('resource')
        .map(e => [new URL(e.name).pathname, e.decodedBodySize])""")
    sizes = {path: size for path, size in fetched if "/search/data/" in path}
    names = set(sizes)
    assert "/search/data/manifest.json" in names
    assert any(n.startswith("/search/data/p/") for n in names), names
    assert any(n.startswith("/search/data/v/") for n in names)
    shards = read_manifest_shards(page, base)
    assert sum(1 for n in names if n.startswith("/search/data/p/")) < shards  # only the query's shards
    assert sum(sizes.values()) < 200_000


def test_pages_link_a_favicon_that_exists(page, base, built):
    """An SVG favicon from the theme on every page: no 404 for /favicon.ico on each visit."""
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    pages = ["/", "/search/", "/theatres/kharkiv/"]
    report = next((built.site / "reports").iterdir()).name
    pages.append(f"/reports/{report}/")
    for path in pages:
        page.goto(base + path)
        href = page.get_attribute("link[rel='icon']", "href")
        assert href == "/theme/favicon.svg", path
    icon = page.request.get(base + "/theme/favicon.svg")
    assert icon.ok and "<svg" in icon.text() and "<script" not in icon.text()
    assert not missing
