"""The report reader plugin (plugins/sitrep_reports): what Pelican gets of a report."""

from __future__ import annotations

import sys

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime, get_date

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from sitrep_reports import ReportReader  # noqa: E402


@pytest.mark.parametrize("date_line, printed", [
    ("2025-02-04", "2025-02-04 00:00"),
    ("2024-02-29 17:42", "2024-02-29 17:42"),
])
def test_a_reports_date_is_what_pelicans_date_processor_gives(tmp_path, date_line, printed):
    """The reader hands Pelican the parsed date instead of text for dateutil to parse
    again: it must be the same value, of the same type, as Pelican's own processing."""
    report = tmp_path / "reports" / "a.md"
    report.parent.mkdir()
    report.write_text(f"Title: Desk digest\nDate: {date_line}\nSource: Test Desk\n\n"
                      "## Drones hit Kharkiv\n\nDrones struck Kharkiv overnight.\n", encoding="utf-8")
    reader = ReportReader({**DEFAULT_CONFIG, "PATH": str(tmp_path), "ARTICLE_PATHS": ["reports"]})
    _, metadata = reader.read(str(report))
    assert type(metadata["date"]) is SafeDatetime
    assert metadata["date"] == get_date(printed)
    assert metadata["date"].tzinfo is None
