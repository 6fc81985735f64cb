"""Resolution: a pure function of an underspecified mention and its context, returning a TIMEX3 value.

The context holds the speech time (the publication date in news), the reference time (the last date the text
mentioned) and the direction the sentence's tense points to. Deictic expressions ("last week") count from the
speech time in news and from the reference time in narrative; anaphoric ones ("the following year") always
count from the reference time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from .calendar import (
    SEASON_MONTHS,
    Point,
    add_days,
    add_months,
    add_years,
    fmt_century,
    fmt_date,
    fmt_day,
    fmt_decade,
    fmt_month,
    fmt_week,
    fmt_year,
    movable_feast,
    season_of,
)
from .mention import Mention
from .namedtuples import NamedTuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from .mention import Direction


class Context(NamedTuple):
    mode: str
    speech: date | None
    reference: Point
    tense: Direction | None = None

    @property
    def deictic_base(self) -> Point:
        if self.mode == "news" and self.speech is not None:
            return Point.of(self.speech)
        return self.reference


def resolve(mention: Mention, context: Context) -> str:
    return _RESOLVERS[mention.kind](mention, context)


# Mentions whose value may depend on the direction the sentence points to.
_TENSE_SENSITIVE = frozenset({"weekday", "calendar", "deictic"})


def reads_tense(mention: Mention, mode: str) -> bool:
    """Whether resolving the mention reads ``Context.tense``, so that the engine finds the tense only then (the
    search is the costliest part of resolution): a date without its year, in news mode (``_infer_year``), and
    weekdays and shifts from the speech time."""
    if mention.kind == "calendar":
        return mode == "news" and mention.year is None and mention.century is None and mention.decade is None
    return mention.kind in _TENSE_SENSITIVE


# --- calendar: fields the text gave, the rest from the anchor -------------------------------------------


def _resolve_calendar(mention: Mention, context: Context) -> str:
    if mention.century is not None:
        return fmt_century(mention.century)
    if mention.decade is not None:
        return fmt_decade(mention.decade)
    year = mention.year
    if year is None:
        year = _infer_year(mention, context)
    if mention.feast is not None:
        feast = movable_feast(mention.feast, year) if year is not None else None
        return fmt_date(feast) if feast else f"{fmt_year(year)}-XX-XX"
    return _spell(mention, year, mention.month, mention.day, context)


def _spell(mention: Mention, year: int | None, month: int | None, day: int | None, context: Context) -> str:
    year_text = ("FY" if mention.fiscal else "") + fmt_year(year)
    if mention.season is not None:
        return f"{year_text}-{mention.season}"
    if mention.quarter is not None:
        return f"{year_text}-Q{mention.quarter}"
    if mention.half is not None:
        return f"{year_text}-H{mention.half}"
    if mention.fiscal and month is None:
        return year_text
    if month is None and (mention.hour is not None or mention.part_of_day is not None):
        # A time of day with no date of its own happens on the last day the text spoke of.
        base = context.reference if context.reference.day is not None else context.deictic_base
        return _time_suffix(mention, fmt_day(base.year, base.month, base.day))
    if month is None:
        return fmt_year(year)
    if day is None:
        return fmt_month(year, month)
    return _time_suffix(mention, fmt_day(year, month, day))


def _time_suffix(mention: Mention, day_value: str) -> str:
    if mention.hour is not None:
        return f"{day_value}T{mention.hour:02d}:{(mention.minute or 0):02d}"
    if mention.part_of_day is not None:
        return f"{day_value}T{mention.part_of_day}"
    return day_value


def _infer_year(mention: Mention, context: Context) -> int | None:
    """The year of a date given without one: the anchor's, moved by the direction of the sentence."""
    if context.mode == "narrative" or context.speech is None:
        return context.reference.year
    anchor = context.speech
    direction = mention.direction or context.tense
    position = _position_in_year(mention)
    if position is None:
        return anchor.year
    here = (anchor.month, anchor.day)
    if direction == "past":
        return anchor.year if position <= here else anchor.year - 1
    if direction == "future":
        # A period still under way ("in July", said on 14 July) is this year's.
        return anchor.year if _period_end(mention, position) >= here else anchor.year + 1
    if direction == "same":
        return anchor.year
    return _nearest_year(position, anchor)


def _position_in_year(mention: Mention) -> tuple[int, int] | None:
    if mention.feast is not None:
        month = 4 if mention.feast.startswith("easter") else int(mention.feast.split("/")[0])
        return (month, 15)
    if mention.month is not None:
        return (mention.month, mention.day or 0)
    if mention.season is not None:
        return (SEASON_MONTHS[mention.season][0], 0)
    if mention.quarter is not None:
        return (3 * mention.quarter - 2, 0)
    return None


def _period_end(mention: Mention, position: tuple[int, int]) -> tuple[int, int]:
    if mention.day is not None:
        return position
    if mention.month is not None:
        return (mention.month, 31)
    if mention.season is not None:
        return (SEASON_MONTHS[mention.season][-1] if mention.season != "WI" else 12, 31)
    if mention.quarter is not None:
        return (3 * mention.quarter, 31)
    return position


def _nearest_year(position: tuple[int, int], anchor: date) -> int:
    """With no tense to go by, the reading closest to the anchor: December in March is last December."""
    here = anchor.year * 12 + anchor.month
    candidates = (anchor.year - 1, anchor.year, anchor.year + 1)
    # Ties go to the past: news reports more of what happened than of what will.
    return min(candidates, key=lambda year: (abs(year * 12 + position[0] - here), year))


# --- shifts of a grain -----------------------------------------------------------------------------------


def _resolve_deictic(mention: Mention, context: Context) -> str:
    return _shift(mention, context.deictic_base, context)


def _resolve_anaphoric(mention: Mention, context: Context) -> str:
    return _shift(mention, context.reference, context)


def _shift(mention: Mention, base: Point, context: Context) -> str:
    return _GRAIN_SHIFTS[mention.grain or "day"](mention, base, mention.offset, context)


def _named_month(mention: Mention, base: Point, context: Context) -> str:
    """ "this February", "last December", "next March": a named month moved from the base by the word."""
    if base.year is None or base.month is None:
        return fmt_month(base.year, mention.month)
    month = mention.month or 1
    year = base.year
    if mention.offset == -1 and month >= base.month:
        year -= 1
    elif (mention.offset == 1 and month <= base.month) or (
        mention.offset == 0 and context.tense == "future" and month < base.month
    ):
        year += 1
    return fmt_month(year, month)


def _shift_day(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    day = base.as_date
    if day is None:
        return _time_suffix(mention, fmt_day(base.year, base.month, None))
    if offset is None:
        return _time_suffix(mention, "XXXX-XX-XX")
    shifted = add_days(day, offset)
    return _time_suffix(mention, fmt_date(shifted) if shifted else "XXXX-XX-XX")


def _shift_week(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    day = base.as_date
    if day is None or offset is None:
        return "XXXX-WXX"
    shifted = add_days(day, 7 * offset)
    return fmt_week(shifted) if shifted else "XXXX-WXX"


def _shift_weekend(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    day = base.as_date
    if day is None:
        return "XXXX-WXX-WE"
    saturday = _weekend_saturday(day, offset, context.tense)
    return fmt_week(saturday) + "-WE"


def _weekend_saturday(day: date, offset: int | None, tense: Direction | None) -> date:
    """The Saturday of the weekend meant: the one just past in a past sentence, the coming one otherwise."""
    days_since_saturday = (day.weekday() - 5) % 7
    last_saturday = day - timedelta(days=days_since_saturday)
    if offset == -1:
        return last_saturday - timedelta(days=7) if days_since_saturday < 2 else last_saturday
    if offset == 1:
        return last_saturday + timedelta(days=7)
    # "this weekend" said on a weekend is that one; early in the week, in a past sentence, the one just gone;
    # otherwise the coming one.
    if days_since_saturday < 2 or (tense == "past" and day.weekday() <= 2):
        return last_saturday
    return last_saturday + timedelta(days=7)


def _shift_month(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    if base.year is None or base.month is None or offset is None:
        return fmt_month(base.year, None)
    year, month = add_months(base.year, base.month, offset)
    return fmt_month(year, month)


def _shift_quarter(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    if base.year is None or base.month is None or offset is None:
        return f"{fmt_year(base.year)}-QX"
    year, month = add_months(base.year, base.month, 3 * offset)
    return f"{fmt_year(year)}-Q{(month - 1) // 3 + 1}"


def _shift_year(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    year = fmt_year(add_years(base.year, offset)) if base.year is not None and offset is not None else "XXXX"
    return f"{year}-H{mention.half}" if mention.half is not None else year


def _shift_clock(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    """"37 minutes later": from the last time of day mentioned, else the day only."""
    day = base.as_date
    if day is None or offset is None:
        return fmt_day(base.year, base.month, base.day)
    if base.hour is None:
        return fmt_date(day)
    minutes = offset * (60 if mention.grain == "hour" else 1)
    moment = datetime(day.year, day.month, day.day, base.hour % 24, base.minute or 0) + timedelta(minutes=minutes)
    return f"{fmt_date(moment.date())}T{moment.hour:02d}:{moment.minute:02d}"


def _shift_decade(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    if base.year is None or offset is None:
        return "XXX"
    return fmt_decade(_floor_div(base.year, 10) + offset)


def _shift_century(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    if base.year is None or offset is None:
        return "XX"
    return fmt_century(_floor_div(base.year, 100) + offset)


def _floor_div(year: int, size: int) -> int:
    # 480 BC lies in the decade BC048 and the century BC04: count BC years away from zero.
    return year // size if year >= 0 else -((-year) // size)


def _shift_season(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    season = mention.season or "SU"
    if base.year is None:
        return f"XXXX-{season}"
    if base.month is None:
        return f"{fmt_year(base.year)}-{season}"
    start = SEASON_MONTHS[season][0]
    current = season_of(base.month)
    year = base.year
    if offset == -1:
        if season == current or start > base.month:
            year -= 1
    elif offset == 1:
        if season == current or start < base.month:
            year += 1
    elif offset == 0 and context.tense == "future" and start < base.month and season != current:
        year += 1
    return f"{fmt_year(year)}-{season}"


def _month_of_reference_year(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    return fmt_month(base.year, mention.month)


def _month_day_of_reference_year(mention: Mention, base: Point, offset: int | None, context: Context) -> str:
    return fmt_day(base.year, mention.month, mention.day)


_GRAIN_SHIFTS: dict[str, Callable[[Mention, Point, int | None, Context], str]] = {
    "month_of_reference_year": _month_of_reference_year,
    "month_day_of_reference_year": _month_day_of_reference_year,
    "month_name": lambda mention, base, offset, context: _named_month(mention, base, context),
    "day": _shift_day,
    "week": _shift_week,
    "weekend": _shift_weekend,
    "month": _shift_month,
    "quarter": _shift_quarter,
    "year": _shift_year,
    "decade": _shift_decade,
    "century": _shift_century,
    "season": _shift_season,
    "hour": _shift_clock,
    "minute": _shift_clock,
}


# --- weekdays --------------------------------------------------------------------------------------------


def _resolve_weekday(mention: Mention, context: Context) -> str:
    base = context.deictic_base.as_date
    weekday = mention.weekday or 1
    if base is None:
        return _time_suffix(mention, f"XXXX-WXX-{weekday}")
    if mention.direction is not None:
        day = _named_weekday(base, weekday, mention.direction)
    else:
        day = _bare_weekday(base, weekday, context.tense)
    return _time_suffix(mention, fmt_date(day))


def _named_weekday(base: date, weekday: int, direction: Direction) -> date:
    """ "last Thursday" and "next Tuesday" never mean today; "this Friday" is in the base's week."""
    if direction == "past":
        return base - timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
    if direction == "future":
        return base + timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
    return base + timedelta(days=weekday - base.isoweekday())


def _bare_weekday(base: date, weekday: int, tense: Direction | None) -> date:
    """ "on Sunday": the last one in a past sentence, the next one in a future one, else the nearest."""
    back = (base.isoweekday() - weekday) % 7
    forward = (weekday - base.isoweekday()) % 7
    if tense == "past":
        return base - timedelta(days=back)
    if tense == "future":
        return base + timedelta(days=forward)
    return base - timedelta(days=back) if back <= forward else base + timedelta(days=forward)


def _resolve_fixed(mention: Mention, context: Context) -> str:
    return mention.value or ""


_RESOLVERS: dict[str, Callable[[Mention, Context], str]] = {
    "fixed": _resolve_fixed,
    "calendar": _resolve_calendar,
    "deictic": _resolve_deictic,
    "anaphoric": _resolve_anaphoric,
    "weekday": _resolve_weekday,
}
