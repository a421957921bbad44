"""Latin spellings of Russian Cyrillic place names, as newsrooms write them.

GeoNames holds each place's Russian Cyrillic name; its usual Latin
transliterations (Харьков -> Kharkov, Запорожье -> Zaporozhye) are the
spellings of the Soviet and Russian press, which readers type
(:mod:`sitrep.search.alias_sources` makes search aliases of them).
"""

from __future__ import annotations

import re

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
_RU_VOWELS = set("аеёиоуыэюя")
_RUSSIAN_NAME = re.compile(r"^[а-яё]+(?:[ -][а-яё]+)*$")
MAX_VARIANTS = 16


def russian_latin(name: str) -> list[str]:
    """The Latin spellings newsrooms give a Russian Cyrillic name, most usual first
    (Запорожье -> Zaporozhye, Zaporozhe; Кривой Рог -> Krivoy Rog, Krivoi Rog;
    Артёмовск -> Artyomovsk, Artemovsk). Empty for a name that is not Russian
    (Ukrainian і/ї/є/ґ, Belarusian ў, Serbian ј, or any other script)."""
    low = name.lower().replace("’", "").replace("'", "")
    if not _RUSSIAN_NAME.match(low):
        return []
    options: list[list[str]] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        nxt = low[i + 1] if i + 1 < len(low) else " "
        if ch == "е":
            options.append(["ye", "e"] if prev in _RU_VOWELS or prev in "ьъ -" else ["e"])
        elif ch == "ё":
            options.append(["yo", "e"] if prev not in "жшчщ" else ["o", "e"])
        elif ch == "й":
            options.append(["y", "i"] if nxt in " -" and prev in "иы" else ["y", "i"])
        elif ch == "и" and nxt == "й":
            options.append(["i", ""])  # Кривий-style endings: -iy / -y
        elif ch == "ы" and nxt == "й":
            options.append(["y", ""])
        else:
            options.append([_RU.get(ch, ch)])
    out = [""]
    for opts in options:
        out = [o + x for o in out for x in opts][:MAX_VARIANTS]
    seen: list[str] = []
    for s in out:
        if s and s not in seen:
            seen.append(s)
    return seen
