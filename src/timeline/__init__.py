"""timeline: news articles to timelines of dated incidents and a graph of the places involved.

Public API::

    find_times(text, anchor, mode="news")  -> tuple[TimeExpression, ...]
    places(text)                            -> tuple[Place, ...]
    location_graph(places)                  -> networkx.MultiDiGraph keyed by place id
    build(text, published=..., mode="news") -> Timeline (incidents in date order, times, places, graph)
    build_corpus(documents, client=None)    -> CorpusResult (many articles merged into one timeline)
"""

from __future__ import annotations

__version__ = "0.1.0"

from importlib import import_module

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
from .model import TimeExpression

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

    from . import places
    from .corpus import build_corpus
    from .graph import add_incident_edge, location_graph
    from .incidents import extract_incidents
    from .model import Document, Incident, IncidentMention, IncidentPlace, Place, PlaceMention, Span, Timeline
    from .pipeline import build
    from .temporal import find_times

# The heavy parts load on first use, so that `find_times` does not pay for the gazetteer, networkx or
# matplotlib, nor for records it never makes: name -> (module, attribute; None for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "find_times": (".temporal", "find_times"),
    "places": (".places", None),
    "location_graph": (".graph", "location_graph"),
    "add_incident_edge": (".graph", "add_incident_edge"),
    "extract_incidents": (".incidents", "extract_incidents"),
    "build": (".pipeline", "build"),
    "build_corpus": (".corpus", "build_corpus"),
    "Document": (".model", "Document"),
    "Span": (".model", "Span"),
    "Incident": (".model", "Incident"),
    "IncidentMention": (".model", "IncidentMention"),
    "IncidentPlace": (".model", "IncidentPlace"),
    "Place": (".model", "Place"),
    "PlaceMention": (".model", "PlaceMention"),
    "Timeline": (".model", "Timeline"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


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
    "build_corpus",
    "extract_incidents",
    "find_times",
    "location_graph",
    "places",
]
