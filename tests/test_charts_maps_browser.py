"""Charts and maps as a reader sees them: the fixture archive built and
served, opened in headless chromium at desktop and phone sizes. Every chart
and map text measures at least 12 px on screen, map labels do not overlap,
and a map holds nothing a keyboard can reach."""

from __future__ import annotations

import pytest

from search_support import serve

SIZES = {"desktop": (1366, 900), "mobile": (390, 844)}

MEASURE = """() => {
  const texts = [];
  for (const t of document.querySelectorAll('figure.chart svg text, figure.map svg text')) {
    const r = t.getBoundingClientRect();
    if (!r.width) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    texts.push([t.textContent, px, r.height]);
  }
  const overlaps = [];
  for (const svg of document.querySelectorAll('svg.place-map')) {
    const boxes = [...svg.querySelectorAll(':scope > text')].map(t => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, A] = boxes[i], [b, B] = boxes[j];
      if (Math.min(A.right, B.right) - Math.max(A.left, B.left) > 0.5 &&
          Math.min(A.bottom, B.bottom) - Math.max(A.top, B.top) > 0.5) overlaps.push(a + ' / ' + b);
    }
  }
  const focusable = document.querySelectorAll('svg.place-map a, svg.place-map [tabindex], svg.timeline a').length;
  return {texts, overlaps, focusable, maps: document.querySelectorAll('svg.place-map').length};
}"""


@pytest.fixture(scope="module")
def base(fixture_site):
    out = fixture_site
    theatre = next(p.parent.name for p in sorted((out / "theatres").glob("*/index.html"))
                   if "place-map" in p.read_text())
    place = next(p.parent.name for p in sorted((out / "places").glob("*/index.html")))
    with serve(out) as url:
        yield url, ["/", "/theatres/", f"/theatres/{theatre}/", "/places/", f"/places/{place}/"]


@pytest.mark.parametrize("size", SIZES)
def test_chart_and_map_text_is_at_least_12px_and_labels_do_not_overlap(browser, base, size):
    url, pages = base
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        maps_seen = 0
        for path in pages:
            page.goto(url + path)
            found = page.evaluate(MEASURE)
            assert found["texts"], f"no chart or map text on {path}"
            smallest = min(found["texts"], key=lambda t: t[1])
            assert smallest[1] >= 12, (size, path, smallest)
            assert not found["overlaps"], (size, path, found["overlaps"])
            assert found["focusable"] == 0, (size, path)
            maps_seen += found["maps"]
            scroll = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert scroll <= 0, f"{path} scrolls sideways by {scroll}px at {size}"
        assert maps_seen >= 3
    finally:
        context.close()
