"""sitemap.xml and robots.txt for search engines."""

from __future__ import annotations

from xml.sax.saxutils import escape


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


def sitemap_xml(site_url: str, pages: list[str]) -> str:
    urls = "".join(f"<url><loc>{escape(page_url(site_url, p))}</loc></url>\n" for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}/sitemap.xml\n"
