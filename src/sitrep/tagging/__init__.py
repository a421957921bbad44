"""Tagging of items by theatre, topic, region and place (see core.py for the entry points).

Modules, one job each:
  core.py            the Tagger: tag an item, explain its tags, apply editors' overrides
  document.py        the item as tokens, sentences and paragraphs
  aboutness.py       how much each sentence says what the item is about (lead, late, background)
  topics.py, features.py, linear.py, train.py   topic phrases, the learned topic model, its training
  taxonomy.py        the topic and theatre taxonomy files of data/taxonomy/
  theatres.py        theatre votes and the theatre decision
  gazetteer.py       the gazetteer the tagger matches (regions, places, name index) and its cache
  gazetteer_build.py compiling it from GeoNames; gazetteer_files.py the editor's data/gazetteer/ files
  spelling.py        newsroom romanisation, spelling variants, how close two spellings sound
  places.py          place mentions: finding the candidates, their roles
  place_context.py   the word lists of data/gazetteer/context.toml as sets
  place_roles.py     what each mention is doing (about, sector, locator, history, name...)
  place_clauses.py   which clause of a background sentence its time cue speaks for
  place_phrases.py   phrases around a name: region-list tails, 'in the X area', roads named by their ends
  capitals.py        capitals and countries: a place or a government
  resolve.py, settlements.py   which place an ambiguous or unknown name means
  matcher.py         phrase matching on word stems
  cache.py           tag sets kept between builds (keyed on the tagging code, less cli, evaluate and train)
  evaluate.py        scores the tagger on labelled items (dev and frozen test split)
  jsonl.py, cli.py   the tag command's JSON lines; sitrep tag, evaluate and train
"""

from sitrep.tagging.gazetteer import Place, Region
from sitrep.tagging.core import Evidence, Tagger, TagSet, load_tagger
from sitrep.tagging.jsonl import tag_jsonl

__all__ = ["Evidence", "Place", "Region", "TagSet", "Tagger", "load_tagger", "tag_jsonl"]
