"""The previous build as the render needs it: its record and the state of its files,
read in a thread while the pages are queued.

A page is carried over only when the previous build wrote it from the same
fingerprint and its file is still the one that build wrote (size and mtime,
:mod:`sitrep.publish.render_manifest`). Looking that up was a ``stat`` of every
file of the live build (14,000 at 1,000 reports, each in its own folder) in the
middle of the render, some 0.2 s of every build. :class:`PreviousBuild` reads
the record and stats its files in a thread from the moment the writer is made,
while Pelican's generators queue the pages (a ``stat`` leaves the interpreter
to other threads while the disk answers). The files are looked at a second or
two earlier than before; a file changed in between was as likely to change
between that look and its link into the new build.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sitrep.publish.render_manifest import OUTSIDE, load_manifest

State = tuple[int, int, int]  # (size, mtime_ns, inode) of a file


class PreviousBuild:
    """The record of the build at ``site`` (None: no previous build) and the
    (size, mtime_ns, inode) of each page it lists, read in a thread."""

    def __init__(self, site: Path | None):
        self.site = site
        self._record: dict[str, list] = {}
        self._states: dict[str, State] = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="sitrep-previous-build", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._record = load_manifest(self.site)
            self._states = _states(str(self.site), self._record) if self.site is not None else {}
        except BaseException as err:  # noqa: BLE001 - raised again by record()
            self._error = err

    def record(self) -> tuple[dict[str, list], dict[str, State]]:
        """(the manifest, as :func:`~sitrep.publish.render_manifest.load_manifest`
        gives it; the state of each page it lists that is there)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._record, self._states


def _states(root: str, record: dict[str, list]) -> dict[str, State]:
    states: dict[str, State] = {}
    join, stat = os.path.join, os.stat
    for rel, entry in record.items():
        if entry[0] == OUTSIDE:
            continue
        try:
            st = stat(join(root, rel))
        except OSError:
            continue
        states[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return states
