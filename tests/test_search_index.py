"""The search core without Pelican: analysis and aliases, the query language,
the incremental Whoosh index, snippets, the browser export and the generator."""

from __future__ import annotations

import datetime as dt
import gzip
import dataclasses
import math
import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT

from sitrep import text
from sitrep.search.alias_cache import load_aliases
from sitrep.search.aliases import aliases_digest, build_aliases
from sitrep.search import datafiles
from sitrep.search.export import (
    DATA_DIR, export_browser_index, fnv1a, indexed_item_ids, read_manifest, vocab_key,
)
from sitrep.search.index import Filters, SearchIndex
from sitrep.search.indexing import update_index
from sitrep.search.query import MAX_EXPANSIONS, NONE, Q, Vocabulary, compile_query
from sitrep.search.query_parser import lex, parse
from sitrep.search.schema import SearchDoc
from sitrep.search.snippets import snippet

ALIASES = {"kiev": "kyiv", "izyum": "izium", "kharkov": "kharkiv"}


# ----------------------------------------------------------------------------- analysis


def test_analyze_resolves_aliases_before_stemming_and_drops_stop_words():
    terms = text.analyze("Kiev's drones hit the Izyum depots", ALIASES)
    assert [t.text for t in terms] == ["kyiv", "drone", "hit", "izium", "depot"]
    assert [t.surface for t in terms] == ["kiev", "drones", "hit", "izyum", "depots"]
    assert [t.pos for t in terms] == [0, 1, 2, 3, 4]  # stop words do not count
    assert "Izyum" == "Kiev's drones hit the Izyum depots"[terms[3].start:terms[3].end]


def test_word_term_and_terms_agree_without_aliases():
    sample = "North Korean troops remain in Kursk; 8,000 soldiers."
    assert [t.text for t in text.analyze(sample)] == text.terms(sample)
    assert text.word_term("the") is None
    assert text.word_term("kiev", ALIASES) == "kyiv"


@pytest.fixture(scope="module")
def real_aliases():
    return load_aliases(ROOT / "data", ROOT / ".sitrep-cache")


@pytest.mark.parametrize("spelling, name", [
    ("kiev", "kyiv"), ("kharkov", "kharkiv"), ("izyum", "izium"), ("artemivsk", "bakhmut"),
    ("odessa", "odesa"), ("donbass", "donbas"), ("zaporozhye", "zaporizhzhia"),
])
def test_alias_table_from_gazetteer_and_taxonomy(real_aliases, spelling, name):
    assert real_aliases[spelling] == name


@pytest.fixture(scope="module")
def real_tables():
    from sitrep.search.alias_cache import load_alias_tables

    return load_alias_tables(ROOT / "data", ROOT / ".sitrep-cache")


@pytest.mark.parametrize("spelling, name", [
    # transliterations of GeoNames' Russian names, in no editor's list
    ("ugledar", "vuhledar"), ("lugansk", "luhansk"), ("chernigov", "chernihiv"), ("kremennaya", "kreminna"),
    ("lvov", "lviv"), ("nikolaev", "mykolaiv"), ("slavyansk", "sloviansk"), ("avdeevka", "avdiivka"),
])
def test_russian_spellings_are_aliases(real_tables, spelling, name):
    assert real_tables.aliases[spelling] == name


@pytest.mark.parametrize("spelling, words", [
    ("artemovsk", ["bakhmut"]),  # also a Russian village: found, never rewritten
    ("dzerzhinsk", ["toretsk"]),  # also a Russian city of 230,000
    ("krasnoarmeysk", ["pokrovsk"]), ("volchansk", ["vovchansk"]), ("konstantinovka", ["kostiantynivka"]),
    ("krivoy", ["kryvyi"]), ("rog", ["rih"]),  # Krivoy Rog, word by word
    ("voroshilovgrad", ["luhansk"]), ("zhdanov", ["mariupol"]),  # search-aliases.toml
])
def test_spellings_that_are_names_of_their_own_stand_for_the_place_at_query_time(real_tables, spelling, words):
    assert real_tables.also[spelling][:len(words)] == words
    assert spelling not in real_tables.aliases or spelling == "zhdanov"  # Zhdanivka's GeoNames spelling


def test_an_editor_spelling_of_two_places_finds_both(real_tables):
    assert set(real_tables.also["dnepropetrovsk"]) == {"dnipro", "dnipropetrovsk"}
    # the region's name, and the city's until 2016 (search-aliases.toml): it finds the city too
    assert real_tables.also["dnipropetrovsk"] == ["dnipro"]
    assert "dnipro" not in real_tables.also  # the city's own name stands for nothing else
    assert "belgorod" not in real_tables.also  # Belgorod-Dnestrovsky pairs no word with Bilhorod


def test_russian_transliteration():
    from sitrep.search.transliteration import russian_latin

    assert russian_latin("Запорожье")[:2] == ["zaporozhye", "zaporozhe"]
    assert "krivoy rog" in russian_latin("Кривой Рог")
    assert russian_latin("Артёмовск")[:2] == ["artyomovsk", "artemovsk"]
    assert russian_latin("Харків") == [] and russian_latin("Кіеў") == [] and russian_latin("Кијев") == []


def test_words_of_multi_word_names_pair_only_when_alike():
    from sitrep.search.aliases import build_alias_tables

    places = [SimpleNamespace(name="Kryvyi Rih", population=600_000, prefer=False, kind="city"),
              SimpleNamespace(name="Kerch Bridge", population=0, prefer=False, kind="feature")]
    gaz = _gaz({"krivoy rog": [(0, True)], "crimean bridge": [(1, True)]}, places)
    tables = build_alias_tables(gaz)
    assert tables.also == {"krivoy": ["kryvyi"], "rog": ["rih"]} and tables.aliases == {}


def test_alias_table_never_hides_a_name_or_a_stop_word(real_aliases):
    assert "kursk" not in real_aliases and "kyiv" not in real_aliases
    assert not set(real_aliases) & text.STOPWORDS
    assert all(k != v for k, v in real_aliases.items())
    assert not set(real_aliases.values()) & set(real_aliases)  # chains resolved


def _gaz(entries: dict, places: list):
    from sitrep.tagging.gazetteer import ALTERNATE, EDITOR, PLACE

    index = {tuple(k.split()): tuple((PLACE, i, EDITOR if ed else ALTERNATE, True) for i, ed in v)
             for k, v in entries.items()}
    return SimpleNamespace(index=index, places=places, regions={})


def _place(name, population=50_000, prefer=False):
    return SimpleNamespace(name=name, population=population, prefer=prefer)


def test_ambiguous_spellings_are_dropped_unless_an_editor_decided():
    places = [_place("Lyman"), _place("Liman"), _place("Pokrovsk"), _place("Oblivsk", 100)]
    gaz = _gaz({
        "lyman": [(0, True)], "liman": [(1, True)],  # a name of its own: never an alias
        "limanske": [(0, False), (1, False)],  # two names, no editor: dropped
        "pokrowsk": [(2, False), (0, True)],  # two names, one editor's: editor wins
        "oblivskaya": [(3, False)],  # a small place's GeoNames alternate: dropped
    }, places)
    table = build_aliases(gaz)
    assert table == {"pokrowsk": "lyman"}
    assert aliases_digest(table) != aliases_digest({})


# ----------------------------------------------------------------------------- query language


def test_lexer_and_parser():
    assert [lx.kind for lx in lex('kursk "north korean" OR -izium (a b)')] == [
        "word", "phrase", "OR", "NOT", "word", "(", "word", "word", ")"]
    assert lex("kursk ")[0].prefix is False and lex("kursk")[0].prefix is True
    node = parse("a b OR c NOT d")
    assert node.op == "or" and node.children[0].op == "and" and node.children[1].op == "and"
    assert parse("rostov-on-don").op == "phrase"
    assert parse("OR AND ) ( NOT").op == "and"  # stray operators are not errors


VOCAB = Vocabulary({"kyiv": "kyiv", "kiev": "kyiv", "kyivan": "kyivan", "drone": "drone", "drones": "drone",
                    "north": "north", "korean": "korean", "koreans": "korean", "sea": "sea", "azov": "azov"})


def test_resolution_to_index_terms():
    assert compile_query("Kiev ", VOCAB).to_json() == {"op": "term", "text": "kyiv"}
    assert compile_query("the", VOCAB) is None
    assert compile_query("zzz ", VOCAB) is NONE
    assert compile_query("drones zzz ", VOCAB) is NONE
    assert compile_query("drones OR zzz ", VOCAB).to_json() == {"op": "term", "text": "drone"}
    assert compile_query('"north koreans"', VOCAB).to_json() == {"op": "pair", "text": "north_korean"}
    assert compile_query('"sea of azov"', VOCAB).to_json() == {"op": "pair", "text": "sea_azov"}
    assert compile_query("NOT kyiv", VOCAB) is NONE
    q = compile_query("drones -kiev ", VOCAB)
    assert q.op == "andnot" and q.children[1].text == "kyiv"


def test_a_spelling_that_stands_for_other_words_matches_any_of_them():
    vocab = Vocabulary({**VOCAB.entries(), "dzerzhinsk": ["dzerzhinsk", "toretsk"], "toretsk": "toretsk",
                        "krivoy": [None, "kryvyi"], "kryvyi": "kryvyi", "rih": "rih", "rog": [None, "rih"]})
    assert compile_query("dzerzhinsk ", vocab).to_json() == {"op": "any", "children": [
        {"op": "term", "text": "dzerzhinsk"}, {"op": "term", "text": "toretsk"}]}
    assert compile_query('"krivoy rog"', vocab).to_json() == {"op": "pair", "text": "kryvyi_rih"}
    assert compile_query("krivoy ", vocab).to_json() == {"op": "term", "text": "kryvyi"}
    assert vocab.expand("kriv") == []  # a half-typed word expands to words' own terms only
    assert vocab.entries()["krivoy"] == [None, "kryvyi"]


def test_prefix_of_the_last_word():
    q = compile_query("kyi", VOCAB)
    assert q.to_json() == {"op": "prefix", "children": [
        {"op": "term", "text": "kyiv", "boost": 0.5}, {"op": "term", "text": "kyivan", "boost": 0.5}]}
    exact = compile_query("kyiv", VOCAB)
    assert [c.text for c in exact.children] == ["kyiv", "kyivan"] and exact.children[0].boost == 1.0
    assert compile_query("ky", VOCAB) is NONE  # too short to be a prefix
    many = Vocabulary({f"zed{i:03}": f"zed{i:03}" for i in range(40)})
    assert len(compile_query("zed", many).children) == MAX_EXPANSIONS


def test_compound_queries_have_two_children():
    q = compile_query("kyiv drones north korean", VOCAB)

    def walk(n: Q):
        assert n.op in ("term", "pair", "prefix") or len(n.children) == 2
        for c in n.children:
            walk(c)

    walk(q)


# ----------------------------------------------------------------------------- the index


def doc(i: int, headline: str, body: str, date: str = "2025-01-01", **tags) -> SearchDoc:
    return SearchDoc(id=f"r{i}/item", url=f"reports/r{i}/item/", headline=headline, body=body, date=date,
                     report=f"r{i}", report_title=f"Report {i}", source="Desk", source_slug="desk",
                     theatres=tags.get("theatres", []), topics=tags.get("topics", []),
                     places=tags.get("places", []), place_names=tags.get("place_names", []))


DOCS = [
    doc(1, "Missile strike on Kiev", "A ballistic missile hit central Kyiv, killing two.", "2025-01-02",
        theatres=["ukraine-rear"], topics=["strikes"], places=["kyiv"], place_names=["Kyiv"]),
    doc(2, "North Korean troops in Kursk", "North Korean soldiers joined assaults near Kursk.", "2025-01-05",
        theatres=["northern-border"], topics=["foreign-forces"]),
    doc(3, "Izyum water pipeline repaired", "Engineers in Izium finished the repairs.", "2025-01-09",
        theatres=["kharkiv"], places=["izium"], place_names=["Izium"]),
    doc(4, "Drones over Kharkov", "Drones attacked Kharkiv overnight; korean parts were found.", "2025-01-12",
        theatres=["kharkiv"], topics=["strikes"]),
]


@pytest.fixture
def index(tmp_path) -> Path:
    update_index(tmp_path / "ix", DOCS, ALIASES)
    return tmp_path / "ix"


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def test_index_finds_alias_spellings_phrases_and_filters(index):
    with SearchIndex(index) as si:
        assert ids(si.search("kyiv")) == ["r1/item"]
        assert set(ids(si.search("izyum"))) == {"r3/item"}
        assert ids(si.search('"north korean"')) == ["r2/item"]  # r4 has "korean" but not the phrase
        assert set(ids(si.search("korean"))) == {"r2/item", "r4/item"}
        assert ids(si.search("drones", Filters(theatre="kharkiv"))) == ["r4/item"]
        assert ids(si.search("drones", Filters(theatre="south"))) == []
        assert ids(si.search("kyiv OR izium", Filters(since="2025-01-03", until="2025-01-31"))) == ["r3/item"]
        assert ids(si.search("", Filters(theatre="kharkiv"))) == ["r4/item", "r3/item"]  # newest first
        assert si.search("").total == 0


def test_headline_matches_rank_first(index):
    with SearchIndex(index) as si:
        hits = si.search("kharkiv").hits
        assert [h.id for h in hits][0] == "r4/item" and hits[0].score > 0


def test_update_is_incremental(index):
    again = update_index(index, DOCS, ALIASES)
    assert (again.added, again.updated, again.removed, again.rebuilt) == (0, 0, 0, False)
    changed = [DOCS[0], doc(2, "Kursk fighting", "Paratroopers held their ground.", "2025-01-05"), DOCS[3],
               doc(5, "Odesa port", "Grain ships left Odesa.", "2025-01-20")]
    stats = update_index(index, changed, ALIASES)
    assert (stats.added, stats.updated, stats.removed, stats.rebuilt) == (1, 1, 1, False)
    with SearchIndex(index) as si:
        assert ids(si.search("izyum")) == []
        assert ids(si.search("odesa")) == ["r5/item"]
        assert ids(si.search('"north korean"')) == []
        assert "izyum" not in si.vocab.map and "paratroopers" in si.vocab.map
    rebuilt = update_index(index, changed, {**ALIASES, "odessa": "odesa"})
    assert rebuilt.rebuilt  # a new alias table rebuilds


@pytest.mark.parametrize("query, filters, expected", [
    ("korean", {}, 2), ("drones OR missile", {}, 4), ("kharkiv -izyum", {}, 2), ('"north korean"', {}, 1),
    ("kor", {}, 2), ("drones OR izium", {"theatre": "kharkiv"}, 3), ("korean", {"until": "2025-01-06"}, 1),
    ("missile korean", {}, 0),
])
def test_totals_count_every_match_not_only_the_page_shown(index, query, filters, expected):
    # After this update r4 no longer says "korean"; its old version stays in
    # the index as a deleted document that must not be counted.
    update_index(index, DOCS[:3] + [
        doc(4, "Drones over Kharkov", "Drones hit Kharkiv again.", "2025-01-12", theatres=["kharkiv"]),
        doc(6, "Drone debris in Kursk", "Korean made drones fell.", "2025-01-14"),
        doc(7, "Drones and a missile", "Drones and a missile over Kharkiv.", "2025-01-15", theatres=["kharkiv"]),
    ], ALIASES)
    with SearchIndex(index) as si:
        result = si.search(query, Filters(**filters), limit=1)
        assert len(result.hits) == min(1, expected)
        assert result.total == len(si.search_all(query, Filters(**filters))) == expected


def test_vocabulary_holds_alias_spellings_of_indexed_names(index):
    with SearchIndex(index) as si:
        assert si.vocab.map["kiev"] == "kyiv" and si.vocab.map["kharkov"] == "kharkiv"
        assert si.vocab.map["drones"] == "drone"


def test_snippet_highlights_query_words_in_a_window():
    body = ("Filler words come first here. " * 10) + "Then a missile hit Kyiv and another missile fell."
    pieces = snippet(body, {"missil", "kyiv"}, set(), {}, words=10)
    marked = [t for t, hl in pieces if hl]
    assert marked == ["missile", "Kyiv", "missile"]
    assert pieces[0][0].startswith("… ") and not pieces[0][1]


# ----------------------------------------------------------------------------- export


@pytest.fixture
def exported(index, tmp_path) -> Path:
    export_browser_index(index, tmp_path / "site", {"theatre": {"kharkiv": "Kharkiv"}}, "")
    return tmp_path / "site"


def _bm25(idf, tf, fl, avgfl, B=0.75, K1=1.2):
    return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))


def test_export_carries_the_numbers_whoosh_scores_with(index, exported):
    """Recompute a score from the exported JSON with the formula of whoosh/scoring.py."""
    man = read_manifest(exported)
    root = exported / DATA_DIR
    vocab = datafiles.read_json(root, f"v/{vocab_key('kiev')}.json")
    term = vocab["kiev"]
    entry = _entry(root, man, term)
    assert "kiev" in entry["s"] and "kyiv" in entry["s"]
    scores = {}
    for key, field, boost in (("h", "headline", man["boost"]["headline"]), ("b", "body", 1.0)):
        docs, weights, lengths = entry[key]
        idf = math.log(man["doc_count"] / (len(docs) + 1)) + 1  # df: the documents listed
        for n, w, ln in zip(docs, weights, lengths):
            s = _bm25(idf, w, ln, man["avgfl"][field])
            s = s * boost if boost != 1.0 else s
            scores[n] = scores[n] + s if n in scores else s
    with SearchIndex(index) as si:
        number = _export_numbers(si)
        expected = [(number[n], score) for n, score in si.search_all("kiev ")]
    assert sorted(scores.items()) == sorted(expected)


def _entry(root: Path, man: dict, term: str) -> dict:
    """A term's postings, the lists of its tiers put end to end (as search-engine.js
    does): {"s": surfaces, "h"/"b": [doc numbers, weights, lengths]}."""
    out: dict = {}
    for tier in (t for t in man["postings"] if t["shards"]):
        shard = datafiles.read_json(root, f"p/{tier['tier']}/{fnv1a(term) % tier['shards']}.json")
        e = shard.get(term, {})
        if "s" in e:
            out.setdefault("s", e["s"])
        for key in ("h", "b"):
            if key in e:
                docs = list(itertools.accumulate(e[key][0]))
                assert all(tier["docs"][0] <= d < tier["docs"][1] for d in docs)
                lists = out.setdefault(key, [[], [], []])
                for i, part in enumerate((docs, e[key][1], e[key][2])):
                    lists[i] += part
    return out


def _export_numbers(si: SearchIndex) -> dict[int, int]:
    """Whoosh docnum -> the browser index's number (date, then id)."""
    f = {n: si.searcher.stored_fields(n) for n in si.stats.live}
    return {n: k for k, n in enumerate(sorted(f, key=lambda n: (f[n]["date"], f[n]["id"])))}


def test_an_index_with_edits_exports_and_scores_like_a_fresh_one(tmp_path):
    """Whoosh keeps deleted documents' postings until a merge; the history of the
    index must not show: same browser files and same CLI scores as a fresh index."""
    edited = dataclasses.replace(DOCS[1], body=DOCS[1].body + " Kiev was hit again later.")
    history = tmp_path / "history"
    update_index(history, DOCS, ALIASES)
    update_index(history, [DOCS[0], edited, *DOCS[2:]], ALIASES)  # an edit: delete and re-add
    fresh = tmp_path / "fresh"
    update_index(fresh, [DOCS[0], edited, *DOCS[2:]], ALIASES)
    export_browser_index(history, tmp_path / "a", {}, "")
    export_browser_index(fresh, tmp_path / "b", {}, "")
    a, b = tmp_path / "a" / DATA_DIR, tmp_path / "b" / DATA_DIR
    assert sorted(p.relative_to(a) for p in a.rglob("*")) == sorted(p.relative_to(b) for p in b.rglob("*"))
    assert all(p.read_bytes() == (b / p.relative_to(a)).read_bytes() for p in a.rglob("*") if p.is_file())
    with SearchIndex(history) as h, SearchIndex(fresh) as f:
        for q in ("kiev", "missile strike", "izium OR kharkiv"):
            assert [(x.id, round(x.score, 9)) for x in h.search(q, limit=10).hits] == \
                   [(x.id, round(x.score, 9)) for x in f.search(q, limit=10).hits]


def test_export_layout_and_budgets(exported):
    man = read_manifest(exported)
    root = exported / DATA_DIR
    assert man["documents"] == 4
    assert len(gzip.compress((root / "manifest.json").read_bytes())) < 30_000
    # every data file but the manifest is stored gzip-compressed (p/0/3.json.gz)
    assert {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix != ".gz"} \
        == {"manifest.json"}
    assert datafiles.logical_files(root, "p/**/*.json") == \
        sorted(f"p/{t['tier']}/{n}.json" for t in man["postings"] for n in range(t["shards"]))
    assert sorted(p.name.removesuffix(".json.gz") for p in (root / "v").iterdir()) == man["vocab_parts"]
    facets = datafiles.read_json(root, "facets/theatre.json")
    assert facets[0]["value"] == "kharkiv" and facets[0]["name"] == "Kharkiv" and len(facets[0]["docs"]) == 2
    assert indexed_item_ids(exported) == {d.id for d in DOCS}


# ----------------------------------------------------------------------------- generator


def test_generator_is_seeded_and_writes_valid_reports(tmp_path):
    from sitrep.bench.generate import generate_archive
    from sitrep.reports.file import read_report

    kwargs = dict(data_dir=ROOT / "data", cache_dir=ROOT / ".sitrep-cache")
    first = generate_archive(tmp_path / "a", 4, seed=7, **kwargs)
    second = generate_archive(tmp_path / "b", 4, seed=7, **kwargs)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert len({read_report(p).source for p in first}) == 4
    for p in first:
        report = read_report(p)
        assert not report.warnings
        assert 5 <= len(report.items) <= 8
        for item in report.items:
            assert 100 <= len(item.text.split()) <= 300, item.headline
        assert report.date.date() >= dt.date(2022, 2, 24)


def test_an_item_with_a_headline_and_no_body_is_indexed_searched_and_exported(tmp_path):
    """Whoosh gives None, not 0, as the length of a field empty in a document:
    one item that was only a headline failed every build ("the search index
    cannot be read"), and building again could not help (issue 15's re-run)."""
    docs = [SearchDoc(id="r/a", url="reports/r/a/", headline="Strike on Izium", body="", date="2025-02-04",
                      report="r", report_title="R", source="S", source_slug="s"),
            SearchDoc(id="r/b", url="reports/r/b/", headline="Talks in Istanbul", body="Delegations met in Istanbul.",
                      date="2025-02-04", report="r", report_title="R", source="S", source_slug="s")]
    index = tmp_path / "index"
    update_index(index, docs, {})
    with SearchIndex(index) as si:
        assert [h.id for h in si.search("izium").hits] == ["r/a"]
        assert [h.id for h in si.search("istanbul").hits] == ["r/b"]
    export_browser_index(index, tmp_path / "site", {}, "")
    assert (tmp_path / "site" / DATA_DIR / "manifest.json").exists()
