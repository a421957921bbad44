"""Put an imported report into ``content/`` without duplicating it.

A digest is identified by its date and source, not by its file name: a
second import of the same digest finds the report already there (even if
an editor renamed the file), leaves it alone when nothing changed, and
otherwise rewrites it while keeping what editors added by hand (item
``Id:``/``Theatres:``/``Topics:``/``Places:`` lines and extra metadata
such as ``Summary:`` or ``Slug:``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.reports.items import match_key_developments
from sitrep.text import fold, slugify

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*)$")
_H2_RE = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
ITEM_META_KEYS = {"id", "theatres", "topics", "places"}
# Metadata the import itself decides; any other line (Summary, Slug, ...)
# an editor set in the existing report is kept.
IMPORTED_KEYS = {"title", "date", "source", "source_url"}


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def report_path(content_dir: Path, date: dt.date, source: str) -> Path:
    """Where a new report goes: reports/YYYY/YYYY-MM-DD-<source-slug>.md."""
    return content_dir / "reports" / f"{date:%Y}" / f"{date:%Y-%m-%d}-{slugify(source, 40)}.md"


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
    return path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")


def find_existing(content_dir: Path, date: dt.date, source: str) -> Path | None:
    """The report of this date and source already in ``content_dir``."""
    canonical = report_path(content_dir, date, source)
    if canonical.is_file():
        return canonical
    wanted = (f"{date:%Y-%m-%d}", slugify(source, 40))
    for candidate in sorted(content_dir.rglob("*.md")):
        try:
            meta = _header(_read(candidate))
        except OSError:
            continue
        if (meta.get("date", "")[:10], slugify(meta.get("source", ""), 40)) == wanted:
            return candidate
    return None


@dataclass(slots=True)
class _Parsed:
    header: list[tuple[str, str]]  # (key, whole line)
    body: list[str]
    sections: list[tuple[int, str]] = field(default_factory=list)  # (body line index, headline)


def _parse(text: str) -> _Parsed:
    lines = text.rstrip("\n").split("\n")
    header: list[tuple[str, str]] = []
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _META_RE.match(lines[i])
        header.append((_key(m.group(1)) if m else "", lines[i]))
        i += 1
    parsed = _Parsed(header=header, body=lines[i:])
    in_fence = False
    for n, line in enumerate(parsed.body):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _H2_RE.match(line)
        if m and not re.fullmatch(r"key developments?\b.*", m.group(1), re.IGNORECASE):
            parsed.sections.append((n, m.group(1)))
    return parsed


def _item_meta(body: list[str], at: int, skip_blank: bool = True) -> list[str]:
    """The item metadata lines right below the heading at ``at`` (the
    report parser allows blank lines before them in an editor's file)."""
    out: list[str] = []
    for line in body[at + 1:]:
        if skip_blank and not line.strip() and not out:
            continue
        m = _META_RE.match(line)
        if not m or _key(m.group(1)) not in ITEM_META_KEYS:
            break
        out.append(line)
    return out


def merge(new_text: str, old_text: str) -> str:
    """The new import, plus what an editor added to the old report."""
    new, old = _parse(new_text), _parse(old_text)
    fresh = {k: line for k, line in new.header}
    editor = {k for k, _ in old.header if k and k not in IMPORTED_KEYS}
    header: list[str] = []
    for key, line in old.header:  # the editor's order, the import's values
        if key in editor:
            header.append(line)
        elif key in fresh:
            header.append(fresh.pop(key))
    header += [line for key, line in fresh.items() if key not in editor]

    old_meta = {n: _item_meta(old.body, at) for n, (at, _) in enumerate(old.sections)}
    old_heads = [h for _, h in old.sections]
    new_heads = [h for _, h in new.sections]
    pairs = {ni: oi for ni, nh in enumerate(new_heads) for oi, oh in enumerate(old_heads) if fold(nh) == fold(oh)}
    for ni, oi in match_key_developments(old_heads, new_heads).items():
        if ni not in pairs and oi not in pairs.values():
            pairs[ni] = oi

    body = list(new.body)
    for ni in sorted(pairs, reverse=True):  # from the end, so indexes stay valid
        extra = old_meta[pairs[ni]]
        if not extra:
            continue
        at = new.sections[ni][0]
        mine = _item_meta(body, at, skip_blank=False)
        editor_keys = {_key(_META_RE.match(ln).group(1)) for ln in extra}
        kept = [ln for ln in mine if _key(_META_RE.match(ln).group(1)) not in editor_keys]
        start = at + 1
        del body[start:start + len(mine)]
        body[start:start] = extra + kept
    return "\n".join(header + body) + "\n"


def same_text(a: str, b: str) -> bool:
    """Equal but for trailing spaces and blank lines at the end."""
    def norm(text: str) -> list[str]:
        return [ln.rstrip() for ln in text.rstrip().split("\n")]
    return norm(a) == norm(b)


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file, so an interrupted import never leaves
    half a report for the site build to choke on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide the report from other users' builds
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_existing(path: Path) -> str:
    return _read(path)
