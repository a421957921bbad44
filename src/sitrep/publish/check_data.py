"""Checks of the build's machine-readable files: feeds, ``items.json``, ``sitemap.xml``, the search index.

Readers' software reads these, not people: a feed must parse without
feedparser's ``bozo`` flag, ``items.json`` must match its published schema,
and every URL they list must resolve like a page's link (:mod:`.check_links`);
the browser search index must return exactly the items that have pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitrep.publish.built_site import Problem, Site
from sitrep.publish.check_links import link_problem, resolve


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


def check_sitemap(site: Site, rel: str = "sitemap.xml", depth: int = 0) -> Iterator[Problem]:
    """Every ``<loc>`` of the sitemap resolves; a sitemap index's parts are
    checked in turn (one level deep, as the protocol allows)."""
    if rel not in site.files:
        return
    import xml.etree.ElementTree as ET

    try:
        tree = ET.parse(site.root / rel)
    except ET.ParseError as err:
        yield Problem(rel, f"{rel} is not well-formed XML: {err}", "fix sitrep.pages.discovery")
        return
    index = tree.getroot().tag.endswith("sitemapindex")
    for loc in tree.iter():
        if loc.tag.endswith("loc") and loc.text:
            problem = link_problem(site, rel, loc.text.strip(), None, "<loc>")
            if problem:
                yield problem
            elif index and depth == 0:
                target = resolve(site, loc.text.strip(), rel)
                if target is not None and not target.outside:
                    yield from check_sitemap(site, target.path, depth + 1)


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
