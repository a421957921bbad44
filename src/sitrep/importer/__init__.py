"""Import digests saved as plain text or HTML into report files.

``file_import`` imports one digest (``import_file``): ``text_digest`` and
``html_digest`` read it, ``digest`` cuts it into developments, ``boilerplate``
drops what is not news (rules in ``data/import/boilerplate.toml``), ``dates``
finds its day; ``writer`` and ``markdown_out`` write the report, ``store``
puts it into ``content/`` and ``merge`` merges a re-import into a report an
editor changed (``report_parts`` cuts a report into the parts it merges).
``cli`` is ``sitrep import``.

``import_file``, ``ImportResult`` and ``DigestImportError`` are loaded on
first use (PEP 562): every ``sitrep`` command declares its arguments by
importing :mod:`sitrep.importer.cli`, and none should pay for Beautiful Soup
and Markdown before it runs.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["DigestImportError", "ImportResult", "import_file"]

_HOMES = {"import_file": "sitrep.importer.file_import", "ImportResult": "sitrep.importer.file_import",
          "DigestImportError": "sitrep.importer.digest"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
