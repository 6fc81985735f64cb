"""Building TimeExpression and Place objects by hand, so the incident extractor is tested on its own."""

from __future__ import annotations

from timeline.model import Place, PlaceMention, TimeExpression


def time(text: str, phrase: str, value: str, occurrence: int = 0, kind: str = "DATE") -> TimeExpression:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TimeExpression(start, start + len(phrase), phrase, kind, value)  # type: ignore[arg-type]


def place(
    text: str,
    place_id: str,
    name: str,
    kind: str = "town",
    country: str = "XX",
    written: str | None = None,
    parent_id: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Place:
    written = written or name
    mentions = []
    start = text.find(written)
    while start >= 0:
        mentions.append(PlaceMention(start, start + len(written), written))
        start = text.find(written, start + 1)
    return Place(
        place_id, name, kind, country, None, latitude, longitude, None, 1, parent_id, tuple(mentions)  # type: ignore[arg-type]
    )
