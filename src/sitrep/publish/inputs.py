"""What a build is made of, as one digest, and the stamp of the last good build.

Fingerprints let a rebuild render nothing when nothing changed, but reaching
that verdict still means reading every report back, loading every tag set and
fingerprinting every page: a fixed cost that grows with the archive (a sixth of
a full build at 1,000 reports). Like ``make``, a build can instead compare what
it would be made of with what the last good build of the same output folder was
made of, and stop there when they are the same.

"Made of" is everything a build reads: the settings' values (after Pelican
read them, so a value imported from another file counts), the settings file's
folder's Python files, the content folder, the theme, the plugin folders, the
taxonomy and gazetteer data, Sitrep's own code and the versions of the
packages that render the site. Files are compared by content, not mtime: a
checkout or a ``touch`` that leaves them the same changes nothing, and an edit
within the same second is still seen. A value whose content cannot be written
down (an object in the settings) means "always build": never a stale site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from sitrep.files.cachefile import file_checksum, read_sealed, write_sealed
from sitrep.files.digest import code_digest

STAMP_KIND = "build-stamp"
STAMP_VERSION = 2
# The packages whose code turns the inputs into pages (a new version may render differently).
RENDERING_PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown", "beautifulsoup4", "whoosh", "sitrep")
_SKIPPED_DIRS = frozenset({"__pycache__", ".git"})


class _Unwritable(TypeError):
    """A settings value with no content to digest."""


def input_digest(settings: Mapping[str, Any], settings_file: Path, folders: Iterable[Path]) -> str | None:
    """Hex digest of everything the build reads; None when a setting cannot be digested."""
    h = hashlib.sha256(b"sitrep-build-inputs\0")
    try:
        h.update(json.dumps(settings, sort_keys=True, default=_plain).encode("utf-8"))
    except (_Unwritable, TypeError, ValueError):
        return None
    for path in sorted(Path(settings_file).parent.glob("*.py")):
        _add_file(h, path, path.name)
    for folder in sorted({Path(f).resolve() for f in folders}):
        h.update(b"\0folder\0" + str(folder).encode("utf-8", "surrogateescape"))
        _add_tree(h, folder)
    h.update(code_digest("sitrep"))
    for name in RENDERING_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"\0{name}={version}".encode())
    return h.hexdigest()


def build_folders(settings: Mapping[str, Any], content: Path, data: Path) -> list[Path]:
    """The folders a build reads besides its settings: content, theme, plugins, data."""
    folders = [content, data, *(Path(p) for p in settings.get("PLUGIN_PATHS") or ())]
    if settings.get("THEME"):
        folders.append(Path(settings["THEME"]))
    return folders


def _plain(value: Any) -> Any:
    """A JSON-writable stand-in for a settings value that has one."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    raise _Unwritable(type(value).__name__)


def _add_tree(h, root: Path) -> None:
    if root.is_file():
        _add_file(h, root, root.name)
        return
    if not root.is_dir():
        h.update(b"\0missing")
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if _SKIPPED_DIRS & set(relative.parts) or not path.is_file():
            continue
        _add_file(h, path, relative.as_posix())


def _add_file(h, path: Path, name: str) -> None:
    data = path.read_bytes()
    h.update(b"\0file\0" + name.encode("utf-8", "surrogateescape") + b"\0" + len(data).to_bytes(8, "big"))
    h.update(data)


@dataclasses.dataclass
class Stamp:
    """The last good build of one output folder: what it was made of, where it
    went live, where its search index is, and what it said (its warnings and
    counts are replayed when the next build finds nothing to do)."""

    inputs: str
    live: str
    search_index: str
    warnings: list[str]
    counts: dict[str, Any]
    record: str | None = None  # checksum of the render manifest the build left beside its output

    def still_current(self, inputs: str | None, live: Path | None, search_index: Path) -> bool:
        """True when nothing the build reads changed and what it wrote is still there
        (a damaged or replaced render manifest means a real build, which says so)."""
        return (inputs is not None and inputs == self.inputs and live is not None
                and str(live) == self.live and live.is_dir()
                and str(search_index) == self.search_index and search_index.is_dir()
                and record_checksum(live) == self.record)


def record_checksum(live: Path) -> str | None:
    """Checksum of the render manifest beside a live build (None when there is none)."""
    from sitrep.publish.render_manifest import manifest_path

    try:
        size, digest = file_checksum(manifest_path(live))
    except OSError:
        return None
    return f"{size}:{digest.hex()}"


def stamp_path(cache: Path, output: Path) -> Path:
    """One stamp per output folder, in the cache: deleting the cache forgets it."""
    key = hashlib.sha256(str(output).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache / "builds" / f"{key}.stamp"


def read_stamp(path: Path) -> Stamp | None:
    payload = read_sealed(path, STAMP_KIND, STAMP_VERSION)
    if payload is None:
        return None
    try:
        return Stamp(**json.loads(payload))
    except (TypeError, ValueError):
        return None


def write_stamp(path: Path, stamp: Stamp) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_sealed(path, STAMP_KIND, STAMP_VERSION, json.dumps(dataclasses.asdict(stamp)).encode("utf-8"))
