"""The tagging command's file format: JSON lines in, JSON lines out.

Input records are {"id", "headline", "body", "date"?}; output records are
{"id", "theatres", "topics", "places": [{"name", "slug", "region", "lat", "lon"}]},
made by the same Tagger the build uses, so a text can be checked outside a build.

Records are read in batches and each batch is tagged on every core
(:func:`sitrep.tagging.parallel.tag_all`, as a build tags), so a researcher's
file of a hundred thousand items takes what the machine can give, while the
output stays in input order and a large file is never held whole in memory.
"""

from __future__ import annotations

import json
from typing import IO

from sitrep.errors import FileError
from sitrep.files.jsonlines import read_records
from sitrep.tagging.core import Tagger
from sitrep.tagging.evaluate import record_date
from sitrep.tagging.parallel import Request, tag_all

_SHAPE = 'each line must be one JSON object such as {"id": "a1", "headline": "...", "body": "..."}'
BATCH = 4096  # records tagged together: enough to keep every core busy, little memory


def tag_jsonl(in_fp: IO[str], out_fp: IO[str], tagger: Tagger, name: str = "<input>",
              jobs: int | None = None) -> int:
    """Tag every record of `in_fp` into `out_fp` on up to ``jobs`` cores (default: all);
    returns the number of records.

    A malformed line stops the run with a FileError naming the file and line, once
    every record before it is written."""
    count = 0
    batch: list[tuple[str, Request]] = []
    try:
        for lineno, rec in read_records(in_fp, name, _SHAPE):
            batch.append(_request(rec, lineno, name))
            if len(batch) >= BATCH:
                count += _write(batch, out_fp, tagger, jobs)
                batch = []
    except FileError:
        _write(batch, out_fp, tagger, jobs)
        raise
    return count + _write(batch, out_fp, tagger, jobs)


def _request(rec: dict, lineno: int, name: str) -> tuple[str, Request]:
    """(the record's id, what to tag) of one input record."""
    headline, body = rec.get("headline") or "", rec.get("body") or rec.get("text") or ""
    if not isinstance(headline, str) or not isinstance(body, str):
        raise FileError(name, "headline and body must be strings", _SHAPE, lineno)
    return str(rec.get("id", lineno)), (headline, body, None, record_date(rec))


def _write(batch: list[tuple[str, Request]], out_fp: IO[str], tagger: Tagger, jobs: int | None) -> int:
    """Tag a batch on every core and write its records in input order."""
    if not batch:
        return 0
    for (item_id, _), tags in zip(batch, tag_all(tagger, [request for _, request in batch], jobs)):
        out_fp.write(json.dumps(tags.as_json(item_id), ensure_ascii=False) + "\n")
    return len(batch)
