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
from itertools import islice
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

    A malformed line stops the run with a FileError naming the file and line; the
    records before its batch are written already."""
    count = 0
    records = read_records(in_fp, name, _SHAPE)
    while batch := list(islice(records, BATCH)):
        ids, requests = [], []
        for lineno, rec in batch:
            headline, body = rec.get("headline") or "", rec.get("body") or rec.get("text") or ""
            if not isinstance(headline, str) or not isinstance(body, str):
                raise FileError(name, "headline and body must be strings", _SHAPE, lineno)
            ids.append(str(rec.get("id", lineno)))
            requests.append(_request(headline, body, rec))
        for item_id, tags in zip(ids, tag_all(tagger, requests, jobs)):
            out_fp.write(json.dumps(tags.as_json(item_id), ensure_ascii=False) + "\n")
        count += len(batch)
    return count


def _request(headline: str, body: str, rec: dict) -> Request:
    return headline, body, None, record_date(rec)
