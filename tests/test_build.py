"""timeline.build: ordering, the graph with its incident edges, combining documents, errors."""

from __future__ import annotations

import pytest

import timeline
from timeline.model import Incident
from timeline.pipeline import combine, order_key, ordered

TEXT = (
    "Shelling hits two towns\n\n"
    "On Saturday, rebels shelled the Russian town of Gukovo. On Sunday, shells fired from across the border hit "
    "Novoshakhtinsk, killing two people. Police arrested three men in Rostov-on-Don last month. "
    "The foreign ministry summoned the ambassador of Ukraine.\n"
)


@pytest.fixture(scope="module")
def built():
    return timeline.build(TEXT, published="2014-07-14", title="Shelling hits two towns")


def test_incidents_are_ordered_by_date_with_undated_last(built):
    assert [(i.id, i.type, i.date) for i in built.incidents] == [
        ("I1", "arrest", "2014-06"),
        ("I2", "shelling", "2014-07-12"),
        ("I3", "shelling", "2014-07-13"),
        ("I4", "diplomatic", None),
    ]


def test_ordering_places_coarse_dates_by_their_span():
    def incident(date_start, date_end):
        return Incident("x", "other", "Other", "Other", date_start=date_start, date_end=date_end)

    month, day, week, undated = (
        incident("2014-07-01", "2014-07-31"),
        incident("2014-07-01", "2014-07-01"),
        incident("2014-06-30", "2014-07-06"),
        incident(None, None),
    )
    assert [i.date_start for i in ordered([undated, month, day, week])] == [
        "2014-06-30", "2014-07-01", "2014-07-01", None
    ]
    assert order_key(day, 0) < order_key(month, 0)


def test_places_and_times_come_with_the_timeline(built):
    assert {p.name for p in built.places} >= {"Gukovo", "Novoshakhtinsk", "Rostov-on-Don"}
    assert [t.text for t in built.times] == ["Saturday", "Sunday", "last month"]
    assert built.document.published == "2014-07-14"


def test_the_graph_gains_incident_edges_and_counts(built):
    graph = built.graph
    names = {p.id: p.name for p in built.places}
    incident_edges = sorted(
        (names.get(s, s), names.get(t, t), d["incident"])
        for s, t, d in graph.edges(data=True)
        if d["relation"] == "incident"
    )
    assert incident_edges == [
        ("Gukovo", "Gukovo", "I2"),
        ("Rostov-on-Don", "Rostov-on-Don", "I1"),
        ("Ukraine", "Novoshakhtinsk", "I3"),
    ]
    counts = {names[n]: d["incidents"] for n, d in graph.nodes(data=True) if n in names}
    assert counts["Gukovo"] == 1 and counts["Novoshakhtinsk"] == 1 and counts["Ukraine"] == 1


def test_the_publication_date_is_never_an_incident_date(built):
    assert "2014-07-14" not in {i.date for i in built.incidents}


def test_news_mode_needs_a_publication_date():
    with pytest.raises(timeline.AnchorError, match="no publication date"):
        timeline.build("Rebels shelled Gukovo on Sunday.")


def test_a_published_value_that_is_not_a_date_is_refused():
    with pytest.raises(timeline.AnchorError, match=r"'last Tuesday' is not a date"):
        timeline.build("Rebels shelled Gukovo on Sunday.", published="last Tuesday")


def test_narrative_mode_needs_no_publication_date():
    result = timeline.build("Rebels shelled Gukovo on 3 July 2014.", mode="narrative")
    assert [(i.type, i.date) for i in result.incidents] == [("shelling", "2014-07-03")]


def test_build_refuses_what_is_not_text():
    with pytest.raises(timeline.InputError, match=r"needs text \(str\), not bytes"):
        timeline.build(b"Rebels shelled Gukovo.", published="2014-07-14")  # type: ignore[arg-type]
    with pytest.raises(timeline.InputError, match="mode must be one of"):
        timeline.build("x", published="2014-07-14", mode="poetry")


def test_an_empty_text_gives_an_empty_timeline():
    result = timeline.build("", published="2014-07-14")
    assert (result.incidents, result.places, result.times) == ((), (), ())


def test_combining_documents_orders_all_incidents_and_keeps_each_document(built):
    other = timeline.build("Police raided a flat in Gukovo on July 1.", published="2014-07-14", document_id="b")
    both = combine([built, other])
    assert [(i.id, i.type, i.date, i.document_id) for i in both.incidents] == [
        ("I1", "arrest", "2014-06", "document"),
        ("I2", "raid", "2014-07-01", "b"),
        ("I3", "shelling", "2014-07-12", "document"),
        ("I4", "shelling", "2014-07-13", "document"),
        ("I5", "diplomatic", None, "document"),
    ]
    assert [part.document.id for part in both.parts] == ["document", "b"]
    gukovo = next(p.id for p in both.places if p.name == "Gukovo")
    assert both.graph.nodes[gukovo]["incidents"] == 2


def test_news_mode_drops_incidents_dated_after_publication():
    text = "Rebels shelled Gukovo on July 10. Rebels shelled Gukovo again on July 20, 2014.\n"
    result = timeline.build(text, published="2014-07-14")
    assert [(i.type, i.date) for i in result.incidents] == [("shelling", "2014-07-10")]
