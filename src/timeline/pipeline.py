"""``timeline.build``: a text in, a Timeline out (times -> places -> incidents -> ordered timeline and graph).

The module is ``pipeline`` rather than ``build`` so that ``timeline.build`` can be the function.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from .config import MODES, Config
from .errors import AnchorError, InputError, InputTooLarge
from .incidents import extract_incidents
from .model import PLACE_SPECIFICITY, Document, Incident, Place, Timeline
from .sources import Source, parse_published


def order_key(incident: Incident, position: int) -> tuple[Any, ...]:
    """Dated incidents by the start of their span (a shorter span first on the same start), undated ones last,
    each group in text order."""
    if incident.date_start is None:
        return (1, "", "", position)
    return (0, incident.date_start, incident.date_end or incident.date_start, position)


def ordered(incidents: Sequence[Incident], prefix: str = "") -> tuple[Incident, ...]:
    """Incidents in timeline order, numbered ``I1``, ``I2``... in that order."""
    keyed = sorted(enumerate(incidents), key=lambda pair: order_key(pair[1], pair[0]))
    return tuple(replace(incident, id=f"{prefix}I{n}") for n, (_, incident) in enumerate(keyed, 1))


def primary_place(incident: Incident, places: dict[str, Place]) -> Place | None:
    """Where an incident happened, for one-row-per-incident exports: its most specific target."""
    targets = [places[i] for i in incident.target_ids if i in places]
    if not targets:
        return None
    return min(targets, key=lambda p: (PLACE_SPECIFICITY.get(p.kind, 2), incident.target_ids.index(p.id)))


def incident_graph(places: Sequence[Place], incidents: Sequence[Incident]) -> Any:
    """The location graph of the places, with one ``incident`` edge per incident and target: from its origin
    (``from across the border``) to the target, or a self-loop at the target when no origin is known."""
    from .graph import add_incident_edge, location_graph

    graph = location_graph(places)
    by_id = {p.id: p for p in places}
    for incident in incidents:
        origins = [o for o in incident.origin_ids if o in by_id] or [None]
        for target in incident.target_ids:
            if target not in by_id:
                continue
            for origin in origins:
                add_incident_edge(
                    graph,
                    origin or target,
                    target,
                    incident=incident.id,
                    type=incident.type,
                    date=incident.date,
                    killed=incident.killed,
                    injured=incident.injured,
                )
    return graph


@contextmanager
def _stage(timings: dict[str, float] | None, name: str) -> Iterator[None]:
    """Add the seconds the block takes to ``timings[name]`` (for ``timeline doctor`` and the benchmarks)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def build_document(
    document: Document,
    config: Config | None = None,
    notes: Iterable[str] = (),
    timings: dict[str, float] | None = None,
) -> Timeline:
    """The timeline of one Document (its ``published`` is the anchor of relative dates in news mode).

    ``timings``, when given, receives the seconds each stage took: ``times``, ``places``, ``incidents``,
    ``graph``.
    """
    from . import places as find_places
    from .temporal import find_times

    config = config or Config()
    if config.mode == "news" and not document.published:
        raise AnchorError("no publication date: give published=YYYY-MM-DD (relative dates need it)")
    with _stage(timings, "times"):
        times = find_times(document.text, document.published, config=config)
    with _stage(timings, "places"):
        found_places = tuple(find_places(document.text))
    with _stage(timings, "incidents"):
        found = extract_incidents(document.text, times, found_places, document_id=document.id)
        if config.mode == "news" and document.published:
            # News reports what happened: an incident dated after publication is a forecast or a plan.
            found = tuple(i for i in found if not (i.date_start and i.date_start > document.published[:10]))
        incidents = ordered(found)
    with _stage(timings, "graph"):
        graph = incident_graph(found_places, incidents)
    return Timeline(
        document=document,
        incidents=incidents,
        times=tuple(times),
        places=found_places,
        graph=graph,
        notes=tuple(notes),
    )


# A lone surrogate is a str Python accepts but no output can encode (UTF-8 refuses it): refused at the door.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(name: str, value: str) -> None:
    found = _SURROGATE.search(value)
    if found:
        raise InputError(
            f"{name}: an unpaired surrogate (U+{ord(found.group()):04X}) at offset {found.start()} is not text; "
            "decode the bytes with errors='replace'"
        )


def build(
    text: str,
    published: str | date | datetime | None = None,
    mode: str | None = None,
    config: Config | None = None,
    *,
    document_id: str = "document",
    title: str = "",
    source: str = "",
    url: str = "",
) -> Timeline:
    """The timeline of an article: its incidents ordered by date, its times, places and location graph.

    ``mode`` is ``news`` (the default: relative dates resolve against ``published``) or ``narrative``.

    >>> timeline = build("On Monday, rebels shelled the airport.", published="2014-07-14")  # doctest: +SKIP
    """
    if not isinstance(text, str):
        raise InputError(f"build() needs text (str), not {type(text).__name__}")
    for name, value in (("text", text), ("title", title), ("source", source), ("url", url), ("id", document_id)):
        _check_unicode(name, value)
    config = config or Config()
    if len(text) > config.max_article_chars:
        raise InputTooLarge(
            f"text: {len(text):,} characters is more than an article (the limit is {config.max_article_chars:,}: "
            "Config.max_article_chars)"
        )
    if mode is not None:
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        config = config.with_(mode=mode)
    document = Document(
        text=text,
        id=document_id,
        published=parse_published(published, "published"),
        source=source,
        url=url,
        title=title,
    )
    return build_document(document, config)


def build_source(source: Source, config: Config | None = None) -> Timeline:
    notes = []
    if source.document.published:
        origin = f" (from {source.published_from})" if source.published_from else ""
        notes.append(f"{source.document.id}: published {source.document.published}{origin}")
    return build_document(source.document, config, notes)


def combine(timelines: Sequence[Timeline]) -> Timeline:
    """One timeline of several documents: incidents from all of them in date order (ids prefixed by the
    document's number when there are several), places merged by id, one graph."""
    if len(timelines) == 1:
        return timelines[0]
    incidents: list[Incident] = []
    places: dict[str, Place] = {}
    for timeline in timelines:
        incidents.extend(timeline.incidents)
        for place in timeline.places:
            places.setdefault(place.id, place)
    renumbered = ordered(incidents)
    document = Document(text="", id="+".join(t.document.id for t in timelines), title=f"{len(timelines)} documents")
    return Timeline(
        document=document,
        incidents=renumbered,
        times=(),
        places=tuple(places.values()),
        graph=incident_graph(tuple(places.values()), renumbered),
        notes=tuple(note for t in timelines for note in t.notes),
        parts=tuple(timelines),
    )
