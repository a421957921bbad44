"""The index format of Sitrep's text fields: Whoosh's Frequency, fed with terms.

Whoosh's Frequency format counts the terms of a field by walking the analyzer's
Token objects one by one; :class:`TermCounts` asks a
:class:`~sitrep.search.schema.SitrepAnalyzer` for its term texts and counts them
with a Counter. The rows are the same (term, frequency, weight, encoded
frequency), in the same order (a Counter keeps first occurrences, as Whoosh's
dict did); the token loop was a third of indexing an archive. It lives in a
module of its own because Whoosh pickles the schema into the index: the class
must be importable by name, and importing it imports Whoosh.
"""

from __future__ import annotations

from collections import Counter

from whoosh.formats import Frequency
from whoosh.system import pack_uint


class TermCounts(Frequency):
    def word_values(self, value, analyzer, **kwargs):
        texts = getattr(analyzer, "term_texts", None)
        if texts is None or not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((w, n, float(n) * boost, pack_uint(n)) for w, n in Counter(texts(value)).items())
