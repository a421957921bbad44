"""A report file cut into the parts a re-import merges: metadata lines, the lead, the items.

:mod:`.merge` decides part by part whose version a re-imported report keeps;
this module only cuts a report's text into those parts and puts them back
together, line for line, so a report nobody changed comes back byte for byte.
It cuts as the report parser reads (a ``##`` inside a code fence is not an
item), but keeps lines, not parsed text: the merge must write back exactly
what the editor wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.text import fold

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*?)\s*:\s*(.*)$")
_H2_RE = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_BULLET_RE = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_KEY_DEVS_RE = re.compile(r"key developments?\b.*", re.IGNORECASE)
ITEM_META_KEYS = {"id", "theatres", "topics", "places"}

Lines = tuple[str, ...]


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _norm(lines: list[str] | Lines) -> Lines:
    """Lines without trailing spaces and without blank lines at either end."""
    out = [ln.rstrip() for ln in lines]
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return tuple(out)


@dataclass(slots=True)
class Section:
    """One ``##`` item of a report file, as lines."""

    heading: str
    meta: dict[str, str] = field(default_factory=dict)  # item metadata key -> whole line, in order
    body: Lines = ()

    @property
    def title(self) -> str:
        m = _H2_RE.match(self.heading)
        return m.group(1) if m else self.heading

    @property
    def identity(self) -> str:
        """What names the item: its Id: line, else its folded headline."""
        line = self.meta.get("id")
        if line:
            return "id:" + _META_RE.match(line).group(2).strip()
        return "h:" + fold(self.title)

    def lines(self) -> list[str]:
        out = [self.heading, *self.meta.values()]
        if self.body:
            out += ["", *self.body]
        return out


@dataclass(slots=True)
class Doc:
    """A report file cut into the parts the merge works on."""

    header: dict[str, Lines]  # metadata key -> its line (and continuation lines), in order
    lead: Lines  # between the metadata and the first item: key developments, lead prose
    sections: list[Section]

    def text(self) -> str:
        out = [ln for lines in self.header.values() for ln in lines]
        if self.lead:
            out += ["", *self.lead]
        for section in self.sections:
            out += ["", *section.lines()]
        return "\n".join(out) + "\n"


def parse(text: str) -> Doc:
    """Cut a report file into header, lead and sections, as the report parser
    would (headings inside code fences are not headings)."""
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    header: dict[str, Lines] = {}
    i = 0
    last = None
    while i < len(lines) and lines[i].strip():
        m = _META_RE.match(lines[i])
        if m is None and last is not None:  # a continuation line
            header[last] += (lines[i],)
        else:
            last = _key(m.group(1)) if m else f"?{i}"
            while last in header:  # a repeated key (the parser refuses it): keep both lines apart
                last += "+"
            header[last] = (lines[i],)
        i += 1
    lead: list[str] = []
    chunks: list[list[str]] = []
    in_fence = False
    for line in lines[i:]:
        if _FENCE_RE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _H2_RE.match(line)
        if m and not (not chunks and _KEY_DEVS_RE.fullmatch(m.group(1))):
            chunks.append([line])
        elif chunks:
            chunks[-1].append(line)
        else:
            lead.append(line)
    return Doc(header, _norm(lead), [_section(chunk) for chunk in chunks])


def _section(chunk: list[str]) -> Section:
    heading, rest = chunk[0], chunk[1:]
    j = 0
    while j < len(rest) and not rest[j].strip():
        j += 1
    meta: dict[str, str] = {}
    while j < len(rest):
        m = _META_RE.match(rest[j])
        if not m or _key(m.group(1)) not in ITEM_META_KEYS or _key(m.group(1)) in meta:
            break
        meta[_key(m.group(1))] = rest[j].rstrip()
        j += 1
    if not meta:
        j = 0
    return Section(heading.rstrip(), meta, _norm(rest[j:]))


def lead_bullets(lead: Lines) -> tuple[str, list[str]] | None:
    """(the '## Key developments' line or '', the bullets) when the lead is just that list."""
    lines = list(lead)
    head = ""
    if lines and _H2_RE.match(lines[0]) and _KEY_DEVS_RE.fullmatch(_H2_RE.match(lines[0]).group(1)):
        head = lines.pop(0)
    bullets: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        m = _BULLET_RE.match(line)
        if m:
            bullets.append(m.group(1).strip())
        elif bullets and line.startswith((" ", "\t")):
            bullets[-1] += " " + line.strip()
        else:
            return None
    return head, bullets
