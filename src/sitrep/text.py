"""The one text-analysis pipeline of Sitrep.

Everything that compares words (the tagger, the Whoosh index, the browser
index and the CLI) goes through these functions, so a word means the same
thing everywhere: typographic apostrophes and accents are folded the same
way, tokens are cut at the same places and stemmed by the same stemmer.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Mapping, NamedTuple

import snowballstemmer

# A word is letters/digits, optionally joined by apostrophes ("Ryl'sk",
# "Ukraine's"). Numbers keep their thousands separators ("8,000").
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})

STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his in into is it its
    of on or said says she than that the their them there they this to was were which who will
    with would""".split()
)

_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    """A folded word and where it stood in the original text."""

    text: str
    start: int
    end: int


# Number words and what they count: counts beside a topic's phrase ("killing seven") and ages of
# events ("five days earlier") are read with the same table.
NUMBER_VALUES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000, "dozen": 12, "dozens": 12,
    "million": 1_000_000, "millions": 1_000_000,
}


def count_of(word: str) -> int | None:
    """The number a folded word says ("5", "five"), or None."""
    return int(word) if word.isdigit() else NUMBER_VALUES.get(word)


def _strip_marks(text: str) -> str:
    # Keep Cyrillic short i (й) and yo (ё) apart from и/е only by folding both
    # sides identically: decomposition drops the breve everywhere.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Fold one raw word: lower case, no accents, no apostrophes, no
    possessive "'s", no thousands separators."""
    word = _strip_marks(word.translate(_APOSTROPHES)).casefold()
    if word.endswith("'s"):
        word = word[:-2]
    if word[:1].isdigit():
        return word.replace(",", "")
    return word.replace("'", "")


def fold(text: str) -> str:
    """Fold a whole phrase to the space-joined form of its tokens."""
    return " ".join(t.text for t in tokenize(text))


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into folded tokens that remember their offsets."""
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    out = []
    for m in _TOKEN_RE.finditer(text):
        folded = fold_word(m.group())
        if folded:
            out.append(Token(folded, m.start(), m.end()))
    return out


_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
# The same tokens in a text without "_": a plain \w is checked faster than [^\W_].
_SPLIT_NO_UNDERSCORE_RE = re.compile(r"(\d+(?:[.,]\d+)*|\w+(?:'\w+)*)")
# ... and in an ASCII text, where \w and \d mean the same in ASCII mode, which the
# regular-expression engine checks faster than Unicode classes.
_SPLIT_ASCII_RE = re.compile(_SPLIT_NO_UNDERSCORE_RE.pattern, re.ASCII)
_SPLIT_ASCII_UNDERSCORE_RE = re.compile(_SPLIT_RE.pattern, re.ASCII)
_REPLACEMENTS = [(chr(k), v) for table in (_APOSTROPHES, _DASHES) for k, v in table.items()]


def token_lists(text: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """`tokenize` as parallel lists (folded words, starts, ends, and the text
    before each token), for the tagger's hot path: one ``re.split`` and C-level
    maps instead of a Token object and a Python step per word, which made
    tokenising the largest cost of tagging a long item."""
    is_ascii = text.isascii()
    if not is_ascii or "`" in text:
        for odd, plain in _REPLACEMENTS:  # str.replace finds nothing fast; translate() looks up every character
            text = text.replace(odd, plain)
        is_ascii = text.isascii()
    if is_ascii:
        split = _SPLIT_ASCII_UNDERSCORE_RE if "_" in text else _SPLIT_ASCII_RE
    else:
        split = _SPLIT_RE if "_" in text else _SPLIT_NO_UNDERSCORE_RE
    parts = split.split(text)  # gap, token, ..., gap
    offsets = list(accumulate(map(len, parts), initial=0))
    starts, ends, gaps = offsets[1:-1:2], offsets[2::2], parts[0:-1:2]
    raw = parts[1::2]
    words = list(map(_FOLDED.get, raw))
    if None in words:  # words not seen before: fold them once
        words = [_remember(_FOLDED, r, fold_word) if w is None else w for w, r in zip(words, raw)]
    if "" in words:  # a token that folds to nothing: drop it, and measure gaps from the text
        keep = [i for i, w in enumerate(words) if w]
        words = [words[i] for i in keep]
        starts = [starts[i] for i in keep]
        ends = [ends[i] for i in keep]
        gaps = [text[ends[k - 1] if k else 0:starts[k]] for k in range(len(keep))]
    return words, starts, ends, gaps


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Stem a folded word (Snowball English; non-Latin words pass through)."""
    if not word.isascii() or word[:1].isdigit():
        return word
    return _stemmer.stemWord(word)


# The folded form and the stem of every word seen, in plain dicts: the tagger reads every
# word of every item, and a dict look-up mapped over a list costs less than a call through
# lru_cache. Both hold what fold_word and stem return; they are emptied when they grow large.
_FOLDED: dict[str, str] = {}
_STEMS: dict[str, str] = {}
_MEMO_SIZE = 200_000


def _remember(memo: dict[str, str], word: str, compute: Callable[[str], str]) -> str:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    value = memo[word] = compute(word)
    return value


def stems(words: list[str]) -> list[str]:
    """``stem`` of every folded word in ``words``, in order."""
    out = list(map(_STEMS.get, words))
    if None in out:
        out = [_remember(_STEMS, w, stem) if s is None else s for s, w in zip(out, words)]
    return out


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """The index terms of ``text``: folded, stemmed, stop words dropped."""
    return [
        stem(t.text)
        for t in tokenize(text)
        if keep_stopwords or t.text not in STOPWORDS
    ]


# Ukrainian/Russian Cyrillic to Latin (Ukraine's 2010 national system, plus
# Russian letters), so Cyrillic headlines still get readable ASCII slugs.
# Keys are folded letters (accents already stripped: й→и, ї→і, ё→е).
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ъ": "", "ы": "y", "э": "e",
})
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_word(word: str) -> str:
    """A folded word reduced to [a-z0-9]: Cyrillic transliterated, other
    scripts dropped."""
    return _NON_SLUG.sub("", word.translate(_CYRILLIC))


def slugify(text: str, max_length: int = 60) -> str:
    """An ASCII URL slug from folded tokens, cut at a word boundary.

    Text with no Latin or Cyrillic letters (Arabic, Hebrew, emoji) gets a
    short hash of itself, which is stable while the text is unchanged."""
    words = [w for w in (ascii_word(t.text) for t in tokenize(text)) if w]
    slug = ""
    for w in words:
        candidate = f"{slug}-{w}" if slug else w
        if len(candidate) > max_length and slug:
            break
        slug = candidate
    if slug:
        return slug[:max_length]
    return "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ----------------------------------------------------------------------------- search terms
# Search (the Whoosh index, the browser index and both query parsers) goes one
# step further than ``terms``: a spelling alias ("kiev" -> "kyiv", see
# sitrep.search.aliases) is resolved before stemming, and every term remembers the
# folded word it came from, so a browser can map what a reader types to index
# terms without a stemmer of its own.


class Term(NamedTuple):
    """One index term of a text and where it came from. A named tuple, not a
    frozen dataclass: indexing an archive makes millions of them, and a frozen
    dataclass sets each field through object.__setattr__ (a tenth of a full build)."""

    text: str  # the index term: alias resolved, then stemmed
    surface: str  # the folded word as written
    pos: int  # position among kept words (stop words do not count)
    start: int
    end: int


def word_term(folded: str, aliases: Mapping[str, str] | None = None) -> str | None:
    """The index term of one folded word; None for a stop word."""
    if not folded or folded in STOPWORDS:
        return None
    if aliases:
        folded = aliases.get(folded, folded)
    return stem(folded)


def analyze(text: str, aliases: Mapping[str, str] | None = None) -> list[Term]:
    """The search terms of ``text``, in order, stop words dropped (the tokens of
    :func:`token_lists`, which are :func:`tokenize`'s without a Token per word)."""
    words, starts, ends, _ = token_lists(text)
    out: list[Term] = []
    append = out.append
    for word, start, end in zip(words, starts, ends):
        if word in STOPWORDS:
            continue
        if aliases:
            found = aliases.get(word, word)
        else:
            found = word
        term = _STEMS.get(found)
        if term is None:
            term = _remember(_STEMS, found, stem)
        append(Term(term, word, len(out), start, end))
    return out
