"""The command line and the browser agree: for a fixed set of queries, the
CLI's top 10 (Whoosh BM25F on the prebuilt index) and the browser's top 10
(search-engine.js on the exported JSON, run in real headless chromium) are
the same items in the same order with the same scores."""

from __future__ import annotations

import json

import pytest

from conftest import run_sitrep
from search_support import serve

from sitrep.search.index import Filters, SearchIndex

# (query, filters): plain words, alias spellings, phrases, booleans, prefixes
# of a last word still being typed, numbers, words absent from the archive,
# and filters.
QUERIES: list[tuple[str, dict]] = [
    ("kiev", {}), ("kyiv", {}), ("Kharkov", {}), ("kharkiv", {}), ("Izyum", {}), ("izium", {}),
    ("Artemivsk", {}), ("bakhmut", {}), ("Odessa", {}), ("odesa port", {}),
    ('"north korean"', {}), ("north korean soldiers", {}), ('"north korean" kursk', {}),
    ("missile", {}), ("drone attack", {}), ('"glide bombs"', {}), ("zaporizhzhia plant", {}),
    ("power OR electricity", {}), ("strike NOT kyiv", {}), ("missile -hospital", {}),
    ('"black sea"', {}), ("grain ships", {}), ("children", {}), ("pokrovsk assaults", {}),
    ("sevastopol", {}), ("kherson evacuat", {}), ("market", {}), ("metro", {}),
    ("Donbass", {}), ("kerch bridge", {}), ("belgorod", {}), ("sumy border", {}),
    ("prisoners", {}), ("oil depot", {}), ('"sea drone"', {}), ("kup", {}), ("izy", {}),
    ("zapor", {}), ("ukrain", {}), ("russian air defence", {}), ("(kyiv OR kharkiv) missile", {}),
    ("8,000", {}), ("rostov-on-don", {}), ("the", {}), ("NOT kyiv", {}), ("zzzz", {}),
    ("attack", {"theatre": "kharkiv"}), ("strike", {"topic": "energy-infrastructure"}),
    ("drone", {"since": "2025-02-01", "until": "2025-02-28"}), ("war", {"source": "harbour-watch"}),
    ("kyiv", {"place": "kyiv"}),
    # spellings that stand for a place at query time only, and a Russian name word by word
    ("Artemovsk", {}), ("Krasnoarmeysk ", {}), ("dnepropetrovsk", {}), ('"krivoy rog" OR pokrovsk', {}),
    # newest first (`sitrep search --sort date`)
    ("drones", {"sort": "date"}), ("kyiv OR kharkiv", {"sort": "date", "theatre": "kharkiv"}),
    ("strike -kyiv", {"sort": "date", "since": "2025-01-01"}),
]

_ENGINE_JS = """
async (queries) => {
  const { SearchEngine } = await import('/theme/js/search-engine.js');
  const engine = new SearchEngine('/search/data/');
  const out = [];
  for (const [q, filters] of queries) {
    const r = await engine.search(q, filters);
    const top = r.ranked.slice(0, 10);
    const frags = await engine.fragments(top.map(([d]) => d));
    out.push(top.map(([d, s], i) => [frags[i].id, s]));
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def site(search_site):
    return search_site


@pytest.fixture(scope="module")
def page(site, browser):
    with serve(site.site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/search/")
        yield page
        context.close()


@pytest.fixture(scope="module")
def browser_results(page):
    return page.evaluate(_ENGINE_JS, [[q, f] for q, f in QUERIES])


@pytest.fixture(scope="module")
def cli_results(site):
    with SearchIndex(site.index) as si:
        return [[(h.id, h.score) for h in si.search(q, _filters(f)[0], limit=10, sort=_filters(f)[1]).hits]
                for q, f in QUERIES]


def _filters(f: dict) -> tuple[Filters, str]:
    """(filters, sort) of a query's options: the browser takes both in one object."""
    f = dict(f)
    sort = f.pop("sort", "relevance")
    return Filters(**f), sort


def _same_ranking(cli: list, browser: list) -> str | None:
    """None if equal (ties aside: equal scores may come in any order), else why not."""
    if len(cli) != len(browser):
        return f"{len(cli)} CLI results, {len(browser)} browser results"
    for (cid, cs), (bid, bs) in zip(cli, browser):
        if abs(cs - bs) > 1e-9 * max(1.0, abs(cs)):
            return f"scores differ: {cid} {cs!r} vs {bid} {bs!r}"
    groups: dict[float, tuple[set, set]] = {}
    for (cid, cs), (bid, _) in zip(cli, browser):
        key = round(cs, 9)
        groups.setdefault(key, (set(), set()))
        groups[key][0].add(cid)
        groups[key][1].add(bid)
    for key, (a, b) in groups.items():
        if a != b:
            return f"different items at score {key}: {sorted(a)} vs {sorted(b)}"
    return None


def test_there_are_at_least_30_queries_and_most_find_something(cli_results):
    assert len(QUERIES) >= 30
    assert sum(1 for r in cli_results if r) >= 40


@pytest.mark.parametrize("i", range(len(QUERIES)), ids=[f"{q}|{json.dumps(f)}" for q, f in QUERIES])
def test_cli_and_browser_rank_alike(i, cli_results, browser_results):
    problem = _same_ranking(cli_results[i], browser_results[i])
    assert problem is None, f"{QUERIES[i]}: {problem}\nCLI: {cli_results[i]}\nbrowser: {browser_results[i]}"


def test_newest_first_is_the_same_order(cli_results, browser_results):
    """Sorted by date both list the same items in the same order (score 0, as the CLI prints)."""
    dated = [i for i, (_, f) in enumerate(QUERIES) if f.get("sort") == "date"]
    assert dated and all(cli_results[i] for i in dated)
    for i in dated:
        assert [r[0] for r in browser_results[i]] == [r[0] for r in cli_results[i]], QUERIES[i]


def test_scores_are_bit_identical(cli_results, browser_results):
    """The port of Whoosh's BM25F adds the same floats in the same order."""
    pairs = [(c[1], b[1]) for cr, br in zip(cli_results, browser_results) for c, b in zip(cr, br)]
    assert pairs and all(c == b for c, b in pairs)


def test_the_sitrep_command_gives_the_same_top_10(site, cli_results):
    """`sitrep search --json` is the CLI the agreement is about."""
    for i in (0, 10, 18, 35):
        q, f = QUERIES[i]
        args = ["search", q, "--json", "--index", str(site.index)]
        for k, v in f.items():
            args += [f"--{k}", v]
        rows = json.loads(run_sitrep(*args, check=True).stdout)
        assert [(r["id"], r["score"]) for r in rows] == cli_results[i]


TRICKY = [
    "Kharkiv’s mayor", "Ryl'sk and Rylsk", "8,000 troops; 1.300 km", "Запоріжжя і Київ", "Ізюм, Харків",
    "café naïve façade", "Straße STRASSE", "Mariupol—Berdiansk", "ʼYuzhmashʼ plant", "North Korea's",
    "İstanbul", "ΣΟΦΟΣ σοφος", "don’t-stop", "x_y snake_case", "ﬁnal ﬂight", "²³ km²", "Ryl`sk",
]


def test_browser_tokenizer_and_folding_match_python(page):
    """The browser cuts and folds words exactly as sitrep.text does."""
    from sitrep.text import tokenize

    js = page.evaluate("""async (texts) => {
      const { tokenize } = await import('/theme/js/search-engine.js');
      return texts.map((t) => tokenize(t).map((x) => x.text));
    }""", TRICKY)
    assert js == [[t.text for t in tokenize(text)] for text in TRICKY]


def test_browser_query_parser_matches_python(page, site):
    """Same resolved query tree for the same raw query, in both engines."""
    queries = [q for q, _ in QUERIES] + ['"north', 'a OR', '((kyiv', 'kyiv )', '-', '"" kyiv', 'NOT NOT kyiv']
    js = page.evaluate("""async (queries) => {
      const { SearchEngine } = await import('/theme/js/search-engine.js');
      const engine = new SearchEngine('/search/data/');
      const out = [];
      for (const q of queries) out.push((await engine.compile(q)).q);
      return out;
    }""", queries)
    with SearchIndex(site.index) as si:
        py = [si.compile(q) for q in queries]

    def norm(node):
        if node is None:
            return None
        d = node.to_json() if not isinstance(node, dict) else dict(node)
        d.setdefault("boost", 1.0)
        d["boost"] = float(d["boost"])
        if "children" in d:
            d["children"] = [norm(c) for c in d["children"]]
        return d

    assert [norm(j) for j in js] == [norm(p) for p in py]


MISSPELT = ["kharkof", "Kharkif glide bmbs", "misile", "Artemovks", "zaporizha", "qqqqzzzz", "ykiv",
            '"glide bmbs"', "sevastopl -kyiv", "DRONS", "pokrovk assults", "kiev"]


def test_did_you_mean_agrees(page, site):
    """/search/ and `sitrep search` suggest the same spelling for a query that finds nothing."""
    js = page.evaluate("""async (queries) => {
      const { SearchEngine } = await import('/theme/js/search-engine.js');
      const engine = new SearchEngine('/search/data/');
      const out = [];
      for (const q of queries) { const s = await engine.suggest(q, {}); out.push(s && [s.query, s.total]); }
      return out;
    }""", MISSPELT)
    with SearchIndex(site.index) as si:
        py = [list(s) if (s := si.suggest(q)) else None for q in MISSPELT]
    assert js == py
    found = dict(zip(MISSPELT, py))
    assert found["kharkof"][0] == "kharkov" and found["Kharkif glide bmbs"][0] == "Kharkiv glide bombs"
    assert found["DRONS"][0] == "DRONE" and found["ykiv"][0] == "kyiv"
    assert found["sevastopl -kyiv"][0] == "sevastopol -kyiv" and found['"glide bmbs"'][0] == '"glide bombs"'
    assert found["qqqqzzzz"] is None and found["kiev"] is None  # nothing near; nothing wrong


def test_the_command_line_says_did_you_mean(site):
    out = run_sitrep("search", "Kharkif glide bmbs", "--index", str(site.index), check=True).stdout
    assert "0 results" in out and "Did you mean 'Kharkiv glide bombs'?" in out
