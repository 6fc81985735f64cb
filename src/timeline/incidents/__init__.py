"""Incidents: who did what, where, when and to whom, read from a text with its times and places.

    extract_incidents(text, times, places) -> tuple[Incident, ...]   (in text order)

The trigger lexicon, the taxonomy (mapped onto ACLED's event types) and the function words live in
``timeline/incidents/data/*.toml``; their examples run as tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Incident, Place, TimeExpression
from .extract import document_candidates, make_context
from .lexicon import IncidentType, Lexicon, load_lexicon
from .merge import cluster_candidates, to_incident


def extract_incidents(
    text: str,
    times: Sequence[TimeExpression] = (),
    places: Sequence[Place] = (),
    document_id: str = "",
    lexicon: Lexicon | None = None,
) -> tuple[Incident, ...]:
    """The incidents ``text`` reports, in the order of their first mention.

    ``times`` are the text's resolved time expressions (``timeline.find_times``) and ``places`` its places
    (``timeline.places``); incidents take their dates and places only from these, never from the publication date.
    """
    lexicon = lexicon or load_lexicon()
    context = make_context(text, times, places, lexicon)
    clusters = cluster_candidates(context, document_candidates(context))
    return tuple(to_incident(context, cluster, n, document_id) for n, cluster in enumerate(clusters, 1))


def incident_types() -> dict[str, IncidentType]:
    """The taxonomy: type key -> label, ACLED event type and sub-event type, colour."""
    return dict(load_lexicon().types)


__all__ = ["IncidentType", "extract_incidents", "incident_types", "load_lexicon"]
