"""The report format: metadata, item splitting, stable ids and the errors
an editor sees for bad files."""

from __future__ import annotations

import pytest

from sitrep.errors import ReportError
from sitrep.reports.file import parse_report, read_report

from conftest import FIXTURES

HEADER = "Title: Digest\nDate: 2025-02-04\nSource: Test Desk\n\n"


def report(body: str, header: str = HEADER):
    return parse_report(header + body, "reports/test.md")


def test_fixture_report_is_split_into_items_with_metadata():
    r = read_report(FIXTURES / "archive/reports/2025/2025-02-04-test-desk.md")
    assert r.slug == "2025-02-04-test-desk"
    assert r.source == "Test Desk" and r.source_url.startswith("https://")
    assert [i.position for i in r.items] == [1, 2, 3]
    first = r.items[0]
    assert first.id == "2025-02-04-test-desk/north-korean-units-remain-in-kursk-oblast-intelligence-chief"
    assert first.url == f"reports/{first.id}/"
    assert "8,000" in first.text and "<p>" in first.html
    assert str(first.date) == "2025-02-04" and first.source == "Test Desk"


def test_key_developments_are_matched_to_sections_not_made_items():
    r = read_report(FIXTURES / "archive/reports/2025/2025-02-04-test-desk.md")
    assert len(r.items) == 3  # three bullets, three sections: no duplicates
    assert all(i.key_development for i in r.items)
    assert not any("Key developments" in i.headline for i in r.items)
    assert not r.warnings


def test_item_id_is_stable_when_other_items_are_edited_or_reordered():
    a = "## Missile hits Izium\n\nFive killed.\n\n## Talks in Riyadh\n\nDelegations met.\n"
    b = "## Talks in Riyadh\n\nDelegations met for nine hours.\n\n## Missile hits Izium\n\nFive killed.\n"
    ids_a = {i.headline: i.id for i in report(a).items}
    ids_b = {i.headline: i.id for i in report(b).items}
    assert ids_a["Missile hits Izium"] == ids_b["Missile hits Izium"]
    assert ids_a == ids_b


def test_explicit_id_and_tag_overrides_are_taken_from_item_metadata_lines():
    r = report("## Strike on Izium\nId: izium-strike\nTheatres: kharkiv, -donbas\nTopics: +strikes -diplomacy\n\nBody.\n")
    item = r.items[0]
    assert item.slug == "izium-strike"
    assert item.overrides.add_theatres == ["kharkiv"] and item.overrides.remove_theatres == ["donbas"]
    assert item.overrides.add_topics == ["strikes"] and item.overrides.remove_topics == ["diplomacy"]
    assert "Theatres" not in item.text and item.text == "Body."


def test_report_without_sections_is_one_item_headed_by_its_title():
    r = report("Forty assaults were repelled near Pokrovsk.\n")
    assert len(r.items) == 1
    assert r.items[0].headline == "Digest" and "Pokrovsk" in r.items[0].text


def test_lead_paragraph_before_first_heading_takes_the_unmatched_bullet_as_headline():
    body = ("- Troops remain in Kursk\n- Missile hits Izium\n\n"
            "About 8,000 troops remain.\n\n## Missile hits Izium\n\nFive killed.\n")
    r = report(body)
    assert [i.headline for i in r.items] == ["Troops remain in Kursk", "Missile hits Izium"]


def test_markdown_html_is_sanitised():
    r = report('## A\n\n<script>alert(1)</script><img src=x onerror="alert(1)"> '
               '[x](javascript:alert(1)) <iframe src="https://e.example"></iframe>\n')
    html = r.items[0].html
    for bad in ("<script", "onerror", "javascript:", "<iframe"):
        assert bad not in html


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("Title Digest\nDate: 2025-02-04\nSource: X\n\nBody\n", 1, "Key: value"),
        ("Title: Digest\nSource: X\n\nBody\n", 1, "'Date:' is missing"),
        ("Title: Digest\nDate: 4 Feb 2025\nSource: X\n\nBody\n", 2, "cannot read the date"),
        ("Title: Digest\nDate: 2025-02-30\nSource: X\n\nBody\n", 2, "cannot read the date"),
        ("Title: Digest\nDate: 2025-02-04\nSource: X\n\n\n", 5, "no body"),
        ("Title: Digest\nDate: 2025-02-04\nSource:\n\nBody\n", 3, "'Source:' is empty"),
        (HEADER + "## Same\n\nA\n\n## Same\n\nB\n", 9, "two items have the id 'same'"),
    ],
)
def test_bad_reports_give_one_clear_error_with_file_line_and_fix(text, line, needle):
    with pytest.raises(ReportError) as caught:
        parse_report(text, "reports/bad.md")
    err = caught.value
    assert err.path == "reports/bad.md" and err.line == line
    assert needle in err.message
    assert err.hint  # tells the editor what to do
    assert str(err).startswith(f"reports/bad.md:{line}: ")


def test_non_utf8_bytes_are_reported_with_their_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(HEADER.encode() + "## Kyiv\n\nCaf\xe9 hit.\n".encode("latin-1"))
    with pytest.raises(ReportError) as caught:
        read_report(path)
    assert caught.value.line == 7 and "UTF-8" in str(caught.value)


def test_status_and_unknown_metadata_keys():
    draft = report("Body.\n", HEADER.replace("Source: Test Desk", "Source: Test Desk\nStatus: Draft"))
    assert draft.status == "draft"
    typo = report("Body.\n", HEADER.replace("Source: Test Desk", "Source: Test Desk\nSumary: x"))
    assert any("unknown metadata key 'sumary'" in w for w in typo.warnings)
    with pytest.raises(ReportError) as caught:
        report("Body.\n", HEADER.replace("Source: Test Desk", "Source: Test Desk\nStatus: maybe"))
    assert caught.value.line == 4 and "Status: draft" in caught.value.hint
