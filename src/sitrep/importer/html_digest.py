"""Read a digest saved as an HTML page (parsed with Beautiful Soup).

A saved page is mostly not the digest: scripts, trackers, navigation,
share buttons and newsletter boxes surround it. The page's metadata is read
first (it knows the date, the publication and the canonical URL), then
everything that is not text is removed, the article is chosen, and its
blocks are sanitised (:func:`sitrep.reports.sanitize.sanitize`) and written as
Markdown.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from sitrep.reports.sanitize import sanitize, to_text
from sitrep.importer.boilerplate import Rules
from sitrep.importer.dates import FoundDate, full_dates, iso_prefix
from sitrep.importer.digest import WEAK_HEADING, Block
from sitrep.importer.markdown_out import BLOCK_TAGS, html_to_markdown, safe_url

# Never content: removed from the whole page before anything is read.
HOSTILE_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                "noscript", "template", "svg", "math", "form", "input", "button", "select",
                "textarea", "canvas", "audio", "video", "link", "meta", "base", "dialog")
# Page furniture around an article.
FURNITURE_TAGS = ("nav", "footer", "aside")
FURNITURE_ROLES = {"navigation", "search", "complementary", "banner", "contentinfo"}
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "date", "dc.date", "dc.date.issued", "pubdate", "publish-date", "sailthru.date")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A container may hold at most this share of the article's text and still be
# removed as furniture (so class="content ad-free" cannot empty the page).
FURNITURE_MAX_SHARE = 0.4
# Elements nested deeper than this keep only their text. Real pages nest a few
# dozen levels; a hostile or broken one may nest 100,000, and the walks below
# (and Beautiful Soup's own rendering) would recurse or go quadratic on it.
MAX_DEPTH = 48


@dataclass(slots=True)
class PageMeta:
    """What the page says about itself."""

    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    dates: list[FoundDate] = field(default_factory=list)


@dataclass(slots=True)
class HtmlPage:
    blocks: list[Block]
    meta: PageMeta
    furniture: list[str]  # text of removed newsletter boxes, author notes (name the publication)


def _meta_content(soup: BeautifulSoup, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if key in wanted and content:
            return content
    return None


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    """All JSON-LD objects of the page, @graph and lists flattened."""
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph", []))

    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            walk(json.loads(script.string or ""))
        except (ValueError, TypeError):
            continue
    return found


def _ld_publisher(objects: list[dict]) -> str | None:
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip() or None
    return None


def _page_dates(soup: BeautifulSoup, objects: list[dict]) -> list[FoundDate]:
    dates: list[FoundDate] = []
    published = _meta_content(soup, *PUBLISHED_META)
    if published and (d := iso_prefix(published)):
        dates.append(FoundDate(d, "the page's published-time metadata"))
    for obj in objects:
        value = obj.get("datePublished")
        if isinstance(value, str) and (d := iso_prefix(value)):
            dates.append(FoundDate(d, "the page's JSON-LD datePublished"))
            break
    for time in soup.find_all("time"):
        value = time.get("datetime")
        d = iso_prefix(value) if value else next(iter(full_dates(time.get_text(" "))), None)
        if d:
            dates.append(FoundDate(d, "the page's <time> element"))
            break
    return dates


def read_meta(soup: BeautifulSoup) -> PageMeta:
    objects = _json_ld(soup)
    title = _meta_content(soup, "og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    canonical = soup.find("link", rel="canonical")
    url = safe_url(canonical.get("href") if canonical else None) or safe_url(_meta_content(soup, "og:url"))
    return PageMeta(
        title=" ".join(title.split()) if title else None,
        site_name=_meta_content(soup, "og:site_name", "application-name") or _ld_publisher(objects),
        url=url,
        description=_meta_content(soup, "description", "og:description"),
        dates=_page_dates(soup, objects),
    )


def _is_hidden(tag: Tag) -> bool:
    return (tag.has_attr("hidden") or tag.get("aria-hidden") == "true"
            or (tag.get("role") or "").lower() in FURNITURE_ROLES)


def _class_and_id(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, tag.get("id") or ""])


def _choose_container(soup: BeautifulSoup) -> Tag:
    """The article with the most text, else <main>, else the body."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    return soup.find("main") or soup.body or soup


def _remove_furniture(container: Tag, rules: Rules) -> list[str]:
    """Remove navigation, share bars, newsletter boxes and the like; return
    the text of boxes removed by class (author notes name the publication)."""
    total = len(container.get_text(" ", strip=True)) or 1
    removed: list[str] = []
    for tag in container.find_all(True):
        if tag.decomposed or tag is container:
            continue
        if tag.name in FURNITURE_TAGS or _is_hidden(tag):
            tag.decompose()
            continue
        if rules.is_furniture(_class_and_id(tag)):
            text = tag.get_text(" ", strip=True)
            if len(text) <= FURNITURE_MAX_SHARE * total:
                removed.append(text)
                tag.decompose()
    return removed


def _is_bold_only(tag: Tag) -> bool:
    """A paragraph that is all bold: many CMSs' way of writing a headline."""
    parts = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    return len(parts) == 1 and isinstance(parts[0], Tag) and parts[0].name in {"strong", "b"}


def _block(fragment: str, level: int = 0, bullets: list[str] | None = None) -> Block | None:
    text = to_text(sanitize(fragment))
    if not text:
        return None
    return Block(text=text, markdown=html_to_markdown(fragment), level=level, bullets=bullets or [])


def _element_block(tag: Tag) -> Block | None:
    name = tag.name
    if name in HEADINGS:
        # Its Markdown ("### ...") is used only if it stays inside a body.
        return _block(str(tag), level=int(name[1]))
    if name in {"ul", "ol"}:
        entries = [to_text(sanitize(str(li))) for li in tag.find_all("li", recursive=False)]
        return _block(str(tag), bullets=[e for e in entries if e])
    level = WEAK_HEADING if name == "p" and _is_bold_only(tag) else 0
    return _block(str(tag), level=level)


def _has_blocks(tag: Tag) -> bool:
    return tag.find(list(BLOCK_TAGS | {"ul", "ol"})) is not None


def _walk(node: Tag, out: list[Block]) -> None:
    """Blocks of a container in document order; wrappers are descended
    into, loose inline content becomes a paragraph."""
    pending: list[str] = []

    def flush() -> None:
        if pending:
            block = _block("<p>" + "".join(pending) + "</p>")
            if block:
                out.append(block)
            pending.clear()

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            pending.append(html.escape(str(child), quote=False))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "hr":
            flush()
        elif child.name in {"p", "ul", "ol", "blockquote", "pre", "table", "dl"} | HEADINGS:
            flush()
            if block := _element_block(child):
                out.append(block)
        elif child.name in BLOCK_TAGS:
            flush()
            if _has_blocks(child):
                _walk(child, out)
            elif block := _element_block(child):
                out.append(block)
        else:
            pending.append(str(child))
    flush()


def limit_depth(root: Tag, limit: int = MAX_DEPTH) -> None:
    """Flatten every element deeper than ``limit`` into its plain text, without
    recursion, so that everything after it works on a tree of bounded depth."""
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth >= limit:
            if any(isinstance(child, Tag) for child in tag.children):
                text = tag.get_text(" ")
                tag.clear()
                tag.append(text)
            continue
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))


def read_html(data: bytes, rules: Rules) -> HtmlPage:
    soup = BeautifulSoup(data, "html.parser")
    limit_depth(soup)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    meta = read_meta(soup)
    for tag in soup.find_all(HOSTILE_TAGS):
        if not tag.decomposed:
            tag.decompose()
    container = _choose_container(soup)
    furniture = _remove_furniture(container, rules)
    blocks: list[Block] = []
    _walk(container, blocks)
    return HtmlPage(blocks=blocks, meta=meta, furniture=furniture)
