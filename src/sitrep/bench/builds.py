"""Benchmarks that print numbers (``invoke bench``); never timed unit tests.

Each figure is measured in the same run as its point of comparison, since
the machines are shared and noisy: compare ratios, not absolute times.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sitrep.reports.file import read_report


@dataclass
class Row:
    name: str
    value: str
    note: str = ""


def _sample_items(content: Path):
    items = []
    for path in sorted(content.rglob("*.md")):
        items.extend(read_report(path).items)
    return items


def _load_seconds(data_dir: Path, cache_dir: Path) -> float:
    """Seconds to import Sitrep and load the tagger, in a fresh process."""
    code = (
        "import time,sys; t=time.perf_counter(); from pathlib import Path; "
        "from sitrep.tagging import load_tagger; "
        f"load_tagger(Path({str(data_dir)!r}), Path({str(cache_dir)!r})); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


LONG_ITEMS = Path("tests") / "evaluation" / "dev"  # the labelled dev split, of which the 200-500-word items


def _long_items(root: Path) -> list[tuple[str, str, object]]:
    """(headline, body, date) of the long labelled items: the length of real newsroom
    items (~300 words), which the throughput target is set for."""
    from sitrep.tagging.evaluate import band, load_labelled, record_date

    path = Path(root) / LONG_ITEMS
    if not path.exists():
        return []
    return [(r["headline"], r["body"], record_date(r)) for r in load_labelled(path) if band(r) == "long"]


def _throughput(tagger, items: list[tuple[str, str, object]], min_seconds: float,
                explain: bool = False) -> Row | None:
    """Items per second on one core (CPU time of this process, so other work on a shared
    machine counts less), and the words an item has. Tagged as a build tags (the tags
    only); with ``explain``, as ``invoke tag --explain`` does (with the evidence)."""
    if not items:
        return None
    words = sum(len(h.split()) + len(b.split()) for h, b, _ in items) / len(items)
    tagged = 0
    started = time.process_time()
    while time.process_time() - started < min_seconds:
        for headline, body, date in items:
            tagger.tag(headline, body, None, date, explain=explain)
        tagged += len(items)
    how = ", with evidence" if explain else ""
    return Row(f"tagging throughput, one core ({words:.0f}-word items{how})",
               f"{tagged / (time.process_time() - started):,.0f} items/s",
               f"{len(items)} items, {words:.0f} words/item")


def bench_tagging(data_dir: Path, content: Path, min_seconds: float = 3.0, root: Path | None = None) -> list[Row]:
    """Tagger load time (cold and cached) and single-core throughput on long items
    (the labelled set's 200-500-word ones) and on the sample archive's items."""
    from sitrep.tagging import load_tagger

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cold = _load_seconds(data_dir, cache)
        warm = min(_load_seconds(data_dir, cache) for _ in range(3))
        tagger = load_tagger(data_dir, cache)
    sample = [(i.headline, i.text, i.date) for i in _sample_items(content)]
    long_items = _long_items(root if root is not None else Path(data_dir).parent)
    rows = [
        Row("tagger load, cold (builds the cache)", f"{cold:.2f} s", "fresh process, incl. imports"),
        Row("tagger load, cached", f"{warm:.2f} s", "best of 3 fresh processes, incl. imports"),
        _throughput(tagger, long_items, min_seconds),
        _throughput(tagger, long_items, min_seconds, explain=True),
        _throughput(tagger, sample, min_seconds),
    ]
    if rows[4] is not None:
        rows[4].note += " (sample archive)"
    return [r for r in rows if r is not None]


def format_table(title: str, rows: list[Row]) -> str:
    width = max(len(r.name) for r in rows)
    vwidth = max(len(r.value) for r in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{r.name:<{width}}  {r.value:>{vwidth}}  {r.note}" for r in rows]
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| measure | value | note |", "|---|---:|---|"]
    lines += [f"| {r.name} | {r.value} | {r.note} |" for r in rows]
    return "\n".join(lines)


# -- whole-build benchmark (``invoke bench --reports N``) -------------------

SETTINGS_TEMPLATE = """\
import sys
sys.path.insert(0, {project!r})
from pelicanconf import *  # noqa: F401,F403
PATH = {content!r}
OUTPUT_PATH = {output!r}
SITREP_CACHE_DIR = {cache!r}
CACHE_PATH = {cache!r} + "/pelican"
{extra}
"""


@dataclass
class Run:
    seconds: float
    max_rss_mib: float  # the largest single process (rusage)
    tree_rss_mib: float = 0.0  # the process and its children together, RSS summed (sampled)
    tree_pss_mib: float = 0.0  # the same, PSS summed: shared pages counted once
    stdout: str = ""

    @property
    def rendered(self) -> str:
        """"N rendered, M unchanged" from the build's summary line."""
        import re

        m = re.search(r"\((\d+) files rendered, (\d+) unchanged\)", self.stdout)
        return f"{int(m.group(1)):,} files rendered, {int(m.group(2)):,} carried over" if m else ""


def _tree_memory_kib(pid: int) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS) memory of a process and all its
    descendants, from /proc. Forked render workers share the build's pages
    copy-on-write: summed RSS counts a shared page once per process, summed PSS
    splits it between them, so the PSS sum is what the tree takes from the machine."""
    rss, pss, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            rss += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            pss += _pss_kib(p)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # gone meanwhile, or a kernel thread
    return rss, pss


def _pss_kib(pid: int) -> int:
    """PSS of one process (0 where the kernel has no smaps_rollup)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def _run(cmd: list[str], cwd: Path) -> Run:
    """Run a command; wall time and peak memory (rusage of the largest process,
    and the whole process tree sampled every 50 ms: the search work runs in
    a second process beside the build)."""
    import os
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0, 0]
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            rss, pss = _tree_memory_kib(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out}\n{err}")
    return Run(seconds, usage.ru_maxrss / 1024, max(peak[0], usage.ru_maxrss) / 1024,
               max(peak[1], usage.ru_maxrss) / 1024, out)


def _snapshot(site: Path) -> dict[str, tuple[int, bytes]]:
    """(size, sha256) of every file of a built site, by path."""
    root = site.resolve()
    return {p.relative_to(root).as_posix(): (p.stat().st_size, hashlib.sha256(p.read_bytes()).digest())
            for p in root.rglob("*") if p.is_file()}


def _upload_bytes(before: dict, after: dict) -> tuple[int, int]:
    """(bytes a checksum-comparing deploy uploads: new and changed files, bytes of the site)."""
    return sum(_changed(before, after).values()), sum(size for size, _ in after.values())


def _by_kind(files: dict[str, int]) -> str:
    """Files and bytes per page type, largest first (``files``: size by path in the site)."""
    from sitrep.publish.render import _kind

    kinds: dict[str, list[int]] = {}
    for rel, size in files.items():
        k = kinds.setdefault("theme" if rel.startswith("theme/") else _kind(rel), [0, 0])
        k[0] += 1
        k[1] += size
    return "; ".join(f"{k} {n:,} files {b / 2**20:.2f} MiB" for k, (n, b) in
                     sorted(kinds.items(), key=lambda kv: -kv[1][1]))


def _changed(before: dict, after: dict) -> dict[str, int]:
    """Size by path of the files an add made or changed: what a deploy uploads, by page type."""
    return {path: size for path, (size, digest) in after.items() if before.get(path, (None, None))[1] != digest}


def _keep_copy(site: Path, copy: Path) -> None:
    """The live release before a deploy: hard links (a build never writes into a file it
    carried over, it links it into a new folder), copies where links cannot be made."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(site.resolve(), copy, copy_function=link)


def _rsync_sent(site: Path, live: Path, workdir: Path) -> tuple[int, int] | None:
    """(bytes rsync sends, literal data) for a deploy of ``site`` over the release ``live``,
    with the rsync target's own flags: a new release hard-linked to the live one, so a changed
    file goes as a delta against its old version, compressed. ``--no-whole-file`` makes the
    local run do what a run over ssh does. None without an rsync on the PATH, or when it fails
    or does not print GNU rsync's statistics."""
    import re

    from sitrep.publish.rsync import RSYNC_FLAGS

    if shutil.which("rsync") is None:
        return None
    release = workdir / "release-new"
    shutil.rmtree(release, ignore_errors=True)
    try:
        proc = subprocess.run(["rsync", *RSYNC_FLAGS, "--no-whole-file", "--stats", f"--link-dest={live.resolve()}",
                               f"{site.resolve()}/", f"{release}/"], capture_output=True, text=True)
    finally:
        shutil.rmtree(release, ignore_errors=True)
    sent = re.search(r"^Total bytes sent: ([\d,]+)", proc.stdout, re.M)
    literal = re.search(r"^Literal data: ([\d,]+)", proc.stdout, re.M)
    if proc.returncode != 0 or sent is None or literal is None:  # an rsync that failed, or prints other stats
        return None
    return int(sent.group(1).replace(",", "")), int(literal.group(1).replace(",", ""))


def _sizes(path: Path) -> dict[str, int]:
    """Size by relative path of every file under ``path`` (a link to a build folder is followed)."""
    root = path.resolve()
    return {p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*") if p.is_file()}


def _tree_size(path: Path) -> tuple[int, int]:
    sizes = _sizes(path)
    return len(sizes), sum(sizes.values())


def add_report(content: Path) -> Path:
    """A new report one day after the newest, written like the others."""
    import re

    newest = max(content.rglob("*.md"))
    text = newest.read_text(encoding="utf-8")
    date = re.search(r"^Date: (\d{4}-\d{2}-\d{2})", text, re.M).group(1)
    import datetime as dt

    later = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    new = newest.with_name(newest.name.replace(date, later))
    new.write_text(text.replace(f"Date: {date}", f"Date: {later}", 1), encoding="utf-8")
    return new


def edit_report(content: Path) -> Path:
    """Append a sentence to the last item of a report in the middle of the archive."""
    files = sorted(content.rglob("*.md"))
    target = files[len(files) // 2]
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n")
                      + " Officials later revised the figures upward.\n", encoding="utf-8")
    return target


def _compile_sources(project: Path) -> None:
    """Byte-compile Sitrep's own modules before anything is timed.

    pip compiles a package it installs, so plain Pelican's modules load compiled; an editable
    install's modules are compiled on first import and cached, unless PYTHONDONTWRITEBYTECODE is set
    (as in many containers and on CI), when every build process compiled all of Sitrep again: half a
    second of each rebuild that an installed Sitrep never pays. compileall writes the caches anyway."""
    import compileall

    import sitrep

    for folder in (Path(sitrep.__file__).parent, project / "plugins"):
        if folder.is_dir():
            compileall.compile_dir(folder, quiet=2)


def bench_build(project: Path, n_reports: int, workdir: Path, seed: int = 1) -> list[Row]:
    """Full build, rebuilds, memory and sizes for an N-report archive, beside
    plain Pelican (same Markdown, same theme, none of Sitrep's plugins)."""
    py = sys.executable
    _compile_sources(project)
    content, cache = workdir / "content", workdir / "cache"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    # Generate in a child process: this process must stay small, since the
    # peak RSS of each build is read from its own rusage.
    gen = _run([py, "-c", "import sys; from pathlib import Path; from sitrep.bench.generate import generate_archive; "
                f"generate_archive(Path({str(content)!r}), {n_reports}, seed={seed}, "
                f"data_dir=Path({str(project / 'data')!r}), cache_dir=Path({str(project / '.sitrep-cache')!r}))"],
               workdir)
    gen_seconds = gen.seconds
    settings = {}
    for name, extra in (("sitrep", ""), ("plain", "PLUGINS = []")):
        path = workdir / f"{name}conf.py"
        path.write_text(SETTINGS_TEMPLATE.format(
            project=str(project), content=str(content), output=str(workdir / f"out-{name}"),
            cache=str(cache if name == "sitrep" else workdir / "cache-plain"), extra=extra), encoding="utf-8")
        settings[name] = path
    build = [py, "-m", "sitrep.cli", "build", "--settings", str(settings["sitrep"]), "--quiet"]
    plain = _run([py, "-m", "pelican", "-s", str(settings["plain"]), "-q"], workdir)
    full = _run(build, workdir)
    again = _run(build, workdir)
    before = _snapshot(workdir / "out-sitrep")
    live = workdir / "release-live"
    _keep_copy(workdir / "out-sitrep", live)
    add_report(content)
    added = _run(build, workdir)
    after = _snapshot(workdir / "out-sitrep")
    try:
        rsynced = _rsync_sent(workdir / "out-sitrep", live, workdir)
    finally:
        shutil.rmtree(live, ignore_errors=True)
    upload, site_bytes = _upload_bytes(before, after)
    search_upload, search_bytes = _upload_bytes(*({p: v for p, v in snap.items() if p.startswith("search/data/")}
                                                  for snap in (before, after)))
    # The first add is the first build with a live site to carry pages from, so it links every page
    # into a new folder; from then on, each build recycles the folder of the build before last and
    # relinks only what changed since (sitrep.publish.spare): a daily add meets this one.
    add_report(content)
    added_again = _run(build, workdir)
    edit_report(content)
    edited = _run(build, workdir)
    builds = (full, again, added, added_again, edited)
    out_sizes = _sizes(workdir / "out-sitrep")
    n_files, out_bytes = len(out_sizes), sum(out_sizes.values())
    _, plain_bytes = _tree_size(workdir / "out-plain")
    whoosh_files, whoosh_bytes = _tree_size(cache / "whoosh") if (cache / "whoosh").exists() else (0, 0)
    latency = _search_latency(cache / "whoosh")
    browser = workdir / "out-sitrep" / "search"
    browser_files, browser_bytes = _tree_size(browser) if browser.exists() else (0, 0)
    items = sum(1 for _ in (workdir / "out-sitrep" / "reports").glob("*/*/index.html"))

    def ratio(run: Run) -> str:
        return (f"{run.seconds / plain.seconds:.2f}× plain, {run.seconds / full.seconds:.1%} of full; "
                f"{run.rendered}")

    return [
        Row("reports / items", f"{n_reports:,} / {items:,}", f"generated in {gen_seconds:.1f} s (seed {seed})"),
        Row("plain Pelican, full build", f"{plain.seconds:.1f} s", f"peak RSS {plain.max_rss_mib:.0f} MiB, same theme, no Sitrep plugins"),
        Row("Sitrep, full build (cold cache)", f"{full.seconds:.1f} s",
            f"{full.seconds / plain.seconds:.2f}× plain; {full.rendered}; {os.cpu_count()} jobs"),
        Row("Sitrep, no-change rebuild", f"{again.seconds:.1f} s", ratio(again)),
        Row("Sitrep, rebuild after adding one report", f"{added.seconds:.1f} s",
            ratio(added) + "; the first build after the clean one: nothing to recycle"),
        Row("Sitrep, rebuild after adding another report", f"{added_again.seconds:.1f} s",
            ratio(added_again) + "; as every later add: the build before last recycled"),
        Row("Sitrep, rebuild after editing one report", f"{edited.seconds:.1f} s", ratio(edited)),
        Row("Sitrep, peak memory (PSS)", f"{max(r.tree_pss_mib for r in builds):.0f} MiB",
            f"build, search and render processes together, shared pages counted once, largest of the five "
            f"builds (sampled); summed RSS {max(r.tree_rss_mib for r in builds):.0f} MiB; "
            f"largest single process {max(r.max_rss_mib for r in builds):.0f} MiB"),
        Row("output", f"{out_bytes / 2**20:.0f} MiB",
            f"{out_bytes / plain_bytes:.2f}× plain Pelican's {plain_bytes / 2**20:.0f} MiB; {n_files:,} files, "
            f"{n_files / n_reports:.1f} per report, {out_bytes / n_reports / 1024:.0f} KiB per report"),
        Row("output by page type", "", _by_kind(out_sizes)),
        Row("deploy after adding one report", f"{upload / 2**20:.2f} MiB",
            f"{upload / site_bytes:.2%} of the site's {site_bytes / 2**20:.0f} MiB: new and changed files whole, "
            "what an MD5-comparing S3 upload sends"),
        Row("deploy after adding one report, by page type", "", _by_kind(_changed(before, after))),
        Row("deploy after adding one report, rsync target", f"{rsynced[0] / 2**20:.2f} MiB" if rsynced else "n/a",
            f"{rsynced[0] / site_bytes:.2%} of the site: bytes rsync sent (deltas of changed files against the "
            f"live release, compressed, and the file list); new data before compression {rsynced[1] / 2**20:.2f} MiB" if rsynced
            else "no GNU rsync on this machine, or it failed"),
        Row("browser search index, changed by adding one report", f"{search_upload / 2**20:.2f} MiB",
            f"{search_upload / max(search_bytes, 1):.1%} of its {search_bytes / 2**20:.1f} MiB"),
        Row("Whoosh index", f"{whoosh_bytes / 2**20:.1f} MiB", f"{whoosh_files} files (not shipped)"),
        Row("browser search index", f"{browser_bytes / 2**20:.1f} MiB", f"{browser_files:,} files"),
        latency,
    ]


def _search_latency(whoosh_dir: Path) -> Row:
    """Median Whoosh query time (the CLI's code, in process) over the
    search benchmark's four kinds of query."""
    from sitrep.search.bench import pick_queries, whoosh_latency

    index_dir = next(p for p in sorted(whoosh_dir.iterdir()) if p.is_dir())
    measures = whoosh_latency(index_dir, pick_queries(index_dir))
    ms = sorted(m.ms for m in measures.values())
    return Row("search latency, Whoosh", f"{ms[0]:.1f}–{ms[-1]:.1f} ms",
               "median per query kind: common word, rare word, phrase, word + theatre filter")


def run_bench(conf, reports: int = 0, markdown: Path | None = None, workdir: Path | None = None) -> str:
    """``sitrep bench``: tagging figures, and with ``reports`` whole builds of a
    generated archive beside plain Pelican; the tables as text (and Markdown)."""
    sections = []
    if reports:  # first, while this process is small: builds run as children
        scratch = workdir or Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
        print(f"Generating {reports:,} reports in {scratch} and building them...", file=sys.stderr)
        sections.append((f"Builds, {reports:,} reports", bench_build(conf.root, reports, scratch / "run")))
    sections.insert(0, ("Tagging", bench_tagging(conf.data, conf.content, root=conf.root)))
    if markdown:
        text = "\n\n".join(f"### {title}\n\n{markdown_table(rows)}" for title, rows in sections)
        markdown.write_text(text + "\n", encoding="utf-8")
    return "\n\n".join(format_table(title, rows) for title, rows in sections)
