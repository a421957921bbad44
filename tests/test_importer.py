"""The importer: digests saved as text or HTML become report files that the
site build reads back unchanged, without boilerplate, without anything
executable, and without duplicates on a second import."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import SitrepError
from sitrep.importer import DigestImportError, ImportResult, import_file
from sitrep.importer.boilerplate import DEFAULT_RULES, load_rules, parse_rules
from sitrep.reports.file import parse_report, read_report
from sitrep.text import terms

from conftest import FIXTURES, ROOT

IMPORTS = FIXTURES / "import"
TEXT = IMPORTS / "digest-2025-03-11.txt"
HTML = IMPORTS / "digest-2025-03-12.html"
HOSTILE = ("<script", "script>", "<style", "<iframe", "onerror", "onclick", "onload", "javascript:",
           "trackReader", "stealCookies", "document.cookie", "alert(")


def bullets_of(path: Path) -> list[str]:
    return [ln[2:].strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("- ")]


def report_files(content: Path) -> list[Path]:
    return sorted(content.rglob("*.md"))


@pytest.fixture
def content(import_project) -> Path:
    return import_project / "content"


# --- plain text --------------------------------------------------------------


def test_text_digest_becomes_a_report_with_one_item_per_bullet(content):
    result = import_file(TEXT, content)
    assert isinstance(result, ImportResult) and result.status == "created"
    assert result.path == content / "reports/2025/2025-03-11-steppe-wire.md"
    report = read_report(result.path)
    assert report.date == dt.datetime(2025, 3, 11)
    assert report.source == "Steppe Wire"
    assert report.title == "Steppe Wire digest, 11 March 2025"
    expected = bullets_of(TEXT)
    assert len(expected) == 5
    assert [i.headline for i in report.items] == expected
    assert report.key_developments == expected
    assert all(i.key_development == i.headline for i in report.items)
    assert not report.warnings and not result.warnings
    assert [i.headline for i in result.report.items] == expected


def test_first_item_has_no_headline_line_in_the_digest_but_gets_its_bullet(content):
    report = import_file(TEXT, content).report
    first = report.items[0]
    assert first.text.startswith("Falling fragments of downed Russian attack drones")
    assert first.text.endswith("almost every day.")
    second = report.items[1]
    assert second.text.startswith("A group of about ten Russian soldiers")
    assert "Border guards report" not in second.text  # the headline line is not body text


def test_text_boilerplate_is_dropped_but_could_not_verify_stays(content):
    result = import_file(TEXT, content)
    written = result.path.read_text(encoding="utf-8")
    for phrase in ("Note from the author", "Front Line Daily is compiled", "join the Steppe Wire community"):
        assert phrase not in written
    assert written.count("could not verify") == 2
    last = result.report.items[-1]
    assert last.text.endswith("began on Feb. 24, 2022.")


def test_reimporting_the_same_digest_changes_nothing(content):
    first = import_file(TEXT, content)
    before = first.path.read_bytes()
    mtime = first.path.stat().st_mtime_ns
    second = import_file(TEXT, content)
    assert second.status == "unchanged" and second.path == first.path
    assert report_files(content) == [first.path]
    assert first.path.read_bytes() == before and first.path.stat().st_mtime_ns == mtime
    assert len(second.report.items) == 5


def test_changed_digest_updates_in_place_and_keeps_editor_lines(content, tmp_path):
    result = import_file(TEXT, content)
    # An editor corrects a tag and adds a summary.
    text = result.path.read_text(encoding="utf-8")
    heading = "## Overnight missile attack damages cranes at Odesa port, grain loading paused for two days\n"
    text = text.replace(heading, heading + "Topics: +strikes\nPlaces: odesa\n")
    text = text.replace("Source: Steppe Wire\n", "Source: Steppe Wire\nSummary: Fires, a raid, cranes hit.\n")
    result.path.write_text(text, encoding="utf-8")
    # The same digest again: the editor's additions are no reason to rewrite.
    assert import_file(TEXT, content).status == "unchanged"
    # The publisher corrects a figure; the new digest is imported again.
    corrected = tmp_path / "digest-2025-03-11.txt"
    corrected.write_text(TEXT.read_text(encoding="utf-8").replace("14 of the 19 drones", "15 of the 19 drones"),
                         encoding="utf-8")
    again = import_file(corrected, content)
    assert again.status == "updated" and again.path == result.path
    assert report_files(content) == [result.path]
    written = again.path.read_text(encoding="utf-8")
    assert "15 of the 19 drones" in written and "14 of the 19" not in written
    assert "Summary: Fires, a raid, cranes hit." in written
    odesa = next(i for i in again.report.items if "Odesa" in i.headline)
    assert odesa.overrides.add_topics == ["strikes"] and odesa.overrides.add_places == ["odesa"]


def test_existing_report_is_found_by_date_and_source_even_if_renamed(content):
    result = import_file(TEXT, content)
    renamed = result.path.with_name("steppe-wire-march-11.md")
    result.path.rename(renamed)
    again = import_file(TEXT, content)
    assert again.status == "unchanged" and again.path == renamed
    assert report_files(content) == [renamed]


# --- HTML --------------------------------------------------------------------


def test_html_digest_becomes_a_report(content):
    result = import_file(HTML, content)
    assert result.status == "created"
    assert result.path == content / "reports/2025/2025-03-12-steppe-wire.md"
    report = result.report
    assert report.date == dt.datetime(2025, 3, 12) and report.source == "Steppe Wire"
    assert report.source_url == "https://steppe-wire.example/daily/2025-03-12"
    assert report.summary and report.summary.startswith("Metro shelters in Kharkiv")
    assert [i.headline for i in report.items] == [
        "Kharkiv metro stations shelter thousands during a four-hour air alert",
        "Ukraine's Navy says a sea drone hit a Russian patrol boat off western Crimea",
        "Power restored to most of Dnipro after a strike on a substation",
        "Polish rail operator adds a night train between Przemyśl and Kyiv",
    ]
    assert all(i.key_development == i.headline for i in report.items)
    assert report.items[0].text.startswith("Thousands of people spent the night of March 12")
    assert not report.warnings


def test_nothing_hostile_survives_an_html_import(content):
    result = import_file(HTML, content)
    written = result.path.read_text(encoding="utf-8")
    for bad in HOSTILE:
        assert bad not in written, bad
        for item in result.report.items:
            assert bad not in item.html, (bad, item.slug)
    # Page furniture is gone with the hostile markup.
    for furniture in ("Share on Facebook", "Post on X", "Subscribe to our newsletter", "Get Front Line Daily",
                      "An older story", "Economy", "2025 Steppe Wire", "By the news desk"):
        assert furniture not in written, furniture


def test_html_boilerplate_is_dropped_but_could_not_verify_stays(content):
    written = import_file(HTML, content).path.read_text(encoding="utf-8")
    assert "Note from the author" not in written
    assert "compiled every evening" not in written and "join the Steppe Wire community" not in written
    assert "Steppe Wire could not verify the claim" in written


def test_html_structure_becomes_markdown_with_safe_links_only(content):
    report = import_file(HTML, content).report
    written = Path(report.path).read_text(encoding="utf-8")
    assert "[reported](https://steppe-wire.example/kharkiv-alert)" in written
    assert "*mobile pharmacy*" in written and "**only seconds**" in written
    assert "> The crew of the boat" in written
    assert "- replacing a damaged transformer" in written
    navy, dnipro = report.items[1], report.items[2]
    assert "<blockquote>" in navy.html
    statement = next(p for p in navy.html.split("</p>") if "full statement" in p)
    assert "<a" not in statement  # the javascript: link is reduced to its text
    assert "<li>restoring power to two water pumping stations</li>" in dnipro.html
    assert 'href="https://steppe-wire.example/kharkiv-alert"' in report.items[0].html


def test_html_reimport_is_unchanged_even_after_editor_metadata(content):
    first = import_file(HTML, content)
    assert import_file(HTML, content).status == "unchanged"
    text = first.path.read_text(encoding="utf-8")
    text = text.replace("Date: 2025-03-12\n", "Date: 2025-03-12\nSlug: steppe-wire-2025-03-12\n")
    text = text.replace("Summary: Metro shelters", "Summary: Shelters")
    first.path.write_text(text, encoding="utf-8")
    again = import_file(HTML, content)
    assert again.status == "unchanged" and report_files(content) == [first.path]
    assert again.report.slug == "steppe-wire-2025-03-12" and again.report.summary.startswith("Shelters")


# --- escaping ----------------------------------------------------------------


TRICKY_PAGE = """<html><head><meta property="og:site_name" content="Test Desk"></head><body><article>
<p>Key developments on April 2:</p>
<ul><li>Talks in Istanbul end without a deal</li><li>Key developments in C#</li></ul>
<p>Places: the delegations met in Dolmabahçe Palace.</p>
<p>## this line is not a heading</p>
<p>- nor is this a list, and 1. neither</p>
<p>1. Numbers first, then *stars*, _underscores_, [brackets](and parens) and `ticks`.</p>
<p>A page may quote &lt;script&gt;alert(1)&lt;/script&gt; as text &amp; still be safe; &amp;amp; stays.</p>
<p>&gt; not a quote, and ---</p>
<p>===</p>
<h2>Key developments in C#</h2>
<p>Text of the second item.</p>
</article></body></html>"""


def test_markdown_significant_text_round_trips(content, tmp_path):
    page = tmp_path / "tricky-2025-04-02.html"
    page.write_text(TRICKY_PAGE, encoding="utf-8")
    result = import_file(page, content)
    report = result.report
    assert [i.headline for i in report.items] == ["Talks in Istanbul end without a deal", "Key developments in C#"]
    first = report.items[0]
    assert not first.overrides and first.overrides.add_places == []
    assert first.text == (
        "Places: the delegations met in Dolmabahçe Palace. ## this line is not a heading "
        "- nor is this a list, and 1. neither "
        "1. Numbers first, then *stars*, _underscores_, [brackets](and parens) and `ticks`. "
        "A page may quote <script>alert(1)</script> as text & still be safe; &amp; stays. "
        "> not a quote, and --- ==="
    )
    assert "<script" not in result.path.read_text(encoding="utf-8")
    assert "<script" not in first.html


def test_repeated_headlines_get_distinct_ids(content, tmp_path):
    digest = tmp_path / "digest-2025-04-03.txt"
    digest.write_text(
        "Key developments on April 3:\n- Air alert in Kyiv\n- Air alert in Kyiv\n"
        "Sirens sounded in the capital at noon.\nAir alert in Kyiv\nA second alert followed at dusk.\n"
        "Note from the author:\nThis test digest is put together by the Test Desk news desk.\n",
        encoding="utf-8",
    )
    report = import_file(digest, content).report
    assert [i.slug for i in report.items] == ["air-alert-in-kyiv", "air-alert-in-kyiv-2"]
    assert report.source == "Test Desk"


TEXT_ALPHABET = st.sampled_from(
    list("ab cXY#-+*_`[]()<>!&;:|{}=~.1\\\"'/") + ["&amp;", "<script>", "## ", "- ", "1. ", "&#65;",
                                                 "<!--", "Places: ", "Key developments", "é", "’s"]
)
PLAIN = st.lists(TEXT_ALPHABET, min_size=1, max_size=25).map("".join).filter(lambda s: any(c.isalnum() for c in s))
# The report parser pairs a bullet with its section by shared non-stop words.
HEADLINE = PLAIN.filter(lambda s: bool(terms(s)))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(headline=HEADLINE, body=PLAIN)
def test_any_text_round_trips_through_the_report_format(headline, body):
    from sitrep.importer.digest import Block, Section
    from sitrep.importer.markdown_out import escape_paragraph
    from sitrep.importer.writer import ReportDraft, render

    draft = ReportDraft(
        source="Test Desk", date=dt.date(2025, 2, 4),
        sections=[Section(headline, [Block(text=body, markdown=escape_paragraph(body))])],
    )
    report = parse_report(render(draft), "prop.md")
    assert [i.headline for i in report.items] == [" ".join(headline.split())]
    assert report.items[0].text == " ".join(body.split())


# --- dates and sources ---------------------------------------------------------


def test_missing_date_is_a_clear_error_naming_the_file(content, tmp_path):
    undated = tmp_path / "digest.txt"  # no date in the name; the text names Feb. 24, 2022 only in passing
    shutil.copy(TEXT, undated)
    with pytest.raises(DigestImportError) as err:
        import_file(undated, content)
    assert isinstance(err.value, SitrepError)
    message = str(err.value)
    assert str(undated) in message and "--date" in message and "March 11" in message
    assert not content.exists() or not report_files(content)


def test_explicit_date_and_source_win(content, tmp_path):
    undated = tmp_path / "digest.txt"
    shutil.copy(TEXT, undated)
    result = import_file(undated, content, date=dt.date(2025, 3, 11), source="Morning Wire")
    assert result.path == content / "reports/2025/2025-03-11-morning-wire.md"
    assert result.report.source == "Morning Wire" and result.date_origin == "--date"


def test_full_date_at_the_top_of_the_digest_is_used(content, tmp_path):
    digest = tmp_path / "notes.txt"
    digest.write_text(TEXT.read_text(encoding="utf-8").replace("on March 11:", "on March 11, 2025:", 1),
                      encoding="utf-8")
    assert import_file(digest, content).report.date == dt.datetime(2025, 3, 11)


def test_year_comes_from_the_file_name_nearest_the_digest_day(content, tmp_path):
    digest = tmp_path / "digest-2025-01-01.txt"
    digest.write_text(
        "Key developments on Dec. 31:\n- Fireworks banned in Kharkiv\n"
        "City officials cancelled New Year fireworks because of the air threat.\n"
        "Note from the author:\nThis test digest is put together by the Test Desk news desk.\n",
        encoding="utf-8",
    )
    assert import_file(digest, content).report.date == dt.datetime(2024, 12, 31)


PAGE = """<html><head>{head}</head><body><article>{body}
<p>Key developments on March 12:</p><ul><li>Trams run again in Mykolaiv</li></ul>
<p>Trams returned to Mykolaiv's streets after repairs to the power grid.</p>
</article></body></html>"""


@pytest.mark.parametrize("head, body", [
    ('<meta property="article:published_time" content="2025-03-12T18:00:00+02:00">', ""),
    ('<script type="application/ld+json">{"@graph": [{"datePublished": "2025-03-12"}]}</script>', ""),
    ("", '<p class="dateline"><time datetime="2025-03-12">Wednesday</time></p>'),
    # Published after midnight: the digest's own "March 12" decides the day.
    ('<meta property="article:published_time" content="2025-03-13T00:20:00+02:00">', ""),
])
def test_html_date_metadata(content, tmp_path, head, body):
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    result = import_file(page, content, source="Test Desk")
    assert result.report.date == dt.datetime(2025, 3, 12)
    assert [i.headline for i in result.report.items] == ["Trams run again in Mykolaiv"]


def test_missing_source_is_a_clear_error(content, tmp_path):
    page = tmp_path / "page-2025-03-12.html"
    page.write_text(PAGE.format(head="", body=""), encoding="utf-8")
    with pytest.raises(DigestImportError, match="--source"):
        import_file(page, content)


def test_a_file_without_developments_is_refused(content, tmp_path):
    empty = tmp_path / "digest-2025-03-11.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DigestImportError, match="no developments"):
        import_file(empty, content)


# --- boilerplate rules are data --------------------------------------------------


def test_project_rules_file_parses_and_extends_the_built_in_defaults():
    shipped = load_rules(ROOT / "data/import/boilerplate.toml")
    defaults = parse_rules(DEFAULT_RULES, "<defaults>")
    for field in ("cut_starts", "drop_contains", "keep_contains", "list_intros", "drop_classes"):
        have = {getattr(p, "pattern", p) for p in getattr(shipped, field)}
        assert {getattr(p, "pattern", p) for p in getattr(defaults, field)} <= have, field


def test_built_in_rules_are_used_without_a_data_folder(tmp_path):
    bare = tmp_path / "bare" / "content"
    for fixture, phrases in ((TEXT, ("Note from the author", "join the Steppe Wire community")),
                             (HTML, ("Note from the author", "Subscribe to our newsletter"))):
        result = import_file(fixture, bare)
        written = result.path.read_text(encoding="utf-8")
        assert result.report.source == "Steppe Wire"
        assert "could not verify" in written
        assert not any(p in written for p in phrases)


def test_an_editor_can_add_a_boilerplate_phrase(content, tmp_path):
    rules = tmp_path / "data/import/boilerplate.toml"
    rules.write_text(
        (ROOT / "data/import/boilerplate.toml").read_text(encoding="utf-8")
        .replace('contains = [\n  "subscribe to our newsletter",',
                 'contains = [\n  "the ministers told reporters",\n  "subscribe to our newsletter",'),
        encoding="utf-8",
    )
    written = import_file(TEXT, content).path.read_text(encoding="utf-8")
    assert "the ministers told reporters" not in written
    other = tmp_path / "other-rules.toml"
    other.write_text('[drop]\ncontains = ["air defence units shot down"]\n', encoding="utf-8")
    written = import_file(TEXT, tmp_path / "elsewhere", rules_path=other, source="Steppe Wire").path.read_text(encoding="utf-8")
    assert "shot down 14 of the 19" not in written and "the ministers told reporters" in written
    assert "Steppe Wire could not verify" in written


def test_cli_import_prints_status(content, capsys):
    from sitrep import cli

    assert cli.main(["import", str(TEXT), str(HTML), "--content", str(content)]) == 0
    assert cli.main(["import", str(TEXT), "--content", str(content)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("created") and out[1].startswith("created") and out[2].startswith("unchanged")


def test_cli_import_takes_globs_and_comma_lists_and_one_bad_file_stops_nothing(content, tmp_path, capsys):
    """Issue 15 (#8): a glob or a comma list (as documented) failed, and one
    bad file in a batch aborted the rest without saying so."""
    import os

    from sitrep import cli

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(TEXT, inbox)
    shutil.copy(HTML, inbox)
    os.mkfifo(inbox / "digest-2025-03-10.txt")  # sorts first; a FIFO is refused, never waited on
    code = cli.main(["import", f"{inbox}/*.txt,{inbox}/*.html", "--content", str(content)])
    out, err = capsys.readouterr()
    assert code == 1
    assert [line.split()[0] for line in out.splitlines()] == ["created", "created"]
    assert "digest-2025-03-10.txt" in err and "named pipe" in err
    assert f"1 of 3 file(s) not imported: {inbox}/digest-2025-03-10.txt" in err
    assert sorted(p.name for p in (content / "reports/2025").glob("*.md")) == [
        "2025-03-11-steppe-wire.md", "2025-03-12-steppe-wire.md"]
    assert "Traceback" not in out + err
