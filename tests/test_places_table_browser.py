"""The /places/ table in headless chromium: a plain A–Z table without
JavaScript; with it, sortable by every column (aria-sort on the sorted
header) and filterable by text."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def url(search_server):
    # the search fixtures: places with different counts and dates
    return search_server + "/places/"


def column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#places-table tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].querySelector('time')?.dateTime ?? r.cells[{index}].textContent.trim())")


def sorted_header(page) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all("#places-table th[aria-sort]",
                                      "ths => ths.map(th => [th.textContent.trim(), th.getAttribute('aria-sort')])")
    return [tuple(h) for h in found]


@pytest.fixture(params=[True], ids=["js"])
def page(request, browser, url):
    """The places table in a fresh browser context (``params`` says whether JavaScript runs)."""
    context = browser.new_context(java_script_enabled=request.param)
    page = context.new_page()
    page.goto(url)
    yield page
    context.close()


@pytest.mark.parametrize("page", [False], ids=["no-js"], indirect=True)
def test_without_javascript_it_is_a_plain_table_a_to_z(page):
    names = column(page, 0)
    assert len(names) >= 3 and names == sorted(names, key=str.casefold)
    assert not page.locator("#places-tools").is_visible()  # no control that cannot work
    assert page.locator("#places-table thead button").count() == 0
    assert sorted_header(page) == [("Place", "ascending")]


def test_headers_sort_the_table_and_say_so(page):
    names = column(page, 0)
    page.get_by_role("button", name="Items").click()
    counts = [int(n) for n in column(page, 3)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert sorted_header(page) == [("Items", "descending")]
    page.get_by_role("button", name="Items").click()
    assert [int(n) for n in column(page, 3)] == sorted(counts)
    assert sorted_header(page) == [("Items", "ascending")]
    page.get_by_role("button", name="Latest").click()
    dates = column(page, 4)
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]  # newest first
    page.get_by_role("button", name="Region").click()
    regions = column(page, 1)
    assert regions == sorted(regions, key=str.casefold)
    assert sorted_header(page) == [("Region", "ascending")]
    page.get_by_role("button", name="Place").click()
    assert column(page, 0) == names and sorted_header(page) == [("Place", "ascending")]
    page.get_by_role("button", name="Place").click()
    assert column(page, 0) == names[::-1]


def test_the_filter_keeps_the_rows_that_match_and_counts_them(page):
    total = len(column(page, 0))
    assert page.locator("#places-table caption").inner_text() == f"{total} places"
    page.get_by_label("Filter places").fill("kharkiv")  # a name, a region or a theatre
    kept = page.eval_on_selector_all("#places-table tbody tr:not([hidden])", "rs => rs.map(r => r.textContent)")
    assert 0 < len(kept) < total and all("kharkiv" in r.lower() for r in kept)
    assert page.locator("#places-shown").inner_text() == f"{len(kept)} of {total} places match “kharkiv”"
    page.get_by_label("Filter places").fill("izyum nowhere")
    assert column(page, 0) == [] and page.locator("#places-shown").inner_text().startswith("0 of")
    page.get_by_label("Filter places").fill("")
    assert len(column(page, 0)) == total and page.locator("#places-shown").inner_text() == ""


def test_the_filter_matches_within_a_cell_not_across_two(page):
    """The rows' cells have no space between them in the markup: a word made of the
    end of a place's name and the start of its region must not match that row."""
    cells = page.eval_on_selector_all("#places-table tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    name, region = next((n, r) for n, r, *_ in cells if len(n) > 3 and len(r) > 3)
    word = (name[-3:] + region[:3]).lower()
    page.get_by_label("Filter places").fill(word)
    expected = sum(any(word in c.lower() for c in row) for row in cells)
    assert len(column(page, 0)) == expected < len(cells)
