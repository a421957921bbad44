"""Parsed reports remembered between builds, so a rebuild parses only what changed.

Reading a report (its Markdown rendered, sanitised and cut into items) is a
fifth of a rebuild that changes nothing. A parsed report depends only on the
file's bytes, the name it is shown under (errors and ``report.path`` carry
it) and the parsing code with the libraries it calls, never on settings: the
cache file is named by a fingerprint of that code, and each report by a hash
of its bytes and name. Pelican's own reader cache keys on the file alone and
would serve a stale report after an upgrade of the parser; this one cannot.

The file is a cache-file header (:mod:`sitrep.files.cachefile`: kind and
format version), then a sequence of records (16-byte key, 16-byte checksum,
8-byte length, a pickled Report), read through an index of offsets, so an
archive of thousands of reports costs a dictionary of keys in memory, not
every report twice. A damaged file or record is a miss, never an error nor a
wrong report, and is named in one warning. Reports that fail to parse are
never cached: their error is raised afresh. The code's digest is taken once
per process (see code_digest).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import struct
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

from sitrep.files.atomic import AtomicFile, remove_abandoned
from sitrep.files.cachefile import (HEADER_SIZE, check_header, checksum, folder_key, header, keep_newest,
                                    warn_discarded)
from sitrep.files.digest import code_digest
from sitrep.model import Report
from sitrep.reports.file import decode_report, parse_report, read_report_bytes

CACHE_KIND = "reports"
CACHE_FORMAT = 3
_MAGIC = header(CACHE_KIND, CACHE_FORMAT)
_HEAD = struct.Struct("<16s16sQ")  # key, checksum of the record, length
# The modules a parsed report is made by, and the libraries they call.
_CODE = ("sitrep.reports.file", "sitrep.reports.items", "sitrep.reports.sanitize", "sitrep.model", "sitrep.text")
# snowballstemmer hands its work to PyStemmer when installed; both stem the
# words that pair key developments with sections.
_LIBRARIES = ("markdown", "nh3", "snowballstemmer", "PyStemmer")


@functools.cache
def parser_fingerprint() -> str:
    """Changes when the parsing code, a library it relies on or Python
    (unicodedata folds the words that make ids) changes."""
    h = hashlib.sha256(_MAGIC + sys.version.encode() + code_digest(*_CODE))
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib}={version(lib)}".encode())
        except PackageNotFoundError:
            h.update(lib.encode())
    return h.hexdigest()[:20]


def _key(data: bytes, display_path: str) -> bytes:
    return hashlib.sha256(display_path.encode("utf-8") + b"\0" + data).digest()[:16]


class ReportCache:
    """``read`` answers from the previous build's file when it can; once a
    report has to be parsed, a new file is written with every report read
    and ``close`` swaps it in."""

    def __init__(self, cache_dir: Path, content_dir: Path | str = ""):
        self.cache_dir = Path(cache_dir)
        # One file per content folder: a test's or a benchmark's archive built
        # with the site's settings does not evict the site's reports.
        self.path = self.cache_dir / f"reports-{parser_fingerprint()}-{folder_key(content_dir)}.bin"
        self._old: BinaryIO | None = None
        self._index: dict[bytes, tuple[bytes, int, int]] = self._load_index()
        self._new: AtomicFile | None = None
        self._kept: list[tuple[bytes, bytes, int, int]] = []
        self._broken = False  # writing failed once: stop trying this build
        self.hits = self.misses = 0
        self.keys: dict[str, bytes] = {}  # the key of each report read, by the name it is shown under

    def _load_index(self) -> dict[bytes, tuple[bytes, int, int]]:
        remove_abandoned(self.cache_dir)  # temporary files of builds that died
        index: dict[bytes, tuple[bytes, int, int]] = {}
        try:
            fp = open(self.path, "rb")
        except FileNotFoundError:
            return index
        except OSError as err:
            warn_discarded(self.path, f"it cannot be read ({err.strerror or err})")
            return index
        size = os.fstat(fp.fileno()).st_size
        problem = check_header(fp.read(HEADER_SIZE), CACHE_KIND, CACHE_FORMAT)
        if problem:
            fp.close()
            warn_discarded(self.path, problem)
            return index
        offset = HEADER_SIZE
        while offset + _HEAD.size <= size:
            key, check, length = _HEAD.unpack(fp.read(_HEAD.size))
            offset += _HEAD.size
            if offset + length > size:
                warn_discarded(self.path, "it is truncated (its last reports will be parsed again)")
                break
            index[key] = (check, offset, length)
            offset += length
            fp.seek(offset)
        if offset < size:
            warn_discarded(self.path, "it ends in half a record")
        self._old = fp
        return index

    def read(self, path: str | Path, display_path: str | None = None) -> Report:
        """The parsed report of ``path``, as ``report_file.read_report`` gives it."""
        name = display_path or str(path)
        data = read_report_bytes(path, name)  # read once: key and report come from the same bytes
        key = _key(data, name)
        self.keys[name] = key  # what a parsed report is made of (sitrep.publish.known_digests)
        where = self._index.pop(key, None)  # popped: what is left was not read this build
        blob = self._blob(*where) if where else None
        report = _unpickle(blob) if blob is not None else None
        if where and report is None:
            warn_discarded(self.path, "a record fails its checksum (that report is parsed again)")
        if report is not None:
            self.hits += 1
            if self._new is None:
                self._kept.append((key, *where))  # copied only if the file must be rewritten
            else:
                self._write(key, blob, where[0])
            return report
        report = parse_report(decode_report(data, name), name)  # ReportError: never cached
        self.misses += 1
        self._start_new()
        self._write(key, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        return report

    def _blob(self, check: bytes, offset: int, length: int) -> bytes | None:
        """The record's bytes, or None when they are not what was written."""
        blob = self._raw(offset, length)
        return blob if blob is not None and checksum(blob) == check else None

    def _start_new(self) -> None:
        """Open the next file and copy into it the reports read from the old one so far."""
        if self._new is not None or self._broken:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._new = AtomicFile(self.path)
            self._new.write(_MAGIC)
        except OSError:
            self._drop_new()
            return
        for key, check, offset, length in self._kept:
            blob = self._raw(offset, length)  # checked when it was read this build: copied as it is
            if blob is not None:
                self._write(key, blob, check)
        self._kept = []

    def _raw(self, offset: int, length: int) -> bytes | None:
        """A record's bytes as they are in the old file (None if it cannot be read whole)."""
        try:
            self._old.seek(offset)
            blob = self._old.read(length)
        except (OSError, ValueError):
            return None
        return blob if len(blob) == length else None

    def _write(self, key: bytes, blob: bytes, check: bytes | None = None) -> None:
        """Append a record; ``check``: the blob's checksum when it is known already."""
        if self._new is None:
            return
        try:
            self._new.write(_HEAD.pack(key, check if check is not None else checksum(blob), len(blob)))
            self._new.write(blob)
        except OSError:
            self._drop_new()

    def _drop_new(self) -> None:
        """Give up the next file: a read-only or full disk only costs speed."""
        self._broken = True
        if self._new is not None:
            self._new.discard()
            self._new = None

    def close(self) -> None:
        """Keep exactly the reports read since opening: a report that changed or
        was deleted drops out; when nothing changed the file is only touched,
        so the pruning of old files (by age) keeps it."""
        if self._index and self._old is not None:
            self._start_new()  # some reports were deleted: rewrite without them
        if self._old is not None:
            self._old.close()
            self._old = None
        try:
            if self._new is None:
                if self.hits and self.path.exists():
                    os.utime(self.path)
                return
            new, self._new = self._new, None
            new.commit()
            keep_newest(self.path, "reports-*.bin")
        except OSError:
            self._drop_new()


def _unpickle(blob: bytes) -> Report | None:
    try:
        report = pickle.loads(blob)
    except Exception:  # a damaged record is a miss, never an error
        return None
    return report if isinstance(report, Report) else None

