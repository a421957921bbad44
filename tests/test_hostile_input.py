"""Hostile, broken or odd content: the work stays bounded, every refusal names
the file, the line and the fix, and nothing executable reaches the site.

One test per class of defect an adversarial run found (issue 15): pages were
not sanitised, dates were unbounded, special files and huge inputs hung the
build, matching and parsing were quadratic or recursive, markup-only headings,
control characters, long slugs and stray files slipped through."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from sitrep.errors import ReportError, SitrepError
from sitrep.files.reading import read_regular
from sitrep.importer import DigestImportError, import_file
from sitrep.pages.charts import MAX_WEEKS, week_range
from sitrep.publish.check import check_site
from sitrep.reports.cache import ReportCache
from sitrep.reports.file import MAX_REPORT_BYTES, parse_report, read_report
from sitrep.reports.items import match_key_developments
from sitrep.reports.layout import stray_markdown
from sitrep.reports.page import check_page_file, sanitize_page
from sitrep.reports.window import DateWindow
from sitrep.search.index import SearchIndex
from sitrep.search.indexing import update_index
from sitrep.search.query_parser import MAX_QUERY_LEXEMES, _lex, lex, query_notice
from sitrep.search.schema import SearchDoc

HEADER = "Title: Test Desk digest, 4 February 2025\nDate: 2025-02-04\nSource: Test Desk\n\n"
RULES = ROOT / "data/import/boilerplate.toml"


def report_text(date: str = "2025-02-04", body: str = "## Strike on Izium\n\nA missile hit Izium.\n") -> str:
    return f"Title: Test Desk digest\nDate: {date}\nSource: Test Desk\n\n{body}"


# ----------------------------------------------------------------------------- only regular files, bounded


def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ReportError, match="named pipe") as err:
        read_report(fifo, "content/reports/pipe.md")
    assert time.monotonic() - started < 5
    assert err.value.path == "content/reports/pipe.md" and err.value.hint
    with pytest.raises(ReportError, match="named pipe"):
        ReportCache(tmp_path / "cache", "c").read(fifo, "pipe.md")


def test_a_link_to_a_device_is_refused_not_read_forever(tmp_path):
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ReportError, match="character device"):
        read_report(zero, "zero.md")
    with pytest.raises(DigestImportError, match="character device"):
        import_file(zero, tmp_path / "content", source="X", date=dt.date(2025, 2, 4), rules_path=RULES)


def test_a_file_over_the_size_limit_is_a_clear_error(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as fp:
        fp.truncate(MAX_REPORT_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ReportError, match="more than the 16.0 MB") as err:
        read_report(big, "big.md")
    assert "split it" in err.value.hint
    assert read_regular(big, MAX_REPORT_BYTES + 1) == bytes(MAX_REPORT_BYTES + 1)


def test_the_importer_skips_special_files_when_it_looks_for_the_existing_report(tmp_path):
    content = tmp_path / "content"
    (content / "reports").mkdir(parents=True)
    os.mkfifo(content / "reports" / "pipe.md")
    digest = FIXTURES / "import/digest-2025-03-11.txt"
    result = import_file(digest, content, rules_path=RULES)  # hung on the FIFO before
    assert result.status == "created"


# ----------------------------------------------------------------------------- linear matching and parsing


def test_5000_key_developments_are_matched_in_seconds_not_minutes():
    n = 5000
    bullets = [f"Russian drone strike number {i} hits district {i} of Kharkiv" for i in range(n)]
    body = "## Key developments\n" + "".join(f"- {b}\n" for b in bullets)
    body += "".join(f"\n## {b}\n\nDetails {i}.\n" for i, b in enumerate(reversed(bullets)))
    started = time.perf_counter()
    report = parse_report(HEADER + body, "many.md")
    assert time.perf_counter() - started < 20  # 127 s and 3.5 GB before
    assert len(report.items) == n and all(i.key_development == i.headline for i in report.items)
    started = time.perf_counter()
    pairs = match_key_developments(["Russian drone strike hits Kharkiv"] * n, ["Russian drone strike hits Kharkiv"] * n)
    assert len(pairs) == n and time.perf_counter() - started < 5


def brute_force_pairs(bullets: list[str], headlines: list[str]) -> dict[int, int]:
    """The original all-pairs greedy matching, kept as the reference."""
    from sitrep.reports.items import KEY_DEV_MATCH, _words

    sim = [(len(b & h) / len(b | h) if b and h else 0.0, bi, hi)
           for bi, b in enumerate(map(_words, bullets)) for hi, h in enumerate(map(_words, headlines))]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for score, bi, hi in sorted(sim, reverse=True):
        if score < KEY_DEV_MATCH:
            break
        if hi not in pairs and bi not in used:
            pairs[hi] = bi
            used.add(bi)
    return pairs


def test_fast_matching_pairs_exactly_as_the_all_pairs_version():
    import random

    words = "russian drone strike kharkiv odesa port missile troops korean kursk talks grain ship power".split()
    rnd = random.Random(15)
    for _ in range(1500):
        def phrase() -> str:
            return " ".join(rnd.sample(words, rnd.randint(0, 5)))
        bullets = [phrase() for _ in range(rnd.randint(0, 10))]
        headlines = [phrase() for _ in range(rnd.randint(0, 10))]
        if rnd.random() < 0.3:
            headlines = bullets + headlines[:3]
        assert match_key_developments(bullets, headlines) == brute_force_pairs(bullets, headlines), (bullets, headlines)


@pytest.mark.parametrize("tag, depth", [("div", 1000), ("div", 100_000), ("blockquote", 20_000), ("b", 20_000)])
def test_deeply_nested_html_imports_without_recursion_or_minutes(tmp_path, tag, depth):
    page = tmp_path / "nested.html"
    page.write_text("<html><body><article><p>Key developments on March 3:</p><ul><li>Drone strike hits Odesa port</li>"
                    "</ul>" + f"<{tag}>" * depth + "<p>Drone strike hits Odesa port</p><p>A drone hit the port.</p>"
                    + f"</{tag}>" * depth + "</article></body></html>", encoding="utf-8")
    started = time.perf_counter()
    result = import_file(page, tmp_path / "content", source="Test Desk", date=dt.date(2025, 3, 3), rules_path=RULES)
    assert time.perf_counter() - started < 30  # RecursionError at 1,000; over 600 s at 100,000 before
    assert "A drone hit the port." in result.report.items[0].text


# ----------------------------------------------------------------------------- the query parser


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("whoosh") / "index"
    docs = [SearchDoc(id=f"r/{n}", url=f"reports/r/{n}/", headline=h, body=h, date="2025-02-04", report="r",
                      report_title="R", source="S", source_slug="s")
            for n, h in enumerate(["North Korean troops in Kursk", "Missile strike on Izium", "Talks in Istanbul"])]
    update_index(path, docs, {"izyum": "izium"})
    return path


@pytest.mark.parametrize("query", ["(" * 500 + "kursk", "(" * 500 + "kursk" + ")" * 500, "NOT " * 500 + "kursk",
                                   "- " * 400 + "kursk", " ".join(["kursk"] * 250), "kursk OR " * 300 + "izium",
                                   '"' * 1000, "((a OR (b AND (c OR NOT (d)))))" * 40])
def test_pathological_queries_are_bounded_and_answered(index, query):
    with SearchIndex(index) as si:
        result = si.search(query)
    assert result.total >= 0
    assert len(lex(query)) <= MAX_QUERY_LEXEMES


def test_a_long_query_is_cut_with_a_notice_and_a_short_one_is_untouched(index):
    long_query = " ".join(["izium"] * 100)
    with SearchIndex(index) as si:
        result = si.search(long_query)
        short = si.search("kursk OR izyum")
    assert [h.id for h in result.hits] == ["r/1"]
    assert result.notice and f"first {MAX_QUERY_LEXEMES}" in result.notice
    assert short.notice is None and {h.id for h in short.hits} == {"r/0", "r/1"}
    assert query_notice("kursk") is None
    for normal in ('"north korean" OR (kursk AND -izium)', "NOT NOT kursk", "((a (b (c))))", "kupi"):
        assert lex(normal) == _lex(normal)  # within the limits, lexed (and parsed) as before


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("date", ["2205-02-27", "0001-01-01", "9999-12-31", "1989-12-31"])
def test_a_date_outside_the_window_names_the_line_and_the_setting(date):
    report = parse_report(report_text(date), "content/reports/x.md")
    with pytest.raises(ReportError) as err:
        DateWindow.from_setting(today=dt.date(2025, 6, 1)).check(report)
    assert err.value.line == 2 and err.value.path == "content/reports/x.md"
    assert "outside the archive's dates (1990-01-01 to 2026-06-01)" in err.value.message
    assert "SITREP_DATE_RANGE" in err.value.hint and "Date:" in err.value.hint


@pytest.mark.parametrize("date", ["0001-01-01", "0469-06-26", "0999-12-31"])
def test_a_year_before_1000_is_shown_as_written_and_the_suggested_setting_works(date):
    """``%Y`` prints year 1 as '1': the message showed 1-01-01 and its fix
    suggested SITREP_DATE_RANGE = ("1-01-01", ...), which the setting refuses."""
    report = parse_report(report_text(date), "content/reports/x.md")
    with pytest.raises(ReportError) as err:
        DateWindow.from_setting(today=dt.date(2025, 6, 1)).check(report)
    assert f"the date {date} is outside" in err.value.message
    suggested = re.search(r'SITREP_DATE_RANGE = \("([^"]+)", "([^"]+)"\)', err.value.hint).groups()
    assert suggested[0] == date
    DateWindow.from_setting(suggested, today=dt.date(2025, 6, 1)).check(report)


def test_the_window_is_a_setting():
    window = DateWindow.from_setting(("1941-06-22", "+30d"), today=dt.date(2025, 6, 1))
    assert window.first == dt.date(1941, 6, 22) and window.last == dt.date(2025, 7, 1)
    DateWindow.from_setting(("1941-06-22", "today"), today=dt.date(2025, 6, 1)).check(
        parse_report(report_text("1944-06-06"), "x.md"))
    with pytest.raises(SitrepError, match="SITREP_DATE_RANGE"):
        DateWindow.from_setting(("next year", "+1y"))
    with pytest.raises(SitrepError, match="after the last day"):
        DateWindow.from_setting(("2025-01-01", "2024-01-01"))


def test_an_imported_digest_dated_outside_the_window_is_refused(tmp_path):
    with pytest.raises(DigestImportError, match="outside the archive's dates"):
        import_file(FIXTURES / "import/digest-2025-03-11.txt", tmp_path / "content", date=dt.date(2205, 2, 27),
                    rules_path=RULES)
    assert not (tmp_path / "content").exists()


def test_timelines_are_bounded_whatever_the_dates():
    weeks = week_range(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    assert len(weeks) == MAX_WEEKS and weeks[-1] == dt.date(9999, 12, 27)
    assert week_range(dt.date(2025, 1, 1), dt.date(2025, 1, 20))[0] == dt.date(2024, 12, 30)


# ----------------------------------------------------------------------------- accepted bad input


@pytest.mark.parametrize("body, line, needle", [
    ("## <script>alert(1)</script>\n\nBody.\n", 5, "no words once its markup is removed"),
    ("## <b></b>\n\nBody.\n", 5, "no words once its markup is removed"),
    ("## Key developments\n- <img src=x onerror=alert(1)>\n\n## Real item\n\nBody.\n", 6, "no words"),
])
def test_a_heading_that_sanitises_to_nothing_names_its_line(body, line, needle):
    with pytest.raises(ReportError) as err:
        parse_report(HEADER + body, "content/reports/x.md")
    assert err.value.line == line and needle in err.value.message and err.value.hint


@pytest.mark.parametrize("text, line", [
    ("Title: Strike\x00 on Izium\nDate: 2025-02-04\nSource: Test Desk\n\nBody.\n", 1),
    (HEADER + "## Strike\n\nA line with an escape \x1b[31m code.\n", 7),
    (HEADER + "## Strike\n\nA form feed\x0c here.\n", 7),
    ("Title: T\nDate: 2025-02-04\nSource: Test\x7f Desk\n\nBody.\n", 3),
])
def test_control_characters_name_their_line(text, line):
    with pytest.raises(ReportError) as err:
        parse_report(text, "x.md")
    assert err.value.line == line and "control character" in err.value.message and "delete it" in err.value.hint


def test_a_300_character_slug_or_id_is_an_error_with_the_fix_not_an_os_error():
    with pytest.raises(ReportError) as err:
        parse_report(f"Title: T\nDate: 2025-02-04\nSource: S\nSlug: {'a' * 300}\n\nBody.\n", "x.md")
    assert err.value.line == 4 and "300 characters long" in err.value.message and "Slug:" in err.value.hint
    with pytest.raises(ReportError) as err:
        parse_report(HEADER + f"## Item\nId: {'b' * 300}\n\nBody.\n", "x.md")
    assert err.value.line == 6 and "Id:" in err.value.hint


def test_markdown_outside_the_report_and_page_folders_is_found(tmp_path):
    (tmp_path / "reports/2025").mkdir(parents=True)
    (tmp_path / "pages").mkdir()
    (tmp_path / ".imported").mkdir()
    for name in ("stray.md", "drafts/old.md", "reports/2025/a.md", "pages/about.md", ".imported/x.md", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = stray_markdown(tmp_path, ["reports", "pages"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["stray.md", "drafts/old.md"]
    assert stray_markdown(tmp_path, ["", "pages"]) == []


# ----------------------------------------------------------------------------- pages


HOSTILE_PAGE = """Title: About us
Summary: Who we are <img src=x onerror=alert(1)>

## Who we are

<script>alert(1)</script>
<img src="https://example.org/x.png" onerror="alert(2)" alt="x">
[click](javascript:alert(3))
<p style="color:red" onclick="alert(4)">styled</p>
<iframe src="https://evil.example/"></iframe>

We publish daily digests.
"""


def test_page_html_goes_through_the_one_sanitiser():
    clean = sanitize_page('<h2>Who</h2><script>alert(1)</script><img src="x" onerror="alert(2)">'
                          '<a href="javascript:alert(3)">click</a><p onclick="x" style="y">ok</p>')
    assert clean == '<h2>Who</h2><img src="x">click<p>ok</p>'


def test_a_page_with_control_characters_or_a_long_slug_names_its_line(tmp_path):
    page = tmp_path / "about.md"
    page.write_text("Title: About\nSlug: " + "a" * 200 + "\n\nText.\n")
    with pytest.raises(ReportError) as err:
        check_page_file(page, "content/pages/about.md")
    assert err.value.line == 2
    page.write_text("Title: About\x00\n\nText.\n")
    with pytest.raises(ReportError, match="control character"):
        check_page_file(page, "content/pages/about.md")


@pytest.mark.slow
def test_a_built_page_carries_no_script_and_a_stray_file_is_named(tmp_path, fixture_archive, sitrep):
    (fixture_archive / "pages").mkdir()
    (fixture_archive / "pages/about.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    (fixture_archive / "about-draft.md").write_text("Title: Draft\n\nNot published.\n", encoding="utf-8")
    out = tmp_path / "output"
    proc = sitrep("build", "--content", str(fixture_archive), "--output", str(out), check=True)
    html = (out / "about-us/index.html").read_text(encoding="utf-8")
    assert "We publish daily digests." in html and "<h2>Who we are</h2>" in html
    for needle in ("<script>alert", "onerror", "onclick", "javascript:", "<iframe", 'style="'):
        assert needle not in html, needle
    log = " ".join((proc.stdout + proc.stderr).split())  # the log wraps long lines
    assert "about-draft.md" in log and "nothing publishes it" in log
    report = check_site(out)
    assert not [p for p in report.problems if p.file == "about-us/index.html"], report.format()


@pytest.mark.slow
@pytest.mark.parametrize("case", ["future date", "fifo", "empty heading"])
def test_a_bad_report_fails_the_build_with_file_and_line(tmp_path, fixture_archive, sitrep, case):
    target = fixture_archive / "reports/2025/bad.md"
    if case == "future date":
        target.write_text(report_text("2205-02-27"), encoding="utf-8")
        expected = r"bad\.md:2: the date 2205-02-27 is outside the archive's dates"
    elif case == "fifo":
        os.mkfifo(target)
        expected = r"bad\.md: is a named pipe \(FIFO\), not a regular file"
    else:
        target.write_text(report_text(body="## <script>alert(1)</script>\n\nBody.\n"), encoding="utf-8")
        expected = r"bad\.md:5: the heading '<script>alert\(1\)</script>' has no words"
    out = tmp_path / "output"
    started = time.monotonic()
    proc = sitrep("build", "--content", str(fixture_archive), "--output", str(out), "--quiet")
    assert time.monotonic() - started < 120
    assert proc.returncode == 1 and re.search(expected, proc.stderr), proc.stderr
    assert "how to fix:" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_check_sends_editors_to_their_file_for_content_problems(tmp_path, monkeypatch):
    page = tmp_path / "site/reports/2025-02-04-test-desk/izium-strike/index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body><h1>x</h1>'
                    '<p onclick="alert(1)">x</p><a href="/nowhere/">y</a></body></html>', encoding="utf-8")
    monkeypatch.setenv("SITREP_NU_CHECKER", "off")
    report = check_site(tmp_path / "site")
    fixes = [p.fix for p in report.problems if p.file.startswith("reports/")]
    assert fixes and all("the report '2025-02-04-test-desk'" in f and "content/reports/" in f for f in fixes), fixes
    assert all(f.startswith("look in the item 'izium-strike'") for f in fixes)

