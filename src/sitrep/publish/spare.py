"""The build before last, kept to be written over: a rebuild without a link per page.

A build writes a new tree beside the live one and swaps it in
(:mod:`sitrep.publish.build`). Carrying the unchanged pages over meant a hard
link for each into the new tree, and removing the replaced tree an unlink for
each: at 5,000 reports some 60,000 of both, 11 s of a 30 s rebuild on this
machine and as long again in the background. The replaced tree is kept
instead, as the *spare*, and becomes the next build's staging folder. It holds
the pages of the build before last, most of which are the live build's too
(the same files, hard-linked), so a rebuild links and removes only what
changed over its last two builds.

Nothing in the spare is trusted. Before anything is written into it,
:func:`scrub` removes every file that is not a page of the live build (by its
manifest), every file a build writes outside its queue (the theme's static
files, the search index: written anew, so no writer outside the queue can
write through a file the live site shares) and the folders left empty. The
scrub runs in a forked process while Pelican reads the reports
(:class:`Scrubbing`); the search index's data folder, which the build writes
meanwhile, is moved aside before it starts and left out of it. The render
plugin waits for the scrub when Pelican makes its writer, before any other
output, and unlinks the pages where Pelican is about to copy a static file
(:meth:`Recycled.unshare`). The render then keeps a page only when it is the
live build's own file (the same inode), replaces every other (unlinked first,
never written through), clears a recycled page or folder that stands where
this build wants the other (an address changed), and removes the files no
output claims (:class:`sitrep.publish.render.Renderer`). So any spare, even
one a failed build left half written, gives the same site as a fresh folder.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.files.processes import die_with_parent
from sitrep.files.trash import discard_later
from sitrep.files.tree import entries
from sitrep.publish.render_manifest import OUTSIDE, load_manifest

SPARE = "spare"
RENDER_PLUGIN = "sitrep_render"  # the plugin that knows a recycled tree (sitrep.publish.render)


def take_spare(builds: Path, staging: Path) -> bool:
    """Make the spare, if there is one, the folder ``staging`` (one rename)."""
    try:
        os.rename(builds / SPARE, staging)
    except OSError:
        return False
    return True


def keep_as_spare(tree: Path, builds: Path, trash: Path) -> None:
    """Keep a build's tree that is no longer live (or never went live) as the
    spare; a second one goes to the trash."""
    spare = builds / SPARE
    if not spare.exists():
        try:
            os.rename(tree, spare)
            return
        except OSError:
            pass
    discard_later(tree, trash)


@dataclass(slots=True)
class Recycled:
    """What a scrubbed spare holds: the live build's pages, each with its inode
    (the render tells by it which are the live build's own files), and the
    folders that hold them (where this build may want a page: its addresses changed)."""

    pages: dict[str, int] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)

    def unshare(self, site: Path, paths: Iterable[str]) -> None:
        """Unlink the pages at ``paths``, which Pelican copies over itself (static
        files, sources): a copy opens the file it replaces, which may be the live site's."""
        for rel in paths:
            if self.pages.pop(rel, None) is not None:
                (site / rel).unlink(missing_ok=True)


class ScrubFailed(SitrepError):
    """The spare could not be cleared; the build discards it, so the next one starts from an empty folder."""

    def __init__(self, staging: Path, why: str):
        super().__init__(f"could not clear the build folder {staging} of old files: {why}; it is discarded, "
                         "so building again starts from an empty folder")


SCRUB_TIMEOUT = 600  # seconds a scrub may take before the build gives up on it (a walk of 60,000 files: 1-4 s)


class Scrubbing:
    """:func:`scrub` in a forked process while Pelican reads the reports (the
    walk of 60,000 files took 1-4 s, with the second core idle); the result
    comes back through a pipe. :meth:`result` must be had before anything is
    written into the folder but the ``skip`` folders (the render plugin asks
    when Pelican makes its writer)."""

    def __init__(self, staging: Path, live: Path | None, outside: list[str], skip: tuple[str, ...] = ()):
        context = multiprocessing.get_context("fork")
        self.staging = staging
        self._pipe, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_scrub_in_child,
                                        args=(sender, staging, live, outside, skip, os.getpid()),
                                        name="sitrep-scrub", daemon=True)
        self._process.start()
        sender.close()
        self._result: Recycled | None = None
        self._error = ""

    def result(self) -> Recycled:
        """The pages kept; SitrepError if the scrub failed."""
        self.wait()
        if self._error:
            raise ScrubFailed(self.staging, self._error)
        return self._result

    @property
    def failed(self) -> bool:
        """Whether the scrub failed (once :meth:`wait` returned): the folder must not be a spare again."""
        return bool(self._error)

    def wait(self, timeout: float = SCRUB_TIMEOUT) -> None:
        """Let the child finish, whatever its outcome (before the folder is moved
        or removed); one that outlives ``timeout`` is killed, and the scrub failed."""
        if self._result is not None or self._error:
            return
        try:
            if self._pipe.poll(timeout):
                status, value = self._pipe.recv()
            else:
                status, value = "error", f"the process clearing it took more than {timeout:.0f} s"
                self._process.kill()
        except (EOFError, OSError):
            status, value = "error", "the process clearing it ended without a word"
        self._pipe.close()
        self._process.join()
        if status == "ok":
            self._result = value
        else:
            self._error = str(value)


def _scrub_in_child(sender, staging: Path, live: Path | None, outside: list[str], skip: tuple[str, ...],
                    parent: int) -> None:
    die_with_parent(parent)
    logging.disable(logging.CRITICAL)  # a log handler's lock may have been held by another thread at the fork
    try:
        sender.send(("ok", scrub(staging, live, outside, skip)))
    except BaseException as err:  # noqa: BLE001 - the build reports it
        sender.send(("error", f"{type(err).__name__}: {err}"))
    sender.close()
    os._exit(0)


def start_scrub(staging: Path, live: Path | None, outside: list[str], trash: Path, jobs: int | None,
                wholesale: tuple[str, ...] = ()) -> Scrubbing | Recycled:
    """Clear a recycled staging folder: the folders ``wholesale`` (none of
    them pages: the search index's data, 13,000 files, which the build writes
    while the scrub runs) are moved to ``trash`` at once and left out of the
    scrub; the rest is :func:`scrub`-bed beside the build, or here when the
    build may use one core."""
    for n, rel in enumerate(wholesale):
        folder = staging / rel
        if folder.is_dir() and not folder.is_symlink():
            aside = staging / f".{staging.name}-aside-{n}"
            os.rename(folder, aside)
            discard_later(aside, trash)
    if (jobs or os.cpu_count() or 1) < 2:
        try:
            return scrub(staging, live, outside, wholesale)
        except OSError as err:
            raise ScrubFailed(staging, f"{type(err).__name__}: {err}") from err
    return Scrubbing(staging, live, outside, wholesale)


def recycles(settings: dict) -> bool:
    """Whether a build with these settings may write over the spare: only the
    render plugin tells the spare's stale pages from the build's own."""
    return any(str(p).rpartition(".")[2] == RENDER_PLUGIN for p in settings.get("PLUGINS") or [])


def scrub(staging: Path, live: Path | None, outside: list[str], skip: tuple[str, ...] = ()) -> Recycled:
    """Remove from a recycled staging folder every file that is not a page of
    the live build's manifest, everything under the folders or at the paths
    ``outside`` (what Pelican copies: the theme's static files), and the folders
    left empty; the folders ``skip`` (and what they hold) are not looked at."""
    pages = {rel for rel, entry in load_manifest(live).items() if entry[0] != OUTSIDE} if live else set()
    fenced = tuple(p.strip("/") + "/" for p in outside if p.strip("/"))
    exact = {p.strip("/") for p in outside}
    skipped = {p.strip("/") for p in skip}
    kept: dict[str, int] = {}
    walked: list[str] = []
    for rel, entry in entries(staging, skipped):
        if entry.is_dir(follow_symlinks=False):
            if rel not in skipped:
                walked.append(rel)
        elif (entry.is_file(follow_symlinks=False) and rel in pages and rel not in exact
              and not rel.startswith(fenced)):
            kept[rel] = entry.inode()
        else:
            os.unlink(entry.path)
    held = _parents(kept) | _parents(skipped) | skipped
    for rel in sorted((f for f in walked if f not in held), key=lambda f: -f.count("/")):
        os.rmdir(staging / rel)
    return Recycled(kept, held - skipped)


def _parents(paths: Iterable[str]) -> set[str]:
    """Every folder above the "/"-separated ``paths``."""
    folders: set[str] = set()
    for rel in paths:
        folder = rel.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def written_outside(settings: dict) -> list[str]:
    """The output folder Pelican copies the theme's static files into, outside
    Sitrep's queue, file by file with no list to name them by: cleared whole.
    Static files and sources are named by the render plugin once Pelican knows
    them, and unlinked before it copies (:meth:`Recycled.unshare`)."""
    return [str(settings.get("THEME_STATIC_DIR") or "theme")]
