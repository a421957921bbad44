"""Merge a re-imported digest into a report an editor may have changed.

Re-importing used to rewrite the report from the digest, keeping only a few
metadata lines: an editor's corrected sentence, reworded headline or added
item was lost without a word. Now every import also keeps what it wrote (the
*base*, see :mod:`.store`), and a re-import is a three-way merge of the base,
the report as it is now (*ours*: the editor's) and the new conversion of the
digest (*theirs*), part by part: each metadata line, the key-developments
list, and each item's heading, its ``Id:``/``Theatres:``/``Topics:``/
``Places:`` lines and its body.

The rule for each part:

- changed by nobody, or by the digest only: the digest's version;
- changed by the editor only: the editor's version;
- changed by both, differently: **the editor's version is kept**, the digest's
  is written into the conflict file beside the report and the import says so;
- an item only the digest has is added, one only the editor has is kept; an
  item the editor deleted stays deleted (a conflict if the digest changed it),
  one the digest dropped goes unless the editor had changed it.

Without a base (a report written by hand, or imported by an older Sitrep)
nothing is known to be the digest's alone: every part the two versions
disagree on is a conflict, resolved for the editor, and the digest's new
items are added. Nothing the editor wrote is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.importer.report_parts import Doc, Lines, Section, lead_bullets, parse
from sitrep.reports.matching import greedy_pairs
from sitrep.text import fold, terms

HEADLINE_MATCH = 0.5  # overlap that pairs a reworded headline with its old self


@dataclass(slots=True)
class Conflict:
    """A part both the editor and the digest changed: the editor's is kept."""

    where: str  # "item 'Headline'", "metadata 'Summary:'", "the key developments"
    theirs: Lines  # the digest's version ((): the digest no longer has it)
    why: str

    def describe(self) -> str:
        return f"{self.where}: {self.why}"


@dataclass(slots=True)
class Merged:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the merge did that an editor may want to know


_UNKNOWN = object()  # no base: whether a part changed cannot be known


class _Merger:
    def __init__(self, known_base: bool):
        self.known_base = known_base
        self.conflicts: list[Conflict] = []
        self.notes: list[str] = []

    def pick(self, base, ours, theirs, where: str):
        """The three-way rule for one part (values compare with ==; None: absent)."""
        if ours == theirs:
            return ours
        if self.known_base:
            if ours == base:
                return theirs
            if theirs == base:
                return ours
            why = "you and the digest both changed it; your version is kept"
        else:
            if ours is None:
                return theirs  # a part only the digest has: nothing of the editor's is at stake
            if theirs is None:
                return ours
            why = ("it differs from the digest and the version first imported is not known; "
                   "your version is kept")
        self.conflicts.append(Conflict(where, _as_lines(theirs), why))
        return ours


def _as_lines(value) -> Lines:
    if value is None:
        return ()
    if isinstance(value, Section):
        return tuple(value.lines())
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _words(section: Section) -> frozenset[str]:
    return frozenset(terms(section.title)) or frozenset(terms(section.title, keep_stopwords=True))


def pair_sections(left: list[Section], right: list[Section]) -> dict[int, int]:
    """{right index: left index}: same Id or headline first, then reworded
    headlines by overlap."""
    pairs: dict[int, int] = {}
    by_identity: dict[str, list[int]] = {}
    for i, s in enumerate(left):
        by_identity.setdefault(s.identity, []).append(i)
    for r, s in enumerate(right):
        candidates = by_identity.get(s.identity)
        if candidates:
            pairs[r] = candidates.pop(0)
    used = set(pairs.values())
    rest_left = [_words(s) if i not in used else frozenset() for i, s in enumerate(left)]
    rest_right = [_words(s) if r not in pairs else frozenset() for r, s in enumerate(right)]
    pairs.update(greedy_pairs(rest_left, rest_right, HEADLINE_MATCH))
    return pairs


def merge(base_text: str | None, ours_text: str, theirs_text: str) -> Merged:
    """Merge the new conversion of a digest (``theirs_text``) into the report
    as it is now (``ours_text``), given what the last import wrote (``base_text``,
    None when unknown). See the module docstring for the rule."""
    ours, theirs = parse(ours_text), parse(theirs_text)
    if base_text is not None:
        base = parse(base_text)
        if base == ours:
            return Merged(theirs_text)  # the editor changed nothing: the digest's version
        if base == theirs:
            return Merged(ours_text)  # the digest changed nothing: the editor's version, byte for byte
    else:
        base = None
        if ours == theirs:
            return Merged(ours_text)
    m = _Merger(base is not None)
    header = _merge_header(m, base, ours, theirs)
    sections, kept_titles = _merge_sections(m, base, ours, theirs)
    lead = _merge_lead(m, base, ours, theirs, kept_titles)
    doc = Doc(header, lead, sections)
    return Merged(doc.text(), m.conflicts, m.notes)


def _merge_header(m: _Merger, base: Doc | None, ours: Doc, theirs: Doc) -> dict[str, Lines]:
    out: dict[str, Lines] = {}
    keys = list(ours.header) + [k for k in theirs.header if k not in ours.header]
    for key in keys:
        b = base.header.get(key) if base is not None else _UNKNOWN
        label = (ours.header.get(key) or theirs.header.get(key))[0].split(":", 1)[0]
        value = m.pick(b, ours.header.get(key), theirs.header.get(key), f"metadata '{label}:'")
        if value is not None:
            out[key] = value
    return out


def _merge_lead(m: _Merger, base: Doc | None, ours: Doc, theirs: Doc, kept_titles: set[str]) -> Lines:
    """The key-developments list merged bullet by bullet; other lead text as one part."""
    b = base.lead if base is not None else None
    if ours.lead == theirs.lead or (b is not None and theirs.lead == b):
        return ours.lead
    if b is not None and ours.lead == b:
        return _drop_orphans(theirs.lead, theirs, kept_titles)
    split = [lead_bullets(lead) for lead in (ours.lead, theirs.lead) + ((b,) if b is not None else ())]
    if any(s is None for s in split):  # prose as well as bullets: one part
        return m.pick(b if b is not None else _UNKNOWN, ours.lead, theirs.lead, "the text before the first item")
    (o_head, o), (_t_head, t) = split[0], split[1]
    old = split[2][1] if b is not None else []
    theirs_titles = {_plain(s.title) for s in theirs.sections}
    result = list(o)
    if b is not None:
        result = [x for x in result if not (x in old and x not in t)]  # dropped by the digest, untouched by the editor
    for index, bullet in enumerate(t):
        if bullet in result or (b is not None and bullet in old):
            continue
        if _plain(bullet) in theirs_titles and _plain(bullet) not in kept_titles:
            continue  # the item it announces was not taken (a conflict)
        after = next((result.index(x) + 1 for x in reversed(t[:index]) if x in result), 0)
        result.insert(after, bullet)
    return tuple(([o_head] if o_head else []) + [f"- {x}" for x in result])


def _plain(text: str) -> str:
    return fold(text)


def _drop_orphans(lead: Lines, theirs: Doc, kept_titles: set[str]) -> Lines:
    """The digest's list, without bullets of its items that were not taken."""
    split = lead_bullets(lead)
    if split is None:
        return lead
    head, bullets = split
    titles = {_plain(s.title) for s in theirs.sections}
    kept = [x for x in bullets if _plain(x) not in titles or _plain(x) in kept_titles]
    if len(kept) == len(bullets):
        return lead
    return tuple(([head] if head else []) + [f"- {x}" for x in kept])


def _merge_sections(m: _Merger, base: Doc | None, ours: Doc, theirs: Doc) -> tuple[list[Section], set[str]]:
    """The merged items, and the folded titles of those that came from the digest."""
    result: list[Section | None] = list(ours.sections)
    origin: dict[int, int] = {}  # theirs index -> position in result
    if base is not None:
        to_ours = pair_sections(base.sections, ours.sections)  # ours index -> base index
        to_theirs = pair_sections(base.sections, theirs.sections)  # theirs index -> base index
        ours_of = {bi: oi for oi, bi in to_ours.items()}
        theirs_of = {bi: ti for ti, bi in to_theirs.items()}
        for bi, b in enumerate(base.sections):
            oi, ti = ours_of.get(bi), theirs_of.get(bi)
            name = f"item '{b.title}'"
            if oi is not None and ti is not None:
                result[oi] = _merge_section(m, b, ours.sections[oi], theirs.sections[ti])
                origin[ti] = oi
            elif oi is not None:  # the digest dropped it
                if _same(ours.sections[oi], b):
                    result[oi] = None
                    m.notes.append(f"{name} was removed: the digest no longer has it")
                else:
                    m.conflicts.append(Conflict(name, (), "the digest no longer has this item, but you had "
                                                          "changed it; your version is kept"))
            elif ti is not None:  # the editor deleted it
                if not _same(theirs.sections[ti], b):
                    m.conflicts.append(Conflict(name, tuple(theirs.sections[ti].lines()),
                                                "you had deleted this item, but the digest changed it; "
                                                "it stays deleted"))
                origin[ti] = -1
        new_in_theirs = [ti for ti in range(len(theirs.sections)) if ti not in to_theirs]
    else:
        to_ours = pair_sections(ours.sections, theirs.sections)  # theirs index -> ours index
        for ti, oi in to_ours.items():
            result[oi] = _merge_section(m, None, ours.sections[oi], theirs.sections[ti])
            origin[ti] = oi
        new_in_theirs = [ti for ti in range(len(theirs.sections)) if ti not in to_ours]
    taken: set[str] = set()
    identities = {s.identity for s in result if s is not None}
    for ti in new_in_theirs:  # the digest's new items, after their predecessor in the digest
        section = theirs.sections[ti]
        if section.identity in identities:  # the editor added the same item already
            oi = next(i for i, s in enumerate(result) if s is not None and s.identity == section.identity)
            result[oi] = _merge_section(m, None, result[oi], section)
            continue
        after = next((origin[p] for p in range(ti - 1, -1, -1) if origin.get(p, -1) >= 0), -1)
        position = after + 1
        result.insert(position, section)
        for t, pos in origin.items():
            if pos >= position:
                origin[t] = pos + 1
        origin[ti] = position
        identities.add(section.identity)
        taken.add(_plain(section.title))
        m.notes.append(f"item '{section.title}' is new in the digest and was added")
    merged = [s for s in result if s is not None]
    kept = taken | {_plain(s.title) for s in merged}
    return merged, kept


def _same(a: Section, b: Section) -> bool:
    return a.heading == b.heading and a.meta == b.meta and a.body == b.body


def _merge_section(m: _Merger, b: Section | None, o: Section, t: Section) -> Section:
    name = f"item '{o.title}'"
    unknown = _UNKNOWN if b is None else None
    heading = m.pick(unknown or b.heading, o.heading, t.heading, f"{name} (its heading)")
    meta: dict[str, str] = {}
    for key in list(o.meta) + [k for k in t.meta if k not in o.meta]:
        base_line = unknown or b.meta.get(key)
        value = m.pick(base_line, o.meta.get(key), t.meta.get(key), f"{name} (its '{key.title()}:' line)")
        if value is not None:
            meta[key] = value
    body = m.pick(unknown or b.body, o.body, t.body, f"{name} (its text)")
    return Section(heading, meta, body)
