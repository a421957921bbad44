"""The README's commands, typed as the README writes them, through invoke, in
a copy of the project: import two digests, build, tag JSON lines, explain an
item's tags, search, check. Slow: it builds a site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, seed_cache

pytestmark = pytest.mark.slow

PROJECT_FILES = ["tasks.py", "pelicanconf.py", "publishconf.py"]
PROJECT_FOLDERS = ["data", "theme", "plugins"]


@pytest.fixture(scope="module")
def project(tmp_path_factory, compiled_cache) -> Path:
    """The project as a new user has it (its own content/, output/ and cache), with the fixture archive."""
    root = tmp_path_factory.mktemp("project")
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, root / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURES / "archive", root / "content")
    seed_cache(compiled_cache, root / ".sitrep-cache")
    return root


def invoke(project: Path, *words: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "invoke", *words], cwd=project, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 0, f"invoke {' '.join(words)}:\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_the_readme_commands_work_as_written(project):
    text = FIXTURES / "import" / "digest-2025-03-11.txt"
    html = FIXTURES / "import" / "digest-2025-03-12.html"
    imported = invoke(project, "import", str(text), str(html), "--source", "Test Desk")
    assert imported.stdout.count("created") == 2, imported.stdout
    reports = sorted(p.name for p in (project / "content" / "reports" / "2025").glob("2025-03-1*.md"))
    assert reports == ["2025-03-11-test-desk.md", "2025-03-12-test-desk.md"]

    invoke(project, "build")
    site = project / "output"
    assert (site / "reports" / "2025-03-12-test-desk" / "index.html").is_file()
    assert (site / "search" / "data" / "manifest.json").is_file()

    items = project / "items.jsonl"
    items.write_text(json.dumps({"id": "x", "headline": "Missile strike on Izium kills five",
                                 "body": "A ballistic missile hit the centre of Izium in Kharkiv Oblast."}) + "\n",
                     encoding="utf-8")
    invoke(project, "tag", "items.jsonl", "--output", "tags.jsonl")
    (tagged,) = [json.loads(line) for line in (project / "tags.jsonl").read_text(encoding="utf-8").splitlines()]
    assert tagged["id"] == "x" and "kharkiv" in tagged["theatres"] and "strikes" in tagged["topics"]

    report = "content/reports/2025/2025-02-04-test-desk.md"
    explained = invoke(project, "tag", "--explain", report)
    assert "ballistic-missile-kills-five-in-izium" in explained.stdout and "Izium" in explained.stdout

    found = invoke(project, "search", "Izyum OR Kupyansk", "--json")
    assert any("izium" in hit["url"] for hit in json.loads(found.stdout)), found.stdout

    checked = invoke(project, "check")
    assert "no problems" in checked.stdout, checked.stdout
