"""Page composition: what each page of the site shows, in plain Python.

Tagged items come in; ``collections`` groups them by theatre, topic, place,
source and theatre x topic; ``views`` decides which pages exist (overviews,
month pages, moved-page stubs, report archives); ``tag_pages`` fills them with
``charts`` and ``maps`` (inline SVG drawn at build time, only when a page
is rendered: ``deferred``) and ``place_table``; ``related`` finds an item's
related items and a report's neighbours; ``feeds``, ``opendata`` and
``discovery`` write Atom, items.json/csv and sitemap/robots. The Pelican
plugins only hand these to Pelican's writer.

``maps`` is a package, one job per module: ``points`` (places and the counts
shared with the lists), ``basemap`` (Natural Earth outlines from
``mapdata/``), ``projection`` (Lambert projection and frame), ``outlines``
(shapes as SVG path data), ``labels`` (collision-free label placement),
``layout`` (what one map shows and where) and ``svg`` (``place_map``, the
markup).
"""
