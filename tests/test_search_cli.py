"""`sitrep search` on a real build of the search fixtures, the search page and
the browser index files the build writes."""

from __future__ import annotations

import json
import subprocess
import sys

import html5lib
import pytest

from conftest import ROOT, run_main

from sitrep.pages.opendata import read_items
from sitrep.search.export import DATA_DIR, indexed_item_ids, read_manifest


@pytest.fixture(scope="module")
def built(search_site):
    return search_site


def search(built, *args: str, check: bool = True):
    return run_main("search", *args, "--index", str(built.index), check=check)


def test_text_output_ranks_and_highlights(built):
    out = search(built, "Kiev missile").stdout
    assert out.splitlines()[0].startswith("1 result for 'Kiev missile'")
    assert " 1. Missile strike on Kiev damages a children's hospital" in out
    assert "/reports/2025-01-14-steppe-dispatch/missile-strike-on-kiev-damages-a-children-hospital/" in out
    assert "**missile**" in out and "**Kiev**" in out


def test_json_output_has_the_documented_fields(built):
    rows = json.loads(search(built, "kharkiv", "--json").stdout)
    assert rows and all(set(r) == {"id", "url", "headline", "date", "score", "theatres", "topics", "snippet"}
                        for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["score"])
    assert all(r["url"].startswith("/reports/") for r in rows)
    assert any("Kharkov" in r["headline"] for r in rows)  # the other spelling is found


@pytest.mark.parametrize("query, expected", [
    ("Izyum", {"izyum-residents-queue-for-water-after-pipeline-is-hit", "izium-market-reopens-after-repairs",
               "ballistic-missile-kills-five-in-izium"}),
    ("Artemivsk", {"veterans-recall-the-fight-for-artemivsk"}),
    ("bakhmut", {"veterans-recall-the-fight-for-artemivsk"}),
    ('"north korean"', {"north-korean-soldiers-seen-in-new-kursk-assaults",
                        "north-korean-units-remain-in-kursk-oblast-intelligence-chief"}),
    ("odesa NOT grain", {"kherson-evacuates-two-riverside-districts", "power-cuts-return-to-odesa-after-strike-on-substation"}),
    ("kerch OR sevastopol", {"kerch-bridge-traffic-halted-during-drone-alert",
                             "sea-drone-damages-a-landing-ship-near-sevastopol"}),
    ("zaporizh", {"zaporizhzhia-plant-switches-to-its-reserve-line", "energy-workers-repair-lines-near-zaporizhzhia"}),
])
def test_query_language(built, query, expected):
    rows = json.loads(search(built, query, "--json", "--limit", "50").stdout)
    assert {r["id"].split("/")[1] for r in rows} == expected


def test_filters(built):
    rows = json.loads(search(built, "drone", "--json", "--theatre", "crimea-black-sea").stdout)
    assert rows and all("crimea-black-sea" in r["theatres"] for r in rows)
    rows = json.loads(search(built, "odesa", "--json", "--since", "2025-02-01", "--until", "2025-02-28").stdout)
    assert rows and all("2025-02-01" <= r["date"] <= "2025-02-28" for r in rows)
    rows = json.loads(search(built, "odesa", "--json", "--source", "harbour-watch", "--place", "odesa").stdout)
    assert rows and all(r["id"].split("/")[0].endswith("harbour-watch") for r in rows)


def test_bad_options_fail_with_a_hint(built):
    proc = search(built, "x", "--theatre", "kharkov", check=False)
    assert proc.returncode == 1 and "did you mean kharkiv?" in proc.stderr
    proc = search(built, "x", "--since", "last week", check=False)
    assert proc.returncode == 1 and "write YYYY-MM-DD" in proc.stderr
    proc = run_main("search", "x", "--index", str(built.site / "nowhere"), check=False)
    assert proc.returncode == 1 and "build the site first" in proc.stderr


def test_invoke_has_the_search_tasks():
    out = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "search" in out and "bench-search" in out


def test_browser_index_covers_exactly_the_items_with_pages(built):
    items = read_items(built.site)
    assert indexed_item_ids(built.site) == {i["id"] for i in items}
    pages = {p.parent.relative_to(built.site / "reports").as_posix()
             for p in (built.site / "reports").glob("*/*/index.html")}
    assert indexed_item_ids(built.site) == pages
    manifest = read_manifest(built.site)
    assert manifest["documents"] == len(items)
    assert not (built.site / "search" / "whoosh").exists()  # the Whoosh index is not shipped


def test_search_page_is_csp_clean_and_linked_from_the_nav(built):
    page = built.site / "search/index.html"
    doc = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    scripts = list(doc.iter("script"))
    assert [s.get("type") for s in scripts] == ["module"] and scripts[0].get("src").endswith("/js/search.js")
    assert not [e for e in doc.iter() if e.get("style") is not None]
    assert doc.find(".//*[@id='search-app']").get("data-index") == f"/{DATA_DIR}/"
    assert any(link.get("href", "").endswith("/css/search.css") for link in doc.iter("link"))
    assert doc.find(".//*[@id='search-status']").get("aria-live") == "polite"
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert 'href="/search/">Search</a>' in home
    for js in ("search.js", "search-engine.js"):
        assert (built.site / "theme/js" / js).is_file()
