"""Attack classes 3, 4 (files) and 7: hostile report files in one real build.

A build reports every bad file at once, so hundreds of bad files go into one
build of the fixture archive: each must be refused by name with its line (or
by name, for special files), with a fix and no traceback, the build must end
in bounded time, and the output folder must stay as it was."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from harness import Site, Tally, new_site, tree

HEAD = "Title: Hostile digest {n}\nDate: {date}\nSource: Test Desk\n\n"
BODY = "## Strike on Izium {n}\n\nA missile hit Izium.\n"
CONTROL = [chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127]]


def _date_cases(rnd: random.Random, count: int) -> list[tuple[str, str, int]]:
    """(name, text, line of the fault): the issue's dates, then random ones outside 1990 → today + 1 year."""
    dates = ["2205-02-27", "0001-01-01", "9999-12-31", "1989-12-31"]
    while len(dates) < count:
        year = rnd.choice([rnd.randint(1, 1989), rnd.randint(2029, 9999)])
        dates.append(f"{year:04d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
    return [(f"date-{i}", HEAD.format(n=i, date=d) + BODY.format(n=i), 2) for i, d in enumerate(dates)]


def _bad_input_cases(rnd: random.Random, count: int) -> list[tuple[str, str, int]]:
    """Headings that sanitise to nothing and control characters in every part of a report."""
    empty = ["<script>alert(1)</script>", "<b></b>", "<img src=x onerror=alert(1)>", "<!-- -->", "<i> </i>",
             "<style>p{}</style>", "<svg onload=alert(1)></svg>", "<iframe src=x></iframe>"]
    cases = []
    for i in range(count):
        n = 1000 + i
        if i % 3 == 0:
            heading = rnd.choice(empty) + rnd.choice(["", " ", "<br>"])
            text = HEAD.format(n=n, date="2025-01-10") + f"## {heading}\n\nBody.\n"
            cases.append((f"heading-{i}", text, 5))
            continue
        char = rnd.choice(CONTROL)
        where = rnd.choice(["title", "source", "headline", "body"])
        lines = HEAD.format(n=n, date="2025-01-10").split("\n") + BODY.format(n=n).split("\n")
        line = {"title": 1, "source": 3, "headline": 5, "body": 7}[where]
        text = lines[line - 1]
        at = rnd.randint(len(text) // 2, len(text))
        lines[line - 1] = text[:at] + char + text[at:]
        cases.append((f"control-{i}", "\n".join(lines), line))
    return cases


def _refused(site: Site, cases: list[tuple[str, str, int]], special: dict[str, str], budget: float):
    """Write the cases, build once: {name: [problems]} and the build's seconds."""
    folder = site.content / "reports" / "2025"
    for name, text, _ in cases:
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    for name, kind in special.items():
        if kind == "fifo":
            os.mkfifo(folder / f"{name}.md")
        else:
            (folder / f"{name}.md").symlink_to(kind)
    before = tree(site.output)
    run = site.build(timeout=budget)
    problems: dict[str, list[str]] = {}
    common = []
    if run.code is None:
        common.append(f"the build ran past {budget:.0f} s")
    elif run.code == 0:
        common.append("the build succeeded")
    if run.traceback:
        common.append("a traceback")
    if tree(site.output) != before:
        common.append("output/ changed")
    summary = run.out.split("error: the build failed", 1)[-1]
    texts = {name: text for name, text, _ in cases}
    for name, _, line in cases:
        found = re.search(rf"/{re.escape(name)}\.md:(\d+): (.*)\n\s+how to fix: (.*)", summary)
        mine = list(common)
        if not found:
            mine.append(f"{name}.md not named with a line and a fix")
        elif int(found.group(1)) != line:
            mine.append(f"{name}.md: line {found.group(1)}, the fault is on {line}")
        elif name.startswith("date-"):
            written = re.search(r"Date: (\S+)", texts[name]).group(1)
            if written not in found.group(2):
                mine.append(f"{name}.md: the date {written} is not shown as written: {found.group(2)[:90]}")
        problems[name] = mine
    for name, kind in special.items():
        said = re.search(rf"/{re.escape(name)}\.md: is a (.*?), not a regular file", summary)
        problems[name] = common + ([] if said else [f"{name}.md ({kind}) not named as a special file"])
    return problems, run.seconds


def attack_files(tally_dates: Tally, tally_hangs: Tally, tally_bad: Tally, work: Path, seed_from: Path,
                 rnd: random.Random, quick: bool) -> None:
    site = new_site(work / "bad-files", seed_from)
    first = site.build()
    if first.code != 0:
        for t in (tally_dates, tally_hangs, tally_bad):
            t.add("clean build of the fixture archive", False, first.out[-300:])
        return
    dates = _date_cases(rnd, 12 if quick else 200)
    bad = _bad_input_cases(rnd, 30 if quick else 300)
    special = {"zero": "/dev/zero", "pipe": "fifo", "random": "/dev/urandom", "null-dev": "/dev/null"}
    special = {k: v for k, v in special.items() if v == "fifo" or Path(v).exists()}
    problems, seconds = _refused(site, dates + bad, special, budget=120)
    for name, _, _ in dates:
        tally_dates.check(f"report {name} refused with file:2 (build {seconds:.1f} s)", problems[name])
    for name, _, _ in bad:
        tally_bad.check(f"report {name} refused with file:line", problems[name])
    for name, kind in special.items():
        tally_hangs.check(f"reports/{name}.md -> {kind} refused at once", problems[name])


def attack_stray_markdown(tally: Tally, work: Path, seed_from: Path) -> None:
    """A .md outside reports/ and pages/ is named in the build's log, not ignored in silence."""
    site = new_site(work / "stray", seed_from)
    for rel in ("stray.md", "drafts/old.md", "report-2025-01-01.md"):
        (site.content / rel).parent.mkdir(parents=True, exist_ok=True)
        (site.content / rel).write_text("Title: Draft\nDate: 2025-01-01\n\nNot published.\n", encoding="utf-8")
    run = site.build()
    log = " ".join(run.out.split())
    for rel in ("stray.md", "drafts/old.md", "report-2025-01-01.md"):
        problems = [] if run.code == 0 else [f"the build failed: {run.out[-200:]}"]
        if rel not in log or "nothing publishes it" not in log:
            problems.append(f"{rel} not named in the log")
        tally.check(f"stray {rel} named", problems + (["a traceback"] if run.traceback else []))
