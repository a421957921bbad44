"""Spellings of place names: the newsroom romanisation of Ukrainian names, the other
romanisations readers type, and how close two spellings sound.

GeoNames gives a place's official Latin name and dozens of alternates (Cyrillic forms,
exonyms, airport codes, old names of other places); newsrooms write Ukrainian places in the
national romanisation (Kupiansk, not Kupyansk). These rules pick the newsroom spelling, the
usable alternates and the common variants, so the gazetteer knows every way an item writes a
place. Used by the compiler (gazetteer_build.py) and by search aliases.
"""

from __future__ import annotations

import difflib
import functools
import re

from sitrep.text import fold

_UK_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "’": "", "'": "", "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f'’ʼ.\- ]+$")
_NOT_UKRAINIAN = re.compile(r"[ыэъёў]", re.IGNORECASE)  # Russian or Belarusian letters
_UKRAINIAN_ONLY = re.compile(r"[іїєґ’ʼ']", re.IGNORECASE)


def ukrainian_latin(name: str) -> str:
    """Ukrainian Cyrillic to the official 2010 romanisation newsrooms use
    (Куп’янськ -> Kupiansk, Ізюм -> Izium, Запоріжжя -> Zaporizhzhia)."""
    out = []
    prev_letter = False
    low = name.lower()
    for i, ch in enumerate(low):
        if ch == "г" and i > 0 and low[i - 1] == "з":
            lat = "gh"
        elif not prev_letter and ch in _UK_INITIAL:
            lat = _UK_INITIAL[ch]
        else:
            lat = _UK_TRANSLIT.get(ch, ch)
        if name[i].isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev_letter = ch.isalpha() or ch in "’'ʼ"
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)  # a primary name is compared with each of its alternates
def _skeleton(name: str) -> str:
    """A rough sound skeleton so Kiev/Kyiv and Kharkov/Kharkiv compare as close."""
    s = fold(name).replace(" ", "")
    s = s.replace("kh", "h").replace("j", "i").replace("y", "i").replace("e", "i").replace("o", "a")
    return re.sub(r"(.)\1+", r"\1", s)


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _skeleton(a), _skeleton(b)).ratio()


def similar_at_least(a: str, b: str, threshold: float) -> bool:
    """``similar(a, b) >= threshold``, with difflib's cheap upper bounds tried
    first: most GeoNames alternates are nothing like the name (same answer, faster)."""
    m = difflib.SequenceMatcher(None, _skeleton(a), _skeleton(b))
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


def newsroom_name(city: dict) -> str:
    """How newsrooms spell a GeoNames place: Ukrainian places in the national
    romanisation of their Ukrainian name, others without transliteration marks."""
    primary = city["name"]
    if city["countrycode"] == "UA":
        latin_alts = {fold(a) for a in city["alternatenames"] if not _CYRILLIC.search(a)} | {fold(primary)}
        best, best_score = None, 0.0
        for alt in city["alternatenames"]:
            if not _CYRILLIC.search(alt) or _NOT_UKRAINIAN.search(alt):
                continue
            latin = ukrainian_latin(alt)
            score = (similar(latin, primary) + 0.3 * (fold(latin) in latin_alts)
                     + 0.15 * (fold(latin) == fold(primary))
                     + 0.05 * bool(_UKRAINIAN_ONLY.search(alt))
                     + 0.01 * difflib.SequenceMatcher(None, fold(latin), fold(primary)).ratio())
            if score > best_score:
                best, best_score = latin, score
        if best and best_score >= 0.8:
            return best
    name = primary.replace("’", "").replace("'", "").replace("ʼ", "")
    if city["countrycode"] == "RU":
        name = name.replace("ë", "yo")
        name = re.sub(r"iy\b", "y", name)
    return name


_VARIANTS = (("ia", "ya"), ("iu", "yu"), ("ie", "ye"), ("iyi", "ii"), ("ii", "iyi"), ("yy", "yi"), ("yi", "yy"))


def spelling_variants(name: str) -> set[str]:
    """Other romanisations readers type for a Ukrainian name (Huliaipole -> Hulyaipole,
    Kupiansk -> Kupyansk, Avdiivka -> Avdiyivka), one rule or all rules at a time."""
    out = set()
    for a, b in _VARIANTS:
        if a in name:
            out.add(name.replace(a, b))
    combined = name
    for a, b in _VARIANTS[:3]:
        combined = combined.replace(a, b)
    out.add(combined)
    out.discard(name)
    return out


def usable_alternate(alt: str, primary: str) -> bool:
    """GeoNames alternates include airport codes, foreign exonyms and old names of
    other places; keep Cyrillic forms and Latin spellings close to the name."""
    if _CYRILLIC.search(alt):
        return len(alt) >= 3 and not any(ch.isdigit() for ch in alt)
    if not _LATIN_NAME.match(alt) or alt.isupper() or len(fold(alt).replace(" ", "")) < 4:
        return False
    return similar_at_least(alt, primary, 0.7)
