"""The Whoosh full-text index of items: schema, incremental build, and search.

One document per item. ``headline`` and ``body`` hold the item's index terms
(``sitrep.text.analyze``: folded, alias-resolved, stemmed, stop words out);
``headline_pairs`` and ``body_pairs`` hold each two neighbouring terms joined
("north_korean"), which is how phrases are matched: a browser can download the
postings of one pair term, never the word positions of a whole archive.
Ranking is Whoosh's BM25F with the headline boosted; the browser index
(``sitrep.search.export``) exports exactly the statistics Whoosh scores with,
and ``search-engine.js`` ports the formula, so both rank alike.

The index lives in the build cache and is updated in place: items whose
content digest is unchanged are left alone, so a rebuild after one new report
indexes only that report. A change of the alias table or of this module's
schema rebuilds it from scratch.

Whoosh's files carry no checksum of their own, so the state file (itself a
sealed cache file, :mod:`sitrep.files.cachefile`, like the vocabulary) records
the size and checksum of every file of the index: a file changed behind the
index's back is caught before it can give a wrong answer, and the next build
starts the index afresh with one warning.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sitrep.files.cachefile import file_checksum, read_sealed, warn_discarded, write_sealed
from sitrep.files.digest import code_digest
from sitrep.search.location import index_lock, prune_siblings
from sitrep.search.query import PAIR_JOINER, Q, Vocabulary, compile_query, query_terms
from sitrep.search.query_parser import query_notice
from sitrep.search.suggest import suggest_query
from sitrep.text import analyze, word_term

logger = logging.getLogger("sitrep.search")

SCHEMA_VERSION = "1"


def _code_version() -> str:
    """The schema version plus a hash of the code that decides what a word
    is, so changing the analysis rebuilds the index instead of mixing terms."""
    digest = code_digest("sitrep.text", "sitrep.search.index", "sitrep.search.query", "sitrep.search.query_parser",
                         "sitrep.search.suggest", "sitrep.search.aliases", "sitrep.search.alias_sources",
                         "sitrep.search.transliteration", "sitrep.search.alias_cache")
    return hashlib.sha256(SCHEMA_VERSION.encode() + digest).hexdigest()[:16]
HEADLINE_BOOST = 2.0
BM25_B = 0.75
BM25_K1 = 1.2
TERM_FIELDS = ("headline", "body")
PAIR_FIELDS = ("headline_pairs", "body_pairs")
STATE_FILE = "sitrep-search.json"
VOCAB_FILE = "vocabulary.json"
STATE_KIND, VOCAB_KIND, FILES_FORMAT = "search-state", "search-vocab", 1


# ----------------------------------------------------------------------------- documents


@dataclass(slots=True)
class SearchDoc:
    """What the index knows of one item."""

    id: str
    url: str  # site-relative path of the item's permalink ("reports/x/y/")
    headline: str
    body: str
    date: str  # YYYY-MM-DD
    report: str
    report_title: str
    source: str
    source_slug: str
    theatres: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # place slugs
    place_names: list[str] = field(default_factory=list)  # same order as places

    @classmethod
    def from_item(cls, item) -> SearchDoc:
        places = item.places
        return cls(
            id=item.id, url=item.url, headline=item.headline, body=item.text,
            date=item.date.isoformat(), report=item.report_slug, report_title=item.report_title,
            source=item.source, source_slug=item.source_slug,
            theatres=list(item.theatres), topics=list(item.topics),
            places=[p.slug for p in places], place_names=[p.name for p in places],
        )

    def digest(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:20]


# ----------------------------------------------------------------------------- analysis


def _whoosh_token_class():
    from whoosh.analysis import Token

    return Token


class SitrepAnalyzer:
    """Whoosh analyzer adapter over :func:`sitrep.text.analyze`.

    With ``pairs`` it yields the pair terms of neighbouring words instead.
    The alias table travels with the schema (Whoosh pickles it), so an index
    always analyses text the way it was built."""

    def __init__(self, aliases: dict[str, str] | None = None, pairs: bool = False):
        self.aliases = aliases if aliases is not None else {}  # shared, so pickled once
        self.pairs = pairs

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, SitrepAnalyzer) and other.pairs == self.pairs
                and other.aliases == self.aliases)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs: Any) -> Iterator:
        token = _whoosh_token_class()(positions, chars, removestops=removestops, mode=mode, **kwargs)
        terms = analyze(value, self.aliases)
        if self.pairs:
            stream = [(f"{a.text}{PAIR_JOINER}{b.text}", a.pos, a.start, b.end) for a, b in zip(terms, terms[1:])]
        else:
            stream = [(t.text, t.pos, t.start, t.end) for t in terms]
        for text, pos, start, end in stream:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    # Whoosh asks analyzers these when it builds or reuses them.
    def has_morph(self) -> bool:
        return False

    def clean(self) -> None:
        pass


def make_schema(aliases: Mapping[str, str]):
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

    table = dict(aliases)
    words = SitrepAnalyzer(table)
    pairs = SitrepAnalyzer(table, pairs=True)
    return Schema(
        id=ID(stored=True, unique=True),
        headline=TEXT(analyzer=words, stored=True, phrase=False),
        body=TEXT(analyzer=words, stored=True, phrase=False),
        headline_pairs=TEXT(analyzer=pairs, phrase=False),
        body_pairs=TEXT(analyzer=pairs, phrase=False),
        date=ID(stored=True),
        report=ID(stored=True),
        source=ID(stored=True),
        theatres=KEYWORD(stored=True),
        topics=KEYWORD(stored=True),
        places=KEYWORD(stored=True),
        url=STORED, report_title=STORED, source_name=STORED, place_names=STORED, digest=STORED,
    )


def _fields(doc: SearchDoc) -> dict:
    return dict(
        id=doc.id, headline=doc.headline, body=doc.body,
        headline_pairs=doc.headline, body_pairs=doc.body,
        date=doc.date, report=doc.report, source=doc.source_slug,
        theatres=" ".join(doc.theatres), topics=" ".join(doc.topics), places=" ".join(doc.places),
        url=doc.url, report_title=doc.report_title, source_name=doc.source,
        place_names=list(doc.place_names), digest=doc.digest(),
    )


def surfaces(text: str, aliases: Mapping[str, str]) -> set[str]:
    """The folded words of ``text`` that became index terms."""
    return {t.surface for t in analyze(text, aliases)}


# ----------------------------------------------------------------------------- index location


def _recorded_content(index_dir: Path) -> str | None:
    """The content folder an index's state names ("" for none); None when unreadable."""
    state = _State.load(index_dir / STATE_FILE, warn=False)
    return None if state is None else state.content


# ----------------------------------------------------------------------------- build


@dataclass(slots=True)
class IndexStats:
    documents: int
    added: int
    updated: int
    removed: int
    rebuilt: bool
    seconds: float


@dataclass(slots=True)
class _State:
    version: str
    aliases: str
    digests: dict[str, str]
    surfaces: dict[str, int]  # folded word -> how many documents use it
    content: str = ""  # the content folder indexed (to tidy the cache)
    files: dict[str, list] = field(default_factory=dict)  # Whoosh file -> [size, checksum hex]

    @classmethod
    def load(cls, path: Path, warn: bool = True) -> _State | None:
        """The state, or None when there is none or it is damaged (with one warning)."""
        payload = read_sealed(path, STATE_KIND, FILES_FORMAT, warn=warn)
        if payload is None:
            return None
        try:
            data = json.loads(payload.decode("utf-8"))
            state = cls(str(data["version"]), str(data["aliases"]), dict(data["digests"]),
                        dict(data["surfaces"]), str(data.get("content", "")), dict(data["files"]))
        except (ValueError, KeyError, TypeError):
            if warn:
                warn_discarded(path, "it does not hold the state of a search index")
            return None
        return state

    def save(self, path: Path) -> None:
        write_sealed(path, STATE_KIND, FILES_FORMAT,
                     json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _index_files(index_dir: Path) -> dict[str, list]:
    """Size and checksum of each of Whoosh's files (not the lock, not ours)."""
    out: dict[str, list] = {}
    for path in sorted(index_dir.iterdir()):
        name = path.name
        if name in (STATE_FILE, VOCAB_FILE) or name.startswith(".") or name.endswith("LOCK") or not path.is_file():
            continue
        size, check = file_checksum(path)
        out[name] = [size, check.hex()]
    return out


def _whoosh_exists(index_dir: Path) -> bool:
    """Whether Whoosh finds an index there; a table of contents so damaged that
    Whoosh cannot even say counts as one (the checksums then tell what is wrong)."""
    from whoosh import index as whoosh_index

    try:
        return whoosh_index.exists_in(str(index_dir))
    except Exception:  # noqa: BLE001 - Whoosh raises whatever its unpickling meets
        return True


def index_damage(index_dir: Path, recorded: Mapping[str, list]) -> str | None:
    """What differs between the index's files and what the state recorded; None if nothing."""
    try:
        found = _index_files(index_dir)
    except OSError as err:
        return f"its files cannot be read ({err.strerror or err})"
    for name in sorted(set(found) | set(recorded)):
        if name not in found:
            return f"its file {name} is missing"
        if name not in recorded:
            return f"its file {name} was not written by the last build"
        if list(found[name]) != list(recorded[name]):
            return f"its file {name} was changed since the last build"
    return None


def update_index(index_dir: Path, docs: Iterable[SearchDoc], aliases: Mapping[str, str],
                 content: str = "", also: Mapping[str, list[str]] | None = None) -> IndexStats:
    """Bring the index at ``index_dir`` in line with ``docs`` (all items of the
    site read from the folder ``content``). ``also`` holds the query-time
    spellings (sitrep.search.aliases); they only change the vocabulary.
    Done under the index's lock (:mod:`sitrep.search.location`)."""
    with index_lock(Path(index_dir)):
        return _update_index(Path(index_dir), docs, aliases, content, also)


def _update_index(index_dir: Path, docs: Iterable[SearchDoc], aliases: Mapping[str, str],
                  content: str, also: Mapping[str, list[str]] | None) -> IndexStats:
    from whoosh import index as whoosh_index

    from sitrep.search.aliases import aliases_digest

    started = time.perf_counter()
    index_dir = Path(index_dir)
    docs = sorted(docs, key=lambda d: (d.date, d.id))  # docnums follow dates on a fresh build
    wanted = {d.id: d for d in docs}
    digest = aliases_digest(aliases)
    state = _State.load(index_dir / STATE_FILE)
    version = _code_version()
    fresh = (state is None or state.version != version or state.aliases != digest
             or not _whoosh_exists(index_dir))
    if not fresh and (problem := index_damage(index_dir, state.files)):
        # Also what a build killed between Whoosh's commit and the state file leaves.
        warn_discarded(index_dir, problem)
        fresh = True
    if not fresh:
        try:
            ix = whoosh_index.open_dir(str(index_dir))
            # Out of step with the state: start over rather than index items twice.
            fresh = ix.doc_count() != len(state.digests)
            ix.close()
        except Exception as err:  # noqa: BLE001 - any damage Whoosh trips over means: rebuild
            warn_discarded(index_dir, f"Whoosh cannot open it ({type(err).__name__}: {err})")
            fresh = True
    if not fresh:  # rewritten below either way; a damaged one is named all the same
        read_sealed(index_dir / VOCAB_FILE, VOCAB_KIND, FILES_FORMAT)
    if fresh:
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(index_dir), make_schema(aliases))
        state = _State(version, digest, {}, {})
    else:
        ix = whoosh_index.open_dir(str(index_dir))
    prune_siblings(index_dir, _recorded_content)
    new_digests = {d.id: d.digest() for d in docs}
    stale = [i for i, h in state.digests.items() if new_digests.get(i) != h]
    todo = [d for d in docs if state.digests.get(d.id) != new_digests[d.id]]
    removed = sum(1 for i in stale if i not in wanted)
    if stale or todo:
        writer = ix.writer(timeout=120.0)
        try:
            if stale:
                _forget(ix, writer, stale, state, aliases)
            for d in todo:
                writer.add_document(**_fields(d))
                for s in surfaces(d.headline + "\n" + d.body, aliases):
                    state.surfaces[s] = state.surfaces.get(s, 0) + 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    state.digests = new_digests
    state.content = str(content)
    state.surfaces = {s: n for s, n in state.surfaces.items() if n > 0}
    state.files = _index_files(index_dir)
    _save_vocabulary(index_dir, state, aliases, also or {})
    state.save(index_dir / STATE_FILE)
    return IndexStats(len(docs), len(todo) - (len(stale) - removed), len(stale) - removed, removed,
                      fresh, time.perf_counter() - started)


def _forget(ix, writer, ids: list[str], state: _State, aliases: Mapping[str, str]) -> None:
    """Delete documents, first taking their words out of the surface counts."""
    with ix.searcher() as searcher:
        for item_id in ids:
            stored = searcher.document(id=item_id)
            if stored:
                for s in surfaces(stored["headline"] + "\n" + stored["body"], aliases):
                    state.surfaces[s] = state.surfaces.get(s, 0) - 1
    for item_id in ids:
        writer.delete_by_term("id", item_id)


def _save_vocabulary(index_dir: Path, state: _State, aliases: Mapping[str, str],
                     also: Mapping[str, list[str]]) -> None:
    """vocabulary.json: every folded word readers may type -> its index term.

    The archive's own words, plus alias spellings whose term is in the archive
    ("izyum" -> "izium" as soon as one item says Izium), plus query-time
    spellings as ``[own term or None, other terms...]`` when one of the words
    they stand for is in the archive ("dzerzhinsk" -> [None, "toretsk"])."""
    vocab: dict[str, str | list] = {s: word_term(s, aliases) for s in state.surfaces}
    terms = set(vocab.values())
    for spelling in aliases:
        term = word_term(spelling, aliases)
        if spelling not in vocab and term in terms:
            vocab[spelling] = term
    for spelling, words in also.items():
        own = vocab.get(spelling)
        others = []
        for w in words:
            term = word_term(w, aliases)
            if term in terms and term != own and term not in others:
                others.append(term)
        if others:
            vocab[spelling] = [own, *others]
    write_sealed(index_dir / VOCAB_FILE, VOCAB_KIND, FILES_FORMAT,
                 json.dumps(dict(sorted(vocab.items())), ensure_ascii=False).encode("utf-8"))


# ----------------------------------------------------------------------------- search


@dataclass(slots=True)
class Filters:
    """Facet filters; they restrict the results and never change scores."""

    theatre: str | None = None
    topic: str | None = None
    place: str | None = None
    source: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None

    def active(self) -> bool:
        return any((self.theatre, self.topic, self.place, self.source, self.since, self.until))


@dataclass(slots=True)
class Hit:
    id: str
    docnum: int
    url: str
    headline: str
    date: str
    score: float
    source: str
    theatres: list[str]
    topics: list[str]
    places: list[str]
    snippet: list[tuple[str, bool]]  # (text, highlighted) pieces

    def snippet_text(self, mark: tuple[str, str] = ("**", "**")) -> str:
        return "".join(f"{mark[0]}{t}{mark[1]}" if hl else t for t, hl in self.snippet)


@dataclass(slots=True)
class SearchResult:
    query: Q | None
    total: int
    hits: list[Hit]
    seconds: float
    notice: str | None = None  # e.g. the query was cut to its first words (see search.query_parser)


class LiveStats:
    """Collection statistics of the live documents only.

    Whoosh keeps a deleted document's postings, and counts it in the document
    total and average lengths, until its segment is merged: the same archive
    would score differently after an edit than after a clean build. Scoring
    with the statistics of live documents makes the index's history invisible
    in the ranking, here and in the browser index exported from it."""

    def __init__(self, reader):
        self.reader = reader
        self.live = [n for n in reader.all_doc_ids()]
        self.deleted = reader.has_deletions()
        self.N = len(self.live)
        self.avgfl = {f: (sum(reader.doc_field_length(n, f, 0) for n in self.live) / self.N if self.N else 1) or 1
                      for f in (*TERM_FIELDS, *PAIR_FIELDS)}
        self._df: dict[tuple[str, str], int] = {}

    def df(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        found = self._df.get(key)
        if found is None:
            if not self.deleted:
                found = self.reader.doc_frequency(fieldname, text)
            elif (fieldname, text) in self.reader:
                is_deleted = self.reader.is_deleted
                found = sum(1 for n in self.reader.postings(fieldname, text).all_ids() if not is_deleted(n))
            else:
                found = 0
            self._df[key] = found
        return found

    def idf(self, fieldname: str, text: str) -> float:
        """Whoosh's formula (log(N / (df + 1)) + 1) on live documents."""
        return math.log(self.N / (self.df(fieldname, text) + 1)) + 1 if self.N else 0.0


def live_bm25f(stats: LiveStats):
    """Whoosh's BM25F, with idf and average field lengths from ``stats``."""
    from whoosh.scoring import BM25F, BM25FScorer

    class LiveScorer(BM25FScorer):
        def __init__(self, searcher, fieldname, text, B, K1, qf=1):
            self.idf = stats.idf(fieldname, text)
            self.avgfl = stats.avgfl.get(fieldname) or 1
            self.B, self.K1, self.qf = B, K1, qf
            self.setup(searcher, fieldname, text)

    class LiveBM25F(BM25F):
        def idf(self, searcher, fieldname, text):
            return stats.idf(fieldname, text)

        def scorer(self, searcher, fieldname, text, qf=1):
            if not searcher.schema[fieldname].scorable:
                return super().scorer(searcher, fieldname, text, qf)
            return LiveScorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf)

    return LiveBM25F(B=BM25_B, K1=BM25_K1)


class SearchIndex:
    """An opened index: Whoosh searcher, vocabulary and alias table."""

    def __init__(self, index_dir: Path):
        from whoosh import index as whoosh_index

        from sitrep.errors import SitrepError

        index_dir = Path(index_dir)
        if not _whoosh_exists(index_dir) or not (index_dir / VOCAB_FILE).exists():
            raise SitrepError(f"no search index in {index_dir}; build the site first (invoke build)")
        rebuild = "\n  how to fix: build the site again (invoke build); the build replaces a damaged index"
        state = _State.load(index_dir / STATE_FILE)
        problem = "its state file is damaged" if state is None else index_damage(index_dir, state.files)
        vocab = read_sealed(index_dir / VOCAB_FILE, VOCAB_KIND, FILES_FORMAT) if problem is None else None
        if problem is None and vocab is None:
            problem = "its vocabulary file is damaged"
        if problem is not None:
            raise SitrepError(f"the search index in {index_dir} cannot be trusted: {problem}{rebuild}")
        self.dir = index_dir
        try:
            from whoosh.searching import Searcher

            self.ix = whoosh_index.open_dir(str(index_dir))
            reader = self.ix.reader()
            self.stats = LiveStats(reader)
            self.searcher = Searcher(reader, fromindex=self.ix, weighting=live_bm25f(self.stats))
            self.vocab = Vocabulary(json.loads(vocab.decode("utf-8")))
            self.aliases = self.ix.schema["body"].analyzer.aliases
        except Exception as err:  # noqa: BLE001 - the checksums held, yet Whoosh cannot read it
            raise SitrepError(f"the search index in {index_dir} cannot be read ({type(err).__name__}: {err})"
                              f"{rebuild}") from None

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- queries ---------------------------------------------------------------
    def compile(self, query: str) -> Q | None:
        return compile_query(query, self.vocab)

    def to_whoosh(self, q: Q):
        """The Whoosh query of a resolved query (see sitrep.search.query.Q).

        Every compound has exactly two children, so each score is a sum of two
        numbers: the browser adds them in the same order and gets the same float."""
        from whoosh import query as wq

        if q.op in ("term", "pair"):
            fields = TERM_FIELDS if q.op == "term" else PAIR_FIELDS
            return wq.Or([wq.Term(fields[0], q.text, boost=HEADLINE_BOOST), wq.Term(fields[1], q.text)],
                         boost=q.boost)
        if q.op in ("prefix", "any"):
            return _max_query([self.to_whoosh(c) for c in q.children])
        if q.op == "and":
            return wq.And([self.to_whoosh(c) for c in q.children])
        if q.op == "or":
            return wq.Or([self.to_whoosh(c) for c in q.children])
        if q.op == "andnot":
            return wq.AndNot(self.to_whoosh(q.children[0]), self.to_whoosh(q.children[1]))
        return wq.NullQuery

    def filter_query(self, filters: Filters):
        from whoosh import query as wq

        parts = []
        for fieldname, value in (("theatres", filters.theatre), ("topics", filters.topic),
                                 ("places", filters.place), ("source", filters.source)):
            if value:
                parts.append(wq.Term(fieldname, value))
        if filters.since or filters.until:
            parts.append(wq.TermRange("date", filters.since or "0000-00-00", filters.until or "9999-99-99"))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def search(self, query: str, filters: Filters | None = None, limit: int = 10,
               offset: int = 0, sort: str = "relevance") -> SearchResult:
        """Ranked items for ``query``: BM25F score, ties by document number;
        with ``sort="date"`` the same matches newest first.

        An empty query with filters lists the filtered items newest first."""
        result = self._search(query, filters or Filters(), limit, offset, sort)
        result.notice = query_notice(query)
        return result

    def _search(self, query: str, filters: Filters, limit: int, offset: int, sort: str) -> SearchResult:
        started = time.perf_counter()
        q = self.compile(query)
        fq = self.filter_query(filters)
        if q is None:
            if fq is None:
                return SearchResult(None, 0, [], time.perf_counter() - started)
            return self._by_date(None, set(fq.docs(self.searcher)), limit, offset, started)
        if q.op == "none":
            return SearchResult(q, 0, [], time.perf_counter() - started)
        if sort == "date":
            docs = self._matches(q)
            if fq is not None and docs:
                docs &= set(fq.docs(self.searcher))
            return self._by_date(q, docs, limit, offset, started)
        results = self.searcher.search(self.to_whoosh(q), limit=offset + limit, filter=fq or None)
        terms, pairs = query_terms(q)
        # Slice, not list(results): list() asks len() for a size hint, and
        # Whoosh's len() runs the whole query again (see count()).
        # Equal scores in date-and-id order, as the browser index numbers documents.
        page = sorted(((r.docnum, r.score) for r in results[offset:]),
                      key=lambda h: (-round(h[1], 9), self._date_key(h[0])))
        hits = [self._hit(n, score, terms, pairs) for n, score in page]
        total = self.count(q, fq)
        return SearchResult(q, total, hits, time.perf_counter() - started)

    def _by_date(self, q: Q | None, docs: set[int], limit: int, offset: int, started: float) -> SearchResult:
        terms, pairs = query_terms(q) if q is not None else (set(), set())
        docnums = sorted(docs, key=self._date_key, reverse=True)
        hits = [self._hit(n, 0.0, terms, pairs) for n in docnums[offset:offset + limit]]
        return SearchResult(q, len(docnums), hits, time.perf_counter() - started)

    def count(self, q: Q, fq=None) -> int:
        """How many items match, exactly.

        Whoosh's own count (``len(results)``) runs the whole query a second
        time through its matcher tree, since its top-N collector skips blocks
        that cannot make the top N: 70 ms for a common word in 32,000 items.
        Set operations on the raw posting lists give the same number in a
        fraction of that."""
        docs = self._matches(q)
        if fq is not None and docs:
            docs &= set(fq.docs(self.searcher))
        return len(docs)

    def _matches(self, q: Q) -> set[int]:
        """The document numbers a resolved query matches (see to_whoosh)."""
        if q.op in ("term", "pair"):
            reader = self.searcher.reader()
            docs: set[int] = set()
            for fieldname in TERM_FIELDS if q.op == "term" else PAIR_FIELDS:
                if (fieldname, q.text) in reader:
                    docs.update(reader.postings(fieldname, q.text).all_ids())
            return docs
        children = [self._matches(c) for c in q.children]
        if q.op in ("prefix", "any", "or"):
            return set().union(*children)
        if q.op == "and":
            return set.intersection(*children) if children else set()
        if q.op == "andnot":
            return children[0] - children[1]
        return set()

    def _date_key(self, docnum: int):
        """Date, then id: the browser index's order, whatever order Whoosh indexed in."""
        f = self.searcher.stored_fields(docnum)
        return (f["date"], f["id"])

    def _hit(self, docnum: int, score: float, terms: set[str], pairs: set[str]) -> Hit:
        f = self.searcher.stored_fields(docnum)
        return Hit(
            id=f["id"], docnum=docnum, url=f["url"], headline=f["headline"], date=f["date"], score=score,
            source=f["source_name"], theatres=f.get("theatres", "").split(), topics=f.get("topics", "").split(),
            places=f.get("places", "").split(),
            snippet=snippet(f["body"], terms, pairs, self.aliases),
        )

    def suggest(self, query: str, filters: Filters | None = None) -> tuple[str, int] | None:
        """"Did you mean": (another spelling of ``query``, how many items it
        finds with the same filters), or None (see sitrep.search.suggest.suggest_query)."""
        reader = self.searcher.reader()

        def items_of(term: str) -> int:
            docs: set[int] = set()
            for fieldname in TERM_FIELDS:
                if (fieldname, term) in reader:
                    docs.update(reader.postings(fieldname, term).all_ids())
            return len(docs)

        other = suggest_query(query, self.vocab, items_of)
        if other is None:
            return None
        total = self.search(other, filters, limit=1).total
        return (other, total) if total else None

    def search_all(self, query: str, filters: Filters | None = None) -> list[tuple[int, float]]:
        """Every match as (docnum, score), best first (for tests and benchmarks)."""
        q = self.compile(query)
        if q is None or q.op == "none":
            return []
        results = self.searcher.search(self.to_whoosh(q), limit=None,
                                       filter=self.filter_query(filters or Filters()))
        return [(r.docnum, r.score) for r in results]


def _max_query(subqueries: list):
    return _max_query_class()(subqueries)


@functools.lru_cache(maxsize=1)
def _max_query_class():
    """Whoosh's DisjunctionMax, scored right.

    whoosh3 3.54's DisjunctionMaxMatcher returns max(a.score(), b.score())
    whenever both children are active, even when they stand on different
    documents, so a document matching one expansion of a prefix could get the
    score another document has for another expansion. This matcher takes the
    maximum only of children on the current document."""
    from whoosh import matching
    from whoosh import query as wq

    class MaxMatcher(matching.DisjunctionMaxMatcher):
        def score(self):
            a, b = self.a, self.b
            if not a.is_active():
                return b.score()
            if not b.is_active():
                return a.score()
            ida, idb = a.id(), b.id()
            if ida < idb:
                return a.score()
            if idb < ida:
                return b.score()
            return max(a.score(), b.score())

    class MaxQuery(wq.DisjunctionMax):
        def _matcher(self, subs, searcher, context):
            reader = searcher.reader()
            return self._tree_matcher(subs, MaxMatcher, searcher, context,
                                      lambda q: q.estimate_size(reader), tiebreak=self.tiebreak)

    return MaxQuery


# ----------------------------------------------------------------------------- snippets

SNIPPET_WORDS = 28


def snippet(text: str, terms: set[str], pairs: set[str], aliases: Mapping[str, str],
            words: int = SNIPPET_WORDS) -> list[tuple[str, bool]]:
    """The stretch of ``text`` with most query words, as (text, highlighted) pieces."""
    toks = analyze(text, aliases)
    marked = [t.text in terms for t in toks]
    for i in range(len(toks) - 1):
        if f"{toks[i].text}{PAIR_JOINER}{toks[i + 1].text}" in pairs:
            marked[i] = marked[i + 1] = True
    if not toks:
        return [(text[:200], False)] if text else []
    best, best_count = 0, -1
    window = min(words, len(toks))
    count = sum(marked[:window])
    for start in range(0, len(toks) - window + 1):
        if start:
            count += marked[start + window - 1] - marked[start - 1]
        if count > best_count:
            best, best_count = start, count
    first = 0
    if best_count > 0:  # centre the window on the marked words it holds
        inside = [i for i in range(best, best + window) if marked[i]]
        first = max(0, min(len(toks) - window, (inside[0] + inside[-1]) // 2 - window // 2))
    last = first + window - 1
    begin = toks[first].start if first else 0
    end = toks[last].end if last < len(toks) - 1 else len(text)
    pieces: list[tuple[str, bool]] = []
    if begin:
        pieces.append(("… ", False))
    pos = begin
    for i in range(first, last + 1):
        if marked[i]:
            if toks[i].start > pos:
                pieces.append((text[pos:toks[i].start], False))
            pieces.append((text[toks[i].start:toks[i].end], True))
            pos = toks[i].end
    if end > pos:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return _merge(pieces)


def _merge(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, hl in pieces:
        text = " ".join(text.split("\n"))
        if out and out[-1][1] == hl:
            out[-1] = (out[-1][0] + text, hl)
        elif text:
            out.append((text, hl))
    return out
