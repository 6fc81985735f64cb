"""The location graph: the places of a document and how they relate.

A ``networkx.MultiDiGraph`` keyed by place id. Nodes carry the place's fields (``name``, ``kind``, ``country``,
``region``, ``latitude``, ``longitude``, ``population``, ``precision``), how often the text names it
(``mentions``; 0 for an ancestor added to complete the hierarchy) and how many incidents touch it
(``incidents``). Every edge has a ``relation``:

- ``part_of``   a place -> the place it belongs to: checkpoint, suburb, district, square -> town; town ->
                region -> country (ancestors the text does not name are added from the gazetteer);
- ``near``      the text says one place is near another ("the nearby Ukrainian city of Donetsk");
- ``same_name`` two places that share a name (stored once, from the first mentioned to the other);
- ``incident``  added later with :func:`add_incident_edge`: something happened from one place to another (or at
                one place, as a self-loop).

Edges get ``distance_km`` when both ends have coordinates. Attributes are never None (GraphML cannot store it):
an unknown value is simply absent.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExportError, InputError
from .model import Place

if TYPE_CHECKING:
    import networkx as nx

_GEXF_DATE = re.compile(rb' lastmodifieddate="[0-9-]{0,10}"')
RELATIONS = ("part_of", "near", "same_name", "incident")
_NODE_FIELDS = ("name", "kind", "country", "region", "latitude", "longitude", "population", "precision")


def _clean(attributes: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in attributes.items() if value is not None}


def _node_attributes(place: Place, mentioned: bool) -> dict[str, Any]:
    fields = {name: getattr(place, name) for name in _NODE_FIELDS}
    return _clean({**fields, "mentions": len(place.mentions) if mentioned else 0, "incidents": 0})


def _distance(graph: nx.MultiDiGraph, a: str, b: str) -> float | None:
    from .places.gazetteer import haversine_km

    first, second = graph.nodes[a], graph.nodes[b]
    if not all(key in node for node in (first, second) for key in ("latitude", "longitude")):
        return None
    return round(haversine_km(first["latitude"], first["longitude"], second["latitude"], second["longitude"]), 1)


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str, **attributes: Any) -> Any:
    distance = _distance(graph, source, target)
    return graph.add_edge(source, target, **_clean({"relation": relation, "distance_km": distance, **attributes}))


def _has_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str) -> bool:
    edges = graph.get_edge_data(source, target) or {}
    return any(data.get("relation") == relation for data in edges.values())


def _add_ancestors(graph: nx.MultiDiGraph, places: Iterable[Place], gazetteer: Any) -> None:
    from .places.resolve import place_of_entry  # the places package is loaded only when a graph needs it

    pending = [place for place in places if place.parent_id]
    while pending:
        place = pending.pop()
        parent_id = place.parent_id
        if parent_id is None or parent_id == place.id:
            continue
        if parent_id not in graph:
            entry = gazetteer.entry(parent_id) if gazetteer is not None else None
            if entry is None:
                continue
            # An ancestor the text does not name (a region, a country, the town of a checkpoint).
            ancestor = place_of_entry(entry, gazetteer)
            graph.add_node(ancestor.id, **_node_attributes(ancestor, mentioned=False))
            pending.append(ancestor)
        if not _has_edge(graph, place.id, parent_id, "part_of"):
            _add_edge(graph, place.id, parent_id, "part_of")


def _name_keys(place: Place) -> set[str]:
    from .places.lexicon import fold

    return {fold(place.name), *(fold(mention.text) for mention in place.mentions)} - {""}


def _add_same_names(graph: nx.MultiDiGraph, places: list[Place]) -> None:
    by_name: dict[str, list[int]] = {}
    for number, place in enumerate(places):
        for key in _name_keys(place):
            by_name.setdefault(key, []).append(number)
    pairs: dict[tuple[int, int], str] = {}
    for key, numbers in sorted(by_name.items()):
        for index, first in enumerate(numbers):
            for second in numbers[index + 1 :]:
                if places[first].id != places[second].id:
                    pairs.setdefault((first, second), key)
    for (first, second), key in sorted(pairs.items()):
        _add_edge(graph, places[first].id, places[second].id, "same_name", name=key)


def location_graph(places: Iterable[Place], *, gazetteer: Any = None, ancestors: bool = True) -> nx.MultiDiGraph:
    """The location graph of a document's places (see the module docstring for nodes and edges).

    ``ancestors`` adds the regions, countries and towns the places belong to even when the text does not name
    them; they come from ``gazetteer`` (the default one when None).
    """
    import networkx as nx  # imported on use: `import timeline` stays fast

    places = list(places)
    graph = nx.MultiDiGraph()
    for place in places:
        if not isinstance(place, Place):
            raise InputError(f"location_graph() needs Place objects, not {type(place).__name__}")
        graph.add_node(place.id, **_node_attributes(place, mentioned=True))
    if ancestors:
        if gazetteer is None:
            from .places.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        _add_ancestors(graph, places, gazetteer)
    else:
        for place in places:
            if place.parent_id in graph and place.parent_id != place.id:
                _add_edge(graph, place.id, place.parent_id, "part_of")
    for place in places:
        for other in place.near:
            if other in graph and not _has_edge(graph, place.id, other, "near"):
                _add_edge(graph, place.id, other, "near")
    _add_same_names(graph, places)
    return graph


# --- incidents ----------------------------------------------------------------------------------------------


def _node_id(graph: nx.MultiDiGraph, place: str | Place) -> str:
    if isinstance(place, Place):
        if place.id not in graph:
            graph.add_node(place.id, **_node_attributes(place, mentioned=True))
        return place.id
    if place not in graph:
        raise InputError(f"no place {place!r} in the location graph")
    return place


def add_incident_edge(graph: nx.MultiDiGraph, origin: str | Place, target: str | Place, **attributes: Any) -> Any:
    """Add an ``incident`` edge from ``origin`` to ``target`` (the same place for something that happened at one
    place) and count the incident on both nodes. Returns the edge key. Places are ids already in the graph, or
    Place objects (added when missing). None-valued attributes are dropped.
    """
    source, sink = _node_id(graph, origin), _node_id(graph, target)
    key = _add_edge(graph, source, sink, "incident", **attributes)
    for node in {source, sink}:
        graph.nodes[node]["incidents"] = graph.nodes[node].get("incidents", 0) + 1
    return key


def incident_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many incidents touch each place (0 for places without any)."""
    return {node: int(data.get("incidents", 0)) for node, data in graph.nodes(data=True)}


# --- exports ------------------------------------------------------------------------------------------------


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link JSON (``nodes``, ``edges``), the form stored as ``graph`` in timeline.json."""
    import networkx as nx

    try:
        data = nx.node_link_data(graph, edges="edges")
    except TypeError:  # networkx < 3.4 names the edge list "links"
        data = nx.node_link_data(graph)
        data["edges"] = data.pop("links")
    return data


def from_node_link(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """The graph back from :func:`to_node_link` output."""
    import networkx as nx

    try:
        return nx.node_link_graph(dict(data), directed=True, multigraph=True, edges="edges")
    except TypeError:
        links = {key: value for key, value in data.items() if key != "edges"}
        return nx.node_link_graph({**links, "links": data["edges"]}, directed=True, multigraph=True)
    except (KeyError, nx.NetworkXError) as error:
        raise InputError(f"not a node-link graph: {error}") from None


def _flat(graph: nx.MultiDiGraph, positions: bool) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can store: scalars only, no None."""
    import networkx as nx

    def scalar(value: Any) -> Any:
        return value if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)

    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attributes = {key: scalar(value) for key, value in data.items() if value is not None}
        if positions and "latitude" in data and "longitude" in data:
            attributes["viz"] = {"position": {"x": data["longitude"], "y": data["latitude"], "z": 0.0}}
        flat.add_node(node, **attributes)
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: scalar(v) for k, v in data.items() if v is not None})
    return flat


def _write_atomically(path: str | Path, write: Any) -> Path:
    """What ``write`` puts into a binary stream, written to ``path`` by ``textio.write_bytes_atomic``."""
    from .textio import write_bytes_atomic

    buffer = io.BytesIO()
    try:
        write(buffer)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None
    return write_bytes_atomic(path, buffer.getvalue())


def write_node_link(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    payload = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1).encode("utf-8")
    return _write_atomically(path, lambda stream: stream.write(payload))


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    import networkx as nx

    flat = _flat(graph, positions=False)
    return _write_atomically(path, lambda stream: nx.write_graphml(flat, stream, encoding="utf-8"))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """GEXF 1.2 with node positions from longitude and latitude, for Gephi's geo layouts."""
    import networkx as nx

    flat = _flat(graph, positions=True)

    def write(stream: Any) -> None:
        buffer = io.BytesIO()
        nx.write_gexf(flat, buffer, encoding="utf-8")
        # networkx stamps today's date into <meta>: without it the same graph gives the same bytes every day.
        stream.write(_GEXF_DATE.sub(b"", buffer.getvalue(), count=1))

    return _write_atomically(path, write)
