"""The tagging command's file format: JSON lines in, JSON lines out.

Input records are {"id", "headline", "body", "date"?}; output records are
{"id", "theatres", "topics", "places": [{"name", "slug", "region", "lat", "lon"}]},
made by the same Tagger the build uses, so a text can be checked outside a build.
"""

from __future__ import annotations

import json
from typing import IO

from sitrep.tagging.core import Tagger


def tag_jsonl(in_fp: IO[str], out_fp: IO[str], tagger: Tagger) -> int:
    """Tag every record of `in_fp` into `out_fp`; returns the number of records."""
    count = 0
    for lineno, line in enumerate(in_fp, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise ValueError(f"line {lineno}: expected a JSON object with id, headline, body")
        headline, body = rec.get("headline") or "", rec.get("body") or rec.get("text") or ""
        if not isinstance(headline, str) or not isinstance(body, str):
            raise ValueError(f"line {lineno}: headline and body must be strings")
        ts = tagger.tag(headline, body)
        out_fp.write(json.dumps(ts.as_json(str(rec.get("id", lineno))), ensure_ascii=False) + "\n")
        count += 1
    return count
