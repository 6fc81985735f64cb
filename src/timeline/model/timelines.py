"""The timeline of a document (or of a corpus): what ``timeline.build`` returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .documents import Document
    from .incidents import Incident
    from .places import Place
    from .text import TimeExpression

@dataclass(frozen=True, eq=False)
class Timeline:
    """What ``timeline.build`` returns: a document's incidents in date order, its times, places and graph.

    ``graph`` is a ``networkx.MultiDiGraph`` keyed by place id. ``notes`` are things the reader should know
    about the run (for instance where the publication date came from).
    """

    document: Document
    incidents: tuple[Incident, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Place, ...] = ()
    graph: Any = None
    notes: tuple[str, ...] = ()
    parts: tuple[Timeline, ...] = ()  # the per-document timelines a combined timeline was made of

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    # The methods below import lazily: the model stays free of export and plotting dependencies.
    def to_dict(self) -> dict[str, Any]:
        from ..export.json_export import timeline_to_dict

        return timeline_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        from ..export.json_export import to_json

        return to_json(self, indent=indent)

    def to_csv(self) -> str:
        from ..export.csv_export import to_csv

        return to_csv(self)

    def to_geojson(self) -> dict[str, Any]:
        from ..export.geojson_export import to_geojson

        return to_geojson(self)

    def to_timelinejs(self) -> dict[str, Any]:
        from ..export.timelinejs_export import to_timelinejs

        return to_timelinejs(self)

    def to_graphml(self) -> str:
        from ..export.graphml_export import to_graphml

        return to_graphml(self)

    def to_dataframe(self) -> Any:
        from ..export.csv_export import to_dataframe

        return to_dataframe(self)

    def plot_timeline(self, **options: Any) -> Any:
        from ..charts import plot_timeline

        return plot_timeline(self, **options)

    def plot_graph(self, **options: Any) -> Any:
        from ..charts import plot_graph

        return plot_graph(self, **options)
