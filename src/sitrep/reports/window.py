"""The span of dates an archive's reports may carry (``SITREP_DATE_RANGE``).

Every weekly timeline, archive page and chart spans the archive's first to
last date, so one mistyped year (``Date: 2205-02-27``) turned a 5-second build
of 374 MB into 202 seconds, and years 0001 or 9999 never finished. A report
dated outside the window is refused with its file, line and fix; the window
is a setting so an archive of older or planned material can widen it.

Setting (``pelicanconf.py``)::

    SITREP_DATE_RANGE = ("1990-01-01", "+1y")   # the default

Each end is a date ``YYYY-MM-DD`` or an offset from today: ``+1y``, ``-6m``,
``+30d`` (years, months, days); ``"today"`` is ``+0d``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sitrep.errors import ReportError, SitrepError
from sitrep.model import Report

SETTING = "SITREP_DATE_RANGE"
DEFAULT_RANGE = ("1990-01-01", "+1y")
_OFFSET_RE = re.compile(r"^([+-])(\d{1,4})([ymd])$")


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no such month: {year}-{month}")


def parse_end(value: Any, today: dt.date) -> dt.date:
    """One end of the range: a date, an ISO string, 'today' or an offset like '+1y'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().lower()
    if text == "today":
        return today
    m = _OFFSET_RE.match(text)
    try:
        if m:
            sign = 1 if m.group(1) == "+" else -1
            n = sign * int(m.group(2))
            unit = m.group(3)
            if unit == "d":
                return today + dt.timedelta(days=n)
            return _add_months(today, n * (12 if unit == "y" else 1))
        return dt.date.fromisoformat(text)
    except (ValueError, OverflowError):
        pass
    raise SitrepError(f"{SETTING}: cannot read {value!r} as an end of the date range\n"
                      f"  how to fix: write each end as YYYY-MM-DD or as an offset from today such as "
                      f"'+1y', '-6m' or '+30d', e.g. {SETTING} = {DEFAULT_RANGE!r}")


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The first and last day (inclusive) a report may be dated."""

    first: dt.date
    last: dt.date

    @classmethod
    def from_setting(cls, value: Any = None, today: dt.date | None = None) -> DateWindow:
        """The window a ``SITREP_DATE_RANGE`` value describes (None: the default)."""
        today = today or dt.date.today()
        pair = DEFAULT_RANGE if value is None else value
        if isinstance(pair, str) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise SitrepError(f"{SETTING} must be a pair (first, last), e.g. {SETTING} = {DEFAULT_RANGE!r}")
        first, last = parse_end(pair[0], today), parse_end(pair[1], today)
        if first > last:
            raise SitrepError(f"{SETTING}: the first day {first} is after the last day {last}\n"
                              "  how to fix: write the earlier date first")
        return cls(first, last)

    def __contains__(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def describe(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"  # %Y drops the zeros of year 1

    def check(self, report: Report) -> None:
        """Raise ReportError (file, 'Date:' line, fix) when the report is dated outside."""
        day = report.date.date()
        if day in self:
            return
        raise ReportError(
            report.path, report.date_line,
            f"the date {day.isoformat()} is outside the archive's dates ({self.describe()})",
            "correct the year in the 'Date:' line (YYYY-MM-DD); if the date is right, widen "
            f"{SETTING} in pelicanconf.py, e.g. {SETTING} = "
            f"(\"{min(day, self.first).isoformat()}\", \"{max(day, self.last).isoformat()}\")",
        )
