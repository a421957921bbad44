"""Template work kept between builds must never hand back a stale answer."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from conftest import run_sitrep
from sitrep.publish.fingerprint import template_globals
from sitrep.publish.template_cache import ParseStore, with_bytecode_cache


def _env(templates: dict, cache_path, **options) -> Environment:
    return Environment(loader=DictLoader(templates), **with_bytecode_cache(options, str(cache_path)))


def test_a_changed_environment_option_compiles_again(tmp_path):
    source = {"page.html": "{% if x %}\n  yes\n{% endif %}\n"}
    trimmed = _env(source, tmp_path, trim_blocks=True, lstrip_blocks=True).get_template("page.html").render(x=1)
    # Same source, same cache root: other options must not read the trimmed bytecode.
    plain = _env(source, tmp_path).get_template("page.html").render(x=1)
    assert trimmed == "  yes\n"
    assert plain == "\n  yes\n"
    assert _env(source, tmp_path).get_template("page.html").render(x=1) == plain  # now from its own cache


def test_an_edited_template_reads_its_new_names_through_a_saved_store(tmp_path):
    path = tmp_path / "parse.json"
    templates = {"base.html": "{{ SITENAME }}{% block body %}{% endblock %}",
                 "page.html": "{% extends 'base.html' %}{% block body %}{{ item }}{% endblock %}"}
    store = ParseStore(path)
    names, first = template_globals(Environment(loader=DictLoader(templates)), "page.html", store)
    store.save()
    assert names == {"SITENAME", "item"}
    templates["base.html"] = "{{ SITENAME }}{{ FOOTER }}{% block body %}{% endblock %}"
    names, second = template_globals(Environment(loader=DictLoader(templates)), "page.html", ParseStore(path))
    assert names == {"SITENAME", "FOOTER", "item"}
    assert second != first


def test_a_damaged_store_is_an_empty_one(tmp_path):
    path = tmp_path / "parse.json"
    path.write_text("{not json", encoding="utf-8")
    store = ParseStore(path)
    names, _ = template_globals(Environment(loader=DictLoader({"a.html": "{{ x }}"})), "a.html", store)
    store.save()
    assert names == {"x"}
    assert len(ParseStore(path)) == 1


def test_a_build_keeps_compiled_templates_in_its_cache_not_where_it_runs(tmp_path, site_settings, fixture_archive):
    # Settings without CACHE_PATH: Pelican's default is a "cache" folder of the working directory,
    # which every build started elsewhere (a test, a cron job) used to fill with compiled templates.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    settings = site_settings()
    run_sitrep("build", "--settings", str(settings), "--content", str(fixture_archive),
               "--output", str(tmp_path / "out"), "--quiet", cwd=elsewhere, check=True)
    assert list(elsewhere.iterdir()) == []
    assert any((tmp_path / "cache-settings" / "pelican" / "jinja").rglob("*.cache"))
    assert (tmp_path / "cache-settings" / "pelican" / "template-parse.json").is_file()
