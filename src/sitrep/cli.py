"""The ``sitrep`` command: one argparse sub-command per job, each with an options dataclass.

``tasks.py`` (invoke) turns every task into a call of :func:`main` with the
same words, so the CLI and the tasks accept the same arguments, give the same
errors and never disagree. An error an editor can cause ends in one message
and exit status 1, never a traceback.

Each package declares its own commands in its ``cli`` module (options
dataclass, handler, ``add_*`` function that sets ``func`` and ``options``);
this module only puts them in the order ``sitrep --help`` lists them and
turns what a handler raises into a message and an exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import fields

from sitrep.config import PUBLISH_SETTINGS
from sitrep.errors import SitrepError
from sitrep.files.processes import skip_exit_collection

__all__ = ["PUBLISH_SETTINGS", "commands", "main", "make_parser", "run"]  # tasks.py names cli.PUBLISH_SETTINGS


def commands() -> tuple:
    """The sub-commands, in the order ``sitrep --help`` lists them. Their modules are
    imported here, not with this one: a build's search process is spawned, and a
    spawned process imports the main module again (``python -m sitrep.cli``), which
    with the tagger's command imported the tagger there for nothing (0.3 s of a core)."""
    from sitrep.bench import cli as bench_cli
    from sitrep.importer import cli as importer_cli
    from sitrep.publish import cli as publish_cli
    from sitrep.search import cli as search_cli
    from sitrep.tagging import cli as tagging_cli

    return (
        publish_cli.add_build,
        tagging_cli.add_tag,
        tagging_cli.add_evaluate,
        tagging_cli.add_train,
        importer_cli.add_import,
        publish_cli.add_check,
        publish_cli.add_deploy,
        publish_cli.add_rollback,
        search_cli.add_search,
        bench_cli.add_bench,
        search_cli.add_bench_search,
        publish_cli.add_serve,
        publish_cli.add_regenerate,
        publish_cli.add_clean,
        bench_cli.add_test,
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in commands():
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from sitrep.search import cli as search_cli

    parser = make_parser()
    argv = search_cli.query_last(parser, list(sys.argv[1:] if argv is None else argv))
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


def run() -> None:
    """The ``sitrep`` program: :func:`main`, then exit without the collection
    Python runs at exit over a finished build's objects (see skip_exit_collection)."""
    code = main()
    skip_exit_collection()
    sys.exit(code)


if __name__ == "__main__":
    run()
