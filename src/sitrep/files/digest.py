"""A digest of the source code a cache's contents are made by.

Every cache of Sitrep (compiled gazetteer, tag sets, parsed reports, the
Whoosh index) is keyed on the code that fills it, so an upgrade never serves
results of the old code. Callers name *modules* (or whole packages), not file
paths: a module that moves is still found, and a package's new module is
covered without anyone remembering to list it. Only source bytes are hashed,
so a move that changes no code keeps every cache valid.

The digest is taken once per process: a long-running ``invoke regenerate``
whose sources are edited under it keeps filing results under the key of the
code it actually runs.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
from pathlib import Path


def _sources(module_name: str) -> list[Path]:
    module = importlib.import_module(module_name)
    path = Path(module.__file__)
    if path.name == "__init__.py":  # a package: every module in it, its subpackages' too
        # (``code_digest("sitrep")``, the build stamp's, once saw only sitrep/*.py: an edit of
        # sitrep.pages or sitrep.publish left a no-change rebuild serving the old code's pages)
        return sorted(path.parent.rglob("*.py"))
    return [path]


@functools.cache
def code_digest(*module_names: str, leave_out: tuple[str, ...] = ()) -> bytes:
    """sha256 over the source of each named module (a package: all its modules
    but those named in ``leave_out``: its command line, say, which makes nothing cached)."""
    skip = {Path(importlib.util.find_spec(name).origin) for name in leave_out}
    h = hashlib.sha256()
    for name in module_names:
        for source in _sources(name):
            if source in skip:
                continue
            data = source.read_bytes()
            h.update(len(data).to_bytes(8, "big") + data)
    return h.digest()
