"""Open data export: every item with its tags as JSON and CSV.

Rows are sorted by (date, id) and the files carry no timestamps, so two
builds of the same archive give byte-identical files and a diff between
builds shows exactly what changed.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Iterable

from sitrep.model import Item

SCHEMA_NAME = "items.schema.json"
# The layout of items.json's text, part of its build fingerprint: a build after a change of
# layout writes the file again though no item changed (the fingerprint holds no code).
JSON_LAYOUT = 2  # 2: one item per line
CSV_FIELDS = ["id", "date", "headline", "url", "source", "report", "theatres", "topics", "places", "place_coordinates"]


def item_record(item: Item, site_url: str) -> dict:
    return {
        "id": item.id,
        "date": item.date.isoformat(),
        "headline": item.headline,
        "url": f"{site_url}/{item.url}",
        "source": item.source,
        "report": item.report_slug,
        "theatres": list(item.theatres),
        "topics": list(item.topics),
        "places": [
            {"slug": p.slug, "name": p.name, "region": p.region,
             "lat": round(p.lat, 5) if p.lat is not None else None,
             "lon": round(p.lon, 5) if p.lon is not None else None}
            for p in item.places
        ],
    }


def records(items: Iterable[Item], site_url: str) -> list[dict]:
    return [item_record(i, site_url) for i in sorted(items, key=lambda i: (i.date, i.id))]


def items_json(rows: list[dict]) -> str:
    """The document, one item per line: still readable and line-diffable, and
    half the bytes of an indented dump (where every key took a line)."""
    head = json.dumps({"$schema": SCHEMA_NAME, "count": len(rows)}, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    return f'{head}, "items": [\n{lines}\n]}}\n' if rows else f'{head}, "items": []}}\n'



_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def items_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({
            **{k: _cell(row[k]) for k in ("id", "date", "headline", "url", "source", "report")},
            "theatres": ";".join(row["theatres"]),
            "topics": ";".join(row["topics"]),
            "places": ";".join(p["slug"] for p in row["places"]),
            "place_coordinates": ";".join(f'{p["lat"]},{p["lon"]}' for p in row["places"]),
        })
    return buf.getvalue()


def schema_text() -> str:
    return resources.files("sitrep.schemas").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")
