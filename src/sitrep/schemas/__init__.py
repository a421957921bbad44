"""JSON Schemas of the site's open data (``items.schema.json``), shipped with the package."""
