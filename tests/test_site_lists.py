"""Lists of the site's own pages, in the core: which pages the sitemap names
(sitrep.pages.discovery.sitemap_pages) and which numbered pages of the old
paginated home and source lists still answer, saying where their reports went
(sitrep.pages.views.moved_list_views)."""

from __future__ import annotations

from sitrep.pages.discovery import sitemap_pages
from sitrep.pages.views import OLD_PAGE_SIZE, moved_list_views


def test_the_sitemap_names_every_html_page_but_the_404_page_in_order():
    written = ["theatres/kharkiv/index.html", "feeds/all.atom.xml", "404.html", "index.html", "items.json",
               "archives/2025/index.html", "search/data/meta.json"]
    assert sitemap_pages(written) == ["archives/2025/index.html", "index.html", "theatres/kharkiv/index.html"]


def test_old_numbered_list_pages_point_to_the_archives_or_the_source_page():
    views = moved_list_views(25, 10, "archives/", [("sources/test-desk/", "Test Desk", OLD_PAGE_SIZE * 2 + 1),
                                                   ("sources/harbour-watch/", "Harbour Watch", OLD_PAGE_SIZE)])
    got = {v.path: (v.template, v.url, v.variables["target_url"], v.variables["target_name"]) for v in views}
    assert got == {
        # 25 reports at 10 a page were pages 1-3: pages 2 and 3 point to the archives
        "page/2/index.html": ("moved", "page/2/", "archives/", "Archives"),
        "page/3/index.html": ("moved", "page/3/", "archives/", "Archives"),
        # a source of 41 reports had three pages; one of exactly a page's worth had one, nothing moved
        "sources/test-desk/page/2/index.html": ("moved", "sources/test-desk/page/2/", "sources/test-desk/",
                                                "Test Desk"),
        "sources/test-desk/page/3/index.html": ("moved", "sources/test-desk/page/3/", "sources/test-desk/",
                                                "Test Desk"),
    }
    assert moved_list_views(0, 10, "archives/", []) == []


def test_a_report_and_its_items_share_one_sitemap_part_and_other_pages_go_by_folder():
    from sitrep.pages.discovery import part_pages, sitemap_group, sitemap_parts

    report = sitemap_group("reports/2025-02-01-desk/index.html")
    assert report.startswith("reports-") and sitemap_group("reports/2025-02-01-desk/an-item/index.html") == report
    assert sitemap_group("theatres/kharkiv/2025/02/index.html") == "theatres"
    assert sitemap_group("index.html") == sitemap_group("search/index.html") == "pages"
    pages = ["index.html", "places/izium/index.html", "reports/2025-02-01-desk/index.html"]
    parts = sitemap_parts(pages)
    assert parts == sorted(["pages", "places", report])
    # a page queued after the parts were chosen, in a folder without a part, is listed under "pages"
    assert part_pages("pages", parts, [*pages, "topics/strikes/index.html"]) == ["index.html", "topics/strikes/index.html"]
