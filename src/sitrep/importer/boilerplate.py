"""Boilerplate rules: what an import drops, and how it names the source.

The phrases live in ``data/import/boilerplate.toml`` so an editor can add
a publication's sign-off without touching code. Phrases are matched on
folded text (:func:`sitrep.text.fold`), so capitals, accents and curly
quotes never decide whether a plea is recognised.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import DataError
from sitrep.text import fold

RULES_FILE = Path("data") / "import" / "boilerplate.toml"

# Used only when a project has no data/import/boilerplate.toml (e.g. an
# importer run from a bare content folder); the shipped file holds all of
# these and more.
DEFAULT_RULES = """
[cut]
starts = ["note from the author", "a note from the author", "author's note", "editor's note"]
[drop]
contains = ["subscribe to our newsletter", "sign up for our newsletter", "if you value our work",
            "support our journalism", "join the * community", "share this article"]
[keep]
contains = ["could not verify", "could not independently verify", "cannot verify"]
[digest]
list_intros = ["key developments", "key events"]
[html]
drop_classes = ["newsletter", "subscribe", "share", "social", "promo", "advert", "ad", "related",
                "author-note", "comments"]
[source]
patterns = ["put together by the {name} news desk", "by the {name} newsroom", "join the {name} community",
            "{name} could not verify"]
"""

_WILDCARD = r"(?: \S+){0,6}"
_NAME = (r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:(?:of|the|and|for|on|&)\s+)?[A-Z][\w'’&.-]*){0,5})")
_NAME_TRIM = re.compile(r"(?:['’]s|[.'’-])+$")


def _phrase_regex(phrase: str, anchored: bool) -> re.Pattern[str]:
    """A phrase ("join the * community") as a regex over folded text."""
    parts = [re.escape(fold(part)) for part in phrase.split("*")]
    body = _WILDCARD.join(p.strip() and f" {p}" if i else p for i, p in enumerate(parts))
    body = body.replace("  ", " ")
    return re.compile(("^" if anchored else r"(?:^| )") + body.strip() + r"(?= |$)")


def _source_regex(pattern: str) -> re.Pattern[str]:
    """A source pattern ("join the {name} community") as a regex over raw
    text: the words around the name in any case, the name capitalised."""
    before, _, after = pattern.partition("{name}")

    def words(part: str) -> str:
        tokens = part.split()
        return r"\s+".join(re.escape(t) for t in tokens)

    regex = ""
    if before.strip():
        regex += rf"(?i:\b{words(before)})\s+"
    regex += _NAME
    if after.strip():
        regex += rf"\s+(?i:{words(after)}\b)"
    return re.compile(regex)


def _class_tokens(value: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[^a-z0-9]+", value.lower()) if t)


@dataclass(slots=True)
class Rules:
    """Compiled boilerplate rules (see ``data/import/boilerplate.toml``)."""

    path: str
    cut_starts: list[re.Pattern[str]]
    drop_contains: list[re.Pattern[str]]
    keep_contains: list[re.Pattern[str]]
    list_intros: list[re.Pattern[str]]
    drop_classes: list[tuple[str, ...]]
    source_patterns: list[re.Pattern[str]]

    def starts_cut(self, text: str) -> bool:
        """Does this paragraph open a trailing author's note or sign-off?"""
        folded = fold(text)
        return any(p.search(folded) for p in self.cut_starts)

    def is_kept(self, text: str) -> bool:
        folded = fold(text)
        return any(p.search(folded) for p in self.keep_contains)

    def is_plea(self, text: str) -> bool:
        """Is this paragraph a subscription plea or share prompt (and not
        content that merely mentions one of the words)?"""
        folded = fold(text)
        return any(p.search(folded) for p in self.drop_contains) and not self.is_kept(text)

    def is_list_intro(self, text: str) -> bool:
        """Is this the "Key developments on Feb. 4:" line of a digest?"""
        return len(text) <= 120 and any(p.search(fold(text)) for p in self.list_intros)

    def is_furniture(self, class_or_id: str) -> bool:
        """Does a class/id attribute mark page furniture (newsletter box,
        share buttons, author's note)?"""
        tokens = _class_tokens(class_or_id)
        n = len(tokens)
        return any(
            tokens[i:i + len(word)] == word
            for word in self.drop_classes
            for i in range(n - len(word) + 1)
        )

    def publication_name(self, boilerplate: list[str], content: list[str]) -> str | None:
        """The publication named most often by the source patterns; names
        in boilerplate (sign-offs, pleas) weigh more than names in content."""
        votes: Counter[str] = Counter()
        order: dict[str, int] = {}
        for weight, texts in ((3, boilerplate), (1, content)):
            for text in texts:
                for pattern in self.source_patterns:
                    for m in pattern.finditer(text):
                        name = _clean_name(m["name"])
                        if name:
                            votes[name] += weight
                            order.setdefault(name, len(order))
        if not votes:
            return None
        return max(votes, key=lambda name: (votes[name], -order[name]))


def _clean_name(raw: str) -> str | None:
    name = _NAME_TRIM.sub("", raw.strip())
    name = re.sub(r"^(?:The|A)\s+", "", name)
    if not name or name.lower() in {"we", "i", "us", "our", "it"} or len(name) > 60:
        return None
    return name


def _strings(table: dict, section: str, key: str, path: str) -> list[str]:
    value = table.get(section, {}).get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(path, f"[{section}] {key} must be a list of strings",
                        f'write e.g. {key} = ["first phrase", "second phrase"]')
    return [v for v in value if v.strip()]


def parse_rules(text: str, path: str) -> Rules:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataError(path, f"not valid TOML: {err}",
                        'each list is written key = ["phrase", "phrase"] under its [section]') from None
    patterns = _strings(table, "source", "patterns", path)
    for pattern in patterns:
        if pattern.count("{name}") != 1:
            raise DataError(path, f"source pattern {pattern!r} must contain {{name}} once",
                            'write e.g. "join the {name} community"')
    return Rules(
        path=path,
        cut_starts=[_phrase_regex(p, True) for p in _strings(table, "cut", "starts", path)],
        drop_contains=[_phrase_regex(p, False) for p in _strings(table, "drop", "contains", path)],
        keep_contains=[_phrase_regex(p, False) for p in _strings(table, "keep", "contains", path)],
        list_intros=[_phrase_regex(p, True) for p in _strings(table, "digest", "list_intros", path)],
        drop_classes=[_class_tokens(p) for p in _strings(table, "html", "drop_classes", path)],
        source_patterns=[_source_regex(p) for p in patterns],
    )


def load_rules(path: Path | None) -> Rules:
    """Rules from ``path``, or the built-in defaults when there is none."""
    if path is None:
        return parse_rules(DEFAULT_RULES, "<built-in boilerplate rules>")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(str(path), f"cannot read the boilerplate rules: {err}",
                        "save the file as UTF-8 TOML") from None
    return parse_rules(text, str(path))


def find_rules_file(content_dir: Path) -> Path | None:
    """The project's rules: ``data/`` is the sibling of ``content/``."""
    candidate = content_dir.resolve().parent / RULES_FILE
    return candidate if candidate.is_file() else None
