"""Postings of the browser index in two tiers, so that a rebuild after one new
report rewrites few files (issue 12, item 3).

Hash sharding alone cannot do that: one report holds a thousand or more
distinct terms and pairs, which fall into nearly every shard, so every shard
changed on every build (and the shard count itself, taken from the total
bytes, moved on most builds and re-hashed every term). Here documents
(numbered densely by date and id, :mod:`sitrep.search.export`) are cut into

``a``, the sealed tier
    documents ``0 .. boundary - 1``, ``boundary`` a multiple of the block size;
``b``, the recent tier
    the documents after it: fewer than one block.

Each tier has its own shards (``p/<tier>/<n>.json``, term -> ``[doc gaps,
weights, lengths]`` per field, the first gap counted from 0). A report dated
after the others only adds to tier ``b``; tier ``a`` changes when the boundary
moves, once every block of documents (then all its shards are written again),
or when an old report is edited, inserted or deleted (then the shards of the
terms concerned, and those of later documents). A browser fetches a term's
shard of each tier and puts the lists end to end: the document frequency is
their total length (live documents only, as :class:`~sitrep.search.index.LiveStats`
counts it), so no precomputed idf ties a shard to the document count.

Everything here is a function of the archive, never of the build history:
block size, boundary and shard counts come from counts and bytes (powers of
two, so they move rarely), which keeps an incremental build byte-identical to
a clean one. What carries over between builds is only work: a tier is
read back from the previous build's files when its key (the documents it
holds and the code and aliases that made their terms) is the same, or
updated for the few documents edited or appended since, instead of reading
its postings from Whoosh again (:mod:`sitrep.search.postings_reuse`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from sitrep.files.digest import code_digest
from sitrep.search.schema import PAIR_FIELDS, TERM_FIELDS

TIERS = ("a", "b")
MIN_BLOCK = 64  # documents; a tier boundary is a multiple of the block size
BLOCK_SHARE = 8  # the block is at most 1/BLOCK_SHARE of the documents (a power of two)
SHARD_TARGET_BYTES = 24_000  # raw JSON per postings shard, at most on average
FIELD_KEYS = ("h", "b")  # entry keys of the headline and body fields (and of their pair fields)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: the shard of a term, in Python and JS alike."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# json.dumps with arguments makes a new encoder per call: a tenth of the time of
# an export that writes 60,000 entries and term keys at 1,000 reports
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(obj) -> str:
    """The browser index's JSON: compact, UTF-8 as is (what ``json.dumps(obj,
    ensure_ascii=False, separators=(",", ":"))`` gives)."""
    return _ENCODER.encode(obj)


def gaps(docnums: Iterable[int]) -> list[int]:
    out, prev = [], 0
    for n in docnums:
        out.append(n - prev)
        prev = n
    return out


def block_size(documents: int) -> int:
    """The largest power of two at most documents / BLOCK_SHARE, and at least
    MIN_BLOCK: the recent tier stays small against the archive, and the
    block grows (moving the boundary) only when the archive doubles."""
    block = MIN_BLOCK
    while block * 2 * BLOCK_SHARE <= documents:
        block *= 2
    return block


def boundary(documents: int) -> int:
    """First document number of the recent tier."""
    block = block_size(documents)
    return documents // block * block


def shard_count(total_bytes: int) -> int:
    """Shards of a tier: a power of two, so that it changes (and re-hashes
    every term of the tier) only when the tier's bytes double."""
    if total_bytes <= 0:
        return 0
    shards = 1
    while shards * SHARD_TARGET_BYTES < total_bytes:
        shards *= 2
    return shards


@dataclass(slots=True)
class Tier:
    """One tier: its document range, what made it, and its entries."""

    name: str
    first: int
    end: int  # one past its last document number
    key: str  # digest of its documents and of the code and aliases that made their terms
    docs: list[tuple[str, str]] = field(default_factory=list)  # (id, text digest) in number order
    words: dict[str, dict | None] = field(default_factory=dict)  # term -> {"h": [...], "b": [...]}; None once written
    pairs: dict[str, dict | None] = field(default_factory=dict)
    # Entries carried as text from the previous export (:mod:`sitrep.search.export_memo`), not in words/pairs:
    known_words: dict[str, tuple[tuple[str, ...] | None, str]] = field(default_factory=dict)
    known_pairs: dict[str, str] = field(default_factory=dict)
    surfaced: set[str] = field(default_factory=set)  # word terms whose entry here carries "s" (set on writing)
    written_words: dict[str, tuple[tuple[str, ...] | None, str]] = field(default_factory=dict)  # as written
    written_pairs: dict[str, str] = field(default_factory=dict)

    def word_terms(self) -> set[str]:
        return {*self.words, *self.known_words}

    def texts(self, surfaces_of: Mapping[str, list[str]]) -> dict[str, str]:
        """term -> its JSON entry, keys in a fixed order (s, h, b). Each entry
        is let go once it is text (``words`` and ``pairs`` keep their terms,
        with None): as lists of numbers the entries take three times the
        memory of their text, and held beside it they were the search
        process's peak. A known entry is reused as it is, its surface
        words rewritten only when they changed."""
        out: dict[str, str] = {}
        written_words: dict[str, tuple[tuple[str, ...] | None, str]] = {}
        words, pairs, surfaced = self.words, self.pairs, self.surfaced
        for term in words:
            entry = words[term]
            surfaces = tuple(sorted(surfaces_of.get(term, []))) if term in surfaced else None
            ordered = {"s": list(surfaces)} if surfaces is not None else {}
            ordered.update((k, entry[k]) for k in FIELD_KEYS if k in entry)
            out[term] = text = dumps(ordered)
            written_words[term] = (surfaces, text)
            words[term] = None
        for term, (old, text) in self.known_words.items():
            surfaces = tuple(sorted(surfaces_of.get(term, []))) if term in surfaced else None
            if surfaces != old:
                text = _with_surfaces(text, old, surfaces)
            out[term] = text
            written_words[term] = (surfaces, text)
        written_pairs: dict[str, str] = dict(self.known_pairs)
        for term in pairs:  # a pair term never equals a word term (it holds the joiner)
            entry = pairs[term]
            written_pairs[term] = dumps({k: entry[k] for k in FIELD_KEYS if k in entry})
            pairs[term] = None
        out.update(written_pairs)
        self.known_words, self.known_pairs = {}, {}
        self.written_words, self.written_pairs = written_words, written_pairs
        return out


def _with_surfaces(text: str, old: tuple[str, ...] | None, new: tuple[str, ...] | None) -> str:
    """A word entry's JSON written with the surface words ``old`` (None: without
    "s"), rewritten with ``new``: "s" is its first key, the rest stays as it is."""
    rest = text[len('{"s":' + dumps(list(old)) + ","):] if old is not None else text[1:]
    return ('{"s":' + dumps(list(new)) + "," if new is not None else "{") + rest


def text_digest(headline: str, body: str) -> str:
    """Digest of what a document's postings are made of (its tags are not)."""
    return hashlib.sha256(f"{headline}\0{body}".encode("utf-8")).hexdigest()[:16]


def terms_code() -> bytes:
    """Digest of the code that turns text into terms and terms into files (the
    whole search package: a change anywhere in it costs one full export, never a stale one)."""
    return code_digest("sitrep.text", "sitrep.search")


def tier_key(name: str, first: int, end: int, docs: list[tuple[str, str]], aliases: Mapping[str, str]) -> str:
    """What a tier's postings are made of: its documents ((id, text digest)
    in number order), the alias table and :func:`terms_code`."""
    h = hashlib.sha256(terms_code())
    h.update(dumps([name, first, end, docs, sorted(aliases.items())]).encode("utf-8"))
    return h.hexdigest()[:24]


class PostingsSource:
    """Reads postings of a range of document numbers from an open index."""

    def __init__(self, si, number: Mapping[int, int], lengths: Mapping[str, Mapping[int, int]]):
        self.si = si
        self.reader = si.searcher.reader()
        self.number = number  # Whoosh docnum -> export number (live documents only)
        self.whoosh = {n: w for w, n in number.items()}
        self.lengths = lengths

    def collect(self, first: int, end: int, everything: bool) -> tuple[dict[str, dict], dict[str, dict]]:
        """(word entries, pair entries) of documents ``first <= n < end``.

        ``everything`` walks the whole lexicon (a tier that holds most of the
        archive); otherwise only the terms of the range's own documents are
        looked up (the analysers run again on their stored text), and each
        list is entered at the first Whoosh document of the range."""
        docs = [self.whoosh[n] for n in range(first, end)]
        if not docs:
            return {}, {}
        start = 0 if everything else min(docs)
        out = []
        for fields in (TERM_FIELDS, PAIR_FIELDS):
            entries: dict[str, dict] = {}
            for key, fieldname in zip(FIELD_KEYS, fields):
                for term in (self.lexicon(fieldname) if everything else self.terms(fieldname, docs)):
                    row = self.rows(fieldname, term, first, end, start)
                    if row is not None:
                        entries.setdefault(term, {})[key] = row
            out.append(dict(sorted(entries.items())))
        return out[0], out[1]

    def lexicon(self, fieldname: str) -> list[str]:
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.lexicon(fieldname)]

    def terms(self, fieldname: str, docs: list[int]) -> list[str]:
        """The terms ``fieldname`` holds for Whoosh documents ``docs``: its analyser
        on the stored text the field was made from (pair fields from the same text)."""
        source = fieldname.removesuffix("_pairs")
        analyzer = self.si.ix.schema[fieldname].analyzer
        terms: set[str] = set()
        for n in docs:
            text = self.reader.stored_fields(n).get(source) or ""
            terms.update(token.text for token in analyzer(text))
        return sorted(t for t in terms if (fieldname, t) in self.reader)

    def terms_of(self, fieldname: str, texts: Iterable[tuple[str, str]]) -> set[str]:
        """The terms ``fieldname`` would hold for documents of these (headline, body)
        texts: what :meth:`terms` gives for an indexed document, for one no longer indexed."""
        analyzer = self.si.ix.schema[fieldname].analyzer
        which = 0 if fieldname.removesuffix("_pairs") == "headline" else 1
        return {token.text for text in texts for token in analyzer(text[which] or "")}

    def has(self, fieldname: str, term: str) -> bool:
        return (fieldname, term) in self.reader

    def rows(self, fieldname: str, term: str, first: int, end: int, start: int) -> list | None:
        """[doc gaps, weights, lengths] of one term in one field, documents
        ``first <= n < end`` in the export's numbering (see :meth:`row`)."""
        return self.row(fieldname, self.postings(fieldname, term, range(first, end), start))

    def postings(self, fieldname: str, term: str, wanted, start: int = 0) -> list[tuple[int, int | float]]:
        """(export number, weight) of one term in one field, for the documents
        ``wanted`` (export numbers), reading Whoosh's lists from its document
        ``start`` on. Reads the segments' raw postings: the searcher's would set
        up a BM25 scorer per term only to read the same weights back."""
        found = []
        number = self.number
        for offset, m in self._segment_postings(fieldname, term, start):
            while m.is_active():
                n = number.get(offset + m.id())  # None: deleted (Whoosh keeps its postings until a merge)
                if n is not None and n in wanted:
                    w = m.weight()
                    found.append((n, int(w) if w == int(w) else w))
                m.next()
        return found

    def _segment_postings(self, fieldname: str, term: str, start: int) -> Iterator[tuple[int, Any]]:
        """(first document number, postings from ``start`` on) of each segment
        that holds the term and documents from ``start`` on, in document order.
        Opening a segment's list reads and unpickles its first block: the few
        documents of a report added at the end are all in the newest segment."""
        reader = self.reader
        segments = zip(reader.doc_offsets, reader.readers) if hasattr(reader, "readers") else ((0, reader),)
        for offset, segment in segments:
            if offset + segment.doc_count_all() <= start or (fieldname, term) not in segment:
                continue
            m = segment.postings(fieldname, term)
            if not m.is_active():  # every document of the list deleted (an edited item's old copy)
                continue
            if start > offset:
                m.skip_to(start - offset)
            yield offset, m

    def row(self, fieldname: str, postings: list[tuple[int, int | float]]) -> list | None:
        """[doc gaps, weights, lengths] of (export number, weight) postings in
        ``fieldname``, in number order; None for none."""
        if not postings:
            return None
        postings.sort()
        lengths = self.lengths[fieldname]
        return [gaps(n for n, _ in postings), [w for _, w in postings], [lengths[n] for n, _ in postings]]


def write_tiers(out, tiers: list[Tier], surfaces_of: Mapping[str, list[str]],
                hashes: dict[str, int] | None = None) -> list[dict]:
    """Write each tier's shards through ``out`` (the export's writer); the
    manifest's description of them. A word term's surface words ride in the
    lowest tier that holds it (the tier that changes least). ``hashes``
    (term -> :func:`fnv1a`) is used and filled: hashing every term in Python
    was a tenth of an incremental export."""
    hashes = {} if hashes is None else hashes
    seen: set[str] = set()
    described = []
    for tier in tiers:
        word_terms = tier.word_terms()
        tier.surfaced = word_terms - seen
        seen.update(word_terms)
        texts = tier.texts(surfaces_of)
        shards = shard_count(sum(len(t) for t in texts.values()))
        groups: dict[int, list[str]] = {}
        for term in texts:
            h = hashes.get(term)
            if h is None:
                h = hashes[term] = fnv1a(term)
            groups.setdefault(h % shards, []).append(term)
        digest = hashlib.sha256()
        for n in range(shards):  # every shard exists, so a browser never meets a 404
            body = "{" + ",".join(f"{dumps(t)}:{texts[t]}" for t in sorted(groups.get(n, []))) + "}"
            digest.update(out.write_text(f"p/{tier.name}/{n}.json", body))
        described.append({"tier": tier.name, "docs": [tier.first, tier.end], "shards": shards,
                          "key": tier.key, "version": digest.hexdigest()[:16]})
    return described


def term_count(tiers: list[Tier]) -> int:
    """Distinct terms of the written tiers."""
    return len({t for tier in tiers for t in (*tier.written_words, *tier.written_pairs)})
