"""Cache keys come from the code that fills a cache: a package's modules,
less those that make nothing cached (its command line)."""

from __future__ import annotations

import sys

from sitrep.files.digest import code_digest


def _package(root, name: str, modules: dict[str, str]) -> None:
    (root / name).mkdir()
    (root / name / "__init__.py").write_text("", encoding="utf-8")
    for module, source in modules.items():
        (root / name / f"{module}.py").write_text(source, encoding="utf-8")


def test_a_left_out_module_does_not_change_the_key_and_any_other_does(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    _package(tmp_path, "pkg_a", {"core": "X = 1\n", "cli": "HELP = 'tag items'\n"})
    _package(tmp_path, "pkg_b", {"core": "X = 1\n", "cli": "HELP = 'tag items, with evidence'\n"})
    _package(tmp_path, "pkg_c", {"core": "X = 2\n", "cli": "HELP = 'tag items'\n"})

    def key(name: str) -> bytes:
        return code_digest(name, leave_out=(f"{name}.cli",))

    assert key("pkg_a") == key("pkg_b")  # only the command line differs
    assert key("pkg_a") != key("pkg_c")  # the code that makes the cached values differs
    assert code_digest("pkg_a") != code_digest("pkg_b")  # without leave_out every module counts
    for name in ("pkg_a", "pkg_b", "pkg_c"):
        sys.modules.pop(name, None)


def test_the_tag_cache_leaves_out_only_modules_that_exist():
    from sitrep.tagging.cache import NOT_TAGGING

    assert code_digest("sitrep.tagging", leave_out=NOT_TAGGING) != code_digest("sitrep.tagging")


def test_a_package_covers_the_modules_of_its_subpackages(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    digests = []
    for name, x in (("pkg_d", 1), ("pkg_e", 2)):
        _package(tmp_path, name, {"core": "X = 1\n"})
        _package(tmp_path / name, "pages", {"opendata": f"X = {x}\n"})
        digests.append(code_digest(name))
    assert digests[0] != digests[1]  # only a subpackage's module differs
    for name in ("pkg_d", "pkg_e"):
        sys.modules.pop(name, None)
