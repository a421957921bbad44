"""Split a report into items and match its key-developments list to them.

An item's id is the report slug plus a slug of its own headline (or the
editor's ``Id:`` line), so it does not move when other items of the report
are edited, added or reordered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown

from sitrep.errors import ReportError
from sitrep.reports.matching import greedy_pairs
from sitrep.reports.sanitize import sanitize, to_text
from sitrep.model import Item, Report, TagOverrides
from sitrep.text import slugify, terms

KEY_DEV_MATCH = 0.5  # Jaccard overlap of headline terms that pairs a bullet with a section

_md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


@dataclass(slots=True)
class RawSection:
    headline: str
    line: int
    body: list[str]
    body_line: int
    explicit_id: str | None = None
    overrides: TagOverrides = field(default_factory=TagOverrides)


def render_markdown(source: str) -> str:
    """Markdown to sanitised HTML."""
    _md.reset()
    return sanitize(_md.convert(source))


_MARKUP_CHARS = frozenset("*_`[]<>&\\!#")


def inline_text(source: str) -> str:
    """A Markdown one-liner (headline, bullet) as plain text."""
    if _MARKUP_CHARS.isdisjoint(source):  # plain words: nothing to render
        return " ".join(source.split())
    return to_text(render_markdown(source))


def _words(text: str) -> frozenset[str]:
    # Headlines made only of stop words ("It is") still need something to compare.
    return frozenset(terms(text)) or frozenset(terms(text, keep_stopwords=True))


def match_key_developments(bullets: list[str], headlines: list[str]) -> dict[int, int]:
    """Pair bullets with sections greedily by best overlap; returns
    {section index: bullet index}. Near-linear (see sitrep.reports.matching):
    a report of 5,000 bullets is paired in well under a second."""
    return greedy_pairs([_words(b) for b in bullets], [_words(h) for h in headlines], KEY_DEV_MATCH)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_items(report: Report, preamble: str, sections: list[RawSection],
                lines_of: dict[str, int] | None = None) -> None:
    """Fill ``report.items`` from the preamble and the ``##`` sections.

    ``lines_of`` gives the lines of the lead paragraph ("preamble") and of
    each bullet ("bullet:N"), so errors can point at them."""
    lines_of = lines_of or {}
    bullets = [inline_text(b) for b in report.key_developments]
    for i, (raw, bullet) in enumerate(zip(report.key_developments, bullets)):
        if not bullet:
            raise ReportError(
                report.path, lines_of.get(f"bullet:{i}") or None,
                f"the key development {_shorten(raw)!r} has no words once its markup is removed",
                "write the development as words after '- ' (HTML such as <script> is removed)",
            )
    report.key_developments = bullets
    pairs = match_key_developments(bullets, [inline_text(s.headline) for s in sections])
    unmatched = [(b, lines_of.get(f"bullet:{i}", 0)) for i, b in enumerate(bullets) if i not in pairs.values()]

    raw: list[tuple[RawSection, str | None]] = []
    if preamble.strip():
        # Prose before the first heading is the lead item; in digests like the
        # reference its headline is the first key development left unmatched.
        lead = unmatched.pop(0)[0] if unmatched else None
        body = preamble.strip("\n").split("\n")
        line = lines_of.get("preamble", 0)
        raw.append((RawSection(headline=lead or report.title, line=line, body=body, body_line=line), lead))
    raw.extend((s, bullets[pairs[i]] if i in pairs else None) for i, s in enumerate(sections))
    for bullet, line in unmatched:
        report.warnings.append(f"line {line}: key development {bullet!r} matches no section; it is kept as an item of its own")
        raw.append((RawSection(headline=bullet, line=line, body=[], body_line=line), bullet))

    seen: dict[str, Item] = {}
    for position, (section, key_dev) in enumerate(raw, start=1):
        headline = inline_text(section.headline)
        if not headline:
            raise ReportError(
                report.path, section.line or None,
                f"the heading {_shorten(section.headline)!r} has no words once its markup is removed",
                "write the item's headline as words after '## ' (HTML such as <script> is removed)",
            )
        slug = section.explicit_id or slugify(headline)
        if slug in seen:
            raise ReportError(
                report.path, section.line or None,
                f"two items have the id {slug!r} (the other is on line {seen[slug].line})",
                "give one of them a unique 'Id: ...' line just below its '##' heading",
            )
        body_html = render_markdown("\n".join(section.body))
        item = Item(
            id=f"{report.slug}/{slug}",
            slug=slug,
            headline=headline,
            html=body_html,
            text=to_text(body_html),
            date=report.date.date(),
            report_slug=report.slug,
            report_title=report.title,
            source=report.source,
            source_slug=report.source_slug,
            position=position,
            line=section.line,
            key_development=key_dev,
            overrides=section.overrides,
        )
        seen[slug] = item
        report.items.append(item)
