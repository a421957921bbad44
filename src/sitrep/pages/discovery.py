"""sitemap.xml and robots.txt for search engines.

``sitemap.xml`` is a sitemap index of parts under ``sitemaps/``: the pages of
reports and their items in 16 parts by a hash of the report's slug, the other
pages by their first folder (theatres, topics, places, archives, sources, and
``pages`` for the rest). One sitemap of every page changed with every report
added and was re-uploaded whole; now a report changes one part of reports and
the parts of the lists it joins.
"""

from __future__ import annotations

import zlib
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
PARTS_DIR = "sitemaps"
REPORT_BUCKETS = 16
FOLDERS = ("theatres", "topics", "places", "archives", "sources")
OTHER = "pages"  # every page not in a part of its own; always a part (the home page is in it)


def page_url(site_url: str, path: str) -> str:
    """``reports/x/index.html`` → ``<site>/reports/x/`` (directory URLs)."""
    if path == "index.html":
        path = ""
    elif path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{site_url}/{path}"


def sitemap_pages(paths) -> list[str]:
    """The files of a build a sitemap lists: its HTML pages but the 404 page, sorted."""
    return sorted(p for p in paths if p.endswith(".html") and p != "404.html")


def sitemap_group(path: str) -> str:
    """The part a page belongs in by its path: ``reports-<hex>`` for a report
    and its items (all in the same part), its first folder, or ``pages``."""
    head, _, rest = path.partition("/")
    if head == "reports" and rest:
        return f"reports-{zlib.crc32(rest.partition('/')[0].encode('utf-8')) % REPORT_BUCKETS:x}"
    return head if head in FOLDERS and rest else OTHER


def sitemap_parts(pages: list[str]) -> list[str]:
    """The parts the pages fall in, sorted, ``pages`` always among them."""
    return sorted({sitemap_group(p) for p in pages} | {OTHER})


def part_path(part: str) -> str:
    return f"{PARTS_DIR}/{part}.xml"


def part_pages(part: str, parts: list[str], pages: list[str]) -> list[str]:
    """The pages of ``part``; a page whose own part is not in ``parts`` (one
    queued after the parts were chosen) goes into ``pages``."""
    return parts_pages(parts, pages).get(part, [])


def parts_pages(parts: list[str], pages: list[str]) -> dict[str, list[str]]:
    """The pages of every part (as :func:`part_pages`), in one pass over the pages."""
    known = set(parts)
    out: dict[str, list[str]] = {}
    for p in pages:
        g = sitemap_group(p)
        out.setdefault(g if g in known else OTHER, []).append(p)
    return out


def sitemap_index_xml(site_url: str, parts: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{escape(f'{site_url}/{part_path(p)}')}</loc></sitemap>\n" for p in parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</sitemapindex>\n")


def sitemap_xml(site_url: str, pages: list[str]) -> str:
    urls = "".join(f"<url><loc>{escape(page_url(site_url, p))}</loc></url>\n" for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}/{SITEMAP}\n"
