"""timeline.json: the whole timeline (documents, times, places, incidents with place ids, graph as node-link)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Timeline


def _document(timeline: Timeline) -> dict[str, Any]:
    document = timeline.document
    return {
        "id": document.id,
        "title": document.title,
        "published": document.published,
        "source": document.source,
        "url": document.url,
        "text": document.text,
    }


def _times(timeline: Timeline) -> list[dict[str, Any]]:
    return [{**t.to_dict(), "document_id": timeline.document.id} for t in timeline.times]


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """A JSON-ready dict. Offsets in ``times``, place mentions and incident mentions index the ``text`` of the
    document named by their ``document_id`` (one document unless several files were combined)."""
    from ..graph import to_node_link

    parts = timeline.parts or (timeline,)
    return {
        "documents": [_document(part) for part in parts],
        "notes": list(timeline.notes),
        "times": [time for part in parts for time in _times(part)],
        "places": [place.to_dict() for place in timeline.places],
        "incidents": [incident.to_dict() for incident in timeline.incidents],
        "graph": to_node_link(timeline.graph) if timeline.graph is not None else None,
    }


def to_json(timeline: Timeline, indent: int | None = 2) -> str:
    # Sorted keys: the same timeline gives the same bytes whatever order its dicts were filled in.
    return json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
