"""The records corpus mode passes around: input articles, per-article results, and their JSON form.

An ``Article`` is one input unit (a text with its metadata, or a file to read); the worker turns it into an
``ArticleResult``: a ``DocumentRecord`` (what ``documents.jsonl`` says about it) and, when it was done, its places
and ``SourceIncident``s (its incidents with what the cross-article merge needs to know about them). Results are
written to disk as JSON, one file per article, and read back on ``--resume``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Literal

from ..model import Incident, IncidentMention, IncidentPlace, Place, PlaceMention
from .actors import ActorKey, actor_key

Status = Literal["done", "failed"]
RESULT_FORMAT = 1

# A place of these kinds is part of a town: two reports meet at the town (a checkpoint near Slovyansk and
# Slovyansk are one locality). Regions, countries and air spaces are too coarse to say two reports are one event.
_PART_KINDS = frozenset({"checkpoint", "border crossing", "square", "suburb", "district"})
_COARSE_KINDS = frozenset({"region", "country", "airspace"})


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its ``text`` (JSON Lines, CSV, library) or a ``path`` the worker reads (folder).

    ``origin`` says where it came from (``corpus.jsonl:17``, ``articles/a.txt``) for error messages; ``problem``
    is an input error found while reading it (a line that is not JSON, bytes that are not UTF-8): the article
    then fails with that message.
    """

    id: str
    origin: str
    text: str | None = None
    path: str | None = None
    published: str | None = None
    url: str = ""
    source: str = ""
    title: str = ""
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A line of ``documents.jsonl``: every input article, done or failed, with its counts."""

    id: str
    status: Status
    origin: str = ""
    published: str | None = None
    source: str = ""
    url: str = ""
    title: str = ""
    chars: int = 0
    times: int = 0
    places: int = 0
    incidents: int = 0
    error: str | None = None
    error_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "origin": self.origin,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "chars": self.chars,
            "times": self.times,
            "places": self.places,
            "incidents": self.incidents,
        }
        if self.error is not None:
            record["error"] = self.error
            record["error_kind"] = self.error_kind
        return record

    def error_dict(self) -> dict[str, Any]:
        """A line of ``errors.jsonl``."""
        return {"id": self.id, "origin": self.origin, "error": self.error, "kind": self.error_kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True, slots=True)
class Locality:
    """The town an incident happened in (a checkpoint's or district's town), with its coordinates if known."""

    id: str
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class SourceIncident:
    """One article's incident, as the cross-article merge sees it.

    ``localities`` are the towns it happened in; ``coarse`` its region-, country- or air-space-level places;
    ``day_start``/``day_end`` its span as date ordinals (None when undated); ``actor`` the key of its actor1;
    ``sentence`` the text of the sentence that reports it (its first mention's).
    """

    incident: Incident
    document_id: str
    outlet: str
    url: str
    published: str | None
    sentence: str
    localities: tuple[Locality, ...] = ()
    coarse: tuple[Place, ...] = ()
    actor: ActorKey = field(default_factory=lambda: ActorKey(None, None))
    day_start: int | None = None
    day_end: int | None = None
    town: str = ""  # set when the incident was split into one report per town

    @property
    def type_key(self) -> tuple[str, str]:
        return (self.incident.type, self.incident.sub_event_type)

    @property
    def day(self) -> int | None:
        """The day of a day-precise incident (precision 1), else None."""
        return self.day_start if self.incident.time_precision == 1 else None

    @property
    def order(self) -> tuple[str, int, str, str]:
        """A total order on every source incident of a corpus, so that merged outputs do not depend on the
        order in which articles were processed."""
        start = self.incident.mentions[0].start if self.incident.mentions else -1
        return (self.document_id, start, self.incident.id, self.town)

    @property
    def profile(self) -> tuple[int | None, int | None] | None:
        """(killed, injured) as reported, None when the report gives neither."""
        killed, injured = self.incident.killed, self.incident.injured
        return None if killed is None and injured is None else (killed, injured)


def _ordinal(day: str | None) -> int | None:
    return date.fromisoformat(day[:10]).toordinal() if day else None


def sentence_of(text: str, incident: Incident) -> str:
    if not incident.mentions:
        return ""
    mention = incident.mentions[0]
    return " ".join(text[mention.sentence_start : mention.sentence_end].split())


def _town_of(place: Place) -> str:
    """The id of the town a place is in: its own, or its town's for a part of a town the gazetteer does not
    list (a checkpoint, a district: ``geonames:709717#district:kuibyshev-district`` is in ``geonames:709717``).
    A gazetteer town read as a part ("the outskirts of Donetsk") is its own town, not its region."""
    parent = place.parent_id
    if place.kind in _PART_KINDS and parent and "#" in place.id and not parent.startswith("admin"):
        return parent
    return place.id


def source_incidents(
    incident: Incident,
    places: dict[str, Place],
    *,
    sentence: str = "",
    outlet: str = "",
    url: str = "",
    published: str | None = None,
) -> tuple[SourceIncident, ...]:
    """What the merge needs to know about one incident of an article: its towns, coarse places, actor key and
    days. ``places`` are the article's places by id; ``sentence`` the text of the sentence that reports it.

    An incident in several towns ("shelled Donetsk and Luhansk") is one report per town, as ACLED codes one
    event per location: otherwise it would join the Donetsk and the Luhansk incidents of other articles.
    """
    towns: dict[str, Locality] = {}
    town_places: dict[str, list[str]] = {}
    coarse: dict[str, Place] = {}
    for place_id in incident.target_ids:
        place = places.get(place_id)
        if place is None:
            continue
        if place.kind in _COARSE_KINDS:
            coarse.setdefault(place.id, bare_place(place))
            continue
        town_id = _town_of(place)
        town = places.get(town_id, place)
        towns.setdefault(town_id, Locality(town_id, town.latitude, town.longitude, place.country, place.region))
        town_places.setdefault(town_id, []).append(place.id)
    common = dict(
        document_id=incident.document_id,
        outlet=outlet,
        url=url,
        published=published,
        sentence=sentence,
        actor=actor_key(incident.actor1),
        day_start=_ordinal(incident.date_start),
        day_end=_ordinal(incident.date_end or incident.date_start),
    )
    if len(towns) <= 1:
        return (SourceIncident(incident, localities=tuple(towns.values()), coarse=tuple(coarse.values()), **common),)
    reports = []
    for town_id, town in towns.items():
        others = {p for other, ids in town_places.items() if other != town_id for p in ids}
        kept = tuple(p for p in incident.places if not (p.role == "target" and p.place_id in others))
        reports.append(SourceIncident(replace(incident, places=kept), localities=(town,), town=town_id, **common))
    return tuple(reports)


def bare_place(place: Place) -> Place:
    """A place without its mentions: their offsets mean nothing outside their article."""
    if not place.mentions:
        return place
    return Place(
        id=place.id,
        name=place.name,
        kind=place.kind,
        country=place.country,
        region=place.region,
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
        precision=place.precision,
        parent_id=place.parent_id,
        near=place.near,
    )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the worker hands back for one article: its record and, when done, its places (without mentions),
    its incidents with the sentence of each, and the reports the merge works on."""

    record: DocumentRecord
    places: tuple[Place, ...] = ()
    incidents: tuple[Incident, ...] = ()
    sentences: tuple[str, ...] = ()
    reports: tuple[SourceIncident, ...] = ()

    @property
    def done(self) -> bool:
        return self.record.status == "done"

    @classmethod
    def failed(cls, article: Article, error: str, error_kind: str) -> ArticleResult:
        """The result of an article that could not be analysed, with what the input said about it."""
        return cls(
            DocumentRecord(
                id=article.id,
                status="failed",
                origin=article.origin,
                published=article.published,
                source=article.source,
                url=article.url,
                title=article.title,
                error=error,
                error_kind=error_kind,
            )
        )

    @classmethod
    def of(
        cls,
        record: DocumentRecord,
        places: tuple[Place, ...],
        incidents: tuple[Incident, ...],
        sentences: tuple[str, ...],
    ) -> ArticleResult:
        by_id = {place.id: place for place in places}
        reports = tuple(
            report
            for incident, sentence in zip(incidents, sentences, strict=True)
            for report in source_incidents(
                incident,
                by_id,
                sentence=sentence,
                outlet=record.source,
                url=record.url,
                published=record.published,
            )
        )
        return cls(record, places, incidents, sentences, reports)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": RESULT_FORMAT,
            "record": self.record.to_dict(),
            "places": [place.to_dict() for place in self.places],
            "incidents": [
                {**incident.to_dict(), "sentence": sentence}
                for incident, sentence in zip(self.incidents, self.sentences, strict=True)
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        if data.get("format") != RESULT_FORMAT:
            raise ValueError(f"result format {data.get('format')!r}, expected {RESULT_FORMAT}")
        return cls.of(
            DocumentRecord.from_dict(data["record"]),
            tuple(place_from_dict(entry) for entry in data["places"]),
            tuple(incident_from_dict(entry) for entry in data["incidents"]),
            tuple(entry["sentence"] for entry in data["incidents"]),
        )


def place_from_dict(data: dict[str, Any]) -> Place:
    return Place(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        country=data.get("country"),
        region=data.get("region"),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        population=data.get("population"),
        precision=data.get("precision", 1),
        parent_id=data.get("parent_id"),
        mentions=tuple(PlaceMention(m["start"], m["end"], m["text"]) for m in data.get("mentions", ())),
        near=tuple(data.get("near", ())),
    )


def incident_from_dict(data: dict[str, Any]) -> Incident:
    """The inverse of ``Incident.to_dict``."""
    return Incident(
        id=data["id"],
        type=data["type"],
        event_type=data["event_type"],
        sub_event_type=data["sub_event_type"],
        date=data.get("date"),
        date_start=data.get("date_start"),
        date_end=data.get("date_end"),
        time_precision=data.get("time_precision"),
        date_basis=data.get("date_basis", "none"),
        places=tuple(IncidentPlace(p["place_id"], p["role"], p.get("inferred", False)) for p in data["places"]),
        actor1=data.get("actor1"),
        actor2=data.get("actor2"),
        killed=data.get("killed"),
        injured=data.get("injured"),
        casualty_text=tuple(data.get("casualty_text", ())),
        mentions=tuple(IncidentMention(**mention) for mention in data.get("mentions", ())),
        document_id=data.get("document_id", ""),
    )
