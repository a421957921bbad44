"""The /search/ page in real headless chromium (Playwright), served over
HTTP on 127.0.0.1 with the site's Content-Security-Policy (default-src 'self')."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from search_support import build_search_site, chromium, serve


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    built = build_search_site(tmp_path_factory.mktemp("browser"))
    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


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


def option_counts(page, facet: str) -> dict[str, int]:
    out = {}
    for value, text in page.eval_on_selector_all(
            f"#search-{facet} option", "os => os.map(o => [o.value, o.textContent])"):
        m = re.search(r"\((\d+)\)$", text)
        if value and m:
            out[value] = int(m.group(1))
    return out


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


def test_a_facet_filters_results_and_counts_follow(page, base):
    page.goto(base + "/search/?q=russian")
    wait_results(page, "for “russian”")
    page.click("#search-filters summary")
    page.wait_for_function("() => document.querySelectorAll('#search-theatre option').length > 2")
    before_total = int(page.inner_text("#search-status").split()[0])
    theatres = option_counts(page, "theatre")
    topics_before = option_counts(page, "topic")
    assert sum(theatres.values()) >= before_total  # items can have several theatres
    page.select_option("#search-theatre", "kharkiv")
    wait_results(page, "in Kharkiv")
    after_total = int(page.inner_text("#search-status").split()[0])
    assert after_total == theatres["kharkiv"] < before_total
    assert option_counts(page, "topic") != topics_before  # live counts
    assert parse_qs(urlparse(page.url).query)["theatre"] == ["kharkiv"]
    assert not page.problems


def test_a_shared_url_restores_query_and_filters_and_history_works(page, base):
    page.goto(base + "/search/?q=kursk&theatre=northern-border")
    wait_results(page, "for “kursk”")
    assert page.input_value("#search-q") == "kursk"
    assert page.input_value("#search-theatre") == "northern-border"
    assert page.locator("#search-filters").get_attribute("open") is not None
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


def test_keyboard_only_search_and_filter(page, base):
    page.goto(base + "/search/")
    page.keyboard.press("Tab")  # skip link
    page.focus("#search-q")
    page.keyboard.type("kyiv")
    page.keyboard.press("Enter")
    wait_results(page, "for “kyiv”")
    page.focus("#search-filters summary")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-source option[value='steppe-dispatch']", state="attached")
    page.focus("#search-source")
    page.select_option("#search-source", "steppe-dispatch")
    wait_results(page, "Steppe Dispatch")
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
    assert "/theatres/kharkiv/" in hrefs
    assert "sitrep search" in fallback.inner_text()
    context.close()


def test_search_page_loads_only_small_files_for_a_query(page, base):
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(urlparse(r.url).path, len(r.body())) if "/search/data/" in r.url else None)
    page.goto(base + "/search/?q=drone")
    wait_results(page, "for “drone”")
    names = set(sizes)
    assert "/search/data/manifest.json" in names
    assert not [n for n in names if "/facets/" in n]  # facets load only with the filters
    assert any(n.startswith("/search/data/p/") for n in names)
    assert any(n.startswith("/search/data/v/") for n in names)
