"""An opened Whoosh index of items, searched: the CLI's side of search.

:class:`SearchIndex` compiles a query (:mod:`sitrep.search.query`), runs it
through Whoosh with the ranking of :mod:`sitrep.search.scoring`, and returns
hits with snippets (:mod:`sitrep.search.snippets`). The index is written by
:mod:`sitrep.search.indexing`; before it is read, its files are checked
against the checksums its state recorded (:mod:`sitrep.search.state`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from sitrep.files.cachefile import read_sealed
from sitrep.search.query import Q, Vocabulary, compile_query, query_terms
from sitrep.search.query_parser import query_notice
from sitrep.search.schema import PAIR_FIELDS, TERM_FIELDS
from sitrep.search.scoring import HEADLINE_BOOST, LiveStats, live_bm25f, max_query
from sitrep.search.snippets import snippet
from sitrep.search.state import (
    FILES_FORMAT, STATE_FILE, VOCAB_FILE, VOCAB_KIND, IndexState, index_damage, whoosh_exists,
)
from sitrep.search.suggest import suggest_query


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


class SearchIndex:
    """An opened index: Whoosh searcher, vocabulary and alias table."""

    def __init__(self, index_dir: Path):
        from whoosh import index as whoosh_index

        from sitrep.errors import SitrepError

        index_dir = Path(index_dir)
        if not whoosh_exists(index_dir) or not (index_dir / VOCAB_FILE).exists():
            raise SitrepError(f"no search index in {index_dir}; build the site first (invoke build)")
        rebuild = "\n  how to fix: build the site again (invoke build); the build replaces a damaged index"
        state = IndexState.load(index_dir / STATE_FILE)
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
            return max_query([self.to_whoosh(c) for c in q.children])
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
