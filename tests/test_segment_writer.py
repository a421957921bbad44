"""The faster Whoosh segment writer (sitrep.search.segment_writer) makes the very
index Whoosh's own writer makes: same terms, postings, weights, positions, the
length bounds of every posting block, field lengths and stored fields, also when
the postings spill into several sorted runs."""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import index as whoosh_index

from sitrep.search.schema import SearchDoc, document_fields, make_schema
from sitrep.search.segment_writer import ChunkedPostingPool, speed_up

LABELLED = Path(__file__).parent / "evaluation" / "dev" / "01.jsonl"


def _docs() -> list[SearchDoc]:
    docs = []
    for n, line in enumerate(LABELLED.read_text(encoding="utf-8").splitlines()):
        rec = json.loads(line)
        docs.append(SearchDoc(id=rec["id"], url=f"reports/r{n}/", headline=rec["headline"], body=rec["body"],
                              date=f"2025-01-{1 + n % 28:02d}", report=f"r{n}", report_title="R",
                              source="Desk", source_slug="desk", theatres=rec["theatres"], topics=rec["topics"]))
    return docs


def _index(folder: Path, faster: bool) -> tuple[list, int]:
    """Everything the index holds, and how many runs the postings were sorted into."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema({}))
    writer = ix.writer(limitmb=1)  # a tiny memory limit: many runs to merge
    if faster:
        speed_up(writer, 1)
        assert type(writer.pool) is ChunkedPostingPool
    for doc in _docs():
        writer.add_document(**document_fields(doc))
    runs = len(writer.pool.runs)
    writer.commit()
    held = []
    with ix.reader() as r:
        for field, text in r.all_terms():
            held.append((field, text))
            if r.schema[field].format is not None:
                m = r.postings(field, text)
                while m.is_active():
                    # the block's length bounds come from the lengths the writer read
                    held.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length()))
                    m.next()
        for n in range(r.doc_count_all()):
            held.append(sorted(r.stored_fields(n).items()))
            held.append([r.doc_field_length(n, f) for f in r.schema.scorable_names()])
    return held, runs


def test_the_faster_writer_makes_whooshs_own_index(tmp_path):
    own, own_runs = _index(tmp_path / "own", faster=False)
    faster, runs = _index(tmp_path / "faster", faster=True)
    assert runs == own_runs > 2
    assert faster == own
