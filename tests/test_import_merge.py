"""Re-importing a digest never discards an editor's change: the new conversion
is merged in item by item, new items are added, an edited item is kept, and
where the editor and the digest changed the same part the editor's version
stays in the report while the digest's is written beside it and reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from sitrep import cli
from sitrep.importer import import_file
from sitrep.importer.merge import merge
from sitrep.reports.file import parse_report, read_report

TEXT = FIXTURES / "import" / "digest-2025-03-11.txt"
ODESA = "## Overnight missile attack damages cranes at Odesa port, grain loading paused for two days"
BORDER = "## Border guards report pushing back a small-group raid near Yunakivka in Sumy Oblast"
NEW_ITEM = ("Power restored in Kharkiv after overnight strike",
            "Engineers restored power to most of Kharkiv by morning, the regional governor said.")


@pytest.fixture
def content(import_project) -> Path:
    return import_project / "content"


def digest(tmp_path: Path, edit=lambda text: text, name: str = "digest-2025-03-11.txt") -> Path:
    """A version of the fixture digest, as the publisher might correct it."""
    path = tmp_path / "digests" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(edit(TEXT.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def add_item_to_digest(text: str) -> str:
    headline, body = NEW_ITEM
    lines = text.split("\n")
    first_bullet = next(i for i, ln in enumerate(lines) if ln.startswith("- "))
    lines.insert(first_bullet + 5, f"- {headline}")
    return "\n".join(lines).rstrip("\n") + f"\n{headline}\n{body}\n"


def edit_report(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_body_sentence_survives_a_reimport_of_the_same_digest(content, tmp_path):
    report = import_file(digest(tmp_path), content).path
    edit_report(report, "Nobody was killed.", "Nobody was killed, the port authority confirmed.")
    again = import_file(digest(tmp_path), content)
    assert again.status == "unchanged" and not again.conflicts
    assert "the port authority confirmed" in report.read_text(encoding="utf-8")


def test_the_digest_s_correction_and_the_editor_s_edit_of_another_item_both_land(content, tmp_path):
    report = import_file(digest(tmp_path), content).path
    edit_report(report, "Nobody was killed.", "Nobody was killed, the port authority confirmed.")
    edit_report(report, BORDER, BORDER.replace("small-group raid", "raid by about ten soldiers"))
    corrected = digest(tmp_path, lambda t: t.replace("14 of the 19 drones", "15 of the 19 drones"))
    again = import_file(corrected, content)
    assert again.status == "updated" and not again.conflicts and again.conflict_path is None
    text = report.read_text(encoding="utf-8")
    assert "15 of the 19 drones" in text and "14 of the 19" not in text
    assert "the port authority confirmed" in text
    assert "raid by about ten soldiers" in text and "small-group raid near Yunakivka in Sumy Oblast\n\n" not in text
    assert len(again.report.items) == 5


def test_items_the_digest_adds_and_items_the_editor_adds_are_both_kept(content, tmp_path):
    report = import_file(digest(tmp_path), content).path
    text = report.read_text(encoding="utf-8")
    report.write_text(text + "\n## Editor's note on sources\n\nTwo claims could not be verified.\n", encoding="utf-8")
    again = import_file(digest(tmp_path, add_item_to_digest), content)
    assert again.status == "updated" and not again.conflicts
    headlines = [i.headline for i in again.report.items]
    assert "Editor's note on sources" in headlines and NEW_ITEM[0] in headlines
    assert len(headlines) == 7
    assert any("new in the digest" in n for n in again.notes)
    new = next(i for i in again.report.items if i.headline == NEW_ITEM[0])
    assert new.key_development == NEW_ITEM[0] and "restored power" in new.text


def test_an_item_the_editor_deleted_stays_deleted(content, tmp_path):
    report = import_file(digest(tmp_path), content).path
    text = report.read_text(encoding="utf-8")
    start = text.index(BORDER)
    end = text.index("\n## ", start + 3)
    report.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    again = import_file(digest(tmp_path), content)
    assert again.status == "unchanged" and len(again.report.items) == 5 - 1 + 1  # its bullet is an item of its own
    assert BORDER not in report.read_text(encoding="utf-8")


def test_both_changing_one_item_keeps_the_editor_s_and_writes_the_digest_s_beside_it(content, tmp_path, capsys):
    report = import_file(digest(tmp_path), content).path
    edit_report(report, "Nobody was killed.", "No one died, hospital records show.")
    corrected = digest(tmp_path, lambda t: t.replace("Nobody was killed.", "Nobody was killed, port officials said on Tuesday."))
    assert cli.main(["import", str(corrected), "--content", str(content)]) == 0
    err = capsys.readouterr().err
    text = report.read_text(encoding="utf-8")
    assert "No one died, hospital records show." in text and "port officials said on Tuesday" not in text
    conflict_file = report.with_name(report.name + ".conflict.txt")
    assert conflict_file.is_file() and "Nobody was killed, port officials said on Tuesday." in conflict_file.read_text()
    assert "conflict: item 'Overnight missile attack damages cranes at Odesa port" in err
    assert "your version is kept" in err and str(conflict_file) in err
    assert parse_report(text, str(report))  # the report still builds
    assert not list(content.rglob("*.conflict.txt.md"))


def test_a_report_without_a_recorded_import_loses_nothing(content, tmp_path):
    """Reports imported before imports were recorded, or written by hand."""
    first = import_file(digest(tmp_path), content)
    shutil.rmtree(content / ".imported")
    edit_report(first.path, "Nobody was killed.", "No one died.")
    again = import_file(digest(tmp_path, add_item_to_digest), content)
    text = first.path.read_text(encoding="utf-8")
    assert "No one died." in text and NEW_ITEM[1] in text
    assert again.conflicts and again.conflict_path.is_file()
    assert "Nobody was killed." in again.conflict_path.read_text()


def test_editor_metadata_and_item_tags_survive_a_changed_digest(content, tmp_path):
    report = import_file(digest(tmp_path), content).path
    edit_report(report, ODESA + "\n", ODESA + "\nTopics: +strikes\nPlaces: odesa\n")
    edit_report(report, "Source: Steppe Wire\n", "Source: Steppe Wire\nSummary: Fires, a raid, cranes hit.\n")
    # The publisher rewrites the Odesa item's text: the editor's tags stay on it.
    corrected = digest(tmp_path, lambda t: t.replace("Nobody was killed.", "Nobody was killed, port officials said on Tuesday."))
    again = import_file(corrected, content)
    assert again.status == "updated" and not again.conflicts
    odesa = next(i for i in again.report.items if "Odesa" in i.headline)
    assert "port officials said on Tuesday" in odesa.text
    assert odesa.overrides.add_topics == ["strikes"] and odesa.overrides.add_places == ["odesa"]
    assert again.report.summary == "Fires, a raid, cranes hit."


def test_merge_of_texts_is_the_digest_when_only_the_digest_changed():
    base = "Title: T\nDate: 2025-02-04\nSource: S\n\n## A\n\nOne.\n\n## B\n\nTwo.\n"
    theirs = base.replace("Two.", "Two, corrected.")
    assert merge(base, base, theirs).text == theirs
    assert merge(base, theirs, base).text == theirs
    ours = base.replace("One.", "One, edited.")
    merged = merge(base, ours, theirs)
    assert "One, edited." in merged.text and "Two, corrected." in merged.text and not merged.conflicts
    assert read_report_text(merged.text)


def read_report_text(text: str):
    return parse_report(text, "merged.md")


def test_the_cli_reimport_prints_what_was_kept(content, tmp_path, capsys):
    report = import_file(digest(tmp_path), content).path
    edit_report(report, "Nobody was killed.", "No one died.")
    assert cli.main(["import", str(digest(tmp_path)), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("unchanged")
    assert read_report(report).items
