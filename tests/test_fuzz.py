"""Fuzzing the four ways text enters Sitrep: report files, page files, imported
HTML and search queries. Whatever hypothesis generates, each input must end
in a result or in an error an editor can act on -- never a hang, never a
traceback, never markup that could run on the site.

Every example runs in a forked child with a CPU-time alarm and an address-space
limit, so a hang or a blow-up fails the example (with its input) instead of
freezing or exhausting the test run; the parent only generates inputs and
judges the child's verdict. Sizes are bounded so the file stays well under a
minute."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import resource
import signal
import sys
import tempfile
import traceback
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

# Imported here, once: each forked child inherits them instead of importing again.
sys.path.insert(0, str(ROOT / "plugins"))
import sitrep_reports  # noqa: E402,F401
import sitrep.importer.file_import  # noqa: E402,F401 - the importer itself, not only its light package
import sitrep.search.index  # noqa: E402,F401
import sitrep.search.indexing  # noqa: E402,F401
from pelican.settings import DEFAULT_CONFIG  # noqa: E402

TIME_LIMIT = 20  # seconds of wall time per example
MEMORY_LIMIT = 3 * 2**30  # bytes of address space per example (the parent's own use included)
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to bound each example")


# ----------------------------------------------------------------------------- the sandbox


def bounded(func, *args):
    """Run ``func(*args)`` in a forked child with time and memory limits; return
    its result. A child that crashes, hangs or raises fails the example."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            signal.alarm(TIME_LIMIT)
            verdict = ("ok", func(*args))
        except BaseException as err:  # noqa: BLE001 - everything is reported to the parent
            verdict = ("raised", f"{type(err).__name__}: {err}\n{traceback.format_exc()}")
        with os.fdopen(write_end, "wb") as out:
            try:
                out.write(pickle.dumps(verdict))
            except Exception as err:  # noqa: BLE001
                out.write(pickle.dumps(("raised", f"unpicklable result: {err}")))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fp:
        data = fp.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise AssertionError(f"the example was killed by {name} (SIGALRM: over {TIME_LIMIT} s) "
                             f"for input {args!r:.300}")
    kind, value = pickle.loads(data)
    if kind == "raised":
        raise AssertionError(f"unexpected exception for input {args!r:.300}:\n{value}")
    return value


def inert(html: str) -> str | None:
    """Why ``html`` could run script on a page; None when it could not."""
    doc = html5lib.parseFragment(html, namespaceHTMLElements=False)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "style", "iframe", "object", "embed", "form", "svg", "math", "frame", "base"):
            return f"<{el.tag}>"
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or name.lower() == "style":
                return f"{name}= on <{el.tag}>"
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if scheme.startswith(("javascript:", "vbscript:", "data:")):
                return f"{name}={value!r}"
    return None


# ----------------------------------------------------------------------------- inputs

HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "[x](javascript:alert(3))",
    '<a href="JaVaScRiPt:alert(4)">a</a>', '<a href="java&#x09;script:alert(5)">b</a>',
    '<iframe src="https://evil.example/"></iframe>', '<p style="x" onclick="alert(7)">s</p>',
    '<svg onload="alert(8)"><circle r="1"/></svg>', "<style>body{display:none}</style>",
    '<a href="data:text/html,<script>alert(9)</script>">d</a>', "<form><input name=q></form>",
    '<math><mi xlink:href="javascript:alert(10)">m</mi></math>', "<!-- <script>alert(13)</script> -->",
    '<noscript><p title="</noscript><img src=x onerror=alert(14)>"></noscript>', "<base href=//evil.example/>",
    "<object data=x.swf></object>", '<div onmouseover="alert(12)">hover</div>', "<<script>script>alert(1)<</script>/script>",
]
MARKDOWN = [
    "", "## Strike on Izium", "## Key developments", "- Strike on Izium", "* bullet", "```", "~~~", "Id: izium",
    "Id: " + "x" * 90, "Topics: +strikes, -diplomacy", "### sub", "> quote", "|a|b|", "1. first", "## 🚀",
    "## Ключові події", "Наступ під Покровськом", "plain words of a paragraph", "**bold** and _em_",
    "## <b></b>", "- <script>x</script>", "\t\ttabbed", "## " + "#" * 5,
]
CONTROL = ["\x00", "\x1b", "\x0b", "\x0c", "\x7f", "\x85", "\ufeff", "\u2028", "\ufffe"]
LINE = st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE + MARKDOWN), st.sampled_from(CONTROL),
                 st.builds(lambda t, n: f"<{t}>" * n + "deep" + f"</{t}>" * n,
                           st.sampled_from(["div", "b", "blockquote", "ul><li"]), st.integers(0, 400)))
KEYS = st.sampled_from(["Title", "Date", "Source", "Slug", "Summary", "Status", "Source_URL", "X-Custom"])
VALUES = st.one_of(st.text(max_size=30), st.sampled_from(
    ["2025-02-04", "2205-02-27", "0001-01-01", "9999-12-31", "1989-12-31", "2025-02-30", "Test Desk",
     "a" * 300, "draft", "javascript:alert(1)", "<script>x</script>", "Strike\x00"]))


@st.composite
def content_files(draw) -> str:
    header = [f"{k}: {v}" for k, v in draw(st.lists(st.tuples(KEYS, VALUES), max_size=6))]
    if draw(st.booleans()):
        header = ["Title: Test Desk digest", "Date: 2025-02-04", "Source: Test Desk", *header]
    return "\n".join(header) + draw(st.sampled_from(["\n\n", "\n", ""])) + "\n".join(draw(st.lists(LINE, max_size=25)))


# ----------------------------------------------------------------------------- report files


def _report_verdict(text: str) -> str:
    from sitrep.errors import ReportError
    from sitrep.reports.file import parse_report
    from sitrep.reports.window import DateWindow

    try:
        report = parse_report(text, "content/reports/fuzz.md")
        DateWindow.from_setting().check(report)
    except ReportError as err:
        assert err.path == "content/reports/fuzz.md" and err.message and err.hint, err.format()
        assert err.line is None or err.line >= 1, err.format()
        return "error"
    ids = [i.id for i in report.items]
    assert report.items and len(ids) == len(set(ids)), ids
    for item in report.items:
        assert item.headline.strip(), item
        assert len(item.slug) <= 80
        why = inert(item.html)
        assert why is None, f"{why} in {item.html!r}"
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", report.title + report.source)
    return "report"


@FUZZ
@given(content_files())
def test_report_files(text):
    bounded(_report_verdict, text)


# ----------------------------------------------------------------------------- page files


def _page_verdict(text: str) -> str:
    from sitrep.errors import FileError
    from sitrep_reports import ReportReader

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "pages" / "fuzz.md"
        page.parent.mkdir()
        page.write_text(text, encoding="utf-8", errors="surrogatepass")
        reader = ReportReader({**DEFAULT_CONFIG, "PATH": tmp, "ARTICLE_PATHS": ["reports"], "PAGE_PATHS": ["pages"]})
        try:
            content, metadata = reader.read(str(page))
        except FileError as err:
            assert err.message and err.hint, err.format()
            return "error"
    for html in (content, metadata.get("summary") or ""):
        why = inert(str(html))
        assert why is None, f"{why} in {html!r}"
    return "page"


@FUZZ
@given(content_files())
def test_page_files(text):
    bounded(_page_verdict, text)


# ----------------------------------------------------------------------------- imported HTML


DIGEST_PARTS = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(["<p>Key developments on March 11:</p>", "<ul><li>Drone strike hits Odesa port</li>"
                     "<li>Border raid near Sumy</li></ul>", "<h2>Drone strike hits Odesa port</h2>",
                     "<p>A drone hit the port overnight, officials said.</p>", "<p><b>Border raid near Sumy</b></p>",
                     "<p>Guards pushed back the raid.</p>", "<p>Subscribe to our newsletter</p>",
                     '<meta property="og:site_name" content="Test Desk">', "<time datetime=2205-03-11>x</time>",
                     '<script type="application/ld+json">{"datePublished": "2025-03-11"}</script>',
                     "<article>", "</article>", "<nav>menu</nav>", "<table><tr><td>a</td></tr></table>"]),
    st.text(max_size=80),
    st.builds(lambda t, n: f"<{t}>" * n + "<p>Drone strike hits Odesa port</p>" + f"</{t}>" * n,
              st.sampled_from(["div", "section", "b", "blockquote", "ul><li", "table><tr><td"]), st.integers(0, 3000)),
)


def _import_verdict(html: str) -> str:
    from sitrep.errors import SitrepError
    from sitrep.importer import import_file

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "digest-2025-03-11.html"
        source.write_text(html, encoding="utf-8", errors="surrogatepass")
        try:
            result = import_file(source, Path(tmp) / "content", source="Fuzz Desk", date=dt.date(2025, 3, 11),
                                 rules_path=ROOT / "data/import/boilerplate.toml")
            again = import_file(source, Path(tmp) / "content", source="Fuzz Desk", date=dt.date(2025, 3, 11),
                                rules_path=ROOT / "data/import/boilerplate.toml")
        except SitrepError as err:
            assert str(err)
            return "error"
        assert again.status == "unchanged" and again.path == result.path
        for item in result.report.items:
            why = inert(item.html)
            assert why is None, f"{why} in {item.html!r}"
    return "imported"


@FUZZ
@given(st.lists(DIGEST_PARTS, max_size=14).map(lambda parts: "<html><body>" + "".join(parts) + "</body></html>"))
def test_imported_html(html):
    bounded(_import_verdict, html)


# ----------------------------------------------------------------------------- search queries


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    from sitrep.search.indexing import update_index
    from sitrep.search.schema import SearchDoc

    path = tmp_path_factory.mktemp("fuzz-index") / "whoosh"
    texts = ["North Korean troops remain in Kursk", "Missile strike on Izium kills five",
             "Talks in Istanbul end without a deal", "Drones hit Kharkiv power station overnight"]
    update_index(path, [SearchDoc(id=f"r/{n}", url=f"reports/r/{n}/", headline=t, body=t * 3, date="2025-02-04",
                                  report="r", report_title="R", source="S", source_slug="s")
                        for n, t in enumerate(texts)], {"kiev": "kyiv", "izyum": "izium"})
    return path


QUERY_PARTS = st.one_of(st.sampled_from(["(", ")", '"', "-", "NOT", "AND", "OR", "kursk", "izyum", "kharkiv",
                                         "north korean", "kup", "*", "\\", "'", "the"]),
                        st.text(max_size=12))


def _search_verdict(index: Path, query: str) -> int:
    from sitrep.search.index import SearchIndex
    from sitrep.search.query_parser import MAX_QUERY_LEXEMES, lex

    assert len(lex(query)) <= MAX_QUERY_LEXEMES
    with SearchIndex(index) as si:
        result = si.search(query, limit=5)
        dated = si.search(query, limit=5, sort="date")
    assert result.total == dated.total
    for hit in result.hits:
        assert hit.snippet_text() is not None
    return result.total


@FUZZ
@given(st.one_of(st.lists(QUERY_PARTS, max_size=60).map(" ".join), st.lists(QUERY_PARTS, max_size=600).map("".join),
                 st.builds(lambda n: "(" * n + "kursk", st.integers(0, 2000))))
def test_search_queries(index, query):
    bounded(_search_verdict, index, query)
