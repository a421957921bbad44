"""The shape of a digest, whatever it was saved as.

Both readers (plain text, HTML) cut a digest into :class:`Block` s; this
module finds the key-developments list, splits the blocks into items and
drops boilerplate, the same way for both. The shape it expects is that of
a daily digest: an intro line ("Key developments on Feb. 4:"), one bullet
per development, the first development's text with no headline of its own
(its headline is the first bullet), then every further development under
a line that repeats its bullet, and a sign-off at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.errors import FileError
from sitrep.text import fold, terms
from sitrep.importer.boilerplate import Rules

HEADLINE_MATCH = 0.6  # term overlap that lets a reworded headline line match its bullet
WEAK_HEADING = 7  # level of a bold-only paragraph or a headline-looking text line


class DigestImportError(FileError):
    """A digest cannot be imported as it stands; the message says what to pass or fix."""


@dataclass(slots=True)
class Block:
    """One paragraph-level piece of a digest."""

    text: str  # plain text, for matching and boilerplate rules
    markdown: str  # the same content as safe Markdown
    level: int = 0  # 1-6 for HTML headings, WEAK_HEADING for headline-looking lines, 0 for prose
    bullets: list[str] = field(default_factory=list)  # plain text of list entries (lists only)

    @property
    def is_list(self) -> bool:
        return bool(self.bullets)


@dataclass(slots=True)
class Section:
    """One development: a headline and its body blocks."""

    headline: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        return "\n\n".join(b.markdown for b in self.blocks if b.markdown)


@dataclass(slots=True)
class Digest:
    """A digest cut into sections, with what was dropped kept for detection."""

    key_developments: list[str]  # the digest's own bullets, as printed
    sections: list[Section]
    intro: str | None  # "Key developments on Feb. 4:"
    preamble: list[str]  # text before the intro (dateline, byline)
    boilerplate: list[str]  # dropped paragraphs (they often name the publication)
    content: list[str]  # kept paragraphs
    warnings: list[str] = field(default_factory=list)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _find_list(blocks: list[Block], rules: Rules) -> tuple[int | None, int | None]:
    """Indexes of the intro line and of the key-developments list."""
    for i, block in enumerate(blocks):
        if not block.is_list and rules.is_list_intro(block.text):
            nxt = i + 1
            return i, (nxt if nxt < len(blocks) and blocks[nxt].is_list else None)
    if blocks and blocks[0].is_list:  # a bare list at the very top
        return None, 0
    return None, None


class _HeadlineFinder:
    """Decides which blocks start a new development."""

    def __init__(self, bullets: list[str], blocks: list[Block], rules: Rules):
        self.bullets = bullets
        self.rules = rules
        self.folded = [fold(b) for b in bullets]
        self.terms = [set(terms(b)) for b in bullets]
        self.matched: dict[int, int] = {}  # block index -> bullet index
        self._match_all(blocks)
        self.level = self._headline_level(blocks)

    def _candidate(self, block: Block) -> bool:
        return (not block.is_list and not self.rules.starts_cut(block.text)
                and not self.rules.is_plea(block.text))

    def _match_all(self, blocks: list[Block]) -> None:
        used: set[int] = set()
        for i, block in enumerate(blocks):
            if not self._candidate(block):
                continue
            folded = fold(block.text)
            exact = [b for b, f in enumerate(self.folded) if f == folded and b not in used]
            if exact:
                self.matched[i] = exact[0]
                used.add(exact[0])
                continue
            if block.level:
                block_terms = set(terms(block.text))
                scored = [(_jaccard(block_terms, t), b) for b, t in enumerate(self.terms) if b not in used]
                score, best = max(scored, default=(0.0, -1))
                if score >= HEADLINE_MATCH:
                    self.matched[i] = best
                    used.add(best)

    def _headline_level(self, blocks: list[Block]) -> int:
        """Deepest heading level that still marks a development."""
        if self.bullets:
            # Real headings at the level of matched headlines also start
            # developments (a digest's list may omit one); weak headings do not.
            levels = [blocks[i].level for i in self.matched if 1 <= blocks[i].level < WEAK_HEADING]
            return max(levels, default=0)
        levels = sorted({b.level for b in blocks if b.level and self._candidate(b)})
        if len(levels) > 1 and levels[0] == 1 and sum(b.level == 1 for b in blocks) == 1:
            levels = levels[1:]  # a lone <h1> is the page title, not a development
        return levels[0] if levels else 0

    def is_headline(self, index: int, block: Block) -> bool:
        if index in self.matched:
            return True
        return bool(self.level) and 0 < block.level <= self.level and self._candidate(block)


def assemble(blocks: list[Block], rules: Rules, fallback_headline: str | None) -> Digest:
    """Cut blocks into sections; see the module docstring for the shape."""
    intro_at, list_at = _find_list(blocks, rules)
    bullets = blocks[list_at].bullets if list_at is not None else []
    start = (list_at + 1) if list_at is not None else (intro_at + 1 if intro_at is not None else 0)
    head_end = intro_at if intro_at is not None else (list_at if list_at is not None else 0)
    preamble = [b.text for b in blocks[:head_end]]
    rest = blocks[start:]
    if intro_at is None and list_at is None and rest and rest[0].level == 1:
        preamble.append(rest[0].text)  # the page's title
        fallback_headline = rest[0].text
        rest = rest[1:]

    finder = _HeadlineFinder(bullets, rest, rules)
    digest = Digest(
        key_developments=list(bullets), sections=[], preamble=preamble, boilerplate=[], content=[],
        intro=blocks[intro_at].text if intro_at is not None else None,
    )
    lead = Section(headline="")
    current = lead
    cutting = False
    for i, block in enumerate(rest):
        if finder.is_headline(i, block):
            current = Section(headline=block.text)
            digest.sections.append(current)
            cutting = False
            continue
        if cutting or rules.starts_cut(block.text):
            cutting = True
            digest.boilerplate.append(block.text)
        elif rules.is_plea(block.text):
            digest.boilerplate.append(block.text)
        else:
            current.blocks.append(block)
            digest.content.append(block.text)

    matched = set(finder.matched.values())
    unmatched = [b for n, b in enumerate(bullets) if n not in matched]
    if lead.blocks:
        # The first development has no headline line: its headline is the
        # first bullet that no later line repeats.
        lead.headline = unmatched.pop(0) if unmatched else (fallback_headline or "Overview")
        digest.sections.insert(0, lead)
    for bullet in unmatched:
        # Kept as a headline-only item, as the report parser would keep it.
        digest.warnings.append(f"key development {bullet!r} has no text of its own in the digest")
        digest.sections.append(Section(headline=bullet))
    return digest
