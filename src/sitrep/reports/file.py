"""Read a Markdown report file into the report model.

Reports are parsed here rather than by Pelican's Markdown reader so that
every problem can be reported with the file and line an editor must fix,
and so that the CLI, the importer's round trip and the tests see exactly
what the site build sees.

Format (documented in the README)::

    Title: War digest, 4 February 2025
    Date: 2025-02-04
    Source: Kyiv Desk
    Source_URL: https://example.org/digest/2025-02-04   (optional)
    Summary: One line for lists and feeds               (optional)
    Slug: 2025-02-04-kyiv-desk                          (optional)

    ## Key developments
    - headline of the first item
    - ...

    ## Headline of the first item
    Id: stable-item-id              (optional, item metadata lines)
    Theatres: +kharkiv, -donbas     (optional overrides)
    Topics: strikes
    Places: izium

    Body in Markdown ...
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import FileError, ReportError
from sitrep.files.reading import read_regular
from sitrep.reports.items import RawSection, build_items
from sitrep.model import Report, TagOverrides
from sitrep.text import slugify

REQUIRED_KEYS = ("title", "date", "source")
KNOWN_KEYS = {"title", "date", "source", "source_url", "summary", "slug", "modified", "status", "lang"}
STATUSES = ("published", "draft", "hidden")
ITEM_META_KEYS = {"id", "theatres", "topics", "places"}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*)$")
_H2_RE = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_BULLET_RE = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_REPORT_BYTES = 16 * 2**20  # a report (or page) file larger than this is refused
MAX_SLUG_LENGTH = 80  # a report's Slug: and an item's Id: (they become folder names)
# Characters no published page, feed or JSON may carry: C0 controls but tab and
# newline, DEL, C1 controls and the noncharacters XML forbids. Editors never mean
# them; they come from copying out of PDFs, terminals and broken exports.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\x0b": "vertical tab", "\x0c": "form feed"}


@dataclass(slots=True)
class Header:
    values: dict[str, str]
    lines: dict[str, int]
    body_start: int  # 0-based index of the first body line


def read_report(path: str | Path, display_path: str | None = None) -> Report:
    """Read and parse one report file; raise ReportError on any problem.

    ``display_path`` is how errors name the file (default: ``path``)."""
    name = display_path or str(path)
    return parse_report(decode_report(read_report_bytes(path, name), name), name)


def read_report_bytes(path: str | Path, name: str) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_REPORT_BYTES
    (a FIFO, a link to /dev/zero or a runaway export is a ReportError)."""
    try:
        return read_regular(path, MAX_REPORT_BYTES, name)
    except ReportError:
        raise
    except FileError as err:
        raise ReportError(name, None, err.message, err.hint) from None


def decode_report(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ReportError(
            path, line, f"byte 0x{data[err.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)",
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check_characters(text: str, path: str) -> None:
    """Refuse control characters anywhere in a content file, naming the line:
    they would reach pages, feeds (which cannot hold them) and open data."""
    found = _CONTROL_RE.search(text)
    if found is None:
        return
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    name = _CONTROL_NAMES.get(char, "control character")
    raise ReportError(
        path, line, f"the line holds an invisible control character (U+{ord(char):04X}, {name})",
        "delete it: retype the line, or use your editor's 'show invisibles'; such characters "
        "usually come from copying out of a PDF, a terminal or another program",
    )


def check_slug(value: str, path: str, line: int | None, what: str, example: str) -> None:
    """A Slug: or Id: an editor wrote must be a short run of a-z, 0-9 and '-':
    it becomes a folder name and a URL."""
    if len(value) > MAX_SLUG_LENGTH:
        raise ReportError(path, line, f"{what} is {len(value)} characters long; at most {MAX_SLUG_LENGTH} are allowed",
                          f"write a shorter one, e.g. '{example}'")
    if not _SLUG_RE.match(value):
        raise ReportError(path, line, f"{what} {value!r} may hold only a-z, 0-9 and '-'", f"write e.g. '{example}'")


def parse_report(text: str, path: str = "<report>") -> Report:
    check_characters(text, path)
    lines = text.split("\n")
    header = _parse_header(lines, path)
    meta = header.values
    date = _parse_date(meta["date"], path, header.lines["date"])
    source = meta["source"]
    slug = meta.get("slug") or f"{date:%Y-%m-%d}-{slugify(source, 40)}"
    check_slug(slug, path, header.lines.get("slug"), "the slug", "Slug: 2025-02-04-kyiv-desk")
    report = Report(
        path=path,
        title=meta["title"],
        date=date,
        source=source,
        source_slug=slugify(source, 40),
        slug=slug,
        source_url=meta.get("source_url") or None,
        summary=meta.get("summary") or None,
        status=(meta.get("status") or "published").lower(),
        date_line=header.lines["date"],
    )
    if report.status not in STATUSES:
        raise ReportError(path, header.lines["status"], f"status {report.status!r} is not one of {', '.join(STATUSES)}",
                          "write 'Status: draft' to keep a report off the site, or remove the line")
    for key in sorted(set(meta) - KNOWN_KEYS):
        report.warnings.append(f"line {header.lines[key]}: unknown metadata key {key!r} is ignored "
                               f"(known: {', '.join(sorted(KNOWN_KEYS))})")
    preamble, key_devs, sections, lines_of = _split_body(lines, header.body_start, path)
    if not preamble.strip() and not sections and not key_devs:
        raise ReportError(
            path, header.body_start + 2, "the report has no body",
            "write the report's text below the metadata, one '## Headline' section per development",
        )
    report.key_developments = key_devs
    build_items(report, preamble, sections, lines_of)
    return report


def _parse_header(lines: list[str], path: str) -> Header:
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _META_RE.match(lines[i])
        if not m:
            if lines[i].startswith((" ", "\t")) and values:  # continuation
                last = next(reversed(values))
                values[last] += " " + lines[i].strip()
                i += 1
                continue
            raise ReportError(
                path, i + 1, f"expected a 'Key: value' metadata line, found {lines[i][:60]!r}",
                "start the file with metadata lines (Title:, Date:, Source:), then a blank line, then the body",
            )
        key = m.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        if key in values:
            raise ReportError(path, i + 1, f"metadata key {m.group(1)!r} appears twice",
                              f"keep one '{m.group(1)}:' line (first one is on line {where[key]})")
        values[key] = m.group(2).strip()
        where[key] = i + 1
        i += 1
    for key in REQUIRED_KEYS:
        if not values.get(key):
            line = where.get(key, 1)
            what = "is empty" if key in values else "is missing"
            raise ReportError(
                path, line, f"required metadata '{key.title()}:' {what}",
                f"add a line '{key.title()}: ...' to the metadata block at the top "
                "(Title, Date as YYYY-MM-DD and Source are required)",
            )
    return Header(values, where, i)


def _parse_date(value: str, path: str, line: int) -> dt.datetime:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ReportError(
        path, line, f"cannot read the date {value!r}",
        "write the date as YYYY-MM-DD, e.g. 'Date: 2025-02-04' (optionally with a time, 'YYYY-MM-DD HH:MM')",
    )


def _split_body(lines: list[str], start: int, path: str):
    """Cut the body into the preamble, the key-development bullets and the
    ``##`` sections (heading, metadata, Markdown and line numbers)."""
    preamble: list[str] = []
    key_devs: list[str] = []
    # 1-based line numbers of the lead paragraph ("preamble") and of each bullet
    lines_of: dict[str, int] = {}
    sections: list[RawSection] = []
    current: RawSection | None = None
    in_key_devs = False
    in_fence = False
    for idx in range(start, len(lines)):
        line = lines[idx]
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _H2_RE.match(line)
        if heading:
            title = heading.group(1).strip()
            if re.fullmatch(r"key developments?\b.*", title, re.IGNORECASE) and not sections:
                in_key_devs = True
                current = None
                continue
            if not title:
                raise ReportError(path, idx + 1, "a '##' heading has no text",
                                  "write the item's headline after '## '")
            in_key_devs = False
            current = RawSection(headline=title, line=idx + 1, body=[], body_line=idx + 2)
            sections.append(current)
            continue
        if in_key_devs or (current is None and not sections):
            bullet = _BULLET_RE.match(line)
            if bullet and (in_key_devs or not "".join(preamble).strip() or key_devs):
                key_devs.append(bullet.group(1).strip())
                lines_of[f"bullet:{len(key_devs) - 1}"] = idx + 1
                continue
            if in_key_devs and key_devs and line.startswith((" ", "\t")) and line.strip():
                key_devs[-1] += " " + line.strip()
                continue
            if in_key_devs and not line.strip():
                continue
            in_key_devs = False
            if line.strip() and "preamble" not in lines_of:
                lines_of["preamble"] = idx + 1
            preamble.append(line)
            continue
        current.body.append(line)
    for section in sections:
        _take_item_metadata(section, path)
    return "\n".join(preamble), key_devs, sections, lines_of


def _take_item_metadata(section: RawSection, path: str) -> None:
    """Pull 'Id:', 'Theatres:', 'Topics:' and 'Places:' lines that follow a heading."""
    overrides = TagOverrides()
    body = section.body
    i = 0
    while i < len(body) and not body[i].strip():
        i += 1
    while i < len(body):
        m = _META_RE.match(body[i])
        if not m or m.group(1).strip().lower() not in ITEM_META_KEYS:
            break
        key, value = m.group(1).strip().lower(), m.group(2).strip()
        line = section.body_line + i
        if key == "id":
            check_slug(value, path, line, "the item id", "Id: izium-missile-strike")
            section.explicit_id = value
        else:
            for entry in filter(None, (e.strip() for e in re.split(r"[,\s]+", value))):
                remove = entry.startswith("-")
                name = entry.lstrip("+-")
                if not name:
                    continue
                target = getattr(overrides, f"{'remove' if remove else 'add'}_{key}")
                target.append(name)
            overrides.line = overrides.line or line
        i += 1
    section.overrides = overrides
    section.body_line += i
    del body[:i]
