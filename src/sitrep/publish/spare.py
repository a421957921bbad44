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
manifest) and every file a build writes outside its queue (theme and static
files, the search index): those are written anew, so no writer outside the
queue can write through a file the live site shares. The scrub runs in a
forked process while Pelican reads the reports (:class:`Scrubbing`), and the
render plugin waits for it when Pelican makes its writer, before any output. The render then keeps a page only when it
is the live build's own file (the same inode), replaces every other (unlinked
first, never written through), and removes the files no output claims
(:class:`sitrep.publish.render.Renderer`). So any spare, even one a failed
build left half written, gives the same site as a fresh folder.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.files.processes import die_with_parent
from sitrep.files.trash import discard_later
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


class Scrubbing:
    """:func:`scrub` in a forked process while Pelican reads the reports (the
    walk of 60,000 files took 1-4 s, with the second core idle); the inodes
    come back through a pipe. :meth:`result` must be had before anything is
    written into the folder (the render plugin asks when Pelican makes its writer)."""

    def __init__(self, staging: Path, live: Path | None, outside: list[str]):
        context = multiprocessing.get_context("fork")
        self.staging = staging
        self._pipe, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_scrub_in_child, args=(sender, staging, live, outside, os.getpid()),
                                        name="sitrep-scrub", daemon=True)
        self._process.start()
        sender.close()
        self._result: dict[str, int] | None = None
        self._error = ""

    def result(self) -> dict[str, int]:
        """The inodes of the pages kept; SitrepError if the scrub failed."""
        self.wait()
        if self._error:
            raise SitrepError(f"could not clear the build folder {self.staging} of old files: {self._error}; "
                              "build again (a build that fails here starts from an empty folder next time)")
        return self._result

    def wait(self) -> None:
        """Let the child finish, whatever its outcome (before the folder is moved or removed)."""
        if self._result is not None or self._error:
            return
        try:
            status, value = self._pipe.recv()
        except (EOFError, OSError):
            status, value = "error", "the process clearing it ended without a word"
        self._pipe.close()
        self._process.join()
        if status == "ok":
            self._result = value
        else:
            self._error = str(value)


def _scrub_in_child(sender, staging: Path, live: Path | None, outside: list[str], parent: int) -> None:
    die_with_parent(parent)
    logging.disable(logging.CRITICAL)  # a log handler's lock may have been held by another thread at the fork
    try:
        sender.send(("ok", scrub(staging, live, outside)))
    except BaseException as err:  # noqa: BLE001 - the build reports it
        sender.send(("error", f"{type(err).__name__}: {err}"))
    sender.close()
    os._exit(0)


def start_scrub(staging: Path, live: Path | None, outside: list[str], trash: Path, jobs: int | None,
                wholesale: tuple[str, ...] = ()) -> Scrubbing | dict[str, int]:
    """Clear a recycled staging folder: the folders ``wholesale`` (none of
    them pages: the search index's data, 13,000 files) are moved to ``trash``
    at once, the rest is :func:`scrub`-bed beside the build, or here when the
    build may use one core."""
    for n, rel in enumerate(wholesale):
        folder = staging / rel
        if folder.is_dir() and not folder.is_symlink():
            aside = staging / f".{staging.name}-aside-{n}"
            os.rename(folder, aside)
            discard_later(aside, trash)
    if (jobs or os.cpu_count() or 1) < 2:
        return scrub(staging, live, outside)
    return Scrubbing(staging, live, outside)


def recycles(settings: dict) -> bool:
    """Whether a build with these settings may write over the spare: only the
    render plugin tells the spare's stale pages from the build's own."""
    return any(str(p).rpartition(".")[2] == RENDER_PLUGIN for p in settings.get("PLUGINS") or [])


def scrub(staging: Path, live: Path | None, outside: list[str]) -> dict[str, int]:
    """Remove from a recycled staging folder every file that is not a page of
    the live build's manifest, and everything under the folders or at the
    paths ``outside`` (what Pelican copies: theme and static files). Returns
    the inode of each file kept, by "/"-separated path: the render tells by it
    which are the live build's own files."""
    pages = {rel for rel, entry in load_manifest(live).items() if entry[0] != OUTSIDE} if live else set()
    fenced = tuple(p.strip("/") + "/" for p in outside if p.strip("/"))
    exact = {p.strip("/") for p in outside}
    kept: dict[str, int] = {}
    todo = [("", str(staging))]
    while todo:
        prefix, folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append((rel + "/", entry.path))
                elif (entry.is_file(follow_symlinks=False) and rel in pages and rel not in exact
                      and not rel.startswith(fenced)):
                    kept[rel] = entry.inode()
                else:
                    os.unlink(entry.path)
    return kept


def written_outside(settings: dict) -> list[str]:
    """Output folders and files Pelican writes itself, outside Sitrep's queue."""
    paths = [settings.get("THEME_STATIC_DIR") or "theme"]
    paths += [p for p in settings.get("STATIC_PATHS") or []]
    paths += [meta["save_as"] for meta in (settings.get("EXTRA_PATH_METADATA") or {}).values()
              if isinstance(meta, dict) and meta.get("save_as")]
    return [str(p) for p in paths]
