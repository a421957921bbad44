"""The ``sitrep`` command: one argparse sub-command per job, each with an options dataclass.

``tasks.py`` (invoke) turns every task into a call of :func:`main` with the
same words, so the CLI and the tasks accept the same arguments, give the same
errors and never disagree. An error an editor can cause ends in one message
and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import glob
import logging
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

from sitrep.config import DEFAULT_SETTINGS, PUBLISH_SETTINGS, SiteConfig, load
from sitrep.errors import FileError, SitrepError
from sitrep.files.reading import open_regular_text
from sitrep.tagging.evaluate import load_sets

EVALUATION_DIR = "tests/evaluation"


# ----------------------------------------------------------------------------- options


@dataclass
class BuildOptions:
    settings: str = DEFAULT_SETTINGS
    output: str | None = None
    content: str | None = None
    quiet: bool = False
    jobs: int | None = None


@dataclass
class TagOptions:
    input: str | None = None
    output: str | None = None
    explain: str | None = None
    content: str | None = None
    settings: str = DEFAULT_SETTINGS


@dataclass
class EvaluateOptions:
    labelled: list[str] = field(default_factory=list)
    split: str = "all"
    misses: int = 0
    settings: str = DEFAULT_SETTINGS


@dataclass
class TrainOptions:
    labelled: list[str] = field(default_factory=list)
    output: str | None = None
    settings: str = DEFAULT_SETTINGS


@dataclass
class ImportOptions:
    paths: list[str] = field(default_factory=list)
    source: str | None = None
    date: str | None = None
    content: str | None = None
    settings: str = DEFAULT_SETTINGS


@dataclass
class CheckOptions:
    directory: str | None = None
    settings: str = DEFAULT_SETTINGS
    site_url: str | None = None


@dataclass
class DeployOptions:
    target: str | None = None
    dry_run: bool = False
    settings: str = PUBLISH_SETTINGS


@dataclass
class RollbackOptions:
    target: str | None = None
    settings: str = PUBLISH_SETTINGS


@dataclass
class SearchOptions:
    query: str = ""
    theatre: str | None = None
    topic: str | None = None
    place: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 10
    json: bool = False
    sort: str = "relevance"
    settings: str = DEFAULT_SETTINGS
    content: str | None = None
    index: str | None = None


@dataclass
class BenchOptions:
    reports: int = 0
    markdown: str | None = None
    workdir: str | None = None
    settings: str = DEFAULT_SETTINGS


@dataclass
class BenchSearchOptions:
    reports: int = 5000
    seed: int = 1
    workdir: str | None = None
    keep: bool = False
    settings: str = DEFAULT_SETTINGS


@dataclass
class ServeOptions:
    port: int = 8000
    settings: str = DEFAULT_SETTINGS


@dataclass
class RegenerateOptions:
    interval: float = 1.0
    settings: str = DEFAULT_SETTINGS


@dataclass
class CleanOptions:
    settings: str = DEFAULT_SETTINGS


@dataclass
class TestOptions:
    match: str | None = None
    fast: bool = False
    settings: str = DEFAULT_SETTINGS


# ----------------------------------------------------------------------------- commands


def _quiet_pelican(level: int = logging.WARNING) -> None:
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING)
    # Pelican's INFO lines name every file written; Sitrep's own progress is enough.
    logging.getLogger("sitrep").setLevel(level)


def cmd_build(o: BuildOptions) -> int:
    from sitrep.publish.build import build
    from sitrep.publish.progress import progress_bar

    if not Path(o.settings).is_file():
        raise SitrepError(f"settings file {o.settings} not found\n"
                          "  how to fix: run from the project folder or pass --settings FILE")
    if o.content and not Path(o.content).is_dir():
        raise SitrepError(f"content folder {o.content} not found\n"
                          "  how to fix: pass the folder that holds reports/ (and pages/) to --content")
    _quiet_pelican(logging.WARNING if o.quiet else logging.INFO)
    overrides = {"PATH": str(Path(o.content).resolve())} if o.content else None
    with progress_bar(enabled=not o.quiet) as progress:
        result = build(Path(o.settings), Path(o.output) if o.output else None, overrides, o.jobs, progress)
    print(f"Built {result.reports} reports, {result.items} item pages, {result.pages} HTML pages "
          f"into {result.output.name}/ in {result.seconds:.1f} s ({result.rendered} files rendered, "
          f"{result.carried} unchanged)")
    return 0


def _tagger(conf: SiteConfig):
    from sitrep.tagging import load_tagger

    return load_tagger(conf.data, conf.cache)


def cmd_tag(o: TagOptions) -> int:
    from sitrep.tagging import tag_jsonl

    conf = load(o.settings, content=o.content)
    tagger = _tagger(conf)
    if o.explain:
        for item in _find_items(o.explain, conf.content):
            tags = tagger.tag(item.headline, item.text, item.overrides, item.date)
            print(f"## {item.id}\n{item.headline}\n{tagger.explain(tags)}\n")
        return 0
    if not o.input:
        raise SitrepError("give a JSON-lines file to tag (sitrep tag ITEMS.jsonl), "
                          "or a report or item to explain (--explain REPORT_OR_ITEM)")
    with open_regular_text(o.input) as fin:  # a FIFO or a device would block or never end
        try:
            if o.output:
                with open(o.output, "w", encoding="utf-8") as fout:
                    count = tag_jsonl(fin, fout, tagger, name=o.input)
                print(f"Tagged {count} items into {o.output}", file=sys.stderr)
            else:
                tag_jsonl(fin, sys.stdout, tagger, name=o.input)
        except UnicodeDecodeError:
            raise FileError(o.input, "is not UTF-8 text", "save the file as UTF-8 JSON lines") from None
    return 0


def _find_items(target: str, content: Path):
    """Items of a report file, or the report/item named by slug or id."""
    from sitrep.reports.file import read_report

    path = Path(target)
    if path.is_file():
        return read_report(path).items
    report_slug, _, item_slug = target.strip("/").partition("/")
    for candidate in sorted(content.rglob("*.md")):
        try:
            report = read_report(candidate)
        except SitrepError:
            continue
        if report.slug == report_slug:
            items = [i for i in report.items if not item_slug or i.slug == item_slug]
            if items:
                return items
            raise SitrepError(f"report {report_slug} has no item {item_slug!r}; its items: "
                              + ", ".join(i.slug for i in report.items))
    raise SitrepError(f"no report file or report/item id {target!r} under {content}/")


def cmd_evaluate(o: EvaluateOptions) -> int:
    from sitrep.tagging.evaluate import evaluate_sets

    conf = load(o.settings)
    sets = load_sets([Path(p) for p in o.labelled] or [conf.root / EVALUATION_DIR], o.split)
    print(evaluate_sets(sets, _tagger(conf), misses=o.misses))
    return 0


def cmd_train(o: TrainOptions) -> int:
    from sitrep.tagging.linear import FILE_NAME
    from sitrep.tagging.train import train_topic_model

    conf = load(o.settings)
    sets = load_sets([Path(p) for p in o.labelled] or [conf.root / EVALUATION_DIR], "dev")
    records = [r for recs in sets.values() for r in recs]
    from sitrep.tagging import load_tagger

    tagger = load_tagger(conf.data, conf.cache, warn_stale=False)  # it is about to be retrained
    source = ", ".join(o.labelled) or f"{EVALUATION_DIR}/dev.jsonl"
    model = train_topic_model(records, tagger, source=source)
    out = Path(o.output) if o.output else conf.data / "taxonomy" / FILE_NAME
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"Trained the topic model on {len(records)} items ({len(model.bias)} topics) into {out}")
    return 0


def expand_paths(words: list[str]) -> list[Path]:
    """Paths from words that may be globs or comma-separated lists (a word that
    matches nothing is kept, so the import names it in its error)."""
    out: list[Path] = []
    for word in words:
        for part in filter(None, (p.strip() for p in word.split(","))):
            matches = sorted(glob.glob(part)) if glob.has_magic(part) else []
            out.extend(Path(m) for m in matches) if matches else out.append(Path(part))
    return out


def cmd_import(o: ImportOptions) -> int:
    import datetime as dt

    from sitrep.importer import import_file

    conf = load(o.settings, content=o.content)
    try:
        when = dt.date.fromisoformat(o.date) if o.date else None
    except ValueError:
        raise SitrepError(f"--date {o.date!r} is not a date; write YYYY-MM-DD, e.g. --date 2025-02-04") from None
    paths = expand_paths(o.paths)
    failed = []
    for p in paths:
        try:
            result = import_file(p, conf.content, source=o.source, date=when, window=conf.date_window)
        except SitrepError as err:  # one bad digest does not stop the others
            failed.append(p)
            print(f"error: {err}", file=sys.stderr)
            continue
        print(f"{result.status:9} {result.path}  ({len(result.report.items)} items)")
        for warning in result.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        for note in result.notes:
            print(f"  note: {note}", file=sys.stderr)
        for conflict in result.conflicts:
            print(f"  conflict: {conflict}", file=sys.stderr)
        if result.conflict_path:
            print(f"  the digest's version of each conflict is in {result.conflict_path}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} of {len(paths)} file(s) not imported: {', '.join(map(str, failed))}", file=sys.stderr)
        return 1
    return 0


def cmd_deploy(o: DeployOptions) -> int:
    from sitrep.publish.deploy import deploy

    _quiet_pelican()
    deploy(Path(o.settings), o.target, o.dry_run)
    return 0


def cmd_rollback(o: RollbackOptions) -> int:
    from sitrep.publish.deploy import rollback

    rollback(Path(o.settings), o.target)
    return 0


def cmd_check(o: CheckOptions) -> int:
    from sitrep.publish.check import check_site

    conf = load(o.settings)
    urls = [o.site_url] if o.site_url else []
    report = check_site(Path(o.directory) if o.directory else conf.output, urls + conf.urls())
    print(report.format())
    return 0 if report.ok else 1


def cmd_search(o: SearchOptions) -> int:
    from sitrep.search.cli import search

    return search(o)


def cmd_bench(o: BenchOptions) -> int:
    from sitrep.bench.builds import run_bench

    conf = load(o.settings)
    print(run_bench(conf, o.reports, Path(o.markdown) if o.markdown else None,
                    Path(o.workdir) if o.workdir else None))
    return 0


def cmd_bench_search(o: BenchSearchOptions) -> int:
    from sitrep.search.bench import run_benchmark

    conf = load(o.settings, required=True)
    print(run_benchmark(o.reports, o.seed, Path(o.workdir) if o.workdir else None, conf.data,
                        conf.settings_file, o.keep))
    return 0


def cmd_serve(o: ServeOptions) -> int:
    from sitrep.publish.serve import serve

    serve(load(o.settings).output, o.port)
    return 0


def cmd_regenerate(o: RegenerateOptions) -> int:
    from sitrep.publish.watch import watch

    conf = load(o.settings, required=True)
    watched = [conf.content, conf.root / "theme", conf.root / "plugins", conf.data, conf.settings_file]

    def rebuild() -> None:
        try:
            cmd_build(BuildOptions(settings=str(conf.settings_file), quiet=True))
        except SitrepError as err:
            print(f"error: {err}", file=sys.stderr)

    watch(watched, rebuild, o.interval)
    return 0


def cmd_clean(o: CleanOptions) -> int:
    import shutil

    from sitrep.publish.build import builds_dir

    conf = load(o.settings)
    if conf.output.is_symlink():
        conf.output.unlink()
    for path in (conf.output, builds_dir(conf.output), conf.cache, conf.root / "cache"):
        shutil.rmtree(path, ignore_errors=True)
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


# ----------------------------------------------------------------------------- parser


def _command(sub, name: str, func, options: type, help: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help)
    p.set_defaults(func=func, options=options)
    return p


def _settings_arg(p: argparse.ArgumentParser, default: str = DEFAULT_SETTINGS) -> None:
    p.add_argument("--settings", default=default, help=f"Pelican settings file (default: {default})")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(sub, "build", cmd_build, BuildOptions, "build the site into output/ (atomically)")
    _settings_arg(p)
    p.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    p.add_argument("--content", help="content folder (default: the settings' PATH)")
    p.add_argument("--quiet", action="store_true", help="print only warnings, errors and the summary (for CI)")
    p.add_argument("--jobs", type=_positive_int, help="processes that render pages (default: the machine's cores)")

    p = _command(sub, "tag", cmd_tag, TagOptions, "tag JSON lines, or explain the tags of a report or item")
    p.add_argument("input", nargs="?", help='JSON lines {"id","headline","body"}')
    p.add_argument("--output", help="write JSON lines here instead of standard output")
    p.add_argument("--explain", metavar="REPORT_OR_ITEM", help="a report file, report slug or item id")
    p.add_argument("--content", help="content folder to find --explain's report in (default: the settings' PATH)")
    _settings_arg(p)

    p = _command(sub, "evaluate", cmd_evaluate, EvaluateOptions,
                 "score the tagger on labelled items (dev and frozen test split)")
    p.add_argument("labelled", nargs="*", help=f"JSON-lines files or folders (default: {EVALUATION_DIR}/)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="all",
                   help="which split to score (default: both, reported apart)")
    p.add_argument("--misses", nargs="?", type=_positive_int, const=15, default=0, metavar="N",
                   help="print the N worst false positives of the dev split with their evidence")
    _settings_arg(p)

    p = _command(sub, "train", cmd_train, TrainOptions,
                 "fit the learned topic model on labelled items (the dev split, never the test split)")
    p.add_argument("labelled", nargs="*", help=f"JSON-lines files or folders (default: {EVALUATION_DIR}/dev.jsonl)")
    p.add_argument("--output", help="model file (default: DATA/taxonomy/topic-model.json)")
    _settings_arg(p)

    p = _command(sub, "import", cmd_import, ImportOptions, "import digests saved as text or HTML into content/")
    p.add_argument("paths", nargs="+", help="files, globs or comma-separated lists")
    p.add_argument("--source", help="source name when the digest does not show it")
    p.add_argument("--date", help="YYYY-MM-DD, when the digest does not say")
    p.add_argument("--content", help="content folder to import into (default: the settings' PATH)")
    _settings_arg(p)

    p = _command(sub, "check", cmd_check, CheckOptions, "check a built site: links, anchors, HTML, feeds, open data")
    p.add_argument("directory", nargs="?", help="built site (default: the settings' OUTPUT_PATH)")
    p.add_argument("--site-url", help="absolute URL the site is served under, if not the settings' SITEURL")
    _settings_arg(p)

    p = _command(sub, "deploy", cmd_deploy, DeployOptions, "build with publishconf.py, check, and publish")
    p.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded, changed and removed")
    _settings_arg(p, PUBLISH_SETTINGS)

    p = _command(sub, "rollback", cmd_rollback, RollbackOptions, "serve the previous release of a deploy target again")
    p.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    _settings_arg(p, PUBLISH_SETTINGS)

    p = _command(sub, "search", cmd_search, SearchOptions, "full-text search of the built site's index")
    p.add_argument("query", help='words, "a phrase", OR, NOT/-word; the last word is also a prefix')
    for facet in ("theatre", "topic", "place"):
        p.add_argument(f"--{facet}", help=f"{facet} slug")
    p.add_argument("--source", help="source slug, e.g. frontline-desk")
    p.add_argument("--since", help="YYYY-MM-DD (inclusive)")
    p.add_argument("--until", help="YYYY-MM-DD (inclusive)")
    p.add_argument("--limit", type=_positive_int, default=10, help="results to show (default 10)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance", help="order of results")
    p.add_argument("--json", action="store_true",
                   help="print JSON: id, url, headline, date, score, theatres, topics, snippet")
    p.add_argument("--content", help="content folder the index was built from (default: the settings' PATH)")
    p.add_argument("--index", help="Whoosh index folder (default: the one the build keeps)")
    _settings_arg(p)

    p = _command(sub, "bench", cmd_bench, BenchOptions,
                 "tagging throughput; with --reports N, full and incremental builds beside plain Pelican")
    p.add_argument("--reports", type=_positive_int, default=0, help="generate N reports and time builds")
    p.add_argument("--markdown", help="also write the tables as Markdown to this file")
    p.add_argument("--workdir", help="scratch folder for the generated archive (default: a temporary one)")
    _settings_arg(p)

    p = _command(sub, "bench-search", cmd_bench_search, BenchSearchOptions,
                 "benchmark search on a generated archive, beside Pagefind")
    p.add_argument("--reports", type=_positive_int, default=5000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", help="where to generate and build (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated archive and sites")
    _settings_arg(p)

    p = _command(sub, "serve", cmd_serve, ServeOptions, "serve the built site on localhost")
    p.add_argument("--port", type=_positive_int, default=8000)
    _settings_arg(p)

    p = _command(sub, "regenerate", cmd_regenerate, RegenerateOptions,
                 "rebuild whenever content, theme, plugins, data or settings change")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changes")
    _settings_arg(p)

    p = _command(sub, "clean", cmd_clean, CleanOptions, "remove the built site and Sitrep's caches")
    _settings_arg(p)

    p = _command(sub, "test", cmd_test, TestOptions, "run the test suite (needs the test extra)")
    p.add_argument("-k", "--match", help="only tests whose names match this pytest -k expression")
    p.add_argument("--fast", action="store_true", help="leave out the slow tests (whole-site builds, browsers)")
    _settings_arg(p)
    return parser


def _query_last(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``sitrep search -kursk``: a query starting with '-' (NOT kursk) is not an
    option; it is moved after '--' so that argparse takes it as the query."""
    if not argv or argv[0] != "search" or "--" in argv:
        return argv
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["search"]
    options = sub._option_string_actions
    kept, dashed, positional, i = [argv[0]], [], 0, 1
    while i < len(argv):
        token = argv[i]
        action = options.get(token.partition("=")[0])
        if action is not None:
            kept.append(token)
            if action.nargs != 0 and "=" not in token and i + 1 < len(argv):
                kept.append(argv[i + 1])
                i += 1
        elif token.startswith("-") and len(token) > 1:
            dashed.append(token)
        else:
            kept.append(token)
            positional += 1
        i += 1
    if len(dashed) == 1 and positional == 0:
        return [*kept, "--", dashed[0]]
    return argv


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    argv = _query_last(parser, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    options = args.options(**{f.name: getattr(args, f.name) for f in fields(args.options)})
    try:
        return args.func(options)
    except SitrepError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        name = f"{err.filename}: " if err.filename else ""
        print(f"error: {name}{err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - a bug: one line for the person, the traceback on request
        if os.environ.get("SITREP_DEBUG"):
            raise
        print(f"error: sitrep {args.command} stopped on an unexpected {type(err).__name__}: {err}\n"
              "  this is a bug in Sitrep, not in your input; run again with SITREP_DEBUG=1 for the "
              "details and report them", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
