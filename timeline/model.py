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


# --- incidents and the timeline (issue 4) -----------------------------------------------------------------

DateBasis = Literal["clause", "sentence", "inherited", "none"]
"""Where an incident's date comes from: its own clause; the sentence (a fronted date such as
``On Sunday, ...`` or the main clause of an ``as``/``while`` clause); the discourse (an anaphor such as
``The shells killed ...`` or a repeated mention that merged into a dated incident), which is flagged; or
nowhere (undated)."""

PlaceRole = Literal["target", "origin"]

TIME_PRECISIONS: dict[int, str] = {1: "day", 2: "week or span of days", 3: "month", 4: "year"}


@dataclass(frozen=True, slots=True)
class IncidentPlace:
    """A place an incident involves: where it happened (``target``) or where it came from (``origin``).

    ``inferred`` marks a place taken from an anaphor (``there``, ``the suburb``) rather than named in the
    clause.
    """

    place_id: str
    role: PlaceRole = "target"
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"place_id": self.place_id, "role": self.role, "inferred": self.inferred}


@dataclass(frozen=True, slots=True)
class IncidentMention:
    """One place in the text that reports an incident: its trigger, its clause and its sentence."""

    start: int  # the clause that carries the trigger
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    date_text: str | None = None  # the time expression the date came from, as written
    date_basis: DateBasis = "none"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "date_text": self.date_text,
            "date_basis": self.date_basis,
        }


@dataclass(frozen=True, slots=True)
class Incident:
    """An event an article reports, with its arguments, coded the way ACLED codes a row.

    ``date`` is a TIMEX3 value (``2014-07-13``, ``2014-W28-WE``, ``2014-06``) or None when the text gives
    none; ``date_start``/``date_end`` are the ISO days it spans; ``time_precision`` is ACLED's (1 day,
    2 week or span of days, 3 month, 4 year). ``type`` is a key of the taxonomy
    (``timeline/incidents/data/taxonomy.toml``) and ``event_type``/``sub_event_type`` its ACLED names.
    Casualty counts are None when the text gives none.
    """

    id: str
    type: str
    event_type: str
    sub_event_type: str
    date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    date_basis: DateBasis = "none"
    places: tuple[IncidentPlace, ...] = ()
    actor1: str | None = None
    actor2: str | None = None
    killed: int | None = None
    injured: int | None = None
    casualty_text: tuple[str, ...] = ()
    mentions: tuple[IncidentMention, ...] = ()
    document_id: str = ""

    @property
    def place_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places)

    @property
    def target_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places if p.role == "target")

    @property
    def origin_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places if p.role == "origin")

    @property
    def trigger(self) -> str:
        return self.mentions[0].trigger if self.mentions else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "date_basis": self.date_basis,
            "place_ids": list(self.place_ids),
            "places": [p.to_dict() for p in self.places],
            "actor1": self.actor1,
            "actor2": self.actor2,
            "killed": self.killed,
            "injured": self.injured,
            "casualty_text": list(self.casualty_text),
            "mentions": [m.to_dict() for m in self.mentions],
            "document_id": self.document_id,
        }


@dataclass(frozen=True, eq=False)
class Timeline:
    """What ``timeline.build`` returns: a document's incidents in date order, its times, places and graph.

    ``graph`` is a ``networkx.MultiDiGraph`` keyed by place id. ``notes`` are things the reader should know
    about the run (for instance where the publication date came from).
    """

    document: Document
    incidents: tuple[Incident, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Place, ...] = ()
    graph: Any = None
    notes: tuple[str, ...] = ()
    parts: tuple[Timeline, ...] = ()  # the per-document timelines a combined timeline was made of

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    # The methods below import lazily: the model stays free of export and plotting dependencies.
    def to_dict(self) -> dict[str, Any]:
        from .export.json_export import timeline_to_dict

        return timeline_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        from .export.json_export import to_json

        return to_json(self, indent=indent)

    def to_csv(self) -> str:
        from .export.csv_export import to_csv

        return to_csv(self)

    def to_geojson(self) -> dict[str, Any]:
        from .export.geojson_export import to_geojson

        return to_geojson(self)

    def to_timelinejs(self) -> dict[str, Any]:
        from .export.timelinejs_export import to_timelinejs

        return to_timelinejs(self)

    def to_graphml(self) -> str:
        from .export.graphml_export import to_graphml

        return to_graphml(self)

    def to_dataframe(self) -> Any:
        from .export.csv_export import to_dataframe

        return to_dataframe(self)

    def plot_timeline(self, **options: Any) -> Any:
        from .charts import plot_timeline

        return plot_timeline(self, **options)

    def plot_graph(self, **options: Any) -> Any:
        from .charts import plot_graph

        return plot_graph(self, **options)
