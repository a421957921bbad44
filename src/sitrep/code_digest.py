"""A digest of the source files a cache's contents are made by.

Every cache of Sitrep (compiled gazetteer, tag sets, parsed reports, the
Whoosh index) is keyed on the code that fills it, so an upgrade never serves
results of the old code. The digest is taken once per process: a long-running
``invoke regenerate`` whose sources are edited under it keeps filing results
under the key of the code it actually runs.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent


@functools.cache
def code_digest(*names: str) -> bytes:
    """sha256 over the name and bytes of each file, relative to the package."""
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode() + b"\0" + (PACKAGE / name).read_bytes())
    return h.digest()
