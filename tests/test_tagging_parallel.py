"""Tagging on every core gives the very tags one core gives, in order, and
survives a worker that dies (sitrep.tagging.parallel)."""

from __future__ import annotations

import os
from pathlib import Path

from sitrep.tagging.evaluate import load_labelled, record_date
from sitrep.tagging.parallel import MIN_PER_WORKER, tag_all

LABELLED = Path(__file__).parent / "evaluation" / "dev" / "01.jsonl"


def _requests() -> list[tuple]:
    records = load_labelled(LABELLED)
    assert len(records) >= 2 * MIN_PER_WORKER, "too few items to fork a worker"
    return [(r["headline"], r["body"], None, record_date(r)) for r in records]


def _shown(sets) -> list[tuple]:
    return [(s.theatres, s.topics, s.regions, [(p.slug, p.lat, p.lon) for p in s.places]) for s in sets]


def test_two_cores_give_the_tags_of_one(tagger):
    requests = _requests()
    one = tag_all(tagger, requests, jobs=1)
    two = tag_all(tagger, requests, jobs=2)
    assert _shown(two) == _shown(one)
    assert _shown(one[:3]) == _shown([tagger.tag(*r, explain=False) for r in requests[:3]])


class _DiesInAWorker:
    """The tagger, but a forked worker that meets ``fatal`` dies on the spot."""

    def __init__(self, tagger, fatal: str):
        self.tagger, self.fatal, self.parent = tagger, fatal, os.getpid()

    def tag(self, headline, *args, **kwargs):
        if headline == self.fatal and os.getpid() != self.parent:
            os._exit(9)
        return self.tagger.tag(headline, *args, **kwargs)


def test_a_worker_that_dies_costs_only_time(tagger, caplog):
    requests = _requests()
    fatal = requests[5][0]  # in the first chunk, which a worker takes
    sets = tag_all(_DiesInAWorker(tagger, fatal), requests, jobs=2)
    assert _shown(sets) == _shown(tag_all(tagger, requests, jobs=1))
    assert "tagging worker process died" in caplog.text


def test_a_jsonl_file_is_tagged_on_every_core_in_input_order(tmp_path, sitrep):
    """`sitrep tag ITEMS.jsonl --jobs 2` writes what one core writes, line for line."""
    written = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"tags-{jobs}.jsonl"
        sitrep("tag", str(LABELLED), "--output", str(out), "--jobs", jobs, check=True)
        written[jobs] = out.read_text(encoding="utf-8").splitlines()
    ids = [r["id"] for r in load_labelled(LABELLED)]
    assert [line.split('"', 4)[3] for line in written["2"]] == ids
    assert written["2"] == written["1"]
