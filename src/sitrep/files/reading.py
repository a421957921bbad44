"""Read an editor's file only if it is a regular file of a sane size.

Content folders and import paths are typed by people and filled by tools: a
``.md`` name may be a named pipe (reading blocks forever), a link to
``/dev/zero`` (reading never ends and eats the memory) or a runaway export of
gigabytes. Every file Sitrep reads as content goes through
:func:`read_regular`, which opens without blocking, checks the opened file
(not the name, so a swap between check and read cannot slip through) and
reads at most ``limit`` bytes.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import TextIO

from sitrep.errors import FileError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _open_regular(path: str | Path, name: str) -> int:
    """A file descriptor of ``path`` opened for reading, if it is a regular file."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileError(name, "the file does not exist", "check the path") from None
    except IsADirectoryError:
        raise FileError(name, "is a folder, not a file", "give the path of a file") from None
    except OSError as err:
        raise FileError(name, f"cannot open the file: {err.strerror or err}",
                        "check that the file exists and that you may read it") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileError(name, f"is {_kind(mode)}, not a regular file, so it is not read",
                            "replace it with an ordinary file, or remove it from the folder")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular_text(path: str | Path, display: str | None = None) -> TextIO:
    """``path`` opened as UTF-8 text for streaming (a JSON-lines file of any
    length), if it is a regular file; FileError otherwise. ``-`` is standard input."""
    if str(path) == "-":
        return io.TextIOWrapper(os.fdopen(os.dup(0), "rb"), encoding="utf-8")
    fd = _open_regular(path, display or str(path))
    return io.TextIOWrapper(os.fdopen(fd, "rb"), encoding="utf-8")


def read_regular(path: str | Path, limit: int, display: str | None = None) -> bytes:
    """The bytes of ``path``; FileError (naming ``display``) when it is missing,
    not a regular file, or larger than ``limit`` bytes."""
    name = display or str(path)
    fd = _open_regular(path, name)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileError(name, f"the file is {_megabytes(size)}, more than the {_megabytes(limit)} Sitrep "
                            "reads", "split it into smaller files, or check that it is the file you meant")
        with os.fdopen(fd, "rb", closefd=True) as fp:
            fd = -1
            data = fp.read(limit + 1)  # a file that grows while being read is still bounded
    except OSError as err:
        raise FileError(name, f"cannot read the file: {err.strerror or err}",
                        "check that the file exists and that you may read it") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise FileError(name, f"the file is more than the {_megabytes(limit)} Sitrep reads",
                        "split it into smaller files, or check that it is the file you meant")
    return data
