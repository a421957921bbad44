"""The adversarial re-run of issue 15: the same attack classes, against the
real entry points, with counts.

    python tests/adversarial/rerun.py [--quick] [--seed N] [--keep DIR]

Prints, per class, the inputs tried, passed, failed and the editors' sentences
lost, then the failures with their reasons, and exits 1 on any failure. The
inputs are generated from a seed (the same seed, the same inputs); ``--quick``
tries fewer of them (under 3 minutes on an idle 2-core machine)."""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import FIXTURES, ROOT, Tally, new_site  # noqa: E402

CLASSES = ["1 XSS sinks", "2 re-import", "3 dates", "4 hangs/blow-ups", "5 kill -9", "6 caches", "7 bad input",
           "8 messages", "9 rollback"]


def _run_all(work: Path, rnd: random.Random, quick: bool) -> dict[str, Tally]:
    import attacks_input
    import attacks_limits
    import attacks_state
    import attacks_xss

    tallies = {name: Tally() for name in CLASSES}
    t = tallies.__getitem__
    base = new_site(work / "base", ROOT / ".sitrep-cache" if (ROOT / ".sitrep-cache").is_dir() else None,
                    FIXTURES / "search" / "reports")
    first = base.build(timeout=600)  # compiles the gazetteer once if the project has not; later builds copy it
    if first.code != 0:
        raise SystemExit(f"the base build failed:\n{first.out}")
    steps = [
        ("1 XSS sinks", lambda: attacks_xss.attack_xss(t("1 XSS sinks"), work, base.cache, rnd, quick)),
        ("2 re-import", lambda: attacks_state.attack_reimport(t("2 re-import"), work, rnd, quick)),
        ("3/4/7 files", lambda: attacks_input.attack_files(t("3 dates"), t("4 hangs/blow-ups"), t("7 bad input"),
                                                          work, base.cache, rnd, quick)),
        ("7 stray", lambda: attacks_input.attack_stray_markdown(t("7 bad input"), work, base.cache)),
        ("4 imports", lambda: attacks_limits.attack_big_imports(t("4 hangs/blow-ups"), work, quick)),
        ("4 queries", lambda: attacks_limits.attack_queries(t("4 hangs/blow-ups"), base, rnd, quick)),
        ("5 kills", lambda: attacks_state.attack_kills(t("5 kill -9"), work, base.cache, rnd, quick)),
        ("6 caches", lambda: attacks_state.attack_caches(t("6 caches"), base, work, rnd, quick)),
        ("8 messages", lambda: attacks_limits.attack_messages(t("8 messages"), base, work, rnd, quick)),
        ("9 rollback", lambda: attacks_state.attack_rollback(t("9 rollback"), work, base.cache, rnd, quick)),
    ]
    for name, step in steps:
        started = time.monotonic()
        try:
            step()
        except Exception as err:  # noqa: BLE001 - an attack that cannot run is a failure of its class, not the end
            import traceback

            tally = tallies[next(c for c in CLASSES if c[0] == name[0])]
            tally.add(f"{name}: the attack itself crashed", False, traceback.format_exc()[-400:])
            print(f"  {name}: crashed: {err!r}", file=sys.stderr)
        print(f"  {name}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return tallies


def report(tallies: dict[str, Tally]) -> int:
    rows = []
    for name, tally in tallies.items():
        results = tally.results
        rows.append((name, len(results), sum(r.passed for r in results), sum(not r.passed for r in results),
                     sum(r.lost for r in results)))
    total = ("total", *(sum(r[i] for r in rows) for i in range(1, 5)))
    print(f"{'class':<20} {'tried':>6} {'passed':>7} {'failed':>7} {'data lost':>10}")
    for row in [*rows, total]:
        print(f"{row[0]:<20} {row[1]:>6} {row[2]:>7} {row[3]:>7} {row[4]:>10}")
    failures = [(name, r) for name, tally in tallies.items() for r in tally.results if not r.passed]
    if failures:
        print("\nfailures:")
        for name, r in failures:
            print(f"- [{name}] {r.attack}: {r.reason}")
    empty = [name for name, tally in tallies.items() if not tally.results]
    for name in empty:
        print(f"- [{name}] no input was tried")
    return 1 if failures or empty or total[4] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer inputs per class (under 3 minutes)")
    parser.add_argument("--seed", type=int, default=15, help="seed of the generated inputs (default 15)")
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary folder, removed)")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sitrep-rerun-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        tallies = _run_all(work.resolve(), random.Random(args.seed), args.quick)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nadversarial re-run ({'quick' if args.quick else 'full'}, seed {args.seed}) "
          f"in {time.monotonic() - started:.0f} s")
    return report(tallies)


if __name__ == "__main__":
    sys.exit(main())
