"""Attack classes 4 (hangs and blow-ups through import and search) and 8
(messages): each input under a timeout and a memory limit; a refusal must be a
message with no traceback, naming the file (and line) where there is one."""

from __future__ import annotations

import random
from pathlib import Path

from harness import FIXTURES, Site, Tally, invoke, said, sitrep, sitrep_batch

DIGEST = FIXTURES / "import" / "digest-2025-03-11.txt"
WORDS = "kursk izium kyiv kiev odesa drone missile north korean troops strike port".split()
OPS = ["(", ")", "OR", "AND", "NOT", "-", '"', "*", ":", "\\", "^", "~", "[", "]", "{", "}", "'", "+"]


def _bullets_digest(path: Path, n: int) -> None:
    heads = [f"Russian drone strike number {i} hits district {i} of Kharkiv" for i in range(n)]
    lines = ["Key developments on March 3:", *[f"- {h}" for h in heads]]
    for h in reversed(heads):
        lines += [h, f"Details of {h.lower()}, officials said."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _nested(path: Path, tag: str, depth: int) -> None:
    path.write_text("<html><body><article><p>Key developments on March 3:</p><ul><li>Drone strike hits Odesa port</li>"
                    "</ul>" + f"<{tag}>" * depth + "<p>Drone strike hits Odesa port</p><p>A drone hit the port.</p>"
                    + f"</{tag}>" * depth + "</article></body></html>", encoding="utf-8")


def attack_big_imports(tally: Tally, work: Path, quick: bool) -> None:
    """5,000 bullets and deep nesting through ``sitrep import``: bounded time and memory, the text kept."""
    cases = [("bullets", 5000, 120), ("div", 1000, 60), ("div", 100_000, 120), ("blockquote", 20_000, 60)]
    if not quick:
        cases += [("b", 20_000, 60), ("span", 200_000, 180), ("bullets", 8000, 180)]
    for tag, size, limit in cases:
        folder = work / f"big-{tag}-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ("digest.txt" if tag == "bullets" else "digest.html")
        _bullets_digest(path, size) if tag == "bullets" else _nested(path, tag, size)
        run = sitrep("import", str(path), "--content", str(folder / "content"), "--source", "Test Desk",
                     "--date", "2025-03-03", timeout=limit)
        problems = said(run) + ([f"over {limit} s"] if run.code is None else [])
        if run.code not in (0, None):
            problems.append(f"exit {run.code}: {run.out[-200:]}")
        reports = list((folder / "content").rglob("*.md"))
        if run.code == 0:
            text = reports[0].read_text(encoding="utf-8") if reports else ""
            want = "Details of russian drone strike number 4999" if tag == "bullets" else "A drone hit the port."
            if want not in text:
                problems.append("the imported report lost the text")
        tally.check(f"import {size:,} {'bullets' if tag == 'bullets' else f'nested <{tag}>'} ({run.seconds:.0f} s)",
                    problems)


def random_queries(rnd: random.Random, count: int) -> list[str]:
    """The issue's two, then random mixes of words and query syntax of every length up to 2,000 tokens."""
    queries = [" ".join(rnd.choice(WORDS) for _ in range(250)), "(" * 500 + "kursk", ")" * 500, "NOT " * 500 + "kursk",
               "- " * 400 + "kursk", '"' * 1001, "kursk OR " * 300 + "izium", "((a OR (b AND (c OR NOT (d)))))" * 40]
    while len(queries) < count:
        n = rnd.choice([1, 3, 10, 60, 300, 2000])
        tokens = [rnd.choice(OPS) if rnd.random() < 0.5 else rnd.choice(WORDS) for _ in range(n)]
        queries.append(rnd.choice(["", " "]).join(tokens))
    return queries


def attack_queries(tally: Tally, site: Site, rnd: random.Random, quick: bool) -> None:
    """Pathological queries through ``sitrep search`` (batched), a few through the real command and invoke."""
    queries = random_queries(rnd, 60 if quick else 400)
    base = ["search", "--settings", str(site.settings), "--index", str(site.index), "--json"]
    results = sitrep_batch([base + ["--", q] for q in queries], per_call=15)
    for q, res in zip(queries, results):
        problems = []
        if res["code"] is None:
            problems.append("over 15 s or the process died")
        elif res["code"] == 99 or "Traceback" in res["out"]:
            problems.append("a traceback: " + res["out"][-160:])
        elif res["code"] != 0:
            problems.append(f"exit {res['code']}: {res['out'][-160:]}")
        tally.check(f"query of {len(q)} chars ({res['seconds']:.1f} s)", problems)
    for q in queries[:2]:
        run = site.search(q)
        tally.check(f"sitrep search (process) {q[:20]!r}...", said(run) + ([] if run.code == 0 else [f"exit {run.code}"]))
    for q in ("(" * 500 + "kursk", " ".join(["kursk"] * 250)):
        run = invoke("search", q, timeout=60)
        # the project's own index may not exist: a message is right, a traceback or a hang is not
        tally.check(f"invoke search {q[:20]!r}...", said(run) + (["over 60 s"] if run.code is None else []))


def attack_messages(tally: Tally, site: Site, work: Path, rnd: random.Random, quick: bool) -> None:
    """Bad arguments and bad files: a message in the user's words, the file named, never a traceback."""
    index = ["--settings", str(site.settings), "--index", str(site.index)]
    limits = ["abc", "-3", "1.5", "", "1e9", "0x10", " 5", "NaN", "--", "٣", "99999999999999999999", "0"]
    limits += ["".join(rnd.choice("-+.e0123456789xa ") for _ in range(rnd.randint(1, 8))) for _ in range(8 if quick else 80)]
    results = sitrep_batch([["search", "--limit", v, *index, "kursk"] for v in limits])
    for value, res in zip(limits, results):
        ok = res["code"] is not None and res["code"] != 99 and "Traceback" not in res["out"]
        if ok and res["code"] != 0 and "--limit" not in res["out"]:
            ok = False
        tally.add(f"search --limit {value!r}", ok, res["out"][-160:] if not ok else "")
    for run, what in [(sitrep("search", "--limit", "abc", "kursk", *index), "sitrep --limit abc"),
                      (invoke("search", "--limit", "abc", "x"), "invoke --limit abc")]:
        tally.check(what, said(run, "not a whole number") + ([] if run.code else ["exit 0"]))
    for query in ("-kursk", "-r", "--kursk", "-kursk -izium", "NOT kursk"):
        run = sitrep("search", *index, "--", query)
        tally.check(f"sitrep search {query!r}", said(run) + (["exit non-zero: " + run.out[-120:]] if run.code else [])
                    + (["read as an option"] if "is not a date" in run.out or "unrecognized" in run.out else []))
    run = invoke("search", "-kursk")
    tally.check("invoke search '-kursk'", said(run) + (["read as an option"] if "is not a date" in run.out else []))
    # long slug: the build names the file and line
    bad = work / "long-slug"
    from harness import new_site
    slug_site = new_site(bad, site.cache)
    target = slug_site.content / "reports/2025/long.md"
    target.write_text(f"Title: T\nDate: 2025-02-04\nSource: S\nSlug: {'a' * 300}\n\n## Strike on Izium\n\nBody.\n",
                      encoding="utf-8")
    run = slug_site.build()
    tally.check("300-character Slug", said(run, "long.md:4", "how to fix") + (["built"] if run.code == 0 else [])
                + (["OSError"] if "File name too long" in run.out else []))
    # glob, comma list and one bad file in a batch import
    digests = work / "digests"
    digests.mkdir(exist_ok=True)
    text = DIGEST.read_text(encoding="utf-8")
    for day in (11, 12, 13):
        (digests / f"digest-2025-03-{day}.txt").write_text(text.replace("March 11", f"March {day}"), encoding="utf-8")
    (digests / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    for label, args in [("glob", [str(digests / "digest-*.txt")]),
                        ("comma list", [f"{digests}/digest-2025-03-11.txt,{digests}/digest-2025-03-12.txt"]),
                        ("one bad file in a batch", [str(digests / "broken.txt"), str(digests / "digest-2025-03-13.txt")])]:
        content = work / f"import-{label.replace(' ', '-')}"
        run = sitrep("import", *args, "--content", str(content), "--source", "Steppe Wire")
        made = sorted(p.name for p in content.rglob("*.md"))
        want = {"glob": 3, "comma list": 2, "one bad file in a batch": 1}[label]
        problems = said(run) + ([f"{len(made)} reports made, not {want}"] if len(made) != want else [])
        if label.startswith("one bad") and ("broken.txt" not in run.out or run.code == 0):
            problems.append("the bad file is not named or the exit status is 0")
        tally.check(f"import {label}", problems)
