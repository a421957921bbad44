"""Put an imported report into ``content/`` without duplicating it or losing edits.

A digest is identified by its date and source, not by its file name: a
second import of the same digest finds the report already there (even if
an editor renamed the file), and merges the new conversion into it
(:mod:`.merge`) so nothing an editor changed is lost.

The merge needs what the previous import wrote (the *base*): every import
keeps it in ``content/.imported/YYYY/YYYY-MM-DD-<source>.txt``, beside the
content it belongs to (commit it with the reports, so a colleague's
re-import merges the same way). It is not Markdown, so neither the site
build nor a search for reports ever reads it. When the merge keeps an
editor's version of a part the digest also changed, the digest's version is
written to ``<report>.md.conflict.txt`` beside the report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitrep.errors import FileError
from sitrep.files.atomic import write_text
from sitrep.files.reading import read_regular
from sitrep.importer.merge import Conflict
from sitrep.reports.file import MAX_REPORT_BYTES
from sitrep.text import slugify

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*)$")
BASE_DIR = ".imported"
CONFLICT_SUFFIX = ".conflict.txt"


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def report_path(content_dir: Path, date: dt.date, source: str) -> Path:
    """Where a new report goes: reports/YYYY/YYYY-MM-DD-<source-slug>.md."""
    return content_dir / "reports" / f"{date:%Y}" / f"{date:%Y-%m-%d}-{slugify(source, 40)}.md"


def base_path(content_dir: Path, date: dt.date, source: str) -> Path:
    """Where the text the last import of this date and source wrote is kept."""
    return content_dir / BASE_DIR / f"{date:%Y}" / f"{date:%Y-%m-%d}-{slugify(source, 40)}.txt"


def _header(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip():
            break
        m = _META_RE.match(line)
        if m:
            values.setdefault(_key(m.group(1)), m.group(2).strip())
    return values


def _read(path: Path) -> str:
    data = read_regular(path, MAX_REPORT_BYTES)
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")


def find_existing(content_dir: Path, date: dt.date, source: str) -> Path | None:
    """The report of this date and source already in ``content_dir``."""
    canonical = report_path(content_dir, date, source)
    if canonical.is_file():
        return canonical
    wanted = (f"{date:%Y-%m-%d}", slugify(source, 40))
    for candidate in sorted(content_dir.rglob("*.md")):
        try:
            meta = _header(_read(candidate))
        except FileError:  # a FIFO, a device, a runaway file: not a report of ours
            continue
        if (meta.get("date", "")[:10], slugify(meta.get("source", ""), 40)) == wanted:
            return candidate
    return None


def read_base(path: Path) -> str | None:
    """What the last import wrote, or None when it is not known."""
    try:
        return _read(path)
    except FileError:
        return None


def same_text(a: str, b: str) -> bool:
    """Equal but for trailing spaces and blank lines at the end."""
    def norm(text: str) -> list[str]:
        return [ln.rstrip() for ln in text.rstrip().split("\n")]
    return norm(a) == norm(b)


def write_report(path: Path, text: str) -> None:
    """Write via a temporary file, so an interrupted import never leaves
    half a report for the site build to choke on."""
    write_text(path, text)


def write_conflicts(report: Path, digest: Path, conflicts: list[Conflict]) -> Path:
    """The digest's side of each conflict, beside the report; returns its path."""
    out = [f"Import of {digest} into {report.name}: the report kept your version of the parts below;",
           "this file holds the digest's version of each. Copy what you want into the report, then",
           "delete this file. (It is not published.)", ""]
    for conflict in conflicts:
        out += [f"=== {conflict.describe()}", "--- the digest's version:"]
        out += list(conflict.theirs) or ["(the digest no longer has it)"]
        out.append("")
    path = report.with_name(report.name + CONFLICT_SUFFIX)
    write_text(path, "\n".join(out))
    return path


def read_existing(path: Path) -> str:
    return _read(path)
