"""``invoke bench-search``: both searches of Sitrep beside Pagefind, on one site.

1. generate an archive (:func:`sitrep.bench.generate.generate_archive`) and build it
   with the project's settings (the search plugin builds the Whoosh index and
   exports the browser index, timed separately);
2. run Pagefind (``python -m pagefind --site SITE``, package ``pagefind[bin]``)
   on the same built site;
3. in headless chromium, run four first queries on a fresh page (a common
   word, a rare word, a phrase, a word with a theatre filter) with Sitrep's
   search page and with Pagefind's JS API (showing 10 results, so both fetch
   their 10 result fragments) and add up what each downloaded, gzipped;
4. time queries: Whoosh in-process (the CLI's code) and the browsers.

Byte counts are the gzip size of every file fetched (Pagefind's own files are
already compressed, so their size is what a server sends).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
RUNS = 30


@dataclass
class BenchQuery:
    label: str
    query: str
    filters: dict = field(default_factory=dict)


@dataclass
class Measure:
    files: int = 0
    gzip_bytes: int = 0
    ms: float = 0.0
    results: int = 0


def _gz(data: bytes) -> int:
    return min(len(data), len(gzip.compress(data, 6, mtime=0)))


def _tree_bytes(path: Path) -> tuple[int, int, int]:
    """(files, raw bytes, gzipped bytes) under a folder."""
    files = raw = gz = 0
    for p in Path(path).rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            files += 1
            raw += len(data)
            gz += _gz(data)
    return files, raw, gz


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Capture(logging.Handler):
    """Picks the search plugin's stats out of its log records."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.index = None
        self.export = None

    def emit(self, record):
        self.index = getattr(record, "sitrep_search_index", self.index)
        self.export = getattr(record, "sitrep_search_export", self.export)


def _build(settings: Path, content: Path, site: Path, index_dir: Path):
    from sitrep.publish.build import build

    os.environ["SITREP_SEARCH_INDEX_DIR"] = str(index_dir)
    capture = _Capture()
    log = logging.getLogger("sitrep.search")
    log.addHandler(capture)
    old_level = log.level
    log.setLevel(logging.INFO)
    try:
        result = build(settings, site, {"PATH": str(content)})
    finally:
        log.removeHandler(capture)
        log.setLevel(old_level)
        os.environ.pop("SITREP_SEARCH_INDEX_DIR", None)
    return result, capture.index, capture.export


def pick_queries(index_dir: Path) -> list[BenchQuery]:
    """A common and a rare word of this archive, a phrase, and a filtered word."""
    from sitrep.search.index import SearchIndex

    with SearchIndex(index_dir) as si:
        reader = si.searcher.reader()
        n = reader.doc_count()
        dfs = []
        for word, term in si.vocab.map.items():
            if word.isalpha() and word == term and len(word) >= 5:
                dfs.append((reader.doc_frequency("body", term), word))
        dfs.sort()
        common = max(dfs)[1]
        rare = next(w for df, w in dfs if df >= 2 and df <= max(2, n // 2000))
    return [BenchQuery("common word", common), BenchQuery("rare word", rare),
            BenchQuery("phrase", '"air defence"'), BenchQuery("word + theatre filter", "drones", {"theatre": "kharkiv"})]


_PAGEFIND_JS = """
async ([query, filters, bundle]) => {
  const t0 = performance.now();
  const pagefind = await import(`/${bundle}/pagefind.js`);
  await pagefind.options({ excerptLength: 30 });
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { ms: performance.now() - t0, results: search.results.length, shown: data.length };
}
"""

_SITREP_JS = """
async ([query, filters]) => {
  const t0 = performance.now();
  await (await fetch('/theme/js/search.js')).text();  // the page's own script, counted too
  const { SearchEngine } = await import('/theme/js/search-engine.js');
  const engine = new SearchEngine('/search/data/');
  const r = await engine.search(query, filters);
  const docs = await engine.fragments(r.ranked.slice(0, 10).map(([d]) => d));
  return { ms: performance.now() - t0, results: r.total, shown: docs.length };
}
"""

_WARM_JS = """
async ([kind, queries, runs]) => {
  let engine, pagefind;
  if (kind === 'sitrep') {
    const { SearchEngine } = await import('/theme/js/search-engine.js');
    engine = new SearchEngine('/search/data/');
  } else {
    pagefind = await import(`/${kind}/pagefind.js`);
  }
  const out = [];
  for (const [q, f] of queries) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      if (kind === 'sitrep') {
        const r = await engine.search(q, f);
        await engine.fragments(r.ranked.slice(0, 10).map(([d]) => d));
      } else {
        const s = await pagefind.search(q);
        await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
      }
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push(times[Math.floor(times.length / 2)]);
  }
  return out;
}
"""


PAGEFIND_SITE, PAGEFIND_ITEMS = "pagefind", "pagefind-items"  # bundles under the site
ENGINES = ("sitrep", PAGEFIND_SITE, PAGEFIND_ITEMS)


def _browser_first_queries(site: Path, queries: list[BenchQuery]) -> dict[str, dict[str, Measure]]:
    """Bytes and time of each first query on a fresh page, Sitrep and Pagefind."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, Measure]] = {kind: {} for kind in (*ENGINES, "warm")}
    with _serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for kind in ENGINES:
                script = _SITREP_JS if kind == "sitrep" else _PAGEFIND_JS
                for bq in queries:
                    if kind != "sitrep" and bq.filters:
                        continue  # the theme marks no data-pagefind-filter: nothing to filter on
                    context = browser.new_context()
                    page = context.new_page()
                    fetched: dict[str, int] = {}
                    prefix = f"/{kind}/" if kind != "sitrep" else ("/search/data/", "/theme/js/")

                    def record(response, fetched=fetched, prefix=prefix):
                        path = urlparse(response.url).path
                        if path.startswith(prefix) and response.status == 200:
                            fetched[path] = _gz(response.body())

                    page.on("response", record)
                    page.goto(base + "/404.html")
                    res = page.evaluate(script, [bq.query, bq.filters, kind])
                    page.wait_for_timeout(50)
                    out[kind][bq.label] = Measure(len(fetched), sum(fetched.values()), res["ms"], res["results"])
                    context.close()
            for kind in ENGINES:
                page = browser.new_page()
                page.goto(base + "/404.html")
                qs = [[q.query, q.filters] for q in queries if kind == "sitrep" or not q.filters]
                medians = page.evaluate(_WARM_JS, [kind, qs, 20 if kind == "sitrep" else 5])
                labels = [q.label for q in queries if kind == "sitrep" or not q.filters]
                for label, ms in zip(labels, medians):
                    out["warm"][f"{kind}:{label}"] = Measure(ms=ms)
                page.close()
        finally:
            browser.close()
    return out


def whoosh_latency(index_dir: Path, queries: list[BenchQuery]) -> dict[str, Measure]:
    from sitrep.search.index import Filters, SearchIndex

    out = {}
    with SearchIndex(index_dir) as si:
        for bq in queries:
            times = []
            total = 0
            for _ in range(RUNS):
                t0 = time.perf_counter()
                r = si.search(bq.query, Filters(**bq.filters), limit=10)
                times.append((time.perf_counter() - t0) * 1000)
                total = r.total
            out[bq.label] = Measure(ms=statistics.median(times), results=total)
    return out


def _cli_cold_ms(index_dir: Path, query: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitrep.cli", "search", query, "--index", str(index_dir), "--json"],
                   check=True, capture_output=True)
    return (time.perf_counter() - t0) * 1000


def _pagefind(site: Path, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), *args],
                          capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"pagefind failed: {proc.stderr or proc.stdout}")
    return time.perf_counter() - t0, proc.stdout


def run_benchmark(n_reports: int = 5000, seed: int = 1, workdir: Path | None = None,
                  data_dir: Path = Path("data"), settings: Path = Path("pelicanconf.py"), keep: bool = False) -> str:
    """Run everything; returns the report as Markdown tables."""
    from sitrep.bench.generate import generate_archive
    from sitrep.search.export import DATA_DIR

    own_tmp = workdir is None
    work = Path(workdir or tempfile.mkdtemp(prefix="sitrep-bench-"))
    content, site, index_dir = work / "content", work / "site", work / "whoosh"
    try:
        shutil.rmtree(content, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        t0 = time.perf_counter()
        generate_archive(content, n_reports, seed, data_dir)
        gen_s = time.perf_counter() - t0
        result, ix_stats, ex_stats = _build(Path(settings).resolve(), content, site, index_dir)
        pf_s, _ = _pagefind(site)  # the whole site, as Pagefind is meant to be run
        pfi_s, _ = _pagefind(site, "--glob", "reports/*/*/index.html", "--output-subdir", PAGEFIND_ITEMS)
        queries = pick_queries(index_dir)
        whoosh = whoosh_latency(index_dir, queries)
        cold = _cli_cold_ms(index_dir, queries[0].query)
        browser = _browser_first_queries(site, queries) if Path(CHROMIUM).exists() else None
        wfiles, wraw, _ = _tree_bytes(index_dir)
        bfiles, braw, bgz = _tree_bytes(site / DATA_DIR)
        pfiles, praw, pgz = _tree_bytes(site / PAGEFIND_SITE)
        ifiles, iraw, igz = _tree_bytes(site / PAGEFIND_ITEMS)
        facet_gz = sum(p.stat().st_size for p in (site / DATA_DIR / "facets").glob("*.json.gz"))  # stored gzipped
        fixed_gz = sum(_gz(p.read_bytes()) for p in (site / DATA_DIR / "manifest.json", site / "theme/js/search.js",
                                                     site / "theme/js/search-engine.js"))
        lines = [
            f"## Search benchmark: {n_reports:,} generated reports (seed {seed}), "
            f"{result.items:,} items, {result.pages:,} HTML pages",
            "",
            f"Archive generated in {gen_s:.1f} s; site built in {result.seconds:.1f} s "
            f"(Whoosh index {ix_stats.seconds:.1f} s, browser index export {ex_stats.seconds:.1f} s).",
            "",
            "| | Whoosh (CLI) | Sitrep browser index | Pagefind, whole site | Pagefind, item pages only |",
            "|---|---|---|---|---|",
            f"| index build | {ix_stats.seconds:.1f} s | {ex_stats.seconds:.1f} s (from Whoosh) | {pf_s:.1f} s "
            f"| {pfi_s:.1f} s |",
            f"| index size | {wraw / 1e6:.1f} MB, {wfiles} files | {braw / 1e6:.1f} MB raw, {bgz / 1e6:.1f} MB gz, "
            f"{bfiles:,} files | {praw / 1e6:.1f} MB, {pgz / 1e6:.1f} MB gz, {pfiles:,} files "
            f"| {iraw / 1e6:.1f} MB, {igz / 1e6:.1f} MB gz, {ifiles:,} files |",
            f"| loaded by every query (manifest + JS), gzipped | | {fixed_gz / 1024:.1f} KB | | |",
            f"| facet files (loaded once, when filters are used), gzipped | | {facet_gz / 1024:.1f} KB | | |",
            f"| CLI process, one query from a cold start | {cold:.0f} ms | | | |",
        ]
        lines += ["", "First query on a fresh page: gzipped KB fetched (files) / time until 10 results are "
                  "ready; Whoosh: median in-process query time (the CLI's code, 30 runs)",
                  "", "| query | matches | Whoosh | Sitrep browser | Pagefind, whole site | Pagefind, item pages |",
                  "|---|---|---|---|---|---|"]

        def cell(m: Measure | None) -> str:
            return f"{m.gzip_bytes / 1024:.1f} KB ({m.files}) / {m.ms:.0f} ms" if m else "n/a (no filter data)"

        for bq in queries:
            w = whoosh[bq.label]
            text = f"`{bq.query}`" + (f" + {bq.filters}" if bq.filters else "")
            if browser:
                lines.append(f"| {bq.label}: {text} | {w.results:,} | {w.ms:.1f} ms | {cell(browser['sitrep'][bq.label])} "
                             f"| {cell(browser[PAGEFIND_SITE].get(bq.label))} | {cell(browser[PAGEFIND_ITEMS].get(bq.label))} |")
            else:
                lines.append(f"| {bq.label}: {text} | {w.results:,} | {w.ms:.1f} ms | (no chromium) | | |")
        if browser:
            lines += ["", "Warm queries in the browser (files cached; median of 20 runs, Pagefind 5):", ""]
            for key, m in browser["warm"].items():
                kind, label = key.split(":", 1)
                lines.append(f"- {kind}, {label}: {m.ms:.1f} ms")
        return "\n".join(lines)
    finally:
        if own_tmp and not keep:
            shutil.rmtree(work, ignore_errors=True)
