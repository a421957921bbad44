"""invoke tasks for Sitrep, named as pelican-quickstart users expect.

Every task runs the ``sitrep`` command (:func:`sitrep.cli.main`) with the
same words, so a task and the CLI take the same arguments, check them the same
way and print the same errors: ``invoke tag items.jsonl --output tags.jsonl``
is ``sitrep tag items.jsonl --output tags.jsonl``.
"""

from __future__ import annotations

import atexit

import invoke.program
from invoke import Exit, task
from invoke.parser import Parser

from sitrep import cli
from sitrep.files.processes import skip_exit_collection

# The argument of each task that takes the bare words after the task name
# (``invoke import a.html b.txt``, ``invoke search "-kursk"``).
WORDS = {"import": "paths", "tag": "input", "search": "query", "check": "directory", "evaluate": "labelled",
         "train": "labelled"}


class WordsParser(Parser):
    """invoke's parser, plus bare words for the tasks named in ``WORDS``.

    invoke has no optional or variadic positional arguments (pyinvoke/invoke
    #159, #378), and it splits a word such as ``-kursk`` into short flags.
    Before invoke parses, each bare word given to such a task is rewritten as
    that task's own option (``import a.html b.txt`` → ``import --paths a.html
    --paths b.txt``), so invoke only ever sees the forms it knows."""

    def parse_argv(self, argv):
        return super().parse_argv(list(self._name_words(argv)))

    def _name_words(self, argv):
        context, expects_value = None, False
        for index, token in enumerate(argv):
            if token == "--":
                yield from argv[index:]
                return
            if expects_value:
                expects_value = False
                yield token
                continue
            flag = token.partition("=")[0]
            known = (context.flags if context else {}) | (self.initial.flags if self.initial else {})
            if flag in known:
                expects_value = known[flag].takes_value and "=" not in token
            elif token in self.contexts:
                context = self.contexts[token]
            elif context is not None and context.name in WORDS:
                yield "--" + WORDS[context.name].replace("_", "-")
            yield token


invoke.program.Parser = WordsParser  # the Program makes its task parser from this name
# At invoke's exit, not after each task: a build run after another task in one invoke
# (``invoke clean build``) must find the collector as a fresh process has it.
atexit.register(skip_exit_collection)


def _sitrep(command: str, *words, **options) -> None:
    """Run ``sitrep COMMAND --option value ... -- WORDS``; a failure exits non-zero."""
    argv = [command]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif value not in (None, False, [], ""):
            argv += [flag, str(value)]
    words = [str(w) for w in words if w not in (None, "")]
    code = cli.main(argv + (["--", *words] if words else []))
    if code:
        raise Exit(code=code)


@task(help={"publish": "use publishconf.py (absolute URLs)", "output": "output directory",
            "content": "content folder (default: the settings' PATH)", "quiet": "print only the summary",
            "jobs": "processes that tag and render (default: the machine's cores)"})
def build(c, publish=False, output=None, content=None, quiet=False, jobs=None):
    """Build the site into output/; a failed build leaves output/ untouched."""
    _sitrep("build", settings=cli.PUBLISH_SETTINGS if publish else None, output=output, content=content,
            quiet=quiet, jobs=jobs)


@task
def clean(c):
    """Remove the built site and Sitrep's caches."""
    _sitrep("clean")


@task(pre=[clean])
def rebuild(c):
    """Build from scratch (no caches)."""
    build(c)


# Numeric options default to None, not a number: invoke would convert a typed
# default's value itself (int("abc")) and print a traceback; sitrep checks it.
@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=None):
    """Serve output/ on http://localhost:PORT/ (missing pages get 404.html)."""
    _sitrep("serve", port=port)


@task(help={"interval": "seconds between checks for changes (default 1)"})
def regenerate(c, interval=None):
    """Rebuild whenever content, theme, plugins, data or settings change."""
    _sitrep("regenerate", interval=interval)


@task(name="import", iterable=["paths"],
      help={"paths": "digest files (text or HTML), globs or comma-separated lists",
            "source": "source name if the digest does not show it", "date": "YYYY-MM-DD if the digest does not say"})
def import_(c, paths, source=None, date=None):
    """Import digests saved as text or HTML: invoke import PATH [PATH...]"""
    _sitrep("import", *paths, source=source, date=date)


@task(help={"input": 'JSON lines {"id","headline","body"} to tag',
            "output": "write JSON lines here instead of standard output",
            "explain": "a report file, report slug or item id whose tags to explain",
            "jobs": "processes that tag (default: the machine's cores)"})
def tag(c, input=None, output=None, explain=None, jobs=None):
    """Tag JSON lines: invoke tag ITEMS.jsonl [--output OUT.jsonl]; or invoke tag --explain REPORT_OR_ITEM."""
    _sitrep("tag", input, output=output, explain=explain, jobs=jobs)


@task(iterable=["labelled"], optional=["misses"],
      help={"labelled": "labelled JSON-lines files (default: tests/evaluation/)",
            "split": "dev, test or all (default: both, reported apart)",
            "misses": "print the N worst false positives of the dev split with their evidence (default 15)"})
def evaluate(c, labelled, split=None, misses=None):
    """Score the tagger on the labelled set: by split, length band and style; per-tag P/R/F1."""
    _sitrep("evaluate", *labelled, split=split, misses=15 if misses is True else misses)


@task(iterable=["labelled"], help={"labelled": "labelled JSON-lines files (default: tests/evaluation/dev/)",
                                  "output": "model file (default: data/taxonomy/topic-model.json)"})
def train(c, labelled, output=None):
    """Fit the learned topic model on the dev split of the labelled set."""
    _sitrep("train", *labelled, output=output)


@task(help={"target": "a name from DEPLOY_TARGETS in publishconf.py (default: DEPLOY_DEFAULT)",
            "dry_run": "list what would be uploaded, changed and removed; change nothing"})
def deploy(c, target=None, dry_run=False):
    """Build with publishconf.py, check the site, and publish it (refused if the check fails)."""
    _sitrep("deploy", target=target, dry_run=dry_run)


@task(help={"target": "a name from DEPLOY_TARGETS in publishconf.py (default: DEPLOY_DEFAULT)"})
def rollback(c, target=None):
    """Serve the release that was live before the current one again."""
    _sitrep("rollback", target=target)


@task(help={"directory": "built site to check (default: output/)",
            "publish": "the site was built with `build --publish` (publishconf.py: absolute URLs)"})
def check(c, directory=None, publish=False):
    """Check a built site: links and anchors, HTML, feeds, open data, no inline script."""
    _sitrep("check", directory, settings=cli.PUBLISH_SETTINGS if publish else None)


@task(help={"k": "only tests matching this expression",
            "fast": "skip the slow tests (whole-site builds, browser, deploy)"})
def test(c, k=None, fast=False):
    """Run the test suite; --fast leaves out the slow tests (under a minute)."""
    _sitrep("test", match=k, fast=fast)


@task(help={"reports": "also generate an N-report archive and benchmark whole builds on it",
            "markdown": "also write the tables as Markdown to this file",
            "workdir": "scratch directory for the generated archive (default: a temporary one)"})
def bench(c, reports=None, markdown=None, workdir=None):
    """Print benchmark numbers: tagging; with --reports N, full and incremental builds vs plain Pelican."""
    _sitrep("bench", reports=reports, markdown=markdown, workdir=workdir)


@task(help={"query": 'words, "a phrase", OR, NOT/-word; the last word is also a prefix',
            "theatre": "theatre slug", "topic": "topic slug", "place": "place slug", "source": "source slug",
            "since": "YYYY-MM-DD (inclusive)", "until": "YYYY-MM-DD (inclusive)", "limit": "results to show",
            "sort": "relevance (default) or date", "json": "print JSON: id, url, headline, date, score, theatres, topics, snippet"})
def search(c, query=None, theatre=None, topic=None, place=None, source=None, since=None, until=None, limit=None,
           sort=None, json=False):
    """Search the built site's full-text index: invoke search "QUERY" [--theatre S] ..."""
    _sitrep("search", query, theatre=theatre, topic=topic, place=place, source=source, since=since, until=until,
            limit=limit, sort=sort, json=json)


@task(name="bench-search", help={"reports": "reports to generate (default 5000)", "seed": "generator seed",
                                 "workdir": "where to generate and build (default: a temporary folder)",
                                 "keep": "keep the generated archive and built sites"})
def bench_search(c, reports=None, seed=None, workdir=None, keep=False):
    """Benchmark search on a generated archive: Whoosh CLI, browser index, Pagefind."""
    _sitrep("bench-search", reports=reports, seed=seed, workdir=workdir, keep=keep)
