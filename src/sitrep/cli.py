"""Command line of Sitrep: ``sitrep build|tag|evaluate|import|check|deploy|rollback``.

``tasks.py`` (invoke) calls these same functions, so the CLI, the tasks and
the Pelican plugins all run one core.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sitrep.errors import SitrepError

PROJECT_SETTINGS = "pelicanconf.py"


def cmd_build(settings: str = PROJECT_SETTINGS, output: str | None = None, quiet: bool = False,
              content: str | None = None) -> int:
    from pelican.log import init as init_logging

    from sitrep.publish.build import build

    init_logging(level=logging.WARNING)
    # Pelican's INFO lines name every file written; Sitrep's own progress is enough.
    logging.getLogger("sitrep").setLevel(logging.WARNING if quiet else logging.INFO)
    overrides = {"PATH": str(Path(content).resolve())} if content else None
    result = build(Path(settings), Path(output) if output else None, overrides)
    print(
        f"Built {result.reports} reports, {result.items} item pages, {result.pages} HTML pages "
        f"into {result.output.name}/ in {result.seconds:.1f} s"
    )
    return 0


def _tagger(data_dir: str | None):
    from sitrep.tagging import load_tagger

    data = Path(data_dir) if data_dir else Path("data")
    return load_tagger(data, Path(".sitrep-cache"))


def cmd_tag(input_path: str | None, output: str | None = None, explain: str | None = None,
            data_dir: str | None = None, content: str = "content") -> int:
    from sitrep.tagging import tag_jsonl

    tagger = _tagger(data_dir)
    if explain:
        for item in _find_items(explain, Path(content)):
            tags = tagger.tag(item.headline, item.text, item.overrides)
            print(f"## {item.id}\n{item.headline}\n{tagger.explain(tags)}\n")
        return 0
    if not input_path:
        raise SitrepError("give a JSON-lines file to tag, or --explain REPORT_OR_ITEM")
    with open(input_path, encoding="utf-8") as fin:
        if output:
            with open(output, "w", encoding="utf-8") as fout:
                count = tag_jsonl(fin, fout, tagger)
            print(f"Tagged {count} items into {output}", file=sys.stderr)
        else:
            tag_jsonl(fin, sys.stdout, tagger)
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


def cmd_evaluate(labelled: str = "tests/evaluation/labelled.jsonl", data_dir: str | None = None) -> int:
    from sitrep.tagging.evaluate import evaluate

    report = evaluate(Path(labelled), _tagger(data_dir))
    print(report.table())
    return 0


def cmd_import(paths: list[str], content: str = "content", source: str | None = None,
               date: str | None = None) -> int:
    import datetime as dt

    from sitrep.importer import import_file

    when = dt.date.fromisoformat(date) if date else None
    for p in paths:
        result = import_file(Path(p), Path(content), source=source, date=when)
        print(f"{result.status:9} {result.path}  ({len(result.report.items)} items)")
        for warning in getattr(result, "warnings", []):
            print(f"  warning: {warning}", file=sys.stderr)
    return 0


PUBLISH_SETTINGS = "publishconf.py"


def cmd_deploy(target: str | None = None, dry_run: bool = False, settings: str = PUBLISH_SETTINGS) -> int:
    """Build with the publish settings, check, and publish to a deploy target."""
    from pelican.log import init as init_logging

    from sitrep.publish.deploy import deploy

    init_logging(level=logging.WARNING)
    logging.getLogger("sitrep").setLevel(logging.WARNING)
    deploy(Path(settings), target, dry_run)
    return 0


def cmd_rollback(target: str | None = None, settings: str = PUBLISH_SETTINGS) -> int:
    """Serve the release before the live one again."""
    from sitrep.publish.deploy import rollback

    rollback(Path(settings), target)
    return 0


def cmd_check(directory: str | None = None, settings: str = PROJECT_SETTINGS, site_url: str | None = None) -> int:
    """Check a built site; 1 when it has problems."""
    from sitrep.publish.check import check_site

    urls = [site_url] if site_url else []
    if Path(settings).is_file():
        from sitrep.publish.deploy import load_settings, site_urls

        conf = load_settings(Path(settings))
        urls += site_urls(conf)
        directory = directory or conf["OUTPUT_PATH"]
    report = check_site(Path(directory or "output"), urls)
    print(report.format())
    return 0 if report.ok else 1


def cmd_search(query: str, theatre: str | None = None, topic: str | None = None, place: str | None = None,
               source: str | None = None, since: str | None = None, until: str | None = None, limit: int = 10,
               as_json: bool = False, settings: str = PROJECT_SETTINGS, index: str | None = None,
               content: str | None = None) -> int:
    """Full-text search of the prebuilt Whoosh index (see sitrep.search.cli)."""
    from sitrep.search.cli import cmd_search as run

    return run(query, theatre, topic, place, source, since, until, limit, as_json, settings, index, content)


def cmd_bench_search(reports: int = 5000, seed: int = 1, workdir: str | None = None, data_dir: str = "data",
                     settings: str = PROJECT_SETTINGS, keep: bool = False) -> int:
    """Build a generated archive and measure both searches beside Pagefind."""
    from sitrep.search.cli import cmd_bench_search as run

    return run(reports, seed, workdir, data_dir, settings, keep)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the site into output/ (atomically)")
    b.add_argument("--settings", default=PROJECT_SETTINGS)
    b.add_argument("--output")
    b.add_argument("--content", help="content folder (default: the settings' PATH)")
    b.add_argument("--quiet", action="store_true")
    t = sub.add_parser("tag", help="tag JSON lines, or explain the tags of a report or item")
    t.add_argument("input", nargs="?")
    t.add_argument("--output")
    t.add_argument("--explain", metavar="REPORT_OR_ITEM")
    t.add_argument("--data")
    t.add_argument("--content", default="content")
    e = sub.add_parser("evaluate", help="score the tagger on a labelled JSON-lines set")
    e.add_argument("labelled", nargs="?", default="tests/evaluation/labelled.jsonl")
    e.add_argument("--data")
    i = sub.add_parser("import", help="import digests saved as text or HTML into content/")
    i.add_argument("paths", nargs="+")
    i.add_argument("--content", default="content")
    i.add_argument("--source")
    i.add_argument("--date", help="YYYY-MM-DD, when the digest does not say")
    d = sub.add_parser("deploy", help="build with publishconf.py, check, and publish to a deploy target")
    d.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    d.add_argument("--dry-run", action="store_true", help="list what would be uploaded, changed and removed")
    d.add_argument("--settings", default=PUBLISH_SETTINGS)
    r = sub.add_parser("rollback", help="serve the previous release of a deploy target again")
    r.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    r.add_argument("--settings", default=PUBLISH_SETTINGS)
    c = sub.add_parser("check", help="check a built site: links, anchors, HTML, feeds, open data")
    c.add_argument("directory", nargs="?", help="built site (default: the settings' OUTPUT_PATH)")
    c.add_argument("--settings", default=PROJECT_SETTINGS, help="settings the site was built with")
    c.add_argument("--site-url", help="absolute URL the site is served under, if not the settings' SITEURL")
    s = sub.add_parser("search", help="full-text search of the built site's index")
    s.add_argument("query", help='words, "a phrase", OR, NOT/-word; the last word is also a prefix')
    s.add_argument("--theatre")
    s.add_argument("--topic")
    s.add_argument("--place")
    s.add_argument("--source", help="source slug, e.g. frontline-desk")
    s.add_argument("--since", help="YYYY-MM-DD (inclusive)")
    s.add_argument("--until", help="YYYY-MM-DD (inclusive)")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true", help="print JSON: id, url, headline, date, score, theatres, topics, snippet")
    s.add_argument("--settings", default=PROJECT_SETTINGS)
    s.add_argument("--content", help="content folder the index was built from (default: the settings' PATH)")
    s.add_argument("--index", help="Whoosh index folder (default: the one the build keeps)")
    bs = sub.add_parser("bench-search", help="benchmark search on a generated archive, beside Pagefind")
    bs.add_argument("--reports", type=int, default=5000)
    bs.add_argument("--seed", type=int, default=1)
    bs.add_argument("--workdir", help="where to generate and build (default: a temporary folder)")
    bs.add_argument("--data", default="data")
    bs.add_argument("--settings", default=PROJECT_SETTINGS)
    bs.add_argument("--keep", action="store_true", help="keep the generated archive and sites")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args.settings, args.output, args.quiet, args.content)
        if args.command == "tag":
            return cmd_tag(args.input, args.output, args.explain, args.data, args.content)
        if args.command == "evaluate":
            return cmd_evaluate(args.labelled, args.data)
        if args.command == "import":
            return cmd_import(args.paths, args.content, args.source, args.date)
        if args.command == "deploy":
            return cmd_deploy(args.target, args.dry_run, args.settings)
        if args.command == "rollback":
            return cmd_rollback(args.target, args.settings)
        if args.command == "check":
            return cmd_check(args.directory, args.settings, args.site_url)
        if args.command == "search":
            return cmd_search(args.query, args.theatre, args.topic, args.place, args.source, args.since,
                              args.until, args.limit, args.json, args.settings, args.index, args.content)
        if args.command == "bench-search":
            return cmd_bench_search(args.reports, args.seed, args.workdir, args.data, args.settings, args.keep)
    except SitrepError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
