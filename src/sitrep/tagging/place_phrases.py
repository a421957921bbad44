"""Phrases around a place name that place_roles.py reads to tell its role: a list that ends
"... and other regions", "in the X area" against "toward the X area", a road named by its two
ends ("the Yunakivka-Sudzha road"). Their word lists are context.toml's (place_context.py).
"""

from __future__ import annotations

from sitrep.tagging.document import Doc
from sitrep.tagging.place_context import ContextRules, clean_gap


_TAIL_WORDS = frozenset({"other", "several", "some", "neighbouring", "neighboring", "border", "two", "three"})


def regions_tail(doc: Doc, end: int, rules: ContextRules) -> bool:
    """A list that ends "... and other regions" or "... and Amur oblasts" (a last name the gazetteer
    lacks) names regions: "over Bryansk, Oryol, Kaluga and other regions"."""
    words, n = doc.words, len(doc.words)
    if end >= n or words[end] not in ("and", "or"):
        return False
    for k in range(end + 1, min(end + 4, n)):
        if doc.sent[k] != doc.sent[end] or not clean_gap(doc.gap(k)):
            return False
        if words[k] in rules.plural_regions:
            return k > end + 1
        if not (doc.caps[k] or words[k] in _TAIL_WORDS):
            return False
    return False


def in_the_area(doc: Doc, start: int, word: str, rules: ContextRules) -> bool:
    """"Troops in the Balakleya and Izyum area", "assaults near the Toretsk area": the news happens
    at the town, as "near Toretsk" says; elsewhere ("toward the Huliaipole area", "its name for the
    Bakhmut area") the area only locates."""
    return word in rules.located_areas and start >= 2 and doc.words[start - 1] == "the" and \
        doc.words[start - 2] in rules.located_before and doc.sent[start - 2] == doc.sent[start]


HYPHENS = ("-", "\u2011", "\u2013", "\u2014")


_WHAT_FLOWS = ("gas", "oil")  # "the ... gas pipeline"


def road_after(doc: Doc, start: int, rules: ContextRules) -> bool:
    """Whether a road word follows the capitalised name at ``start``: "the Yunakivka-Sudzha road",
    "the Pokrovsk-Kostiantynivka highway" name a road by its two ends (the second is no mention), and
    "the Urengoy-Pomary-Uzhhorod gas pipeline" a pipeline by its three."""
    words, caps = doc.words, doc.caps
    for k in range(start + 1, min(start + 4, len(words))):
        if doc.sent[k] != doc.sent[start] or not (clean_gap(doc.gap(k)) or doc.gap(k) in HYPHENS):
            return False  # "the Urengoy-Pomary-Uzhhorod pipeline": a third end after a hyphen
        if words[k] in rules.roads:
            return True
        if not caps[k] and words[k] not in _WHAT_FLOWS:
            return False
    return False
