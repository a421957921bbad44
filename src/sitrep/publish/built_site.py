"""The built site as the checks see it, read once.

Every file of the build is listed and every HTML page is read once, by the
standard library's HTML parser for ids, links, structure and inline code
(with line numbers) and by html5lib for the parse errors a browser would
meet, so a check never parses a page again. A :class:`Problem` names the
file, what is wrong and how to fix it; :func:`content_fix` sends an editor
to the content file a page comes from before it sends anyone to the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the built site, and what to do about it."""

    file: str  # path relative to the site root, "/"-separated
    what: str
    fix: str
    line: int | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what}\n  how to fix: {self.fix}"


@dataclass(slots=True)
class Link:
    url: str
    line: int
    tag: str
    attr: str
    loads: bool = False  # fetched to render the page (script, style, image...), not followed


@dataclass(slots=True)
class Page:
    """What the checks need from one HTML page, read once."""

    path: str  # relative to the site root
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    parse_errors: list[tuple[int, str]] = field(default_factory=list)
    lang: str | None = None
    titles: list[str] = field(default_factory=list)
    h1_lines: list[int] = field(default_factory=list)
    inline: list[tuple[int, str, str]] = field(default_factory=list)  # (line, what, fix) CSP would block


@dataclass(slots=True)
class Site:
    """A built site directory and the URLs under which it is served."""

    root: Path
    prefixes: tuple[str, ...] = ()  # absolute URL prefixes meaning "this site", no trailing "/"
    base_path: str = ""  # path part of the site URL, e.g. "/archive", or ""
    pages: dict[str, Page] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def page(self, rel: str) -> Page | None:
        return self.pages.get(rel)


def load_site(root: Path, site_urls: Iterable[str] = ()) -> Site:
    """Every file under ``root`` and every HTML page read, served under ``site_urls`` (longest prefix first)."""
    urls = [u.rstrip("/") for u in site_urls if u and "://" in u]
    prefixes = tuple(sorted(set(urls), key=len, reverse=True))
    # Root-relative links carry the path of the site URL (the first one given).
    base_path = urlsplit(urls[0]).path.rstrip("/") if urls else ""
    site = Site(root=root, prefixes=prefixes, base_path=base_path)
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            site.files.add(rel)
            if path.suffix in (".html", ".htm"):
                site.pages[rel] = read_page(path, rel)
    return site


# ---------------------------------------------------------------- reading a page


_LINK_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",), "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"), "input": ("src",),
}
_SKIP_REL = {"preconnect", "dns-prefetch"}
_LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "prefetch"}
_SCRIPT_FIX = ("move the code into a .js file under theme/static/ and load it with <script src> "
               "(docs/security-headers.md)")
_HANDLER_FIX = "attach the handler with addEventListener from a .js file under theme/static/"
_STYLE_FIX = "move the styling into a class in the theme's CSS file (theme/static/css/)"
_DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap", "speculationrules"}


class _PageReader(HTMLParser):
    """Collects ids, links, structure and inline code with line numbers."""

    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._title: list[str] | None = None
        self._script_inline = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = {k.lower(): (v or "") for k, v in attrs}
        page = self.page
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                page.ids.add(values[key])
        if tag == "html" and page.lang is None:
            page.lang = values.get("lang", "").strip()
        elif tag == "title":
            self._title = []
        elif tag == "h1":
            page.h1_lines.append(line)
        elif tag == "style":
            page.inline.append((line, "a <style> element", _STYLE_FIX))
        elif tag == "script" and not values.get("src"):
            if values.get("type", "").strip().lower() not in _DATA_SCRIPT_TYPES:
                page.inline.append((line, "an inline <script> without src", _SCRIPT_FIX))
        for name in values:
            if name.startswith("on"):
                page.inline.append((line, f"an inline event handler {name}=\"...\" on <{tag}>", _HANDLER_FIX))
            elif name == "style":
                page.inline.append((line, f"a style=\"...\" attribute on <{tag}>", _STYLE_FIX))
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and _SKIP_REL & rels:
            return
        loads = tag not in ("a", "area", "link") or bool(rels & _LOADED_RELS)
        for attr in _LINK_ATTRS.get(tag, ()):
            value = values.get(attr, "").strip()
            if not value:
                continue
            urls = _srcset_urls(value) if attr == "srcset" else [value]
            page.links.extend(Link(u, line, tag, attr, loads) for u in urls)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.page.titles.append(" ".join("".join(self._title).split()))
            self._title = None

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def read_page(path: Path, rel: str) -> Page:
    page = Page(rel)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        page.parse_errors.append((0, f"the file is not valid UTF-8 ({err.reason} at byte {err.start})"))
        text = path.read_bytes().decode("utf-8", errors="replace")
    page.parse_errors.extend(_html5_errors(text))
    reader = _PageReader(page)
    reader.feed(text)
    reader.close()
    return page


def _html5_errors(text: str) -> list[tuple[int, str]]:
    """Parse errors as a browser's parser (html5lib) reports them."""
    import html5lib
    from html5lib.constants import E

    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    parser.parse(text)
    errors = []
    for (line, _col), code, data in parser.errors:
        template = E.get(code, code)
        try:
            message = template % (data or {})
        except (KeyError, TypeError, ValueError):
            message = template
        errors.append((line, message))
    return errors


# ---------------------------------------------------------------- where a page comes from

# Top-level folders the build writes from data and templates, never from one editor's file.
_GENERATED = {"theatres", "topics", "places", "sources", "archives", "search", "feeds", "theme", "page"}


def content_origin(rel: str) -> str | None:
    """The editor's file a built page comes from, in their words; None for
    pages made from templates and tags alone."""
    parts = rel.split("/")
    if parts[0] == "reports" and len(parts) in (3, 4) and parts[-1] == "index.html":
        report = (f"the report '{parts[1]}' (its file under content/reports/, named by its date and source "
                  "or its Slug: line)")
        return f"the item '{parts[2]}' of {report}" if len(parts) == 4 else report
    if len(parts) == 2 and parts[1] == "index.html" and parts[0] not in _GENERATED:
        return f"the page '{parts[0]}' (its file under content/pages/)"
    return None


def content_fix(rel: str, fix: str, what: str = "the markup") -> str:
    """A fix that sends an editor to their file first, and to the code only
    when the file is not the cause."""
    origin = content_origin(rel)
    if origin is None:
        return fix
    return f"look in {origin}: remove or correct {what} there; if the file does not hold it, {fix}"
