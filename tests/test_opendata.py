import datetime as dt

from sitrep.model import Item
from sitrep.pages.opendata import items_csv, records


def test_csv_cells_never_start_a_spreadsheet_formula():
    item = Item(id="r/x", slug="x", headline='=HYPERLINK("http://evil.example/","x")', html="", text="",
                date=dt.date(2025, 2, 4), report_slug="r", report_title="R", source="@Desk",
                source_slug="desk", position=1, line=1)
    csv = items_csv(records([item], "https://site.example"))
    row = csv.splitlines()[1]
    assert "'=HYPERLINK" in row and "'@Desk" in row
