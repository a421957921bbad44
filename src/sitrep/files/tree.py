"""One walk of a folder tree, for the passes that look at every file of a build (60,000 at 5,000 reports).

``os.walk`` builds two lists per folder and joins every path; a build's
passes need each entry once, named by its "/"-separated path relative to the
root, with the facts ``os.scandir`` already holds (file or folder, inode).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator


def entries(root: str | os.PathLike, skip: Collection[str] = (),
            missing_ok: bool = False) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under ``root`` as (relative path, entry), a folder before
    what it holds, symlinks not followed; the folders ``skip`` (relative paths)
    are given but not entered. The caller may remove the entry it was given.
    ``missing_ok``: a folder removed meanwhile (by another thread) is passed over."""
    todo = [("", os.fspath(root))]
    while todo:
        prefix, folder = todo.pop()
        try:
            found = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            if missing_ok and prefix:
                continue
            raise
        with found:
            for entry in found:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False) and rel not in skip:
                    todo.append((rel + "/", entry.path))
                yield rel, entry
