"""Find the date of a digest.

Digests often print only "Key developments on Feb. 4:", without a year, so
the day and month are taken from the digest itself and the year from the
best other evidence (page metadata, a full date near the top, the file
name). A date is never guessed: with no evidence the importer asks for
``--date``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "Feb. 4", "February 4, 2025", "4 February 2025", "4th of Feb", "2025-02-04"
_MONTH_DAY_RE = re.compile(rf"\b{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_DAY_MONTH_RE = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:\b|(?<=\.))(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_ISO_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
_FILE_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A day named without its year, e.g. "Feb. 4"."""

    month: int
    day: int

    def nearest(self, anchor: dt.date) -> dt.date | None:
        """This day in the year that puts it closest to ``anchor`` (a digest
        for Dec. 31 published on Jan. 1 belongs to the previous year)."""
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(dt.date(year, self.month, self.day))
            except ValueError:  # Feb. 29 in a common year
                continue
        return min(candidates, key=lambda d: abs(d - anchor), default=None)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date and where it was found (for messages and warnings)."""

    date: dt.date
    origin: str


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[dt.date]:
    """Every complete date (with a year) written in ``text``, in order."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO_RE.finditer(text):
        d = _valid(int(m["year"]), int(m["month"]), int(m["day"]))
        if d:
            found.append((m.start(), d))
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        for m in regex.finditer(text):
            if m["year"]:
                d = _valid(int(m["year"]), MONTHS[m["mon"].lower()], int(m["day"]))
                if d:
                    found.append((m.start(), d))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def month_day(text: str) -> MonthDay | None:
    """The first day-and-month named in ``text`` ("Feb. 4", "4 February")."""
    best: tuple[int, MonthDay] | None = None
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        m = regex.search(text)
        if m and 1 <= int(m["day"]) <= 31 and (best is None or m.start() < best[0]):
            best = (m.start(), MonthDay(MONTHS[m["mon"].lower()], int(m["day"])))
    if best is None:
        m = _ISO_RE.search(text)
        if m:
            return MonthDay(int(m["month"]), int(m["day"]))
    return best[1] if best else None


def iso_prefix(value: str) -> dt.date | None:
    """The date of an ISO timestamp as written (local date of the page,
    not converted to UTC: the digest's day is the publisher's day)."""
    m = _ISO_RE.match(value.strip())
    return _valid(int(m["year"]), int(m["month"]), int(m["day"])) if m else None


def file_name_date(name: str) -> dt.date | None:
    """A date in a file name: digest-2025-02-04.txt, 20250204.html."""
    for m in _FILE_DATE_RE.finditer(name):
        d = _valid(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return d
    return None


def resolve(hint: MonthDay | None, anchors: list[FoundDate], body_dates: list[dt.date]) -> FoundDate | None:
    """Pick the digest's date.

    ``hint`` is the day the digest names for itself ("Key developments on
    Feb. 4"); ``anchors`` are dates from metadata, the digest's top lines and
    the file name, best first; ``body_dates`` are full dates anywhere in the
    text. The hint decides day and month, the first anchor the year; a body
    date counts only if it is the hinted day (bodies cite old dates)."""
    if hint is None:
        return anchors[0] if anchors else None
    for anchor in anchors:
        d = hint.nearest(anchor.date)
        if d:
            return FoundDate(d, f"{anchor.origin} (day and month from the digest)")
    for d in body_dates:
        if (d.month, d.day) == (hint.month, hint.day):
            return FoundDate(d, "a full date in the text")
    return None


def long_date(d: dt.date) -> str:
    """"4 February 2025", independent of the machine's locale."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
