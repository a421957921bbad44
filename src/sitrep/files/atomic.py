"""Write a file so that readers see the old version or the new one, never half.

Caches, search state files and imported reports are all written the same
way: into a temporary file beside the target (same folder, so the same
file system), then renamed over it with :func:`os.replace`, which is atomic.
A writer that dies leaves only its temporary file, named after its process
id, so a later writer can remove it without touching a live writer's file
(:func:`remove_abandoned`). This is the one copy of that recipe.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from sitrep.files.processes import pid_alive

TMP_MARK = ".tmp"  # temporary names end in ".tmp<pid>"


def temp_path(path: Path) -> Path:
    """A fresh hidden temporary name beside ``path`` that ends in ``.tmp<pid>``.

    Hidden and without the target's extension, so neither Pelican nor a glob
    for the real files (``reports-*.bin``, ``*.md``) ever picks it up."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TMP_MARK}{os.getpid()}")


class AtomicFile:
    """A binary file that replaces ``path`` only when :meth:`commit` is called.

    Use as a context manager: leaving the block normally commits, an
    exception discards. :meth:`discard` may also be called by hand (a cache
    that gives up writing on a full disk)."""

    def __init__(self, path: str | Path, mode: int = 0o666):
        self.path = Path(path)
        self.tmp = temp_path(self.path)
        # os.open with 0o666 honours the umask like open() does (mkstemp's 0600
        # would hide a report from other users' builds).
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        self.fp: BinaryIO = os.fdopen(fd, "wb")
        self.done = False

    def write(self, data: bytes) -> int:
        return self.fp.write(data)

    def commit(self) -> None:
        """Flush and rename the temporary file over the target."""
        if self.done:
            return
        try:
            self.fp.flush()
            os.fsync(self.fp.fileno())  # the rename must not reach the disk before the data
            self.fp.close()
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self.done = True

    def discard(self) -> None:
        """Close and remove the temporary file; the target is untouched."""
        if self.done:
            return
        self.done = True
        try:
            self.fp.close()
        except OSError:
            pass
        try:
            self.tmp.unlink(missing_ok=True)
        except OSError:
            pass

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (the parent folder is created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with AtomicFile(path) as out:
        out.write(data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically; newlines are written as given."""
    write_bytes(path, text.encode(encoding))


def remove_abandoned(directory: str | Path, pattern: str = "*") -> None:
    """Remove temporary files (matching ``.{pattern}.tmp<pid>``) whose writer is dead."""
    try:
        candidates = list(Path(directory).glob(f".{pattern}{TMP_MARK}*"))
    except OSError:
        return
    for tmp in candidates:
        pid = tmp.name.rpartition(TMP_MARK)[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
