"""graph.graphml: the location graph with its incident edges, written by the places module's graph writer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..model import Timeline


def to_graphml(timeline: Timeline) -> str:
    from ..graph import write_graphml

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.graphml"
        write_graphml(timeline.graph, path)
        return path.read_text(encoding="utf-8")
