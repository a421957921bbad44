"""The bench's memory figure: forked workers that share their parent's pages are
counted once (PSS), not once per worker (RSS), and nothing is lost either way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitrep.bench.builds import _run

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


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc smaps_rollup")
def test_shared_pages_of_forked_workers_are_counted_once(tmp_path):
    run = _run([sys.executable, "-c", SHARED], tmp_path)
    assert run.tree_rss_mib > 600  # four processes each resident with the block
    assert 190 < run.tree_pss_mib < 320  # the block once, plus four interpreters
    assert run.max_rss_mib >= 200
