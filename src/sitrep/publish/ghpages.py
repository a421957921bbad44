"""Deploy to a GitHub Pages branch with ghp-import.

ghp-import writes the build as one new commit on top of the branch (so the
branch keeps its history) and pushes it. It runs in a scratch clone in a
temporary folder, never in the project's own repository, whose branches and
working tree stay untouched. Each deploy commit says ``sitrep deploy <id>``;
rollback pushes a new commit with the tree of the deploy before the live
one (a fast-forward, no force-push).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sitrep.publish.changes import Changes, diff, git_blob_sha, manifest
from sitrep.publish.targets import DeployError, PagesConfig
from sitrep.publish.releases import new_release_id

DEPLOY_PREFIX = "sitrep deploy "
ROLLBACK_PREFIX = "sitrep rollback to "


class PagesTarget:
    def __init__(self, config: PagesConfig):
        self.config = config
        self.remote_ref = f"refs/remotes/origin/{config.branch}"
        self.env = _git_env()

    def describe(self) -> str:
        return f"{self.config.name} (ghp-import to branch {self.config.branch} of {self.config.repo})"

    # -- git plumbing

    def _git(self, repo: Path, *args: str, what: str) -> str:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=self.env)
        if proc.returncode != 0:
            raise DeployError(f"{what} failed: git {' '.join(args[:2])}: "
                              f"{proc.stderr.decode(errors='replace').strip()}\n"
                              f"  how to fix: check that {self.config.repo} is a git repository you can push to")
        return proc.stdout.decode("utf-8", errors="replace")

    def _scratch(self, tmp: Path) -> tuple[Path, bool]:
        """A scratch repository with the branch fetched; (path, branch exists)."""
        repo = tmp / "repo"
        self._git(tmp, "init", "-q", str(repo), what="creating a scratch repository")
        self._git(repo, "remote", "add", "origin", self.config.repo, what="adding the remote")
        heads = self._git(repo, "ls-remote", "--heads", "origin", self.config.branch, what="reading the remote")
        if not heads.strip():
            return repo, False
        self._git(repo, "fetch", "-q", "origin", f"+refs/heads/{self.config.branch}:{self.remote_ref}",
                  what=f"fetching {self.config.branch}")
        return repo, True

    def _extras(self) -> dict[str, bytes]:
        """Files ghp-import adds to the branch besides the build."""
        extras = {".nojekyll": b""} if self.config.nojekyll else {}
        if self.config.cname:
            extras["CNAME"] = self.config.cname.encode()  # ghp-import writes it without a newline
        return extras

    # -- the target protocol

    def plan(self, site: Path) -> Changes:
        local = manifest(site, git_blob_sha)
        local.update({k: git_blob_sha(v) for k, v in self._extras().items()})
        with tempfile.TemporaryDirectory(prefix="sitrep-pages-") as tmp:
            repo, exists = self._scratch(Path(tmp))
            live = self._tree(repo) if exists else {}
        return diff(local, live)

    def _tree(self, repo: Path) -> dict[str, str]:
        out = self._git(repo, "ls-tree", "-r", "-z", self.remote_ref, what="listing the branch")
        tree = {}
        for entry in filter(None, out.split("\0")):
            meta, _, path = entry.partition("\t")
            _mode, kind, sha = meta.split()
            if kind == "blob":
                tree[path] = sha
        return tree

    def publish(self, site: Path) -> str:
        with tempfile.TemporaryDirectory(prefix="sitrep-pages-") as tmp:
            repo, exists = self._scratch(Path(tmp))
            before = self._git(repo, "rev-parse", self.remote_ref, what="reading the branch").strip() if exists else None
            rid = new_release_id(self._deploy_ids(repo) if exists else [])
            cmd = [sys.executable, "-m", "ghp_import", "-m", f"{DEPLOY_PREFIX}{rid}", "-p",
                   "-r", "origin", "-b", self.config.branch, str(site)]
            if self.config.nojekyll:
                cmd.append("-n")
            if self.config.cname:
                cmd += ["-c", self.config.cname]
            proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=self.env)
            after = self._git(repo, "rev-parse", "--verify", "-q", f"refs/heads/{self.config.branch}",
                              what="reading the new commit").strip() if proc.returncode == 0 else None
            if proc.returncode != 0 or not after or after == before:
                raise DeployError(f"ghp-import failed (exit {proc.returncode}); branch {self.config.branch} "
                                  f"is unchanged:\n  {(proc.stderr or proc.stdout).strip()}")
            return rid

    def _deploy_ids(self, repo: Path) -> list[str]:
        log = self._git(repo, "log", "--first-parent", "--format=%s", self.remote_ref, what="reading the history")
        return [s[len(DEPLOY_PREFIX):] for s in log.splitlines() if s.startswith(DEPLOY_PREFIX)]

    def rollback(self) -> str:
        with tempfile.TemporaryDirectory(prefix="sitrep-pages-") as tmp:
            repo, exists = self._scratch(Path(tmp))
            if not exists:
                raise DeployError(f"nothing to roll back: branch {self.config.branch} does not exist")
            log = self._git(repo, "log", "--first-parent", "--format=%H %T %s", self.remote_ref,
                            what="reading the history")
            deploys: list[tuple[str, str]] = []  # (release id, tree), newest first
            live = None
            for line in log.splitlines():
                _sha, tree, subject = line.split(" ", 2)
                if live is None:
                    live = subject.removeprefix(DEPLOY_PREFIX).removeprefix(ROLLBACK_PREFIX)
                if subject.startswith(DEPLOY_PREFIX):
                    deploys.append((subject[len(DEPLOY_PREFIX):], tree))
            older = sorted((d for d in deploys if d[0] < (live or "")), reverse=True)
            if not older:
                raise DeployError(f"nothing to roll back to: no sitrep deploy before {live} on {self.config.branch}")
            rid, tree = older[0]
            commit = self._git(repo, "commit-tree", tree, "-p", self.remote_ref, "-m", f"{ROLLBACK_PREFIX}{rid}",
                               what="writing the rollback commit").strip()
            self._git(repo, "push", "-q", "origin", f"{commit}:refs/heads/{self.config.branch}",
                      what="pushing the rollback")
            return rid


def _git_env() -> dict[str, str]:
    """Commit with the user's git identity, or a neutral one where none is set (CI)."""
    env = dict(os.environ)
    probe = subprocess.run(["git", "config", "--get", "user.email"], capture_output=True, text=True)
    if not probe.stdout.strip():
        for role in ("AUTHOR", "COMMITTER"):
            env.setdefault(f"GIT_{role}_NAME", "Sitrep deploy")
            env.setdefault(f"GIT_{role}_EMAIL", "sitrep-deploy@localhost")
    return env
