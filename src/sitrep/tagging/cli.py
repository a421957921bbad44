"""The tagging sub-commands of ``sitrep``: tag, evaluate, train.

Each command is an options dataclass, a handler and an ``add_*`` function
that declares its arguments; :mod:`sitrep.cli` assembles them. ``tag
--explain`` finds its report by file, slug or item id here, because only
this command names items that way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.config.arguments import SubParsers, add_command, positive_int, settings_arg
from sitrep.config import DEFAULT_SETTINGS, SiteConfig, load
from sitrep.errors import FileError, SitrepError
from sitrep.files.reading import open_regular_text
from sitrep.model import Item
from sitrep.tagging.core import Tagger
from sitrep.tagging.evaluate import load_sets

EVALUATION_DIR = "tests/evaluation"


@dataclass
class TagOptions:
    input: str | None = None
    output: str | None = None
    explain: str | None = None
    content: str | None = None
    jobs: int | None = None
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


def _tagger(conf: SiteConfig) -> Tagger:
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
                    count = tag_jsonl(fin, fout, tagger, name=o.input, jobs=o.jobs)
                print(f"Tagged {count} items into {o.output}", file=sys.stderr)
            else:
                tag_jsonl(fin, sys.stdout, tagger, name=o.input, jobs=o.jobs)
        except UnicodeDecodeError:
            raise FileError(o.input, "is not UTF-8 text", "save the file as UTF-8 JSON lines") from None
    return 0


def _find_items(target: str, content: Path) -> list[Item]:
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
    from sitrep.tagging import load_tagger
    from sitrep.tagging.linear import FILE_NAME
    from sitrep.tagging.train import train_topic_model

    conf = load(o.settings)
    sets = load_sets([Path(p) for p in o.labelled] or [conf.root / EVALUATION_DIR], "dev")
    records = [r for recs in sets.values() for r in recs]
    tagger = load_tagger(conf.data, conf.cache, warn_stale=False)  # it is about to be retrained
    source = ", ".join(o.labelled) or f"{EVALUATION_DIR}/dev"
    model = train_topic_model(records, tagger, source=source)
    out = Path(o.output) if o.output else conf.data / "taxonomy" / FILE_NAME
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"Trained the topic model on {len(records)} items ({len(model.bias)} topics) into {out}")
    return 0


def add_tag(sub: SubParsers) -> None:
    p = add_command(sub, "tag", cmd_tag, TagOptions, "tag JSON lines, or explain the tags of a report or item")
    p.add_argument("input", nargs="?", help='JSON lines {"id","headline","body"}')
    p.add_argument("--output", help="write JSON lines here instead of standard output")
    p.add_argument("--explain", metavar="REPORT_OR_ITEM", help="a report file, report slug or item id")
    p.add_argument("--content", help="content folder to find --explain's report in (default: the settings' PATH)")
    p.add_argument("--jobs", type=positive_int, help="processes that tag (default: the machine's cores)")
    settings_arg(p)


def add_evaluate(sub: SubParsers) -> None:
    p = add_command(sub, "evaluate", cmd_evaluate, EvaluateOptions,
                    "score the tagger on labelled items (dev and frozen test split)")
    p.add_argument("labelled", nargs="*", help=f"JSON-lines files or folders (default: {EVALUATION_DIR}/)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="all",
                   help="which split to score (default: both, reported apart)")
    p.add_argument("--misses", nargs="?", type=positive_int, const=15, default=0, metavar="N",
                   help="print the N worst false positives of the dev split with their evidence")
    settings_arg(p)


def add_train(sub: SubParsers) -> None:
    p = add_command(sub, "train", cmd_train, TrainOptions,
                    "fit the learned topic model on labelled items (the dev split, never the test split)")
    p.add_argument("labelled", nargs="*", help=f"JSON-lines files or folders (default: {EVALUATION_DIR}/dev)")
    p.add_argument("--output", help="model file (default: DATA/taxonomy/topic-model.json)")
    settings_arg(p)
