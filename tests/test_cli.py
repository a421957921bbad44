"""The command line as researchers and editors use it: tagging any JSON-lines
file with the build's tagger, explaining tags, importing digests."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT


def test_tag_command_tags_json_lines_with_the_build_tagger(tmp_path, sitrep):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "headline": "Missile strike on Izyum kills five",
         "body": "A Russian ballistic missile hit the centre of Izium in Kharkiv Oblast, killing five civilians."},
        {"id": "b", "headline": "Dockworkers strike in Antwerp",
         "body": "Port workers in Belgium walked out over pensions; ships queued off the coast.", "date": "2025-02-13"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    sitrep("tag", str(src), "--output", str(out), check=True)
    tagged = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(tagged) == {"a", "b"}
    assert tagged["a"]["theatres"] == ["kharkiv"]
    assert "strikes" in tagged["a"]["topics"] and "civilian-casualties" in tagged["a"]["topics"]
    izium = [p for p in tagged["a"]["places"] if p["name"] == "Izium"]
    assert izium and izium[0]["region"] == "kharkiv-oblast" and 49 < izium[0]["lat"] < 50
    assert "strikes" not in tagged["b"]["topics"] and tagged["b"]["theatres"] == []


def test_explain_names_the_words_behind_each_tag(sitrep):
    item = "2025-02-04-test-desk/ballistic-missile-kills-five-in-izium"
    proc = sitrep("tag", "--explain", item, "--content", str(FIXTURES / "archive"), check=True)
    assert item in proc.stdout
    assert "Izium" in proc.stdout and "kharkiv" in proc.stdout
    # the editor's "Topics: +civilian-casualties" line is shown as an override
    assert "civilian-casualties" in proc.stdout and "override" in proc.stdout.lower()


def test_explain_of_unknown_item_is_a_clear_error(sitrep):
    proc = sitrep("tag", "--explain", "2025-02-04-test-desk/nope", "--content", str(FIXTURES / "archive"))
    assert proc.returncode == 1
    assert "has no item 'nope'" in proc.stderr and "kupiansk-execution-threats" in proc.stderr


def test_import_command_writes_a_report_and_does_not_duplicate(tmp_path, sitrep):
    content = tmp_path / "content"
    digest = FIXTURES / "import" / "digest-2025-03-11.txt"
    first = sitrep("import", str(digest), "--content", str(content), "--source", "Test Desk", check=True)
    second = sitrep("import", str(digest), "--content", str(content), "--source", "Test Desk", check=True)
    assert first.stdout.startswith("created") and second.stdout.startswith("unchanged")
    assert len(list(content.rglob("*.md"))) == 1


@pytest.mark.slow  # a second pytest collects the whole suite
def test_invoke_test_runs_pytest_through_the_cli_and_fast_leaves_out_slow_tests():
    """The README's `invoke test`, with --fast and -k, as a new process runs it:
    of a fast and a slow test matching -k, only the fast one runs."""
    proc = subprocess.run([sys.executable, "-m", "invoke", "test", "--fast", "-k",
                           "test_csv_cells_never_start_a_spreadsheet_formula or test_sample_archive_builds"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # pytest alone says "1 passed, N deselected"; with pytest-xdist the workers
    # deselect, and the run says "[1 item]" and "1 passed".
    assert re.search(r"\b1 passed\b", proc.stdout) and "2 passed" not in proc.stdout, proc.stdout
    assert re.search(r"\d+ deselected|\[1 item\]", proc.stdout), proc.stdout
