"""Checks of the build's machine-readable files: feeds, ``items.json``, ``sitemap.xml``, the search index.

Readers' software reads these, not people: a feed must parse without
feedparser's ``bozo`` flag, ``items.json`` and the monthly parts it lists must match their published schemas,
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
    """``items.json`` is the index of the monthly parts: it matches its schema, and
    every part it lists exists, has the checksum and count the index gives, matches
    the items schema and links only to pages that exist."""
    from sitrep.pages.opendata import INDEX_JSON, INDEX_SCHEMA_NAME, SCHEMA_NAME, sha256

    if INDEX_JSON not in site.files:
        site.notes.append("no items.json in the build: the open-data schema check was skipped")
        return
    index = _load(site, INDEX_JSON)
    if isinstance(index, Problem):
        yield index
        return
    errors = list(_schema_problems(site, INDEX_JSON, index, INDEX_SCHEMA_NAME))
    yield from errors
    if errors or not isinstance(index, dict):
        return
    parts = index["parts"]
    if index["count"] != sum(p["count"] for p in parts):
        yield Problem(INDEX_JSON, f"count is {index['count']} but the parts hold {sum(p['count'] for p in parts)}",
                      "write count = the sum of the parts' counts")
    for part in parts:
        for key in ("json", "csv"):
            if part[key] not in site.files:
                yield Problem(INDEX_JSON, f"part {part[key]} is listed but not in the build", "fix sitrep.pages.opendata")
            elif sha256((site.root / part[key]).read_bytes()) != part[f"{key}_sha256"]:
                yield Problem(part[key], f"its SHA-256 is not the {key}_sha256 that items.json gives",
                              "rebuild the site: the index and its parts must come from one build")
        if part["json"] in site.files:
            yield from _check_part(site, part["json"], part["count"], SCHEMA_NAME)


def _load(site: Site, rel: str) -> object:
    try:
        return json.loads((site.root / rel).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        return Problem(rel, f"{rel} is not valid JSON: {err}", "fix sitrep.pages.opendata")


def _schema_problems(site: Site, rel: str, doc: object, schema_name: str) -> Iterator[Problem]:
    schema = _schema(site, schema_name)
    if schema is None:
        site.notes.append(f"{schema_name} not found: {rel} was not validated")
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for n, error in enumerate(sorted(validator.iter_errors(doc), key=lambda e: list(e.path))):
        if n == 20:
            yield Problem(rel, "... more schema errors", "fix the first ones")
            break
        where = "/".join(map(str, error.path)) or "(top level)"
        yield Problem(rel, f"at {where}: {error.message}", _open_data_fix(doc, list(error.path)))


def _check_part(site: Site, rel: str, listed: int, schema_name: str) -> Iterator[Problem]:
    doc = _load(site, rel)
    if isinstance(doc, Problem):
        yield doc
        return
    yield from _schema_problems(site, rel, doc, schema_name)
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):
        for claimed, what in ((doc.get("count"), "its count"), (listed, "items.json")):
            if isinstance(claimed, int) and claimed != len(doc["items"]):
                yield Problem(rel, f"{what} says {claimed} but there are {len(doc['items'])} items",
                              "write count = len(items)")
        for row in doc["items"]:
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                problem = link_problem(site, rel, row["url"], None, f"url of item {row.get('id')!r}")
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


def _schema(site: Site, name: str) -> dict | None:
    """The schema the build published, else the one Sitrep ships."""
    if name in site.files:
        return json.loads((site.root / name).read_text(encoding="utf-8"))
    try:
        from importlib import resources

        return json.loads(resources.files("sitrep.schemas").joinpath(name).read_text("utf-8"))
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
