"""Caches are keyed on module names and source bytes, not file paths: the same
code installed somewhere else (a moved checkout, a package moved between
folders) finds every cache of the previous build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def _build(tmp_path, code_root=None, cwd=None) -> str:
    env = dict(os.environ)
    if code_root:
        env["PYTHONPATH"] = str(code_root)
    settings = tmp_path / "conf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"SITREP_CACHE_DIR = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "build", "--settings", str(settings),
                           "--content", str(FIXTURES / "archive"), "--output", str(tmp_path / "out")],
                          cwd=cwd or tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    if code_root:  # the build really ran the moved copy
        where = subprocess.run([sys.executable, "-c", "import sitrep; print(sitrep.__file__)"],
                               env=env, capture_output=True, text=True, check=True).stdout
        assert where.startswith(str(code_root)), where
    return proc.stdout


def test_every_cache_still_hits_when_the_code_moves(tmp_path):
    first = _build(tmp_path)
    assert "0 unchanged" in first
    caches = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    moved = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "src" / "sitrep", moved / "sitrep", ignore=shutil.ignore_patterns("__pycache__"))

    again = _build(tmp_path, moved)

    # No cache was filed under a new key, and no page came out different.
    assert sorted(p.relative_to(tmp_path).as_posix()
                  for p in (tmp_path / "cache").rglob("*") if p.is_file()) == caches
    assert "(0 files rendered," in again, again


def test_a_build_from_another_folder_renders_no_page_again(tmp_path):
    """Messages name report files relative to the working directory; what a
    page is made of must not, or running the build from another folder
    (a cron job, an editor's shell) renders every report and item page again."""
    _build(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = _build(tmp_path, cwd=elsewhere)
    assert "(0 files rendered," in again, again
