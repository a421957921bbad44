"""Run a Pelican build safely: into a fresh directory, made live in one step.

This is the one module of the core that drives Pelican. ``output`` is a
symbolic link to the live build, ``.output.builds/<id>/``; a new build is
written beside it, carrying unchanged files over from the live one (hard
links, :mod:`sitrep.publish.render`), and goes live when the link is replaced
by one rename, which is atomic (a build that changed nothing leaves the live
one in place and drops its own): a reader, a web server or a build killed at any
moment sees the old site or the new one, never a mix and never nothing. A build
that logs any error (a bad report, a template error) fails as a whole and the
live site stays exactly as it was. One build at a time writes an output folder
(a lock beside it); builds of other folders run freely.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sitrep.config.settings import read_pelican_settings
from sitrep.errors import SitrepError
from sitrep.files.atomic import remove_abandoned
from sitrep.files.collector import survivors_frozen
from sitrep.files.processes import pid_alive
from sitrep.files.trash import discard_later, empty_trash
from sitrep.publish.render_manifest import manifest_path
from sitrep.publish.spare import Scrubbing, keep_as_spare, recycles, start_scrub, take_spare, written_outside
from sitrep.publish.template_cache import pelican_cache_path, with_bytecode_cache
from sitrep.search.build import wait_all
from sitrep.search.export import DATA_DIR

logger = logging.getLogger("sitrep")


class BuildFailed(SitrepError):
    def __init__(self, errors: list[str], output: Path | str = "output"):
        self.errors = errors
        lines = "\n".join(f"- {e}" for e in errors)
        super().__init__(f"the build failed with {len(errors)} error(s); {output}/ was left untouched:\n{lines}")


def _without_echoes(errors: list[str]) -> list[str]:
    """Drop Pelican's "Could not process X" when an earlier message already
    names X with its line and fix; keep it when it is the only trace."""
    prefix = "Could not process "

    def names(message: str, rel: str) -> bool:  # "reports/a.md" names ".../reports/a.md:3", not "old-reports/a.md"
        return re.search(rf"(?:^|[/\\\s]){re.escape(rel)}(?::|$|\s)", message) is not None

    return [e for e in errors
            if not (e.startswith(prefix) and any(names(other, e[len(prefix):]) for other in errors if other != e))]


@dataclass
class BuildResult:
    output: Path
    seconds: float
    reports: int
    items: int
    pages: int
    warnings: list[str] = field(default_factory=list)
    rendered: int = 0
    carried: int = 0
    files: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    up_to_date: bool = False  # nothing the build reads changed since the last good build: no work done


class _Collector(logging.Handler):
    """Remembers every warning and error logged during the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.about_inputs: list[str] = []  # the warnings a build of the same inputs would give again

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            # Pelican's "Could not process X" follows the reader's precise
            # message for reports, and is the only trace for other content.
            self.errors.append(message)
        else:
            self.warnings.append(message)
            if not record.name.startswith(_ABOUT_THIS_RUN):
                self.about_inputs.append(message)


# Loggers whose warnings are about one run (a damaged cache discarded), not about the site's inputs.
_ABOUT_THIS_RUN = ("sitrep.cache",)


def builds_dir(output: Path) -> Path:
    """Where an output folder's builds live: ``.output.builds/`` beside it."""
    return output.with_name(f".{output.name}.builds")


def trash_dir(output: Path) -> Path:
    """Where replaced builds wait to be removed in the background: ``.output.trash/`` beside it."""
    return output.with_name(f".{output.name}.trash")


def live_build(output: Path) -> Path | None:
    """The directory the live site is in: the link's target, or a plain folder."""
    if output.is_symlink():
        target = output.resolve()
        return target if target.is_dir() else None
    return output if output.is_dir() else None


def build(settings_file: Path, output: Path | None = None, overrides: dict | None = None,
          jobs: int | None = None, progress=None) -> BuildResult:
    """Build the site described by ``settings_file`` into ``output``."""
    from pelican import Pelican

    started = time.perf_counter()
    settings_file = Path(settings_file).resolve()
    probe = read_pelican_settings(settings_file, overrides)
    output = Path(os.path.abspath(output or probe["OUTPUT_PATH"]))
    with _lock(output):
        _remove_leftovers(output)
        previous = live_build(output)
        last = _LastBuild.of(probe, settings_file, output)
        if last.current(previous):
            return last.replayed(output, time.perf_counter() - started)
        last.forget()  # this build changes the search index and caches: an old stamp would lie
        # Microseconds: two builds of one process within a second (a fast small site) get two folders.
        staging = builds_dir(output) / f"{datetime.now().strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}"
        recycled = None  # the pages the staging folder already holds (sitrep.publish.spare)
        report: dict = {}  # filled by the plugins: what the build wrote
        try:
            if previous is not None and recycles(probe) and take_spare(builds_dir(output), staging):
                recycled = start_scrub(staging, previous, written_outside(probe), trash_dir(output), jobs,
                                       wholesale=(DATA_DIR,))
            else:
                staging.mkdir(parents=True)
            settings = read_pelican_settings(
                settings_file,
                {**(overrides or {}), "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False,
                 "SITREP_PREVIOUS_OUTPUT": str(previous) if previous else None, "SITREP_RECYCLED": recycled,
                 "SITREP_JOBS": jobs, "SITREP_PROGRESS": progress, "SITREP_BUILD_REPORT": report},
            )
            settings["CACHE_PATH"] = pelican_cache_path(settings, settings_file)
            settings["JINJA_ENVIRONMENT"] = with_bytecode_cache(settings.get("JINJA_ENVIRONMENT") or {},
                                                                settings["CACHE_PATH"])
        except BaseException:  # a spare that could not be cleared is not kept for the next build to fail on
            if isinstance(recycled, Scrubbing):
                recycled.wait()
            if staging.is_dir():
                discard_later(staging, trash_dir(output))
            raise
        collector = _Collector()
        root = logging.getLogger()
        root.addHandler(collector)
        try:
            with survivors_frozen():
                Pelican(settings).run()
        except Exception as err:  # a template or plugin crash: report it, keep output/
            collector.errors.append(f"{type(err).__name__}: {err}")
        finally:
            root.removeHandler(collector)
            if isinstance(recycled, Scrubbing):
                recycled.wait()  # nothing may clear the folder once it is set aside
        if collector.errors:
            wait_all()  # a search build still writing into staging
            if isinstance(recycled, Scrubbing) and recycled.failed:
                discard_later(staging, trash_dir(output))  # else the next build takes it again and fails alike
            else:
                _set_aside(staging, output)
            raise BuildFailed(_without_echoes(collector.errors), _display(output))
        stats = report.get("render")
        if stats is not None and stats.unchanged:  # the live build is this build, file for file
            _set_aside(staging, output)
        else:
            _go_live(staging, output, previous)
        result = BuildResult(output, time.perf_counter() - started, 0, 0, 0, collector.warnings)
        _count(result, stats)
        last.remember(live_build(output), result, collector.about_inputs)
    return result


class _LastBuild:
    """The stamp of the last good build of an output folder (:mod:`sitrep.publish.inputs`):
    a build made of the same inputs whose output and search index are still there
    has nothing to do, and says what the last one said."""

    def __init__(self, inputs: str | None, stamp_file: Path, search_index: Path):
        self.inputs, self.stamp_file, self.search_index = inputs, stamp_file, search_index
        self.stamp = None  # the last good build's stamp, once current() has read it

    @classmethod
    def of(cls, settings, settings_file: Path, output: Path) -> _LastBuild:
        from sitrep.config.settings import from_pelican
        from sitrep.publish.inputs import build_folders, input_digest, stamp_path

        conf = from_pelican(settings, settings_file, settings_file.parent)
        inputs = input_digest({**settings, "OUTPUT_PATH": str(output)}, settings_file,
                              build_folders(settings, conf.content, conf.data))
        return cls(inputs, stamp_path(conf.cache, output), conf.search_index)

    def current(self, live: Path | None) -> bool:
        from sitrep.publish.inputs import read_stamp

        self.stamp = read_stamp(self.stamp_file) if self.inputs else None
        return self.stamp is not None and self.stamp.still_current(self.inputs, live, self.search_index)

    def replayed(self, output: Path, seconds: float) -> BuildResult:
        for message in self.stamp.warnings:
            logger.warning(message)
        counts = {k: v for k, v in self.stamp.counts.items() if k in _COUNTS}
        return BuildResult(output=output, seconds=seconds, warnings=list(self.stamp.warnings),
                           rendered=0, carried=counts.get("files", 0), up_to_date=True, **counts)

    def forget(self) -> None:
        self.stamp_file.unlink(missing_ok=True)

    def remember(self, live: Path | None, result: BuildResult, warnings: list[str]) -> None:
        from sitrep.publish.inputs import Stamp, record_checksum, write_stamp

        if self.inputs is None or live is None:
            return
        counts = {k: getattr(result, k) for k in _COUNTS}
        write_stamp(self.stamp_file, Stamp(self.inputs, str(live), str(self.search_index), warnings, counts,
                                           record_checksum(live)))


_COUNTS = ("reports", "items", "pages", "files", "by_kind")


def _count(result: BuildResult, stats) -> None:
    """Pages, reports and items of the build, from what it wrote."""
    if stats is None:
        return
    result.rendered, result.carried, result.files = stats.rendered, stats.carried, stats.outputs
    result.by_kind = stats.by_kind
    result.pages = sum(n for kind, (n, _) in stats.by_kind.items() if "pages" in kind or "by month" in kind)
    result.reports = stats.by_kind.get("report pages", [0, 0])[0]
    result.items = stats.by_kind.get("item pages", [0, 0])[0]


def _display(path: Path) -> str:
    """The output folder as the user knows it: relative to where they are."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def _lock(output: Path):
    """One build at a time per output folder; others wait, saying so."""
    output.parent.mkdir(parents=True, exist_ok=True)
    path = output.with_name(f".{output.name}.lock")
    with open(path, "a+") as fp:
        try:
            fcntl.flock(fp, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fp.seek(0)
            holder = fp.read().strip() or "another process"
            print(f"Waiting for the build of {_display(output)}/ by {holder} to finish...", file=sys.stderr)
            fcntl.flock(fp, fcntl.LOCK_EX)
        fp.seek(0)
        fp.truncate()
        fp.write(f"pid {os.getpid()}")
        fp.flush()
        try:
            yield
        finally:
            fcntl.flock(fp, fcntl.LOCK_UN)


def _go_live(staging: Path, output: Path, previous: Path | None) -> None:
    """Point ``output`` at the new build with one rename, then drop the old build."""
    link = output.with_name(f".{output.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(staging, output.parent), link)
    if output.exists() and not output.is_symlink():
        # A plain folder (a site built before builds were linked): moved aside
        # once; from then on every switch is a single rename.
        legacy = builds_dir(output) / f"legacy-{os.getpid()}"
        os.replace(output, legacy)
        previous = legacy
    os.replace(link, output)
    if previous is None or previous == staging:
        return
    if not _made_here(previous, output):
        # ``output`` was a link someone made by hand (to a web server's folder, say): what it pointed
        # at is theirs, not a build of ours, and stays where it is with what it holds.
        logging.getLogger("sitrep.build").warning(
            "%s was a link to %s, a folder Sitrep did not make: the link now points to the new build, and %s "
            "is left as it was (to publish into a folder elsewhere, use invoke deploy)",
            _display(output), previous, previous)
        return
    # Nothing reads the old tree any more: the next build writes over it (sitrep.publish.spare).
    _set_aside(previous, output)


def _set_aside(tree: Path, output: Path) -> None:
    """A tree that is not live: kept as the spare the next build writes over."""
    manifest_path(tree).unlink(missing_ok=True)
    keep_as_spare(tree, builds_dir(output), trash_dir(output))


def _made_here(previous: Path, output: Path) -> bool:
    """Whether the replaced live tree is one of the builds kept beside ``output``
    (a legacy plain folder is moved there first): only those may be removed."""
    return previous.resolve().parent == builds_dir(output).resolve()


def _discard(build_dir: Path) -> None:
    shutil.rmtree(build_dir, ignore_errors=True)
    Path(str(build_dir) + ".manifest.json").unlink(missing_ok=True)


def _remove_leftovers(output: Path) -> None:
    """Builds of killed processes, links they left half made, old builds a killed remover left."""
    empty_trash(trash_dir(output))
    live = live_build(output)
    builds = builds_dir(output)
    if builds.is_dir():
        remove_abandoned(builds)  # a manifest half written by a killed build
        for path in builds.iterdir():
            if path.suffix == ".json" or path == live:
                continue
            pid = path.name.rpartition("-")[2]
            if pid.isdigit() and not pid_alive(int(pid)):
                _discard(path)
    for path in output.parent.glob(f".{output.name}.link-*"):
        pid = path.name.rpartition("-")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            path.unlink(missing_ok=True)
    for path in output.parent.glob(f".{output.name}.building-*"):  # the old layout's staging folders
        pid = path.name.rpartition("-")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
