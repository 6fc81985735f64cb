"""Builders: turn the named groups of a rule's match into an underspecified Mention.

A rule names its builder in its ``build`` field; each builder is a small function listed in ``BUILDERS``.
Builders read what the words say and nothing else: no anchor, no tense, no arithmetic on dates.
"""

from __future__ import annotations

from collections.abc import Callable

from .buildcache import compile_pattern
from .fields import parse_absolute
from .mention import Mention, MentionStart
from .namedtuples import NamedTuple
from .vocabulary import parse_count, vocabulary

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any


class Match(NamedTuple):
    """The groups of one regex match, with table lookups."""

    groups: dict[str, str]  # group name -> words, the copies of a group (name2, name3) also under its name
    params: dict[str, Any]
    surface: str = ""

    @classmethod
    def of(cls, groups: dict[str, str], params: dict[str, Any], surface: str) -> Match:
        """The groups that matched; a pattern whose alternatives repeat a group names the copies name2, name3,
        and the first copy that matched also answers to the group's name."""
        aliased = dict(groups)
        for key in sorted(groups):
            if key[-1] in "23":
                aliased.setdefault(key[:-1], groups[key])
        return cls(aliased, params, surface)

    def text(self, name: str) -> str | None:
        """The words of a group, or None when it did not match."""
        return self.groups.get(name)

    def lookup(self, group: str, table: str | None = None) -> Any:
        surface = self.text(group)
        if surface is None:
            return None
        return vocabulary()[table or group].lookup(surface)

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


Builder = Callable[[Match, MentionStart], Mention]


def _int(text: str | None) -> int | None:
    return int(text) if text is not None else None


def _year(match: Match) -> int | None:
    for group in ("year", "year_before", "year_after", "ad_year", "ad_year2"):
        if match.text(group) is not None:
            return int(match.text(group))  # type: ignore[arg-type]
    if match.text("bc_year") is not None:
        return -int(match.text("bc_year"))  # type: ignore[arg-type]
    return match.param("year")


def _holiday(match: Match) -> tuple[int, int] | None:
    month_day = match.lookup("holiday")
    if month_day is None:
        return None
    month, day = month_day.split("-")
    return int(month), int(day)


def _month(match: Match) -> int | None:
    holiday = _holiday(match)
    if holiday:
        return holiday[0]
    for group, table in (("month", "month"), ("month2", "month"), ("month_number", None)):
        if match.text(group) is not None:
            return match.lookup(group, table) if table else _int(match.text(group))
    return match.param("month")


def _day(match: Match) -> int | None:
    holiday = _holiday(match)
    if holiday:
        return holiday[1]
    for group in ("day", "day2"):
        if match.text(group) is not None:
            return match.lookup(group, "day_number")
    return _int(match.text("day_digits"))


def _decade(match: Match) -> int | None:
    if match.text("decade_year") is not None:
        return int(match.text("decade_year")) // 10  # type: ignore[arg-type]
    if match.text("year2") is not None:
        # "the '90s": a two-digit decade is read in the 1900s, as English speakers mean it.
        return 190 + int(match.text("year2")) // 10  # type: ignore[arg-type]
    if match.text("bc_decade") is not None:
        return -(int(match.text("bc_decade")) // 10)  # type: ignore[arg-type]
    return None


def _century(match: Match) -> int | None:
    ordinal = match.lookup("ordinal")
    if ordinal is None:
        return None
    # The 19th century is the 1800s: TIMEX3 writes its two leading digits, "18".
    return int(ordinal) - 1 if match.text("bc") is None else -(int(ordinal) - 1)


def _hour(match: Match) -> int | None:
    if match.text("noon") is not None:
        return 12
    if match.text("midnight") is not None:
        return 24
    if match.text("hour_word") is not None:
        return int(parse_count(match.text("hour_word")))  # type: ignore[arg-type]
    hour = _int(match.text("hour"))
    if hour is None:
        return match.param("hour")
    ampm = match.lookup("ampm")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour


def build_calendar(match: Match, base: MentionStart) -> Mention:
    year = _year(match)
    if match.text("bc") is not None and year is not None and year > 0:
        year = -year
    quarter = match.lookup("ordinal") if match.param("ordinal_is") == "quarter" else None
    half = match.lookup("ordinal") if match.param("ordinal_is") == "half" else None
    if match.text("latter") is not None:
        half = 2
    return base.with_(
        year=year,
        month=_month(match),
        day=_day(match),
        season=match.lookup("season") or match.param("season"),
        quarter=quarter
        or _int(match.text("quarter_digit"))
        or _int(match.text("quarter_digit2"))
        or match.param("quarter"),
        half=half,
        decade=_decade(match),
        century=_century(match) if match.param("ordinal_is") == "century" else None,
        part_of_day=match.lookup("part_of_day") or match.param("part_of_day"),
        hour=_hour(match),
        minute=_int(match.text("minute")) if match.text("minute") is not None else match.param("minute"),
        weekday=match.lookup("weekday") or match.lookup("weekday_abbr"),
        weekend=bool(match.param("weekend", False)),
        fiscal=match.text("fiscal") is not None,
        feast=match.lookup("movable_holiday"),
    )


def _grain(match: Match) -> str | None:
    if match.text("season") is not None:
        return "season"
    if match.text("grain") is not None:
        return match.lookup("grain")
    return match.param("grain")


def _sign(match: Match) -> int:
    if match.text("shift_word") is not None:
        return int(match.lookup("shift_word"))
    return -1 if match.text("before") is not None else 1


def _offset(match: Match) -> int | None:
    if match.text("relative") is not None:
        return match.lookup("relative")
    sign = 1
    if match.text("shift_word") is not None:
        sign = int(match.lookup("shift_word"))
    elif match.text("before") is not None:
        sign = -1
    if match.text("count") is not None:
        count = parse_count(match.text("count"))  # type: ignore[arg-type]
        if count == "X" or not float(count).is_integer():
            return None
        return int(count) * sign
    if match.text("before") is not None or match.text("after") is not None:
        return sign
    if match.text("definite") is not None and not (match.text("grain") or "").lower().endswith("s"):
        # "the day before", "the week before": one grain away ("the weeks before" is vague).
        return sign
    return match.param("offset")


_YEARS_IN = {"decade": 10, "century": 100}


def build_shift(match: Match, base: MentionStart) -> Mention:
    """A grain shifted from an anchor: deictic from speech time, anaphoric from the last date mentioned."""
    offset = _offset(match)
    count = match.text("count")
    vague = parse_count(count) == "X" if count is not None else (match.text("grain") or "").lower().endswith("s")
    if offset is None and vague:
        # "a few days later", "weeks earlier": only the direction is known.
        return base.with_(kind="fixed", value="PAST_REF" if _sign(match) < 0 else "FUTURE_REF")
    if match.text("named_day") is not None:
        offset = match.lookup("named_day")
    grain = _grain(match) or ("day" if match.text("named_day") is not None else None)
    if grain == "week" and match.param("weeks_as_days") and offset is not None and match.text("definite") is None:
        # "three weeks later" after a day is a day: annotators count 21 days, not a week number.
        grain, offset = "day", offset * 7
    if grain in _YEARS_IN and match.text("count") is not None and offset is not None:
        # "a decade earlier" names a year ten years away, not a decade.
        grain, offset = "year", offset * _YEARS_IN[grain]
    return base.with_(
        grain=grain,
        offset=offset,
        hour=_hour(match),
        minute=_int(match.text("minute")),
        season=match.lookup("season"),
        part_of_day=match.lookup("part_of_day") or match.param("part_of_day"),
        month=_month(match),
        day=_day(match),
        weekend=grain == "weekend",
        half=match.lookup("ordinal") if match.param("ordinal_is") == "half" else None,
        counted=match.text("count") is not None,
    )


def build_weekday(match: Match, base: MentionStart) -> Mention:
    relative = match.lookup("relative") if match.text("relative") is not None else match.param("offset")
    direction = {-1: "past", 0: "same", 1: "future"}.get(relative) if relative is not None else None
    return base.with_(
        weekday=match.lookup("weekday"),
        part_of_day=match.lookup("part_of_day") or match.param("part_of_day"),
        direction=direction,
        hour=_hour(match),
        minute=_int(match.text("minute")),
    )


_UNIT = compile_pattern(r"^(?P<times>\d*)(?P<letter>T?[A-Z]+)$")


def _scaled(count: Any, unit: str) -> tuple[Any, str]:
    """A unit with a built-in multiple ("2W" for a fortnight, "3M" for a quarter) scales its count."""
    found = _UNIT.match(unit)
    times = int(found.group("times")) if found and found.group("times") else 1
    letter = found.group("letter") if found else unit
    return ("X" if count == "X" else count * times), letter


def _duration_value(count: Any, unit: str) -> str:
    return "P" + _duration_parts([(count, unit)])


def _duration_parts(parts: list[tuple[Any, str]]) -> str:
    """The body of a TIMEX3 duration after "P": date units first, then "T" and the time units."""
    date_part, time_part = "", ""
    for count, unit in parts:
        amount, letter = _scaled(count, unit)
        amount = "X" if amount == "X" else _format_amount(amount)
        if letter.startswith("T"):
            time_part += f"{amount}{letter[1:]}"
        elif letter == "S":
            time_part += f"{amount}S"
        else:
            date_part += f"{amount}{letter}"
    return date_part + (f"T{time_part}" if time_part else "")


def _format_amount(count: int | float) -> str:
    return str(int(count)) if float(count).is_integer() else str(count)


def build_duration(match: Match, base: MentionStart) -> Mention:
    unit = match.lookup("unit")
    if match.text("count") is not None:
        count: Any = parse_count(match.text("count"))  # type: ignore[arg-type]
    else:
        # "the past week" is one week; "the past weeks" an unknown number of them.
        plural = (match.text("unit") or "").lower().endswith(("s", "ies"))
        count = match.param("count", "X" if plural else 1)
    parts = [(count, unit)]
    if match.text("count_more") is not None and match.text("unit_more") is not None:
        parts.append((parse_count(match.text("count_more")), match.lookup("unit_more", "unit")))  # type: ignore[arg-type]
    return base.with_(value="P" + _duration_parts(parts))


def build_parsed(match: Match, base: MentionStart) -> Mention:
    """A date in a format the rule only shapes ("20-Jun-2014", "2014/06/20"): dateparser reads the fields."""
    parsed = parse_absolute(match.surface, match.param("order", "month_first"))
    if parsed is None:
        return base.with_(kind="fixed", value=None)
    return base.with_(year=parsed.year, month=parsed.month, day=parsed.day)


def build_fixed(match: Match, base: MentionStart) -> Mention:
    return base.with_(value=match.param("value"))


def build_set(match: Match, base: MentionStart) -> Mention:
    if match.text("frequency") is not None:
        return base.with_(value=match.lookup("frequency"))
    if match.text("season") is not None:
        return base.with_(value=f"XXXX-{match.lookup('season')}")
    weekday = match.lookup("weekday")
    if weekday is not None:
        value = f"XXXX-WXX-{weekday}"
        part = match.lookup("part_of_day")
        return base.with_(value=value + (f"T{part}" if part else ""))
    if match.text("unit") is not None:
        count = parse_count(match.text("count")) if match.text("count") is not None else match.param("count", 1)  # type: ignore[arg-type]
        return base.with_(value=_duration_value(count, match.lookup("unit")))
    return base.with_(value=match.param("value"))


BUILDERS: dict[str, Builder] = {
    "calendar": build_calendar,
    "deictic": build_shift,
    "anaphoric": build_shift,
    "weekday": build_weekday,
    "duration": build_duration,
    "fixed": build_fixed,
    "set": build_set,
    "parsed": build_parsed,
}

# The resolution kind each builder's mentions take.
KINDS: dict[str, str] = {
    "calendar": "calendar",
    "deictic": "deictic",
    "anaphoric": "anaphoric",
    "weekday": "weekday",
    "duration": "fixed",
    "fixed": "fixed",
    "set": "fixed",
    "parsed": "calendar",
}
