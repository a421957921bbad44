"""The browser's search index: static JSON exported from the Whoosh index.

Everything the browser ranks with is read back from Whoosh, not recomputed:
each term's document frequency and the average field lengths as the CLI scores
with them (:class:`~sitrep.search.index.LiveStats`: live documents only), each
document's field lengths as ``reader.doc_field_length`` returns them (0 for an empty field; Whoosh
stores lengths quantised to a byte) and the term weights. ``search-engine.js``
puts them into Whoosh's BM25F formula and gets the same floats.

Files under ``<site>/search/data/`` (a query fetches only what it needs):

``manifest.json``
    small and constant-size: scoring constants, shard counts, stop words,
    facet file names, the build id used to version every other URL.
``v/<hex>.json``
    vocabulary, partitioned by the first two characters of a folded word:
    word -> index term (alias spellings included), or ``[own term or null,
    other terms...]`` for a spelling that also stands for other words
    (Dzerzhinsk -> Toretsk). A query word, and the prefix expansions of the
    last word, need exactly one such file.
``p/<tier>/<n>.json``
    postings, in two tiers of document numbers (:mod:`sitrep.search.postings`:
    a report added at the end rewrites only the small recent tier), each
    partitioned by a hash of the term: for each term its surface words (for
    highlighting) and per field [doc gaps, weights, lengths], documents
    numbered by date and id. The document frequency is the lists' total
    length; the browser computes the idf from it and the manifest's count.
``f/<n>.json``
    result fragments, in chunks of consecutive document numbers: what a
    result shows (headline, link, date, source, tags, text for the snippet).
``facets/<name>.json``
    per facet value its name and its documents: the live counts of the
    facet lists (the page itself is written with the totals).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from sitrep.search import datafiles
from sitrep.search.export_memo import ExportMemo, TierMemo, load_memo, save_memo
from sitrep.search.index import SearchIndex
from sitrep.search.postings import (TIERS, PostingsSource, Tier, boundary, dumps, fnv1a, gaps, term_count, text_digest,
                                    tier_key, write_tiers)
from sitrep.search.postings_reuse import reuse_tier
from sitrep.search.query import MAX_EXPANSIONS, MIN_PREFIX, PAIR_JOINER, PREFIX_BOOST
from sitrep.search.query_parser import MAX_DEPTH, MAX_NOTS, MAX_QUERY_CHARS, MAX_QUERY_LEXEMES
from sitrep.search.scoring import BM25_B, BM25_K1, HEADLINE_BOOST
from sitrep.search.snippets import SNIPPET_WORDS
from sitrep.text import STOPWORDS

FORMAT_VERSION = 2
DATA_DIR = "search/data"
__all__ = ["DATA_DIR", "ExportStats", "export_browser_index", "fnv1a", "vocab_key"]  # fnv1a: tests hash terms with it
CHUNK_SIZE = 4  # documents per fragment file
VOCAB_PREFIX = 2
FACETS = ("theatre", "topic", "place", "source")
FACET_FIELDS = {"theatre": "theatres", "topic": "topics", "place": "places", "source": "source"}


@dataclass(slots=True)
class ExportStats:
    files: int
    bytes: int
    gzip_bytes: int
    documents: int
    terms: int
    seconds: float
    carried: int = 0  # files linked from the previous build (same bytes)
    reused: str = ""  # the sealed postings tier read back from the previous build: "whole", "updated" or ""
    recent_reused: str = ""  # the same for the recent tier
    memo: bool = False  # entries or files were taken from the previous export's memo (:mod:`sitrep.search.export_memo`)


def vocab_key(word: str) -> str:
    """File name of the vocabulary part holding ``word``: hex of its first
    characters' UTF-8 bytes (safe on any static host)."""
    return word[:VOCAB_PREFIX].encode("utf-8").hex()


class _Writer:
    """Writes files under the data directory and counts what it wrote. A file
    the previous build wrote with the same bytes is hard-linked from it instead,
    keeping its mtime, so a deploy sees it unchanged: on sight when the
    previous export's memo knows its content digest, else by reading it."""

    def __init__(self, root: Path, previous: Path | None = None, known: Mapping[str, tuple] | None = None):
        self.root = root
        self.previous = previous
        self.known = known or {}  # rel -> (sha256, stored size, stored mtime_ns) of the previous build's files
        self.written: dict[str, tuple[bytes, int, int]] = {}  # the same, of this build's files
        self.carried = 0
        self.carried_known = 0  # of which linked on the memo's word, unread
        self.files = 0
        self.bytes = 0
        self.gzip_bytes = 0
        self.digest = hashlib.sha256()

    def write(self, rel: str, obj) -> bytes:
        return self.write_text(rel, dumps(obj))

    def write_text(self, rel: str, text: str) -> bytes:
        """Write (or link) the file; the sha256 of its content."""
        data = text.encode("utf-8")
        sha = hashlib.sha256(data).digest()
        rel_stored = datafiles.stored_name(rel)
        path = self.root / rel_stored
        path.parent.mkdir(parents=True, exist_ok=True)
        stored_size = self._carry_known(rel, path, sha)
        if stored_size is None:
            stored = self._carry(rel, path, data)
            if stored is None:
                stored = datafiles.encode(rel, data)
                path.write_bytes(stored)
            stored_size = len(stored)
        self.files += 1
        self.bytes += len(data)
        self.gzip_bytes += stored_size if rel_stored != rel else len(gzip.compress(data, 6, mtime=0))
        self.digest.update(rel.encode() + b"\0" + sha)
        st = os.stat(path)
        self.written[rel] = (sha, st.st_size, st.st_mtime_ns)
        return sha

    def _carry_known(self, rel: str, path: Path, sha: bytes) -> int | None:
        """Link the previous build's file without reading it when the memo says
        it holds this content and it is still the file that build left."""
        known = self.known.get(rel)
        if known is None or known[0] != sha:
            return None
        old = self.previous / datafiles.stored_name(rel)
        try:
            st = os.stat(old)
            if (st.st_size, st.st_mtime_ns) != (known[1], known[2]):
                return None
            os.link(old, path)
        except OSError:
            return None
        self.carried += 1
        self.carried_known += 1
        return st.st_size

    def _carry(self, rel: str, path: Path, data: bytes) -> bytes | None:
        """The previous build's stored bytes, linked to ``path``, when they hold
        ``data``: compared after inflating them, which costs a fraction of
        compressing ``data`` again (most files of a rebuild are unchanged)."""
        if self.previous is None:
            return None
        old = self.previous / datafiles.stored_name(rel)
        try:
            stored = old.read_bytes()
            if not datafiles.encoded_alike(rel, stored) or datafiles.decode(rel, stored) != data:
                return None
            os.link(old, path)
        except (OSError, ValueError):
            return None
        self.carried += 1
        return stored


def export_browser_index(index_dir: Path, site_dir: Path, labels: Mapping[str, Mapping[str, str]] | None = None,
                         site_url: str = "", previous_site: Path | None = None,
                         memo_path: Path | None = None) -> ExportStats:
    """Write the browser index of the Whoosh index at ``index_dir`` into ``site_dir``.

    ``labels`` gives display names of facet values: {"theatre": {slug: name}, "topic": {...}};
    files equal to those of ``previous_site`` (the live build) are linked from it.
    ``memo_path`` (in the build cache) keeps what this export wrote, so that the
    next one need not read it back (:mod:`sitrep.search.export_memo`)."""
    started = time.perf_counter()
    root = Path(site_dir) / DATA_DIR
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    previous = Path(previous_site) / DATA_DIR if previous_site else None
    memo = load_memo(memo_path, _build_id(previous)) if previous is not None else None
    out = _Writer(root, previous, memo.files if memo else None)
    hashes = memo.hashes if memo else {}
    with SearchIndex(index_dir) as si:
        searcher = si.searcher
        reader = searcher.reader()
        # Documents are numbered by date and id, not by Whoosh: the same archive
        # gives the same files whatever order it was indexed in, and a report
        # added at the end leaves every earlier file as it was.
        by_whoosh = {n: reader.stored_fields(n) for n in si.stats.live}
        order = sorted(by_whoosh, key=lambda n: (by_whoosh[n]["date"], by_whoosh[n]["id"]))
        number = {n: k for k, n in enumerate(order)}
        live = list(range(len(order)))
        stored = {number[n]: f for n, f in by_whoosh.items()}
        lengths = {f: {number[n]: of_doc[n] for n in order} for f, of_doc in si.stats.lengths.items()}
        surfaces_of: dict[str, list[str]] = {}
        for word, term in si.vocab.map.items():
            surfaces_of.setdefault(term, []).append(word)
        tiers, reused = _postings_tiers(si, order, by_whoosh, lengths, previous, memo)
        memo = None  # its texts now belong to the tiers
        remembered = any(t.known_words or t.known_pairs for t in tiers)
        postings = write_tiers(out, tiers, surfaces_of, hashes)
        vocab_parts = _write_vocabulary(out, si.vocab.entries())
        chunks = _write_fragments(out, live, stored, site_url)
        facets = _write_facets(out, live, stored, labels or {})
        dates = sorted(stored[n]["date"] for n in live)
        manifest = {
            "version": FORMAT_VERSION,
            "build": out.digest.hexdigest()[:16],
            "documents": len(live),
            "doc_count": si.stats.N,
            "bm25": {"B": BM25_B, "K1": BM25_K1},
            "boost": {"headline": HEADLINE_BOOST, "prefix": PREFIX_BOOST},
            "avgfl": dict(si.stats.avgfl),
            "postings": postings,
            "chunk_size": CHUNK_SIZE,
            "chunks": chunks,
            "vocab_prefix": VOCAB_PREFIX,
            "vocab_parts": vocab_parts,
            "min_prefix": MIN_PREFIX,
            "max_expansions": MAX_EXPANSIONS,
            "query_limits": {"lexemes": MAX_QUERY_LEXEMES, "chars": MAX_QUERY_CHARS, "depth": MAX_DEPTH,
                             "nots": MAX_NOTS},
            "pair_joiner": PAIR_JOINER,
            "snippet_words": SNIPPET_WORDS,
            "stopwords": sorted(STOPWORDS),
            "facets": facets,
            "labels": {k: dict(v) for k, v in (labels or {}).items() if k in ("theatre", "topic")},
            "dates": [dates[0], dates[-1]] if dates else [],
        }
        out.write("manifest.json", manifest)
    if memo_path is not None:
        save_memo(memo_path, _memo_of(manifest["build"], out, tiers, postings, hashes))
    return ExportStats(out.files, out.bytes, out.gzip_bytes, len(live), term_count(tiers),
                       time.perf_counter() - started, out.carried, *reused, remembered or out.carried_known > 0)


def _postings_tiers(si: SearchIndex, order: list[int], stored: Mapping[int, dict],
                    lengths: Mapping[str, Mapping[int, int]], previous: Path | None, memo: ExportMemo | None
                    ) -> tuple[list[Tier], tuple[str, str]]:
    """The tiers of postings, each read back from the previous build when it can
    be (how, per tier: the second value, see :func:`reuse_tier`)."""
    documents = len(order)
    cut = boundary(documents)
    source = PostingsSource(si, {n: k for k, n in enumerate(order)}, lengths)
    tiers, reused = [], []
    for name, first, end in ((TIERS[0], 0, cut), (TIERS[1], cut, documents)):
        docs = [(stored[n]["id"], text_digest(stored[n]["headline"], stored[n]["body"])) for n in order[first:end]]
        tier = Tier(name, first, end, tier_key(name, first, end, docs, si.aliases), docs)
        how = reuse_tier(previous, tier, docs, source, si.aliases, memo.tiers.get(name) if memo else None)
        if not how:
            tier.words, tier.pairs = source.collect(first, end, everything=end - first > documents // 2)
        tiers.append(tier)
        reused.append(how)
    return tiers, (reused[0], reused[1])


def _memo_of(build: str, out: _Writer, tiers: list[Tier], postings: list[dict], hashes: dict[str, int]
             ) -> ExportMemo:
    """What this export wrote, for the next one (:mod:`sitrep.search.export_memo`)."""
    return ExportMemo(build, datafiles.LEVEL, out.written,
                      {t.name: TierMemo(p["version"], t.key, t.docs, t.written_words, t.written_pairs)
                       for t, p in zip(tiers, postings)},
                      {term: hashes[term] for t in tiers for part in (t.written_words, t.written_pairs) for term in part})


def _build_id(data: Path) -> str | None:
    """The build id in the manifest of a browser index (None if it has none)."""
    try:
        return json.loads((data / "manifest.json").read_text(encoding="utf-8")).get("build")
    except (OSError, ValueError, AttributeError):
        return None


def _write_vocabulary(out: _Writer, vocab: Mapping[str, str | list]) -> list[str]:
    """Write the vocabulary parts; returns their keys (the manifest lists them,
    bounded by the alphabet, so a browser never asks for a part that is not there)."""
    groups: dict[str, dict[str, str]] = {}
    for word in sorted(vocab):
        groups.setdefault(vocab_key(word), {})[word] = vocab[word]
    for key, words in groups.items():
        out.write(f"v/{key}.json", words)
    return sorted(groups)


def _write_fragments(out: _Writer, live: list[int], stored: Mapping[int, dict], site_url: str) -> int:
    chunks: dict[int, list] = {}
    for n in live:
        f = stored[n]
        chunk = chunks.setdefault(n // CHUNK_SIZE, [None] * CHUNK_SIZE)
        chunk[n % CHUNK_SIZE] = {
            "id": f["id"], "url": f"{site_url}/{f['url']}", "headline": f["headline"], "date": f["date"],
            "source": f["source_name"], "report": f["report_title"],
            "theatres": f.get("theatres", "").split(), "topics": f.get("topics", "").split(),
            "places": list(f.get("place_names") or []), "text": f["body"],
        }
    count = (max(live) // CHUNK_SIZE + 1) if live else 0
    for c in range(count):
        out.write(f"f/{c}.json", chunks.get(c, []))
    return count


def _write_facets(out: _Writer, live: list[int], stored: Mapping[int, dict],
                  labels: Mapping[str, Mapping[str, str]]) -> dict:
    values: dict[str, dict[str, list[int]]] = {name: {} for name in FACETS}
    names: dict[str, dict[str, str]] = {name: dict(labels.get(name, {})) for name in FACETS}
    by_date: dict[str, list[int]] = {}
    for n in live:
        f = stored[n]
        for name in FACETS:
            for slug in f.get(FACET_FIELDS[name], "").split():
                values[name].setdefault(slug, []).append(n)
        for slug, pname in zip(f.get("places", "").split(), f.get("place_names") or []):
            names["place"].setdefault(slug, pname)
        names["source"].setdefault(f["source"], f["source_name"])
        by_date.setdefault(f["date"], []).append(n)
    files = {}
    for name in FACETS:
        order = list(labels.get(name, {}))  # taxonomy order for theatres and topics
        rank = {slug: i for i, slug in enumerate(order)}
        rows = sorted(values[name].items(),
                      key=lambda kv: (rank.get(kv[0], len(rank)), -len(kv[1]), names[name].get(kv[0], kv[0]).casefold()))
        out.write(f"facets/{name}.json", [
            {"value": slug, "name": names[name].get(slug, slug), "docs": gaps(docs)} for slug, docs in rows
        ])
        files[name] = f"facets/{name}.json"
    out.write("facets/date.json", [[d, gaps(docs)] for d, docs in sorted(by_date.items())])
    files["date"] = "facets/date.json"
    return files


# ----------------------------------------------------------------------------- reading back


def read_manifest(site_dir: Path) -> dict:
    return json.loads((Path(site_dir) / DATA_DIR / "manifest.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # the slug a filter uses
    name: str
    count: int  # items with this value


def facet_values(site_dir: Path) -> dict[str, list[FacetValue]]:
    """Each facet's values with their item counts, in the order the browser
    index lists them (taxonomy order for theatres and topics, most items first
    for places and sources): what /search/ shows before any query."""
    root = Path(site_dir) / DATA_DIR / "facets"
    out: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        rel = f"{name}.json"
        rows = datafiles.read_json(root, rel) if (root / datafiles.stored_name(rel)).exists() else []
        out[name] = [FacetValue(r["value"], r["name"], len(r["docs"])) for r in rows]
    return out


def indexed_item_ids(site_dir: Path) -> set[str]:
    """Ids of the items the browser index of a built site can return.

    For the site check: they must be exactly the items that have pages."""
    root = Path(site_dir) / DATA_DIR
    if not (root / "manifest.json").exists():
        return set()
    ids: set[str] = set()
    for rel in datafiles.logical_files(root, "f/*.json"):
        for doc in datafiles.read_json(root, rel):
            if doc:
                ids.add(doc["id"])
    return ids


def data_bytes(site_dir: Path) -> tuple[int, int]:
    """(raw, gzipped) bytes of the browser index of a built site."""
    raw = gz = 0
    root = Path(site_dir) / DATA_DIR
    for rel in datafiles.logical_files(root, "**/*.json") + sorted(datafiles.PLAIN):
        data = datafiles.read_bytes(root, rel)
        raw += len(data)
        gz += len(datafiles.encode(rel, data)) if rel not in datafiles.PLAIN else len(gzip.compress(data, 6, mtime=0))
    return raw, gz
