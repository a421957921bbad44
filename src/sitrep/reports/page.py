"""Static pages (``content/pages/*.md``) are editor content like reports.

Pelican's Markdown reader turns a page into HTML, and the theme prints that
HTML as it is; so a page gets the same guards as a report before and after:
it must be a regular file of a sane size without control characters, a
``Slug:`` it sets must be a short URL-safe word, and its HTML (body and
summary) passes through the one sanitiser, :func:`sitrep.reports.sanitize.sanitize`.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.reports.file import check_characters, check_slug, decode_report, read_report_bytes
from sitrep.reports.sanitize import sanitize

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*)$")


def check_page_file(path: str | Path, name: str) -> None:
    """Raise ReportError (file, line, fix) when the page cannot be published safely."""
    text = decode_report(read_report_bytes(path, name), name)
    check_characters(text, name)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            break  # the metadata block ends at the first blank line
        m = _META_RE.match(line)
        if m and m.group(1).strip().lower() == "slug":
            check_slug(m.group(2).strip(), name, number, "the slug", "Slug: about")


def sanitize_page(html: str) -> str:
    """A page's HTML as it may be published."""
    return sanitize(html, page=True)
