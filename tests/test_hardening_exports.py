"""Exports that are safe to open: CSV without formulas, XML with its markup escaped, byte-identical outputs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import defusedxml.ElementTree as safe_xml
import pytest

import timeline
from timeline.errors import InputError, TimeMLError
from timeline.export import OUTPUTS, write_outputs
from timeline.graph import add_incident_edge, location_graph, write_gexf, write_graphml, write_node_link
from timeline.model import Document, Incident, IncidentMention, IncidentPlace, Place, Timeline
from timeline.pipeline import incident_graph
from timeline.timeml import parse_timeml, write_timeml

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "</node><script>alert(1)</script>"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


def _hostile_timeline() -> Timeline:
    """A hand-made timeline whose place, actors, title and source are all markup or formulas."""
    text = f"{HOSTILE} shelled {HOSTILE} on Sunday.\n"
    place = Place(id="p:1", name=HOSTILE, kind="town", country="RU", region="=1+1", latitude=48.0, longitude=39.9)
    other = Place(id="p:2", name="@SUM(A1)", kind="town", country="UA", latitude=48.1, longitude=37.8)
    mention = IncidentMention(0, len(text) - 1, "shelled", len(HOSTILE) + 1, len(HOSTILE) + 8, 0, len(text) - 1)
    incident = Incident(
        id="I1", type="shelling", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", date="2014-07-13", date_start="2014-07-13",
        date_end="2014-07-13", time_precision=1, date_basis="clause",
        places=(IncidentPlace("p:1", "target"), IncidentPlace("p:2", "origin")),
        actor1=HOSTILE, actor2="=cmd|' /C calc'!A0", killed=1, mentions=(mention,), document_id="d",
    )
    document = Document(text=text, id="d", published="2014-07-14", source="-2+3", title=HOSTILE)
    return Timeline(
        document=document, incidents=(incident,), times=(), places=(place, other),
        graph=incident_graph((place, other), (incident,)), notes=(),
    )


# --- CSV ----------------------------------------------------------------------------------------------------


def test_csv_cells_from_the_text_never_start_a_formula():
    rows = list(csv.DictReader(io.StringIO(_hostile_timeline().to_csv())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor1"], row["actor2"], row["location"], row["source"]) == (
        HOSTILE, "'=cmd|' /C calc'!A0", HOSTILE, "'-2+3"
    )
    assert row["notes"] == f"{HOSTILE} shelled {HOSTILE} on Sunday. [from: @SUM(A1)]"
    assert row["longitude"] == "39.9"  # numbers stay numbers: a negative longitude is not text


def test_csv_formula_in_a_built_article():
    text = '=HYPERLINK("http://evil.example","x") Rebels shelled Gukovo on Sunday, killing two people.\n'
    result = timeline.build(text, published="2014-07-14", source="@evil")
    rows = list(csv.DictReader(io.StringIO(result.to_csv())))
    assert [(r["notes"], r["source"]) for r in rows] == [(f"'{text.strip()}", "'@evil")]
    # The DataFrame is for analysis, not for a spreadsheet: the text is left as it is.
    pytest.importorskip("pandas")
    assert result.to_dataframe()["source"].tolist() == ["@evil"]


# --- XML: GraphML, GEXF, TimeML -----------------------------------------------------------------------------


def _graphml_names(data: bytes) -> list[str]:
    root = safe_xml.fromstring(data)
    keys = {key.get("id"): key.get("attr.name") for key in root.iter(f"{GRAPHML}key")}
    return [d.text for d in root.iter(f"{GRAPHML}data") if keys.get(d.get("key")) == "name"]


def test_graphml_escapes_a_place_named_like_markup(tmp_path):
    data = _hostile_timeline().to_graphml().encode("utf-8")
    assert b"<script>" not in data
    root = safe_xml.fromstring(data)
    assert not list(root.iter("script")) and not list(root.iter(f"{GRAPHML}script"))
    assert sorted(_graphml_names(data)) == sorted([HOSTILE, "@SUM(A1)"])
    path = write_graphml(_hostile_timeline().graph, tmp_path / "g.graphml")
    assert _graphml_names(path.read_bytes()) == _graphml_names(data)


def test_gexf_escapes_a_place_named_like_markup(tmp_path):
    path = write_gexf(_hostile_timeline().graph, tmp_path / "g.gexf")
    root = safe_xml.fromstring(path.read_bytes())
    labels = sorted(node.get("label") for node in root.iter(f"{GEXF}node"))
    values = [v.get("value") for v in root.iter(f"{GEXF}attvalue")]
    assert labels == ["p:1", "p:2"] and HOSTILE in values and "@SUM(A1)" in values
    assert b"<script>" not in path.read_bytes()


def test_gexf_carries_no_date(tmp_path, monkeypatch):
    # networkx writes today's date into <meta>; the same graph must give the same bytes on any day.
    graph = location_graph([Place(id="p:1", name="Gukovo", kind="town")], ancestors=False)
    first = write_gexf(graph, tmp_path / "a.gexf").read_bytes()
    monkeypatch.setattr(time, "strftime", lambda *args: "1999-12-31")
    second = write_gexf(graph, tmp_path / "b.gexf").read_bytes()
    assert first == second and b"lastmodifieddate" not in first


def test_node_link_json_round_trips_a_hostile_name(tmp_path):
    graph = location_graph([Place(id="p:1", name=HOSTILE, kind="town")], ancestors=False)
    add_incident_edge(graph, "p:1", "p:1", incident="I1", type="shelling")
    path = write_node_link(graph, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [n["name"] for n in data["nodes"]] == [HOSTILE]


def test_timelinejs_escapes_html():
    data = _hostile_timeline().to_timelinejs()
    dumped = json.dumps(data)
    assert "<script>" not in dumped
    event = data["events"][0]
    escaped = "&lt;/node&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert event["text"]["headline"] == f"Shelling/artillery/missile attack — {escaped}"
    assert "<b>By:</b> &lt;/node&gt;&lt;script&gt;" in event["text"]["text"]


def test_timeml_round_trips_markup_in_the_text():
    source = (
        '<TimeML><DCT><TIMEX3 tid="t0" value="2014-07-14"/></DCT><TEXT>'
        "&lt;/TEXT&gt;&lt;script&gt;alert(1)&lt;/script&gt; shelled on Sunday &amp; ]]&gt; Monday</TEXT></TimeML>"
    )
    document = parse_timeml(source, "hostile.tml")
    assert document.text == "</TEXT><script>alert(1)</script> shelled on Sunday & ]]> Monday"
    expressions = timeline.find_times(document.text, "2014-07-14")
    written = write_timeml(document, expressions)
    assert "<script>" not in written
    again = parse_timeml(written, "again.tml")
    assert again.text == document.text
    assert [(t.text, t.value) for t in again.gold] == [("Sunday", "2014-07-13"), ("Monday", "2014-07-14")]


@pytest.mark.parametrize(
    ("source", "why"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><TimeML><TEXT>&c;</TEXT></TimeML>',
            "EntitiesForbidden(name='a'",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE TimeML [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>'
            "<TimeML><TEXT>x</TEXT></TimeML>",
            "EntitiesForbidden(name='p', system_id='http://127.0.0.1:9/evil.dtd'",
        ),
    ],
    ids=["billion-laughs", "external-parameter-entity"],
)
def test_xml_input_never_expands_or_fetches_entities(source, why):
    with pytest.raises(TimeMLError, match=r"^evil\.tml: refused unsafe XML \(") as caught:
        parse_timeml(source, "evil.tml")
    assert why in str(caught.value)


def test_xinclude_is_markup_not_a_file_read():
    source = (
        '<TimeML xmlns:xi="http://www.w3.org/2001/XInclude"><TEXT>a<xi:include href="/etc/passwd" '
        'parse="text"/>b</TEXT></TimeML>'
    )
    assert parse_timeml(source, "x.tml").text == "ab"


# --- determinism --------------------------------------------------------------------------------------------


def test_unpaired_surrogates_are_refused_before_any_output():
    with pytest.raises(InputError, match=r"^text: an unpaired surrogate \(U\+D800\) at offset 18 is not text"):
        timeline.build("Shells hit Gukovo \ud800 on Sunday.", published="2014-07-14")


_CHILD = """
import hashlib, sys
import timeline
from timeline.export import OUTPUTS
texts = [open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]]
for number, text in enumerate(texts):
    result = timeline.build(text, published="2014-07-14", document_id=f"d{number}")
    for name, output in OUTPUTS.items():
        charts = ("png", "svg", "pdf") if number == 0 else ()
        for image_format in (charts if "chart" in name else ("png",)):
            data = output.render(result, image_format)
            print(number, name, image_format, hashlib.sha256(data).hexdigest())
"""


def test_outputs_are_byte_identical_across_processes_and_hash_seeds():
    # Set and dict orders of strings change with PYTHONHASHSEED; SVG ids and PDF dates change with the clock.
    article = ROOT / "examples" / "border-report-2014-07-14.txt"
    second = "Police arrested two men in Rostov-on-Don and Kiev on Monday. Rebels shelled Gukovo and Donetsk."
    runs = []
    for seed in ("0", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(article), second],
            capture_output=True, text=True, env=environment, check=True, cwd=ROOT,
        )
        runs.append(result.stdout)
    assert runs[0].count("\n") == len(OUTPUTS) + 4 + len(OUTPUTS) - 2
    assert runs[0] == runs[1]


def test_written_files_are_identical_on_a_second_run(tmp_path):
    text = (ROOT / "examples" / "border-report-2014-07-14.txt").read_text(encoding="utf-8")
    result = timeline.build(text, published="2014-07-14")
    digests = []
    for folder in ("a", "b"):
        paths = write_outputs(timeline.build(text, published="2014-07-14") if folder == "b" else result,
                              tmp_path / folder, image_format="svg")
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths})
    assert digests[0] == digests[1]
    assert sorted(digests[0]) == sorted(
        ["timeline.json", "incidents.csv", "places.geojson", "graph.graphml", "timelinejs.json", "timeline.svg",
         "graph.svg"]
    )


# --- charts of documents that name thousands of places -------------------------------------------------------


def _crowded_timeline(count: int) -> Timeline:
    """``count`` places near one another, each with one dated incident (the busiest first)."""
    places = tuple(
        Place(id=f"p:{n}", name=f"Town {n}", kind="town", country="RU", latitude=47.0 + (n % 40) * 0.02,
              longitude=39.0 + (n // 40) * 0.02)
        for n in range(count)
    )
    incidents = tuple(
        Incident(id=f"I{n + 1}", type="shelling", event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack", date=f"2014-07-{n % 28 + 1:02d}",
                 date_start=f"2014-07-{n % 28 + 1:02d}", date_end=f"2014-07-{n % 28 + 1:02d}", time_precision=1,
                 places=(IncidentPlace(f"p:{0 if n < 5 else n}", "target"),), document_id="d")
        for n in range(count)
    )
    document = Document(text="", id="d", published="2014-07-30", title="Crowded")
    return Timeline(document=document, incidents=incidents, times=(), places=places,
                    graph=incident_graph(places, incidents), notes=())


def test_charts_of_a_document_naming_hundreds_of_places_stay_bounded():
    import matplotlib.pyplot as plt

    from timeline.charts import MAX_LANES, MAX_MAP_PLACES, plot_graph, plot_timeline

    crowded = _crowded_timeline(400)
    figure = plot_timeline(crowded)
    lanes = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert len(lanes) == MAX_LANES
    assert lanes[0] == "Town 0" and lanes[-1] == "(367 other places)"
    assert figure.get_size_inches()[1] < 40
    plt.close(figure)
    figure = plot_graph(crowded)
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert len(labels) == MAX_MAP_PLACES
    assert labels[0] == "Town 0 · 5"
    listing = next(text.get_text() for text in figure.texts if text.get_text().startswith("Also named"))
    assert listing.replace("\n", " ").endswith("and 240 more")
    plt.close(figure)


# --- a text with no full stop -------------------------------------------------------------------------------


def test_a_text_without_full_stops_is_cut_into_bounded_sentences_and_notes():
    from timeline.export.csv_export import NOTE_CHARS
    from timeline.incidents.lexicon import load_lexicon
    from timeline.incidents.text import MAX_SENTENCE_TOKENS, split_sentences

    filler = "the crowd waited near the road, " * 400
    text = filler + "rebels shelled Gukovo on June 20, 2014, " + filler + "and nothing else happened"
    sentences = split_sentences(text, load_lexicon())
    assert len(sentences) > 1
    assert max(len(s.tokens) for s in sentences) <= MAX_SENTENCE_TOKENS + 1
    assert "".join(text[s.start : s.end] + " " for s in sentences).split() == text.split()
    result = timeline.build(text, published="2014-07-14")
    assert [(i.date, i.type) for i in result.incidents] == [("2014-06-20", "shelling")]
    note = next(csv.DictReader(io.StringIO(result.to_csv())))["notes"]
    assert "rebels shelled Gukovo on June 20, 2014" in note
    assert note.endswith(" …") and len(note) <= NOTE_CHARS + 4


def test_a_symbolic_link_planted_in_the_output_folder_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.json").symlink_to(outside)
    result = timeline.build("Rebels shelled Gukovo on Sunday.", published="2014-07-14")
    write_outputs(result, out, ["json"])
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "timeline.json").is_symlink()
    assert json.loads((out / "timeline.json").read_text(encoding="utf-8"))["incidents"][0]["date"] == "2014-07-13"
