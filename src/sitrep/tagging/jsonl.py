"""The tagging command's file format: JSON lines in, JSON lines out.

Input records are {"id", "headline", "body", "date"?}; output records are
{"id", "theatres", "topics", "places": [{"name", "slug", "region", "lat", "lon"}]},
made by the same Tagger the build uses, so a text can be checked outside a build.
"""

from __future__ import annotations

import json
from typing import IO

from sitrep.errors import FileError
from sitrep.files.jsonlines import read_records
from sitrep.tagging.core import Tagger
from sitrep.tagging.evaluate import tag_record

_SHAPE = 'each line must be one JSON object such as {"id": "a1", "headline": "...", "body": "..."}'


def tag_jsonl(in_fp: IO[str], out_fp: IO[str], tagger: Tagger, name: str = "<input>") -> int:
    """Tag every record of `in_fp` into `out_fp`; returns the number of records.

    A malformed line stops the run with a FileError naming the file and line."""
    count = 0
    for lineno, rec in read_records(in_fp, name, _SHAPE):
        headline, body = rec.get("headline") or "", rec.get("body") or rec.get("text") or ""
        if not isinstance(headline, str) or not isinstance(body, str):
            raise FileError(name, "headline and body must be strings", _SHAPE, lineno)
        ts = tag_record(tagger, {**rec, "headline": headline, "body": body}, explain=False)
        out_fp.write(json.dumps(ts.as_json(str(rec.get("id", lineno))), ensure_ascii=False) + "\n")
        count += 1
    return count
