"""The places a document names, resolved to gazetteer entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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


# How specific a kind of place is, most specific first: a checkpoint says more about where than a country.
PLACE_SPECIFICITY: dict[str, int] = {
    "checkpoint": 0,
    "border crossing": 0,
    "square": 0,
    "suburb": 1,
    "village": 1,
    "town": 1,
    "district": 2,
    "city": 2,
    "place": 2,
    "region": 3,
    "airspace": 3,
    "country": 4,
}


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
    country only. ``region`` is the name of the first-level region; ``parent_id`` the place it is part of (its
    town for a checkpoint or suburb, else its region or country); ``near`` the ids of places the text says it is
    near ("the nearby Ukrainian city of Donetsk").
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
    near: tuple[str, ...] = field(default_factory=tuple)

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
            "near": list(self.near),
        }
