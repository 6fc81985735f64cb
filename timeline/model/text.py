"""The text and its time expressions: what the temporal engine makes (and all it needs of the model)."""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from typing import Any, Literal

    TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

TIME_TYPES: tuple[TimeType, ...] = ("DATE", "TIME", "DURATION", "SET")


def __getattr__(name: str) -> object:
    # TimeType is made on request, for code that reads it at run time: the engine has no other use for typing.
    if name == "TimeType":
        from typing import Literal

        return Literal[TIME_TYPES]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


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


@dataclass(frozen=True, slots=True)
class Document:
    """A text and what is known about it before analysis."""

    text: str
    id: str = ""
    published: str | None = None  # ISO date or datetime of publication, None when unknown
    source: str = ""
    url: str = ""
    title: str = ""

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]
