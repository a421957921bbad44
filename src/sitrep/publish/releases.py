"""Releases: each deploy is a new directory, and ``current`` a symlink to one.

Layout on the server (local directory or SSH host)::

    <path>/releases/20250204T101500.123456Z/   one complete build per deploy
    <path>/releases/.partial-<id>/              an upload in progress
    <path>/current -> releases/<id>             what the web server serves

    <path>/history                              the releases that were live, oldest first

A deploy uploads into ``.partial-<id>``, renames it to ``<id>`` and then
replaces ``current`` with one rename of a fresh symlink (``mv -T``), so a
visitor sees the old site or the new one, never a mix; a deploy that fails
midway leaves ``current`` as it was.

Rollback goes to the release that was live before the current one, which is
not always the one deployed before it: after deploys R1 and R2, a rollback to
R1 and a deploy of R3, rolling back must serve R1 again, not R2 -- the release
the editor rejected. So every switch of ``current`` is recorded in
``history`` as a stack (a deploy pushes, a rollback pops), pruning keeps the
releases on that stack first, and a rollback without a history that knows the
live release (deploys made before it existed) falls back to the release
before it by name. This module holds the rules shared by both kinds of host
and the local-directory target itself.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from sitrep.files.atomic import write_text
from sitrep.publish.changes import Changes, diff, manifest, md5_hex, site_files
from sitrep.publish.targets import DeployError, LocalConfig

RELEASE_RE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")
PARTIAL_PREFIX = ".partial-"
HISTORY_FILE = "history"
MAX_HISTORY = 100  # live releases remembered (only those still on disk count)


def new_release_id(existing: list[str]) -> str:
    """A UTC timestamp to the microsecond: releases sort by name in deploy order."""
    rid = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    latest = max(existing, default="")
    if rid <= latest:  # the clock went back: stay after the newest release
        stamp = dt.datetime.strptime(latest, "%Y%m%dT%H%M%S.%fZ") + dt.timedelta(microseconds=1)
        rid = stamp.strftime("%Y%m%dT%H%M%S.%fZ")
    return rid


def release_names(entries: list[str]) -> list[str]:
    """The finished releases among directory entries, oldest first."""
    return sorted(e for e in entries if RELEASE_RE.match(e))


def release_of_link(target: str | None) -> str | None:
    """The release id a ``current`` symlink points at (None if none)."""
    if not target:
        return None
    name = target.rstrip("/").rsplit("/", 1)[-1]
    return name if RELEASE_RE.match(name) else None


def previous_release(releases: list[str], current: str | None) -> str:
    """The release a rollback goes back to: the one just before ``current``."""
    if current is None:
        raise DeployError("nothing to roll back: 'current' does not point at a release yet")
    older = [r for r in releases if r < current]
    if not older:
        raise DeployError(f"nothing to roll back to: {current} is the oldest release kept\n"
                          "  how to fix: raise 'keep' in DEPLOY_TARGETS to keep more releases")
    return older[-1]


def parse_history(text: str) -> list[str]:
    """The release ids of a history file, oldest first (other lines ignored)."""
    return [line.strip() for line in text.splitlines() if RELEASE_RE.match(line.strip())]


def format_history(history: list[str]) -> str:
    return "".join(f"{rid}\n" for rid in history[-MAX_HISTORY:])


def live_stack(history: list[str], releases: list[str]) -> list[str]:
    """The history as a stack of releases still on disk, repeats collapsed."""
    on_disk = set(releases)
    stack: list[str] = []
    for rid in history:
        if rid in on_disk and (not stack or stack[-1] != rid):
            stack.append(rid)
    return stack


def history_after_publish(history: list[str], releases: list[str], rid: str) -> list[str]:
    """The history once ``rid`` (just uploaded) is live."""
    return [*live_stack(history, releases), rid][-MAX_HISTORY:]


def rollback_target(history: list[str], releases: list[str], current: str | None) -> tuple[str, list[str]]:
    """(the release to serve again, the history once it is live): the release
    that was live before the current one."""
    stack = live_stack(history, releases)
    if current is not None and stack and stack[-1] == current:
        stack.pop()
        if stack:
            return stack[-1], stack
    # The history does not know what went live before: deploys made before it
    # was kept, or 'current' switched by hand. The release before by name.
    target = previous_release(releases, current)
    return target, [*stack, target] if not stack or stack[-1] != target else stack


def releases_to_prune(releases: list[str], current: str | None, keep: int,
                      history: list[str] | None = None) -> list[str]:
    """Releases beyond the ``keep`` to keep: those most recently live first
    (what rollback goes back to), then the newest; the live one is never removed."""
    ranked = list(reversed(live_stack(history or [], releases)))
    ranked += [r for r in reversed(releases) if r not in ranked]
    kept = set(ranked[:keep]) | {current}
    return [r for r in releases if r not in kept]


class LocalTarget:
    """Releases in a directory of this machine (a web root on the same host,
    a mounted share, or a staging copy)."""

    def __init__(self, config: LocalConfig):
        self.config = config
        self.root = config.path
        self.releases_dir = self.root / "releases"
        self.current_link = self.root / "current"
        self.history_file = self.root / HISTORY_FILE

    def describe(self) -> str:
        return f"{self.config.name} (local directory {self.root})"

    def current(self) -> str | None:
        try:
            return release_of_link(os.readlink(self.current_link))
        except FileNotFoundError:
            return None
        except OSError as err:  # EINVAL: 'current' is a real directory
            raise DeployError(f"{self.current_link} exists but is not a symlink ({err.strerror})\n"
                              f"  how to fix: move it away; sitrep manages 'current' as a symlink") from None

    def releases(self) -> list[str]:
        return release_names(os.listdir(self.releases_dir)) if self.releases_dir.is_dir() else []

    def history(self) -> list[str]:
        try:
            return parse_history(self.history_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return []

    def _record(self, history: list[str]) -> None:
        try:
            write_text(self.history_file, format_history(history))
        except OSError as err:
            raise DeployError(f"the site switched, but {self.history_file} could not be written ({err.strerror}); "
                              "a later rollback falls back to the release before by name") from None

    def plan(self, site: Path) -> Changes:
        current = self.current()
        live = manifest(self.releases_dir / current) if current else {}
        return diff(manifest(site), live)

    def publish(self, site: Path) -> str:
        current = self.current()
        try:
            self.releases_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DeployError(f"cannot create {self.releases_dir}: {err.strerror}\n"
                              "  how to fix: check the target path and its permissions") from None
        rid = new_release_id(self.releases())
        partial = self.releases_dir / f"{PARTIAL_PREFIX}{rid}"
        try:
            _copy_release(site, partial, self.releases_dir / current if current else None)
            os.rename(partial, self.releases_dir / rid)
        except OSError as err:
            shutil.rmtree(partial, ignore_errors=True)
            raise DeployError(f"upload to {self.releases_dir} failed: {err}; "
                              f"'current' still points at {current or 'nothing'}") from None
        history = history_after_publish(self.history(), self.releases(), rid)
        self.switch(rid)
        self._record(history)
        self.prune()
        return rid

    def switch(self, rid: str) -> None:
        """Point ``current`` at ``rid`` with one rename (atomic for readers)."""
        temp = self.root / f".current-{rid}"
        if temp.is_symlink():
            temp.unlink()
        os.symlink(f"releases/{rid}", temp)
        try:
            os.replace(temp, self.current_link)
        except OSError as err:
            temp.unlink()
            raise DeployError(f"cannot replace {self.current_link}: {err.strerror}\n"
                              "  how to fix: if 'current' is a real directory, move it away once") from None

    def rollback(self) -> str:
        target, history = rollback_target(self.history(), self.releases(), self.current())
        self.switch(target)
        self._record(history)
        return target

    def prune(self) -> None:
        for rid in releases_to_prune(self.releases(), self.current(), self.config.keep, self.history()):
            shutil.rmtree(self.releases_dir / rid, ignore_errors=True)
        for entry in os.listdir(self.releases_dir):
            if entry.startswith(PARTIAL_PREFIX):  # left by a deploy that died
                shutil.rmtree(self.releases_dir / entry, ignore_errors=True)


def _copy_release(site: Path, dest: Path, previous: Path | None) -> None:
    """Copy ``site`` to ``dest``; files equal to the previous release's are
    hard-linked to it (what ``rsync --link-dest`` does), saving space."""
    for rel in site_files(site):
        source, target = site / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = previous / rel if previous else None
        if old is not None and old.is_file() and _same_content(source, old):
            try:
                os.link(old, target)
                continue
            except OSError:
                pass  # another filesystem: copy instead
        shutil.copyfile(source, target)
        os.chmod(target, 0o644)


def _same_content(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and md5_hex(a.read_bytes()) == md5_hex(b.read_bytes())
