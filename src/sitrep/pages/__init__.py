"""Page composition: what each page of the site shows, in plain Python.

Tagged items come in; ``collections`` groups them by theatre, topic, place,
source and theatre x topic; ``views`` decides which pages exist (overviews,
month pages, moved-page stubs, report archives); ``tag_pages`` fills them with
``charts`` and ``maps`` (inline SVG drawn at build time); ``feeds``,
``opendata`` and ``discovery`` write Atom, items.json/csv and sitemap/robots.
The Pelican plugins only hand these to Pelican's writer.
"""
