"""Parsed reports remembered between builds, so a rebuild parses only what changed.

Reading a report (its Markdown rendered, sanitised and cut into items) is a
fifth of a rebuild that changes nothing. A parsed report depends only on the
file's bytes, the name it is shown under (errors and ``report.path`` carry
it) and the parsing code with the libraries it calls, never on settings: the
cache file is named by a fingerprint of that code, and each report by a hash
of its bytes and name. Pelican's own reader cache keys on the file alone and
would serve a stale report after an upgrade of the parser; this one cannot.

The file is a sequence of records (16-byte key, 8-byte length, a pickled
Report), read through an index of offsets, so an archive of thousands of
reports costs a dictionary of keys in memory, not every report twice.
Reports that fail to parse are never cached: their error is raised afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import BinaryIO

from .model import Report
from .report_file import read_report

KEEP_FILES = 4  # several content folders may share one cache directory
_MAGIC = b"sitrep-reports-1\n"
_HEAD = struct.Struct("<16sQ")
# The modules a parsed report is made by, and the libraries they call.
_CODE = ("report_file.py", "items.py", "html_text.py", "model.py", "text.py")
_LIBRARIES = ("markdown", "nh3", "snowballstemmer")


def parser_fingerprint() -> str:
    """Changes when the parsing code or a library it relies on changes."""
    h = hashlib.sha256(_MAGIC)
    here = Path(__file__).parent
    for name in _CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
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
        folder = hashlib.sha256(str(content_dir).encode("utf-8")).hexdigest()[:8]
        self.path = self.cache_dir / f"reports-{parser_fingerprint()}-{folder}.bin"
        self._old: BinaryIO | None = None
        self._index: dict[bytes, tuple[int, int]] = self._load_index()
        self._new: BinaryIO | None = None
        self._kept: list[tuple[bytes, int, int]] = []
        self._tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        self.hits = self.misses = 0

    def _load_index(self) -> dict[bytes, tuple[int, int]]:
        index: dict[bytes, tuple[int, int]] = {}
        try:
            fp = open(self.path, "rb")
        except OSError:
            return index
        size = os.fstat(fp.fileno()).st_size
        if fp.read(len(_MAGIC)) != _MAGIC:
            fp.close()
            return index
        offset = len(_MAGIC)
        while offset + _HEAD.size <= size:
            key, length = _HEAD.unpack(fp.read(_HEAD.size))
            offset += _HEAD.size
            if offset + length > size:
                break  # a truncated last record: the rest is simply missing
            index[key] = (offset, length)
            offset += length
            fp.seek(offset)
        self._old = fp
        return index

    def read(self, path: str | Path, display_path: str | None = None) -> Report:
        """The parsed report of ``path``, as ``report_file.read_report`` gives it."""
        name = display_path or str(path)
        data = Path(path).read_bytes()
        key = _key(data, name)
        where = self._index.pop(key, None)  # popped: what is left was not read this build
        report = self._load(where) if where else None
        if report is not None:
            self.hits += 1
            if self._new is None:
                self._kept.append((key, *where))  # copied only if the file must be rewritten
            else:
                self._write(key, self._blob(*where))
            return report
        report = read_report(path, display_path=name)  # raises ReportError, never cached
        self.misses += 1
        self._start_new()
        self._write(key, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        return report

    def _blob(self, offset: int, length: int) -> bytes:
        self._old.seek(offset)
        return self._old.read(length)

    def _load(self, where: tuple[int, int]) -> Report | None:
        try:
            report = pickle.loads(self._blob(*where))
        except Exception:  # a damaged record is a miss, never an error
            return None
        return report if isinstance(report, Report) else None

    def _start_new(self) -> None:
        """Open the next file and copy into it the reports read from the old one so far."""
        if self._new is not None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._new = open(self._tmp, "wb")
            self._new.write(_MAGIC)
            for key, offset, length in self._kept:
                self._write(key, self._blob(offset, length))
            self._kept = []
        except OSError:
            self._new = None

    def _write(self, key: bytes, blob: bytes) -> None:
        if self._new is None:
            return  # a read-only or full disk only costs speed
        try:
            self._new.write(_HEAD.pack(key, len(blob)))
            self._new.write(blob)
        except OSError:
            self._new.close()
            self._new = None
            self._tmp.unlink(missing_ok=True)

    def close(self) -> None:
        """Keep exactly the reports read since opening: a report that changed or
        was deleted drops out; when nothing changed the file is left alone."""
        if self._index and self._old is not None:
            self._start_new()  # some reports were deleted: rewrite without them
        if self._old is not None:
            self._old.close()
            self._old = None
        if self._new is None:
            return
        self._new.close()
        self._new = None
        try:
            os.replace(self._tmp, self.path)
            stale = sorted(self.cache_dir.glob("reports-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in stale[KEEP_FILES:]:
                old.unlink(missing_ok=True)
        except OSError:
            self._tmp.unlink(missing_ok=True)
