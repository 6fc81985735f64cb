"""The temporal engine: recognize every time expression, then resolve each against its context."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..config import MODES, Config
from ..errors import AnchorError
from ..model import TimeExpression
from .calendar import Point, point_of_value
from .mention import Mention
from .recognize import recognize
from .resolve import Context, resolve
from .tense import Sentences, tense_near

ANCHOR_FORMS = "YYYY-MM-DD (2014-07-14) or an ISO date-time (2014-07-14T09:30:00)"
_ISO_DATE = re.compile(r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


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
            pass
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


# Mentions whose value depends on the direction the sentence points to.
_TENSE_SENSITIVE = frozenset({"weekday", "calendar", "deictic"})


def _resolve_all(text: str, mentions: list[Mention], mode: str, speech: date | None) -> list[TimeExpression]:
    sentences = Sentences(text)
    reference = Point.of(speech) if speech else Point()
    told = False  # whether the reference comes from the text yet, or still from the anchor
    expressions = []
    for mention in mentions:
        tense = (
            tense_near(text, sentences, mention.start, mention.end)
            if mention.kind in _TENSE_SENSITIVE
            else None
        )
        value = resolve(mention, Context(mode=mode, speech=speech, reference=reference, tense=tense))
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
        if not told or _moves_reference(reference, mention, sentences.words_before(mention.start)):
            moved = _next_reference(reference, mention, value)
            told = told or moved != reference
            reference = moved
    return expressions


def _moves_reference(reference: Point, mention: Mention, words_before: int) -> bool:
    """A bare year deep inside a sentence that follows day-level narration is an aside ("planned for 1976"):
    it does not move the story's reference date. A year that opens its sentence ("In 1944, ...") does."""
    is_bare_year = mention.kind == "calendar" and mention.month is None and mention.season is None
    return not (is_bare_year and reference.month is not None and words_before > 3)


def _next_reference(reference: Point, mention: Mention, value: str) -> Point:
    """The last date mentioned moves to each date that names a calendar point with a year."""
    if mention.type not in ("DATE", "TIME"):
        return reference
    point = point_of_value(value)
    if point is None or point.year is None:
        return reference
    if (
        mention.kind == "calendar"
        and mention.year is None
        and mention.month is not None
        and point.day is None
    ):
        # "in March" after "on 3 March 1942" keeps the day-level reference's year but not its day.
        return Point(point.year, point.month, None)
    return point
