"""Attack classes 2 (re-import over editors' work), 5 (kill -9 during a
build), 6 (damaged caches) and 9 (rollback with the local deploy target):
the state a user keeps must survive, whole and right."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from harness import ENV, FIXTURES, ROOT, Site, Tally, new_site, said, sitrep, tree, write_settings

DIGESTS = [FIXTURES / "import" / "digest-2025-03-11.txt", FIXTURES / "import" / "digest-2025-03-12.html"]


def _edit(report: Path, rnd: random.Random, n: int) -> list[str]:
    """An editor's day: sentences added to random items, a headline reworded, an item added. Their sentences."""
    lines = report.read_text(encoding="utf-8").split("\n")
    heads = [i for i, ln in enumerate(lines) if ln.startswith("## ") and ln != "## Key developments"]
    sentences = []
    for k in range(rnd.randint(1, 3)):
        at = rnd.choice(heads)
        end = next((j for j in range(at + 1, len(lines)) if lines[j].startswith("## ")), len(lines))
        sentence = f"Editor note {n}-{k}: the figure was confirmed by a second source."
        lines.insert(end, "\n" + sentence + "\n")
        heads = [i for i, ln in enumerate(lines) if ln.startswith("## ") and ln != "## Key developments"]
        sentences.append(sentence)
    if rnd.random() < 0.5:
        at = rnd.choice(heads)
        lines[at] = lines[at] + f" (updated {n})"
        sentences.append(lines[at][3:])
    if rnd.random() < 0.5:
        sentence = f"Engineers restored power in Kharkiv by morning, note {n}."
        lines += ["", f"## Power restored in Kharkiv {n}", "", sentence]
        sentences.append(sentence)
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sentences


def attack_reimport(tally: Tally, work: Path, rnd: random.Random, quick: bool) -> None:
    """Import, edit as an editor would, import again (the same digest or the publisher's correction)."""
    for n in range(6 if quick else 30):
        project = work / f"reimport-{n}"
        shutil.rmtree(project, ignore_errors=True)
        (project / "data/import").mkdir(parents=True)
        shutil.copy(ROOT / "data/import/boilerplate.toml", project / "data/import/boilerplate.toml")
        source = DIGESTS[n % 2]
        digest = project / source.name  # the name carries the date
        digest.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        first = sitrep("import", str(digest), "--content", "content", "--source", "Steppe Wire", cwd=project)
        reports = list((project / "content").rglob("*.md"))
        if first.code != 0 or len(reports) != 1:
            tally.add(f"re-import {n}: first import", False, first.out[-200:])
            continue
        sentences = _edit(reports[0], rnd, n)
        if rnd.random() < 0.5:  # the publisher corrected a word in the digest
            text = digest.read_text(encoding="utf-8")
            digest.write_text(text.replace("overnight", "during the night", 1), encoding="utf-8")
        again = sitrep("import", str(digest), "--content", "content", "--source", "Steppe Wire", cwd=project)
        text = reports[0].read_text(encoding="utf-8")
        lost = [s for s in sentences if s not in text]
        tally.check(f"re-import {n} ({source.suffix}, {len(sentences)} edits)",
                    said(again) + ([f"exit {again.code}"] if again.code not in (0, 1) else [])
                    + [f"lost: {s[:60]}" for s in lost], lost=len(lost))


def _children(pid: int) -> set[int]:
    """Every living descendant of ``pid``."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p}
        found |= kids
        todo += kids
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def attack_kills(tally: Tally, work: Path, seed_from: Path, rnd: random.Random, quick: bool) -> None:
    """Content flips between A and B; a build is killed -9 at a random moment: output/ is all of A or all of B."""
    site = new_site(work / "kills", seed_from)
    report = site.content / "reports/2025/2025-02-07-test-desk.md"
    variant_b = ("Title: Test Desk digest, 7 February 2025\nDate: 2025-02-07\nSource: Test Desk\n\n"
                 "## Drone attack on Sumy power station\n\nA drone damaged a substation in Sumy overnight.\n")
    trees, seconds = {}, {}
    for name in ("A", "B"):
        if name == "B":
            report.write_text(variant_b, encoding="utf-8")
        else:
            report.unlink(missing_ok=True)
        started = time.monotonic()
        run = site.build()
        seconds[name] = time.monotonic() - started
        if run.code != 0:
            tally.add(f"build {name}", False, run.out[-200:])
            return
        trees[name] = tree(site.output)
    state = "B"
    for k in range(5 if quick else 25):
        state = "A" if state == "B" else "B"
        if state == "B":
            report.write_text(variant_b, encoding="utf-8")
        else:
            report.unlink(missing_ok=True)
        delay = rnd.uniform(0.05, 1.1 * max(seconds.values()))
        proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", *site.build_argv()], env=ENV, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen: set[int] = set()
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            seen |= _children(proc.pid)
            time.sleep(0.02)
        finished = proc.poll() is not None
        os.kill(proc.pid, signal.SIGKILL) if not finished else None
        proc.wait()
        time.sleep(0.3)
        problems = []
        for _ in range(50):  # workers get a few seconds to notice their build is gone
            left = [p for p in seen if _alive(p)]
            if not left:
                break
            time.sleep(0.1)
        if left:
            problems.append(f"{len(left)} worker(s) outlived the killed build")
            for p in left:
                os.kill(p, signal.SIGKILL)
        try:
            now = tree(site.output)
        except OSError as err:
            now, problems = {}, problems + [f"output/ unreadable: {err}"]
        if now not in (trees["A"], trees["B"]):
            problems.append(f"output/ is neither site ({len(now)} files)")
        tally.check(f"kill -9 at {delay:.2f} s{' (had finished)' if finished else ''}", problems)
        run = site.build()  # the next build after the kill must work and give the current content's site
        tally.check(f"build after kill {k}", said(run) + ([f"exit {run.code}"] if run.code else [])
                    + ([] if tree(site.output) == trees[state] else ["not the site of the content"]))


CACHE_KINDS = {
    "gazetteer": lambda s: s.cache.glob("gazetteer-*.pickle"), "aliases": lambda s: s.cache.glob("aliases-*.json"),
    "tags": lambda s: s.cache.glob("tags-*.pickle"), "reports": lambda s: s.cache.glob("reports-*.bin"),
    "whoosh segment": lambda s: s.index.glob("*.seg"), "whoosh toc": lambda s: s.index.glob("*.toc"),
    "search state": lambda s: s.index.glob("sitrep-search.json"), "vocabulary": lambda s: s.index.glob("vocabulary.json"),
    "render manifest": lambda s: s.base.glob(".output.builds/*.manifest.json"),
}


def _damage(path: Path, how: str, rnd: random.Random) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "json []":
        path.write_bytes(b"[]")
    else:
        b = bytearray(data)
        for _ in range(4):
            i = rnd.randrange(len(b))
            b[i] ^= 1 << rnd.randrange(8)
        path.write_bytes(bytes(b))


def _ids(run) -> list[str]:
    import json

    try:
        return sorted(h["id"] for h in json.loads(run.out[run.out.index("["):]))
    except (ValueError, KeyError, TypeError):
        return ["<unreadable: " + run.out[-120:] + ">"]


def attack_caches(tally: Tally, base: Site, work: Path, rnd: random.Random, quick: bool) -> None:
    """Each cache file kind damaged; build and search must succeed with the undamaged answers."""
    want_tree = tree(base.output)
    want = {q: _ids(base.search(q)) for q in ("kyiv", "kharkiv")}
    if not want["kyiv"]:
        tally.add("the base site finds kyiv", False, "no hits")
    modes = ["truncate", "flip", "empty", "json []"]
    for kind, files in CACHE_KINDS.items():
        for how in ([rnd.choice(modes[:3])] if quick else modes):
            site = Site(work / "cache-attack")
            shutil.rmtree(site.base, ignore_errors=True)
            shutil.copytree(base.base, site.base, symlinks=True)
            write_settings(site.settings, PATH=site.content, SITREP_CACHE_DIR=site.cache, SITREP_SEARCH_INDEX_DIR=site.index)
            targets = list(files(site))
            if not targets:
                tally.add(f"{kind}: {how}", False, "no such cache file after a build")
                continue
            for path in targets:
                _damage(path, how, rnd)
            run = site.build()
            problems = said(run) + ([f"build exit {run.code}: {run.out[-200:]}"] if run.code else [])
            if run.code == 0 and tree(site.output) != want_tree:
                problems.append("the site differs from the undamaged build")
            for q, alias in (("kyiv", "kiev"), ("kharkiv", "kharkov")):
                got = _ids(site.search(alias))
                if got != want[q]:
                    problems.append(f"'{alias}' finds {len(got)}, '{q}' found {len(want[q])}")
            again = site.build()
            if again.code:
                problems.append("the second build failed")
            tally.check(f"{kind}: {how}", problems)


def attack_rollback(tally: Tally, work: Path, seed_from: Path, rnd: random.Random, quick: bool) -> None:
    """Random deploys and rollbacks to a local target against a model: a rollback undoes the last switch,
    as far back as the ``keep`` releases kept (past them it must refuse with a message)."""
    plans = [[("deploy", 1), ("deploy", 2), ("rollback", None), ("deploy", 3), ("rollback", None)]]
    if not quick:
        plans.append(plans[0] + [("deploy", 4), ("deploy", 5), ("rollback", None), ("rollback", None)])
        ops = []
        for r in range(6, 12):
            ops.append(("deploy", r))
            if rnd.random() < 0.5:
                ops.append(("rollback", None))
        plans.append(ops)
    for p, plan in enumerate(plans):
        for keep in ([5] if quick else [5, 2]):
            live = work / f"live-{p}-{keep}"
            shutil.rmtree(live, ignore_errors=True)
            site = new_site(work / f"deploy-{p}-{keep}", seed_from, base_conf="publishconf",
                            DEPLOY_TARGETS={"local": {"type": "local", "path": str(live), "keep": keep}},
                            DEPLOY_DEFAULT="local")
            stack: list[int] = []
            problems: list[str] = []
            for op, release in plan:
                if op == "deploy":
                    (site.content / "reports/2025/2025-02-08-marker.md").write_text(
                        f"Title: Marker {release}\nDate: 2025-02-08\nSource: Test Desk\n\n## Release marker {release}\n\n"
                        f"Release marker {release} was deployed.\n", encoding="utf-8")
                    run = sitrep("deploy", "--settings", str(site.settings), "--target", "local", timeout=300)
                    stack = (stack + [release])[-keep:]  # the target keeps the `keep` releases most recently live
                else:
                    run = sitrep("rollback", "--settings", str(site.settings), "--target", "local", timeout=120)
                    expect_ok = len(stack) > 1
                    if expect_ok:
                        stack.pop()
                    if not expect_ok:
                        problems += said(run) if run.code else ["rollback with nothing to go back to succeeded"]
                        continue
                if run.code:
                    problems.append(f"{op} exit {run.code}: {run.out[-200:]}")
                    break
                index = live / "current" / "index.html"
                served = index.read_text(encoding="utf-8") if index.exists() else ""
                if f"Marker {stack[-1]}" not in served:
                    problems.append(f"after {op} {release or ''}: serves not R{stack[-1]}")
            tally.check(f"plan {p} keep={keep}: {' '.join(o[0][0] + str(o[1] or '') for o in plan)}", problems)
