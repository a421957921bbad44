"""Reports: from a Markdown file to the report model, with nothing unsafe kept.

``file`` parses metadata and sections with line numbers for errors,
``items`` cuts sections into items with stable ids and matches the key
developments list, ``sanitize`` is the one HTML sanitiser for all content,
``html`` writes a report's body for Pelican, ``cache`` keeps parsed reports
between builds.
"""
