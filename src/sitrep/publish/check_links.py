"""Where a URL of the built site points, and the check that every internal one resolves.

A link, image or stylesheet of a page, an entry link of a feed, a URL of
``items.json`` or a ``<loc>`` of the sitemap is internal when it is relative
or starts with one of the site's own URLs; it must then name a file of the
build, and its ``#anchor`` an element id of that page. Resolution works as a
browser's does (``..`` never climbs above the root, ``dir/`` is
``dir/index.html``), so what passes here is what a reader can follow.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sitrep.publish.built_site import Problem, Site, content_fix


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


def check_links(site: Site) -> Iterator[Problem]:
    for page in site.pages.values():
        for link in page.links:
            problem = link_problem(site, page.path, link.url, link.line, f"<{link.tag} {link.attr}>")
            if problem:
                yield problem
