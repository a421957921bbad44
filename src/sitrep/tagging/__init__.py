"""Tagging of items by theatre, topic, region and place (see core.py for the entry points)."""

from sitrep.tagging.gazetteer import Place, Region
from sitrep.tagging.core import Evidence, Tagger, TagSet, load_tagger
from sitrep.tagging.jsonl import tag_jsonl

__all__ = ["Evidence", "Place", "Region", "TagSet", "Tagger", "load_tagger", "tag_jsonl"]
