"""Compiled templates kept between builds (Jinja's bytecode cache).

Every build compiles each template of the theme again before it knows that no
page has to be rendered: a fixed cost of a rebuild, whatever changed. Jinja's
bytecode cache checks each template's source by checksum, but not the options
the environment compiles with (trim_blocks, autoescape, extensions...), so the
cache folder is named by a digest of those options and of the Jinja version: a
changed option means another folder, never a stale template.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sitrep.files.atomic import write_text


def pelican_cache_path(settings: dict, settings_file: Path) -> str:
    """Where Pelican's caches go (CACHE_PATH: the compiled templates, the parsed theme).
    Settings that leave it at Pelican's default get a folder in Sitrep's cache: Pelican's
    default is a "cache" folder of whatever directory the build runs in, so every build
    started elsewhere (a test, a cron job) left compiled templates there, and it grew
    without bound."""
    from pelican.settings import DEFAULT_CONFIG

    from sitrep.config.settings import from_pelican

    path = settings.get("CACHE_PATH")
    if path and path != DEFAULT_CONFIG["CACHE_PATH"]:
        return str(path)
    return str(from_pelican(settings, settings_file, settings_file.parent).cache / "pelican")


def with_bytecode_cache(jinja_env: dict, cache_path: str | None) -> dict:
    """``JINJA_ENVIRONMENT`` with a bytecode cache under ``cache_path``; unchanged
    when there is no cache path or an option cannot be named by value (a callable)."""
    if not cache_path or "bytecode_cache" in jinja_env or any(callable(v) for v in jinja_env.values()):
        return jinja_env
    import jinja2
    from jinja2 import FileSystemBytecodeCache

    key = repr((jinja2.__version__, sorted((k, repr(v)) for k, v in jinja_env.items())))
    folder = Path(cache_path) / "jinja" / hashlib.sha256(key.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    return {**jinja_env, "bytecode_cache": FileSystemBytecodeCache(str(folder))}


class ParseStore(dict):
    """What each template source refers to and reads (:func:`sitrep.publish.fingerprint._parse`),
    kept in a JSON file between builds: parsing the theme is otherwise done again on
    every build, before a single page is known to be unchanged. Keys are digests of
    the source, the parser's syntax and Jinja's version, so an entry is never stale;
    an unreadable file is an empty store."""

    def __init__(self, path: Path | None):
        super().__init__()
        self.path = path
        if path is not None:
            try:
                self.update(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                pass
        self._loaded = len(self)

    def save(self) -> None:
        """Write the store when it learnt something (atomically: builds may run side by side)."""
        if self.path is None or len(self) == self._loaded:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text(self.path, json.dumps(self, sort_keys=True))


class RememberedDates:
    """A date filter (Pelican's ``strftime``: the date and a format -> text) that
    formats each date once per format and process. Pelican's sets the locale twice
    and parses the format for every call, and a full build calls it for every item
    row of every list: about 1 s of CPU at 1,000 reports, for a few thousand
    distinct dates. The filter's locale is fixed when it is made, so its answer
    depends on the date and the format only; a date's time zone is in the key by
    identity (equal instants in two zones print apart). Anything that is not
    hashable goes to the filter as it is."""

    def __init__(self, formatter):
        self.formatter = formatter
        self._made: dict[tuple, str] = {}

    def __call__(self, date, date_format):
        try:
            key = (type(date), date, id(getattr(date, "tzinfo", None)), getattr(date, "fold", 0), date_format)
            found = self._made.get(key)
        except TypeError:  # unhashable
            return self.formatter(date, date_format)
        if found is None:
            found = self._made[key] = self.formatter(date, date_format)
        return found
