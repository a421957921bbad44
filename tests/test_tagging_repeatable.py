"""Tagging is the same in every process: nothing the tagger computes may follow Python's
per-process string hashing (a set's order), or scores near a threshold would flip between
builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

ITEM = ("Russian missile strike on Kharkiv kills three civilians as shelling hits a hospital",
        "A Russian missile hit a residential district of Kharkiv on Tuesday, killing three civilians and "
        "wounding 20, the regional governor said. Shelling also damaged a hospital and power lines, and "
        "Ukrainian air defences shot down 12 of 18 drones over the region, the Air Force said. Prisoners of "
        "war were exchanged the same day, and new sanctions on Russian oil were announced.")

CODE = """
import sys
from pathlib import Path
from sitrep.tagging import load_tagger
t = load_tagger(Path(sys.argv[1]), Path(sys.argv[2]))
ts = t.tag(sys.argv[3], sys.argv[4])
print(repr(sorted(ts.scores.items())))
print(t.explain(ts))
"""


def test_scores_and_evidence_do_not_depend_on_the_hash_seed(tmp_path_factory):
    cache = tmp_path_factory.getbasetemp() / "sitrep-gazetteer-cache"  # the one the tagging tests use
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", CODE, str(DATA), str(cache), *ITEM],
                              capture_output=True, text=True, env=env, check=True)
        outputs.append(done.stdout)
    assert "topic:" in outputs[0]
    assert outputs[0] == outputs[1] == outputs[2]
