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
# Level 6 makes files 0.3% larger than level 9 at a third of the time: compressing the
# shards an edit touches was a fifth of an incremental export.
LEVEL = 6
# gzip's XFL header byte says how hard a file was compressed (2: level 9, 4: level 1, 0: others)
_XFL = {9: 2, 1: 4}.get(LEVEL, 0)


def stored_name(rel: str) -> str:
    """The file name under the data directory of the logical file ``rel``."""
    return rel if rel in PLAIN else rel + SUFFIX


def encode(rel: str, data: bytes) -> bytes:
    """The bytes stored for ``rel`` with content ``data``."""
    return data if rel in PLAIN else gzip.compress(data, LEVEL, mtime=0)


def encoded_alike(rel: str, stored: bytes) -> bool:
    """Whether ``stored`` could be what :func:`encode` makes now: a file kept from a
    build that compressed at another level would differ from a clean build's bytes."""
    return rel in PLAIN or (len(stored) > 8 and stored[8] == _XFL)


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
