"""Exports of a timeline: JSON, ACLED-style CSV, GeoJSON, GraphML, TimelineJS3, pandas."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

import timeline
from timeline.export.csv_export import COLUMNS

TEXT = (
    "Shells hit Gukovo\n\n"
    "On Sunday, shells fired from across the border hit the Russian town of Gukovo, killing two people and "
    "wounding dozens. Police arrested three men in Rostov-on-Don last week. Rebels shelled Novoshakhtinsk in "
    "June. The foreign ministry summoned the ambassador of Ukraine.\n"
)


@pytest.fixture(scope="module")
def result():
    return timeline.build(TEXT, published="2014-07-14", title="Shells hit Gukovo", source="Border Courier")


def test_csv_has_acled_columns_and_one_row_per_incident(result):
    text = result.to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == (
        "event_id,event_date,time_precision,event_type,sub_event_type,actor1,actor2,location,country,latitude,"
        "longitude,geo_precision,fatalities,injuries,notes,source"
    )
    assert tuple(rows[0]) == COLUMNS
    assert [
        (r["event_id"], r["event_date"], r["time_precision"], r["sub_event_type"], r["location"], r["country"],
         r["fatalities"], r["injuries"])
        for r in rows
    ] == [
        ("I1", "2014-06-01", "3", "Shelling/artillery/missile attack", "Novoshakhtinsk", "Russia", "0", "0"),
        ("I2", "2014-07-07", "2", "Arrests", "Rostov-on-Don", "Russia", "0", "0"),
        ("I3", "2014-07-13", "1", "Shelling/artillery/missile attack", "Gukovo", "Russia", "2", "12"),
        ("I4", "", "", "Other", "", "", "0", "0"),
    ]
    assert rows[2]["notes"].endswith("[from: Ukraine]")
    assert {r["source"] for r in rows} == {"Border Courier"}
    assert rows[2]["latitude"] and rows[2]["longitude"] and rows[2]["geo_precision"] == "1"


def test_json_is_the_whole_timeline(result):
    data = json.loads(result.to_json())
    assert set(data) == {"documents", "notes", "times", "places", "incidents", "graph"}
    assert data["documents"][0]["text"] == TEXT
    assert [t["text"] for t in data["times"]] == ["Sunday", "last week", "June"]
    gukovo = next(p["id"] for p in data["places"] if p["name"] == "Gukovo")
    sunday = data["incidents"][2]
    assert (sunday["date"], sunday["killed"], sunday["injured"], sunday["place_ids"][0]) == (
        "2014-07-13", 2, 12, gukovo
    )
    graph = timeline.graph.from_node_link(data["graph"])
    assert graph.nodes[gukovo]["incidents"] == 1


def test_geojson_places(result):
    data = result.to_geojson()
    assert data["type"] == "FeatureCollection"
    points = {f["properties"]["name"]: f for f in data["features"] if f["geometry"]["type"] == "Point"}
    assert points["Gukovo"]["properties"]["incident_count"] == 1
    assert points["Gukovo"]["properties"]["incidents"] == ["I3"]
    longitude, latitude = points["Gukovo"]["geometry"]["coordinates"]
    assert 39 < longitude < 41 and 47 < latitude < 49
    # Countries have no coordinates of their own: no point, and no line from one.
    assert "Ukraine" not in points
    assert [f for f in data["features"] if f["geometry"]["type"] == "LineString"] == []


def test_geojson_line_from_origin_to_target():
    text = "Shells fired from Luhansk hit the Russian town of Gukovo on Sunday.\n"
    data = timeline.build(text, published="2014-07-14").to_geojson()
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    assert [(f["properties"]["incident"], f["properties"]["type"], f["properties"]["date"]) for f in lines] == [
        ("I1", "shelling", "2014-07-13")
    ]
    (start, end) = lines[0]["geometry"]["coordinates"]
    assert start[0] < end[0]  # Luhansk lies west of Gukovo


def test_graphml_reads_back_with_incident_edges(result):
    graph = nx.parse_graphml(result.to_graphml())
    relations = sorted(d["relation"] for _, _, d in graph.edges(data=True) if d["relation"] == "incident")
    assert relations == ["incident"] * 3


def test_timelinejs_slides_by_precision(result):
    data = result.to_timelinejs()
    events = {e["unique_id"]: e for e in data["events"]}
    assert events["I1"]["start_date"] == {"year": "2014", "month": "6"}
    assert events["I2"]["start_date"] == {"year": "2014", "month": "7", "day": "7"}
    assert events["I2"]["end_date"] == {"year": "2014", "month": "7", "day": "13"}
    assert events["I3"]["start_date"] == {"year": "2014", "month": "7", "day": "13"}
    assert "end_date" not in events["I3"]
    assert events["I3"]["text"]["headline"] == "Shelling/artillery/missile attack — Gukovo"
    assert "I4" not in events
    assert data["title"]["text"]["text"].endswith("3 dated incidents; undated: Diplomatic action")


def test_dataframe(result):
    pd = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert list(frame.columns) == list(COLUMNS)
    assert frame["event_date"].dtype.kind == "M"
    assert pd.isna(frame["event_date"].iloc[3])
    assert frame["fatalities"].tolist() == [0, 0, 2, 0]
