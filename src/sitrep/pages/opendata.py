"""Open data export: every item with its tags as JSON and CSV, in monthly parts.

The items of a month are one part, ``data/items-YYYY-MM.json`` and ``.csv``;
``items.json`` and ``items.csv`` (the addresses a researcher already has) are
the index of the parts: month, count, paths and SHA-256 of each. A whole dump
changed with every report and was half of what a deploy uploaded after one;
now a new report changes its month's part and the small index, and a
researcher's mirror fetches only parts whose checksum changed.

Rows are sorted by (date, id) and the files carry no timestamps, so two
builds of the same archive give byte-identical files and a diff between
builds shows exactly what changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from sitrep.model import Item

SCHEMA_NAME = "items.schema.json"  # a part
INDEX_SCHEMA_NAME = "items-index.schema.json"  # the index
INDEX_JSON, INDEX_CSV = "items.json", "items.csv"  # the index of the parts, at the addresses of the old dump
PART_DIR = "data"
INDEX_FIELDS = ["month", "count", "json", "csv", "json_sha256", "csv_sha256"]
# The layout of items.json's text, part of its build fingerprint: a build after a change of
# layout writes the file again though no item changed (the fingerprint holds no code).
JSON_LAYOUT = 3  # 2: one item per line; 3: monthly parts and an index
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


def part_path(month: str, ext: str) -> str:
    return f"{PART_DIR}/items-{month}.{ext}"


def items_json(rows: list[dict], month: str) -> str:
    """A month's part, one item per line: still readable and line-diffable, and
    half the bytes of an indented dump (where every key took a line).
    Its ``$schema`` is relative to the part's folder."""
    head_doc = {"$schema": f"../{SCHEMA_NAME}", "count": len(rows), "month": month}
    head = json.dumps(head_doc, ensure_ascii=False)[:-1]
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


@dataclass(frozen=True)
class Part:
    """One month's files as the index lists them."""

    month: str
    count: int
    json_sha256: str
    csv_sha256: str

    def row(self) -> dict:
        return {"month": self.month, "count": self.count, "json": part_path(self.month, "json"),
                "csv": part_path(self.month, "csv"), "json_sha256": self.json_sha256, "csv_sha256": self.csv_sha256}


def sha256(data: str | bytes) -> str:
    """The index's checksum of a part: of the UTF-8 bytes written (or read back)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def index_json(parts: list[Part]) -> str:
    """``items.json``: the parts, oldest month first, one per line."""
    head = json.dumps({"$schema": INDEX_SCHEMA_NAME, "count": sum(p.count for p in parts),
                       "description": "The archive's items in monthly parts: fetch each part's json or csv "
                                      "(paths relative to this file); a part whose sha256 is unchanged "
                                      "has not changed."}, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(p.row(), ensure_ascii=False, separators=(",", ":")) for p in parts)
    return f'{head}, "parts": [\n{lines}\n]}}\n' if parts else f'{head}, "parts": []}}\n'


def index_csv(parts: list[Part]) -> str:
    """``items.csv``: the same index as a table, for spreadsheet users."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=INDEX_FIELDS, lineterminator="\n")
    writer.writeheader()
    for part in parts:
        writer.writerow(part.row())
    return buf.getvalue()


def read_items(site: Path) -> list[dict]:
    """Every item of a built site, read through its index: what a researcher's
    script does (and the tests, with the same code)."""
    index = json.loads((Path(site) / INDEX_JSON).read_text(encoding="utf-8"))
    rows: list[dict] = []
    for part in index["parts"]:
        rows += json.loads((Path(site) / part["json"]).read_text(encoding="utf-8"))["items"]
    return rows


def schema_text(name: str = SCHEMA_NAME) -> str:
    return resources.files("sitrep.schemas").joinpath(name).read_text(encoding="utf-8")
