"""Attack class 1: script through reports, pages, imported HTML, search
queries, JSON-LD, feeds and CSV, judged where it would run.

Each payload sets ``window.__pwned`` to its own tag (``p07-title``) if it ever
runs. A built site is judged twice: statically (no ``on*`` attribute, no
``javascript:`` URL, no frame, no inline script holding a tag, JSON-LD that
is valid JSON, feeds whose HTML passes the same test) and in headless Chromium
(pages a tag landed on: enough to hold every tag once, then a spread of the others up to 40 (--quick) or 150;
and the search page with hostile queries), served
without a Content-Security-Policy, so a hole the policy would hide still shows."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from harness import Tally, new_site, sitrep

TEMPLATES = [
    "<script>window.__pwned='{t}'</script>",
    "<img src=x onerror=\"window.__pwned='{t}'\">",
    "<svg onload=\"window.__pwned='{t}'\"></svg>",
    "\"><script>window.__pwned='{t}'</script>",
    "'><img src=x onerror=window.__pwned='{t}'>",
    "</script><script>window.__pwned='{t}'</script>",
    "<a href=\"javascript:window.__pwned='{t}'\">link</a>",
    "<details open ontoggle=\"window.__pwned='{t}'\">x</details>",
    "<iframe srcdoc=\"<script>parent.__pwned='{t}'</script>\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='{t}'\">",
    "<!--<img src=\"--><img src=x onerror=\"window.__pwned='{t}'\"//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned='{t}'>\">",
    "[click](javascript:window.__pwned='{t}')",
    "<input autofocus onfocus=\"window.__pwned='{t}'\">",
    "<object data=\"javascript:window.__pwned='{t}'\"></object>",
    "&lt;script&gt;window.__pwned='{t}'&lt;/script&gt;",
]
EVENTS = ["onerror", "onload", "onfocus", "onmouseover", "onclick", "onanimationstart", "onpointerenter"]
TAGS = ["img src=x", "svg", "body", "video src=x", "audio src=x", "div tabindex=1", "marquee", "select autofocus"]
TAG = re.compile(r"p\d{3}-[a-z]+")
REPORT_SINKS = ["title", "summary", "headline", "body", "bullet"]


def payloads(rnd: random.Random, count: int) -> list[str]:
    """The known templates, then random tag/event/quote combinations."""
    out = list(TEMPLATES)
    while len(out) < count:
        quote = rnd.choice(["", "\"", "'", "\">", "'>", "</p>", "]]>", "</title>"])
        out.append(f"{quote}<{rnd.choice(TAGS)} {rnd.choice(EVENTS)}=\"window.__pwned='{{t}}'\">")
    return out[:count]


def _report(n: int, payload: str) -> str:
    p = {sink: payload.format(t=f"p{n:03d}-{sink}") for sink in REPORT_SINKS}
    day = f"2025-01-{1 + n % 28:02d}"
    return (f"Title: Hostile digest {n} {p['title']}\nDate: {day}\nSource: Hostile Desk {n}\n"
            f"Summary: Strikes on Izium {p['summary']}\n\n## Key developments\n- Missile hits Izium {n} {p['bullet']}\n\n"
            f"## Missile hits Izium {n} {p['headline']}\n\nA missile hit Izium, officials said. {p['body']}\n")


def _page(n: int, payload: str) -> str:
    return (f"Title: About {n} {payload.format(t=f'p{n:03d}-pagetitle')}\nSlug: about-{n}\n\n## Who we are\n\n"
            f"We publish digests. {payload.format(t=f'p{n:03d}-page')}\n")


def _html_digest(n: int, payload: str) -> str:
    t = f"p{n:03d}-import"
    return (f"<!DOCTYPE html><html><head><title>Daily {n}</title><meta property='og:site_name' content='Import Desk {n}'>"
            f"<meta property='article:published_time' content='2025-03-{1 + n % 28:02d}T10:00:00+02:00'>"
            f"<script>window.__pwned='{t}-head'</script></head><body><article><h1>Daily {n}</h1>"
            f"<p>Key developments:</p><ul><li>Drone strike hits Odesa port {n}</li></ul>"
            f"<h2>Drone strike hits Odesa port {n} {payload.format(t=t)}</h2>"
            f"<p onclick=\"window.__pwned='{t}-attr'\">A drone hit the port. {payload.format(t=t)}</p>"
            f"</article></body></html>")


def _dangerous(html: str) -> list[str]:
    """Every place in ``html`` where a tag would run or mark a live script."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for el in soup.find_all(True):
        if el.name in ("iframe", "object", "embed", "frame"):
            found.append(f"<{el.name}> {str(el)[:80]}")
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.startswith("on") or attr == "srcdoc":
                found.append(f"{attr}={value[:60]}")
            elif attr in ("href", "src", "action", "formaction", "data") and \
                    value.strip().lower().startswith(("javascript:", "data:text/html")):
                found.append(f"{attr}={value[:60]}")
        if el.name == "script" and not el.get("src"):
            if el.get("type") == "application/ld+json":
                try:
                    json.loads(el.string or "")
                except ValueError:
                    found.append(f"JSON-LD is not valid JSON: {(el.string or '')[:80]}")
            elif "__pwned" in (el.string or ""):
                found.append(f"<script>{(el.string or '')[:60]}")
    return found


def _static(site_out: Path) -> tuple[dict[str, list[str]], dict[Path, set[str]], list[str]]:
    """({tag: problems}, {HTML page: the tags it holds}, problems of no one tag)."""
    by_tag: dict[str, list[str]] = {}
    landed: dict[Path, set[str]] = {}
    general: list[str] = []
    for path in sorted(site_out.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_out).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix in (".html", ".xml", ".json", ".csv") \
            else ""
        if "__pwned" not in text:
            continue
        if path.suffix == ".html":
            landed[path] = set(TAG.findall(text))
            chunks = [text]
        elif path.suffix == ".xml":
            try:
                root = ET.fromstring(text)
            except ET.ParseError as err:
                general.append(f"{rel}: not well-formed XML: {err}")
                continue
            # what a feed reader renders as HTML: Atom elements of type html/xhtml, RSS descriptions
            # (an Atom title without a type is text, shown as written)
            chunks = [el.text or "" for el in root.iter() if el.text and "__pwned" in el.text
                      and (el.get("type") in ("html", "xhtml") or el.tag.split("}")[-1] in ("description", "encoded"))]
        elif path.suffix == ".json":
            try:
                json.loads(text)
            except ValueError as err:
                general.append(f"{rel}: not valid JSON: {err}")
            chunks = []
        else:
            try:
                list(csv.reader(io.StringIO(text)))
            except csv.Error as err:
                general.append(f"{rel}: not valid CSV: {err}")
            chunks = []
        for chunk in chunks:
            for problem in _dangerous(chunk):
                tags = set(TAG.findall(problem)) or {"?"}
                for tag in tags:
                    by_tag.setdefault(tag, []).append(f"{rel}: {problem}")
    return by_tag, landed, general


def _browser(site_out: Path, pages: set[Path], queries: list[str]) -> tuple[dict[str, str], list[str]]:
    """({tag that ran: where}, problems): each page and each search loaded in Chromium."""
    from playwright.sync_api import sync_playwright

    from search_support import CHROMIUM, CHROMIUM_ARGS, serve  # the tests' own server and flags (tests/ is on the path)

    ran: dict[str, str] = {}
    problems: list[str] = []
    with serve(site_out) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: d.dismiss())
        urls = [f"{url}/{path.relative_to(site_out).as_posix()}" for path in sorted(pages)]
        search = next((s for s in ("search/index.html", "search.html") if (site_out / s).exists()), None)
        if search is None:
            problems.append("no search page")
        else:
            from urllib.parse import quote
            urls += [f"{url}/{search}?q={quote(q)}" for q in queries]
        for target in urls:
            try:
                page.goto(target, wait_until="load", timeout=20000)
                page.wait_for_timeout(150 if "?q=" not in target else 600)
                for el in page.query_selector_all("[autofocus], details, input"):  # give focus/toggle handlers a go
                    try:
                        el.focus()
                    except Exception:  # noqa: BLE001 - hidden elements
                        pass
                value = page.evaluate("window.__pwned")
            except Exception as err:  # noqa: BLE001 - a page the browser cannot show is a finding, not a crash
                problems.append(f"{target}: {str(err)[:100]}")
                continue
            if value:
                ran[str(value)] = target
        browser.close()
    return ran, problems


def _cover(landed: dict[Path, set[str]], cap: int | None) -> set[Path]:
    """Pages to load: enough that every tag is on one of them, then others up to ``cap`` (all with no cap)."""
    if cap is None or cap >= len(landed):
        return set(landed)
    chosen: set[Path] = set()
    left = set().union(*landed.values()) if landed else set()
    while left and len(chosen) < cap:
        best = max(sorted(landed), key=lambda p: len(landed[p] & left))
        chosen.add(best)
        left -= landed[best]
    rest = sorted(set(landed) - chosen)
    return chosen | set(rest[:: max(1, len(rest) // max(1, cap - len(chosen)))][: max(0, cap - len(chosen))])


def attack_xss(tally: Tally, work: Path, seed_from: Path, rnd: random.Random, quick: bool) -> None:
    site = new_site(work / "xss", seed_from)
    n_payloads = len(TEMPLATES) if quick else 60
    all_payloads = payloads(rnd, n_payloads)
    (site.content / "pages").mkdir(exist_ok=True)
    inputs: list[tuple[str, str]] = []  # (tag, what it is)
    for n, payload in enumerate(all_payloads):
        (site.content / "reports" / "2025" / f"2025-01-hostile-{n}.md").write_text(_report(n, payload), encoding="utf-8")
        inputs += [(f"p{n:03d}-{sink}", f"report {sink}") for sink in REPORT_SINKS]
        (site.content / "pages" / f"about-{n}.md").write_text(_page(n, payload), encoding="utf-8")
        inputs += [(f"p{n:03d}-pagetitle", "page title"), (f"p{n:03d}-page", "page body")]
    digests = work / "xss-digests"
    digests.mkdir(exist_ok=True)
    files = []
    for n, payload in enumerate(all_payloads):
        path = digests / f"daily-{n}.html"
        path.write_text(_html_digest(n, payload), encoding="utf-8")
        files.append(str(path))
        inputs.append((f"p{n:03d}-import", "imported HTML"))
    imported = sitrep("import", *files, "--content", str(site.content), timeout=300)
    built = site.build(timeout=600)
    if imported.code != 0 or built.code != 0:
        tally.add("build of the hostile archive", False, (imported.out + built.out)[-400:])
        return
    by_tag, landed, general = _static(site.output)
    queries = ["izium", "odesa", "hostile"] + [p.format(t=f"p{n:03d}-query") for n, p in enumerate(all_payloads)]
    inputs += [(f"p{n:03d}-query", "search query") for n in range(len(all_payloads))]
    pages = _cover(landed, 40 if quick else 150)
    ran, browser_problems = _browser(site.output, pages, queries)
    cli_queries = [p.format(t=f"p{n:03d}-cliquery") for n, p in enumerate(all_payloads[:3 if quick else 16])]
    for n, q in enumerate(cli_queries):
        answer = site.search(q)
        tally.check(f"CLI search for payload {n}", (["a traceback"] if answer.traceback else [])
                    + ([f"exit {answer.code}"] if answer.code != 0 else []))
    for problem in general + browser_problems + by_tag.get("?", []):
        tally.add("site-wide", False, problem)
    for tag, what in inputs:
        problems = by_tag.get(tag, []) + [f"ran in Chromium at {where}" for ran_tag, where in ran.items()
                                           if ran_tag.startswith(tag)]
        tally.check(f"{what} {tag}", problems)
    tally.add(f"{len(pages)} of {len(landed)} pages with payload text loaded in Chromium, none ran", not ran,
              ", ".join(sorted(ran))[:300])
