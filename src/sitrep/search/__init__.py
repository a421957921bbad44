"""Full-text search: one index build, two searches that agree.

Words are analysed by :mod:`sitrep.text` (with ``aliases`` for other
spellings of places); ``index`` keeps the Whoosh index of items (the CLI's,
updated per item); ``export`` writes the browser's static JSON index from it;
``query`` is the query language, ported line by line to the browser's engine;
``build`` runs both beside the page writing; ``cli`` is ``sitrep search``
and ``sitrep bench-search`` (their arguments and the printing); ``bench``
compares with Pagefind.
"""
