"""Import one digest file (text or HTML) into a report of ``content/``.

``import_file`` reads the digest, cuts it into developments (see
:mod:`.digest` for the shape it expects), drops boilerplate (rules in
``data/import/boilerplate.toml``), finds the date and the publication,
writes ``content/reports/YYYY/YYYY-MM-DD-<source>.md`` and parses it back
with the same parser the site build uses. Importing a digest again never
makes a second report for the same date and source, and never discards what
an editor changed in it: the new conversion is merged in part by part
(:mod:`.merge`), and where both changed the same part the editor's version
stays and the digest's is written beside the report.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sitrep.errors import FileError, ReportError
from sitrep.files.reading import read_regular
from sitrep.model import Report
from sitrep.reports.file import parse_report, read_report
from sitrep.reports.window import DateWindow
from sitrep.importer.boilerplate import Rules, find_rules_file, load_rules
from sitrep.importer.dates import FoundDate, file_name_date, full_dates, month_day, resolve
from sitrep.importer.digest import Digest, DigestImportError, assemble
from sitrep.importer.html_digest import PageMeta, read_html
from sitrep.importer.merge import Conflict, merge
from sitrep.importer.store import (base_path, find_existing, read_base, read_existing, report_path, same_text,
                                   write_conflicts, write_report)
from sitrep.importer.text_digest import decode, read_text
from sitrep.importer.writer import ReportDraft, render

__all__ = ["import_file", "ImportResult", "DigestImportError"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MAX_DIGEST_BYTES = 32 * 2**20  # saved web pages are bloated; a bigger file is refused
Status = Literal["created", "unchanged", "updated"]


@dataclass(slots=True)
class SavedReport:
    """What saving a converted digest did to the report file: created,
    updated or unchanged; where the editor's and the digest's changes met, the
    conflicts (the editor's version kept) and the file holding the digest's side."""

    path: Path
    status: Status
    conflicts: list[str] = field(default_factory=list)
    conflict_path: Path | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class ImportResult(SavedReport):
    """What an import did: the saved report file, the report read back from
    it, where its date came from and what the conversion warned about."""

    report: Report
    date_origin: str = "--date"
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Read:
    digest: Digest
    meta: PageMeta
    furniture: list[str]


def _looks_like_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _read_digest(path: Path, data: bytes, rules: Rules) -> _Read:
    if _looks_like_html(path, data):
        page = read_html(data, rules)
        digest = assemble(page.blocks, rules, fallback_headline=page.meta.title)
        return _Read(digest, page.meta, page.furniture)
    digest = assemble(read_text(decode(data)), rules, fallback_headline=None)
    return _Read(digest, PageMeta(), [])


def _detect_date(path: Path, found: _Read, warnings: list[str]) -> FoundDate:
    """See :func:`.dates.resolve`; raise with the fix when there is no evidence."""
    digest, meta = found.digest, found.meta
    heading_texts = [t for t in (digest.intro, meta.title, *digest.preamble) if t]
    hint = month_day(digest.intro) if digest.intro else None
    if hint is None and not digest.intro:
        hint = next((month_day(t) for t in heading_texts if month_day(t) and not full_dates(t)), None)
    anchors = list(meta.dates)
    anchors += [FoundDate(d, "a date at the top of the digest") for t in heading_texts for d in full_dates(t)]
    if name_date := file_name_date(path.name):
        anchors.append(FoundDate(name_date, f"the file name {path.name!r}"))
    result = resolve(hint, anchors, [d for t in digest.content for d in full_dates(t)])
    if result is None:
        said = f" (it names {digest.intro!r} but no year)" if hint and digest.intro else ""
        example = f"YYYY-{hint.month:02d}-{hint.day:02d}" if hint else "YYYY-MM-DD"
        raise DigestImportError(
            path, f"cannot tell which day this digest is for{said}",
            f"pass the date: invoke import {shlex.quote(str(path))} --date {example} "
            "(or name the file digest-YYYY-MM-DD.txt)",
        )
    if hint and anchors and abs((result.date - anchors[0].date).days) > 2:
        warnings.append(f"the digest names {digest.intro!r} but {anchors[0].origin} says "
                        f"{anchors[0].date:%Y-%m-%d}; used {result.date:%Y-%m-%d} (pass --date to override)")
    return result


def _detect_source(path: Path, found: _Read, rules: Rules) -> str:
    """The page's own site name, else the publication its sign-off names."""
    name = found.meta.site_name or rules.publication_name(
        found.digest.boilerplate + found.furniture, found.digest.content)
    if not name:
        raise DigestImportError(
            path, "cannot tell which publication this digest is from",
            f"pass its name: invoke import {shlex.quote(str(path))} --source \"Publication Name\"",
        )
    return " ".join(name.split())


def _summary(meta: PageMeta, rules: Rules) -> str | None:
    """The page's own description, unless it is a plea."""
    text = " ".join((meta.description or "").split())
    return text if text and not rules.is_plea(text) else None


def _parses(text: str, target: Path) -> bool:
    try:
        parse_report(text, str(target))
    except ReportError:
        return False
    return True


def _save(converted: str, content_dir: Path, draft: ReportDraft, source_path: Path) -> SavedReport:
    """Write the report, merging into the one already there (see :mod:`.merge`)."""
    if not _parses(converted, report_path(content_dir, draft.date, draft.source)):
        # a bug in the importer: never write a file the build refuses
        raise DigestImportError(source_path, "the converted report does not parse",
                                "report this digest as an importer bug; nothing was written")
    existing = find_existing(content_dir, draft.date, draft.source)
    base_file = base_path(content_dir, draft.date, draft.source)
    if existing is None:
        target = report_path(content_dir, draft.date, draft.source)
        write_report(target, converted)
        write_report(base_file, converted)
        return SavedReport(target, "created")
    old = read_existing(existing)
    merged = merge(read_base(base_file), old, converted)
    text = merged.text
    if not _parses(text, existing):
        # The parts merged into a report the build would refuse (say, two items
        # now share an id): keep the editor's file whole, the digest beside it.
        merged.conflicts[:] = []
        merged.conflicts.append(Conflict("the whole report", tuple(converted.split("\n")),
                                         "the two versions could not be merged; yours is kept"))
        text = old
    saved = SavedReport(existing, "unchanged" if same_text(text, old) else "updated", notes=merged.notes)
    if saved.status == "updated":
        write_report(existing, text)
    if merged.conflicts:
        saved.conflicts = [c.describe() for c in merged.conflicts]
        saved.conflict_path = write_conflicts(existing, source_path, merged.conflicts)
    if read_base(base_file) != converted:
        write_report(base_file, converted)  # the next import merges against this conversion
    return saved


def import_file(path: Path, content_dir: Path, *, source: str | None = None,
                date: dt.date | None = None, rules_path: Path | None = None,
                window: DateWindow | None = None) -> ImportResult:
    """Import one digest (text or HTML) into ``content_dir``.

    ``source`` and ``date`` override what the digest says; ``rules_path``
    overrides the project's ``data/import/boilerplate.toml`` (found next to
    ``content_dir``); ``window`` is the archive's SITREP_DATE_RANGE (default:
    the default range)."""
    path, content_dir = Path(path), Path(content_dir)
    try:
        data = read_regular(path, MAX_DIGEST_BYTES)
    except FileError as err:
        raise DigestImportError(path, err.message, err.hint or "check the path (a glob must match at least "
                                "one file)") from None
    rules = load_rules(rules_path or find_rules_file(content_dir))
    found = _read_digest(path, data, rules)
    if not found.digest.sections:
        raise DigestImportError(
            path, "found no developments in this digest",
            "save the digest's text (a 'Key developments' list and the items below it) as .txt or .html",
        )
    warnings = list(found.digest.warnings)
    when = FoundDate(date, "--date") if date else _detect_date(path, found, warnings)
    window = window or DateWindow.from_setting()
    if when.date not in window:
        raise DigestImportError(
            path, f"the date {when.date.isoformat()} (from {when.origin}) is outside the archive's dates "
            f"({window.describe()})",
            f"pass the right date: invoke import {shlex.quote(str(path))} --date YYYY-MM-DD "
            "(or widen SITREP_DATE_RANGE in pelicanconf.py)",
        )
    draft = ReportDraft(
        source=" ".join(source.split()) if source else _detect_source(path, found, rules),
        date=when.date,
        sections=found.digest.sections,
        source_url=found.meta.url,
        summary=_summary(found.meta, rules),
    )
    saved = _save(render(draft), content_dir, draft, path)
    return ImportResult(path=saved.path, status=saved.status, conflicts=saved.conflicts,
                        conflict_path=saved.conflict_path, notes=saved.notes,
                        report=read_report(saved.path), date_origin=when.origin, warnings=warnings)
