"""The Whoosh indexes of one cache: the site's own index survives any number
of other content folders' builds, and a build of one folder never deletes an
index another build is writing (issue 15, defects 5 and 6)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sitrep.search.index import Filters, SearchIndex
from sitrep.search.indexing import update_index
from sitrep.search.location import index_lock
from sitrep.search.schema import SearchDoc


def docs(n: int, word: str = "Kharkiv") -> list[SearchDoc]:
    return [SearchDoc(id=f"r{i}/a", url=f"reports/r{i}/a/", headline=f"Strike {i} on {word}",
                      body=f"Troops near {word} and Izium. " * 20, date="2025-02-04", report=f"r{i}",
                      report_title="R", source="S", source_slug="s") for i in range(n)]


def folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_the_sites_index_survives_the_builds_of_40_other_content_folders(tmp_path):
    whoosh = tmp_path / "cache" / "whoosh"
    site_content = folder(tmp_path / "site" / "content")
    update_index(whoosh / "site", docs(3), {}, str(site_content))
    gone = folder(tmp_path / "gone" / "content")
    update_index(whoosh / "gone", docs(1), {}, str(gone))
    gone.rmdir()  # a test's temporary archive, deleted since
    for n in range(40):  # a benchmark's, the tests' archives: all still on disk
        update_index(whoosh / f"other{n:02}", docs(1, "Odesa"), {}, str(folder(tmp_path / f"c{n}")))
    assert (whoosh / "site").is_dir()
    with SearchIndex(whoosh / "site") as si:  # `sitrep search` answers from it
        assert si.search("kharkiv", Filters()).total == 3
    assert not (whoosh / "gone").exists(), "an index whose content folder is gone is still evicted"
    assert len([d for d in whoosh.iterdir() if d.is_dir()]) == 41


def test_an_index_being_written_is_never_evicted(tmp_path):
    """A first build with no state written yet and its content folder gone
    looks like a leftover; while its lock is held nothing removes it."""
    whoosh = tmp_path / "cache" / "whoosh"
    leftover = whoosh / "first"
    with index_lock(leftover):
        leftover.mkdir(parents=True)
        (leftover / "half-written.seg").write_bytes(b"x")
        update_index(whoosh / "second", docs(1), {}, str(folder(tmp_path / "second")))
        assert (leftover / "half-written.seg").exists()
    update_index(whoosh / "second", docs(2), {}, str(tmp_path / "second"))
    assert not leftover.exists(), "once no build holds it, the leftover is tidied away"


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from test_search_location import docs
    from sitrep.search.indexing import update_index
    update_index(Path(sys.argv[1]), docs(int(sys.argv[2])), {}, "")
    print("written")
""")


@pytest.mark.slow  # whole-site builds
def test_a_build_of_another_folder_leaves_an_index_being_written_alone(tmp_path):
    """Two real writers at once: the first, fresh (no state yet), must finish
    and search; it failed with "This writer is closed" when the second build
    removed its folder."""
    whoosh = tmp_path / "cache" / "whoosh"
    first = whoosh / "first"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(first), "3000", str(Path(__file__).parent)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (first.is_dir() and any(first.iterdir())):  # Whoosh has begun
        assert writer.poll() is None and time.monotonic() < deadline, writer.communicate()
        time.sleep(0.02)
    update_index(whoosh / "second", docs(1, "Odesa"), {}, str(folder(tmp_path / "second")))
    still_writing = writer.poll() is None
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and "written" in out, err
    assert still_writing, "the first writer finished before the second build pruned: make it write more"
    with SearchIndex(first) as si:
        assert si.search("kharkiv", Filters()).total == 3000
