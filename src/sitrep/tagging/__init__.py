"""Tagging of items by theatre, topic, region and place (see core.py for the entry points).

``core`` is the tagger; ``document`` cuts an item's text once for every
rule; ``taxonomy`` reads the theatres and topics from ``data/``;
``gazetteer``, ``matcher``, ``places``, ``resolve`` and ``settlements`` find
and resolve places; ``aboutness``, ``theatres`` and ``topics`` score;
``features``, ``linear`` and ``train`` are the learned topic model;
``evaluate`` scores the tagger on labelled items; ``cache`` remembers tag sets
between builds; ``jsonl`` is the tagging command's file format and ``cli``
declares ``sitrep tag``, ``evaluate`` and ``train``.
"""

from sitrep.tagging.gazetteer import Place, Region
from sitrep.tagging.core import Evidence, Tagger, TagSet, load_tagger
from sitrep.tagging.jsonl import tag_jsonl

__all__ = ["Evidence", "Place", "Region", "TagSet", "Tagger", "load_tagger", "tag_jsonl"]
