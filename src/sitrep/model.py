"""The report model: plain data classes shared by every part of Sitrep."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from sitrep.files.stable_pickle import stable_bytes

if TYPE_CHECKING:  # the tagger imports this module; the model only names its result type
    from sitrep.tagging.core import TagSet
    from sitrep.tagging.gazetteer import Place


@dataclass(slots=True)
class TagOverrides:
    """Editor's per-item corrections; they always win over the tagger."""

    add_theatres: list[str] = field(default_factory=list)
    remove_theatres: list[str] = field(default_factory=list)
    add_topics: list[str] = field(default_factory=list)
    remove_topics: list[str] = field(default_factory=list)
    add_places: list[str] = field(default_factory=list)
    remove_places: list[str] = field(default_factory=list)
    line: int | None = None

    def __bool__(self) -> bool:
        return any(
            (self.add_theatres, self.remove_theatres, self.add_topics,
             self.remove_topics, self.add_places, self.remove_places)
        )


@dataclass(slots=True)
class Item:
    """One development of a report: the unit that is tagged, paged and searched."""

    id: str  # "<report slug>/<item slug>": stable while other items change
    slug: str  # anchor on the report page, last segment of the permalink
    headline: str
    html: str  # sanitised HTML of the section body
    text: str  # plain text of the body, for tagging and search
    date: dt.date
    report_slug: str
    report_title: str
    source: str
    source_slug: str
    position: int  # 1-based order in the report
    line: int  # line of the heading in the report file
    key_development: str | None = None  # matching bullet of the key-developments list
    overrides: TagOverrides = field(default_factory=TagOverrides)
    tags: TagSet | None = None  # set by the tagger

    @property
    def theatres(self) -> list[str]:
        return self.tags.theatres if self.tags is not None else []

    @property
    def topics(self) -> list[str]:
        return self.tags.topics if self.tags is not None else []

    @property
    def places(self) -> list[Place]:
        return self.tags.places if self.tags is not None else []

    @property
    def regions(self) -> list[str]:
        return self.tags.regions if self.tags is not None else []

    @property
    def url(self) -> str:
        """Path of the item's permalink page, relative to the site root."""
        return f"reports/{self.report_slug}/{self.slug}/"

    def __digest__(self) -> bytes:
        """Everything the item holds, for the incremental build's fingerprints, as
        one pickle made in C (:func:`~sitrep.files.stable_pickle.stable_bytes`): the
        field-by-field digest of 32,535 items took 1.2 s of every rebuild at 5,000
        reports, this 0.55 s."""
        return stable_bytes(self)


@dataclass(slots=True)
class Report:
    """One dated digest from one source, split into items."""

    path: str
    title: str
    date: dt.datetime
    source: str
    source_slug: str
    slug: str
    source_url: str | None = None
    summary: str | None = None
    status: str = "published"  # "draft" or "hidden" keep the report off the site
    key_developments: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    date_line: int | None = None  # line of 'Date:' in the file, for errors about the date

    @property
    def url(self) -> str:
        return f"reports/{self.slug}/"

    def __digest__(self) -> tuple:
        """What pages can show of a report, for the incremental build's
        fingerprints: everything but ``path``, which is how messages name the
        file (relative to the working directory), so a build from another
        folder does not render every page again."""
        return ("Report", *(getattr(self, f.name) for f in fields(self) if f.name != "path"))
