"""Publish the site safely: build, check, then upload to a deploy target.

A deploy always builds afresh with the publish settings (absolute URLs),
runs :mod:`sitrep.publish.check` on that build and refuses to publish if it finds
any problem. Targets are configured in the settings::

    DEPLOY_TARGETS = {
        "live": {"type": "rsync", "host": "example.org", "user": "www", "port": 22,
                 "path": "/srv/sitrep", "keep": 5, "ssh_options": ["-i", "~/.ssh/deploy"]},
        "local": {"type": "local", "path": "../sitrep-live"},
        "pages": {"type": "pages", "repo": "git@github.com:org/sitrep.git", "branch": "gh-pages"},
        "s3": {"type": "s3", "bucket": "sitrep-site", "endpoint_url": None},
    }
    DEPLOY_DEFAULT = "live"

``rsync`` and ``local`` targets keep releases and switch a ``current``
symlink atomically (:mod:`.releases`); ``pages`` pushes a commit with
ghp-import (:mod:`.pages`); ``s3`` uploads what changed (:mod:`.s3`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from sitrep.publish.check import CheckReport, check_site
from sitrep.publish.changes import Changes
from sitrep.publish.targets import DeployError, LocalConfig, PagesConfig, RsyncConfig, S3Config, TargetConfig, target_config

__all__ = ["DeployError", "CheckFailed", "DeployResult", "deploy", "rollback", "make_target", "load_settings"]

Echo = Callable[[str], None]


class Target(Protocol):
    def describe(self) -> str: ...
    def plan(self, site: Path) -> Changes: ...
    def publish(self, site: Path) -> str: ...
    def rollback(self) -> str: ...


class CheckFailed(DeployError):
    """The build has problems: nothing was uploaded."""

    def __init__(self, report: CheckReport):
        self.report = report
        super().__init__(f"the site check found {len(report.problems)} problem(s); nothing was published:\n"
                         f"{report.format(limit=50)}")


@dataclass(slots=True)
class DeployResult:
    target: str
    changes: Changes
    check: CheckReport
    release: str | None  # None for a dry run
    dry_run: bool


def make_target(config: TargetConfig) -> Target:
    if isinstance(config, LocalConfig):
        from sitrep.publish.releases import LocalTarget

        return LocalTarget(config)
    if isinstance(config, RsyncConfig):
        from sitrep.publish.rsync import RsyncTarget

        return RsyncTarget(config)
    if isinstance(config, PagesConfig):
        from sitrep.publish.ghpages import PagesTarget

        return PagesTarget(config)
    if isinstance(config, S3Config):
        from sitrep.publish.s3 import S3Target

        return S3Target(config)
    raise DeployError(f"unknown deploy target type {type(config).__name__}")


def load_settings(settings_file: Path) -> dict:
    from sitrep.config.settings import read_pelican_settings

    if not Path(settings_file).is_file():
        raise DeployError(f"settings file {settings_file} not found\n"
                          "  how to fix: run from the project folder or pass --settings")
    return read_pelican_settings(Path(settings_file).resolve())


def site_urls(settings: dict) -> list[str]:
    """The URLs the built site is served under, SITEURL first."""
    return [u for u in (settings.get("SITEURL"), settings.get("FEED_DOMAIN")) if u]


def deploy(settings_file: Path = Path("publishconf.py"), target: str | None = None, dry_run: bool = False,
           echo: Echo = print) -> DeployResult:
    """Build with ``settings_file``, check, and publish (or, dry, list the changes)."""
    from sitrep.publish.build import build

    settings_file = Path(settings_file)
    settings = load_settings(settings_file)
    config = target_config(settings, target, settings_file.resolve().parent)
    where = make_target(config)
    with tempfile.TemporaryDirectory(prefix="sitrep-deploy-") as tmp:
        staging = Path(tmp) / "site"
        result = build(settings_file, staging)
        echo(f"Built {result.pages} pages with {settings_file.name} in {result.seconds:.1f} s")
        report = check_site(staging, site_urls(settings))
        if not report.ok:
            raise CheckFailed(report)
        echo(f"Site check passed ({report.pages} pages, {report.files} files)")
        changes = where.plan(staging)
        echo(f"{'Would publish' if dry_run else 'Publishing'} to {where.describe()}:\n{changes.format()}")
        if dry_run:
            echo("Dry run: nothing was changed.")
            return DeployResult(config.name, changes, report, None, True)
        release = where.publish(staging)
    echo(f"Published release {release} to {config.name}.")
    return DeployResult(config.name, changes, report, release, False)


def rollback(settings_file: Path = Path("publishconf.py"), target: str | None = None, echo: Echo = print) -> str:
    """Make the release before the live one live again."""
    settings_file = Path(settings_file)
    settings = load_settings(settings_file)
    config = target_config(settings, target, settings_file.resolve().parent)
    where = make_target(config)
    release = where.rollback()
    echo(f"Rolled back {where.describe()}: now serving release {release}.")
    return release
