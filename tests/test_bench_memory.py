"""The bench's memory figure: forked workers that share their parent's pages are
counted once (PSS), not once per worker (RSS), and nothing is lost either way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# A parent holding 200 MiB forks three children that only read it: the machine
# gives the tree about 200 MiB, summed RSS says about 800.
SHARED = """
import os, time
block = bytearray(200 * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1
kids = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        time.sleep(1.5)
        os._exit(0)
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
"""


# Measured from a small fresh process, as `invoke bench` does: Linux counts the
# memory a child had before exec (a fork of a large pytest worker) in its ru_maxrss.
MEASURE = """
import json, sys
from pathlib import Path
from sitrep.bench.builds import _run
run = _run([sys.executable, "-c", sys.argv[1]], Path.cwd())
print(json.dumps([run.tree_rss_mib, run.tree_pss_mib, run.max_rss_mib]))
"""


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc smaps_rollup")
def test_shared_pages_of_forked_workers_are_counted_once(tmp_path):
    out = subprocess.run([sys.executable, "-c", MEASURE, SHARED], cwd=tmp_path, capture_output=True, text=True,
                         check=True, timeout=120)
    tree_rss, tree_pss, largest = json.loads(out.stdout)
    assert tree_rss > 600  # four processes each resident with the block
    assert 190 < tree_pss < 320  # the block once, plus four interpreters
    assert largest >= 200
