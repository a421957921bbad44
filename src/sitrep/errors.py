"""Errors an editor can act on: each names the file, the line and the fix."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class for errors that Sitrep reports to a person."""


class FileError(SitrepError):
    """A file (report, data, digest) cannot be used as it stands."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text


class ReportError(FileError):
    """A report file cannot be used as written."""

    def __init__(self, path: str, line: int | None, message: str, hint: str = ""):
        super().__init__(path, message, hint, line)


class DataError(FileError):
    """Taxonomy or gazetteer data (TOML an editor maintains) is invalid."""
