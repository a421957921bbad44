"""Which Markdown files of a content folder the site publishes.

Reports live under ``ARTICLE_PATHS`` (``content/reports/``) and pages under
``PAGE_PATHS`` (``content/pages/``). A ``.md`` anywhere else, typically saved
straight into ``content/``, is read by nobody: :func:`stray_markdown` finds
such files so the build can say so instead of dropping them without a word.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_under(path: str | Path, content: str | Path, folders: Iterable[str]) -> bool:
    """Whether ``path`` lies in one of ``folders`` (relative to ``content``)."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(content))
    return any(rel == f.rstrip("/") or rel.startswith(f.rstrip("/") + os.sep) for f in folders if f)


def stray_markdown(content: str | Path, published: Iterable[str]) -> list[Path]:
    """Markdown files under ``content`` outside every folder of ``published``
    (hidden files and folders are skipped: editors' tools keep state there)."""
    content = Path(content)
    folders = [f for f in published]
    if any(f.strip("/") in ("", ".") for f in folders):
        return []  # the whole folder is published
    out: list[Path] = []
    for root, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_under(Path(root, d), content, folders))
        out.extend(Path(root, f) for f in sorted(files)
                   if f.lower().endswith(MARKDOWN_SUFFIXES) and not f.startswith("."))
    return [p for p in out if not is_under(p, content, folders)]
