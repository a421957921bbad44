"""Bad arguments and bad files given to ``sitrep`` or to an ``invoke`` task end
in a message and a non-zero exit status, never in a traceback (nor a hang)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from sitrep import cli
from sitrep.search.indexing import update_index
from sitrep.search.schema import SearchDoc


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("bad")
    bad = tmp / "bad.jsonl"
    bad.write_text('{"id": "a", "headline": "Strike on Izium", "body": "A missile hit Izium."}\n{not json\n')
    wrong = tmp / "wrong.jsonl"
    wrong.write_text('{"id": "a", "headline": 5, "body": "", "theatres": "x", "topics": [], "places": []}\n')
    latin1 = tmp / "latin1.jsonl"
    latin1.write_bytes(b'{"id": "a", "headline": "Caf\xe9", "body": ""}\n')
    fifo = tmp / "pipe.jsonl"
    os.mkfifo(fifo)
    future = tmp / "digest-2205-02-27.txt"
    future.write_text((FIXTURES / "import/digest-2025-03-11.txt").read_text().replace("March 11", "February 27"))
    index = tmp / "whoosh"
    update_index(index, [SearchDoc(id="r/a", url="reports/r/a/", headline="Kursk incursion", body="Troops in Kursk.",
                                   date="2025-02-04", report="r", report_title="R", source="S", source_slug="s")], {})
    return {"bad": str(bad), "wrong": str(wrong), "latin1": str(latin1), "fifo": str(fifo), "future": str(future),
            "missing": str(tmp / "missing.jsonl"), "dir": str(tmp), "index": str(index), "tmp": str(tmp)}


SITREP_CASES = [
    (["search", "--limit", "abc", "x"], "not a whole number"),
    (["search", "x", "--limit", "-3"], "negative"),
    (["search", "x", "--since", "2025-13-45", "--index", "{index}"], "is not a date"),
    (["search", "(" * 500 + "kursk", "--index", "{index}"], None),
    (["search", " ".join(f"word{n}" for n in range(250)), "--index", "{index}"], "were searched"),  # exit 0
    (["search", "NOT " * 300 + "kursk", "--index", "{index}"], None),
    (["search", "-kursk", "--index", "{index}"], None),
    (["search", "x", "--index", "{missing}"], "no search index"),
    (["import", "/nonexistent/digest.txt"], "does not exist"),
    (["import", "{fifo}", "--content", "{tmp}/content"], "named pipe"),
    (["import", "{future}", "--content", "{tmp}/content", "--source", "Test", "--date", "2205-02-27"],
     "outside the archive's dates"),
    (["import", "{missing}", "--date", "2025-13-01"], "is not a date"),
    (["tag", "{bad}"], "bad.jsonl:2: not valid JSON"),
    (["tag", "{missing}"], "does not exist"),
    (["tag", "{dir}"], "is a folder"),
    (["tag", "{fifo}"], "named pipe"),
    (["tag", "{latin1}"], "not UTF-8"),
    (["tag", "--explain", "nope/nope", "--content", "{tmp}"], "no report file"),
    (["evaluate", "{missing}"], "does not exist"),
    (["evaluate", "{bad}"], "missing 'theatres'"),
    (["evaluate", "{wrong}"], "'headline' must be a string"),
    (["evaluate", "--split", "zzz"], "invalid choice"),
    (["build", "--content", "/nonexistent", "--output", "{tmp}/out"], "content folder"),
    (["build", "--settings", "{tmp}/nope.py"], "settings file"),
    (["check", "/nonexistent"], "does not exist"),
    (["serve", "--port", "abc"], "not a whole number"),
    (["regenerate", "--interval", "abc"], "invalid float"),
    (["bench", "--reports", "abc"], "not a whole number"),
    (["deploy", "--target", "nope"], "no deploy target 'nope'"),
    (["rollback", "--target", "nope"], "no deploy target 'nope'"),
    (["no-such-command"], "invalid choice"),
]


@pytest.mark.parametrize("argv, says", SITREP_CASES, ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else None)
def test_sitrep_answers_bad_input_with_a_message(files, capsys, monkeypatch, argv, says):
    monkeypatch.chdir(ROOT)
    argv = [a.format(**files) for a in argv]
    try:
        code = cli.main(argv)
    except SystemExit as stop:  # argparse: usage and message, status 2
        code = stop.code
    out, err = capsys.readouterr()
    if says is None or says == "were searched":  # queries the parser must survive
        assert code == 0, err
    else:
        assert code != 0, out
    assert says is None or says in out + err, out + err
    assert "Traceback" not in out + err and "sitrep " + argv[0] + " stopped on an unexpected" not in err


INVOKE_CASES = [
    ["search", "--limit", "abc", "x"],
    ["search", "(" * 500 + "kursk"],
    ["import", "/nonexistent"],
    ["tag", "{bad}"],
    ["evaluate", "{missing}"],
    ["serve", "--port", "abc"],
    ["bench", "--reports", "abc"],
    ["build", "--content", "/nonexistent"],
    ["no-such-task"],
]


def test_invoke_tasks_answer_bad_input_with_a_message(files):
    """One subprocess per case: invoke parses before sitrep sees anything."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    for argv in INVOKE_CASES:
        argv = [a.format(**files) for a in argv]
        proc = subprocess.run([sys.executable, "-m", "invoke", *argv], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        output = proc.stdout + proc.stderr
        assert "Traceback" not in output, (argv, output)
        if argv[0] != "search" or "--limit" in argv:
            assert proc.returncode != 0, (argv, output)
