"""Deploy over SSH with rsync into releases on the server.

As pelican-quickstart's ``rsync_upload`` does, files go with ``rsync -c``
over ``ssh -p PORT``; Sitrep adds the release layout of
:mod:`sitrep.publish.releases`: upload into a new release directory,
hard-linking unchanged files to the live release (``--link-dest``) so only
changed files cross the network, then switch ``current`` with ``mv -T`` on
the server. Needs ``rsync`` on both ends and GNU ``mv`` on the server.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from sitrep.publish.changes import Changes, site_files
from sitrep.publish.targets import DeployError, RsyncConfig
from sitrep.publish.releases import (HISTORY_FILE, PARTIAL_PREFIX, format_history, history_after_publish,
                                     new_release_id, parse_history, release_names, release_of_link,
                                     releases_to_prune, rollback_target)

# No -t: every build rewrites every file, so times differ and would defeat --link-dest.
RSYNC_FLAGS = ["-rlpcz", "--chmod=D755,F644", "--delete", "--timeout=120"]
SSH_TIMEOUT = 20


class RsyncTarget:
    def __init__(self, config: RsyncConfig):
        self.config = config
        # ssh and rsync start in the login's home: "~/site" is just "site" there.
        self.path = config.path[2:] if config.path.startswith("~/") else config.path
        self.releases_dir: str | None = None  # absolute path of releases/ on the server, once read

    def describe(self) -> str:
        c = self.config
        return f"{c.name} (rsync over ssh to {c.destination}:{c.path}, port {c.port})"

    # -- ssh plumbing

    def ssh_command(self) -> list[str]:
        # BatchMode: never wait for a password; ServerAlive: a dead connection fails
        # the deploy within a minute instead of hanging it.
        return ["ssh", "-p", str(self.config.port), "-o", "BatchMode=yes",
                "-o", f"ConnectTimeout={SSH_TIMEOUT}", "-o", "ServerAliveInterval=15",
                "-o", "ServerAliveCountMax=4", *self.config.ssh_options]

    def remote(self, script: str, what: str) -> str:
        """Run a POSIX shell script on the server; its output, or DeployError."""
        cmd = [*self.ssh_command(), self.config.destination, script]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise DeployError(f"{what} failed on {self.config.destination} (exit {proc.returncode}):\n"
                              f"  {proc.stderr.strip() or proc.stdout.strip()}\n"
                              "  how to fix: check host, port, user, key (ssh_options) and that the "
                              "path exists and is writable")
        return proc.stdout

    def _q(self, *parts: str) -> str:
        return shlex.quote("/".join((self.path, *parts)))

    def _listing(self) -> str:
        """Shell that prints the releases directory, a marker, where 'current'
        points, a marker, the live history, a marker, then the releases directory's
        absolute path."""
        return (f"ls -1A {self._q('releases')} 2>/dev/null; echo '//current'; "
                f"readlink {self._q('current')} 2>/dev/null || true; echo '//history'; "
                f"cat {self._q(HISTORY_FILE)} 2>/dev/null || true; echo '//where'; "
                f"cd -P -- {self._q('releases')} >/dev/null 2>&1 && pwd -P || true")

    def state(self, script: str = "", what: str = "reading the releases"
              ) -> tuple[list[str], str | None, bool, list[str]]:
        """Run ``script`` (if any), then read: (finished releases oldest first,
        the live release or None, whether half-uploaded releases lie around,
        the live history). One SSH connection: each costs a handshake."""
        out = self.remote(f"{script}{self._listing()}", what)
        listing, _, rest = out.partition("//current\n")
        link, _, rest = rest.partition("//history\n")
        history, marker, where = rest.rpartition("//where\n")  # the last marker: a history line cannot fool it
        if not marker:
            history, where = rest, ""
        lines = [line for line in where.splitlines() if line.strip()]
        # an absolute path, or nothing (then the relative basis): never text a login shell printed
        self.releases_dir = lines[-1] if lines and lines[-1].startswith("/") else None
        entries = listing.split()
        partials = any(e.startswith(PARTIAL_PREFIX) for e in entries)
        return release_names(entries), release_of_link(link.strip()), partials, parse_history(history)

    def rsync(self, site: Path, dest_dir: str, extra: list[str]) -> subprocess.CompletedProcess:
        cmd = ["rsync", *RSYNC_FLAGS, *extra, *self.config.rsync_options,
               "-e", shlex.join(self.ssh_command()),
               f"{site}/", f"{self.config.destination}:{dest_dir}/"]
        return subprocess.run(cmd, capture_output=True, text=True)

    # -- the target protocol

    def plan(self, site: Path) -> Changes:
        """What would change, from ``rsync -n -i --delete`` against the live release."""
        _, current, _, _ = self.state()
        if current is None:
            return Changes(added=site_files(site))
        proc = self.rsync(site, f"{self.path}/releases/{current}", ["-n", "-i"])
        if proc.returncode != 0:
            raise DeployError(f"rsync --dry-run failed: {proc.stderr.strip()}")
        return parse_itemized(proc.stdout, total=len(site_files(site)))

    def publish(self, site: Path) -> str:
        releases, current, _, history = self.state(f"mkdir -p {self._q('releases')} && ",
                                                   "creating the releases directory")
        rid = new_release_id(releases)
        partial = f"{self.path}/releases/{PARTIAL_PREFIX}{rid}"
        # An absolute basis: with a relative one ("--link-dest=../RELEASE" over ssh) the receiver of
        # Debian 12's rsync 3.2.7-1+deb12u6, which carries the upstream security fixes, discards every
        # changed file: "failed verification -- update discarded" (RsyncProject/rsync#928, 3.4.3).
        basis = f"{self.releases_dir}/{current}" if self.releases_dir else f"../{current}"
        link_dest = [f"--link-dest={basis}"] if current else []
        proc = self.rsync(site, partial, link_dest)
        if proc.returncode != 0:
            self._forget(partial)
            raise DeployError(f"rsync failed (exit {proc.returncode}); the live site still serves "
                              f"{current or 'nothing'}:\n  {proc.stderr.strip()}")
        self.switch(rid, history_after_publish(history, [*releases, rid], rid),
                    f"mv -T {shlex.quote(partial)} {self._q('releases', rid)}; ")
        return rid

    def switch(self, rid: str, history: list[str], before: str = "") -> None:
        """Point ``current`` at ``rid`` with one rename (``mv -T`` of a fresh
        symlink), record the live history, then prune old releases."""
        temp = shlex.quote(f"{self.path}/.current-{rid}")
        history_tmp = shlex.quote(f"{self.path}/.{HISTORY_FILE}-{rid}")
        releases, current, partials, history = self.state(
            f"set -e; {before}test -d {self._q('releases', rid)}; "
            f"ln -sfn releases/{rid} {temp}; mv -T {temp} {self._q('current')}; "
            f"printf %s {shlex.quote(format_history(history))} > {history_tmp}; "
            f"mv -f {history_tmp} {self._q(HISTORY_FILE)}; set +e; ",
            f"switching 'current' to {rid}",
        )
        if current != rid:
            raise DeployError(f"'current' on {self.config.destination} points at {current}, not {rid}")
        doomed = [self._q("releases", r) for r in releases_to_prune(releases, current, self.config.keep, history)]
        if partials:  # left by deploys that died
            doomed.append(f"{self._q('releases')}/{PARTIAL_PREFIX}*")
        if doomed:
            self.remote(f"rm -rf {' '.join(doomed)}", "removing old releases")

    def rollback(self) -> str:
        releases, current, _, history = self.state()
        target, history = rollback_target(history, releases, current)
        self.switch(target, history)
        return target

    def _forget(self, partial: str) -> None:
        """Best effort: remove a half-uploaded release (the next deploy's prune
        removes it otherwise)."""
        try:
            self.remote(f"rm -rf {shlex.quote(partial)}", "removing the partial upload")
        except DeployError:
            pass


def parse_itemized(output: str, total: int) -> Changes:
    """Read ``rsync -i`` lines: '>f+++++++++ x' new, '>f...' changed, '*deleting x' removed."""
    changes = Changes()
    for line in output.splitlines():
        flags, _, name = line.partition(" ")
        name = name.lstrip(" ") if flags == "*deleting" else name
        if name.endswith("/") or not name:
            continue
        if flags == "*deleting":
            changes.removed.append(name)
        elif flags.startswith((">f", "<f")):
            (changes.added if "+++++++" in flags else changes.changed).append(name)
    changes.unchanged = total - len(changes.added) - len(changes.changed)
    return changes.sort()
