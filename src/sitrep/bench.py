"""Benchmarks that print numbers (``invoke bench``); never timed unit tests.

Each figure is measured in the same run as its point of comparison, since
the machines are shared and noisy: compare ratios, not absolute times.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .report_file import read_report


@dataclass
class Row:
    name: str
    value: str
    note: str = ""


def _sample_items(content: Path):
    items = []
    for path in sorted(content.rglob("*.md")):
        items.extend(read_report(path).items)
    return items


def _load_seconds(data_dir: Path, cache_dir: Path) -> float:
    """Seconds to import Sitrep and load the tagger, in a fresh process."""
    code = (
        "import time,sys; t=time.perf_counter(); from pathlib import Path; "
        "from sitrep.tagging import load_tagger; "
        f"load_tagger(Path({str(data_dir)!r}), Path({str(cache_dir)!r})); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def bench_tagging(data_dir: Path, content: Path, min_seconds: float = 3.0) -> list[Row]:
    """Tagger load time (cold and cached) and single-core throughput."""
    from .tagging import load_tagger

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cold = _load_seconds(data_dir, cache)
        warm = min(_load_seconds(data_dir, cache) for _ in range(3))
        tagger = load_tagger(data_dir, cache)
    items = _sample_items(content)
    words = sum(len(i.text.split()) + len(i.headline.split()) for i in items)
    tagged = 0
    started = time.perf_counter()
    while time.perf_counter() - started < min_seconds:
        for item in items:
            tagger.tag(item.headline, item.text, item.overrides)
        tagged += len(items)
    elapsed = time.perf_counter() - started
    return [
        Row("tagger load, cold (builds the cache)", f"{cold:.2f} s", "fresh process, incl. imports"),
        Row("tagger load, cached", f"{warm:.2f} s", "best of 3 fresh processes, incl. imports"),
        Row("tagging throughput, one core", f"{tagged / elapsed:,.0f} items/s",
            f"{len(items)} sample items, {words / len(items):.0f} words each on average"),
    ]


def format_table(title: str, rows: list[Row]) -> str:
    width = max(len(r.name) for r in rows)
    vwidth = max(len(r.value) for r in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{r.name:<{width}}  {r.value:>{vwidth}}  {r.note}" for r in rows]
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| measure | value | note |", "|---|---:|---|"]
    lines += [f"| {r.name} | {r.value} | {r.note} |" for r in rows]
    return "\n".join(lines)
