"""Full-text search: one index build, two searches that agree.

Words are analysed by :mod:`sitrep.text`, the one pipeline the tagger and
both indexes share. The modules, one job each:

Other spellings of places
    ``aliases`` decides the alias tables (index time and query time) from the
    candidates of ``alias_sources`` (gazetteer, taxonomy, the editor's
    search-aliases.toml; Russian names spelled in Latin by
    ``transliteration``); ``alias_cache`` keeps them per data folder.
The query language (ported line by line to the browser's engine)
    ``query_parser`` lexes and parses a query within its limits; ``query``
    resolves it to index terms through the vocabulary; ``suggest`` is
    "did you mean".
The Whoosh index (the CLI's)
    ``schema`` is what a document holds and how its words reach Whoosh;
    ``state`` the state, vocabulary and checksum files beside Whoosh's;
    ``indexing`` updates the index per item; ``index`` opens and searches it,
    ranked by ``scoring`` (BM25F on live documents), with ``snippets``;
    ``location`` is where indexes live in a cache and who may write them.
The rest
    ``export`` writes the browser's static JSON index from the Whoosh one;
    ``build`` runs both beside the page writing; ``cli`` is ``sitrep search``
    and ``sitrep bench-search``; ``bench`` compares with Pagefind.
"""
