"""Sanitised HTML in, safe HTML and plain text out.

Reports come from editors and from imported web pages; neither may put
script into the public site. Every HTML fragment Sitrep publishes passes
through :func:`sanitize`.
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
_SPACE_RE = re.compile(r"\s+")


def sanitize(fragment: str) -> str:
    """Keep structure and links, drop scripts, styles, frames, event handlers
    and ``javascript:`` URLs."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def to_text(fragment: str) -> str:
    """Plain text of an HTML fragment with whitespace collapsed."""
    # Block ends become spaces so words of adjacent paragraphs do not merge.
    spaced = re.sub(r"</(p|li|h[1-6]|td|th|blockquote|pre)>|<br\s*/?>", " ", fragment)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(stripped)).strip()
