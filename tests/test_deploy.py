"""Deploy targets against real servers started here: an sshd on 127.0.0.1
with a throwaway key (rsync over SSH), a local directory, a bare git
repository (ghp-import) and moto's S3 server (boto3).

What a user cares about: after a deploy, ``current`` serves the new build;
a deploy that fails (check fails, upload dies midway) leaves the live site
as it was; rollback brings the previous release back; a dry run lists the
changes and changes nothing."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SITE_URL, run_main, seed_cache, write_settings
from sitrep.publish.deploy import DeployError
from sitrep.publish.targets import LocalConfig, PagesConfig, RsyncConfig, S3Config, target_config
from sitrep.publish.ghpages import PagesTarget
from sitrep.publish.releases import LocalTarget
from sitrep.publish.rsync import RsyncTarget

SSHD = Path("/usr/sbin/sshd")
BROKEN_LINK = "\nSee [the follow-up](/reports/no-such-report/) for more.\n"


# ---------------------------------------------------------------- helpers


def tree(path: Path) -> dict[str, str]:
    """{relative path: sha256} of every file, following symlinks (what a web server serves)."""
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def snapshot(path: Path) -> dict[str, str]:
    """Everything under a target directory, symlinks as their targets (nothing followed)."""
    out = {}
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path).as_posix()
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def largest_file(root: Path) -> int:
    return max(p.stat().st_size for p in root.rglob("*") if p.is_file())


def live_release(root: Path) -> str:
    return os.readlink(root / "current").rsplit("/", 1)[-1]


def releases(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "releases").iterdir() if not p.name.startswith("."))


def first_item_page(release: Path, report: str) -> str:
    """The first item page of a report, relative to the release."""
    return sorted(release.glob(f"reports/{report}/*/index.html"))[0].relative_to(release).as_posix()


@pytest.fixture
def deploy_settings(site_settings):
    """``deploy_settings(content, targets, default)``: publishconf.py with the
    fixture content and test targets (``DEPLOY_TARGETS``, ``DEPLOY_DEFAULT``)."""
    def make(content: Path, targets: dict, default: str | None = None) -> Path:
        return site_settings("s", base="publishconf", PATH=content, DEPLOY_TARGETS=targets, DEPLOY_DEFAULT=default)

    return make


def sitrep(*args: str) -> subprocess.CompletedProcess:
    """``sitrep deploy``/``rollback`` through the CLI's main (in-process: a deploy is a whole build)."""
    return run_main(*args)


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def edit_content(content: Path) -> None:
    """The next day's work: one report edited, one removed, one added."""
    report = content / "reports/2025/2025-02-05-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA late update was added to this report.\n",
                      encoding="utf-8")
    (content / "reports/2024/2024-12-30-field-notes.md").unlink()
    (content / "reports/2025/2025-02-07-test-desk.md").write_text(
        "Title: Test Desk digest, 7 February 2025\nDate: 2025-02-07\nSource: Test Desk\n\n"
        "## Drone attack on Sumy power station\n\nA drone damaged a substation in Sumy overnight, "
        "the regional administration said.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory, published_site, compiled_cache) -> tuple[Path, Path]:
    """Two real publish builds of the fixture archive: before (the shared one)
    and after edit_content. Read only."""
    base = tmp_path_factory.mktemp("builds")
    content = base / "content"
    shutil.copytree(FIXTURES / "archive", content)
    edit_content(content)
    settings = write_settings(base / "settings.py", "publishconf", PATH=content, DEPLOY_TARGETS={},
                              SITEURL=SITE_URL, FEED_DOMAIN=SITE_URL,
                              SITREP_CACHE_DIR=seed_cache(compiled_cache, base / "cache"))
    run_main("build", "--settings", str(settings), "--output", str(base / "v2"), "--quiet", check=True)
    return published_site.site, base / "v2"


@pytest.fixture
def content(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", dest)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- a real sshd


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """An sshd on 127.0.0.1:<free port> that accepts only a throwaway key; killed at teardown."""
    if not SSHD.exists():
        pytest.skip("/usr/sbin/sshd is missing: install openssh-server (and rsync) to run the SSH deploy tests")
    if not shutil.which("rsync"):
        pytest.skip("rsync is missing: install rsync to run the SSH deploy tests")
    d = tmp_path_factory.mktemp("sshd")
    for key in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"sitrep-test-{key}",
                        "-f", str(d / key)], check=True)
    (d / "authorized_keys").write_text((d / "client.pub").read_text())
    port = free_port()
    (d / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {d / 'host'}\nPidFile {d / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {d / 'authorized_keys'}\nUsePAM no\nStrictModes no\n"
        "PermitRootLogin prohibit-password\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nLogLevel ERROR\n"
    )
    host_key = (d / "host.pub").read_text().split()
    (d / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation directory
    log = open(d / "sshd.log", "wb")
    proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(d / "sshd_config")],
                            stdout=log, stderr=subprocess.STDOUT)
    options = ["-F", "none", "-i", str(d / "client"), "-o", "IdentitiesOnly=yes",
               "-o", f"UserKnownHostsFile={d / 'known_hosts'}", "-o", "StrictHostKeyChecking=yes",
               "-o", "LogLevel=ERROR"]
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    deadline = time.monotonic() + 10
    while True:
        probe = subprocess.run(["ssh", "-p", str(port), "-o", "BatchMode=yes", *options, f"{user}@127.0.0.1", "true"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            log.close()
            output = (d / "sshd.log").read_text(errors="replace")
            pytest.fail(f"sshd did not accept the test key: {probe.stderr}\n{output}")
        time.sleep(0.1)
    yield {"host": "127.0.0.1", "port": port, "user": user, "ssh_options": options}
    proc.kill()
    proc.wait()
    log.close()


def ssh_target(sshd, path: Path, **extra) -> dict:
    return {"type": "rsync", **sshd, "path": str(path), **extra}


# ---------------------------------------------------------------- rsync over SSH, end to end


@pytest.mark.slow  # deploys build the site
def test_ssh_deploy_dry_run_update_and_rollback(sshd, content, tmp_path, deploy_settings):
    live = tmp_path / "srv" / "sitrep"
    settings = deploy_settings(content, {"ssh": ssh_target(sshd, live)}, "ssh")

    first = ok(sitrep("deploy", "--settings", str(settings), "--dry-run"))
    assert "+ index.html" in first.stdout and "Dry run: nothing was changed." in first.stdout
    assert not live.exists()

    ok(sitrep("deploy", "--settings", str(settings)))
    v1 = live_release(live)
    assert (live / "current").is_symlink() and os.readlink(live / "current") == f"releases/{v1}"
    assert "Test Desk digest, 4 February 2025" in (live / "current/reports/2025-02-04-test-desk/index.html").read_text()
    served_v1 = tree(live / "current")

    edit_content(content)
    before = snapshot(live)
    dry = ok(sitrep("deploy", "--settings", str(settings), "--target", "ssh", "--dry-run"))
    assert snapshot(live) == before, "a dry run changed the server"
    assert "+ reports/2025-02-07-test-desk/index.html" in dry.stdout
    assert "~ reports/2025-02-05-test-desk/index.html" in dry.stdout
    assert "- reports/2024-12-30-field-notes/index.html" in dry.stdout

    ok(sitrep("deploy", "--settings", str(settings)))
    v2 = live_release(live)
    assert v2 > v1 and releases(live) == [v1, v2]
    assert (live / "current/reports/2025-02-07-test-desk/index.html").is_file()
    assert not (live / "current/reports/2024-12-30-field-notes").exists()
    assert "A late update" in (live / "current/reports/2025-02-05-test-desk/index.html").read_text()
    # --link-dest: a file both builds share is one inode, not a second copy. (An item page: the
    # report's own page changes, since it links to the previous report, which edit_content removes.)
    shared = first_item_page(live / "releases" / v1, "2025-02-04-test-desk")
    assert (live / "releases" / v1 / shared).stat().st_ino == (live / "releases" / v2 / shared).stat().st_ino

    back = ok(sitrep("rollback", "--settings", str(settings)))
    assert v1 in back.stdout
    assert live_release(live) == v1 and tree(live / "current") == served_v1


@pytest.mark.slow  # deploys build the site
def test_ssh_deploy_refused_when_the_check_fails(sshd, content, tmp_path, deploy_settings):
    live = tmp_path / "srv"
    settings = deploy_settings(content, {"ssh": ssh_target(sshd, live)}, "ssh")
    ok(sitrep("deploy", "--settings", str(settings)))
    before = snapshot(live)
    report = content / "reports/2025/2025-02-04-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8") + BROKEN_LINK, encoding="utf-8")
    proc = sitrep("deploy", "--settings", str(settings))
    assert proc.returncode == 1
    assert "nothing was published" in proc.stderr
    assert "'/reports/no-such-report/' points at /reports/no-such-report/index.html" in proc.stderr
    assert "how to fix:" in proc.stderr
    assert snapshot(live) == before


def test_ssh_upload_dying_midway_leaves_current_alone(sshd, builds, tmp_path):
    v1, v2 = builds
    live = tmp_path / "srv"
    RsyncTarget(RsyncConfig("ssh", **sshd, path=str(live))).publish(v1)
    old = live_release(live)
    big = tmp_path / "v2"
    shutil.copytree(v2, big)
    limit_kib = largest_file(v2) // 1024 + 16
    (big / "data.bin").write_bytes(os.urandom((limit_kib + 64) * 1024))
    # The server's rsync may write at most limit_kib per file: it dies on data.bin
    # (and only there), as it would on a full disk or a dropped connection.
    dying = RsyncTarget(RsyncConfig("ssh", **sshd, path=str(live),
                                    rsync_options=(f"--rsync-path=ulimit -f {limit_kib}; rsync",)))
    with pytest.raises(DeployError, match=f"the live site still serves {old}") as failure:
        dying.publish(big)
    # rsync relays the receiver's error ("write failed on .../data.bin: File too large"), except when
    # the connection closes first, as it once did on a loaded machine (exit 11, nothing on stderr):
    # then the message has no detail to pass on, and must not make one up
    message = str(failure.value)
    assert "data.bin" in message or message.rstrip().endswith(":"), message
    assert live_release(live) == old and releases(live) == [old]
    assert tree(live / "current") == tree(v1)
    assert not [p for p in (live / "releases").iterdir() if p.name.startswith(".partial-")]


def test_ssh_keeps_the_last_n_releases_and_rollback_needs_an_older_one(sshd, builds, tmp_path):
    v1, v2 = builds
    live = tmp_path / "srv"
    target = RsyncTarget(RsyncConfig("ssh", **sshd, path=str(live), keep=2))
    with pytest.raises(DeployError, match="nothing to roll back"):
        target.rollback()
    ids = [target.publish(site) for site in (v1, v2, v1, v2)]
    assert releases(live) == ids[-2:] and live_release(live) == ids[-1]
    assert target.rollback() == ids[-2]
    with pytest.raises(DeployError, match="is the oldest release kept"):
        target.rollback()
    assert live_release(live) == ids[-2] and tree(live / "current") == tree(v1)


def test_ssh_bad_login_is_a_clear_error(sshd, builds, tmp_path):
    options = list(sshd["ssh_options"])
    options[options.index("-i") + 1] = str(tmp_path / "no-such-key")
    target = RsyncTarget(RsyncConfig("ssh", host=sshd["host"], port=sshd["port"], user="nobody-here",
                                     path=str(tmp_path / "srv"), ssh_options=tuple(options)))
    with pytest.raises(DeployError, match="how to fix: check host, port, user, key"):
        target.publish(builds[0])
    assert not (tmp_path / "srv").exists()


def third_build(builds, tmp_path) -> Path:
    """A third site, different from both builds (a later deploy)."""
    v3 = tmp_path / "v3"
    shutil.copytree(builds[0], v3)
    (v3 / "notice.txt").write_text("a third release\n")
    return v3


def test_ssh_rollback_goes_to_the_release_live_before_not_the_rejected_one(sshd, builds, tmp_path):
    """R1, R2, rollback (R2 rejected), R3, rollback: R1 is served again, never R2."""
    v1, v2 = builds
    live = tmp_path / "srv"
    keep = 2  # pruning must keep R1 (what rollback goes back to) rather than R2
    target = RsyncTarget(RsyncConfig("ssh", **sshd, path=str(live), keep=keep))
    r1 = target.publish(v1)
    r2 = target.publish(v2)
    assert target.rollback() == r1
    r3 = target.publish(third_build(builds, tmp_path))
    assert target.rollback() == r1 != r2
    assert live_release(live) == r1 and tree(live / "current") == tree(v1)
    assert releases(live) == [r1, r3]
    with pytest.raises(DeployError, match="nothing to roll back to|is the oldest release kept"):
        target.rollback()
    assert (live / "history").read_text().split() == [r1]


# ---------------------------------------------------------------- local directory


@pytest.mark.parametrize("keep", [5, 2])
def test_local_rollback_goes_to_the_release_live_before_not_the_rejected_one(builds, tmp_path, keep):
    v1, v2 = builds
    live = tmp_path / "live"
    target = LocalTarget(LocalConfig("local", live, keep=keep))
    r1 = target.publish(v1)
    r2 = target.publish(v2)
    assert target.rollback() == r1
    r3 = target.publish(third_build(builds, tmp_path))
    assert live_release(live) == r3
    assert target.rollback() == r1 != r2
    assert live_release(live) == r1 and tree(live / "current") == tree(v1)
    if keep == 2:
        assert releases(live) == [r1, r3]
    with pytest.raises(DeployError, match="is the oldest release kept"):
        target.rollback()
    if keep == 2:
        return
    # Deploy again, then roll back twice: each rollback undoes one switch.
    r4 = target.publish(v2)
    r5 = target.publish(third_build(builds, tmp_path / "again"))
    assert (target.rollback(), target.rollback()) == (r4, r1) and r5 > r4


def test_local_rollback_without_a_history_falls_back_to_the_release_before(builds, tmp_path):
    """Releases deployed before the history was kept."""
    v1, v2 = builds
    live = tmp_path / "live"
    target = LocalTarget(LocalConfig("local", live))
    r1, _ = target.publish(v1), target.publish(v2)
    (live / "history").unlink()
    assert target.rollback() == r1


@pytest.mark.slow  # deploys build the site
def test_local_deploy_dry_run_update_and_rollback(content, tmp_path, deploy_settings):
    live = tmp_path / "live"
    settings = deploy_settings(content, {"local": {"type": "local", "path": str(live)}})
    ok(sitrep("deploy", "--settings", str(settings)))
    v1 = live_release(live)
    served_v1 = tree(live / "current")
    assert "index.html" in served_v1

    edit_content(content)
    before = snapshot(live)
    dry = ok(sitrep("deploy", "--settings", str(settings), "--dry-run"))
    assert snapshot(live) == before
    assert "+ reports/2025-02-07-test-desk/index.html" in dry.stdout
    assert "- reports/2024-12-30-field-notes/index.html" in dry.stdout
    assert "~ reports/2025-02-05-test-desk/index.html" in dry.stdout

    ok(sitrep("deploy", "--settings", str(settings)))
    assert live_release(live) != v1 and (live / "current/reports/2025-02-07-test-desk/index.html").is_file()
    ok(sitrep("rollback", "--settings", str(settings), "--target", "local"))
    assert live_release(live) == v1 and tree(live / "current") == served_v1


@pytest.mark.slow  # deploys build the site
def test_local_deploy_refused_when_the_check_fails(content, tmp_path, deploy_settings):
    live = tmp_path / "live"
    settings = deploy_settings(content, {"local": {"type": "local", "path": str(live)}})
    report = content / "reports/2025/2025-02-04-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8") + BROKEN_LINK, encoding="utf-8")
    proc = sitrep("deploy", "--settings", str(settings))
    assert proc.returncode == 1 and "nothing was published" in proc.stderr
    assert not live.exists()


def test_local_copy_failing_midway_leaves_current_alone(builds, tmp_path):
    v1, v2 = builds
    live = tmp_path / "live"
    target = LocalTarget(LocalConfig("local", live))
    old = target.publish(v1)
    big = tmp_path / "v2"
    shutil.copytree(v2, big)
    limit = largest_file(v2) + 16_384
    (big / "zz-data.bin").write_bytes(os.urandom(limit + 65_536))
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))  # a "full disk" for this one call
    try:
        with pytest.raises(DeployError, match=f"'current' still points at {old}") as failure:
            target.publish(big)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "File too large" in str(failure.value), failure.value
    assert live_release(live) == old and releases(live) == [old]
    assert tree(live / "current") == tree(v1)
    assert [p.name for p in (live / "releases").iterdir()] == [old]


def test_local_unchanged_files_are_hard_links_and_old_releases_pruned(builds, tmp_path):
    v1, v2 = builds
    live = tmp_path / "live"
    target = LocalTarget(LocalConfig("local", live, keep=3))
    ids = [target.publish(site) for site in (v1, v2, v1, v2, v1)]
    assert releases(live) == ids[-3:] and live_release(live) == ids[-1]
    shared = first_item_page(live / "releases" / ids[-1], "2025-02-04-test-desk")  # in both builds
    assert (live / "releases" / ids[-1] / shared).stat().st_ino == (live / "releases" / ids[-2] / shared).stat().st_ino


def test_local_current_that_is_a_real_directory_is_not_clobbered(builds, tmp_path):
    live = tmp_path / "live"
    (live / "current").mkdir(parents=True)
    (live / "current/index.html").write_text("hand-made site")
    with pytest.raises(DeployError, match="not a symlink"):
        LocalTarget(LocalConfig("local", live)).publish(builds[0])
    assert (live / "current/index.html").read_text() == "hand-made site"


# ---------------------------------------------------------------- GitHub Pages (ghp-import)


@pytest.fixture
def bare_repo(tmp_path) -> Path:
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    return repo


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=True).stdout


def branch_files(repo: Path, branch: str = "gh-pages") -> dict[str, str]:
    out = git(repo, "ls-tree", "-r", "--name-only", branch)
    return {name: hashlib.sha256(subprocess.run(["git", "--git-dir", str(repo), "show", f"{branch}:{name}"],
                                                capture_output=True, check=True).stdout).hexdigest()
            for name in out.splitlines()}


def test_pages_deploy_dry_run_update_and_rollback(builds, bare_repo):
    v1, v2 = builds
    target = PagesTarget(PagesConfig("pages", repo=str(bare_repo), cname="sitrep.example.org"))
    plan = target.plan(v1)
    assert "index.html" in plan.added and ".nojekyll" in plan.added and "CNAME" in plan.added
    assert git(bare_repo, "branch", "--list") == "", "a dry run pushed something"

    first = target.publish(v1)
    assert branch_files(bare_repo) == {**tree(v1), ".nojekyll": hashlib.sha256(b"").hexdigest(),
                                       "CNAME": hashlib.sha256(b"sitrep.example.org").hexdigest()}
    changes = target.plan(v2)
    assert "reports/2025-02-07-test-desk/index.html" in changes.added
    assert "reports/2024-12-30-field-notes/index.html" in changes.removed
    assert "reports/2025-02-05-test-desk/index.html" in changes.changed
    assert ".nojekyll" not in changes.added + changes.changed + changes.removed

    second = target.publish(v2)
    assert second > first
    assert git(bare_repo, "show", "gh-pages:reports/2025-02-07-test-desk/index.html")
    assert git(bare_repo, "log", "--format=%s", "gh-pages").split("\n")[:2] == [
        f"sitrep deploy {second}", f"sitrep deploy {first}"]
    assert not target.plan(v2), "after a deploy the branch equals the build"

    assert target.rollback() == first
    files = branch_files(bare_repo)
    assert {k: v for k, v in files.items() if k not in (".nojekyll", "CNAME")} == tree(v1)
    assert git(bare_repo, "log", "-1", "--format=%s", "gh-pages").strip() == f"sitrep rollback to {first}"
    with pytest.raises(DeployError, match="nothing to roll back to"):
        target.rollback()


def test_pages_deploy_to_an_unreachable_repo_is_a_clear_error(builds, tmp_path):
    target = PagesTarget(PagesConfig("pages", repo=str(tmp_path / "missing.git")))
    with pytest.raises(DeployError, match="is a git repository you can push to"):
        target.publish(builds[0])


# ---------------------------------------------------------------- S3 (moto server)


@pytest.fixture(scope="module")
def s3_server():
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, monkeypatch, request):
    import boto3

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    bucket = f"sitrep-{request.node.name.replace('_', '-')[:40]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=bucket)
    return client, bucket, s3_server


def bucket_objects(client, bucket: str) -> dict[str, dict]:
    objects = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            objects[obj["Key"]] = obj
    return objects


def test_s3_uploads_changed_files_only_with_content_types(builds, s3):
    from sitrep.publish.s3 import S3Target

    v1, v2 = builds
    client, bucket, endpoint = s3
    config = target_config({"DEPLOY_TARGETS": {"s3": {"type": "s3", "bucket": bucket, "endpoint_url": endpoint}}})
    assert isinstance(config, S3Config)
    target = S3Target(config)
    puts: list[str] = []
    target.client.meta.events.register("before-call.s3.PutObject", lambda params, **kw: puts.append(params["url_path"]))

    assert target.plan(v1).added == sorted(tree(v1)) and not bucket_objects(client, bucket)
    target.publish(v1)
    assert set(bucket_objects(client, bucket)) == set(tree(v1))
    assert len(puts) == len(tree(v1))
    head = client.head_object(Bucket=bucket, Key="reports/2025-02-04-test-desk/index.html")
    assert head["ContentType"] == "text/html; charset=utf-8"
    body = client.get_object(Bucket=bucket, Key="index.html")["Body"].read()
    assert body == (v1 / "index.html").read_bytes()

    changes = target.plan(v2)
    assert changes and changes.unchanged > 0
    puts.clear()
    target.publish(v2)
    assert len(puts) == len(changes.added) + len(changes.changed) < len(tree(v2))
    assert set(bucket_objects(client, bucket)) == set(tree(v2))
    assert "reports/2024-12-30-field-notes/index.html" not in bucket_objects(client, bucket)
    assert not target.plan(v2)
    with pytest.raises(DeployError, match="keeps no releases"):
        target.rollback()


def test_s3_content_types():
    from sitrep.publish.s3 import content_type

    assert content_type("feeds/all.atom.xml") == "application/atom+xml"
    assert content_type("theme/css/site.css") == "text/css; charset=utf-8"
    assert content_type("items.json") == "application/json"
    assert content_type("sitemap.xml") == "application/xml"
    assert content_type("maps/x.svg") == "image/svg+xml"


@pytest.mark.slow  # deploys build the site
def test_s3_dry_run_through_the_cli_changes_nothing(content, s3, tmp_path, deploy_settings):
    client, bucket, endpoint = s3
    settings = deploy_settings(content, {"s3": {"type": "s3", "bucket": bucket, "endpoint_url": endpoint}}, "s3")
    proc = ok(sitrep("deploy", "--settings", str(settings), "--dry-run"))
    assert "+ index.html" in proc.stdout and "0 to remove" in proc.stdout
    assert not bucket_objects(client, bucket)


# ---------------------------------------------------------------- configuration


def test_target_configuration_errors_name_the_target_and_the_fix(tmp_path):
    with pytest.raises(DeployError, match="no DEPLOY_TARGETS"):
        target_config({})
    targets = {"a": {"type": "local", "path": "x"}, "b": {"type": "ftp"}, "c": {"type": "rsync", "host": "h", "path": "rel"}}
    with pytest.raises(DeployError, match="no DEPLOY_DEFAULT"):
        target_config({"DEPLOY_TARGETS": targets})
    with pytest.raises(DeployError, match="no deploy target 'z'; the settings define: a, b, c"):
        target_config({"DEPLOY_TARGETS": targets}, "z")
    with pytest.raises(DeployError, match="'b' has type 'ftp'"):
        target_config({"DEPLOY_TARGETS": targets}, "b")
    with pytest.raises(DeployError, match="relative remote path"):
        target_config({"DEPLOY_TARGETS": targets}, "c")
    local = target_config({"DEPLOY_TARGETS": targets, "DEPLOY_DEFAULT": "a"}, base=tmp_path)
    assert local == LocalConfig("a", tmp_path / "x", 5)


def test_project_publishconf_defines_the_four_example_targets(root):
    from sitrep.publish.deploy import load_settings

    settings = load_settings(root / "publishconf.py")
    assert set(settings["DEPLOY_TARGETS"]) >= {"local", "ssh", "pages", "s3"}
    kinds = {name: type(target_config(settings, name, root)).__name__ for name in ("local", "ssh", "pages", "s3")}
    assert kinds == {"local": "LocalConfig", "ssh": "RsyncConfig", "pages": "PagesConfig", "s3": "S3Config"}
