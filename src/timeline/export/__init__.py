"""Writing a timeline's outputs: the file names of ``timeline build`` and an atomic writer.

Every output is rendered in memory first and then written to a temporary name beside its target and renamed,
so a reader never sees half a file, and a failure leaves earlier outputs whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExportError
from ..model import Timeline
from ..textio import write_bytes_atomic

IMAGE_FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Output:
    file_name: str  # "{ext}" is the image format
    render: Callable[[Timeline, str], bytes]
    help: str


def _json(timeline: Timeline, _: str) -> bytes:
    return timeline.to_json().encode("utf-8")


def _csv(timeline: Timeline, _: str) -> bytes:
    return timeline.to_csv().encode("utf-8")


def _geojson(timeline: Timeline, _: str) -> bytes:
    import json

    return (json.dumps(timeline.to_geojson(), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _graphml(timeline: Timeline, _: str) -> bytes:
    return timeline.to_graphml().encode("utf-8")


def _timelinejs(timeline: Timeline, _: str) -> bytes:
    import json

    return (json.dumps(timeline.to_timelinejs(), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _timeline_chart(timeline: Timeline, image_format: str) -> bytes:
    from ..charts import figure_bytes

    return figure_bytes(timeline.plot_timeline(), image_format)


def _graph_chart(timeline: Timeline, image_format: str) -> bytes:
    from ..charts import figure_bytes

    return figure_bytes(timeline.plot_graph(), image_format)


OUTPUTS: dict[str, Output] = {
    "json": Output("timeline.json", _json, "the whole timeline: times, places, incidents, graph (node-link)"),
    "csv": Output("incidents.csv", _csv, "one row per incident, ACLED columns"),
    "geojson": Output("places.geojson", _geojson, "places as points, incidents with an origin as lines"),
    "graphml": Output("graph.graphml", _graphml, "the location graph with incident edges"),
    "timelinejs": Output("timelinejs.json", _timelinejs, "Knight Lab TimelineJS3 JSON"),
    "timeline-chart": Output("timeline.{ext}", _timeline_chart, "the timeline chart"),
    "graph-chart": Output("graph.{ext}", _graph_chart, "the place graph drawn as a sketch map"),
}


def prepare_folder(folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{folder}: cannot create the output folder ({error.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"{folder}: the output folder is not writable")
    return folder


def chosen_formats(formats: Sequence[str] | None, image_format: str) -> list[str]:
    """The output names asked for (all by default; an item may list several, "json,csv", as ``--format`` takes
    them), after checking them and the image format."""
    names = [name.strip() for item in formats or () for name in item.split(",") if name.strip()] or list(OUTPUTS)
    unknown = [name for name in names if name not in OUTPUTS]
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)} (choose from {', '.join(OUTPUTS)})")
    if image_format not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format {image_format!r} (choose from {', '.join(IMAGE_FORMATS)})")
    return names


def write_outputs(
    timeline: Timeline, folder: str | Path, formats: Sequence[str] | None = None, image_format: str = "png"
) -> list[Path]:
    """Write the chosen outputs (all by default) into ``folder``; returns the paths written."""
    names = chosen_formats(formats, image_format)
    target = prepare_folder(folder)
    rendered = [
        (target / OUTPUTS[name].file_name.format(ext=image_format), OUTPUTS[name].render(timeline, image_format))
        for name in names
    ]
    for path, data in rendered:
        write_bytes_atomic(path, data)
    return [path for path, _ in rendered]


__all__ = ["IMAGE_FORMATS", "OUTPUTS", "Output", "write_bytes_atomic", "write_outputs"]
