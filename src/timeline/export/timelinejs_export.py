"""timelinejs.json: the Knight Lab TimelineJS3 format (https://timeline.knightlab.com/docs/json-format.html).

A slide per dated incident: a day-precise incident has a start date; a week or a span of days a start and an end
date; a month or a year only the parts it knows. Undated incidents cannot sit on a time axis: the title slide
lists them.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from ..incidents import incident_types
from ..model import Incident, Timeline
from ..pipeline import primary_place


def _date(day: str, precision: int) -> dict[str, str]:
    value = date.fromisoformat(day)
    parts = {"year": str(value.year)}
    if precision <= 3:
        parts["month"] = str(value.month)
    if precision <= 2:
        parts["day"] = str(value.day)
    return parts


def headline(incident: Incident, place_name: str | None) -> str:
    label = incident_types()[incident.type].label
    where = f" — {place_name}" if place_name else ""
    return f"{label[:1].upper()}{label[1:]}{where}"


def _text(timeline: Timeline, incident: Incident) -> str:
    from .csv_export import _sentence

    lines = []
    if incident.actor1:
        lines.append(f"<b>By:</b> {html.escape(incident.actor1)}")
    if incident.actor2:
        lines.append(f"<b>Against:</b> {html.escape(incident.actor2)}")
    casualties = []
    if incident.killed is not None:
        casualties.append(f"{incident.killed} killed")
    if incident.injured is not None:
        casualties.append(f"{incident.injured} injured")
    if casualties:
        lines.append(f"<b>Casualties:</b> {', '.join(casualties)}")
    lines.append(f"<i>{html.escape(_sentence(timeline, incident))}</i>")
    return "<br>".join(lines)


def to_timelinejs(timeline: Timeline) -> dict[str, Any]:
    places = {p.id: p for p in timeline.places}
    types = incident_types()
    events = []
    undated = []
    for incident in timeline.incidents:
        place = primary_place(incident, places)
        title = headline(incident, place.name if place else None)
        if incident.date_start is None or incident.time_precision is None:
            undated.append(html.escape(title))
            continue
        event: dict[str, Any] = {
            "unique_id": incident.id,
            "start_date": _date(incident.date_start, incident.time_precision),
            "text": {"headline": html.escape(title), "text": _text(timeline, incident)},
            "group": types[incident.type].label,
        }
        if incident.time_precision == 2 and incident.date_end and incident.date_end != incident.date_start:
            event["end_date"] = _date(incident.date_end, 1)
        events.append(event)
    document = timeline.document
    intro = f"{len(events)} dated incidents"
    if undated:
        intro += f"; undated: {'; '.join(undated)}"
    return {
        "title": {
            "text": {
                "headline": html.escape(document.title or document.id or "Timeline"),
                "text": html.escape(f"Published {document.published}. ") * bool(document.published) + intro,
            }
        },
        "events": events,
    }
