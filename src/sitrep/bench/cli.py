"""The developer's sub-commands of ``sitrep``: bench (numbers) and test (the suite, as CI runs it).

Each command is an options dataclass, a handler and an ``add_*`` function
that declares its arguments; :mod:`sitrep.cli` assembles them. Both measure
or check the project rather than build a site, so they live beside the
benchmarks.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sitrep.config.arguments import SubParsers, add_command, positive_int, settings_arg
from sitrep.config import DEFAULT_SETTINGS, load
from sitrep.errors import SitrepError


@dataclass
class BenchOptions:
    reports: int = 0
    markdown: str | None = None
    workdir: str | None = None
    settings: str = DEFAULT_SETTINGS


@dataclass
class TestOptions:
    match: str | None = None
    fast: bool = False
    settings: str = DEFAULT_SETTINGS


def cmd_bench(o: BenchOptions) -> int:
    from sitrep.bench.builds import run_bench

    conf = load(o.settings)
    print(run_bench(conf, o.reports, Path(o.markdown) if o.markdown else None,
                    Path(o.workdir) if o.workdir else None))
    return 0


def cmd_test(o: TestOptions) -> int:
    """pytest on the project's tests/ in a process of its own (as CI runs it)."""
    import importlib.util
    import subprocess

    if importlib.util.find_spec("pytest") is None:
        raise SitrepError("pytest is not installed\n  how to fix: pip install -e '.[test]'")
    tests = load(o.settings).root / "tests"
    args = [*(["-k", o.match] if o.match else []), *(["-m", "not slow"] if o.fast else [])]
    # pytest-xdist: one worker per core, a test file per worker (not within a worker: a test of this command)
    if importlib.util.find_spec("xdist") is not None and "PYTEST_XDIST_WORKER" not in os.environ:
        args += ["-n", "auto", "--dist", "loadfile"]
    return subprocess.call([sys.executable, "-m", "pytest", str(tests), *args], cwd=tests.parent)


def add_bench(sub: SubParsers) -> None:
    p = add_command(sub, "bench", cmd_bench, BenchOptions,
                    "tagging throughput; with --reports N, full and incremental builds beside plain Pelican")
    p.add_argument("--reports", type=positive_int, default=0, help="generate N reports and time builds")
    p.add_argument("--markdown", help="also write the tables as Markdown to this file")
    p.add_argument("--workdir", help="scratch folder for the generated archive (default: a temporary one)")
    settings_arg(p)


def add_test(sub: SubParsers) -> None:
    p = add_command(sub, "test", cmd_test, TestOptions, "run the test suite (needs the test extra)")
    p.add_argument("-k", "--match", help="only tests whose names match this pytest -k expression")
    p.add_argument("--fast", action="store_true", help="leave out the slow tests (whole-site builds, browsers)")
    settings_arg(p)
