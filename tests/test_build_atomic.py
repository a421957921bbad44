"""A build goes live in one step: killed at any moment it leaves ``output/``
serving the previous site or the new one, complete, and never nothing (issue
15, defect 5: the swap used to be two renames, and killed between them
``output/`` was gone); builds of one output folder take turns."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # whole-site builds, killed and raced

KILL_AFTER = (1.5, 4.0, 8.0, 13.0)  # seconds into a build: start-up, reading, writing, going live


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


class Watcher(threading.Thread):
    """Looks at ``output/index.html`` as a web server would, as often as it can."""

    def __init__(self, out: Path):
        super().__init__(daemon=True)
        self.out, self.looks, self.missing = out, 0, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.looks += 1
            try:
                with open(self.out / "index.html", "rb") as fp:
                    fp.read(1)
            except OSError:
                self.missing += 1
            time.sleep(0.001)  # leave the builds the cores


def _waiting(build: subprocess.Popen, deadline: float) -> str:
    """What ``build`` printed up to its notice that it waits for another build."""
    said = ""
    while "Waiting for the build of" not in said:
        assert time.monotonic() < deadline and build.poll() is None, f"the build did not wait: {said}"
        said += build.stderr.readline()
    return said


def test_a_killed_build_leaves_a_whole_site_and_builds_take_turns(tmp_path, sitrep, site_settings):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", content)
    settings = site_settings("s")
    out = tmp_path / "output"
    args = [sys.executable, "-m", "sitrep.cli", "build", "--settings", str(settings), "--content", str(content),
            "--output", str(out), "--quiet"]
    first = sitrep(*args[3:])
    assert first.returncode == 0, first.stderr
    before = tree(out)
    (content / "reports/2025/2025-02-07-test-desk.md").write_text(
        "Title: Test Desk digest, 7 February 2025\nDate: 2025-02-07\nSource: Test Desk\n\n"
        "## Drone attack on Sumy power station\n\nA drone damaged a substation in Sumy overnight.\n",
        encoding="utf-8")

    watcher = Watcher(out)
    watcher.start()
    seen = []
    try:
        for delay in KILL_AFTER:
            build = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                build.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.kill(build.pid, signal.SIGKILL)
                build.wait()
            seen.append(tree(out))
        # Builds at once take turns: while one holds the output folder (the
        # test, here), the others say they wait, then both succeed.
        with open(tmp_path / ".output.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            deadline = time.monotonic() + 300
            a = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            said_a = _waiting(a, deadline)
            b = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            said_b = _waiting(b, deadline)
        (_, err_a), (_, err_b) = a.communicate(timeout=600), b.communicate(timeout=600)
    finally:
        watcher.stop.set()
        watcher.join()
    assert a.returncode == 0 and b.returncode == 0, said_a + err_a + said_b + err_b
    after = tree(out)
    assert after != before and "reports/2025-02-07-test-desk/index.html" in after
    assert all(t in (before, after) for t in seen), "a killed build left a partial site live"
    assert watcher.looks > 1000 and watcher.missing == 0, f"output/index.html missing {watcher.missing} times"
    # What the killed builds left (staging folders, half-made links) is gone; the tree
    # replaced last is kept as the spare the next build writes over (sitrep.publish.spare).
    builds = tmp_path / ".output.builds"
    assert sorted(p.name for p in builds.iterdir()) == sorted(
        [out.resolve().name, out.resolve().name + ".manifest.json", "spare"])
    assert not list(tmp_path.glob(".output.link-*"))


AUDIT = """
import os, sys
LOG, WATCHED = sys.argv[1], ("os.rename", "os.remove", "os.rmdir", "shutil.rmtree", "os.symlink")
def hook(event, args):
    if event in WATCHED:
        paths = [os.fsdecode(a) for a in args[:2] if isinstance(a, (str, bytes))]
        with open(LOG, "a", encoding="utf-8") as fp:
            fp.write("\\t".join([event, *paths]) + "\\n")
sys.addaudithook(hook)
from sitrep.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_going_live_is_one_rename_onto_the_output_and_nothing_else_touches_it(tmp_path, sitrep):
    """Every rename and removal of a real rebuild, from Python's audit hooks:
    ``output`` is only ever the target of one rename, never moved or removed
    (a kill between two such steps left no site at all). A rebuild that
    changes nothing leaves ``output`` alone altogether."""
    out, content = tmp_path / "output", tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", content)
    args = ["build", "--content", str(content), "--output", str(out), "--quiet"]
    assert sitrep(*args).returncode == 0

    def audited_build(name: str) -> list[list[str]]:
        log = tmp_path / name
        proc = subprocess.run([sys.executable, "-c", AUDIT, str(log), *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []  # no event at all
        events = [line.split("\t") for line in lines]
        return [e for e in events if str(out) in e[1:]]

    live = out.resolve()
    assert audited_build("unchanged.log") == [] and out.resolve() == live
    report = content / "reports/2025/2025-02-05-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8").rstrip("\n") + " Figures were revised.\n", encoding="utf-8")
    touching = audited_build("changed.log")
    assert [e[0] for e in touching] == ["os.rename"] and touching[0][2] == str(out), touching
    assert touching[0][1].startswith(str(tmp_path / ".output.link-")), touching


def test_a_folder_that_output_links_to_by_hand_is_never_removed(tmp_path, sitrep):
    """``output`` made by hand as a link to a folder of the user's (a web
    server's root, say): a build points the link at its new build and leaves
    that folder and what it holds alone, where it used to delete it as if it
    were the previous build."""
    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(FIXTURES / "archive", content)
    www = tmp_path / "www"
    (www / "keep").mkdir(parents=True)
    (www / "keep/notes.txt").write_text("the user's own file\n", encoding="utf-8")
    out.symlink_to(www, target_is_directory=True)
    proc = sitrep("build", "--content", str(content), "--output", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (www / "keep/notes.txt").read_text(encoding="utf-8") == "the user's own file\n"
    assert (out / "index.html").is_file() and out.resolve().parent == tmp_path / ".output.builds"
    said = proc.stdout + proc.stderr  # Pelican's log handler prints warnings to the console's stdout
    assert "a folder Sitrep did not make" in said and str(www) in said, said
    # the build it made itself is replaced as usual, and removed
    first = out.resolve()
    report = content / "reports/2025/2025-02-05-test-desk.md"
    report.write_text(report.read_text(encoding="utf-8").rstrip("\n") + " Figures were revised.\n", encoding="utf-8")
    assert sitrep("build", "--content", str(content), "--output", str(out), "--quiet").returncode == 0
    assert out.resolve() != first and not first.exists() and (www / "keep/notes.txt").is_file()
