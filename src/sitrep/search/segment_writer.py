"""Whoosh's segment writer, made cheaper where it does a million small things.

A fresh index of a 1,000-report archive writes 1.3 million postings, and two
steps of Whoosh's writer cost a call or two per posting:

- its posting pool (past the writer's memory limit, ``WRITER_LIMIT_MB``, kept
  small so a large archive's postings never sit in memory at once) pickles each
  posting on its own into a sorted run file and reads each back on its own;
  :class:`ChunkedPostingPool` writes the same sorted postings as pickled lists of
  ``CHUNK`` and reads a list at a time;
- writing the postings, it reads each posting's document field length from the
  length column on disk (a seek and a one-byte read); :class:`PreloadedLengths`
  reads each document's length once per field into a list.

Runs, merge order, postings, lengths and stored fields stay the same: the index
made is the one Whoosh's own writer makes (checked posting by posting).
"""

from __future__ import annotations

import pickle
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from whoosh.writing import PostingPool

CHUNK = 4096  # postings per pickle: a run's read-ahead stays a few hundred KiB


class ChunkedPostingPool(PostingPool):
    def add(self, item: tuple) -> None:
        """PostingPool.add without its type assertions (a call each per posting), with
        its own estimate of the posting's size, so runs are cut where Whoosh cuts them."""
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or "")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f: BinaryIO, items: Iterable[Any]) -> None:
        chunk: list = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= CHUNK:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                chunk = []
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class PreloadedLengths:
    """A per-document reader whose field lengths come from a list read once per field."""

    def __init__(self, reader):
        self._reader = reader

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], Any]:
        get = self._reader.doc_field_length_reader(fieldname, default)
        return list(map(get, range(self._reader.doc_count_all()))).__getitem__

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def speed_up(writer, limitmb: int) -> None:
    """Give a fresh Whoosh segment writer the chunked pool and preloaded lengths. A
    writer of another kind (or one that already holds postings) is left as it is."""
    pool = getattr(writer, "pool", None)
    if type(pool) is not PostingPool or pool.current or pool.runs:
        return
    per_document_reader = getattr(writer, "per_document_reader", None)
    if per_document_reader is None:
        return
    writer.pool = ChunkedPostingPool(pool.tempstore, pool.segment, limitmb=limitmb)
    writer.per_document_reader = lambda: PreloadedLengths(per_document_reader())
