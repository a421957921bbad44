"""Releases: each deploy is a new directory, and ``current`` a symlink to one.

Layout on the server (local directory or SSH host)::

    <path>/releases/20250204T101500.123456Z/   one complete build per deploy
    <path>/releases/.partial-<id>/              an upload in progress
    <path>/current -> releases/<id>             what the web server serves

A deploy uploads into ``.partial-<id>``, renames it to ``<id>`` and then
replaces ``current`` with one rename of a fresh symlink (``mv -T``), so a
visitor sees the old site or the new one, never a mix; a deploy that fails
midway leaves ``current`` as it was. Rollback points ``current`` at the
release before it. This module holds the rules shared by both kinds of
host and the local-directory target itself.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from sitrep.publish.changes import Changes, diff, manifest, md5_hex, site_files
from sitrep.publish.targets import DeployError, LocalConfig

RELEASE_RE = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")
PARTIAL_PREFIX = ".partial-"


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


def releases_to_prune(releases: list[str], current: str | None, keep: int) -> list[str]:
    """Releases beyond the newest ``keep``; the live one is never removed."""
    kept = set(releases[-keep:]) | {current}
    return [r for r in releases if r not in kept]


class LocalTarget:
    """Releases in a directory of this machine (a web root on the same host,
    a mounted share, or a staging copy)."""

    def __init__(self, config: LocalConfig):
        self.config = config
        self.root = config.path
        self.releases_dir = self.root / "releases"
        self.current_link = self.root / "current"

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
        self.switch(rid)
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
        target = previous_release(self.releases(), self.current())
        self.switch(target)
        return target

    def prune(self) -> None:
        for rid in releases_to_prune(self.releases(), self.current(), self.config.keep):
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
