"""Recognition and resolution of places: the must-show cases on a seed-like article written for these tests,
same-name places told apart by their cues, cue-found places, offsets, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import timeline
from timeline.cli import main
from timeline.errors import InputError
from timeline.model import Place

# Our own report of the 13-14 July 2014 border shelling, on the facts of the seed article.
SEEDLIKE = """Russia warns of retaliation after deadly shell strike across the border

Moscow, July 14 — A shell fired from Ukraine landed on Sunday in the Russian town of Donetsk, in the Rostov \
region, killing a man of 46 and injuring two other residents, Russian officials said. The town shares its name \
with Donetsk, Ukraine, the rebel-held regional capital some 160 km to the west, where government troops are \
pressing an offensive against separatist fighters in the east Ukrainian cities of Donetsk and Luhansk.

On Saturday, according to Russian border guards, several rounds fell on the neighboring Kuibyshev district of \
Russia. Earlier incidents hit the Novoshakhtinsk checkpoint on June 20 and again in early July, and mortar fire \
struck the Gukovo checkpoint on June 28. Jets from Ukraine crossed into Russian airspace the same day.

Officials in Kiev denied that their forces had fired across the frontier. President Poroshenko said his army \
would press on. Speaking to the Guardian, an adviser in Moscow said retaliation was possible. Demonstrators \
returned to Independence Square in Kiev on Sunday.

Separatist leaders said they had started moving civilians out of Maryinka, a suburb of Donetsk, after heavy \
shelling there. Refugees from Donetsk and Luhansk keep crossing into Russia.
"""

DONETSK_RU, DONETSK_UA = "geonames:565348", "geonames:709717"


@pytest.fixture(scope="module")
def seedlike() -> dict[str, Place]:
    return {place.id: place for place in timeline.places(SEEDLIKE)}


def _texts(place: Place) -> list[str]:
    return [mention.text for mention in place.mentions]


# --- the must-show cases ----------------------------------------------------------------------------------


def test_the_two_donetsks_are_two_places(seedlike: dict[str, Place]) -> None:
    russian, ukrainian = seedlike[DONETSK_RU], seedlike[DONETSK_UA]
    assert (russian.name, russian.kind, russian.country, russian.region) == ("Donetsk", "town", "RU", "Rostov region")
    assert (ukrainian.name, ukrainian.kind, ukrainian.country) == ("Donetsk", "city", "UA")
    # One mention is the Russian town (its cue), the others the Ukrainian city: resolved mention by mention.
    assert [m.start for m in russian.mentions] == [SEEDLIKE.index("Donetsk")]
    assert len(ukrainian.mentions) == 4


def test_checkpoints_and_the_district_are_in_russia(seedlike: dict[str, Place]) -> None:
    expected = {
        "geonames:517963#checkpoint": ("Novoshakhtinsk checkpoint", "checkpoint", "geonames:517963"),
        "geonames:558082#checkpoint": ("Gukovo checkpoint", "checkpoint", "geonames:558082"),
        "geonames:538061#district": ("Kuibyshev district", "district", "geonames:538061"),  # seat: Kuybyshevo
    }
    for place_id, (name, kind, town) in expected.items():
        place = seedlike[place_id]
        assert (place.name, place.kind, place.country, place.parent_id, place.precision) == (name, kind, "RU", town, 2)
        assert place.region == "Rostov region"


def test_maryinka_is_a_suburb_of_ukrainian_donetsk(seedlike: dict[str, Place]) -> None:
    maryinka = seedlike["geonames:701845"]
    assert (maryinka.kind, maryinka.country, maryinka.parent_id) == ("suburb", "UA", DONETSK_UA)
    assert _texts(maryinka) == ["Maryinka"]


def test_luhansk_kiev_and_moscow_are_found(seedlike: dict[str, Place]) -> None:
    assert _texts(seedlike["geonames:702658"]) == ["Luhansk", "Luhansk"]
    assert (seedlike["geonames:703448"].name, _texts(seedlike["geonames:703448"])) == ("Kyiv", ["Kiev", "Kiev"])
    assert _texts(seedlike["geonames:524901"]) == ["Moscow", "Moscow"]


def test_people_papers_and_squares_are_not_towns(seedlike: dict[str, Place]) -> None:
    mentions = {text for place in seedlike.values() for text in _texts(place)}
    assert not mentions & {"Poroshenko", "Guardian", "Independence"}
    square = seedlike["geonames:703448#square:independence-square"]
    assert (square.name, square.kind, square.parent_id) == ("Independence Square", "square", "geonames:703448")


def test_the_region_and_the_airspace(seedlike: dict[str, Place]) -> None:
    region = seedlike["admin1:RU.61"]
    assert (region.name, region.kind, region.country, region.precision) == ("Rostov region", "region", "RU", 3)
    airspace = seedlike["geonames:2017370#airspace"]
    assert (airspace.name, airspace.kind, airspace.parent_id) == ("Russia airspace", "airspace", "geonames:2017370")


def test_every_mention_points_into_the_untouched_text(seedlike: dict[str, Place]) -> None:
    for place in seedlike.values():
        for mention in place.mentions:
            assert SEEDLIKE[mention.start : mention.end] == mention.text


def test_places_come_in_order_of_first_mention(seedlike: dict[str, Place]) -> None:
    firsts = [place.mentions[0].start for place in seedlike.values()]
    assert firsts == sorted(firsts)


# --- same-name places, told apart by their cues -----------------------------------------------------------

SAME_NAMES = [
    ("The tornado tore through Paris, Texas, on Monday night.", "Paris", "geonames:4717560", "US"),
    ("Fashion week opened in Paris, France, with record crowds.", "Paris", "geonames:2988507", "FR"),
    ("Farmers near the Texas city of Paris lost their crops.", "Paris", "geonames:4717560", "US"),
    ("Protesters marched through the French capital, Paris, all weekend.", "Paris", "geonames:2988507", "FR"),
    ("Clashes broke out in Tripoli, Lebanon, between rival neighbourhoods.", "Tripoli", "geonames:266826", "LB"),
    ("Militias shelled the airport in Tripoli, Libya, overnight.", "Tripoli", "geonames:2210247", "LY"),
    ("Gunmen fought in the northern Lebanese city of Tripoli.", "Tripoli", "geonames:266826", "LB"),
    ("The Libyan capital, Tripoli, lost power again.", "Tripoli", "geonames:2210247", "LY"),
    ("Commuters in Alexandria, Virginia, faced long delays.", "Alexandria", "geonames:4744091", "US"),
    ("The old library of Alexandria, Egypt, reopened after repairs.", "Alexandria", "geonames:361058", "EG"),
    ("Voters in the U.S. state of Georgia went to the polls.", "Georgia", "geonames:4197000", "US"),
    ("Russian troops crossed into Georgia, the former Soviet republic, in 2008.", "Georgia", "geonames:614540", "GE"),
    ("Tanks rolled toward Tbilisi, Georgia, as talks failed.", "Georgia", "geonames:614540", "GE"),
    ("A storm hit Savannah, Georgia, and flooded the port.", "Georgia", "geonames:4197000", "US"),
    ("Officials in Atlanta said Georgia would recount the ballots.", "Georgia", "geonames:4197000", "US"),
    ("The Georgian army left Gori. Georgia then asked for a ceasefire.", "Georgia", "geonames:614540", "GE"),
]


@pytest.mark.parametrize(("text", "name", "place_id", "country"), SAME_NAMES, ids=[c[0][:45] for c in SAME_NAMES])
def test_same_name_places_are_resolved_by_their_cues(text: str, name: str, place_id: str, country: str) -> None:
    found = [place for place in timeline.places(text) if name in _texts(place)]
    assert [(place.id, place.country) for place in found] == [(place_id, country)]


def test_without_a_cue_the_bigger_namesake_wins() -> None:
    assert [p.id for p in timeline.places("Delegates flew to Paris for the talks.")] == ["geonames:2988507"]
    assert [p.id for p in timeline.places("Shelling resumed around Donetsk.")] == [DONETSK_UA]


def test_the_document_pulls_later_mentions_toward_resolved_places() -> None:
    text = "Hail fell on Paris, Texas, at noon. By evening Paris was cleaning up. Donetsk, Russia, was quiet. " \
           "Later, Donetsk residents went out."
    places = {p.id: p for p in timeline.places(text)}
    assert len(places["geonames:4717560"].mentions) == 2 and "geonames:2988507" not in places
    assert len(places[DONETSK_RU].mentions) == 2 and DONETSK_UA not in places


def test_nearby_places_pull_an_ambiguous_district_toward_them() -> None:
    # Three Russian places answer to Kuibyshev; the one whose seat is 97 km from Donetsk, Russia, wins.
    text = "Donetsk, Russia, was shelled. Later, Russia's neighboring Kuibyshev district was hit too."
    district = next(p for p in timeline.places(text) if p.kind == "district")
    assert (district.id, district.country) == ("geonames:538061#district", "RU")


# --- spellings and cues -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Trains left Kiev at dawn.", "geonames:703448"),
        ("Trains left Kyiv at dawn.", "geonames:703448"),
        ("Fighting spread to Lugansk.", "geonames:702658"),
        ("Fighting spread to Luhansk.", "geonames:702658"),
        ("Residents fled Marinka overnight.", "geonames:701845"),
        ("Residents fled Mar'inka overnight.", "geonames:701845"),
        ("Shelling hit the Russian town of Kuybyshevo.", "geonames:538061"),
        ("Shelling hit the Russian town of Kuibyshevo.", "geonames:538061"),
    ],
)
def test_alternate_spellings(text: str, place_id: str) -> None:
    assert [place.id for place in timeline.places(text)] == [place_id]


def test_a_place_the_gazetteer_lacks_is_found_by_its_cue() -> None:
    places = timeline.places("Shells landed in the Ukrainian village of Khutir Tykhyi, officials said.")
    assert [(p.id, p.name, p.kind, p.country, p.precision, p.parent_id) for p in places] == [
        ("local:ua:village:khutir-tykhyi", "Khutir Tykhyi", "village", "UA", 3, "geonames:690791")
    ]


def test_a_place_the_gazetteer_lacks_sits_in_the_region_the_sentence_names() -> None:
    places = timeline.places("Shells hit the village of Mytyakinskaya in the Rostov region.")
    assert [(p.id, p.country, p.region, p.parent_id) for p in places] == [
        ("local:ru:village:mytyakinskaya", "RU", "Rostov region", "admin1:RU.61"),
        ("admin1:RU.61", "RU", "Rostov region", "geonames:2017370"),
    ]


def test_an_unknown_checkpoint_and_a_region_from_cues() -> None:
    places = timeline.places("Fighting moved to the Brindlemoor checkpoint and the Rostov region.")
    assert [(p.id, p.name, p.kind) for p in places] == [
        ("local:xx:checkpoint:brindlemoor-checkpoint", "Brindlemoor checkpoint", "checkpoint"),
        ("admin1:RU.61", "Rostov region", "region"),
    ]


def test_plural_region_cues_make_one_region_per_name() -> None:
    places = timeline.places("Separatists hold the Donetsk and Luhansk regions.")
    assert [(p.id, p.name, p.parent_id) for p in places] == [
        ("admin1:UA.05", "Donetsk region", "geonames:690791"),
        ("admin1:UA.14", "Luhansk region", "geonames:690791"),
    ]


def test_a_district_of_a_city_belongs_to_that_city() -> None:
    places = timeline.places("The Petrovsky district of Donetsk was shelled.")
    assert [(p.id, p.kind, p.parent_id) for p in places] == [
        ("geonames:709717#district:petrovsky-district", "district", DONETSK_UA),
        (DONETSK_UA, "city", "admin1:UA.05"),
    ]


def test_airspace_after_a_possessive_country() -> None:
    places = timeline.places("Jets violated Ukraine's airspace twice.")
    assert [(p.id, p.mentions[0].text) for p in places] == [("geonames:690791#airspace", "Ukraine's airspace")]


def test_near_cue_links_two_places() -> None:
    places = {p.name: p for p in timeline.places("A convoy reached Novoazovsk, near Mariupol, before dawn.")}
    assert places["Novoazovs'k"].near == ("geonames:701822",)
    assert places["Mariupol"].near == ()


def test_the_nearby_namesake_is_near_the_first() -> None:
    text = "Shells hit the Russian town of Donetsk, not far from the nearby Ukrainian city of Donetsk."
    places = {p.id: p for p in timeline.places(text)}
    assert places[DONETSK_UA].near == (DONETSK_RU,)


def test_to_dict_carries_every_field() -> None:
    place = timeline.places("Fighting spread to Luhansk.")[0]
    assert place.to_dict() == {
        "id": "geonames:702658", "name": "Luhansk", "kind": "city", "country": "UA", "region": "Luhansk region",
        "latitude": 48.56814, "longitude": 39.30553, "population": 397677, "precision": 1,
        "parent_id": "admin1:UA.14", "mentions": [{"start": 19, "end": 26, "text": "Luhansk"}], "near": [],
    }


# --- bad input --------------------------------------------------------------------------------------------


def test_empty_and_placeless_texts_give_no_places() -> None:
    assert timeline.places("") == ()
    assert timeline.places("nothing here but lower case words.") == ()


def test_text_must_be_a_string() -> None:
    with pytest.raises(InputError, match="places\\(\\) needs text"):
        timeline.places(b"Donetsk")  # type: ignore[arg-type]


# --- command line -----------------------------------------------------------------------------------------


def test_cli_prints_one_json_object_per_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "article.txt"
    source.write_text(SEEDLIKE, encoding="utf-8")
    assert main(["places", str(source), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [p.to_dict() for p in timeline.places(SEEDLIKE)]


def test_cli_table_and_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "article.txt"
    source.write_text("Fighting spread to Luhansk.", encoding="utf-8")
    assert main(["places", str(source), "--graph", str(tmp_path / "places.graphml")]) == 0
    assert capsys.readouterr().out == "geonames:702658\tcity\tLuhansk\tLuhansk region, UA\t1 mention(s)\n"
    assert (tmp_path / "places.graphml").read_text(encoding="utf-8").startswith("<?xml")


def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", str(tmp_path / "missing.txt")]) == 2
    assert capsys.readouterr().err == f"timeline: error: {tmp_path / 'missing.txt'}: no such file\n"
    source = tmp_path / "article.txt"
    source.write_text("Luhansk.", encoding="utf-8")
    assert main(["places", str(source), "--graph", str(tmp_path / "graph.png")]) == 2
    assert "must end in .graphml, .gexf or .json" in capsys.readouterr().err
