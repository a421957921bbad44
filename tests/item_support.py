"""Small hand-made items for the unit tests of the page modules (tag index,
feeds): real :class:`~sitrep.model.Item` and :class:`~sitrep.tagging.core.TagSet`
objects with the tags given, and a taxonomy of a few theatres and topics, so a
test says exactly which items carry which tags without running the tagger."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from sitrep.model import Item
from sitrep.tagging.core import TagSet
from sitrep.tagging.gazetteer import Place

THEATRES = {"kharkiv": "Kharkiv", "donbas": "Donbas", "south": "South"}
TOPICS = {"strikes": "Strikes", "energy-infrastructure": "Energy infrastructure", "pows-missing": "POWs and missing"}


def taxonomy() -> SimpleNamespace:
    """Ordered ``theatres``/``topics`` dicts of objects with ``name`` and ``description``, as the taxonomy has."""
    def tags(names: dict[str, str]) -> dict:
        return {slug: SimpleNamespace(name=name, description=f"About {name}.") for slug, name in names.items()}

    return SimpleNamespace(theatres=tags(THEATRES), topics=tags(TOPICS))


def place(slug: str, name: str, theatre: str = "kharkiv", region: str = "kharkiv-oblast",
          lat: float = 49.7, lon: float = 37.6) -> Place:
    return Place(slug=slug, name=name, region=region, region_name=region.replace("-", " ").title(),
                 theatre=theatre, country="UA", lat=lat, lon=lon, population=1000)


def item(report: str, slug: str, day: str, *, theatres=(), topics=(), places=(), source: str = "Test Desk",
         headline: str | None = None, html: str = "<p>Body.</p>") -> Item:
    """An item of report ``report`` dated ``day`` (YYYY-MM-DD) with exactly these tags."""
    places = list(places)
    return Item(id=f"{report}/{slug}", slug=slug, headline=headline or slug.replace("-", " ").capitalize(),
                html=html, text=html, date=dt.date.fromisoformat(day), report_slug=report,
                report_title=f"Digest of {day}", source=source, source_slug=source.lower().replace(" ", "-"),
                position=1, line=1,
                tags=TagSet(theatres=list(theatres), topics=list(topics), places=places,
                            regions=sorted({p.region for p in places})))
