"""Settlements the gazetteer lacks, and namesakes far from where an item is.

GeoNames holds places of 500 people or more, so many front-line villages are
missing, or only a namesake elsewhere in the country is there. The text says
when a capitalised name is a settlement ("the village of Tsel", "near
Lysivka, Promin, Myroliubivka and Zhovte", "Sieverne, a village west of
Avdiivka"); a small place resolved hundreds of kilometres from every place
the item is about is a namesake of the village the item means. Both become
places of the region the item's text or its other places give.
"""

from __future__ import annotations

from sitrep.tagging.document import Doc
from sitrep.tagging.gazetteer import PLACE, REGION, Gazetteer
from sitrep.tagging.places import METONYMY, NAME, Mention
from sitrep.tagging.resolve import _explicit_region, _synthetic

SETTLEMENT_WORDS = frozenset({"village", "villages", "town", "towns", "settlement", "settlements", "city",
                              "suburb", "hamlet"})
_SETTLEMENT_CUES = frozenset({"of", "near", "including"})


def unknown_settlements(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Capitalised names the gazetteer lacks where the text says they are settlements:
    "the village of Tsel", "near Lastochkyne and Sieverne", "including Gornal". Their region
    comes from the text ("in Kursk Oblast") or, later, from the item's other places."""
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    words, caps = doc.words, doc.caps
    out: list[Mention] = []
    after_cue = [i + 1 for i, w in enumerate(words) if w in _SETTLEMENT_CUES]
    done = 0
    for i in after_cue:
        if i >= len(words) or i < done:
            continue
        strong = i >= 2 and words[i - 1] == "of" and words[i - 2] in SETTLEMENT_WORDS
        weak = words[i - 1] in ("near", "including")
        if not (strong or weak) or i in taken or not caps[i] or doc.sent_start[i] or i < doc.n_head:
            continue
        found = []
        j = i
        while j < len(words) and caps[j] and j not in taken and doc.sent[j] == doc.sent[i] \
                and words[j].isalpha() and len(words[j]) >= 3:
            k = j + 1
            while k < len(words) and caps[k] and k not in taken and doc.gap(k) in (" ", "-") and words[k].isalpha():
                k += 1
            found.append((j, k))
            if k < len(words) and words[k] == "and" and k + 1 < len(words) and caps[k + 1]:
                j = k + 1
                continue
            break
        for start, end in found:
            m = Mention(start, end, PLACE, (), doc.text[doc.starts[start]:doc.ends[end - 1]])
            m.resolution = "strong" if strong else "weak"
            out.append(m)
        done = found[-1][1] if found else i + 1
    out += _apposed_settlements(doc, taken, {m.start for m in out})
    if out:
        pins = [m for m in mentions if m.kind in (REGION, PLACE) and m.role not in (NAME, METONYMY)]
        for m in out:
            region = _explicit_region(doc, m, pins, gaz)
            how = "from the text"
            if not region:
                same = {r.region for r in pins if r.kind == REGION and doc.sent[r.start] == doc.sent[m.start]}
                region = same.pop() if len(same) == 1 else ""
            if not region:  # "near Lastochkyne, west of Avdiivka": the one region of the item's places
                around = set()
                for r in pins:
                    regions = {gaz.places[e[1]].region for e in r.entries if e[0] == PLACE}
                    if r.kind == PLACE and len(regions) == 1:
                        around |= regions
                region = around.pop() if len(around) == 1 else ""
                how = "the region of the item's other places"
            if region:
                m.place = _synthetic(m, region, gaz, doc)
                m.resolution = f"not in the gazetteer; {gaz.regions[region].name}, {how}"
    return out


def _apposed_settlements(doc: Doc, taken: set[int], seen: set[int]) -> list[Mention]:
    """"Sieverne, a village west of Avdiivka": a capitalised word the gazetteer lacks,
    described by an apposition as a settlement."""
    words, caps = doc.words, doc.caps
    out = []
    for i in [i for i, w in enumerate(words) if w in SETTLEMENT_WORDS]:
        j = i - 1  # walk back over "a small front-line" to the comma
        while j > 0 and words[j] in _APPOSITION_FILLERS and doc.gap(j).strip() in ("", "-"):
            j -= 1
        if j < 1 or words[j] not in ("a", "an", "the") or doc.gap(j).strip() != ",":
            continue
        k = j - 1
        if k < doc.n_head or k in taken or k in seen or not caps[k] or not words[k].isalpha() or len(words[k]) < 3:
            continue
        start = k
        while start - 1 >= doc.n_head and caps[start - 1] and (start - 1) not in taken \
                and doc.gap(start).strip() in ("", "-") and not doc.sent_start[start]:
            start -= 1
        m = Mention(start, k + 1, PLACE, (), doc.text[doc.starts[start]:doc.ends[k]])
        m.resolution = "strong"
        out.append(m)
    return out


_APPOSITION_FILLERS = frozenset({"small", "large", "front", "line", "frontline", "border", "nearby", "tiny",
                                 "former", "mining", "industrial", "key", "strategic", "neighbouring",
                                 "neighboring", "russian", "ukrainian", "occupied", "coastal", "riverside"})


