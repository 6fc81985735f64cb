"""Underspecified time expressions: what the text said, before anything is resolved.

Recognition fills a ``Mention`` with the fields the words gave (a month and a day, a weekday, "last" + "week")
and says how the rest must be found; resolution (``resolve.py``) completes it against an anchor.
"""

from __future__ import annotations

from .namedtuples import NamedTuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any, Literal

    from ..model import TimeType

# How resolution completes a mention:
#   fixed      the value is complete already (durations, sets, PRESENT_REF, full dates with a year...)
#   calendar   calendar fields, possibly without a year (or month): taken from the anchor, in the tense's direction
#   deictic    a grain shifted from the speech time ("last week", "tomorrow", "a year ago")
#   anaphoric  a grain shifted from the last date mentioned ("the following year", "two days later")
#   weekday    a day of the week, found from the anchor in the direction given or implied by tense
if TYPE_CHECKING:  # for annotations only: at run time they would need typing
    Kind = Literal["fixed", "calendar", "deictic", "anaphoric", "weekday"]
    Direction = Literal["past", "future", "same"]


class Mention(NamedTuple):
    start: int
    end: int
    rule: str
    type: TimeType
    kind: Kind
    value: str | None = None
    # Calendar fields given by the text. A year is astronomical-free: 480 BC is -480.
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 1900s (the 20th century)
    part_of_day: str | None = None
    hour: int | None = None
    minute: int | None = None
    weekend: bool = False
    fiscal: bool = False  # a fiscal year or quarter: TIMEX3 writes FY2012-Q2
    feast: str | None = None  # a movable holiday's rule, e.g. "easter-2" or "11/4/4"
    # Shifts: "last week" is grain=week, offset=-1.
    grain: str | None = None
    offset: int | None = None
    direction: Direction | None = None
    mod: str | None = None
    priority: int = 0  # breaks ties between candidates of the same length
    counted: bool = False  # the shift is a count of units ("two decades earlier"), not "the following year"

    def with_(self, **changes: object) -> Mention:
        return self._replace(**changes)


class MentionStart:
    """What recognition knows of a mention before a rule's builder reads the match (span, rule, type, kind...).
    ``with_`` adds the builder's fields and makes the Mention: one frozen object per candidate, not two."""

    __slots__ = ("fields",)

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def with_(self, **changes: Any) -> Mention:
        return Mention(**{**self.fields, **changes})
