"""The charts: what they show, and that the timeline chart's labels do not overlap, for the example article and
for a fifty-incident document."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from chart_corpus import fifty_incidents
from matplotlib.figure import Figure

import timeline
from timeline.charts import figure_bytes

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "border-report-2014-07-14.txt"


@pytest.fixture(scope="module")
def example():
    return timeline.build(EXAMPLE.read_text(encoding="utf-8"), published="2014-07-14", title="Border report")


@pytest.fixture(scope="module")
def fifty():
    return timeline.build(fifty_incidents(), published="2014-07-24", title="Fifty days on the border")


def annotations(figure: Figure):
    axes = figure.axes[0]
    return [child for child in axes.texts]


def overlapping_labels(figure: Figure) -> list[tuple[str, str]]:
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in annotations(figure)]
    return [
        (a, b)
        for number, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[number + 1 :]
        if box_a.overlaps(box_b)
    ]


def test_timeline_chart_of_the_example(example):
    figure = example.plot_timeline()
    assert isinstance(figure, Figure)
    lanes = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert "Donetsk (RU)" in lanes and "Kuibyshev district" in lanes
    texts = [t.get_text() for t in annotations(figure)]
    assert "shelling · 1 killed, 4 hurt" in texts
    assert overlapping_labels(figure) == []
    aside = [t.get_text() for t in figure.texts if t.get_text().startswith("Undated incidents")]
    assert len(aside) == 1 and "diplomatic action" in aside[0]


def test_timeline_chart_of_fifty_incidents(fifty):
    dated = [i for i in fifty.incidents if i.date]
    assert len(dated) >= 50
    figure = fifty.plot_timeline()
    assert len(annotations(figure)) == len(dated)
    assert overlapping_labels(figure) == []
    # A week ("last week") and a month ("in May") are bars over their span, the rest points.
    bars = [patch for patch in figure.axes[0].patches]
    assert len(bars) == 2


def test_timeline_chart_by_type(fifty):
    figure = fifty.plot_timeline(by="type")
    lanes = {label.get_text() for label in figure.axes[0].get_yticklabels()}
    assert lanes == {"shelling", "attack", "arrest", "protest", "armed clash", "raid"}


def test_graph_chart_shows_the_two_donetsks_as_two_places(example):
    figure = example.plot_graph()
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert any(label.startswith("Donetsk (RU)") for label in labels)
    assert any(label.startswith("Donetsk (UA)") for label in labels)
    longitudes = {
        label.split(" ·")[0]: text.xy[0] for text in figure.axes[0].texts for label in [text.get_text()]
    }
    assert longitudes["Donetsk (RU)"] - longitudes["Donetsk (UA)"] > 1.5  # degrees apart, east of it


def test_an_airspace_is_drawn_over_the_places_its_incident_names(example):
    # "entered Russian air space above Donetsk": over Donetsk (RU), not at Moscow, the capital, at the edge.
    figure = example.plot_graph()
    at = {text.get_text().split(" ·")[0]: text.xy for text in figure.axes[0].texts}
    assert at["Russia airspace"] == at["Donetsk (RU)"]
    assert [t.get_text() for t in figure.axes[0].texts if t.get_text().startswith("Russia airspace")] == [
        "Russia airspace · 1"
    ]


def test_graph_chart_of_fifty_incidents_keeps_labels_apart(fifty):
    figure = fifty.plot_graph()
    assert overlapping_labels(figure) == []


@pytest.mark.parametrize(("image_format", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_figure_bytes_in_every_image_format(example, image_format, magic):
    assert figure_bytes(example.plot_timeline(), image_format).startswith(magic)


def test_an_empty_timeline_still_draws():
    empty = timeline.build("Nothing happened.", published="2014-07-14")
    assert figure_bytes(empty.plot_timeline()).startswith(b"\x89PNG")
    assert figure_bytes(empty.plot_graph()).startswith(b"\x89PNG")
