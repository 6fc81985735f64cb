"""The temporal engine: recognize every time expression, then resolve each against its context."""

from __future__ import annotations

from datetime import date, datetime

from ..config import MODES, Config
from ..errors import AnchorError
from ..model import TimeExpression
from .buildcache import compile_pattern
from .calendar import Point, point_of_value
from .fields import parse_absolute
from .mention import Mention
from .recognize import recognize
from .resolve import Context, reads_tense, resolve
from .tense import Sentences, tense_near

ANCHOR_FORMS = (
    "YYYY-MM-DD (2014-07-14), an ISO date-time (2014-07-14T09:30:00), or a full date with its year "
    "(14 July 2014, July 14, 2014)"
)
_DAY_FIRST_HINT = compile_pattern(r"^\s*\d{1,2}[\s./-]")
_ISO_DATE = compile_pattern(r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_anchor(anchor: date | datetime | str | None) -> date | None:
    """The anchor as a date; AnchorError naming the accepted forms when it is not one."""
    if anchor is None or isinstance(anchor, date):
        return anchor.date() if isinstance(anchor, datetime) else anchor
    if not isinstance(anchor, str):
        raise AnchorError(f"anchor {anchor!r} is not a date: use {ANCHOR_FORMS}")
    found = _ISO_DATE.match(anchor)
    if found:
        try:
            return date.fromisoformat(found.group("date"))
        except ValueError:
            raise AnchorError(f"anchor {anchor!r} is not a date: use {ANCHOR_FORMS}") from None
    parsed = parse_absolute(anchor.strip(), "day_first" if _DAY_FIRST_HINT.match(anchor) else "month_first")
    if parsed is not None:
        return parsed.date()
    raise AnchorError(f"anchor {anchor!r} is not a date: use {ANCHOR_FORMS}")


def find_times(
    text: str,
    anchor: date | datetime | str | None,
    mode: str = "news",
    config: Config | None = None,
) -> tuple[TimeExpression, ...]:
    """Find and normalize every time expression in ``text``.

    ``anchor`` is the publication date: required in news mode, where relative expressions count from it; in
    narrative mode they count from the last date the text mentioned, and the anchor only starts that chain.
    ``config`` overrides ``mode`` when given.
    """
    config = config or Config(mode=mode)  # type: ignore[arg-type]
    if config.mode not in MODES:
        raise AnchorError(f"mode {config.mode!r} is not one of {', '.join(MODES)}")
    speech = parse_anchor(anchor)
    if speech is None and config.mode == "news":
        raise AnchorError(
            "a news text needs its publication date to resolve relative times: give an anchor "
            f"({ANCHOR_FORMS}), or use narrative mode"
        )
    mentions = recognize(text, config.mode, config.day_first)
    return tuple(_resolve_all(text, mentions, config.mode, speech))


def _resolve_all(text: str, mentions: list[Mention], mode: str, speech: date | None) -> list[TimeExpression]:
    sentences = Sentences(text)
    reference = Point.of(speech) if speech else Point()
    told = False  # whether the reference comes from the text yet, or still from the anchor
    expressions = []

    def value_of(mention: Mention, reference: Point) -> str:
        tense = tense_near(text, sentences, mention.start, mention.end) if reads_tense(mention, mode) else None
        return resolve(mention, Context(mode=mode, speech=speech, reference=reference, tense=tense))

    values: list[str] = []
    for index, mention in enumerate(mentions):
        day = _day_of_clock(text, mentions, index)
        if day is not None:
            # "at 00:42 on March 8": the time is on the date that follows it.
            reference = point_of_value(value_of(day, reference)) or reference
        # "from January through March": in news, the end of a range takes its start's year, or the next one. (In
        # narrative the start itself may be a year late, "from October to March" told in the spring's year.)
        start = point_of_value(values[-1]) if mode == "news" and values and _ends_range(text, mentions, index) else None
        if start is not None and start.year is not None:
            mention = _after(mention, start)
        value = value_of(mention, reference)
        values.append(value)
        expressions.append(
            TimeExpression(
                start=mention.start,
                end=mention.end,
                text=text[mention.start : mention.end],
                type=mention.type,
                value=value,
                mod=mention.mod,
                rule=mention.rule,
            )
        )
        if not told or _moves_reference(reference, mention, sentences):
            moved = _next_reference(reference, mention, value)
            told = told or moved != reference
            reference = moved
    return expressions


# What joins the two ends of a range: always a range ("January through March", "June 20-28"), or one only after
# "from" ("from May to July") or "between" ("between May and July"); "May and July" alone are two dates.
_RANGE_LINK = compile_pattern(r"\s*(?:(?P<always>-|–|—|through|thru|until|till)|(?P<to>to)|(?P<and>and))\s*$")
_RANGE_OPENER = compile_pattern(r"(?:^|\W)(?P<word>from|between)\s+$")
_OPENER_FOR = {"to": "from", "and": "between"}


def _ends_range(text: str, mentions: list[Mention], index: int) -> bool:
    """Whether the mention is a date without a year that ends a range opened by the mention before it."""
    mention = mentions[index]
    if index == 0 or mention.kind != "calendar" or mention.year is not None or mention.month is None:
        return False
    previous = mentions[index - 1]
    if previous.kind != "calendar" or previous.month is None:
        return False
    link = _RANGE_LINK.fullmatch(text, previous.end, mention.start)
    if link is None:
        return False
    if link.group("always"):
        return True
    opener = _RANGE_OPENER.search(text, max(0, previous.start - 12), previous.start)
    wanted = _OPENER_FOR["to" if link.group("to") else "and"]
    return opener is not None and opener.group("word").lower() == wanted


def _after(mention: Mention, start: Point) -> Mention:
    """The mention in its range's start year, or the next year when it would otherwise come first."""
    position = (mention.month or 0, mention.day or 0)
    if start.month is None or position >= (start.month, start.day or 0):
        return mention.with_(year=start.year)
    return mention.with_(year=start.year + 1)  # type: ignore[operator]


_CLOCK_THEN_DAY = compile_pattern(r"(?:\s*,)?\s+(?:on\s+)?$")


def _day_of_clock(text: str, mentions: list[Mention], index: int) -> Mention | None:
    """The date right after a time of day that has none ("00:42 local time on March 8"), if any."""
    mention = mentions[index]
    if mention.hour is None or mention.month is not None or mention.kind != "calendar":
        return None
    if index + 1 >= len(mentions):
        return None
    following = mentions[index + 1]
    if following.type != "DATE" or (following.day is None and following.kind != "weekday"):
        return None
    gap = text[mention.end : following.start]
    return following if len(gap) <= 6 and _CLOCK_THEN_DAY.match(gap) else None


def _moves_reference(reference: Point, mention: Mention, sentences: Sentences) -> bool:
    """A bare year deep inside a sentence that follows day-level narration is an aside ("planned for 1976"):
    it does not move the story's reference date. A year that opens its sentence ("In 1944, ...") does."""
    is_bare_year = (
        mention.kind == "calendar"
        and mention.year is not None
        and mention.month is None
        and mention.season is None
        and mention.quarter is None
    )
    # The words before it are counted last: most mentions are settled without.
    if is_bare_year and reference.month is not None and sentences.words_before(mention.start) > 3:
        return False
    # "a year ago", "last month": a glance back from the speech time, not a move of the story's time; so is
    # "almost two decades earlier" in the middle of a story.
    if mention.kind == "deictic" and mention.grain not in (None, "day"):
        return False
    coarse = mention.grain not in (None, "day", "week", "hour", "minute")
    return not (mention.kind == "anaphoric" and mention.counted and coarse)


def _next_reference(reference: Point, mention: Mention, value: str) -> Point:
    """The last date mentioned moves to each date that names a calendar point with a year."""
    if mention.type not in ("DATE", "TIME"):
        return reference
    point = point_of_value(value)
    if point is None or point.year is None:
        return reference
    if point.hour is None and reference.hour is not None and point.as_date == reference.as_date:
        # The day of the last time mentioned keeps that time: "at 00:42 on March 8 ... 37 minutes later".
        return reference
    return point
