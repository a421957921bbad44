"""Typed paths and options of a site, read from its Pelican settings file.

Pelican's ``read_settings`` applies its defaults and resolves relative paths;
this module adds Sitrep's own defaults (``SITREP_*`` settings, next to the
settings file) and turns the result into one frozen object. Environment
variables are read only where a setting says so (``publishconf.py``) or for
the search index location, whose variable is documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from sitrep.errors import SitrepError
from sitrep.reports.window import SETTING as DATE_RANGE_SETTING, DateWindow

DEFAULT_SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"


@dataclass(frozen=True)
class SiteConfig:
    """What every part of Sitrep needs to know about one site."""

    settings_file: Path | None  # None: no settings file, project defaults around the working folder
    root: Path  # the folder of the settings file: data/, content/ and caches are found from it
    content: Path  # PATH
    output: Path  # OUTPUT_PATH
    data: Path  # SITREP_DATA_DIR: taxonomy and gazetteer TOML
    cache: Path  # SITREP_CACHE_DIR: compiled gazetteer, tag sets, parsed reports, search indexes
    site_url: str  # SITEURL ("" in development)
    feed_domain: str
    search_index: Path  # the Whoosh index of this content folder
    pelican: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    date_window: DateWindow = field(default_factory=DateWindow.from_setting)  # SITREP_DATE_RANGE

    def urls(self) -> list[str]:
        """The URLs the built site is served under, SITEURL first."""
        return [u for u in (self.site_url, self.feed_domain) if u]


def load(settings_file: str | Path | None = DEFAULT_SETTINGS, *, content: str | Path | None = None,
         output: str | Path | None = None, required: bool = False) -> SiteConfig:
    """The site described by ``settings_file`` (``content``/``output`` override PATH/OUTPUT_PATH).

    Without a settings file (``required`` False) the project layout around the
    working folder is assumed: ``content/``, ``output/``, ``data/``, ``.sitrep-cache/``."""
    overrides: dict[str, Any] = {}
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if output:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())
    path = Path(settings_file) if settings_file else None
    if path is None or not path.is_file():
        if required or (path is not None and path.name != DEFAULT_SETTINGS):
            raise SitrepError(f"settings file {settings_file} not found\n"
                              "  how to fix: run from the project folder or pass --settings FILE")
        root = Path.cwd()
        settings = {"PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"), "SITEURL": "",
                    **overrides}
        return from_pelican(settings, None, root)
    path = path.resolve()
    # Overrides are applied after Pelican's checks: a content folder that does
    # not exist yet (an import's destination) is not an error here.
    settings = {**read_pelican_settings(path), **overrides}
    return from_pelican(settings, path, path.parent)


def read_pelican_settings(path: Path, override: Mapping[str, Any] | None = None) -> dict:
    """Pelican's ``read_settings``, leaving ``sys.modules`` as it found it.

    Pelican registers a settings file as a module named after the file and keeps it there, so
    in a process that reads more than one (the test suite, a server that builds again) a file
    named publishconf.py elsewhere would stand in for the project's publishconf module that
    other settings files import with ``from publishconf import *``."""
    import sys

    from pelican.settings import read_settings

    name = Path(path).stem
    before = sys.modules.get(name)
    try:
        return read_settings(str(path), override=dict(override or {}))
    finally:
        if before is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = before


def from_pelican(settings: Mapping[str, Any], settings_file: Path | None = None,
                 root: Path | None = None) -> SiteConfig:
    """A SiteConfig from settings Pelican already read (what plugins receive)."""
    root = Path(root or Path(settings.get("PATH") or ".").resolve().parent)
    cache = Path(settings.get("SITREP_CACHE_DIR") or root / ".sitrep-cache")
    content = Path(settings.get("PATH") or root / "content").resolve()
    return SiteConfig(
        settings_file=settings_file,
        root=root,
        content=content,
        output=Path(settings.get("OUTPUT_PATH") or root / "output"),
        data=Path(settings.get("SITREP_DATA_DIR") or root / "data"),
        cache=cache,
        site_url=settings.get("SITEURL") or "",
        feed_domain=settings.get("FEED_DOMAIN") or "",
        search_index=_search_index(settings, cache, content),
        pelican=settings,
        date_window=DateWindow.from_setting(settings.get(DATE_RANGE_SETTING)),
    )


def _search_index(settings: Mapping[str, Any], cache: Path, content: Path) -> Path:
    """$SITREP_SEARCH_INDEX_DIR or the setting of that name; else a folder per
    content folder under the cache, so building another archive (a test's, a
    benchmark's) with the same settings never touches the site's index."""
    import hashlib

    explicit = os.environ.get("SITREP_SEARCH_INDEX_DIR") or settings.get("SITREP_SEARCH_INDEX_DIR")
    if explicit:
        return Path(explicit)
    key = hashlib.sha256(str(content).encode("utf-8")).hexdigest()[:12]
    return cache / "whoosh" / key
