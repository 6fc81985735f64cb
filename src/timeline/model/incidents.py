"""Incidents: what happened, where, when, to whom, as one document reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .documents import Span

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


class PlaceRoles:
    """The place ids of a record's ``places``: all of them, the targets and the origins."""

    __slots__ = ()
    places: tuple[IncidentPlace, ...]

    @property
    def place_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places)

    @property
    def target_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places if p.role == "target")

    @property
    def origin_ids(self) -> tuple[str, ...]:
        return tuple(p.place_id for p in self.places if p.role == "origin")


@dataclass(frozen=True, slots=True)
class Incident(PlaceRoles):
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
