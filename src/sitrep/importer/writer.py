"""Write an imported digest as a report file (see the README's format)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitrep.text import slugify
from sitrep.importer.dates import long_date
from sitrep.importer.digest import Section
from sitrep.importer.markdown_out import escape_paragraph, guard_item_metadata

SUMMARY_MAX = 300
_KEY_DEVS_RE = re.compile(r"key developments?\b", re.IGNORECASE)


@dataclass(slots=True)
class ReportDraft:
    """Everything the report file says, before it is written."""

    source: str
    date: dt.date
    sections: list[Section]
    source_url: str | None = None
    summary: str | None = None

    @property
    def title(self) -> str:
        return f"{self.source} digest, {long_date(self.date)}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _header(draft: ReportDraft) -> list[str]:
    lines = [
        f"Title: {_one_line(draft.title)}",
        f"Date: {draft.date:%Y-%m-%d}",
        f"Source: {_one_line(draft.source)}",
    ]
    if draft.source_url:
        lines.append(f"Source_URL: {draft.source_url}")
    if draft.summary and len(draft.summary) <= SUMMARY_MAX:
        lines.append(f"Summary: {_one_line(draft.summary)}")
    return lines


def _ids(sections: list[Section]) -> list[str | None]:
    """An explicit ``Id:`` for every repeat of a headline's slug (the
    report parser refuses two items with one id)."""
    natural = [slugify(s.headline) for s in sections]
    taken = set(natural)
    used: set[str] = set()
    ids: list[str | None] = []
    for slug in natural:
        if slug not in used:
            used.add(slug)
            ids.append(None)
            continue
        n = 2
        while f"{slug}-{n}" in used or f"{slug}-{n}" in taken:
            n += 1
        used.add(f"{slug}-{n}")
        ids.append(f"{slug}-{n}")
    return ids


def escape_headline(text: str) -> str:
    """A headline for a ``## `` line: trailing '#' would be taken as the
    heading's closing marks, and a headline starting "Key developments"
    as the key-developments list."""
    line = escape_paragraph(text) or "Untitled"
    line = re.sub(r"#+$", lambda m: "&#35;" * len(m.group()), line)
    if _KEY_DEVS_RE.match(line):
        line = f"&#{ord(line[0])};" + line[1:]
    return line


def render(draft: ReportDraft) -> str:
    """The report file's text."""
    out = _header(draft)
    if draft.sections:
        # Bullets worded exactly as the headlines, so the parser pairs them.
        out += ["", "## Key developments"]
        out += [f"- {escape_headline(s.headline)}" for s in draft.sections]
    for section, explicit_id in zip(draft.sections, _ids(draft.sections)):
        out += ["", f"## {escape_headline(section.headline)}"]
        if explicit_id:
            out.append(f"Id: {explicit_id}")
        body = section.markdown
        if body:
            out += ["", guard_item_metadata(body)]
    return "\n".join(out) + "\n"
