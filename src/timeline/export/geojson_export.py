"""places.geojson: the places with coordinates as points, and each incident that came from somewhere as a line
from its origin to its target."""

from __future__ import annotations

from typing import Any

from ..model import Timeline


def to_geojson(timeline: Timeline) -> dict[str, Any]:
    places = {p.id: p for p in timeline.places}
    touching: dict[str, list[str]] = {}
    for incident in timeline.incidents:
        for place_id in dict.fromkeys(incident.place_ids):
            touching.setdefault(place_id, []).append(incident.id)
    features: list[dict[str, Any]] = []
    for place in timeline.places:
        if place.latitude is None or place.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": place.id,
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": {
                    "feature": "place",
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "region": place.region,
                    "precision": place.precision,
                    "mentions": len(place.mentions),
                    "incident_count": len(touching.get(place.id, [])),
                    "incidents": touching.get(place.id, []),
                },
            }
        )
    for incident in timeline.incidents:
        for origin_id in incident.origin_ids:
            for target_id in incident.target_ids:
                origin, target = places.get(origin_id), places.get(target_id)
                if not origin or not target or None in (origin.latitude, target.latitude):
                    continue
                features.append(
                    {
                        "type": "Feature",
                        "id": f"{incident.id}:{origin_id}->{target_id}",
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[origin.longitude, origin.latitude], [target.longitude, target.latitude]],
                        },
                        "properties": {
                            "feature": "incident",
                            "incident": incident.id,
                            "type": incident.type,
                            "date": incident.date,
                            "killed": incident.killed,
                            "injured": incident.injured,
                        },
                    }
                )
    return {"type": "FeatureCollection", "features": features}
