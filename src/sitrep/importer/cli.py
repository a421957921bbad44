"""``sitrep import``: digests saved as text or HTML into ``content/``.

The options dataclass, the handler and the arguments of the command;
:mod:`sitrep.cli` assembles it with the others. The importer itself is
imported by the handler, so other commands never load it.
"""

from __future__ import annotations

import datetime as dt
import glob
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.config.arguments import SubParsers, add_command, settings_arg
from sitrep.config import DEFAULT_SETTINGS, load
from sitrep.errors import SitrepError


@dataclass
class ImportOptions:
    paths: list[str] = field(default_factory=list)
    source: str | None = None
    date: str | None = None
    content: str | None = None
    settings: str = DEFAULT_SETTINGS


def expand_paths(words: list[str]) -> list[Path]:
    """Paths from words that may be globs or comma-separated lists (a word that
    matches nothing is kept, so the import names it in its error)."""
    out: list[Path] = []
    for word in words:
        for part in filter(None, (p.strip() for p in word.split(","))):
            matches = sorted(glob.glob(part)) if glob.has_magic(part) else []
            out.extend(Path(m) for m in matches) if matches else out.append(Path(part))
    return out


def cmd_import(o: ImportOptions) -> int:
    """Import each file; one bad digest is reported and does not stop the others (exit 1 if any failed)."""
    from sitrep.importer.file_import import import_file

    conf = load(o.settings, content=o.content)
    try:
        when = dt.date.fromisoformat(o.date) if o.date else None
    except ValueError:
        raise SitrepError(f"--date {o.date!r} is not a date; write YYYY-MM-DD, e.g. --date 2025-02-04") from None
    paths = expand_paths(o.paths)
    failed = []
    for p in paths:
        try:
            result = import_file(p, conf.content, source=o.source, date=when, window=conf.date_window)
        except SitrepError as err:  # one bad digest does not stop the others
            failed.append(p)
            print(f"error: {err}", file=sys.stderr)
            continue
        print(f"{result.status:9} {result.path}  ({len(result.report.items)} items)")
        for warning in result.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        for note in result.notes:
            print(f"  note: {note}", file=sys.stderr)
        for conflict in result.conflicts:
            print(f"  conflict: {conflict}", file=sys.stderr)
        if result.conflict_path:
            print(f"  the digest's version of each conflict is in {result.conflict_path}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} of {len(paths)} file(s) not imported: {', '.join(map(str, failed))}", file=sys.stderr)
        return 1
    return 0


def add_import(sub: SubParsers) -> None:
    p = add_command(sub, "import", cmd_import, ImportOptions, "import digests saved as text or HTML into content/")
    p.add_argument("paths", nargs="+", help="files, globs or comma-separated lists")
    p.add_argument("--source", help="source name when the digest does not show it")
    p.add_argument("--date", help="YYYY-MM-DD, when the digest does not say")
    p.add_argument("--content", help="content folder to import into (default: the settings' PATH)")
    settings_arg(p)
