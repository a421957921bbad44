"""invoke tasks for Sitrep, named as pelican-quickstart users expect.

Each task is a thin wrapper over the ``sitrep`` core (the same functions
the ``sitrep`` command runs), so tasks, CLI and plugins never disagree.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from invoke import Exit, task

from sitrep import cli
from sitrep.errors import SitrepError

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


def _run(func, *args, **kwargs):
    """Run a CLI function; turn Sitrep errors into a clean non-zero exit."""
    try:
        code = func(*args, **kwargs)
    except SitrepError as err:
        raise Exit(f"error: {err}", code=1) from None
    if code:
        raise Exit(code=code)


@task(help={"publish": "use publishconf.py (absolute URLs)", "output": "output directory"})
def build(c, publish=False, output=None):
    """Build the site into output/; a failed build leaves output/ untouched."""
    _run(cli.cmd_build, str(PUBLISH_SETTINGS if publish else SETTINGS), output)


@task
def clean(c):
    """Remove the built site and Sitrep's caches."""
    for path in (OUTPUT, ROOT / ".sitrep-cache", ROOT / "cache"):
        shutil.rmtree(path, ignore_errors=True)


@task(pre=[clean])
def rebuild(c):
    """Build from scratch (no caches)."""
    build(c)


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on http://localhost:PORT/."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    if not OUTPUT.exists():
        raise Exit("error: output/ does not exist yet; run 'invoke build' first", code=1)
    server = RootedHTTPServer(str(OUTPUT), ("127.0.0.1", int(port)), ComplexHTTPRequestHandler)
    print(f"Serving output/ on http://localhost:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


def _snapshot(paths):
    return {
        p: p.stat().st_mtime_ns
        for base in paths
        for p in (base.rglob("*") if base.is_dir() else [base])
        if p.is_file()
    }


@task(help={"interval": "seconds between checks for changes"})
def regenerate(c, interval=1.0):
    """Rebuild whenever content, theme, plugins, data or settings change."""
    watched = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "data", SETTINGS]
    state = None
    while True:
        current = _snapshot(watched)
        if current != state:
            state = current
            try:
                cli.cmd_build(str(SETTINGS), quiet=True)
            except SitrepError as err:
                print(f"error: {err}", file=sys.stderr)
        time.sleep(float(interval))


@task(name="import", help={"source": "source name if the digest does not show it", "date": "YYYY-MM-DD if the digest does not say"},
      iterable=["paths"])
def import_(c, paths, source=None, date=None):
    """Import digests saved as text or HTML: invoke import PATH [PATH...]"""
    _run(cli.cmd_import, paths, str(ROOT / "content"), source, date)




@task(help={"explain": "a report file, report slug or item id whose tags to explain",
            "output": "write JSON lines here instead of standard output"},
      optional=["explain"])
def tag(c, input=None, output=None, explain=None):
    """Tag a JSON-lines file ({"id","headline","body"} per line), or explain an item's tags."""
    _run(cli.cmd_tag, input, output, explain, str(ROOT / "data"), str(ROOT / "content"))


@task
def evaluate(c, labelled="tests/evaluation/labelled.jsonl"):
    """Score the tagger on the labelled set: per-tag P/R/F1, micro/macro, places."""
    _run(cli.cmd_evaluate, labelled, str(ROOT / "data"))


@task(help={"target": "a name from DEPLOY_TARGETS in publishconf.py (default: DEPLOY_DEFAULT)",
            "dry_run": "list what would be uploaded, changed and removed; change nothing"})
def deploy(c, target=None, dry_run=False):
    """Build with publishconf.py, check the site, and publish it (refused if the check fails)."""
    _run(cli.cmd_deploy, target, dry_run, str(PUBLISH_SETTINGS))


@task(help={"target": "a name from DEPLOY_TARGETS in publishconf.py (default: DEPLOY_DEFAULT)"})
def rollback(c, target=None):
    """Serve the release before the live one again."""
    _run(cli.cmd_rollback, target, str(PUBLISH_SETTINGS))


@task(help={"directory": "built site to check (default: output/)"})
def check(c, directory=None):
    """Check a built site: links and anchors, HTML, feeds, open data, no inline script."""
    _run(cli.cmd_check, directory or str(OUTPUT), str(SETTINGS))


@task(help={"k": "only tests matching this expression"})
def test(c, k=None):
    """Run the test suite."""
    args = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest{args}", pty=False)


@task(help={"reports": "also generate an N-report archive and benchmark whole builds on it",
            "markdown": "also write the tables as Markdown to this file",
            "workdir": "scratch directory for the generated archive (default: a temporary one)"})
def bench(c, reports=0, markdown=None, workdir=None):
    """Print benchmark numbers: tagging; with --reports N, full and incremental builds vs plain Pelican."""
    import tempfile

    from sitrep.bench.builds import bench_build, bench_tagging, format_table, markdown_table

    sections = []
    if int(reports):  # first, while this process is small: builds run as children
        scratch = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
        print(f"Generating {int(reports):,} reports in {scratch} and building them...", file=sys.stderr)
        sections.append((f"Builds, {int(reports):,} reports", bench_build(ROOT, int(reports), scratch / "run")))
    sections.insert(0, ("Tagging (sample archive)", bench_tagging(ROOT / "data", ROOT / "content")))
    for title, rows in sections:
        print(format_table(title, rows), end="\n\n")
    if markdown:
        text = "\n\n".join(f"### {title}\n\n{markdown_table(rows)}" for title, rows in sections)
        Path(markdown).write_text(text + "\n", encoding="utf-8")


@task(help={"query": 'words, "a phrase", OR, NOT/-word; the last word is also a prefix',
            "theatre": "theatre slug", "topic": "topic slug", "place": "place slug", "source": "source slug",
            "since": "YYYY-MM-DD (inclusive)", "until": "YYYY-MM-DD (inclusive)", "limit": "results to show",
            "json": "print JSON: id, url, headline, date, score, theatres, topics, snippet"})
def search(c, query, theatre=None, topic=None, place=None, source=None, since=None, until=None, limit=10, json=False):
    """Search the built site's full-text index: invoke search "QUERY" [--theatre S] ..."""
    _run(cli.cmd_search, query, theatre, topic, place, source, since, until, int(limit), json, str(SETTINGS))


@task(name="bench-search", help={"reports": "reports to generate (default 5000)", "seed": "generator seed",
                                 "workdir": "where to generate and build (default: a temporary folder)",
                                 "keep": "keep the generated archive and built sites"})
def bench_search(c, reports=5000, seed=1, workdir=None, keep=False):
    """Benchmark search on a generated archive: Whoosh CLI, browser index, Pagefind."""
    _run(cli.cmd_bench_search, int(reports), int(seed), workdir, str(ROOT / "data"), str(SETTINGS), keep)
