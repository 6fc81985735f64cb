"""Calendar points with missing parts, their arithmetic and their TIMEX3 spelling.

Years are signed: 480 BC is -480 (the conventional, not the astronomical, numbering: "the following year" after
491 BC is 490 BC). Day arithmetic uses the proleptic Gregorian calendar of ``datetime.date`` for years 1 to 9999.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from .buildcache import compile_pattern
from .namedtuples import NamedTuple

SEASON_MONTHS: dict[str, tuple[int, ...]] = {
    "SP": (3, 4, 5),
    "SU": (6, 7, 8),
    "FA": (9, 10, 11),
    "WI": (12, 1, 2),
}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


class Point(NamedTuple):
    """A calendar point known to some grain: a year, a month of a year, or a day."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def as_date(self) -> date | None:
        if self.year is None or self.month is None or self.day is None or not 1 <= self.year <= 9999:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None

    @classmethod
    def of(cls, day: date) -> Point:
        return cls(day.year, day.month, day.day)


def season_of(month: int) -> str:
    return next(name for name, months in SEASON_MONTHS.items() if month in months)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_years(year: int, years: int) -> int:
    shifted = year + years
    # There is no year 0 between 1 BC and AD 1.
    if year > 0 >= shifted:
        shifted -= 1
    elif year < 0 <= shifted:
        shifted += 1
    return shifted


def add_days(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


# --- spelling --------------------------------------------------------------------------------------------


def fmt_year(year: int | None) -> str:
    if year is None:
        return "XXXX"
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def fmt_decade(decade: int) -> str:
    return f"BC{-decade:03d}" if decade < 0 else f"{decade:03d}"


def fmt_century(century: int) -> str:
    return f"BC{-century:02d}" if century < 0 else f"{century:02d}"


def fmt_month(year: int | None, month: int | None) -> str:
    return f"{fmt_year(year)}-{month:02d}" if month is not None else f"{fmt_year(year)}-XX"


def fmt_day(year: int | None, month: int | None, day: int | None) -> str:
    day_part = f"{day:02d}" if day is not None else "XX"
    return f"{fmt_month(year, month)}-{day_part}"


def fmt_date(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def fmt_week(day: date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


_VALUE = compile_pattern(
    r"^(?P<bc>BC)?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:T(?:(?P<hour>\d{2}):(?P<minute>\d{2}))?.*)?$"
)
_WEEK_VALUE = compile_pattern(r"^(?P<year>\d{4})-W(?P<week>\d{2})")
_SEASON_VALUE = compile_pattern(r"^(?P<bc>BC)?(?P<year>\d{4})-(?:SP|SU|FA|WI|Q\d|H\d)")


@lru_cache(maxsize=4096)  # a story names the same dates again and again
def point_of_value(value: str) -> Point | None:
    """The calendar point a resolved DATE or TIME value names, for use as the next reference; None if vague."""
    found = _VALUE.match(value)
    if found:
        year = int(found.group("year")) * (-1 if found.group("bc") else 1)
        return Point(
            year,
            _opt_int(found.group("month")),
            _opt_int(found.group("day")),
            _opt_int(found.group("hour")),
            _opt_int(found.group("minute")),
        )
    found = _WEEK_VALUE.match(value)
    if found:
        monday = date.fromisocalendar(int(found.group("year")), int(found.group("week")), 1)
        return Point(monday.year, monday.month, None)
    found = _SEASON_VALUE.match(value)
    if found:
        return Point(int(found.group("year")) * (-1 if found.group("bc") else 1))
    return None


def _opt_int(text: str | None) -> int | None:
    return int(text) if text is not None else None


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def movable_feast(rule: str, year: int) -> date | None:
    """The date of a holiday that moves: "easter+1" (days from Easter) or "11/4/4" (4th Thursday of
    November; a negative count counts from the month's end)."""
    if not 1583 <= year <= 9998:
        return None
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[len("easter"):] or 0))
    month, weekday, nth = (int(part) for part in rule.split("/"))
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))
