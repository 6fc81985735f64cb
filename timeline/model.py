"""Frozen, typed records that flow through the pipeline.

Data flows one way: text -> time expressions and places -> incidents -> timeline -> exports and charts.
Every span is a pair of character offsets into the untouched text of its document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
TIME_TYPES: tuple[TimeType, ...] = ("DATE", "TIME", "DURATION", "SET")


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


PlaceKind = Literal[
    "country",
    "region",
    "city",
    "town",
    "village",
    "suburb",
    "district",
    "checkpoint",
    "border crossing",
    "square",
    "airspace",
    "place",
]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One occurrence of a place name in the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Place:
    """A real place a document names, resolved to one gazetteer entry (or derived from a cue).

    ``precision`` follows ACLED's geo_precision: 1 the exact place, 2 near it or part of a region, 3 a region or
    country only.
    """

    id: str
    name: str
    kind: PlaceKind
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None
    precision: int = 1
    parent_id: str | None = None
    mentions: tuple[PlaceMention, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "region": self.region,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "population": self.population,
            "precision": self.precision,
            "parent_id": self.parent_id,
            "mentions": [
                {"start": m.start, "end": m.end, "text": m.text} for m in self.mentions
            ],
        }
