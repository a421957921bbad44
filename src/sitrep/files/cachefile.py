"""Cache files that know when they are damaged: a format version and a checksum.

A cache is an optimisation, so a cache file that is truncated, overwritten,
bit-flipped or written by another version must never fail a build nor change
its result: it is discarded, rebuilt, and named in one warning so that the
person watching knows why this build was slower. Every cache of Sitrep
(parsed reports, tag sets, the compiled gazetteer, the alias table, the
search index's state) goes through this module, so there is one format and
one rule.

Every cache file starts with the same header::

    b"sitrep-cache\\n"  kind (16 bytes)  format version (uint32)

A *sealed* file (one payload, read whole) then has the payload's length
(uint64) and BLAKE2b checksum (16 bytes), then the payload. A *record* file
(the parsed-reports cache, read lazily record by record) carries a
:func:`checksum` per record instead and uses only the header.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from pathlib import Path

from sitrep.files.atomic import AtomicFile

logger = logging.getLogger("sitrep.cache")

MAGIC = b"sitrep-cache\n"
_KIND = struct.Struct("<16sI")  # kind, format version
_SEAL = struct.Struct("<Q16s")  # payload length, checksum
HEADER_SIZE = len(MAGIC) + _KIND.size
_warned: set[str] = set()


class CacheDamaged(Exception):
    """A cache file is not what its header promises (only raised inside this package's callers)."""


def checksum(data: bytes) -> bytes:
    """The 16-byte checksum every cache file and record is verified with."""
    return hashlib.blake2b(data, digest_size=16).digest()


def file_checksum(path: str | Path) -> tuple[int, bytes]:
    """(size, :func:`checksum`) of a whole file, read in chunks (for files
    that other libraries write, such as Whoosh's, recorded in a cache's state)."""
    h = hashlib.blake2b(digest_size=16)
    size = 0
    with open(path, "rb") as fp:
        while chunk := fp.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return size, h.digest()


def header(kind: str, version: int) -> bytes:
    """The common header of a cache file of ``kind`` in format ``version``."""
    return MAGIC + _KIND.pack(kind.encode("ascii")[:16], version)


def check_header(blob: bytes, kind: str, version: int) -> str | None:
    """Why ``blob`` (a file's first HEADER_SIZE bytes) is not a header of
    ``kind``/``version``; None when it is."""
    if len(blob) < HEADER_SIZE or not blob.startswith(MAGIC):
        return "it is not a Sitrep cache file (wrong or missing header)"
    got_kind, got_version = _KIND.unpack_from(blob, len(MAGIC))
    if got_kind.rstrip(b"\0") != kind.encode("ascii")[:16]:
        return f"it holds a {got_kind.rstrip(bytes(1)).decode('ascii', 'replace')!r} cache, not {kind!r}"
    if got_version != version:
        return f"it is in format version {got_version}, not {version}"
    return None


def warn_discarded(path: str | Path, reason: str) -> None:
    """Say once per process that the cache file ``path`` was discarded and why."""
    name = str(path)
    if name in _warned:
        return
    _warned.add(name)
    logger.warning("cache %s was discarded and is being rebuilt: %s", name, reason)


class SealedWriter:
    """Streams a sealed cache file: the checksum is computed as the payload
    is written and filled into the header on :meth:`commit`, so a large
    payload (thousands of pickled records) is never held in memory twice."""

    def __init__(self, path: str | Path, kind: str, version: int):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = AtomicFile(self.path)
        self._hash = hashlib.blake2b(digest_size=16)
        self._length = 0
        self._file.write(header(kind, version) + _SEAL.pack(0, bytes(16)))

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self._length += len(data)
        return self._file.write(data)

    def commit(self) -> None:
        fp = self._file.fp
        try:
            fp.seek(HEADER_SIZE)
            fp.write(_SEAL.pack(self._length, self._hash.digest()))
        except BaseException:
            self._file.discard()
            raise
        self._file.commit()

    def discard(self) -> None:
        self._file.discard()

    def __enter__(self) -> SealedWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


KEEP_FILES = 4  # cache files of one kind kept in a folder: several data or content folders may share it


def keep_newest(current: Path, pattern: str, keep: int = KEEP_FILES) -> None:
    """Remove all but the ``keep`` most recently written files matching ``pattern``
    beside ``current`` (the file just written, always kept): a cache folder shared by
    several data or content folders, or by a test run's throwaway archives, keeps a
    file for each of the latest few. An OSError is the caller's to ignore."""
    others = sorted((p for p in current.parent.glob(pattern) if p != current),
                    key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in others[keep - 1:]:
        old.unlink(missing_ok=True)


def folder_key(folder: Path | str) -> str:
    """A short key for a content folder in cache file names (one file per archive)."""
    return hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:8]


def write_sealed(path: str | Path, kind: str, version: int, payload: bytes) -> None:
    """Write ``payload`` as a sealed cache file (atomically)."""
    with SealedWriter(path, kind, version) as out:
        out.write(payload)


def read_sealed(path: str | Path, kind: str, version: int, *, warn: bool = True,
                view: bool = False) -> bytes | memoryview | None:
    """The payload of a sealed cache file; None when there is none.

    A missing file is simply None. A file that exists but is unreadable,
    of another kind or version, truncated or failing its checksum is None
    too, with one warning naming it (see :func:`warn_discarded`) unless
    ``warn`` is off (a caller that only tidies old files away)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        if warn:
            warn_discarded(path, f"it cannot be read ({err.strerror or err})")
        return None
    try:
        return unseal(data, kind, version, view=view)
    except CacheDamaged as err:
        if warn:
            warn_discarded(path, str(err))
        return None


def unseal(data: bytes, kind: str, version: int, *, view: bool = False) -> bytes | memoryview:
    """The payload of a sealed file's bytes; CacheDamaged says what is wrong."""
    problem = check_header(data[:HEADER_SIZE], kind, version)
    if problem:
        raise CacheDamaged(problem)
    if len(data) < HEADER_SIZE + _SEAL.size:
        raise CacheDamaged("it is truncated")
    length, expected = _SEAL.unpack_from(data, HEADER_SIZE)
    # a view instead of a copy (``view``): a payload of tens of MiB is not held twice while it is unpickled
    payload = (memoryview(data) if view else data)[HEADER_SIZE + _SEAL.size:]
    if len(payload) != length:
        raise CacheDamaged(f"it is truncated or padded ({len(payload)} bytes of payload, expected {length})")
    if checksum(payload) != expected:
        raise CacheDamaged("its checksum does not match its contents")
    return payload
