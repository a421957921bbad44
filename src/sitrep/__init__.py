"""Sitrep: a static archive generator for war reports.

The package is the plain-Python core (report model, item splitting, import,
gazetteer, tagging, search index). It knows nothing of Pelican; the thin
plugins under ``plugins/`` wire it to Pelican's signals.
"""

__version__ = "0.1.0"
