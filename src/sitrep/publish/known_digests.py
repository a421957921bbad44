"""Item digests kept between builds, so a rebuild does not pickle every item again.

Every page that shows an item has the item's digest in its fingerprint
(:mod:`sitrep.publish.fingerprint`), and an item is digested by pickling
all it holds: 6,700 items per 1,000 reports, the largest single part of
fingerprinting a rebuild's pages. Yet an item is made only of its report
file (the parser cuts it out of the file's bytes) and of its tags (the
tagger's answer for its headline, text, overrides and date). So its digest
is known before the build without looking at it, from a key of both: the
report cache's key of the file (its bytes and the name it is shown under,
see :mod:`sitrep.reports.cache`), the parser's fingerprint and the tagger's
(the store is named by them, with the digesting code's own). A report read
from another file, an upgraded parser or tagger, an edited taxonomy all miss
the store; its items are then digested as before and remembered for the next
build.

The file is sealed (:mod:`sitrep.files.cachefile`): per report, its 16-byte
key, the number of its items and their 32-byte digests.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sitrep.files.cachefile import SealedWriter, folder_key, keep_newest, read_sealed
from sitrep.files.digest import code_digest
from sitrep.publish.fingerprint import Opaque

CACHE_KIND = "item-digests"
CACHE_FORMAT = 1
_KEY, _DIGEST = 16, 32  # sizes of a report's key and of an item's digest
_COUNT = struct.Struct("<I")


@functools.cache
def _code() -> bytes:
    """The code that turns an item into its digest."""
    return code_digest("sitrep.publish.fingerprint", "sitrep.files.stable_pickle", "sitrep.model")


def store_path(cache_dir: Path, parser_key: str, tagger_key: str, content_dir: Path | str) -> Path:
    """The store for this parser, tagger and content folder."""
    key = hashlib.sha256(f"{parser_key}\0{tagger_key}\0".encode() + _code()).hexdigest()[:20]
    return Path(cache_dir) / f"item-digests-{key}-{folder_key(content_dir)}.bin"


class KnownDigests:
    """The digests of the items of ``reports`` the last build knew, and the
    digests of this build's items for the next one.

    ``source_keys``: the report cache's key of each report read this build,
    by the report's path (``report.path``); a report without one (read
    without the cache) is digested by the build as before."""

    def __init__(self, path: Path, reports: Iterable[Any], source_keys: dict[str, bytes]):
        self.path = Path(path)
        self.reports = [(r, source_keys[r.path]) for r in reports if r.path in source_keys]
        self._old = _load(self.path)

    def pairs(self) -> Iterator[tuple[Any, bytes]]:
        """(item, digest) of each item whose report the last build digested:
        the same file read by the same parser and tagged by the same tagger."""
        for report, key in self.reports:
            digests = self._old.get(key)
            if digests is not None and len(digests) == len(report.items):
                yield from zip(report.items, digests)

    def save(self, digest: Callable[[Any], bytes]) -> None:
        """Write the digests of this build's items (``digest``: the build's own,
        memoised, so an item digested for its pages costs a look-up). A report
        with an item that cannot be digested is left out."""
        new: dict[bytes, tuple[bytes, ...]] = {}
        for report, key in self.reports:
            try:
                new[key] = tuple(digest(item) for item in report.items)
            except Opaque:
                continue
        if new == self._old:
            return
        try:
            with SealedWriter(self.path, CACHE_KIND, CACHE_FORMAT) as out:
                for key, digests in new.items():
                    out.write(key + _COUNT.pack(len(digests)) + b"".join(digests))
            keep_newest(self.path, "item-digests-*.bin")
        except OSError:
            pass  # a read-only cache only costs speed


def _load(path: Path) -> dict[bytes, tuple[bytes, ...]]:
    """The stored digests; none when the file is missing or damaged (read_sealed warns)."""
    payload = read_sealed(path, CACHE_KIND, CACHE_FORMAT)
    if payload is None:
        return {}
    found: dict[bytes, tuple[bytes, ...]] = {}
    at, end = 0, len(payload)
    while at + _KEY + _COUNT.size <= end:
        key = bytes(payload[at:at + _KEY])
        (count,) = _COUNT.unpack_from(payload, at + _KEY)
        at += _KEY + _COUNT.size
        if at + count * _DIGEST > end:
            return {}  # sealed yet not in this layout: start again
        found[key] = tuple(bytes(payload[at + k * _DIGEST:at + (k + 1) * _DIGEST]) for k in range(count))
        at += count * _DIGEST
    return found if at == end else {}
