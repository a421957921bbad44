"""The taxonomy as data: theatres and topics read from TOML files an editor maintains.

Editors change vocabulary, weights and thresholds without touching code, so every
mistake in those files must come back as a DataError naming the file, the key
and the fix, never as a KeyError deep inside the tagger.  This module also holds
the small TOML-checking helpers the gazetteer uses for its own files.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Set as AbstractSet
from typing import Any

from sitrep.errors import DataError
from sitrep.text import slugify, stem, tokenize

# ----------------------------------------------------------------------------- TOML helpers


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors become a DataError with the line."""
    try:
        with open(path, "rb") as fp:
            return tomllib.load(fp)
    except FileNotFoundError:
        raise DataError(str(path), "file not found", "restore it from git or create it") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(str(path), f"not valid TOML: {exc}",
                        "check quotes, brackets and commas on that line") from None


@dataclass(slots=True)
class Table:
    """One TOML table with the file and key path it came from, for error messages."""

    path: Path
    where: str
    data: dict[str, Any]

    def fail(self, key: str, message: str, hint: str) -> DataError:
        return DataError(str(self.path), f"[{self.where}] {key}: {message}", hint)

    def check_keys(self, allowed: set[str]) -> None:
        """Reject unknown keys, which are almost always typos of known ones."""
        for key in self.data:
            if key not in allowed:
                near = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(sorted(allowed))}"
                raise self.fail(key, "unknown key", hint)

    def str(self, key: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise self.fail(key, "missing", f'add {key} = "..." to the table')
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {type(value).__name__}", f'write {key} = "..."')
        if required and not value.strip():
            raise self.fail(key, "is empty", f'write a value: {key} = "..."')
        return value

    def num(self, key: str, default: float | None = None, *, required: bool = False) -> float | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise self.fail(key, "missing", f"add {key} = <number>")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"must be a number, not {type(value).__name__}", f"write {key} = 1.5 (no quotes)")
        return float(value)

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false", f"write {key} = true")
        return value

    def strs(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings", f'write {key} = ["one", "two"]')
        return list(value)

    def weights(self, key: str) -> dict[str, float]:
        """A table of phrase = weight pairs."""
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table of phrase = weight", f'write {key} = {{ "missile strike" = 2.0 }}')
        out = {}
        for phrase, w in value.items():
            if isinstance(w, bool) or not isinstance(w, (int, float)):
                raise self.fail(f"{key}.\"{phrase}\"", "weight must be a number", f'write "{phrase}" = 1.0')
            if not tokenize(phrase):
                raise self.fail(f"{key}.\"{phrase}\"", "phrase has no words", "remove it or write words")
            out[phrase] = float(w)
        return out


def tables(path: Path, data: dict[str, Any], skip: AbstractSet[str] = frozenset()) -> list[Table]:
    """The top-level tables of a file keyed by slug, in file order."""
    out = []
    for key, value in data.items():
        if key in skip:
            continue
        if not isinstance(value, dict):
            raise DataError(str(path), f"{key}: expected a table [{key}], found a value",
                            f"put the settings of '{key}' under a [{key}] header")
        if slugify(key) != key:
            raise DataError(str(path), f"[{key}]: not a valid slug",
                            f"use lower-case words joined by hyphens, e.g. [{slugify(key)}]")
        out.append(Table(path, key, value))
    return out


# ----------------------------------------------------------------------------- phrases


EXACT = "="  # a phrase written "=shelling" matches that word form only, not every word of its stem


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token sequence a vocabulary phrase matches (same pipeline as the text): stems, or
    folded words marked with "=" for phrases written "=word" (so "=shelling" is not "shells")."""
    if phrase.startswith(EXACT):
        return tuple(EXACT + t.text for t in tokenize(phrase[1:]))
    return tuple(stem(t.text) for t in tokenize(phrase))


# ----------------------------------------------------------------------------- model


@dataclass(slots=True)
class Theatre:
    """A theatre of the war; places get it through their region."""

    slug: str
    name: str
    description: str
    cues: dict[str, float] = field(default_factory=dict)  # phrase -> weight toward this theatre
    actors: dict[str, float] = field(default_factory=dict)  # its government and institutions (home affairs)


@dataclass(slots=True)
class Topic:
    """A topic with weighted trigger phrases, phrases that cancel them, and a threshold."""

    slug: str
    name: str
    description: str
    phrases: dict[str, float]
    negative: list[str]
    threshold: float


@dataclass(slots=True)
class TopicRules:
    """How topics are chosen from their scores ([settings] of topics.toml)."""

    ratio: float = 0.35  # a topic needs this share of the item's strongest topic
    max_topics: int = 3  # at most this many topics, the strongest first
    body_only: float = 1.5  # a topic with no phrase in headline or lead needs this times its threshold
    norm_words: float = 150.0  # body scores of items longer than this are scaled by sqrt(norm_words/words)
    saturation: float = 3.0  # shares are compared on scores capped at this many times the threshold


@dataclass(slots=True)
class Taxonomy:
    """Theatres and topics in the order of their TOML files, and how tags are chosen."""

    theatres: dict[str, Theatre]
    topics: dict[str, Topic]
    global_negative: list[str]
    theatre_threshold: float
    theatre_ratio: float
    theatre_body_only: float = 2.0  # a theatre absent from headline and lead needs this times the threshold
    theatre_body_ratio: float = 0.5  # ...and this share of the strongest theatre
    home_topics: tuple[str, ...] = ()  # an item on these topics with no place is where its actors govern
    roundup: tuple[str, str, int] | None = None  # (topic, theatre, places): see theatres.toml [settings]
    topic_rules: TopicRules = field(default_factory=TopicRules)
    aboutness: Any = None  # sitrep.tagging.aboutness.AboutnessRules


def _load_theatres(path: Path) -> tuple[dict[str, Theatre], Table]:
    data = read_toml(path)
    settings = Table(path, "settings", data.get("settings", {}))
    settings.check_keys({"threshold", "ratio", "body_only", "body_ratio", "home_topics", "roundup_topic",
                         "roundup_theatre", "roundup_places"})
    theatres = {}
    for t in tables(path, data, skip={"settings"}):
        t.check_keys({"name", "description", "cues", "actors"})
        theatres[t.where] = Theatre(t.where, t.str("name", required=True), t.str("description", ""),
                                    t.weights("cues"), t.weights("actors"))
    if not theatres:
        raise DataError(str(path), "no theatres defined", "add at least one [slug] table")
    return theatres, settings


def _load_topics(path: Path) -> tuple[dict[str, Topic], list[str], TopicRules]:
    data = read_toml(path)
    settings = Table(path, "settings", data.get("settings", {}))
    settings.check_keys({"threshold", "negative", "ratio", "max_topics", "body_only", "norm_words", "saturation"})
    default_threshold = settings.num("threshold", 2.0)
    d = TopicRules()
    rules = TopicRules(settings.num("ratio", d.ratio), int(settings.num("max_topics", d.max_topics)),
                       settings.num("body_only", d.body_only), settings.num("norm_words", d.norm_words),
                       settings.num("saturation", d.saturation))
    if rules.max_topics < 1 or not 0 <= rules.ratio <= 1 or rules.norm_words <= 0 or rules.saturation < 1:
        raise settings.fail("ratio/max_topics/norm_words", "out of range",
                            "ratio is a share between 0 and 1, max_topics at least 1, norm_words above 0, "
                            "saturation at least 1")
    topics = {}
    for t in tables(path, data, skip={"settings"}):
        t.check_keys({"name", "description", "phrases", "negative", "threshold"})
        phrases = t.weights("phrases")
        if not phrases:
            raise t.fail("phrases", "no trigger phrases", 'add phrases = { "some phrase" = 1.0 }')
        threshold = t.num("threshold", default_threshold)
        if threshold <= 0:
            raise t.fail("threshold", "must be above zero", "use e.g. threshold = 2.0")
        topics[t.where] = Topic(t.where, t.str("name", required=True), t.str("description", ""),
                                phrases, t.strs("negative"), threshold)
    if not topics:
        raise DataError(str(path), "no topics defined", "add at least one [slug] table")
    return topics, settings.strs("negative"), rules


def load_taxonomy(data_dir: Path) -> Taxonomy:
    """Read data/taxonomy/theatres.toml and topics.toml, checking every key."""
    base = Path(data_dir) / "taxonomy"
    from sitrep.tagging.aboutness import load_aboutness

    theatres, ts = _load_theatres(base / "theatres.toml")
    topics, negative, rules = _load_topics(base / "topics.toml")
    home = [slug for slug in ts.strs("home_topics") if slug in topics]
    for slug in set(ts.strs("home_topics")) - set(home):  # a removed topic is fine; a typo is not
        near = difflib.get_close_matches(slug, list(topics), n=1, cutoff=0.8)
        if near:
            raise ts.fail("home_topics", f"unknown topic '{slug}'", f"did you mean '{near[0]}'?")
    return Taxonomy(theatres, topics, negative, ts.num("threshold", 1.0), ts.num("ratio", 0.3),
                    ts.num("body_only", 2.0), ts.num("body_ratio", 0.5), tuple(home), _roundup(ts, theatres, topics),
                    rules, load_aboutness(base / "aboutness.toml"))


def _roundup(settings: Table, theatres: dict, topics: dict) -> tuple[str, str, int] | None:
    """The strike-roundup rule of theatres.toml, or None when its topic is not set."""
    topic = settings.str("roundup_topic", "")
    if not topic:
        return None
    if topic not in topics:
        raise settings.fail("roundup_topic", f"unknown topic '{topic}'", "use a topic slug of topics.toml")
    theatre = settings.str("roundup_theatre", "")
    if theatre not in theatres:
        raise settings.fail("roundup_theatre", f"unknown theatre '{theatre}'", "use a theatre slug of this file")
    places = int(settings.num("roundup_places", 3))
    if places < 1:
        raise settings.fail("roundup_places", "must be at least 1", "use e.g. roundup_places = 3")
    return topic, theatre, places
