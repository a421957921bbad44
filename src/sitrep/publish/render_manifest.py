"""The record a build leaves beside its output: every file it wrote, with the
fingerprint it was made from, its size and mtime. The next build carries a file
over only when this record says the live file is still the one that build wrote."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed

MANIFEST_KIND, MANIFEST_FORMAT = "render-manifest", 3  # 2: a sealed cache file (sitrep.files.cachefile);
# 3: files written outside the queue are listed too, with the fingerprint OUTSIDE
OUTSIDE = ""  # the fingerprint recorded for a file the build wrote outside the queue (never carried by it)


def manifest_path(site: Path) -> Path:
    """The manifest sits beside a build's directory, so it is never published."""
    return site.with_name(site.name + ".manifest.json")


def load_manifest(site: Path | None) -> dict[str, list]:
    """{path: [fingerprint hex, size, mtime_ns]} of a previous build, or {}; files
    it wrote outside the queue (theme files, the search index) have ``OUTSIDE``.

    Like every cache, a damaged manifest is named in one warning and the build
    renders every page afresh (never carries a page over on a wrong record)."""
    if site is None:
        return {}
    path = manifest_path(site)
    payload = read_sealed(path, MANIFEST_KIND, MANIFEST_FORMAT)
    if payload is None:
        return {}
    try:
        files = json.loads(payload.decode("utf-8"))
    except ValueError:
        files = None
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and len(v) == 3 and isinstance(v[0], str)
            and isinstance(v[1], int) and isinstance(v[2], int) for k, v in files.items()):
        warn_discarded(path, "it does not hold the build's list of files")
        return {}
    return files


def save_manifest(site: Path, record: dict[str, list]) -> None:
    write_sealed(manifest_path(site), MANIFEST_KIND, MANIFEST_FORMAT,
                 json.dumps(dict(sorted(record.items())), separators=(",", ":")).encode("utf-8"))
