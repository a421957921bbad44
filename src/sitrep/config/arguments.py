"""The argparse pieces every ``sitrep`` sub-command shares.

Each package declares its own sub-commands (``sitrep.<package>.cli``) and
:mod:`sitrep.cli` assembles them; what they have in common lives here, so a
``--settings`` option or a number check reads and fails the same way in every
command and in every ``invoke`` task that calls it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sitrep.config import DEFAULT_SETTINGS

# The object ``add_subparsers`` returns; argparse exposes no public name for it.
SubParsers = Any


def add_command(sub: SubParsers, name: str, func: Callable[[Any], int], options: type,
                help: str) -> argparse.ArgumentParser:
    """A sub-command whose parsed arguments become an ``options`` dataclass that ``func`` runs on
    (:func:`sitrep.cli.main` builds the dataclass from the fields it declares)."""
    p = sub.add_parser(name, help=help, description=help)
    p.set_defaults(func=func, options=options)
    return p


def settings_arg(p: argparse.ArgumentParser, default: str = DEFAULT_SETTINGS) -> None:
    """``--settings FILE``: every command reads the project from a Pelican settings file."""
    p.add_argument("--settings", default=default, help=f"Pelican settings file (default: {default})")


def positive_int(text: str) -> int:
    """A count given on the command line: a wrong one is argparse's usage error, not a traceback."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative")
    return value
