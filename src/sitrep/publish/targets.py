"""Deploy targets as the settings describe them (``DEPLOY_TARGETS``).

Settings are plain Python (publishconf.py), so every value is checked here
and a mistake is reported with the target's name and the fix, before any
byte is uploaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import SitrepError


class DeployError(SitrepError):
    """A deploy or rollback that could not be done; the live site is unchanged
    unless the message says otherwise."""


@dataclass(frozen=True, slots=True)
class LocalConfig:
    name: str
    path: Path
    keep: int = 5


@dataclass(frozen=True, slots=True)
class RsyncConfig:
    name: str
    host: str
    path: str
    user: str | None = None
    port: int = 22
    keep: int = 5
    ssh_options: tuple[str, ...] = ()
    rsync_options: tuple[str, ...] = ()

    @property
    def destination(self) -> str:
        return f"{self.user}@{self.host}" if self.user else self.host


@dataclass(frozen=True, slots=True)
class PagesConfig:
    name: str
    repo: str
    branch: str = "gh-pages"
    cname: str | None = None
    nojekyll: bool = True


@dataclass(frozen=True, slots=True)
class S3Config:
    name: str
    bucket: str
    prefix: str = ""
    region: str | None = None
    endpoint_url: str | None = None
    extra: dict = field(default_factory=dict)  # e.g. {"CacheControl": "max-age=300"} for every upload


TargetConfig = LocalConfig | RsyncConfig | PagesConfig | S3Config
TYPES = {"local": "local", "rsync": "rsync", "ssh": "rsync", "pages": "pages", "ghp-import": "pages",
         "github-pages": "pages", "s3": "s3"}


def target_config(settings: dict, name: str | None = None, base: Path | None = None) -> TargetConfig:
    """The target ``name`` (default: DEPLOY_DEFAULT, or the only target)."""
    targets = settings.get("DEPLOY_TARGETS") or {}
    if not isinstance(targets, dict) or not targets:
        raise DeployError("no deploy targets: the settings have no DEPLOY_TARGETS\n"
                          "  how to fix: add DEPLOY_TARGETS = {\"name\": {\"type\": \"rsync\", ...}} "
                          "to publishconf.py (see the examples there)")
    if name is None:
        name = settings.get("DEPLOY_DEFAULT") or (next(iter(targets)) if len(targets) == 1 else None)
        if name is None:
            raise DeployError(f"several deploy targets ({', '.join(targets)}) and no DEPLOY_DEFAULT\n"
                              "  how to fix: pass --target NAME or set DEPLOY_DEFAULT in publishconf.py")
    if name not in targets:
        raise DeployError(f"no deploy target {name!r}; the settings define: {', '.join(targets)}\n"
                          "  how to fix: pass one of those to --target, or add it to DEPLOY_TARGETS")
    return parse_target(name, targets[name], base or Path.cwd())


def parse_target(name: str, raw: dict, base: Path) -> TargetConfig:
    if not isinstance(raw, dict):
        _bad(name, "must be a dict of options", "write e.g. {\"type\": \"local\", \"path\": \"../live\"}")
    kind = TYPES.get(str(raw.get("type", "")).lower())
    if kind is None:
        _bad(name, f"has type {raw.get('type')!r}", f"use one of: {', '.join(sorted(set(TYPES)))}")
    keep = _int(name, raw, "keep", 5, minimum=2)
    if kind == "local":
        path = Path(_str(name, raw, "path")).expanduser()
        return LocalConfig(name, path if path.is_absolute() else (base / path).resolve(), keep)
    if kind == "rsync":
        path = _str(name, raw, "path")
        if not path.startswith(("/", "~")):
            _bad(name, f"has a relative remote path {path!r}", "give the absolute path on the server")
        return RsyncConfig(
            name, host=_str(name, raw, "host"), path=path.rstrip("/") or "/", user=raw.get("user") or None,
            port=_int(name, raw, "port", 22, minimum=1), keep=keep,
            ssh_options=_strings(name, raw, "ssh_options"), rsync_options=_strings(name, raw, "rsync_options"),
        )
    if kind == "pages":
        return PagesConfig(name, repo=_repo(_str(name, raw, "repo"), base), branch=raw.get("branch") or "gh-pages",
                           cname=raw.get("cname") or None, nojekyll=bool(raw.get("nojekyll", True)))
    return S3Config(name, bucket=_str(name, raw, "bucket"), prefix=(raw.get("prefix") or "").strip("/"),
                    region=raw.get("region") or None, endpoint_url=raw.get("endpoint_url") or None,
                    extra=dict(raw.get("extra") or {}))


def _repo(repo: str, base: Path) -> str:
    """A git URL as given; a local path made absolute (relative to the settings)."""
    if "://" in repo or re.match(r"^[\w.-]+@[^:/]+:", repo):
        return repo
    path = Path(repo).expanduser()
    return str(path if path.is_absolute() else (base / path).resolve())


def _bad(name: str, what: str, fix: str):
    raise DeployError(f"deploy target {name!r} {what}\n  how to fix: {fix} in DEPLOY_TARGETS")


def _str(name: str, raw: dict, key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        _bad(name, f"has no {key!r}", f"add \"{key}\": \"...\" (or set the environment variable it is read from)")
    return value.strip()


def _int(name: str, raw: dict, key: str, default: int, minimum: int) -> int:
    value = raw.get(key, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = minimum - 1
    if number < minimum:
        _bad(name, f"has {key}={value!r}", f"use a whole number >= {minimum}")
    return number


def _strings(name: str, raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        _bad(name, f"has {key}={value!r}", "give a list of strings, one option per entry")
    return tuple(value)
