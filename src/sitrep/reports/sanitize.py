"""Sanitised HTML in, safe HTML and plain text out.

Reports and static pages come from editors and from imported web pages; none
may put script into the public site. Every HTML fragment Sitrep publishes
(report items, page bodies, page summaries) passes through :func:`sanitize`,
with the same tags, attributes and URL schemes for all content.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# A static page has no items: its own sections may be <h2>. In a report, <h2>
# is the item heading the theme writes, never the editor's markup.
PAGE_TAGS = ALLOWED_TAGS | {"h2"}
_SPACE_RE = re.compile(r"\s+")
# An <a> whose only link was unsafe (javascript:...) comes out of nh3 without
# href but with rel, which HTML forbids; it is reduced to its text. nh3 writes
# every attribute value in double quotes with '"' escaped, so this is exact.
_HREFLESS_LINK_RE = re.compile(r'<a((?:\s+(?:title|hreflang|rel)="[^"]*")*)>(.*?)</a>', re.DOTALL)


def sanitize(fragment: str, *, page: bool = False) -> str:
    """Keep structure and links, drop scripts, styles, frames, event handlers
    and ``javascript:`` URLs (``page``: a static page's body, which may also
    keep its ``<h2>`` section headings)."""
    clean = nh3.clean(
        fragment,
        tags=PAGE_TAGS if page else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _HREFLESS_LINK_RE.sub(r"\2", clean) if "<a" in clean else clean


def to_text(fragment: str) -> str:
    """Plain text of an HTML fragment with whitespace collapsed."""
    # Block ends become spaces so words of adjacent paragraphs do not merge.
    spaced = re.sub(r"</(p|li|h[1-6]|td|th|blockquote|pre)>|<br\s*/?>", " ", fragment)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(stripped)).strip()
