"""Reading JSON-lines files (labelled sets, items to tag) with errors that name the line."""

from __future__ import annotations

import json
from typing import IO, Iterator

from sitrep.errors import FileError


def read_records(fp: IO[str], name: str, shape: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) of every non-blank line; anything but a JSON object
    is a FileError naming the file and line, with ``shape`` as the fix."""
    for lineno, line in enumerate(fp, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FileError(name, f"not valid JSON ({exc.msg}, column {exc.colno})", shape, lineno) from None
        if not isinstance(rec, dict):
            raise FileError(name, "expected a JSON object", shape, lineno)
        yield lineno, rec
