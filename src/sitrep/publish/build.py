"""Run a Pelican build safely: into a fresh directory, swapped in only on success.

This is the one module of the core that drives Pelican. A build that logs
any error (a bad report, a template error) fails as a whole and the
previous ``output/`` stays exactly as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.files.processes import pid_alive
from sitrep.search.build import wait_all

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


class _Collector(logging.Handler):
    """Remembers every warning and error logged during the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            # Pelican's "Could not process X" follows the reader's precise
            # message for reports, and is the only trace for other content.
            self.errors.append(message)
        else:
            self.warnings.append(message)


def build(settings_file: Path, output: Path | None = None, overrides: dict | None = None) -> BuildResult:
    """Build the site described by ``settings_file`` into ``output``."""
    from pelican import Pelican
    from pelican.settings import read_settings

    started = time.perf_counter()
    settings_file = Path(settings_file).resolve()
    probe = read_settings(str(settings_file), override=overrides or {})
    output = Path(output or probe["OUTPUT_PATH"]).resolve()
    _remove_leftovers(output)
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    settings = read_settings(
        str(settings_file),
        override={**(overrides or {}), "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False},
    )
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        pelican = Pelican(settings)
        pelican.run()
    except Exception as err:  # a template or plugin crash: report it, keep output/
        collector.errors.append(f"{type(err).__name__}: {err}")
    finally:
        root.removeHandler(collector)
    if collector.errors:
        wait_all()  # a search build still writing into staging
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_without_echoes(collector.errors), _display(output))
    _swap_in(staging, output)
    pages = sum(1 for _ in output.rglob("*.html"))
    reports = sum(1 for _ in (output / "reports").glob("*/index.html")) if (output / "reports").exists() else 0
    items = sum(1 for _ in (output / "reports").glob("*/*/index.html")) if (output / "reports").exists() else 0
    return BuildResult(output, time.perf_counter() - started, reports, items, pages, collector.warnings)


def _display(path: Path) -> str:
    """The output folder as the user knows it: relative to where they are."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _remove_leftovers(output: Path) -> None:
    """Staging and previous directories of builds that were killed."""
    for path in output.parent.glob(f".{output.name}.*-*"):
        kind, _, pid = path.name.rpartition("-")
        if kind.endswith((".building", ".previous")) and pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames on one filesystem."""
    previous = output.with_name(f".{output.name}.previous-{os.getpid()}")
    if output.exists():
        os.replace(output, previous)
    os.replace(staging, output)
    shutil.rmtree(previous, ignore_errors=True)
