"""What every attack of the re-run shares: the ``sitrep`` command in a child
process under a timeout and a memory limit, small real builds into a scratch
folder that reuse one compiled gazetteer, a batch child that drives
:func:`sitrep.cli.main` over many argument lists (hundreds of queries without
hundreds of Python start-ups), and a tally of results per attack class.

Why a child per attack and ``setrlimit`` in it: a hang or a blow-up must fail
the one attack that caused it (killed at the timeout, or ``MemoryError`` at the
limit), not the run."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import FIXTURES, ROOT, seed_cache, write_settings  # noqa: E402 (the tests' own helpers)

MEMORY_LIMIT = 3 * 1024 ** 3  # bytes of address space a child may map (the 5,000-bullet run took 3.5 GB)
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
       "COLUMNS": "400", "SITREP_NU_CHECKER": "off"}


# ----------------------------------------------------------------------------- results


@dataclass
class Result:
    """One input tried: passed or not, why, and whether an editor's words were lost."""

    attack: str
    passed: bool
    reason: str = ""
    lost: int = 0


@dataclass
class Tally:
    results: list[Result] = field(default_factory=list)

    def add(self, attack: str, passed: bool, reason: str = "", lost: int = 0) -> Result:
        result = Result(attack, bool(passed), reason, lost)
        self.results.append(result)
        return result

    def check(self, attack: str, failures: list[str], lost: int = 0) -> Result:
        """Passed when no failure was found; the reason is the first few."""
        return self.add(attack, not failures and not lost, "; ".join(failures[:3])[:300], lost)


# ----------------------------------------------------------------------------- children


def _limits(memory: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.setsid()  # its own process group: a timeout kills the build's workers too
    return apply


@dataclass
class Run:
    code: int | None  # None: killed at the timeout
    out: str
    seconds: float

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.out


def run(argv: list[str], timeout: float = 120, cwd: Path = ROOT, memory: int = MEMORY_LIMIT,
        stdin: str | None = None) -> Run:
    """``argv`` in a child with a memory limit; killed (with its group) past ``timeout``."""
    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace", preexec_fn=_limits(memory),
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
    try:
        out, _ = proc.communicate(stdin, timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, _ = proc.communicate()
        code = None
    return Run(code, out, time.monotonic() - started)


def sitrep(*args: str, timeout: float = 120, cwd: Path = ROOT, memory: int = MEMORY_LIMIT) -> Run:
    return run([sys.executable, "-m", "sitrep.cli", *args], timeout, cwd, memory)


def invoke(*args: str, timeout: float = 120) -> Run:
    return run([sys.executable, "-m", "invoke", *args], timeout)


BATCH = Path(__file__).with_name("batch_child.py")


def sitrep_batch(argvs: list[list[str]], per_call: float = 20, memory: int = MEMORY_LIMIT) -> list[dict]:
    """Each argument list through ``sitrep.cli.main`` in one child (memory
    limit for the child, an alarm per call): [{code, out, seconds}] in order;
    a call that hangs or crashes the child shows as code None."""
    results: list[dict] = []
    while len(results) < len(argvs):
        rest = argvs[len(results):]
        proc = run([sys.executable, str(BATCH), str(per_call)], timeout=per_call * len(rest) + 60, memory=memory,
                   stdin=json.dumps(rest))  # on stdin: hundreds of long queries pass the limit of a command line
        done = [json.loads(line[6:]) for line in proc.out.splitlines() if line.startswith("@@RES ")]
        results += done
        if len(done) < len(rest):  # the child died on the next call: count it, go on after it
            results.append({"code": None, "out": proc.out[-2000:], "seconds": 0.0})
    return results


# ----------------------------------------------------------------------------- builds


@dataclass
class Site:
    """A build's own folder: content, settings, cache, Whoosh index, output."""

    base: Path

    @property
    def content(self) -> Path:
        return self.base / "content"

    @property
    def cache(self) -> Path:
        return self.base / "cache"

    @property
    def index(self) -> Path:
        return self.base / "whoosh"

    @property
    def output(self) -> Path:
        return self.base / "output"

    @property
    def settings(self) -> Path:
        return self.base / "settings.py"

    def build_argv(self) -> list[str]:
        return ["build", "--settings", str(self.settings), "--output", str(self.output), "--quiet"]

    def build(self, timeout: float = 300) -> Run:
        return sitrep(*self.build_argv(), timeout=timeout)

    def search(self, query: str, *extra: str) -> Run:
        return sitrep("search", "--settings", str(self.settings), "--index", str(self.index), "--json", "--limit",
                      "200", *extra, "--", query, timeout=60)


def new_site(base: Path, seed_from: Path | None, extra_reports: Path | None = None, base_conf: str = "pelicanconf",
             **settings) -> Site:
    """A fresh site folder: the fixture archive (plus ``extra_reports``), its settings and a seeded cache."""
    site = Site(base)
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(FIXTURES / "archive", site.content)
    if extra_reports is not None:
        shutil.copytree(extra_reports, site.content / "reports", dirs_exist_ok=True)
    cache = seed_cache(seed_from, site.cache) if seed_from is not None else site.cache  # hard links: builds replace
    write_settings(site.settings, base_conf, PATH=site.content, SITREP_CACHE_DIR=cache,
                   SITREP_SEARCH_INDEX_DIR=site.index, **settings)
    return site


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (links followed) and the digest of its bytes."""
    root = root.resolve()
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def said(run_: Run, *needles: str) -> list[str]:
    """What is wrong with a refusal: no traceback, and every needle said."""
    problems = ["a traceback"] if run_.traceback else []
    return problems + [f"did not say {n!r}" for n in needles if n not in run_.out]
