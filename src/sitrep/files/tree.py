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


def make_folder(root: str, folder: str, made: set[str]) -> None:
    """Make ``folder`` ("/"-separated, relative to ``root``; "" is ``root``) and its parents
    that are not in ``made``, one mkdir each, and add them to ``made``: with a folder per item
    page, os.makedirs' look at every parent of every file was most of the time of writing them."""
    if folder in made:
        return
    if folder:
        make_folder(root, folder.rpartition("/")[0], made)
        try:
            os.mkdir(os.path.join(root, folder))
        except FileExistsError:
            pass
    else:
        os.makedirs(root, exist_ok=True)
    made.add(folder)
