"""Write a site's files, rendering only what changed, on every core.

Every output (an HTML page, a feed, ``items.json``) is queued with a
fingerprint of what it is made of (:mod:`sitrep.publish.fingerprint`). When the
previous build wrote the same file from the same fingerprint, and the file is
still as it left it (size and mtime), it is hard-linked into the new build: same
bytes, same mtime, no rendering, and a deploy sees nothing to upload. The rest is
rendered by the build process and forked workers that share its memory (Jinja
environment, reports, tags), so the work spreads over the machine's cores.

The build still goes into a fresh directory that replaces the live one in one
step (:mod:`sitrep.publish.build`): a failed build leaves the site as it was.
Carried files are linked only once the build knows it changed something: a
build that renders nothing, whose files are all the live build's, keeps the
live build (``RenderStats.unchanged``) instead of making a copy of its tree of
links, which costs a directory and a link per page to make and as much again
to remove.
"""

from __future__ import annotations

import heapq
import os
import shutil
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from sitrep.files.processes import give_back_free_memory
from sitrep.files.tree import entries, make_folder
from sitrep.publish.previous_build import PreviousBuild
from sitrep.publish.render_manifest import OUTSIDE, save_manifest
from sitrep.publish.render_workers import RenderError, raise_failures, render_here, render_in_workers
from sitrep.publish.site_walk import SiteWalk, files_of
from sitrep.publish.spare import Recycled

__all__ = ["DuplicateOutput", "Output", "RenderError", "RenderStats", "Renderer"]


@dataclass(slots=True)
class Output:
    """One file of the site, not yet written."""

    path: str  # relative to the site root, "/"-separated
    fingerprint: bytes | None | Callable[[], bytes | None]  # None: always render; a callable is
    # asked once the queue is complete (a sitemap is made of the other outputs' paths)
    produce: Callable[[], str | bytes]
    context: Any = None  # handed to ``on_written`` (Pelican's content_written signal)


@dataclass
class RenderStats:
    outputs: int = 0
    rendered: int = 0
    carried: int = 0
    bytes_written: int = 0
    seconds: float = 0.0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [files, bytes]
    unchanged: bool = False  # the site is the previous build's, file for file: keep that one live


class DuplicateOutput(Exception):
    """Two outputs of one build claim the same path."""


class Renderer:
    """The queue of one build's outputs."""

    def __init__(self, site: Path, previous: Path | None = None, jobs: int | None = None,
                 on_written: Callable[[Path, Any], None] | None = None,
                 progress: Callable[[str, int, int], None] | None = None,
                 recycled: Recycled | None = None):
        self.site = Path(site)
        # ``site`` is a recycled tree (sitrep.publish.spare): the inode of each page it holds, and its folders
        self.recycled: dict[str, int] = recycled.pages if recycled else {}
        self.recycled_folders: set[str] = recycled.folders if recycled else set()
        self.previous = Path(previous) if previous else None
        self._previous = PreviousBuild(self.previous)  # read while the pages are queued
        self._states: dict[str, tuple[int, int, int]] = {}  # (size, mtime_ns, inode) of its pages
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.on_written = on_written
        self.progress = progress
        self.queue: list[Output] = []
        self._paths: set[str] = set()
        self._later: list[Callable[[], None]] = []
        self._later_writes: list[str] | None = []  # the folders they write into, None if one did not say
        self._carried: list[str] = []  # paths to link from the previous build, once it is sure to be needed
        self._kept: set[str] = set()  # every path carried over, for was_carried()
        self._linking: threading.Thread | None = None  # links carried files while pages render
        self._link_error: BaseException | None = None

    def add(self, output: Output) -> None:
        """Queue a file; a second file for the same path is a bug in the site's pages."""
        if output.path in self._paths:
            raise DuplicateOutput(f"two pages of this build would both be written to {output.path}")
        self._paths.add(output.path)
        self.queue.append(output)

    def paths(self) -> list[str]:
        return [o.path for o in self.queue]

    def was_carried(self, path: str) -> bool:
        """Whether the output at ``path`` is the previous build's file, carried
        over: known for every output of a batch before any of it is rendered,
        so a page may take what it needs of such a file from the previous build."""
        return path in self._kept

    def later(self, queue_more: Callable[[], None], writes_outside: Iterable[str] | None = None) -> None:
        """Call ``queue_more`` once the outputs queued so far are written, to
        queue what must wait for other work (the search page waits for the
        search process): the pages are rendered meanwhile, not after it.
        ``writes_outside``: the folders in which that work (or what it waits
        for) writes files outside the queue, if it names them (see :meth:`run`)."""
        self._later.append(queue_more)
        if writes_outside is None:
            self._later_writes = None
        elif self._later_writes is not None:
            self._later_writes += [str(f) for f in writes_outside]

    def run(self, adopt: list[str] = ()) -> RenderStats:
        """Carry over or render every queued output, then write the manifest.
        Outputs whose fingerprint is a callable come last, with those queued
        ``later``: a sitemap lists every other output. Files written outside
        the queue in the folders ``adopt`` are linked to the previous build's
        when their bytes are the same (:meth:`adopt_unchanged`). When nothing
        differs from the previous build, nothing is linked and ``unchanged`` is set.
        The folder is walked for what no output claims while the pages render
        (:class:`~sitrep.publish.site_walk.SiteWalk`) when all the work queued
        ``later`` named the folders it writes into outside the queue, else once
        everything is written."""
        walk = SiteWalk(self.site, self._later_writes) if self._later_writes is not None else None
        try:
            return self._run(adopt, walk)
        finally:
            if walk is not None:  # nothing may read the build once it is removed
                walk.close()
            if self._linking is not None:  # a page failed: nothing may write into the build once it is removed
                self._linking.join()
                self._linking = None

    def _run(self, adopt: list[str], walk: SiteWalk | None) -> RenderStats:
        started = time.perf_counter()
        old, self._states = self._previous.record()
        manifest: dict[str, list] = {}
        stats = RenderStats()
        first = [i for i, item in enumerate(self.queue) if not callable(item.fingerprint)]
        self._settle(first, old, manifest, stats)
        for queue_more in self._later:
            queue_more()
        self._later = []
        settled = set(first)
        self._settle([i for i in range(len(self.queue)) if i not in settled], old, manifest, stats)
        stats.outputs = len(self.queue)
        # The new build holds what was rendered, what was written outside the queue, the carried files
        # linked so far and, in a recycled tree, pages of the build before last no output claims (stale).
        recycled, extra, stale = self.recycled, [], []
        found, empty = walk.result(self._paths) if walk is not None else files_of(self.site)
        for rel, inode in found.items():
            if rel not in self._paths:
                (stale if recycled.get(rel) == inode else extra).append(rel)
        stats.unchanged = (self.previous is not None and stats.rendered == 0
                           and self._same_as_previous(old, manifest, extra))
        if not stats.unchanged:
            self._finish_linking()
            self._link_carried()
            _remove(self.site, stale, empty)
            self.adopt_unchanged(list(adopt))
            record = dict(manifest)
            for rel in extra:
                st = os.stat(self.site / rel)
                record[rel] = [OUTSIDE, st.st_size, st.st_mtime_ns]
            save_manifest(self.site, record)
        site = self.previous if stats.unchanged else self.site
        for item in self.queue:
            kind = _kind(item.path)
            files_bytes = stats.by_kind.setdefault(kind, [0, 0])
            files_bytes[0] += 1
            files_bytes[1] += manifest[item.path][1]
            if self.on_written is not None:
                self.on_written(site / item.path, item.context)
        stats.seconds = time.perf_counter() - started
        return stats

    def _same_as_previous(self, old: dict[str, list], manifest: dict[str, list], extra: list[str]) -> bool:
        """True when the previous build (by its manifest) holds exactly the queued
        files, all carried, plus the files this build wrote outside the queue,
        with the same bytes."""
        if manifest != {p: v for p, v in old.items() if v[0] != OUTSIDE}:
            return False
        if set(extra) != {p for p, v in old.items() if v[0] == OUTSIDE}:
            return False
        return all(_same_file(self.site / rel, self.previous / rel) for rel in extra)

    def _link_while_rendering(self) -> None:
        """Pages are about to be rendered, so the build differs from the previous
        one and every carried file must be linked: a thread makes the folders and
        links, which wait on the disk, while the workers render (on a busy
        machine they took a fifth of a rebuild that rendered a few hundred pages)."""
        if self._linking is not None or not self._carried:
            return
        carried, self._carried = self._carried, []

        def link() -> None:
            try:
                self._link_carried(carried)
            except BaseException as err:  # noqa: BLE001 - raised again by _finish_linking
                self._link_error = err

        self._linking = threading.Thread(target=link, name="sitrep-link-carried", daemon=True)
        self._linking.start()

    def _finish_linking(self) -> None:
        if self._linking is not None:
            self._linking.join()
            self._linking = None
            if self._link_error is not None:
                raise self._link_error

    def _link_carried(self, carried: list[str] | None = None) -> None:
        """Link the carried files into the new build, each directory made once,
        with one mkdir (os.makedirs looks at every parent first: with a folder
        per item page, that was most of the linking time)."""
        made: set[str] = {""}
        site, previous = str(self.site), str(self.previous)
        if carried is None:
            carried, self._carried = self._carried, []
        recycled = self.recycled
        for rel in carried:
            if recycled:
                self._clear_way(rel)
            folder = rel.rpartition("/")[0]
            make_folder(site, folder, made)
            source, dest = os.path.join(previous, rel), os.path.join(site, rel)
            if rel in recycled:  # an older file of the recycled tree is in the way
                _unlink(dest)
            try:
                os.link(source, dest)
            except OSError:
                shutil.copy2(source, dest)

    def _settle(self, indices: list[int], old: dict, manifest: dict, stats: RenderStats) -> None:
        """Carry over or render the outputs at ``indices`` of the queue."""
        todo: list[int] = []
        for i in indices:
            item = self.queue[i]
            if callable(item.fingerprint):
                item.fingerprint = item.fingerprint()
            fp = item.fingerprint.hex() if item.fingerprint is not None else None
            carried = fp is not None and self._carry(item.path, fp, old.get(item.path))
            if carried:
                manifest[item.path] = carried
                stats.carried += 1
            else:
                todo.append(i)
        results = self._render(todo)
        raise_failures(results)
        for i, size, mtime, _ in results:
            item = self.queue[i]
            fp = item.fingerprint.hex() if item.fingerprint is not None else ""
            manifest[item.path] = [fp, size, mtime]
            stats.rendered += 1
            stats.bytes_written += size

    def adopt_unchanged(self, folders: list[str]) -> int:
        """Files the build wrote outside the queue, in ``folders`` (theme static
        files Pelican copies, the search index), that have the previous build's
        bytes become links to its files: they keep their mtime and a deploy skips them."""
        if self.previous is None:
            return 0
        queued = self._paths
        adopted = 0
        # listed whole before any is replaced; by scandir, not Path.rglob (3,000 search files a build)
        found = [(prefix + rel, entry) for root, prefix in map(self._folder_prefix, folders)
                 if prefix is not None and root.is_dir() for rel, entry in entries(root)]
        for rel, entry in found:
            if rel in queued or not entry.is_file() or entry.stat().st_nlink > 1:
                continue
            path, old = self.site / rel, self.previous / rel
            if not _same_file(path, old):
                continue
            try:
                tmp = path.with_name(f".{path.name}.link")
                os.link(old, tmp)
                os.replace(tmp, path)
            except OSError:
                continue
            adopted += 1
        return adopted

    def _folder_prefix(self, folder: str) -> tuple[Path, str | None]:
        """(the folder in the site, its "/"-separated path with a final "/", "" for the
        site itself, or None for a folder outside the site)."""
        root = self.site / folder
        try:
            prefix = root.relative_to(self.site).as_posix()
        except ValueError:
            return root, None
        return root, "" if prefix == "." else prefix + "/"

    def _carry(self, rel: str, fp: str, before: list | None) -> list | None:
        """Carry the previous build's file over (linked later, if the build
        changed anything) when it was made from the same inputs and is still
        the file that build wrote."""
        if self.previous is None or not before or before[0] != fp:
            return None
        state = self._states.get(rel)  # (size, mtime_ns, inode), looked at while the pages were queued
        if state is None or state[0] != before[1] or state[1] != before[2]:
            return None
        if self.recycled.get(rel) != state[2]:  # else the recycled tree holds the live file already
            self._carried.append(rel)
        self._kept.add(rel)
        return [fp, state[0], state[1]]

    def _render(self, todo: list[int]):
        if not todo:
            return []
        if self.recycled:  # a page of the recycled tree may be the live build's file: never write through it
            for i in todo:
                path = self.queue[i].path
                self._clear_way(path)
                if path in self.recycled:
                    _unlink(os.path.join(self.site, path))
        if self.jobs == 1 or len(todo) < 64:
            self._link_while_rendering()
            results = render_here(self.queue, self.site, todo)
            self._tick(len(todo), len(todo))
            return results
        size = max(8, min(256, len(todo) // (self.jobs * 8) or 1))
        chunks = deque(todo[k:k + size] for k in range(0, len(todo), size))
        give_back_free_memory()
        return render_in_workers(self.queue, self.site, chunks, self.jobs - 1, self._link_while_rendering,
                                 lambda done: self._tick(done, len(todo)))

    def _clear_way(self, rel: str) -> None:
        """In a recycled tree, the pages of the build before last may stand where
        this build wants a folder, and their folder where it wants a page (an
        address changed): they go, as a fresh folder would not hold them. A
        page this build claims stays, so a build that claims a page and a
        folder at one address fails as a clean one does."""
        if rel in self.recycled_folders:
            self._remove_recycled_folder(rel)
        folder = rel.rpartition("/")[0]
        while folder:
            if folder not in self._paths and self.recycled.pop(folder, None) is not None:
                _unlink(os.path.join(self.site, folder))
            folder = folder.rpartition("/")[0]

    def _remove_recycled_folder(self, rel: str) -> None:
        """Remove the folder ``rel`` if it holds nothing but recycled pages this
        build does not claim (else this build claims both it and a page in it,
        and fails as a clean one would)."""
        prefix = rel + "/"
        found, _ = files_of(self.site / rel)
        if any(self.recycled.get(prefix + name) != inode or prefix + name in self._paths
               for name, inode in found.items()):
            return
        shutil.rmtree(self.site / rel)
        for name in found:
            self.recycled.pop(prefix + name, None)
        self.recycled_folders.difference_update([f for f in self.recycled_folders if f == rel or f.startswith(prefix)])

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress("Rendering pages", done, total)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _remove(site: Path, stale: list[str], empty: list[str]) -> None:
    """Remove the files ``stale``, then the folders left empty (a clean build
    has none; a recycled tree has those of pages gone since)."""
    for rel in stale:
        _unlink(os.path.join(site, rel))
    folders = {*empty, *(rel.rpartition("/")[0] for rel in stale)} - {""}
    deepest_first = [(-f.count("/"), f) for f in folders]
    heapq.heapify(deepest_first)
    while deepest_first:
        _, folder = heapq.heappop(deepest_first)
        try:
            os.rmdir(os.path.join(site, folder))
        except OSError:  # not empty (a carried file was linked into it since), or gone
            continue
        parent = folder.rpartition("/")[0]
        if parent and parent not in folders:
            folders.add(parent)
            heapq.heappush(deepest_first, (-parent.count("/"), parent))


def _same_file(a: Path, b: Path) -> bool:
    """The same file (a link to it) or the same bytes."""
    try:
        sa, sb = a.stat(), b.stat()
        if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
            return True
        return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _kind(path: str) -> str:
    """The page type of an output path, for the size report (bytes per page type)."""
    parts = path.split("/")
    if not path.endswith(".html"):
        return "feeds" if path.startswith("feeds/") else ("search index" if path.startswith("search/") else "data")
    if parts[0] == "reports":
        return "item pages" if len(parts) >= 4 else "report pages"
    if parts[0] in ("theatres", "topics", "places", "sources", "archives"):
        if len(parts) > 2 and parts[-3].isdigit() or (len(parts) > 2 and parts[-2].isdigit()):
            return f"{parts[0]} by month"
        return f"{parts[0]} pages"
    return "other pages"
