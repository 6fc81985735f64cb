"""The merged timeline of a corpus: its location graph, its view as a ``Timeline``, and its outputs.

The outputs have the names and formats of ``timeline build`` (``timeline/export``), written by the same
exporters wherever the format is the same:

- ``timeline.json``: the merged incidents, each with its ``sources`` (document id, outlet, sentence, span), the
  ``dates`` its sources give and its casualties as best/low/high; the places; the graph (node-link). Article
  texts are not repeated (they are the input; ``documents.jsonl`` lists the articles).
- ``incidents.csv``: ACLED columns, ``fatalities``/``injuries`` the best estimates, ``source`` every outlet,
  ``notes`` the representative sentence and what the sources disagree on.
- ``places.geojson``, ``graph.graphml``, ``timelinejs.json``: as for one article.
- ``timeline.png``, ``graph.png``: the most-reported incidents (a chart of thousands of markers reads as noise).

The merged graph has one ``incident`` edge per pair of places (origin -> target, a self-loop when no origin is
known) whose ``weight`` counts the merged incidents; nodes carry ``incidents`` and ``first_incident`` /
``last_incident`` (the first and last day of the incidents there).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..model import Document, Incident, IncidentMention, Place, Timeline
from .merge import MergedIncident

CHART_INCIDENTS = 40  # the timeline chart shows the incidents most sources report
CHART_PLACE_LANES = 14  # more places than this and the chart has a lane per type instead


@dataclass(frozen=True, eq=False)
class CorpusTimeline:
    """The merged timeline: its incidents with their sources, the view the single-timeline exporters take, and
    the run's counts."""

    incidents: tuple[MergedIncident, ...]
    timeline: Timeline
    place_documents: dict[str, int]
    documents: int
    failed: int

    def to_dict(self) -> dict[str, Any]:
        from ..graph import to_node_link

        timeline = self.timeline
        return {
            "corpus": {
                "documents": self.documents + self.failed,
                "done": self.documents,
                "failed": self.failed,
                "reports": sum(len(i.sources) for i in self.incidents),
                "incidents": len(self.incidents),
            },
            "notes": list(timeline.notes),
            "places": [
                {**place.to_dict(), "documents": self.place_documents.get(place.id, 0)} for place in timeline.places
            ],
            "incidents": [incident.to_dict() for incident in self.incidents],
            "graph": to_node_link(timeline.graph) if timeline.graph is not None else None,
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"


# --- the graph ------------------------------------------------------------------------------------------------


def merged_graph(places: Sequence[Place], incidents: Sequence[MergedIncident]) -> Any:
    """The location graph of the corpus's places with weighted incident edges (see the module docstring)."""
    from ..graph import add_incident_edge, location_graph

    graph = location_graph(places)
    edges: dict[tuple[str, str], list[MergedIncident]] = {}
    touching: dict[str, list[MergedIncident]] = {}
    for incident in incidents:
        origins = [o for o in incident.origin_ids if o in graph] or [None]
        for target in dict.fromkeys(incident.target_ids):
            if target not in graph:
                continue
            for origin in origins:
                edges.setdefault((origin or target, target), []).append(incident)
        for place_id in dict.fromkeys(incident.target_ids + incident.origin_ids):
            if place_id in graph:
                touching.setdefault(place_id, []).append(incident)
    for (origin, target), group in edges.items():
        types = Counter(i.type for i in group)
        dated = sorted(i.date_start for i in group if i.date_start)
        add_incident_edge(
            graph,
            origin,
            target,
            weight=len(group),
            type=types.most_common(1)[0][0],
            types=",".join(sorted(types)),
            first=dated[0] if dated else None,
            last=dated[-1] if dated else None,
            killed=sum(i.killed.best for i in group if i.killed) or None,
        )
    for node in graph.nodes:
        group = touching.get(node, [])
        graph.nodes[node]["incidents"] = len(group)
        starts = [i.date_start for i in group if i.date_start]
        ends = [i.date_end or i.date_start for i in group if i.date_start]
        if starts:
            graph.nodes[node]["first_incident"] = min(starts)
            graph.nodes[node]["last_incident"] = max(ends)  # type: ignore[type-var]
    return graph


# --- the view -------------------------------------------------------------------------------------------------


def _rebased(mention: IncidentMention, start: int, length: int) -> IncidentMention:
    """A mention moved so that its sentence starts at ``start`` (offsets outside the sentence are clamped)."""
    shift = start - mention.sentence_start

    def moved(offset: int) -> int:
        return min(max(offset + shift, start), start + length)

    return IncidentMention(
        start=moved(mention.start),
        end=moved(mention.end),
        trigger=mention.trigger,
        trigger_start=moved(mention.trigger_start),
        trigger_end=moved(mention.trigger_end),
        sentence_start=start,
        sentence_end=start + length,
        date_text=mention.date_text,
        date_basis=mention.date_basis,
    )


def _view_incidents(incidents: Sequence[MergedIncident], document_id: str) -> tuple[list[Incident], str]:
    """Each merged incident as an Incident whose mention indexes one text made of the representative sentences
    (the exporters quote an incident's sentence from its document's text)."""
    pieces: list[str] = []
    length = 0
    views = []
    for merged in incidents:
        sentence = merged.sources[merged.representative].sentence
        incident = merged.to_incident()
        mentions = (_rebased(incident.mentions[0], length, len(sentence)),) if incident.mentions else ()
        views.append(replace(incident, mentions=mentions, document_id=document_id))
        pieces.append(sentence + "\n")
        length += len(sentence) + 1
    return views, "".join(pieces)


def corpus_timeline(
    incidents: Sequence[MergedIncident],
    places: dict[str, Place],
    place_documents: dict[str, int],
    documents: int,
    failed: int,
    notes: Sequence[str] = (),
) -> CorpusTimeline:
    """The CorpusTimeline of merged incidents and the places of the corpus."""
    ordered_places = sorted(places.values(), key=lambda p: (-place_documents.get(p.id, 0), p.name, p.id))
    views, text = _view_incidents(incidents, "corpus")
    document = Document(text=text, id="corpus", title=f"Corpus of {documents} articles")
    view = Timeline(
        document=document,
        incidents=tuple(views),
        places=tuple(ordered_places),
        graph=merged_graph(ordered_places, incidents),
        notes=tuple(notes),
    )
    return CorpusTimeline(tuple(incidents), view, dict(place_documents), documents, failed)


def chart_view(corpus: CorpusTimeline, limit: int = CHART_INCIDENTS) -> tuple[Timeline, str]:
    """The view restricted to the incidents most sources report (and their places), and the lanes to draw."""
    ranked = sorted(range(len(corpus.incidents)), key=lambda n: (-len(corpus.incidents[n].documents), n))
    chosen = sorted(ranked[:limit])
    incidents = tuple(corpus.timeline.incidents[n] for n in chosen)
    used = {place_id for incident in incidents for place_id in incident.place_ids}
    places = tuple(p for p in corpus.timeline.places if p.id in used)
    graph = corpus.timeline.graph
    if graph is not None:
        keep = set(used)
        for place_id in used:  # the regions and countries they belong to
            keep.update(
                target for _, target, data in graph.out_edges(place_id, data=True) if data.get("relation") == "part_of"
            )
        graph = graph.subgraph(keep).copy()
    shown = len(incidents)
    title = f"{corpus.timeline.document.title}: the {shown} most-reported of {len(corpus.incidents)} incidents"
    view = replace(corpus.timeline, incidents=incidents, places=places, graph=graph)
    view = replace(view, document=replace(view.document, title=title))
    lanes_by = "place" if len({i.target_ids[:1] for i in incidents}) <= CHART_PLACE_LANES else "type"
    return view, lanes_by


# --- outputs --------------------------------------------------------------------------------------------------


def _notes(merged: MergedIncident) -> str:
    notes = [f"[{len(merged.documents)} source(s)]"]
    if merged.date_conflict:
        reported = ", ".join(f"{d.date} ({d.sources})" for d in merged.dates)
        notes.append(f"[dates reported: {reported}]")
    for name, figure in (("killed", merged.killed), ("injured", merged.injured)):
        if figure and figure.low != figure.high:
            notes.append(f"[{name} reported: {figure.low}-{figure.high}, best {figure.best}]")
    return " ".join(notes)


def corpus_csv(corpus: CorpusTimeline) -> str:
    """incidents.csv: the rows of ``timeline build`` with every outlet as the source and what the sources
    disagree on in the notes, written by the same writer (which neutralizes cells a spreadsheet would run)."""
    from ..export.csv_export import csv_text, rows

    table = rows(corpus.timeline)
    for row, merged in zip(table, corpus.incidents, strict=True):
        row["notes"] = f"{row['notes']} {_notes(merged)}".strip()
        row["source"] = "; ".join(merged.outlets)
    return csv_text(table)


def _render(corpus: CorpusTimeline, name: str, image_format: str) -> bytes:
    from ..export import OUTPUTS

    if name == "json":
        return corpus.to_json().encode("utf-8")
    if name == "csv":
        return corpus_csv(corpus).encode("utf-8")
    if name in ("timeline-chart", "graph-chart"):
        from ..charts import figure_bytes, plot_graph, plot_timeline  # matplotlib: only for charts

        view, lanes_by = chart_view(corpus)
        figure = plot_timeline(view, by=lanes_by) if name == "timeline-chart" else plot_graph(view)
        return figure_bytes(figure, image_format)
    return OUTPUTS[name].render(corpus.timeline, image_format)


def write_corpus_outputs(
    corpus: CorpusTimeline, folder: str | Path, formats: Sequence[str] | None = None, image_format: str = "png"
) -> list[Path]:
    """Write the chosen outputs (all by default) of the merged timeline into ``folder``; returns their paths."""
    from ..export import OUTPUTS, chosen_formats, prepare_folder, write_bytes_atomic

    names = chosen_formats(formats, image_format)
    target = prepare_folder(folder)
    written = []
    for name in names:
        path = target / OUTPUTS[name].file_name.format(ext=image_format)
        write_bytes_atomic(path, _render(corpus, name, image_format))
        written.append(path)
    return written
