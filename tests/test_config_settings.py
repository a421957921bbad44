"""Settings files read through sitrep.config."""

from __future__ import annotations

import sys

from conftest import write_settings

from sitrep.config import load


def test_a_settings_file_named_like_a_module_does_not_stand_in_for_it_afterwards(tmp_path, monkeypatch):
    """Pelican registers a settings file as a module named after the file. A publishconf.py
    read from another folder (the check's hint reads the one beside --settings) must not be
    what the next settings file in the same process gets from ``from publishconf import *``."""
    monkeypatch.delitem(sys.modules, "publishconf", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "publishconf.py").write_text('SITEURL = "https://elsewhere.example"\n', encoding="utf-8")
    assert load(elsewhere / "publishconf.py").site_url == "https://elsewhere.example"

    mine = write_settings(tmp_path / "mine.py", "publishconf", SITEURL="https://mine.example")
    conf = load(mine)
    assert conf.site_url == "https://mine.example"
    assert conf.pelican["ARCHIVES_URL"] == "archives/"  # from the project's publishconf -> pelicanconf
    assert "publishconf" not in sys.modules or "elsewhere" not in (sys.modules["publishconf"].__file__ or "")
