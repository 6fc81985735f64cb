"""timeline: news articles to timelines of dated incidents and a graph of the places involved.

Public API::

    find_times(text, anchor, mode="news")  -> tuple[TimeExpression, ...]
    places(text)                            -> tuple[Place, ...]
    location_graph(places)                  -> networkx.MultiDiGraph keyed by place id
    build(text, published=..., mode="news") -> Timeline (incidents in date order, times, places, graph)
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import places
from .config import Config
from .errors import (
    AnchorError,
    DecodeError,
    ExportError,
    GazetteerError,
    InputError,
    InputTooLarge,
    RuleError,
    TimelineError,
    TimeMLError,
)
from .graph import add_incident_edge, location_graph
from .incidents import extract_incidents
from .model import (
    Document,
    Incident,
    IncidentMention,
    IncidentPlace,
    Place,
    PlaceMention,
    Span,
    TimeExpression,
    Timeline,
)
from .pipeline import build
from .temporal import find_times

__all__ = [
    "AnchorError",
    "Config",
    "DecodeError",
    "Document",
    "ExportError",
    "GazetteerError",
    "Incident",
    "IncidentMention",
    "IncidentPlace",
    "InputError",
    "InputTooLarge",
    "Place",
    "PlaceMention",
    "RuleError",
    "Span",
    "TimeExpression",
    "TimeMLError",
    "Timeline",
    "TimelineError",
    "__version__",
    "add_incident_edge",
    "build",
    "extract_incidents",
    "find_times",
    "location_graph",
    "places",
]
