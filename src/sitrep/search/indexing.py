"""Writing the Whoosh index: an incremental update from a site's items.

The index lives in the build cache and is updated in place: items whose
content digest is unchanged are left alone, so a rebuild after one new report
indexes only that report. A change of the alias table or of the search code
(:func:`sitrep.search.state.code_version`) rebuilds it from scratch, and so
does an index whose files are not the ones its state recorded.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from sitrep.files.cachefile import read_sealed, warn_discarded, write_sealed
from sitrep.search.location import index_lock, prune_siblings
from sitrep.search.segment_writer import speed_up
from sitrep.search.schema import SearchDoc, document_fields, make_schema, surfaces
from sitrep.search.state import (
    FILES_FORMAT, STATE_FILE, VOCAB_FILE, VOCAB_KIND, IndexState, code_version, index_damage, index_files,
    recorded_content, whoosh_exists,
)
from sitrep.text import word_term

# Whoosh keeps the postings of the documents being added in memory up to this
# many MiB (by its own estimate, about two thirds of what Python really takes),
# then sorts them into a run file; the runs are merged at commit. Its default,
# 128, held a 2,000-report archive's postings (over 200 MiB) in the search
# process at once; more, smaller runs give the same index.
WRITER_LIMIT_MB = 32


@dataclass(slots=True)
class IndexStats:
    """What one update did: documents in the index, added, updated, removed."""

    documents: int
    added: int
    updated: int
    removed: int
    rebuilt: bool
    seconds: float


def update_index(index_dir: Path, docs: Iterable[SearchDoc], aliases: Mapping[str, str],
                 content: str = "", also: Mapping[str, list[str]] | None = None) -> IndexStats:
    """Bring the index at ``index_dir`` in line with ``docs`` (all items of the
    site read from the folder ``content``). ``also`` holds the query-time
    spellings (sitrep.search.aliases); they only change the vocabulary.
    Done under the index's lock (:mod:`sitrep.search.location`)."""
    with index_lock(Path(index_dir)):
        return _update_index(Path(index_dir), docs, aliases, content, also)


def _update_index(index_dir: Path, docs: Iterable[SearchDoc], aliases: Mapping[str, str],
                  content: str, also: Mapping[str, list[str]] | None) -> IndexStats:
    from whoosh import index as whoosh_index

    from sitrep.search.aliases import aliases_digest

    started = time.perf_counter()
    index_dir = Path(index_dir)
    docs = sorted(docs, key=lambda d: (d.date, d.id))  # docnums follow dates on a fresh build
    wanted = {d.id: d for d in docs}
    digest = aliases_digest(aliases)
    state = IndexState.load(index_dir / STATE_FILE)
    version = code_version()
    fresh = (state is None or state.version != version or state.aliases != digest
             or not whoosh_exists(index_dir))
    if not fresh and (problem := index_damage(index_dir, state.files)):
        # Also what a build killed between Whoosh's commit and the state file leaves.
        warn_discarded(index_dir, problem)
        fresh = True
    if not fresh:
        try:
            ix = whoosh_index.open_dir(str(index_dir))
            # Out of step with the state: start over rather than index items twice.
            fresh = ix.doc_count() != len(state.digests)
            ix.close()
        except Exception as err:  # noqa: BLE001 - any damage Whoosh trips over means: rebuild
            warn_discarded(index_dir, f"Whoosh cannot open it ({type(err).__name__}: {err})")
            fresh = True
    if not fresh:  # rewritten below either way; a damaged one is named all the same
        read_sealed(index_dir / VOCAB_FILE, VOCAB_KIND, FILES_FORMAT)
    if fresh:
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(str(index_dir), make_schema(aliases))
        state = IndexState(version, digest, {}, {})
    else:
        ix = whoosh_index.open_dir(str(index_dir))
    prune_siblings(index_dir, recorded_content)
    aliases = _analysers_table(ix, aliases)
    new_digests = {d.id: d.digest() for d in docs}
    stale = [i for i, h in state.digests.items() if new_digests.get(i) != h]
    todo = [d for d in docs if state.digests.get(d.id) != new_digests[d.id]]
    removed = sum(1 for i in stale if i not in wanted)
    if stale or todo:
        writer = ix.writer(timeout=120.0, limitmb=WRITER_LIMIT_MB)
        try:
            speed_up(writer, WRITER_LIMIT_MB)
            if stale:
                _forget(ix, writer, stale, state, aliases)
            for d in todo:
                writer.add_document(**document_fields(d))
                for s in surfaces(d.headline, d.body, aliases=aliases):
                    state.surfaces[s] = state.surfaces.get(s, 0) + 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
    state.digests = new_digests
    state.content = str(content)
    state.surfaces = {s: n for s, n in state.surfaces.items() if n > 0}
    state.files = index_files(index_dir)
    _save_vocabulary(index_dir, state, aliases, also or {})
    state.save(index_dir / STATE_FILE)
    return IndexStats(len(docs), len(todo) - (len(stale) - removed), len(stale) - removed, removed,
                      fresh, time.perf_counter() - started)


def _analysers_table(ix, aliases: Mapping[str, str]) -> Mapping[str, str]:
    """The alias table the index's analysers hold, when it is ``aliases`` (the
    state says so, or the index is rebuilt): the analyser remembers the last texts
    by their table, so counting a document's words with this one finds the terms
    Whoosh just made instead of analysing the text again (every text of a full
    build was analysed twice, 13,000 analyses at 1,000 reports)."""
    try:
        table = ix.schema["headline"].analyzer.aliases
    except (KeyError, AttributeError):
        return aliases
    return table if table == aliases else aliases


def _forget(ix, writer, ids: list[str], state: IndexState, aliases: Mapping[str, str]) -> None:
    """Delete documents, first taking their words out of the surface counts."""
    with ix.searcher() as searcher:
        for item_id in ids:
            stored = searcher.document(id=item_id)
            if stored:
                for s in surfaces(stored["headline"], stored["body"], aliases=aliases):
                    state.surfaces[s] = state.surfaces.get(s, 0) - 1
    for item_id in ids:
        writer.delete_by_term("id", item_id)


def _save_vocabulary(index_dir: Path, state: IndexState, aliases: Mapping[str, str],
                     also: Mapping[str, list[str]]) -> None:
    """vocabulary.json: every folded word readers may type -> its index term.

    The archive's own words, plus alias spellings whose term is in the archive
    ("izyum" -> "izium" as soon as one item says Izium), plus query-time
    spellings as ``[own term or None, other terms...]`` when one of the words
    they stand for is in the archive ("dzerzhinsk" -> [None, "toretsk"])."""
    vocab: dict[str, str | list] = {s: word_term(s, aliases) for s in state.surfaces}
    terms = set(vocab.values())
    for spelling in aliases:
        term = word_term(spelling, aliases)
        if spelling not in vocab and term in terms:
            vocab[spelling] = term
    for spelling, words in also.items():
        own = vocab.get(spelling)
        others = []
        for w in words:
            term = word_term(w, aliases)
            if term in terms and term != own and term not in others:
                others.append(term)
        if others:
            vocab[spelling] = [own, *others]
    write_sealed(index_dir / VOCAB_FILE, VOCAB_KIND, FILES_FORMAT,
                 json.dumps(dict(sorted(vocab.items())), ensure_ascii=False).encode("utf-8"))
