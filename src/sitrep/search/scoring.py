"""How the Whoosh index ranks: BM25F on live documents, best-of for alternatives.

Ranking is Whoosh's BM25F with the headline boosted; the browser index
(``sitrep.search.export``) exports exactly the statistics Whoosh scores with,
and ``search-engine.js`` ports the formula, so both rank alike.
"""

from __future__ import annotations

import functools
import math

from sitrep.search.schema import PAIR_FIELDS, TERM_FIELDS

HEADLINE_BOOST = 2.0
BM25_B = 0.75
BM25_K1 = 1.2


def field_length(reader, docnum: int, fieldname: str) -> int:
    """The length of ``fieldname`` in document ``docnum``, 0 when empty.

    Whoosh's ``doc_field_length`` gives None (not the default) for a field that
    is empty in a document, such as the body of an item that is only a
    headline: summing those failed every build that had one."""
    return reader.doc_field_length(docnum, fieldname, 0) or 0


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
        # per field, each live document's length: the browser index's export reads them too
        self.lengths = {f: {n: field_length(reader, n, f) for n in self.live} for f in (*TERM_FIELDS, *PAIR_FIELDS)}
        self.avgfl = {f: (sum(lengths.values()) / self.N if self.N else 1) or 1 for f, lengths in self.lengths.items()}
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


def max_query(subqueries: list):
    """The best of ``subqueries`` scores a document (a prefix's expansions, a word's spellings)."""
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
