"""Sanitised HTML and plain text to Markdown that reads back unchanged.

Digest text is data, not markup: a paragraph that happens to start with
"## " or "- ", or that mentions "<script>", must come back from the report
parser as the same words, not as a heading, a list or a tag. Everything
that could be read as Markdown is escaped here, and only http(s) links
survive.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from sitrep.reports.sanitize import sanitize

# Escaped wherever they stand: they open emphasis, code, links and
# Markdown-extra attribute lists.
_INLINE_RE = re.compile(r"([\\`*_\[\]{}])")
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")  # would open an HTML tag or comment
_ENTITY_RE = re.compile(r"&(?=#|[A-Za-z0-9]+;)")  # would be read as an entity
_SPACE_RE = re.compile(r"\s+")
# Line starts that Markdown (or the report parser) would take as structure.
_BACKSLASH_FIRST = set("#>-+")
_ENTITY_FIRST = set("=:~|")
_NUMBER_START_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")
# Report-parser item metadata ("Places: ...") right below a heading.
_ITEM_META_RE = re.compile(r"^(?:id|theatres|topics|places)\s*:", re.IGNORECASE)

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre",
              "table", "figure", "hr", "div", "section", "article", "header", "main", "aside",
              "footer", "nav", "figcaption", "address", "details", "summary"}
_SAFE_SCHEMES = ("http://", "https://")


def escape_inline(text: str) -> str:
    """Escape a run of plain text for use inside a Markdown line."""
    text = _INLINE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    return _TAG_START_RE.sub("&lt;", text)


def escape_line_start(line: str) -> str:
    """Escape what would make a line a heading, list, quote, rule, fence,
    definition or setext underline."""
    first = line[:1]
    if first in _BACKSLASH_FIRST:
        return "\\" + line
    if first in _ENTITY_FIRST:
        return f"&#{ord(first)};" + line[1:]
    return _NUMBER_START_RE.sub(r"\1\\\2", line)


def escape_paragraph(text: str) -> str:
    """Plain text (one paragraph) as one safe Markdown line."""
    return escape_line_start(escape_inline(_SPACE_RE.sub(" ", text).strip()))


def guard_item_metadata(markdown: str) -> str:
    """Keep a body that starts "Places: ..." from being read as the item's
    metadata: its first letter becomes a character reference."""
    if _ITEM_META_RE.match(markdown):
        return f"&#{ord(markdown[0])};" + markdown[1:]
    return markdown


def safe_url(href: str | None) -> str | None:
    """An http(s) URL fit for a Markdown link target, else None."""
    if not href:
        return None
    href = href.strip()
    if not href.lower().startswith(_SAFE_SCHEMES):
        return None
    return quote(href, safe="/:?#@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")


# --------------------------------------------------------------------------
# HTML to Markdown


def _inline(node: Tag) -> str:
    """Markdown of a node's inline content (one line; no block structure)."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.append(escape_inline(_SPACE_RE.sub(" ", str(child))))
        elif isinstance(child, Tag):
            out.append(_inline_tag(child))
    return "".join(out)


def _wrap(inner: str, mark: str) -> str:
    """Emphasis with the surrounding spaces kept outside the markers."""
    core = inner.strip()
    if not core:
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{mark}{core}{mark}{trail}"


def _inline_tag(tag: Tag) -> str:
    name = tag.name
    if name == "br":
        return "\n"
    if name == "img":
        return ""
    inner = _inline(tag)
    if name in {"strong", "b"}:
        return _wrap(inner, "**")
    if name in {"em", "i", "cite"}:
        return _wrap(inner, "*")
    if name == "q":
        return f"\u201c{inner}\u201d"
    if name == "a":
        url = safe_url(tag.get("href"))
        text = inner.strip()
        if url and text:
            lead = " " if inner[:1].isspace() else ""
            trail = " " if inner[-1:].isspace() else ""
            return f"{lead}[{text}]({url}){trail}"
        return inner
    if name in BLOCK_TAGS or name in {"li", "dt", "dd", "tr", "td", "th"}:
        return f" {inner} "
    return inner


def _lines(inline_markdown: str) -> list[str]:
    """Split inline Markdown at line breaks into escaped, non-empty lines
    (a <br> in a digest separates statements; each becomes a paragraph)."""
    lines = []
    for raw in inline_markdown.split("\n"):
        line = _SPACE_RE.sub(" ", raw).strip()
        if line:
            lines.append(escape_line_start(line))
    return lines


def _list(tag: Tag, depth: int) -> list[str]:
    ordered = tag.name == "ol"
    try:
        number = int(tag.get("start", 1))
    except (TypeError, ValueError):
        number = 1
    out: list[str] = []
    indent = "    " * depth
    for li in tag.find_all("li", recursive=False):
        nested = [c for c in li.find_all(["ul", "ol"], recursive=False)]
        for sub in nested:
            sub.extract()
        text = " ".join(_lines(_inline(li)))
        marker = f"{number}." if ordered else "-"
        if text:
            out.append(f"{indent}{marker} {text}")
            number += 1
        for sub in nested:
            out.extend(_list(sub, depth + 1))
    return out


def _table(tag: Tag) -> list[str]:
    rows = []
    for tr in tag.find_all("tr"):
        cells = [" ".join(_lines(_inline(c))) for c in tr.find_all(["td", "th"])]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" \u2014 ".join(cells))
    return rows


def _pre(tag: Tag) -> str:
    code = tag.get_text().strip("\n")
    fence = "~~~~" if "```" in code else "```"
    return f"{fence}\n{code}\n{fence}"


def blocks_markdown(node: Tag) -> list[str]:
    """Markdown paragraphs (and lists, quotes) of a sanitised fragment."""
    out: list[str] = []
    pending: list[Tag | NavigableString] = []

    def flush() -> None:
        if pending:
            holder = BeautifulSoup("<p></p>", "html.parser").p
            for part in pending:
                holder.append(part)
            out.extend(_lines(_inline(holder)))
            pending.clear()

    for child in list(node.children):
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString) or child.name not in BLOCK_TAGS | {"ul", "ol"}:
            pending.append(child)
            continue
        flush()
        name = child.name
        if name in {"ul", "ol"}:
            lines = _list(child, 0)
            if lines:
                out.append("\n".join(lines))
        elif name == "blockquote":
            inner = blocks_markdown(child)
            if inner:
                out.append("\n>\n".join("\n".join(f"> {ln}" for ln in part.split("\n")) for part in inner))
        elif name == "pre":
            out.append(_pre(child))
        elif name == "table":
            out.extend(_table(child))
        elif name == "hr":
            continue
        elif name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            text = " ".join(_lines(_inline(child)))
            if text:
                out.append(f"### {text}")
        elif name == "dl":
            for part in child.find_all(["dt", "dd"]):
                text = " ".join(_lines(_inline(part)))
                if text:
                    out.append(f"**{text}**" if part.name == "dt" else text)
        elif child.find(list(BLOCK_TAGS | {"ul", "ol"})):
            out.extend(blocks_markdown(child))
        else:
            out.extend(_lines(_inline(child)))
    flush()
    return out


def html_to_markdown(fragment: str) -> str:
    """Sanitise an HTML fragment, then write it as Markdown paragraphs."""
    soup = BeautifulSoup(sanitize(fragment), "html.parser")
    return "\n\n".join(blocks_markdown(soup))
