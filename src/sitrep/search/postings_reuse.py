"""A postings tier read back from the previous build, instead of read again
from Whoosh: whole when it holds the same documents, or with the terms of a
few edited or appended documents looked up again (the recent tier grows by a
report's items on most builds; the sealed one changes when an old report is edited).

Reading every posting of the archive from Whoosh is what the export spends
its time on (tens of seconds at 1,000 reports). The previous build's files
already hold the sealed tier; they are trusted only when they are the bytes
that build wrote (the digest its manifest recorded) and, for the partial
update, when its result fragments describe the documents the tier was made
from (their digests give the key the manifest recorded). The result is the
same as reading everything from Whoosh, byte for byte: an entry that lists
none of the edited documents, before or after the edit, does not depend on them.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path
from typing import Mapping

from sitrep.search import datafiles
from sitrep.search.query import PAIR_JOINER
from sitrep.search.schema import PAIR_FIELDS, TERM_FIELDS
from sitrep.search.export_memo import TierMemo
from sitrep.search.postings import FIELD_KEYS, PostingsSource, Tier, text_digest, tier_key

MAX_EDITED_SHARE = 16  # more than 1/16 of the tier's documents edited: read it all again


def _previous_tier(previous: Path, name: str) -> tuple[dict, dict] | None:
    """(the previous manifest, its description of tier ``name``)."""
    try:
        manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
        return manifest, next(t for t in manifest.get("postings", []) if t.get("tier") == name)
    except (OSError, ValueError, StopIteration, AttributeError, TypeError):
        return None


def _read_entries(previous: Path, old: Mapping) -> tuple[dict, dict] | None:
    """(word entries, pair entries) of a previous tier; None unless its files
    are the bytes the previous build wrote."""
    digest = hashlib.sha256()
    words: dict[str, dict] = {}
    pairs: dict[str, dict] = {}
    try:
        for n in range(int(old["shards"])):
            data = datafiles.read_bytes(previous, f"p/{old['tier']}/{n}.json")
            digest.update(hashlib.sha256(data).digest())
            for term, entry in json.loads(data.decode("utf-8")).items():
                if PAIR_JOINER in term:  # words never hold it (tokens are letters and digits)
                    pairs[term] = entry
                else:  # without the surfaces, which write_tiers adds again in the lowest tier holding the word
                    words[term] = {k: entry[k] for k in FIELD_KEYS if k in entry}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if digest.hexdigest()[:16] != old.get("version"):
        return None
    return words, pairs


def _previous_docs(previous: Path, manifest: Mapping, first: int, end: int) -> list[tuple[str, str]] | None:
    """(id, text digest) of the previous build's documents ``first .. end - 1``,
    from its result fragments."""
    size = manifest.get("chunk_size")
    docs: list[tuple[str, str]] = []
    try:
        for chunk in range(first // size, (end - 1) // size + 1):
            rows = datafiles.read_json(previous, f"f/{chunk}.json")
            for k, doc in enumerate(rows):
                if first <= chunk * size + k < end:
                    docs.append((doc["id"], text_digest(doc["headline"], doc["text"])))
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None
    return docs if len(docs) == end - first else None


def reuse_tier(previous: Path | None, tier: Tier, docs: list[tuple[str, str]], source: PostingsSource,
               aliases: Mapping[str, str], memo: TierMemo | None = None) -> str:
    """Fill ``tier`` (holding ``docs``) from the previous build: "whole", "updated"
    (the terms of edited documents, and of documents appended since, looked up
    again) or "" (not possible: the caller reads the tier from Whoosh). With the
    previous export's ``memo`` of the tier, its entries are taken as text from it
    instead of being read back from the previous build's files."""
    found = _previous_tier(previous, tier.name) if previous is not None else None
    if found is None:
        return ""
    manifest, old = found
    span = old.get("docs")
    if not (isinstance(span, list) and len(span) == 2 and span[0] == tier.first
            and isinstance(span[1], int) and tier.first <= span[1] <= tier.end):
        return ""
    if memo is not None and (memo.version != old.get("version") or memo.key != old.get("key")
                             or len(memo.docs) != span[1] - tier.first):
        memo = None  # not this tier's memo: read the files
    if span[1] == tier.end and old.get("key") == tier.key:
        if memo is not None:
            tier.known_words, tier.known_pairs = memo.words, memo.pairs
            return "whole"
        entries = _read_entries(previous, old)
        if entries is None:
            return ""
        tier.words, tier.pairs = entries
        return "whole"
    before = memo.docs if memo is not None else _previous_docs(previous, manifest, tier.first, span[1])
    if before is None or tier_key(tier.name, tier.first, span[1], before, aliases) != old.get("key"):
        return ""  # other code, other aliases, or fragments that are not what the tier was made from
    if any(a[0] != b[0] for a, b in zip(before, docs)):
        return ""  # documents renumbered
    edited = {tier.first + k for k, (a, b) in enumerate(zip(before, docs)) if a != b}
    changed = edited | set(range(span[1], tier.end))
    if len(changed) * MAX_EDITED_SHARE > len(docs):
        return ""  # too many to be worth it
    if memo is not None:
        texts = _previous_texts(previous, manifest, sorted(edited))
        if texts is not None and [text_digest(*t) for t in texts] == [before[n - tier.first][1] for n in sorted(edited)]:
            _update_known(tier, memo, changed, texts, source)
            return "updated"
    entries = _read_entries(previous, old)
    if entries is None:
        return ""
    tier.words, tier.pairs = (_update(part, fields, changed, tier, source)
                              for part, fields in zip(entries, (TERM_FIELDS, PAIR_FIELDS)))
    return "updated"


def _previous_texts(previous: Path, manifest: Mapping, numbers: list[int]) -> list[tuple[str, str]] | None:
    """(headline, body) of the previous build's documents ``numbers``, from its result fragments."""
    size = manifest.get("chunk_size")
    out: list[tuple[str, str]] = []
    try:
        for chunk, group in itertools.groupby(numbers, key=lambda n: n // size):
            rows = datafiles.read_json(previous, f"f/{chunk}.json")
            out.extend((rows[n % size]["headline"], rows[n % size]["text"]) for n in group)
    except (OSError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError):
        return None
    return out


def _update_known(tier: Tier, memo: TierMemo, changed: set[int], before: list[tuple[str, str]],
                  source: PostingsSource) -> None:
    """The memo's entries, but those of every term that an edited document
    held before the edit (the analysers run on its old text, ``before``) or
    holds now made again: the same terms :func:`_update` finds by looking
    through every entry for the edited documents. Such an entry keeps its
    postings of the other documents, as the memo wrote them, and takes those of
    the changed documents from Whoosh, read from the first of them on: reading
    each term's whole list again took a second of an edit's export at 1,000
    reports, for a hundred-odd terms of common words."""
    whoosh = [source.whoosh[n] for n in sorted(changed)]
    since = min(whoosh, default=0)  # the changed documents' postings are read from here on
    known_words, known_pairs = dict(memo.words), dict(memo.pairs)
    for known, fresh, fields in ((known_words, tier.words, TERM_FIELDS), (known_pairs, tier.pairs, PAIR_FIELDS)):
        redo: set[str] = set()
        for fieldname in fields:
            redo.update(source.terms_of(fieldname, before))
            redo.update(source.terms(fieldname, whoosh))
        for term in redo:
            old = known.pop(term, None)
            kept = _postings_without(old[1] if isinstance(old, tuple) else old, changed)  # words: (surfaces, text)
            entry = {}
            for key, fieldname in zip(FIELD_KEYS, fields):
                postings = kept.get(key, [])
                if source.has(fieldname, term):
                    postings += source.postings(fieldname, term, changed, since)
                row = source.row(fieldname, postings)
                if row is not None:
                    entry[key] = row
            if entry:
                fresh[term] = entry
    tier.known_words, tier.known_pairs = known_words, known_pairs


def _postings_without(text: str | None, changed: set[int]) -> dict[str, list[tuple[int, int | float]]]:
    """(export number, weight) per field key of an entry's JSON ``text`` (None:
    no entry), but of the documents ``changed``. Its lengths are not kept: the
    row is made again with each document's length, which an unchanged document
    keeps."""
    if text is None:
        return {}
    entry = json.loads(text)
    out = {}
    for key in FIELD_KEYS:
        if key in entry:
            numbers, weights, _ = entry[key]
            out[key] = [(n, w) for n, w in zip(itertools.accumulate(numbers), weights) if n not in changed]
    return out


def _update(entries: dict[str, dict], fields: tuple[str, str], edited: set[int], tier: Tier,
            source: PostingsSource) -> dict[str, dict]:
    """``entries`` with every term that lists an edited document, or that an
    edited document now holds, read again from Whoosh."""
    whoosh = [source.whoosh[n] for n in sorted(edited)]
    # Whoosh numbers the tier's documents from here on (the sealed tier: from 0)
    start = min(source.whoosh[n] for n in range(tier.first, tier.end)) if tier.first else 0
    for key, fieldname in zip(FIELD_KEYS, fields):
        stale = {t for t, e in entries.items() if key in e and not edited.isdisjoint(itertools.accumulate(e[key][0]))}
        for term in stale | set(source.terms(fieldname, whoosh)):
            row = source.rows(fieldname, term, tier.first, tier.end, start)
            entry = entries.setdefault(term, {})
            if row is None:
                entry.pop(key, None)
            else:
                entry[key] = row
    return {t: {k: e[k] for k in FIELD_KEYS if k in e} for t, e in sorted(entries.items()) if e}
