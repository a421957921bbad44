"""The search process reads the alias tables from the file the build names
(sitrep.search.alias_cache.alias_tables_path), without importing the tagger."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, seed_cache
from sitrep.search.alias_cache import alias_tables_path, load_alias_tables


def test_the_named_file_holds_the_tables_of_the_data(tmp_path, compiled_cache):
    cache = seed_cache(compiled_cache, tmp_path / "cache")
    path = alias_tables_path(ROOT / "data", cache)
    assert path.is_file()  # what load_alias_tables would read, named the same way
    assert load_alias_tables(ROOT / "data", cache, path) == load_alias_tables(ROOT / "data", cache)


def test_reading_the_named_file_does_not_import_the_tagger(tmp_path, compiled_cache):
    cache = seed_cache(compiled_cache, tmp_path / "cache")
    path = alias_tables_path(ROOT / "data", cache)
    code = ("import sys; from pathlib import Path; from sitrep.search.build import build_search; "
            "from sitrep.search.alias_cache import load_alias_tables; "
            f"tables = load_alias_tables(Path({str(ROOT / 'data')!r}), Path({str(cache)!r}), Path({str(path)!r})); "
            "print(bool(tables.aliases), 'sitrep.tagging' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]
