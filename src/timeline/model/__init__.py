"""Frozen, typed records that flow through the pipeline.

Data flows one way: text -> time expressions and places -> incidents -> timeline -> exports and charts.
Every span is a pair of character offsets into the untouched text of its document.

- ``text``: TimeExpression: all the temporal engine makes and needs.
- ``documents``: Span, Document.
- ``places``: PlaceMention, Place.
- ``incidents``: IncidentPlace, IncidentMention, Incident.
- ``timelines``: Timeline.

Every record is importable from here. The modules other than ``text`` load on first use, so that a process that
only finds times does not build record classes it never makes (each frozen dataclass costs about a millisecond).
"""

from __future__ import annotations

from importlib import import_module

from .text import TIME_TYPES, TimeExpression

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

    from .documents import Document, Span
    from .incidents import TIME_PRECISIONS, DateBasis, Incident, IncidentMention, IncidentPlace, PlaceRole
    from .places import PLACE_SPECIFICITY, Place, PlaceKind, PlaceMention
    from .text import TimeType
    from .timelines import Timeline

# name -> the module of this package that defines it
_LAZY: dict[str, str] = {
    "PLACE_SPECIFICITY": ".places",
    "Place": ".places",
    "PlaceKind": ".places",
    "PlaceMention": ".places",
    "Document": ".documents",
    "Span": ".documents",
    "DateBasis": ".incidents",
    "Incident": ".incidents",
    "IncidentMention": ".incidents",
    "IncidentPlace": ".incidents",
    "PlaceRole": ".incidents",
    "TIME_PRECISIONS": ".incidents",
    "TimeType": ".text",
    "Timeline": ".timelines",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'timeline.model' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "PLACE_SPECIFICITY",
    "TIME_PRECISIONS",
    "TIME_TYPES",
    "DateBasis",
    "Document",
    "Incident",
    "IncidentMention",
    "IncidentPlace",
    "Place",
    "PlaceKind",
    "PlaceMention",
    "PlaceRole",
    "Span",
    "TimeExpression",
    "TimeType",
    "Timeline",
]
