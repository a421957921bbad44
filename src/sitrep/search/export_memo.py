"""What the previous browser-index export wrote, kept in the build cache.

An incremental export is a clean export that skips work, never one that
differs (:mod:`sitrep.search.postings_reuse`). Reading the previous build's
postings back meant inflating and parsing every shard of the sealed tier and
writing each of its 150,000 entries as JSON again, and every file of the
folder was inflated again to see whether it changed: most of an export at
5,000 reports, to write the same bytes. The memo keeps, beside the cache,
what that export made:

* per postings tier, each entry's JSON text (with the surface words it was
  written with), the documents it was made from, its key and version;
* per file, the digest of its content and the size and mtime of the stored
  file, so that an unchanged file is linked from the previous build on sight;
* each term's shard hash.

It is trusted only for the build whose manifest it names (``build``), made by
this code (``code``: the term hashes and entry texts are what it wrote), and, per
tier, for the version the previous manifest records; a file is linked only if
it is still the file that export left (size and mtime). Anything else falls
back to reading the previous build, so a lost or stale memo costs time, not
correctness. Loaded and saved as a sealed cache file (:mod:`sitrep.files.cachefile`).
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.files import cachefile
from sitrep.search import datafiles
from sitrep.search.postings import terms_code

logger = logging.getLogger("sitrep.search")

KIND = "search-export"
VERSION = 2  # 2: the code digest
FILE_NAME = "browser-export.memo"


@dataclass(slots=True)
class TierMemo:
    """One postings tier as the previous export wrote it."""

    version: str  # its version in that manifest (the digest of its shards)
    key: str  # what it was made of (:func:`sitrep.search.postings.tier_key`)
    docs: list[tuple[str, str]]  # (id, text digest) of its documents, in number order
    words: dict[str, tuple[tuple[str, ...] | None, str]]  # term -> (surface words written, or None; entry JSON)
    pairs: dict[str, str]  # pair term -> entry JSON


@dataclass(slots=True)
class ExportMemo:
    build: str = ""  # the manifest's build id of the export described
    level: int = datafiles.LEVEL  # compression level its files were stored with
    files: dict[str, tuple[bytes, int, int]] = field(default_factory=dict)  # rel -> (sha256 of content,
    # stored size, stored mtime_ns)
    tiers: dict[str, TierMemo] = field(default_factory=dict)
    hashes: dict[str, int] = field(default_factory=dict)  # term -> fnv1a (the shard it hashes to)
    code: bytes = field(default_factory=terms_code)  # the search code that wrote it


def load_memo(path: Path | None, previous_build: str | None) -> ExportMemo | None:
    """The memo at ``path`` if it describes the export whose build id is
    ``previous_build`` (the live site's), stored the way files are stored now."""
    if path is None or not previous_build:
        return None
    payload = cachefile.read_sealed(path, KIND, VERSION, view=True)
    if payload is None:
        return None
    try:
        memo = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, whatever the unpickler raised
        cachefile.warn_discarded(path, "it cannot be unpickled")
        return None
    if (not isinstance(memo, ExportMemo) or memo.build != previous_build or memo.level != datafiles.LEVEL
            or memo.code != terms_code()):
        return None
    return memo


def save_memo(path: Path | None, memo: ExportMemo) -> None:
    """Write the memo (streamed: its texts are the size of the postings).
    A cache that cannot be written is only a slower next build."""
    if path is None:
        return
    try:
        with cachefile.SealedWriter(path, KIND, VERSION) as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            # Without the pickler's memo of every object written (half a million entries at
            # 5,000 reports): the memo holds no shared or recursive objects that need it.
            pickler.fast = True
            pickler.dump(memo)
    except OSError as err:
        logger.warning("could not save the search export's memo %s: %s", path, err)
