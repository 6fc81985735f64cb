"""Repeated mentions of one incident within an article become one incident with all its mentions.

Two mentions are one incident when they have the same type, their dates are compatible (one contains the other:
``this weekend's shelling`` and ``On Sunday, shells hit``) and their places are too (the same place, one inside
the other, or one mention names none). An anaphoric mention (``The shells killed ...``: a definite event noun
with no date or place of its own) joins the last incident of its type in the three sentences before it, and its
date is flagged as inherited. Nothing else inherits: a mention with no date and no antecedent stays undated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Incident, IncidentMention, IncidentPlace
from .extract import Candidate, Context, _contains, mention_of

ANAPHORA_SENTENCES = 3
# A mention is compared with the last clusters of its type only, so a long document merges in linear time; an
# article has far fewer incidents of one type than this.
RECENT_CLUSTERS = 200


@dataclass
class Cluster:
    members: list[Candidate] = field(default_factory=list)
    # ``best`` and ``target_ids`` are asked for every candidate compared with the cluster: they fold in only the
    # members appended since the last call, so a cluster that grows with the document (the same arrest
    # repeated in every paragraph) does not make the merge quadratic. ``reorder`` starts them over.
    _folded: int = field(default=0, repr=False)
    _best: tuple[int, int] | None = field(default=None, repr=False)
    _targets: set[str] = field(default_factory=set, repr=False)

    @property
    def type(self) -> str:
        return self.members[0].type

    def _fold(self) -> None:
        for n in range(self._folded, len(self.members)):
            member = self.members[n]
            if member.date is not None and (self._best is None or (member.date.range.days, n) < self._best):
                self._best = (member.date.range.days, n)
            self._targets.update(p.place_id for p in member.targets)
        self._folded = len(self.members)

    def reorder(self, key: Callable[[Candidate], Any]) -> None:
        self.members.sort(key=key)
        self._folded, self._best, self._targets = 0, None, set()

    @property
    def best(self) -> Candidate:
        """The member with the most precise date (the first one when none is dated)."""
        self._fold()
        return self.members[self._best[1]] if self._best is not None else self.members[0]

    def target_ids(self) -> set[str]:
        """The places the members name as targets (the cluster's own set: do not change it)."""
        self._fold()
        return self._targets


def _dates_compatible(a: Candidate, b: Candidate) -> bool:
    if a.date is None or b.date is None:
        return False
    return a.date.range.contains(b.date.range) or b.date.range.contains(a.date.range)


def _places_compatible(context: Context, cluster: Cluster, candidate: Candidate) -> tuple[bool, bool]:
    """(compatible, same place named)."""
    mine = cluster.target_ids()
    theirs = {p.place_id for p in candidate.targets}
    if not mine or not theirs:
        return True, False
    if mine & theirs:
        return True, True
    for a in mine:
        for b in theirs:
            place_a, place_b = context.places.get(a), context.places.get(b)
            if place_a and place_b and (_contains(context, place_a, place_b) or _contains(context, place_b, place_a)):
                return True, True
    return False, False


def _score(context: Context, cluster: Cluster, candidate: Candidate) -> int | None:
    """How well a candidate fits a cluster (higher is better), or None when it cannot be the same incident."""
    if cluster.type != candidate.type:
        return None
    best = cluster.best
    compatible, same_place = _places_compatible(context, cluster, candidate)
    if not compatible:
        return None
    if best.date is None or candidate.date is None:
        # Undated mentions join only an undated incident at the same named place.
        if best.date is None and candidate.date is None and same_place:
            return 1
        return None
    if not _dates_compatible(best, candidate):
        return None
    same_day = best.date.range == candidate.date.range
    if not same_place and _same_actor(cluster, candidate):
        return 1  # "arrested a man on July 30" and "arrested the man last week": one arrest
    if not same_place and not (same_day and candidate.definite):
        # A mention with no place joins only as a definite reference on the same day ("the shelling had taken
        # place"); an indefinite one ("fired missiles") is a new incident, and a coarser date could be any
        # incident of its span.
        return None
    return 2 * same_place + same_day


def _same_actor(cluster: Cluster, candidate: Candidate) -> bool:
    """The same actors named on both sides: no role named differently, and at least one named alike."""
    best = cluster.best

    def same(a: str | None, b: str | None) -> bool | None:
        if not a or not b:
            return None
        return a.lower() == b.lower()

    checks = [same(best.actor1, candidate.actor1), same(best.actor2, candidate.actor2)]
    return False not in checks and True in checks


def cluster_candidates(context: Context, candidates: list[Candidate]) -> list[Cluster]:
    """Group mentions into incidents, in two passes: dated and anaphoric mentions in text order, then undated
    mentions, which join the one incident of their type at their place when there is exactly one."""
    clusters: list[Cluster] = []
    by_type: dict[str, list[Cluster]] = {}
    owner: dict[int, Cluster] = {}
    undated: list[int] = []
    for number, candidate in enumerate(candidates):
        target: Cluster | None = None
        if candidate.anaphoric:
            target = _antecedent(candidates, number, owner)
        elif candidate.date is None and candidate.targets:
            undated.append(number)
            continue
        if target is None:
            recent = by_type.get(candidate.type, [])[-RECENT_CLUSTERS:]
            scored = [(s, i) for i, c in enumerate(recent) if (s := _score(context, c, candidate)) is not None]
            if scored:
                target = recent[max(scored)[1]]
        if target is None:
            target = Cluster()
            clusters.append(target)
            by_type.setdefault(candidate.type, []).append(target)
        target.members.append(candidate)
        owner[number] = target
    for number in undated:
        candidate = candidates[number]
        same_place = [
            c
            for c in by_type.get(candidate.type, [])[-RECENT_CLUSTERS:]
            if c.target_ids() and _places_compatible(context, c, candidate) == (True, True)
        ]
        if len(same_place) == 1:
            same_place[0].members.append(candidate)
        else:
            clusters.append(Cluster([candidate]))
            by_type.setdefault(candidate.type, []).append(clusters[-1])
    for cluster in clusters:
        cluster.reorder(_position)
    return sorted(clusters, key=lambda c: _position(c.members[0]))


def _position(candidate: Candidate) -> tuple[int, int]:
    return candidate.sentence, candidate.window[0]


def _antecedent(candidates: list[Candidate], number: int, owner: dict[int, Cluster]) -> Cluster | None:
    candidate = candidates[number]
    for previous in range(number - 1, -1, -1):
        other = candidates[previous]
        if candidate.sentence - other.sentence > ANAPHORA_SENTENCES:
            return None
        if other.type == candidate.type and previous in owner:
            return owner[previous]
    return None


def _places_of(context: Context, cluster: Cluster) -> tuple[IncidentPlace, ...]:
    targets: dict[str, IncidentPlace] = {}
    for member in cluster.members:
        for place in member.targets:
            known = targets.get(place.place_id)
            if known is None or (known.inferred and not place.inferred):
                targets[place.place_id] = place
    # A place that contains another target (the country of a named town) goes.
    kept = [
        p
        for p in targets.values()
        if not any(
            other != p.place_id
            and (outer := context.places.get(p.place_id)) is not None
            and (inner := context.places.get(other)) is not None
            and _contains(context, outer, inner)
            for other in targets
        )
    ]
    origins: dict[str, IncidentPlace] = {}
    for member in cluster.members:
        for place in member.origins:
            origins.setdefault(place.place_id, place)
    return (*kept, *(o for o in origins.values() if o.place_id not in targets))


def to_incident(context: Context, cluster: Cluster, number: int, document_id: str = "") -> Incident:
    best = cluster.best
    kind = context.lexicon.types[cluster.type]
    date = best.date
    mentions: list[IncidentMention] = []
    for member in cluster.members:
        mention = mention_of(context, member)
        if date is not None and member is not best and (member.date is None or member.date.range != date.range):
            # Its date is the incident's by coreference, not by its own words: say so.
            mention = replace(mention, date_basis="inherited")
        mentions.append(mention)
    killed: list[int] = []
    injured: list[int] = []
    texts: list[str] = []
    for member in cluster.members:
        for casualty, text in member.casualties:
            (killed if casualty.kind == "killed" else injured).append(casualty.value)
            if text not in texts:
                texts.append(text)
    basis = best.date_basis if date is not None else "none"
    if date is not None and any(m.anaphoric for m in cluster.members if m is best):
        basis = "inherited"
    return Incident(
        id=f"I{number}",
        type=cluster.type,
        event_type=kind.event_type,
        sub_event_type=next((m.sub_event_type for m in cluster.members if m.sub_event_type), kind.sub_event_type),
        date=date.range.value if date else None,
        date_start=date.range.start.isoformat() if date else None,
        date_end=date.range.end.isoformat() if date else None,
        time_precision=date.range.precision if date else None,
        date_basis=basis,  # type: ignore[arg-type]
        places=_places_of(context, cluster),
        actor1=next((m.actor1 for m in cluster.members if m.actor1), None),
        actor2=next((m.actor2 for m in cluster.members if m.actor2), None),
        killed=max(killed) if killed else None,
        injured=max(injured) if injured else None,
        casualty_text=tuple(texts),
        mentions=tuple(mentions),
        document_id=document_id,
    )
