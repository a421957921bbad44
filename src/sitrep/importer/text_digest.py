"""Read a digest saved as plain text (copied from a newsletter or page).

Such files have no markup at all: a paragraph is usually one line, a
headline is a line of its own that repeats a key-development bullet, and
lists are lines starting with "- " or "•". Hard-wrapped files (every line
at most 80 characters, paragraphs between blank lines) are rejoined.
"""

from __future__ import annotations

import re

from bs4 import UnicodeDammit

from sitrep.text import fold
from sitrep.importer.digest import WEAK_HEADING, Block
from sitrep.importer.markdown_out import escape_paragraph

_BULLET_RE = re.compile(r"^\s*(?:[-*+\u2022\u2023\u25aa\u25cf\u2013\u2014]|\d{1,2}[.)])\s+(\S.*)$")
_SENTENCE_END = ".,;:!?\u2026"
_WRAP_WIDTH = 80


def decode(data: bytes) -> str:
    """Text of the file: UTF-8 if it is, else the best guess, with Windows
    line ends and non-breaking spaces normalised."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = UnicodeDammit(data, ["utf-8", "windows-1252", "iso-8859-1"]).unicode_markup or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u200b", "")


def _looks_like_headline(line: str) -> bool:
    """A short line that is not a sentence: a headline when the digest
    has no bullets to go by."""
    core = line.rstrip("\"'\u201d\u2019)")
    words = line.split()
    return (3 <= len(words) <= 25 and len(line) <= 150 and bool(core)
            and core[-1] not in _SENTENCE_END and (line[0].isupper() or line[0].isdigit()))


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: no long lines, and paragraphs of several lines
    separated by blank lines."""
    filled = [ln for ln in lines if ln.strip()]
    text = "\n".join(ln if ln.strip() else "" for ln in lines).strip("\n")
    if not filled or max(len(ln) for ln in filled) > _WRAP_WIDTH or "\n\n" not in text:
        return False
    runs = text.split("\n\n")
    return any(len([ln for ln in run.split("\n") if ln.strip()]) > 1 for run in runs)


def _paragraphs(lines: list[str], wrapped: bool, bullet_lines: set[str]) -> list[str]:
    """Non-list lines to paragraphs: one per line, or rejoined runs when the
    file is hard-wrapped (a line repeating a bullet always stands alone)."""
    if not wrapped:
        return [ln.strip() for ln in lines if ln.strip()]
    out: list[str] = []
    run: list[str] = []
    for line in lines + [""]:
        stripped = line.strip()
        if not stripped or fold(stripped) in bullet_lines:
            if run:
                out.append(" ".join(run))
                run = []
            if stripped:
                out.append(stripped)
            continue
        run.append(stripped)
    return out


def _paragraph_block(text: str) -> Block:
    level = WEAK_HEADING if _looks_like_headline(text) else 0
    return Block(text=text, markdown=escape_paragraph(text), level=level)


def _list_block(entries: list[str]) -> Block:
    markdown = "\n".join(f"- {escape_paragraph(e)}" for e in entries)
    return Block(text=" ".join(entries), markdown=markdown, bullets=entries)


def read_text(text: str) -> list[Block]:
    """Cut plain text into blocks: list runs and paragraphs."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    bullet_lines = {fold(m.group(1)) for ln in lines if (m := _BULLET_RE.match(ln))}
    wrapped = _is_wrapped(lines)
    blocks: list[Block] = []
    prose: list[str] = []
    entries: list[str] = []

    def flush_prose() -> None:
        for para in _paragraphs(prose, wrapped, bullet_lines):
            blocks.append(_paragraph_block(para))
        prose.clear()

    def flush_list() -> None:
        if entries:
            blocks.append(_list_block(list(entries)))
            entries.clear()

    for i, line in enumerate(lines):
        m = _BULLET_RE.match(line)
        if m:
            flush_prose()
            entries.append(m.group(1).strip())
            continue
        if not line.strip() and entries:
            nxt = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            if _BULLET_RE.match(nxt):
                continue  # a blank line between bullets does not end the list
        if entries and wrapped and line.startswith((" ", "\t")) and line.strip():
            entries[-1] += " " + line.strip()  # a wrapped bullet
            continue
        flush_list()
        prose.append(line)
    flush_list()
    flush_prose()
    return blocks
