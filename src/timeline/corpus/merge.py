"""The cross-article merge: many articles' incidents into one list of distinct events, each with its sources.

Two reports (``SourceIncident``s of different articles, or of one) are linked when they are one event by one of
these rules:

- **copy**: the same type and sentence (a wire story republished) and the same dates;
- **same town, same day**: the same type, town and actor key (``actors.py``), both day-precise on one day;
- **nearby towns**: towns at most ``near_km`` apart, the same day, type and actor key, and the same casualty
  figures (killed and injured).

Linked reports form connected components. Every rule is an equivalence on a key (the *block*), so a report is
linked to one representative per block it touches: adding a report costs a few dictionary look-ups, whatever
the corpus size. Different events on one day in one town stay apart when their types or actor keys differ.

``MergeState`` holds reports, a union-find over them and the blocks. ``combine`` of states is associative and
commutative (its components are those of the union of the reports, however it is bracketed), so it runs as a
tree reduction on a cluster or as a running fold on one machine. ``finalize`` then turns the components into
``MergedIncident``s, a function of the set of reports alone. A component with a day-precise report in a town is
*anchored*; then, each step looking only at what earlier steps settled:

1. dates that disagree: an anchored component joins the one anchored component of the day before or after with
   the same type, town, compatible actor and the same casualty figures, when that one has more sources (and is
   not itself such a minority);
2. an anchored component whose actor key is less specific (``rebels`` beside ``pro-Russian rebels``) joins the
   one more specific anchored component it is compatible with at that town and day;
3. any other component (a week- or month-precise date, a region- or country-level place, a weak type such as
   ``death``) joins the one anchored component it is compatible with (type, place, overlapping dates, actor);

in steps 2 and 3, when several fit, the one with the same casualty figures is taken if there is exactly one.
What joins nothing stays an incident of its own, merged with others only if they agree on everything.

A merged incident keeps what its sources disagree on side by side: every date reported (its own ``date`` is the
most precise one, the most reported among equally precise ones), and casualty counts as best/low/high as UCDP
codes them (best: the figure most sources give, the lower one on a tie).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from ..errors import RuleError
from ..model import Incident, IncidentPlace, Place
from ..model.incidents import PlaceRoles
from .actors import ActorKey
from .records import ArticleResult, Locality, SourceIncident

DATA = Path(__file__).parent / "data" / "merge.toml"
CELL_DEGREES = 0.1  # ~11 km of latitude: a 3 x 3 block of cells holds every town within near_km
MAX_JOIN_DAYS = 62  # a report dated no closer than this (a year) joins nothing: it could be any incident


@dataclass(frozen=True, slots=True)
class MergeRules:
    near_km: float
    sentence_min_chars: int
    attach: dict[str, frozenset[str]]

    @property
    def weak(self) -> frozenset[str]:
        return frozenset(self.attach)


@lru_cache(maxsize=1)
def load_rules(path: Path = DATA) -> MergeRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return MergeRules(
            near_km=float(data["near_km"]),
            sentence_min_chars=int(data["sentence_min_chars"]),
            attach={key: frozenset(values) for key, values in data.get("attach", {}).items()},
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise RuleError(f"{path}: {error}") from None


def _km(a: Locality, b: Locality) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    from ..places.gazetteer import haversine_km

    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _cell(locality: Locality) -> tuple[int, int] | None:
    if locality.latitude is None or locality.longitude is None:
        return None
    return (math.floor(locality.latitude / CELL_DEGREES), math.floor(locality.longitude / CELL_DEGREES))


def is_anchor(report: SourceIncident, rules: MergeRules) -> bool:
    """A report that can anchor an incident: dated to a day, in a town, of a type that is not weak."""
    return report.day is not None and bool(report.localities) and report.incident.type not in rules.weak


def _keys(report: SourceIncident, rules: MergeRules) -> tuple[list[tuple], list[tuple[tuple, Locality]]]:
    """(equivalence keys, neighbour keys): the report is in the block of each equivalence key; each neighbour key
    comes with the town to measure the distance from (to the towns found in that block)."""
    own: list[tuple] = []
    probes: list[tuple[tuple, Locality]] = []
    if len(report.sentence) >= rules.sentence_min_chars:
        own.append(("copy", report.type_key, report.sentence, report.day_start, report.day_end, report.town))
    if not is_anchor(report, rules):
        return own, probes
    kind, actor, day, profile = report.type_key, report.actor, report.day, report.profile
    for town in report.localities:
        own.append(("day", town.id, kind, actor, day))
        cell = _cell(town)
        if cell is None or profile is None:
            continue
        own.append(("near", cell, kind, actor, day, profile))
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                probes.append((("near", (cell[0] + dy, cell[1] + dx), kind, actor, day, profile), town))
    return own, probes


@dataclass
class MergeState:
    """Reports, the union-find that links them, and the blocks that find links in constant time."""

    reports: list[SourceIncident] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    # block key -> the first report in it; "near" blocks map each town in them to its first report there
    blocks: dict[tuple, int] = field(default_factory=dict)
    near: dict[tuple, dict[str, int]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    place_documents: Counter = field(default_factory=Counter)
    documents: int = 0

    # --- union-find ---------------------------------------------------------------------------------------

    def find(self, index: int) -> int:
        parent = self.parent
        root = index
        while parent[root] != root:
            root = parent[root]
        while parent[index] != root:  # path compression
            parent[index], index = root, parent[index]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index becomes the root: roots then do not depend on the order of unions.
            low, high = min(ra, rb), max(ra, rb)
            self.parent[high] = low

    # --- building -----------------------------------------------------------------------------------------

    def add_article(self, result: ArticleResult, rules: MergeRules | None = None) -> MergeState:
        """Add one done article (its reports and places). Returns self."""
        if not result.done:
            return self
        single = MergeState()
        for report in result.reports:
            single._add_report(report, rules or load_rules())
        for place in result.places:
            single.places[place.id] = place
            single.place_documents[place.id] += 1
        single.documents = 1
        return self.absorb(single, rules)

    def _add_report(self, report: SourceIncident, rules: MergeRules) -> None:
        index = len(self.reports)
        self.reports.append(report)
        self.parent.append(index)
        self._link(index, report, rules, limit=index + 1)

    def _link(self, index: int, report: SourceIncident, rules: MergeRules, limit: int) -> None:
        """Link report ``index`` with the blocks it belongs or neighbours to (representatives below ``limit``),
        then register it in its blocks."""
        own, probes = _keys(report, rules)
        for key in own:
            first = self.blocks.get(key)
            if first is not None and first < limit:
                self.union(first, index)
        for key, town in probes:
            for other_town, first in self.near.get(key, {}).items():
                if other_town == town.id or first >= limit:
                    continue
                distance = self._town_km(first, other_town, town)
                if distance is not None and distance <= rules.near_km:
                    self.union(first, index)
        for key in own:
            if key[0] == "near":
                self.near.setdefault(key, {})
                for town in report.localities:
                    if _cell(town) == key[1]:
                        self.near[key].setdefault(town.id, index)
            else:
                self.blocks.setdefault(key, index)

    def _town_km(self, first: int, town_id: str, town: Locality) -> float | None:
        other = next((t for t in self.reports[first].localities if t.id == town_id), None)
        return _km(town, other) if other is not None else None

    def absorb(self, other: MergeState, rules: MergeRules | None = None) -> MergeState:
        """Merge ``other`` into this state (``other`` is not changed). Returns self."""
        rules = rules or load_rules()
        offset = len(self.reports)
        self.reports.extend(other.reports)
        self.parent.extend(other.find(i) + offset for i in range(len(other.reports)))
        for number, report in enumerate(other.reports):
            self._link(offset + number, report, rules, limit=offset)
        # Reports of ``other`` keep the links ``other`` found; blocks new to this state point at them.
        for key, first in other.blocks.items():
            mine = self.blocks.get(key)
            if mine is None:
                self.blocks[key] = first + offset
            else:
                self.union(mine, first + offset)
        for key, towns in other.near.items():
            mine_towns = self.near.setdefault(key, {})
            for town_id, first in towns.items():
                if town_id in mine_towns:
                    self.union(mine_towns[town_id], first + offset)
                else:
                    mine_towns[town_id] = first + offset
        for place_id, place in other.places.items():
            self.places[place_id] = _canonical_place(self.places.get(place_id), place)
        self.place_documents.update(other.place_documents)
        self.documents += other.documents
        return self

    def copy(self) -> MergeState:
        return MergeState(
            reports=list(self.reports),
            parent=list(self.parent),
            blocks=dict(self.blocks),
            near={key: dict(towns) for key, towns in self.near.items()},
            places=dict(self.places),
            place_documents=Counter(self.place_documents),
            documents=self.documents,
        )

    def components(self) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for index in range(len(self.reports)):
            groups.setdefault(self.find(index), []).append(index)
        return list(groups.values())


def _canonical_place(mine: Place | None, theirs: Place) -> Place:
    """One Place per id whatever the order articles arrive in: the most precise reading, with every ``near``."""
    if mine is None or mine == theirs:
        return theirs
    keep = min(mine, theirs, key=lambda p: (p.precision, p.parent_id or "", p.kind, p.name))
    near = tuple(sorted(set(mine.near) | set(theirs.near)))
    return replace(keep, near=near) if near != keep.near else keep


def combine(*states: MergeState) -> MergeState:
    """The merge of several states into a new one (the inputs are not changed): associative and commutative."""
    if not states:
        return MergeState()
    rules = load_rules()
    largest = max(range(len(states)), key=lambda i: len(states[i].reports))
    result = states[largest].copy()
    for number, state in enumerate(states):
        if number != largest:
            result.absorb(state, rules)
    return result


def state_of(results: Iterable[ArticleResult]) -> MergeState:
    """The merge state of some articles' results."""
    state = MergeState()
    rules = load_rules()
    for result in results:
        state.add_article(result, rules)
    return state


# --- merged incidents ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Estimate:
    """A casualty count as UCDP codes it: the best estimate and the range the sources give."""

    best: int
    low: int
    high: int
    reports: int  # how many sources give a number

    def to_dict(self) -> dict[str, int]:
        return {"best": self.best, "low": self.low, "high": self.high, "reports": self.reports}


def estimate(values: Sequence[int]) -> Estimate | None:
    if not values:
        return None
    counts = Counter(values)
    best = min(counts, key=lambda value: (-counts[value], value))
    return Estimate(best, min(values), max(values), len(values))


@dataclass(frozen=True, slots=True)
class DateReport:
    """A date some sources give for an incident, and how many."""

    date: str
    date_start: str
    date_end: str
    time_precision: int
    sources: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "sources": self.sources,
        }


@dataclass(frozen=True, slots=True)
class MergedIncident(PlaceRoles):
    """One event of the corpus: its merged fields, the dates and figures its sources give, and its sources."""

    id: str
    type: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    date_basis: str
    places: tuple[IncidentPlace, ...]
    actor1: str | None
    actor2: str | None
    killed: Estimate | None
    injured: Estimate | None
    dates: tuple[DateReport, ...]
    sources: tuple[SourceIncident, ...]
    representative: int = 0  # the source whose sentence stands for the incident

    @property
    def date_conflict(self) -> bool:
        """Sources give dates that cannot all be true: two days, or a coarser span without the chosen day."""
        if self.date_start is None:
            return False
        days = {d.date_start for d in self.dates if d.time_precision == 1}
        outside = any(d.date_start > self.date_start or d.date_end < (self.date_end or "") for d in self.dates)
        return len(days) > 1 or outside

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.document_id for s in self.sources))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet or s.document_id for s in self.sources))

    def to_incident(self) -> Incident:
        """The merged incident as an ``Incident`` (best casualty figures, the representative source's mentions),
        for the exporters and charts of single timelines."""
        source = self.sources[self.representative].incident
        texts = tuple(dict.fromkeys(t for s in self.sources for t in s.incident.casualty_text))
        return Incident(
            id=self.id,
            type=self.type,
            event_type=self.event_type,
            sub_event_type=self.sub_event_type,
            date=self.date,
            date_start=self.date_start,
            date_end=self.date_end,
            time_precision=self.time_precision,
            date_basis=self.date_basis,  # type: ignore[arg-type]
            places=self.places,
            actor1=self.actor1,
            actor2=self.actor2,
            killed=self.killed.best if self.killed else None,
            injured=self.injured.best if self.injured else None,
            casualty_text=texts,
            mentions=source.mentions,
            document_id=source.document_id,
        )

    def to_dict(self) -> dict[str, Any]:
        incident = self.to_incident().to_dict()
        del incident["mentions"], incident["document_id"]
        return {
            **incident,
            "killed": self.killed.best if self.killed else None,
            "injured": self.injured.best if self.injured else None,
            "casualties": {
                "killed": self.killed.to_dict() if self.killed else None,
                "injured": self.injured.to_dict() if self.injured else None,
            },
            "dates": [d.to_dict() for d in self.dates],
            "date_conflict": self.date_conflict,
            "documents": len(self.documents),
            "sources": [source_dict(s) for s in self.sources],
        }


def source_dict(report: SourceIncident) -> dict[str, Any]:
    """A source of a merged incident as ``timeline.json`` lists it."""
    incident = report.incident
    mention = incident.mentions[0] if incident.mentions else None
    return {
        "document_id": report.document_id,
        "outlet": report.outlet,
        "url": report.url,
        "published": report.published,
        "sentence": report.sentence,
        "span": [mention.start, mention.end] if mention else None,
        "sentence_span": [mention.sentence_start, mention.sentence_end] if mention else None,
        "trigger": incident.trigger,
        "incident_id": incident.id,
        "type": incident.type,
        "date": incident.date,
        "date_text": mention.date_text if mention else None,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "killed": incident.killed,
        "injured": incident.injured,
    }


# --- finalize -----------------------------------------------------------------------------------------------


@dataclass
class _Group:
    """A component on its way to a merged incident."""

    reports: list[SourceIncident]
    anchored: bool
    type_key: tuple[str, str]
    actor: ActorKey
    span: tuple[int, int] | None
    towns: frozenset[str]
    coarse: tuple[Place, ...]
    profile: tuple[int | None, int | None] | None
    documents: int
    joined: bool = False

    @property
    def level(self) -> int:
        return (self.actor.side is not None) + (self.actor.kind is not None)

    @property
    def first(self) -> tuple:
        return self.reports[0].order


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(values)
    return max(counts, key=lambda value: counts[value]) if counts else None  # first seen wins a tie


def _date_reports(reports: Sequence[SourceIncident]) -> list[DateReport]:
    counts: Counter = Counter(
        (
            r.incident.date,
            r.incident.date_start,
            r.incident.date_end or r.incident.date_start,
            r.incident.time_precision,
        )
        for r in reports
        if r.incident.date_start and r.incident.time_precision
    )
    return sorted(
        (DateReport(value, start, end, precision, n) for (value, start, end, precision), n in counts.items()),
        key=lambda d: (d.time_precision, -d.sources, d.date_start, d.date),
    )


def _group(reports: list[SourceIncident], rules: MergeRules) -> _Group:
    reports.sort(key=lambda r: r.order)
    anchors = [r for r in reports if is_anchor(r, rules)]
    basis = anchors or reports
    dates = _date_reports(reports)
    span = None
    if dates:
        span = (date.fromisoformat(dates[0].date_start).toordinal(), date.fromisoformat(dates[0].date_end).toordinal())
    return _Group(
        reports=reports,
        anchored=bool(anchors),
        type_key=_most_common(r.type_key for r in basis),
        actor=_most_common(r.actor for r in basis),
        span=span,
        towns=frozenset(t.id for r in reports for t in r.localities),
        coarse=tuple({p.id: p for r in reports for p in r.coarse}.values()),
        profile=_most_common(r.profile for r in reports if r.profile is not None),
        documents=len({r.document_id for r in reports}),
    )


def _types_fit(group: _Group, anchor: _Group, rules: MergeRules) -> bool:
    if group.type_key == anchor.type_key:
        return True
    return anchor.type_key[0] in rules.attach.get(group.type_key[0], frozenset())


def _place_fits(group: _Group, anchor: _Group, towns: dict[str, Locality]) -> bool:
    if group.towns:
        return bool(group.towns & anchor.towns)
    for place in group.coarse:
        for town_id in anchor.towns:
            town = towns[town_id]
            if place.country != town.country:
                continue
            if place.kind != "region" or place.name == town.region:
                return True
    return False


def _fits(group: _Group, anchor: _Group, rules: MergeRules, towns: dict[str, Locality]) -> bool:
    if group.span is None or anchor.span is None:
        return False
    overlap = group.span[0] <= anchor.span[1] and anchor.span[0] <= group.span[1]
    # The actor of a weak report is whoever it happened to ("two soldiers died"), not the actor of the incident.
    actors_fit = group.type_key[0] in rules.weak or group.actor.compatible(anchor.actor)
    return overlap and actors_fit and _types_fit(group, anchor, rules) and _place_fits(group, anchor, towns)


def _candidates(group: _Group, index: dict[tuple, list[int]], rules: MergeRules, margin: int = 0) -> set[int]:
    """Anchored groups that may fit: of a type it can join, at one of its towns (or in the country of its coarse
    places when it names no town), on a day of its span widened by ``margin``. Every look-up is by day, so the
    cost does not grow with the length of the period the corpus covers."""
    if group.span is None or group.span[1] - group.span[0] > MAX_JOIN_DAYS:
        return set()
    kinds = {group.type_key[0], *rules.attach.get(group.type_key[0], ())}
    if group.towns:
        places = [("town", town) for town in group.towns]
    else:
        places = [("country", country) for country in {p.country for p in group.coarse if p.country}]
    found: set[int] = set()
    for day in range(group.span[0] - margin, group.span[1] + margin + 1):
        for kind in kinds:
            for scope, place in places:
                found.update(index.get((scope, kind, place, day), ()))
    return found


def _adjacent(group: _Group, anchor: _Group) -> bool:
    """Step 1: the same incident dated a day apart by some sources (see the module docstring)."""
    if group.span is None or anchor.span is None or group.span[0] != group.span[1] or anchor.span[0] != anchor.span[1]:
        return False
    return (
        abs(group.span[0] - anchor.span[0]) == 1
        and group.type_key == anchor.type_key
        and bool(group.towns & anchor.towns)
        and group.profile is not None
        and group.profile == anchor.profile
        and group.actor.compatible(anchor.actor)
    )


def _one(group: _Group, fitting: list[int], groups: list[_Group]) -> int | None:
    """The group to join: the only one that fits, or the only one of those with the same casualty figures."""
    if len(fitting) == 1:
        return fitting[0]
    if group.profile is not None:
        same = [m for m in fitting if groups[m].profile == group.profile]
        if len(same) == 1:
            return same[0]
    return None


def _join(groups: list[_Group], rules: MergeRules, towns: dict[str, Locality]) -> list[_Group]:
    """Steps 1 to 3 of the module docstring; returns the groups that remain, each with its joiners."""
    anchors = [n for n, g in enumerate(groups) if g.anchored]
    index: dict[tuple, list[int]] = {}
    for n in anchors:
        group = groups[n]
        assert group.span is not None  # an anchored group has a day-precise report
        for day in range(group.span[0], group.span[1] + 1):
            for town in group.towns:
                index.setdefault(("town", group.type_key[0], town, day), []).append(n)
                index.setdefault(("country", group.type_key[0], towns[town].country, day), []).append(n)
    joiners: dict[int, list[int]] = {}

    def join(member: int, target: int) -> None:
        groups[member].joined = True
        joiners.setdefault(target, []).append(member)

    def larger_neighbours(n: int) -> list[int]:
        group = groups[n]
        return [
            m
            for m in _candidates(group, index, rules, margin=1)
            if m != n and groups[m].documents > group.documents and _adjacent(group, groups[m])
        ]

    moves = {}
    for n in anchors:
        fitting = larger_neighbours(n)
        if len(fitting) == 1 and not larger_neighbours(fitting[0]):
            moves[n] = fitting[0]
    for member, target in moves.items():
        join(member, target)
    for level in (1, 0):
        for n in anchors:
            group = groups[n]
            if group.level != level or group.joined:
                continue
            fitting = [
                m
                for m in _candidates(group, index, rules)
                if m != n and not groups[m].joined and groups[m].level > level and _fits(group, groups[m], rules, towns)
            ]
            target = _one(group, fitting, groups)
            if target is not None:
                join(n, target)
    for n, group in enumerate(groups):
        if group.anchored:
            continue
        fitting = [
            m
            for m in _candidates(group, index, rules)
            if not groups[m].joined and _fits(group, groups[m], rules, towns)
        ]
        target = _one(group, fitting, groups)
        if target is not None:
            join(n, target)
    for target, members in joiners.items():
        for member in members:
            groups[target].reports.extend(groups[member].reports)
    remaining = [g for g in groups if not g.joined]
    return _merge_alike(remaining)


def _merge_alike(groups: list[_Group]) -> list[_Group]:
    """Unanchored groups that agree on everything (type, dates, places, actor) are one incident."""
    alike: dict[tuple, _Group] = {}
    kept: list[_Group] = []
    for group in groups:
        if group.anchored or group.span is None or not (group.towns or group.coarse):
            kept.append(group)
            continue
        key = (group.type_key, group.span, group.towns, tuple(sorted(p.id for p in group.coarse)), group.actor)
        if key in alike:
            alike[key].reports.extend(group.reports)
        else:
            alike[key] = group
            kept.append(group)
    return kept


def _places(reports: Sequence[SourceIncident]) -> tuple[IncidentPlace, ...]:
    counts: Counter = Counter()
    inferred: dict[tuple[str, str], bool] = {}
    for report in reports:
        for place in dict.fromkeys(report.incident.places):
            key = (place.place_id, place.role)
            counts[key] += 1
            inferred[key] = inferred.get(key, True) and place.inferred
    ordered = sorted(counts, key=lambda key: -counts[key])  # stable: first seen first among equals
    return tuple(IncidentPlace(place_id, role, inferred[(place_id, role)]) for place_id, role in ordered)  # type: ignore[arg-type]


def merged_incident(reports: list[SourceIncident], rules: MergeRules | None = None) -> MergedIncident:
    """The merged incident of reports that are one event."""
    rules = rules or load_rules()
    reports = sorted(reports, key=lambda r: r.order)
    anchors = [r for r in reports if is_anchor(r, rules)] or reports
    type_key = _most_common(r.type_key for r in anchors)
    typed = next(r for r in anchors if r.type_key == type_key).incident
    dates = _date_reports(reports)
    chosen = dates[0] if dates else None
    representative = 0
    if chosen is not None:
        representative = next(
            n
            for n, r in enumerate(reports)
            if (r.incident.date, r.incident.date_start) == (chosen.date, chosen.date_start)
        )
    key = _most_common(r.actor for r in anchors)
    actor1 = _most_common(r.incident.actor1 for r in anchors if r.incident.actor1 and r.actor == key)
    actor2 = _most_common(r.incident.actor2 for r in reports if r.incident.actor2)
    return MergedIncident(
        id="",
        type=typed.type,
        event_type=typed.event_type,
        sub_event_type=typed.sub_event_type,
        date=chosen.date if chosen else None,
        date_start=chosen.date_start if chosen else None,
        date_end=chosen.date_end if chosen else None,
        time_precision=chosen.time_precision if chosen else None,
        date_basis=reports[representative].incident.date_basis,
        places=_places(reports),
        actor1=actor1,
        actor2=actor2,
        killed=estimate([r.incident.killed for r in reports if r.incident.killed is not None]),
        injured=estimate([r.incident.injured for r in reports if r.incident.injured is not None]),
        dates=tuple(dates),
        sources=tuple(reports),
        representative=representative,
    )


def _timeline_key(incident: MergedIncident) -> tuple:
    first = incident.sources[0].order
    if incident.date_start is None:
        return (1, "", "", first)
    return (0, incident.date_start, incident.date_end or incident.date_start, first)


def finalize(state: MergeState, rules: MergeRules | None = None) -> tuple[MergedIncident, ...]:
    """The merged incidents of a state, in timeline order (by date, undated last), numbered ``I1``, ``I2``..."""
    rules = rules or load_rules()
    towns = {t.id: t for r in state.reports for t in r.localities}
    groups = [_group([state.reports[i] for i in members], rules) for members in state.components()]
    groups.sort(key=lambda g: g.first)
    merged = [merged_incident(g.reports, rules) for g in _join(groups, rules, towns)]
    merged.sort(key=_timeline_key)
    return tuple(replace(incident, id=f"I{n}") for n, incident in enumerate(merged, 1))
