"""How the browser index's data files are stored: gzip-compressed.

JSON of postings, fragments and vocabulary compresses about 3:1, and a static
host serves a file as it lies, so the files are written compressed
(``p/0/3.json`` is stored as ``p/0/3.json.gz``) and ``search-engine.js``
inflates them with ``DecompressionStream``. Only ``manifest.json`` stays
plain: it is small and read first. Compression is deterministic (no mtime),
so an unchanged file has unchanged bytes and a deploy skips it.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

SUFFIX = ".gz"
PLAIN = frozenset({"manifest.json"})
LEVEL = 9


def stored_name(rel: str) -> str:
    """The file name under the data directory of the logical file ``rel``."""
    return rel if rel in PLAIN else rel + SUFFIX


def encode(rel: str, data: bytes) -> bytes:
    """The bytes stored for ``rel`` with content ``data``."""
    return data if rel in PLAIN else gzip.compress(data, LEVEL, mtime=0)


def read_bytes(root: Path, rel: str) -> bytes:
    """The content of the logical file ``rel`` under the data directory ``root``;
    ValueError for a damaged file (OSError when it cannot be read)."""
    return decode(rel, (Path(root) / stored_name(rel)).read_bytes())


def decode(rel: str, stored: bytes) -> bytes:
    """The content of the logical file ``rel`` stored as ``stored``; ValueError when damaged."""
    if rel in PLAIN:
        return stored
    try:
        return gzip.decompress(stored)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise ValueError(f"{stored_name(rel)}: {err}") from err


def read_json(root: Path, rel: str):
    return json.loads(read_bytes(root, rel).decode("utf-8"))


def logical_files(root: Path, pattern: str) -> list[str]:
    """Logical names (``f/0.json``) of the stored files under ``root`` matching
    ``pattern`` (a glob of logical names such as ``f/*.json``)."""
    root = Path(root)
    return sorted(p.relative_to(root).as_posix().removesuffix(SUFFIX) for p in root.glob(pattern + SUFFIX))
