"""From a TIMEX3 value to the days it spans and ACLED's time precision.

ACLED and UCDP code how precise a date is: 1 the day is known, 2 a week or a span of days, 3 a month (or a
season or quarter: a span of months), 4 a year. Values that are not calendar dates (durations, ``PAST_REF``,
values with unknown digits) give None: an incident never gets a date the text does not give.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# Season -> (first month, its year offset, last month, its year offset). Winter of a year runs from its December
# into the next year's February, as the time engine's season months (12, 1, 2) read in order.
SEASON_SPANS: dict[str, tuple[int, int, int, int]] = {
    "SP": (3, 0, 5, 0),
    "SU": (6, 0, 8, 0),
    "FA": (9, 0, 11, 0),
    "WI": (12, 0, 2, 1),
}


@dataclass(frozen=True, slots=True, order=True)
class DateRange:
    start: date
    end: date
    precision: int  # 1 day, 2 week or span of days, 3 month, 4 year
    value: str

    def contains(self, other: DateRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _day(match: re.Match[str]) -> DateRange | None:
    try:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return DateRange(day, day, 1, match.group())


def _month(match: re.Match[str]) -> DateRange | None:
    year, month = int(match["year"]), int(match["month"])
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    return DateRange(date(year, month, 1), date(year, month, last), 3, match.group())


def _year(match: re.Match[str]) -> DateRange | None:
    year = int(match["year"])
    return DateRange(date(year, 1, 1), date(year, 12, 31), 4, match.group())


def _week(match: re.Match[str]) -> DateRange | None:
    year, week = int(match["year"]), int(match["week"])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if match["weekend"]:
        return DateRange(monday + timedelta(days=5), monday + timedelta(days=6), 2, match.group())
    return DateRange(monday, monday + timedelta(days=6), 2, match.group())


def _season(match: re.Match[str]) -> DateRange | None:
    year = int(match["year"])
    first_month, first_year_offset, last_month, last_year_offset = SEASON_SPANS[match["season"]]
    first = date(year + first_year_offset, first_month, 1)
    last_year = year + last_year_offset
    last = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return DateRange(first, last, 3, match.group())


def _quarter(match: re.Match[str]) -> DateRange | None:
    year, quarter = int(match["year"]), int(match["quarter"])
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    last = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return DateRange(date(year, first_month, 1), last, 3, match.group())


def _half(match: re.Match[str]) -> DateRange | None:
    year, half = int(match["year"]), int(match["half"])
    if half == 1:
        return DateRange(date(year, 1, 1), date(year, 6, 30), 3, match.group())
    return DateRange(date(year, 7, 1), date(year, 12, 31), 3, match.group())


_YEAR = r"(?P<year>\d{4})"
_PARSERS = (
    (re.compile(_YEAR + r"-(?P<month>\d{2})-(?P<day>\d{2})(?:T[\w:.+-]*)?"), _day),
    (re.compile(_YEAR + r"-W(?P<week>\d{2})(?P<weekend>-WE)?"), _week),
    (re.compile(_YEAR + r"-(?P<season>SP|SU|FA|WI)"), _season),
    (re.compile(_YEAR + r"-Q(?P<quarter>[1-4])"), _quarter),
    (re.compile(_YEAR + r"-H(?P<half>[12])"), _half),
    (re.compile(_YEAR + r"-(?P<month>\d{2})"), _month),
    (re.compile(_YEAR), _year),
)


def date_range(value: str | None) -> DateRange | None:
    """The days a TIMEX3 date value spans, or None when the value is not a calendar date.

    >>> date_range("2014-W28-WE").start.isoformat(), date_range("2014-W28-WE").precision
    ('2014-07-12', 2)
    """
    if not value:
        return None
    for pattern, parse in _PARSERS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return parse(match)
            except ValueError:
                return None
    return None
