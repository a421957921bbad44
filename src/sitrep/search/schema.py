"""What the Whoosh index holds of an item, and how its words are analysed.

One document per item. ``headline`` and ``body`` hold the item's index terms
(``sitrep.text.analyze``: folded, alias-resolved, stemmed, stop words out);
``headline_pairs`` and ``body_pairs`` hold each two neighbouring terms joined
("north_korean"), which is how phrases are matched: a browser can download the
postings of one pair term, never the word positions of a whole archive.

The analysis itself is :mod:`sitrep.text`'s, the one pipeline the tagger and
both searches share; :class:`SitrepAnalyzer` only hands its terms to Whoosh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Mapping

from sitrep.search.query import PAIR_JOINER
from sitrep.text import Term, analyze

SCHEMA_VERSION = "1"
TERM_FIELDS = ("headline", "body")
PAIR_FIELDS = ("headline_pairs", "body_pairs")


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
        """What the index holds of the item, to tell whether it changed. The fields as
        ``dataclasses.asdict`` gives them (strings and lists of strings: the same JSON,
        so the same digest), without its deep copy: that was most of the time the
        search process took to find that nothing changed (0.3 s per 1,000 reports)."""
        blob = _DIGEST_ENCODER.encode({name: getattr(self, name) for name in _FIELDS}).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:20]


_FIELDS = tuple(f.name for f in fields(SearchDoc))
_DIGEST_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # json.dumps's, made once, not per item


_RECENT: dict[tuple[str, int], tuple[Mapping[str, str], list[Term]]] = {}
_RECENT_SIZE = 8


def analyzed(text: str, aliases: Mapping[str, str]) -> list[Term]:
    """``analyze(text, aliases)``, remembered for the last few texts: Whoosh hands
    the same headline and body to the word field and to the pair field, and the
    vocabulary counts their words again, so each text was analysed three times."""
    key = (text, id(aliases))
    found = _RECENT.get(key)
    if found is not None and found[0] is aliases:
        return found[1]
    terms = analyze(text, aliases)
    if len(_RECENT) >= _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]
    _RECENT[key] = (aliases, terms)
    return terms


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
        terms = analyzed(value, self.aliases)
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

    def term_texts(self, value: str) -> list[str]:
        """The terms of ``value`` in order: what indexing counts (:mod:`sitrep.search.term_counts`)."""
        terms = analyzed(value, self.aliases)
        if self.pairs:
            return [f"{a.text}{PAIR_JOINER}{b.text}" for a, b in zip(terms, terms[1:])]
        return [t.text for t in terms]

    # Whoosh asks analyzers these when it builds or reuses them.
    def has_morph(self) -> bool:
        return False

    def clean(self) -> None:
        pass


def make_schema(aliases: Mapping[str, str]):
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

    from sitrep.search.term_counts import TermCounts

    table = dict(aliases)
    words = SitrepAnalyzer(table)
    pairs = SitrepAnalyzer(table, pairs=True)
    text_fields = {
        "headline": TEXT(analyzer=words, stored=True, phrase=False),
        "body": TEXT(analyzer=words, stored=True, phrase=False),
        "headline_pairs": TEXT(analyzer=pairs, phrase=False),
        "body_pairs": TEXT(analyzer=pairs, phrase=False),
    }
    for text_field in text_fields.values():  # the same rows as Whoosh's Frequency, counted faster
        text_field.format = TermCounts(field_boost=text_field.format.field_boost)
    return Schema(
        id=ID(stored=True, unique=True),
        **text_fields,
        date=ID(stored=True),
        report=ID(stored=True),
        source=ID(stored=True),
        theatres=KEYWORD(stored=True),
        topics=KEYWORD(stored=True),
        places=KEYWORD(stored=True),
        url=STORED, report_title=STORED, source_name=STORED, place_names=STORED, digest=STORED,
    )


def document_fields(doc: SearchDoc) -> dict:
    """The Whoosh fields of one item (a pair field gets the text of its word field)."""
    return dict(
        id=doc.id, headline=doc.headline, body=doc.body,
        headline_pairs=doc.headline, body_pairs=doc.body,
        date=doc.date, report=doc.report, source=doc.source_slug,
        theatres=" ".join(doc.theatres), topics=" ".join(doc.topics), places=" ".join(doc.places),
        url=doc.url, report_title=doc.report_title, source_name=doc.source,
        place_names=list(doc.place_names), digest=doc.digest(),
    )


def surfaces(*texts: str, aliases: Mapping[str, str]) -> set[str]:
    """The folded words of ``texts`` that became index terms (no token spans
    two texts: a line break ends a word, so a headline and a body can be analysed apart)."""
    return {t.surface for text in texts for t in analyzed(text, aliases)}
