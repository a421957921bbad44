"""What a deploy would change on the live site: files added, changed, removed.

A dry run prints this and stops; a real deploy prints it as it goes. Files
are compared by content (a hash), never by time: every build rewrites
every file, so times say nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass(slots=True)
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def sort(self) -> Changes:
        self.added.sort()
        self.changed.sort()
        self.removed.sort()
        return self

    def summary(self) -> str:
        return (f"{len(self.added)} to upload, {len(self.changed)} changed, "
                f"{len(self.removed)} to remove, {self.unchanged} unchanged")

    def format(self, limit: int = 500) -> str:
        """One line per file, rsync-like: '+' new, '~' changed, '-' removed."""
        lines = [f"{mark} {path}" for mark, paths in (("+", self.added), ("~", self.changed), ("-", self.removed))
                 for path in paths]
        if len(lines) > limit:
            lines = lines[:limit] + [f"... and {len(lines) - limit} more"]
        return "\n".join([*lines, self.summary()])


Hasher = Callable[[bytes], str]


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def git_blob_sha(data: bytes) -> str:
    """The id git gives a file's content, so a tree can be compared to a branch."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def site_files(root: Path) -> list[str]:
    """Every regular file under ``root`` (symlinks followed), "/"-separated, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def manifest(root: Path, hasher: Hasher = md5_hex) -> dict[str, str]:
    """{relative path: content hash} of a directory tree ({} if it does not exist)."""
    if not root.is_dir():
        return {}
    return {rel: hasher((root / rel).read_bytes()) for rel in site_files(root)}


def diff(local: dict[str, str], live: dict[str, str]) -> Changes:
    """Compare two manifests: ``local`` is the new build, ``live`` what is served."""
    changes = Changes()
    for path, digest in local.items():
        if path not in live:
            changes.added.append(path)
        elif live[path] != digest:
            changes.changed.append(path)
        else:
            changes.unchanged += 1
    changes.removed = [p for p in live if p not in local]
    return changes.sort()
