"""The location graph: nodes keyed by place id, part_of / near / same_name / incident edges, exports."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import networkx as nx
import pytest

import timeline
from timeline.errors import ExportError, InputError
from timeline.graph import (
    add_incident_edge,
    from_node_link,
    incident_counts,
    location_graph,
    to_node_link,
    write_gexf,
    write_graphml,
    write_node_link,
)
from timeline.model import Place
from timeline.places import default_gazetteer

TEXT = (
    "Shells hit the Russian town of Donetsk, close to the nearby Ukrainian city of Donetsk. "
    "Mortars struck the Gukovo checkpoint. Civilians left Maryinka, a suburb of Donetsk."
)
DONETSK_RU, DONETSK_UA = "geonames:565348", "geonames:709717"


@pytest.fixture()
def graph() -> nx.MultiDiGraph:
    return location_graph(timeline.places(TEXT))


def _relations(graph: nx.MultiDiGraph, source: str, target: str) -> dict[str, dict]:
    return {data["relation"]: data for data in (graph.get_edge_data(source, target) or {}).values()}


def test_nodes_are_place_ids_with_their_fields(graph: nx.MultiDiGraph) -> None:
    node = graph.nodes[DONETSK_RU]
    assert node == {
        "name": "Donetsk", "kind": "town", "country": "RU", "region": "Rostov-on-Don region",
        "latitude": 48.33711, "longitude": 39.95229, "population": 50850, "precision": 1, "mentions": 1,
        "incidents": 0,
    }
    assert graph.nodes[DONETSK_UA]["mentions"] == 2


def test_the_two_donetsks_share_a_name_and_are_near(graph: nx.MultiDiGraph) -> None:
    edges = _relations(graph, DONETSK_UA, DONETSK_RU)
    assert edges["near"] == {"relation": "near", "distance_km": 163.2}
    same = _relations(graph, DONETSK_RU, DONETSK_UA)["same_name"]
    assert same == {"relation": "same_name", "distance_km": 163.2, "name": "donetsk"}


def test_part_of_chains_up_to_the_country(graph: nx.MultiDiGraph) -> None:
    chain = ["geonames:558082#checkpoint", "geonames:558082", "admin1:RU.61", "geonames:2017370"]
    for child, parent in itertools.pairwise(chain):
        assert "part_of" in _relations(graph, child, parent)
    assert graph.nodes["geonames:558082"]["mentions"] == 0  # the town, added to complete the hierarchy
    assert graph.nodes["admin1:RU.61"]["kind"] == "region"
    assert _relations(graph, "geonames:558082#checkpoint", "geonames:558082")["part_of"]["distance_km"] == 0.0


def test_a_suburb_is_part_of_its_city(graph: nx.MultiDiGraph) -> None:
    edge = _relations(graph, "geonames:701845", DONETSK_UA)["part_of"]
    assert edge == {"relation": "part_of", "distance_km": 23.7}


def test_without_ancestors_only_named_places_are_nodes() -> None:
    places = timeline.places(TEXT)
    graph = location_graph(places, ancestors=False)
    assert set(graph.nodes) == {place.id for place in places}
    assert "part_of" in _relations(graph, "geonames:701845", DONETSK_UA)


def test_every_edge_has_a_known_relation(graph: nx.MultiDiGraph) -> None:
    assert {data["relation"] for _, _, data in graph.edges(data=True)} == {"part_of", "near", "same_name"}


def test_incident_edges_count_on_both_ends(graph: nx.MultiDiGraph) -> None:
    key = add_incident_edge(graph, DONETSK_UA, DONETSK_RU, date="2014-07-13", killed=1, note=None)
    assert graph.edges[DONETSK_UA, DONETSK_RU, key] == {
        "relation": "incident", "distance_km": 163.2, "date": "2014-07-13", "killed": 1,
    }
    add_incident_edge(graph, DONETSK_RU, DONETSK_RU, date="2014-07-14")
    counts = incident_counts(graph)
    assert (counts[DONETSK_RU], counts[DONETSK_UA], counts["geonames:701845"]) == (2, 1, 0)


def test_an_incident_may_bring_its_own_place(graph: nx.MultiDiGraph) -> None:
    elsewhere = Place("local:ua:village:khutir-tykhyi", "Khutir Tykhyi", "village", "UA")
    add_incident_edge(graph, elsewhere, DONETSK_UA)
    assert graph.nodes[elsewhere.id]["incidents"] == 1 and graph.nodes[elsewhere.id]["mentions"] == 0


def test_an_incident_at_an_unknown_id_is_refused(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match="no place 'geonames:1' in the location graph"):
        add_incident_edge(graph, "geonames:1", DONETSK_UA)


def test_location_graph_wants_places() -> None:
    with pytest.raises(InputError, match="needs Place objects"):
        location_graph(["Donetsk"])  # type: ignore[list-item]


# --- exports ----------------------------------------------------------------------------------------------


def test_node_link_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    data = to_node_link(graph)
    assert set(data) >= {"nodes", "edges"} and data["directed"] and data["multigraph"]
    json.dumps(data)  # plain JSON, as stored inside timeline.json
    again = from_node_link(json.loads(json.dumps(data)))
    assert nx.utils.graphs_equal(graph, again)
    path = write_node_link(graph, tmp_path / "graph.json")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(data))


def test_graphml_is_readable_back(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    add_incident_edge(graph, DONETSK_UA, DONETSK_RU, sources=["report"])
    path = write_graphml(graph, tmp_path / "graph.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert back.nodes[DONETSK_RU]["population"] == 50850
    relations = sorted(data["relation"] for _, _, data in back.edges(data=True))
    assert relations == sorted(data["relation"] for _, _, data in graph.edges(data=True))
    incident = next(data for _, _, data in back.edges(data=True) if data["relation"] == "incident")
    assert incident["sources"] == '["report"]'  # lists become JSON strings


def test_gexf_has_positions_from_coordinates(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_gexf(graph, tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.nodes[DONETSK_UA]["viz"]["position"]["x"] == pytest.approx(37.80224)
    assert "viz" not in graph.nodes[DONETSK_UA]  # positions are added to the export only


def test_an_unwritable_export_is_an_export_error(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        write_graphml(graph, tmp_path / "missing-folder" / "graph.graphml")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(
    graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.graphml"
    target.write_text("previous", encoding="utf-8")

    def half_then_fail(graph: object, stream, encoding: str) -> None:
        stream.write(b"<?xml half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nx, "write_graphml", half_then_fail)
    with pytest.raises(ExportError, match="No space left on device"):
        write_graphml(graph, target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_default_gazetteer_supplies_ancestors() -> None:
    place = timeline.places("Fighting spread to Luhansk.")[0]
    graph = location_graph([place], gazetteer=default_gazetteer())
    assert sorted(graph.nodes) == ["admin1:UA.14", "geonames:690791", "geonames:702658"]
