"""The publishing sub-commands of ``sitrep``: build, check, deploy, rollback, serve, regenerate, clean.

Each command is an options dataclass, a handler and an ``add_*`` function
that declares its arguments; :mod:`sitrep.cli` assembles them. The work
itself (Pelican, the checker, the deploy targets) is imported by the
handler, so ``sitrep`` starts fast whichever command runs.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from sitrep.config.arguments import SubParsers, add_command, positive_int, settings_arg
from sitrep.config import DEFAULT_SETTINGS, PUBLISH_SETTINGS, load
from sitrep.errors import SitrepError


@dataclass
class BuildOptions:
    settings: str = DEFAULT_SETTINGS
    output: str | None = None
    content: str | None = None
    quiet: bool = False
    jobs: int | None = None


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
    if result.up_to_date:
        print(f"Nothing changed since the last build: {result.output.name}/ is as it was, with {result.reports} "
              f"reports, {result.items} item pages, {result.pages} HTML pages ({result.rendered} files rendered, "
              f"{result.carried} unchanged)")
        return 0
    print(f"Built {result.reports} reports, {result.items} item pages, {result.pages} HTML pages "
          f"into {result.output.name}/ in {result.seconds:.1f} s ({result.rendered} files rendered, "
          f"{result.carried} unchanged)")
    return 0


def cmd_check(o: CheckOptions) -> int:
    from sitrep.publish.check import check_site

    conf = load(o.settings)
    urls = [o.site_url] if o.site_url else []
    report = check_site(Path(o.directory) if o.directory else conf.output, urls + conf.urls())
    print(report.format())
    if not report.ok:
        hint = _publish_hint(o, report.problems, urls + conf.urls())
        if hint:
            print(hint)
    return 0 if report.ok else 1


def _publish_hint(o: CheckOptions, problems, urls: list[str]) -> str | None:
    """A site built with the publish settings links its own files by their
    absolute URL, which the development settings do not know: every page is
    then full of "problems". Say so once, instead of leaving the reader to
    find out from hundreds of them."""
    publish = Path(o.settings).with_name(PUBLISH_SETTINGS)
    if Path(o.settings).name == PUBLISH_SETTINGS or not publish.is_file():
        return None
    try:
        publish_urls = [u for u in load(publish).urls() if u not in urls]
    except Exception:  # noqa: BLE001 - a broken publishconf.py is deploy's to report, not a hint's
        return None
    if not any(u in p.what for p in problems for u in publish_urls):
        return None
    return (f"note: these pages link {publish_urls[0]}, the site URL of {PUBLISH_SETTINGS}: if it was built "
            f"with `build --publish`, check it with `check --publish` (or `--site-url {publish_urls[0]}`)")


def cmd_deploy(o: DeployOptions) -> int:
    from sitrep.publish.deploy import deploy

    _quiet_pelican()
    deploy(Path(o.settings), o.target, o.dry_run)
    return 0


def cmd_rollback(o: RollbackOptions) -> int:
    from sitrep.publish.deploy import rollback

    rollback(Path(o.settings), o.target)
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

    from sitrep.publish.build import builds_dir, trash_dir

    conf = load(o.settings)
    if conf.output.is_symlink():
        conf.output.unlink()
    for path in (conf.output, builds_dir(conf.output), trash_dir(conf.output), conf.cache, conf.root / "cache"):
        shutil.rmtree(path, ignore_errors=True)
    return 0


def add_build(sub: SubParsers) -> None:
    p = add_command(sub, "build", cmd_build, BuildOptions, "build the site into output/ (atomically)")
    settings_arg(p)
    p.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    p.add_argument("--content", help="content folder (default: the settings' PATH)")
    p.add_argument("--quiet", action="store_true", help="print only warnings, errors and the summary (for CI)")
    p.add_argument("--jobs", type=positive_int, help="processes that tag and render pages (default: the machine's cores)")


def add_check(sub: SubParsers) -> None:
    p = add_command(sub, "check", cmd_check, CheckOptions, "check a built site: links, anchors, HTML, feeds, open data")
    p.add_argument("directory", nargs="?", help="built site (default: the settings' OUTPUT_PATH)")
    p.add_argument("--site-url", help="absolute URL the site is served under, if not the settings' SITEURL")
    p.add_argument("--publish", dest="settings", action="store_const", const=PUBLISH_SETTINGS, default=DEFAULT_SETTINGS,
                   help=f"check a site built with `build --publish` (settings: {PUBLISH_SETTINGS})")
    settings_arg(p)


def add_deploy(sub: SubParsers) -> None:
    p = add_command(sub, "deploy", cmd_deploy, DeployOptions, "build with publishconf.py, check, and publish")
    p.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded, changed and removed")
    settings_arg(p, PUBLISH_SETTINGS)


def add_rollback(sub: SubParsers) -> None:
    p = add_command(sub, "rollback", cmd_rollback, RollbackOptions,
                    "serve the previous release of a deploy target again")
    p.add_argument("--target", help="a name from DEPLOY_TARGETS (default: DEPLOY_DEFAULT)")
    settings_arg(p, PUBLISH_SETTINGS)


def add_serve(sub: SubParsers) -> None:
    p = add_command(sub, "serve", cmd_serve, ServeOptions, "serve the built site on localhost")
    p.add_argument("--port", type=positive_int, default=8000)
    settings_arg(p)


def add_regenerate(sub: SubParsers) -> None:
    p = add_command(sub, "regenerate", cmd_regenerate, RegenerateOptions,
                    "rebuild whenever content, theme, plugins, data or settings change")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changes")
    settings_arg(p)


def add_clean(sub: SubParsers) -> None:
    p = add_command(sub, "clean", cmd_clean, CleanOptions, "remove the built site and Sitrep's caches")
    settings_arg(p)
