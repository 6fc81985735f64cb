"""The must-show cases on the real seed article (../shared/reference), skipped when it is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "border-shelling-2014-07-14.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/reference is not available")

DONETSK_RU, DONETSK_UA = "geonames:565348", "geonames:709717"


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def places(text: str) -> dict[str, timeline.Place]:
    return {place.id: place for place in timeline.places(text)}


def test_two_donetsks_with_their_own_mentions(places: dict[str, timeline.Place], text: str) -> None:
    russian, ukrainian = places[DONETSK_RU], places[DONETSK_UA]
    assert (russian.country, ukrainian.country) == ("RU", "UA")
    # Every mention of the Russian town has a cue right there: "Russian town of", or ", Russia" after it.
    for mention in russian.mentions:
        around = text[mention.start - 20 : mention.end + 8]
        assert "Russian town of" in around or text[mention.end : mention.end + 8] == ", Russia"
    assert len(russian.mentions) == 3 and len(ukrainian.mentions) == 5


def test_checkpoints_district_and_maryinka(places: dict[str, timeline.Place]) -> None:
    for place_id in ("geonames:517963#checkpoint", "geonames:558082#checkpoint", "geonames:538061#district"):
        assert places[place_id].country == "RU"
    maryinka = places["geonames:701845"]
    assert (maryinka.country, maryinka.parent_id) == ("UA", DONETSK_UA)


def test_capitals_and_cities_found(places: dict[str, timeline.Place]) -> None:
    assert {"geonames:702658", "geonames:703448", "geonames:524901"} <= set(places)


def test_the_two_donetsks_are_linked_in_the_graph(places: dict[str, timeline.Place]) -> None:
    graph = timeline.location_graph(places.values())
    relations = {data["relation"] for data in graph.get_edge_data(DONETSK_UA, DONETSK_RU).values()}
    assert {"near", "same_name"} <= relations


def test_no_people_papers_or_squares_as_towns(places: dict[str, timeline.Place]) -> None:
    mentions = {mention.text for place in places.values() for mention in place.mentions}
    assert not mentions & {"Poroshenko", "Guardian", "Independence", "Merkel", "Times", "Right Sector"}
