"""The outlines of the wide map frames, kept between builds.

Cutting land, coast and borders to a frame (:mod:`sitrep.pages.maps.outlines`)
is most of the time of a map of a theatre or of every place (40-50 ms each at
1,000 reports). Those maps are drawn again on every build that adds a report,
since their counts change, while their frame (the extent of their places)
rarely does. So the outlines of a frame wider than ``WIDE`` are kept, one file
per frame and focus, in a folder named by the maps' drawing digest (this
package's code and the base map's data): a change to either is another
folder, never stale outlines. A place's own map (a small frame, 3 ms) is cut
afresh, thousands of files for little, from the base map thinned at its scale,
which is kept in the same folder: thinning it took 0.15 s of each process of
every build that draws a place map, reading it back takes a tenth of that. A
file that cannot be read is made afresh and written again.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from sitrep.files.atomic import write_bytes
from sitrep.pages.maps.basemap import Basemap
from sitrep.pages.maps.outlines import land_paths, line_paths, place_frame, thinned_for_places
from sitrep.pages.maps.projection import Frame

WIDE = 0.15  # frame width (earth radii) from which outlines are kept; a place's own map is 0.056
FOLDER = "map-outlines"
PLACE_BASE = "place-base.pickle"  # the base map thinned for a place's own map, in the digest's folder


@dataclass(frozen=True, slots=True)
class Outlines:
    """What a map draws of the base map in one frame (see :mod:`sitrep.pages.maps.outlines`)."""

    land: list[tuple]
    coast: str
    borders: str


def cut(base: Basemap, frame: Frame, focus: Iterable[str],
        thinned_base: Callable[[Basemap], Basemap] = thinned_for_places) -> Outlines:
    """The outlines of ``frame``, with the countries ``focus`` shaded. A place's own map
    draws on the base map thinned once for all of them (``thinned_base``)."""
    if place_frame(frame):
        thinned = thinned_base(base)
        return Outlines(land_paths(thinned, frame, set(focus), thin=False),
                        line_paths(thinned.coast, frame, thin=False), line_paths(thinned.borders, frame, thin=False))
    return Outlines(land_paths(base, frame, set(focus)), line_paths(base.coast, frame),
                    line_paths(base.borders, frame))


class OutlineStore:
    """Outlines of the base map (:func:`~sitrep.pages.maps.basemap.load_basemap`'s
    default, the one the drawing digest covers), kept under a cache folder."""

    def __init__(self, cache_dir: Path | str):
        self.cache_dir = Path(cache_dir)
        self._folder: Path | None = None
        self._place_base: tuple[Basemap, Basemap] | None = None  # (base map, thinned for places)

    def outlines(self, base: Basemap, frame: Frame, focus: Iterable[str]) -> Outlines:
        """The outlines of ``frame``: read back when kept, else cut (and kept if the frame is wide)."""
        focus = sorted(focus)
        if frame.x1 - frame.x0 <= WIDE:
            return cut(base, frame, focus, self.thinned_for_places)
        path = self.folder() / f"{_frame_key(frame, focus)}.pickle"
        found = _read(path, Outlines)
        if found is None:
            found = cut(base, frame, focus, self.thinned_for_places)
            _keep(path, found)
        return found

    def thinned_for_places(self, base: Basemap) -> Basemap:
        """:func:`~sitrep.pages.maps.outlines.thinned_for_places`, read back when kept."""
        if self._place_base is None or self._place_base[0] is not base:
            path = self.folder() / PLACE_BASE
            found = _read(path, Basemap)
            if found is None:
                found = thinned_for_places(base)
                _keep(path, found)
            self._place_base = (base, found)
        return self._place_base[1]

    def folder(self) -> Path:
        """This drawing digest's folder; the folders of other digests are removed when it is made."""
        if self._folder is None:
            from sitrep.pages.maps import drawing_digest  # the package imports this module

            root = self.cache_dir / FOLDER
            folder = root / drawing_digest().hex()[:16]
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True)
                for old in root.iterdir():
                    if old != folder:
                        shutil.rmtree(old, ignore_errors=True)
            self._folder = folder
        return self._folder


def _frame_key(frame: Frame, focus: list[str]) -> str:
    """Everything the outlines of a frame depend on but the code and data: the
    projection, the frame's corners, its box in degrees, the countries shaded."""
    p = frame.proj
    what = (p.lon0, p.n, p.f, p.rho0, frame.x0, frame.y0, frame.x1, frame.y1, tuple(frame.lonlat_box), focus)
    return hashlib.sha256(repr(what).encode()).hexdigest()[:32]


def _read(path: Path, kind: type) -> Any:
    """The ``kind`` kept at ``path``, or None when missing or damaged (made afresh)."""
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # missing, or damaged: made afresh
        return None
    return found if isinstance(found, kind) else None


def _keep(path: Path, value: Any) -> None:
    """Keep ``value`` at ``path`` for later builds; a read-only or full cache only costs time."""
    try:
        write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only or full cache only costs time
        pass
