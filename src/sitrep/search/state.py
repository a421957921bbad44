"""The files of a Whoosh index beside Whoosh's own: state, vocabulary, checksums.

The state file records what the index was built from (code version, alias
table, each item's content digest, the content folder) and the vocabulary
file every word readers may type. Both are sealed cache files
(:mod:`sitrep.files.cachefile`).

Whoosh's files carry no checksum of their own, so the state file records
the size and checksum of every file of the index: a file changed behind the
index's back is caught before it can give a wrong answer, and the next build
starts the index afresh with one warning.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Mapping

from sitrep.files.cachefile import file_checksum, read_sealed, warn_discarded, write_sealed
from sitrep.files.digest import code_digest
from sitrep.search.schema import SCHEMA_VERSION

STATE_FILE = "sitrep-search.json"
VOCAB_FILE = "vocabulary.json"
STATE_KIND, VOCAB_KIND, FILES_FORMAT = "search-state", "search-vocab", 1
# What decides an index's terms and documents: the text analysis, the alias
# tables and the search modules (named as modules, see sitrep.files.digest).
INDEX_CODE = (
    "sitrep.text",
    "sitrep.search.schema", "sitrep.search.state", "sitrep.search.indexing", "sitrep.search.index",
    "sitrep.search.scoring", "sitrep.search.snippets",
    "sitrep.search.query", "sitrep.search.query_parser", "sitrep.search.suggest",
    "sitrep.search.aliases", "sitrep.search.alias_sources", "sitrep.search.transliteration",
    "sitrep.search.alias_cache",
)


def code_version() -> str:
    """The schema version plus a hash of the code that decides what a word
    is, so changing the analysis rebuilds the index instead of mixing terms."""
    digest = code_digest(*INDEX_CODE)
    return hashlib.sha256(SCHEMA_VERSION.encode() + digest).hexdigest()[:16]


@dataclass(slots=True)
class IndexState:
    """What an index was built from, as its state file records it."""

    version: str
    aliases: str
    digests: dict[str, str]
    surfaces: dict[str, int]  # folded word -> how many documents use it
    content: str = ""  # the content folder indexed (to tidy the cache)
    files: dict[str, list] = field(default_factory=dict)  # Whoosh file -> [size, checksum hex]

    @classmethod
    def load(cls, path: Path, warn: bool = True) -> IndexState | None:
        """The state, or None when there is none or it is damaged (with one warning)."""
        payload = read_sealed(path, STATE_KIND, FILES_FORMAT, warn=warn)
        if payload is None:
            return None
        try:
            data = json.loads(payload.decode("utf-8"))
            state = cls(str(data["version"]), str(data["aliases"]), dict(data["digests"]),
                        dict(data["surfaces"]), str(data.get("content", "")), dict(data["files"]))
        except (ValueError, KeyError, TypeError):
            if warn:
                warn_discarded(path, "it does not hold the state of a search index")
            return None
        return state

    def save(self, path: Path) -> None:
        write_sealed(path, STATE_KIND, FILES_FORMAT,
                     json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8"))


def recorded_content(index_dir: Path) -> str | None:
    """The content folder an index's state names ("" for none); None when unreadable."""
    state = IndexState.load(index_dir / STATE_FILE, warn=False)
    return None if state is None else state.content


def index_files(index_dir: Path) -> dict[str, list]:
    """Size and checksum of each of Whoosh's files (not the lock, not ours)."""
    out: dict[str, list] = {}
    for path in sorted(index_dir.iterdir()):
        name = path.name
        if name in (STATE_FILE, VOCAB_FILE) or name.startswith(".") or name.endswith("LOCK") or not path.is_file():
            continue
        size, check = file_checksum(path)
        out[name] = [size, check.hex()]
    return out


def whoosh_exists(index_dir: Path) -> bool:
    """Whether Whoosh finds an index there; a table of contents so damaged that
    Whoosh cannot even say counts as one (the checksums then tell what is wrong)."""
    from whoosh import index as whoosh_index

    try:
        return whoosh_index.exists_in(str(index_dir))
    except Exception:  # noqa: BLE001 - Whoosh raises whatever its unpickling meets
        return True


def index_damage(index_dir: Path, recorded: Mapping[str, list]) -> str | None:
    """What differs between the index's files and what the state recorded; None if nothing."""
    try:
        found = index_files(index_dir)
    except OSError as err:
        return f"its files cannot be read ({err.strerror or err})"
    for name in sorted(set(found) | set(recorded)):
        if name not in found:
            return f"its file {name} is missing"
        if name not in recorded:
            return f"its file {name} was not written by the last build"
        if list(found[name]) != list(recorded[name]):
            return f"its file {name} was changed since the last build"
    return None
