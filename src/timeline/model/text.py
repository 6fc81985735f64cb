"""Time expressions: what the temporal engine makes, and all it needs of the model (``documents`` loads apart)."""

from __future__ import annotations

from dataclasses import dataclass

from ..literals import literals_on_request

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from typing import Any, Literal

    from .documents import Span

    TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

TIME_TYPES: tuple[TimeType, ...] = ("DATE", "TIME", "DURATION", "SET")


__getattr__ = literals_on_request(__name__, {"TimeType": TIME_TYPES})


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3: where it is in the text, what kind of time it is and which time it means.

    ``value`` is in TIMEX3 syntax (``2014-07-13``, ``2014-W28``, ``P3Y``, ``PAST_REF``...); ``mod`` is the TIMEX3
    modifier (``START``, ``MID``, ``END``, ``APPROX``, ``MORE_THAN``, ``EQUAL_OR_MORE``...) or None.
    ``rule`` names the recognition rule that found it, for debugging and error analysis.
    """

    start: int
    end: int
    text: str
    type: TimeType
    value: str
    mod: str | None = None
    rule: str = ""

    @property
    def span(self) -> Span:
        from .documents import Span  # not loaded with this module: the engine never asks for a span

        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            record["mod"] = self.mod
        return record
