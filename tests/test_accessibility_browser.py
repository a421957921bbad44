"""Accessibility as a reader with assistive technology meets it: the fixture
site built once, served on 127.0.0.1, opened in headless chromium at desktop
and phone sizes. axe-core (vendored in tests/tools/axe-core, never shipped
with the site) finds no violation on one page of each type; a keyboard
reaches the places table in a few Tab presses (map dots are not stops on the
way); every link and control is a tap target of at least 24 px."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_support import serve

AXE = Path(__file__).resolve().parent / "tools" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1366, 900), "mobile": (390, 844)}
MAX_TABS_TO_PLACES_TABLE = 15
KINDS = ["home", "report", "item", "theatres", "theatre", "theatre month", "topics", "topic", "places", "place",
         "sources", "source", "archives", "search", "static page", "404"]


def page_types(site: Path) -> dict[str, str]:
    """One path of each page type of the built site, found in its files."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        assert found, f"the fixture site has no {pattern}"
        return "/" + str(found[0].relative_to(site).parent) + "/"

    theatre = next(p for p in sorted(site.glob("theatres/*/index.html")) if "place-map" in p.read_text())
    return {
        "home": "/",
        "report": first("reports/*/index.html"),
        "item": first("reports/*/*/index.html"),
        "theatres": "/theatres/",
        "theatre": "/" + str(theatre.relative_to(site).parent) + "/",
        "theatre month": first("theatres/*/[0-9]*/[0-9]*/index.html"),
        "topics": "/topics/",
        "topic": first("topics/*/index.html"),
        "places": "/places/",
        "place": first("places/*/index.html"),
        "sources": "/sources/",
        "source": first("sources/*/index.html"),
        "archives": "/archives/",
        "search": "/search/",
        "static page": "/about/",
        "404": "/404.html",
    }


@pytest.fixture(scope="module")
def site(reader_site):
    with serve(reader_site.site) as url:
        yield url, page_types(reader_site.site)


@pytest.fixture(params=list(SIZES))
def page(request, browser):
    width, height = SIZES[request.param]
    # bypass_csp: axe is injected as an inline script, which the site's policy forbids.
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.size = request.param
    yield page
    context.close()


def goto(page, url: str, path: str) -> None:
    response = page.goto(url + path)
    assert response.ok, f"{path}: HTTP {response.status}"


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
      // target-size (WCAG 2.2 AA, 24 px or spaced apart) is off by default in axe 4.
      const r = await axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' '))}));
    }""")


def readable(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        lines.extend(f"    {n[:300]}" for n in v["nodes"][:5])
    return "\n".join(lines)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_violation(page, site, kind):
    url, paths = site
    goto(page, url, paths[kind])
    if kind == "search":
        page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    violations = run_axe(page)
    assert not violations, f"{kind} page {paths[kind]} at {page.size}:\n{readable(violations)}"


def test_keyboard_reaches_the_places_table_in_a_few_tabs_past_no_map_dot(page, site):
    url, _ = site
    page.goto(url + "/places/")
    stops = []
    for _ in range(MAX_TABS_TO_PLACES_TABLE):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const a = document.activeElement;
          return [a.tagName, a.textContent.trim().slice(0, 40), !!a.closest('svg'),
                  !!a.closest('table.places-table, .places-tools')]; }""")
        stops.append(where)
        assert not where[2], f"a map element takes the focus: {stops}"
        if where[3]:
            break
    else:
        pytest.fail(f"{MAX_TABS_TO_PLACES_TABLE} Tabs did not reach the places table: {stops}")
    print(f"{page.size}: the places table is reached in {len(stops)} Tab presses")


TAP_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')) {
    let r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    // A control's label is part of its target: a click on it works the control.
    for (const label of el.labels || []) {
      const l = label.getBoundingClientRect();
      if (l.height * l.width > r.height * r.width) r = l;
    }
    if (el.closest('.skip-link') && r.top < 0) continue;
    // An inline link in running text is exempt (WCAG 2.5.8), as axe's target-size rule says.
    const inline = getComputedStyle(el).display === 'inline' && el.closest('p, li, td, dd, figcaption')
                   && el.closest('p, li, td, dd, figcaption').textContent.trim() !== el.textContent.trim();
    if (inline) continue;
    if (r.width < 24 || r.height < 24) small.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("kind", KINDS)
def test_links_and_controls_are_tap_targets_of_24px(page, site, kind):
    url, paths = site
    goto(page, url, paths[kind])
    small = page.evaluate(TAP_TARGETS)
    assert not small, f"{kind} at {page.size}: targets under 24 px: {small[:15]}"


@pytest.mark.parametrize("kind", ["theatre", "theatre month"])
def test_item_lists_are_rows_without_list_markers(page, site, kind):
    """The latest items of a tag and a month's items are rows set flush with the text, not a bulleted or
    numbered list (the stylesheet's rule for both kinds of list; a broken rule showed numbers)."""
    url, paths = site
    goto(page, url, paths[kind])
    styles = page.evaluate("""() => [...document.querySelectorAll('ol.item-rows, ul.day-rows')]
        .map(l => [getComputedStyle(l).listStyleType, getComputedStyle(l).paddingLeft])""")
    assert styles and all(s == ["none", "0px"] for s in styles), styles
