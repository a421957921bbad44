"""Values as bytes that depend only on what the values hold.

A digest of a value (a page's fingerprint, the signature of a window of
reports) must be the same for equal values in two builds. Pickle is the
fastest way to turn a graph of data classes into bytes (it runs in C), but
its memo writes a second reference to one object as a back-reference, so two
equal items give other bytes when one shares a string between two fields and
the other does not (a report read back from the cache shares strings
otherwise than one just parsed). Without the memo ("fast" mode) every value
is written out in full, so equal values give equal bytes; fast mode refuses
cyclic data, which none of these values are.
"""

from __future__ import annotations

import io
import pickle
from typing import Any


def stable_bytes(value: Any) -> bytes:
    """``value`` pickled without the pickler's memo (see the module)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()
