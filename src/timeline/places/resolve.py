"""Choosing one real place for each reference, mention by mention.

Order of evidence:

1. Cues in the sentence: an adjective before the kind word ("the Russian town of Donetsk"), a qualifier after a
   comma ("Donetsk, Russia"), a possessive ("Russia's Kuibyshev district"), "X in eastern Ukraine", an
   appositive ("Tripoli, the Lebanese port"), a part-of ("the Donetsk suburb of Maryinka") or near relation
   between two names. Pairs are resolved together: the qualifier must contain the place, the suburb lie within
   a few dozen km of its city.
2. The document: places already resolved pull ambiguous ones toward them (within the same region or
   ``NEAR_KM``; else the same country; else a neighbouring country).
3. Size: the order of magnitude of the population (a name that is only an alternate or historical name of
   the place counts a tenth: "Kuibyshev" is more often the town than Samara's old name). Context and size add
   up, so a big foreign city still beats a small town of a country the document mentions (Tripoli, Libya over
   Tripoli, Iowa) while a town near the places already resolved beats a distant namesake.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import Place, PlaceMention
from .gazetteer import Entry, Gazetteer, Match, distance_km
from .lexicon import KindWord, Lexicon
from .recognize import ADJECTIVE, DERIVED, NAME, Recognized, Ref
from .text import Token

NEAR_KM = 200.0  # "nearby": the two Donetsks are 163 km apart
CONTEXT_KM = 150.0  # a resolved place pulls namesakes within this distance toward it
SUBURB_KM = 60.0  # a suburb, district or checkpoint of a city lies within this distance of it
_ALTERNATE_WEIGHT = 0.01  # a historical name (Kuibyshev for Samara) is weak evidence
REGION_POPULATION = 500_000
ANCHOR_POPULATION = 10_000  # an unambiguous name of a place this big is evidence for its neighbours
# What the document adds to a candidate, in orders of magnitude of population (see _Context.affinity).
_SAME_PLACE, _CLOSE, _IN_REGION, _SAME_COUNTRY, _NEIGHBOUR_COUNTRY = 4.0, 2.0, 1.5, 1.0, 0.5
METROPOLIS = 1_000_000  # towns near a metropolis are many: being close to one is weak evidence
_SCAN_LIMIT = 6


@dataclass(frozen=True, slots=True)
class Cues:
    """What the sentence says about one reference; ``container``, ``parent`` and ``near`` are ref indices."""

    countries: frozenset[str] = frozenset()
    strong: bool = False  # the countries come from a kind cue ("the Russian town of"), not a bare adjective
    container: int | None = None
    qualifier: bool = False  # the container is a ", Q" qualifier, which may also be a list
    parent: int | None = None
    near: int | None = None
    kind: str | None = None  # the kind of place a cue word calls it ("the town of", ", a suburb of")


# "X, the capital of Y" names no kind the way "X, a suburb of Y" does, but is an appositive all the same.
_CAPITAL = KindWord("city", of=True, named=False, anchor="town", candidates=frozenset({"populated"}), relation=None,
                    adjective=False, plural=False, capitalized=False)


@dataclass
class _Scan:
    countries: set[str] = field(default_factory=set)
    container: int | None = None
    near: bool = False
    seen: set[int] = field(default_factory=set)


# --- cues ---------------------------------------------------------------------------------------------------


def _owners(refs: list[Ref]) -> dict[int, int]:
    return {index: number for number, ref in enumerate(refs) for index in range(ref.first, ref.last + 1)}


def _possessive_owner(tokens: list[Token], index: int, owners: dict[int, int]) -> int | None:
    # "Russia's": tokens Russia ’ s; scanning leftwards we meet the "s" first.
    if index >= 2 and tokens[index].text == "s" and tokens[index - 2].possessive:
        return owners.get(index - 2)
    return None


def _scan_left(recognized: Recognized, owners: dict[int, int], start: int, at_kind: bool, lexicon: Lexicon) -> _Scan:
    """Walk left from token ``start`` over modifiers, collecting adjectives, a container and a near word."""
    tokens, refs = recognized.tokens, recognized.refs
    scan = _Scan()
    index, steps = start - 1, 0
    while index >= 0 and steps < _SCAN_LIMIT and tokens[index].sentence == tokens[start].sentence:
        steps += 1
        token = tokens[index]
        possessive = _possessive_owner(tokens, index, owners)
        owner = possessive if possessive is not None else owners.get(index)
        if owner is not None:
            ref = refs[owner]
            scan.seen.add(owner)
            if ref.type == ADJECTIVE:
                if not ref.stance:
                    scan.countries |= ref.countries
                index = ref.first - 1
                continue
            if possessive is not None or at_kind:
                scan.container = owner
            return scan
        if token.text == "-" or token.key in lexicon.modifiers:
            scan.near = scan.near or token.key in lexicon.near
            index -= 1
            continue
        return scan
    return scan


def _after(tokens: list[Token], ref: Ref) -> int:
    """Index of the first token after the mention."""
    index = ref.last + 1
    while index < len(tokens) and tokens[index].start < ref.end:
        index += 1
    return index


def _ref_at(owners: dict[int, int], refs: list[Ref], index: int) -> int | None:
    number = owners.get(index)
    return number if number is not None and refs[number].first == index else None


def _qualifier(recognized: Recognized, owners: dict[int, int], number: int) -> int | None:
    tokens, refs = recognized.tokens, recognized.refs
    after = _after(tokens, refs[number])
    if after + 1 < len(tokens) and tokens[after].text == ",":
        target = _ref_at(owners, refs, after + 1)
        if target is not None and refs[target].type == NAME and _is_area(refs[target]):
            return target
    return None


def _is_area(ref: Ref) -> bool:
    if ref.type == DERIVED:
        return ref.kind is not None and ref.kind.kind == "region"
    return any(match.entry.kind in ("country", "region") for match in ref.matches)


def _inside(recognized: Recognized, owners: dict[int, int], number: int, lexicon: Lexicon) -> int | None:
    """"Donetsk in eastern Ukraine"."""
    tokens, refs = recognized.tokens, recognized.refs
    index = _after(tokens, refs[number])
    if index < len(tokens) and tokens[index].text == ",":  # "Donetsk, in the Rostov region"
        index += 1
    if index >= len(tokens) or tokens[index].key not in lexicon.inside:
        return None
    index += 1
    while index < len(tokens) and tokens[index].key in lexicon.directions:
        index += 1
    target = _ref_at(owners, refs, index)
    if target is None or refs[target].type == ADJECTIVE:
        return None
    # A square or district lies in a city ("Independence Square in Kiev"); a town lies in a region or country.
    if _is_area(refs[target]) or (refs[number].type == DERIVED and refs[target].type == NAME):
        return target
    return None


def _near_after(recognized: Recognized, owners: dict[int, int], number: int, lexicon: Lexicon) -> int | None:
    """"Maryinka, near Donetsk", "the village outside Luhansk"."""
    tokens, refs = recognized.tokens, recognized.refs
    index = _after(tokens, refs[number])
    if index < len(tokens) and tokens[index].text == ",":
        index += 1
    for width in (2, 1):
        words = " ".join(t.key for t in tokens[index : index + width])
        if words in lexicon.near:
            following = index + width
            if following < len(tokens) and tokens[following].key == "the":
                following += 1
            target = _ref_at(owners, refs, following)
            if target is not None and refs[target].type in (NAME, ADJECTIVE):
                return target
    return None


def _of_after(recognized: Recognized, owners: dict[int, int], number: int) -> int | None:
    """"the Kuibyshev district of Russia", "the Petrovsky district of Donetsk": the place it belongs to."""
    tokens, refs = recognized.tokens, recognized.refs
    index = _after(tokens, refs[number])
    if index + 1 >= len(tokens) or tokens[index].key != "of":
        return None
    index += 2 if tokens[index + 1].key == "the" else 1
    target = _ref_at(owners, refs, index)
    if target is not None and (refs[target].type == NAME or _is_area(refs[target])):
        return target
    return None


def _appositive(
    recognized: Recognized, owners: dict[int, int], number: int, lexicon: Lexicon
) -> tuple[_Scan, KindWord | None]:
    """"Tripoli, the Lebanese port", "Maryinka, a suburb of Donetsk", "Tripoli, the capital of Libya"."""
    tokens, refs = recognized.tokens, recognized.refs
    scan = _Scan()
    index = _after(tokens, refs[number])
    if index + 1 >= len(tokens) or tokens[index].text != "," or tokens[index + 1].key not in lexicon.articles:
        return scan, None
    index += 2
    for _ in range(_SCAN_LIMIT):
        if index >= len(tokens):
            break
        token = tokens[index]
        owner = owners.get(index)
        if owner is not None and refs[owner].type == ADJECTIVE:
            scan.countries |= refs[owner].countries
            index = refs[owner].last + 1
            continue
        if owner is not None and tokens[refs[owner].last].possessive:
            scan.container = owner
            index = refs[owner].last + 3
            continue
        kind = lexicon.kind_words.get(token.key) or (_CAPITAL if token.key in lexicon.capital else None)
        if kind is not None:
            if index + 1 < len(tokens) and tokens[index + 1].key == "of":
                target = _ref_at(owners, refs, index + 2)
                if target is not None and refs[target].type == NAME:
                    scan.container = target
            return scan, kind
        if token.key in lexicon.modifiers or token.text == "-":
            index += 1
            continue
        break
    return scan, None


def _below_airspace(recognized: Recognized, number: int, lexicon: Lexicon) -> frozenset[str]:
    """"Russian air space above Donetsk", "Ukraine's airspace over Luhansk": the countries of the airspace."""
    tokens, refs = recognized.tokens, recognized.refs
    index = refs[number].first - 1
    if index < 1 or tokens[index].key not in lexicon.above:
        return frozenset()
    ends_before = tokens[index - 1].end
    for ref in refs:
        if ref.end == ends_before and ref.type == DERIVED and ref.kind is not None and ref.kind.kind == "airspace":
            return ref.countries
    return frozenset()


def _cues_for(recognized: Recognized, owners: dict[int, int], number: int, lexicon: Lexicon) -> Cues:
    ref = recognized.refs[number]
    kind = ref.kind
    from_kind = ref.type == NAME and kind is not None and kind.of and ref.cue is not None
    start = ref.cue if from_kind else ref.first
    scan = _scan_left(recognized, owners, start, from_kind, lexicon)
    container, qualifier = scan.container, False
    countries, strong = set(scan.countries), (from_kind or ref.type == DERIVED) and bool(scan.countries)
    found = _qualifier(recognized, owners, number)
    if found is not None:
        container, qualifier = found, True
    found = _inside(recognized, owners, number, lexicon)
    if found is not None and container is None:
        container = found
    if ref.type == DERIVED and container is None:
        container = _of_after(recognized, owners, number)
    apposition, appositive_kind = _appositive(recognized, owners, number, lexicon)
    if appositive_kind is not None:
        countries |= apposition.countries
        strong = strong or bool(apposition.countries)
        container = container if apposition.container is None else apposition.container
    parent = container if kind is not None and kind.relation == "part_of" and from_kind else None
    if appositive_kind is not None and appositive_kind.relation == "part_of" and apposition.container is not None:
        parent = apposition.container  # "Maryinka, a suburb of Donetsk"
    near = _near_after(recognized, owners, number, lexicon)
    if near is None and scan.near:
        near = _previous_ref(recognized, number, exclude=scan.seen | {container} - {None})
    airspace = _below_airspace(recognized, number, lexicon)
    if airspace:
        countries, strong = countries | airspace, True
    named_kind = kind.kind if _kind_applies(ref) and from_kind else None
    if appositive_kind is not None and appositive_kind is not _CAPITAL:
        named_kind = appositive_kind.kind
    return Cues(frozenset(countries), strong, container, qualifier, parent, near, named_kind)


def _previous_ref(recognized: Recognized, number: int, exclude: set) -> int | None:
    refs, tokens = recognized.refs, recognized.tokens
    sentence = tokens[refs[number].first].sentence
    for other in range(number - 1, max(number - _SCAN_LIMIT * 4, 0) - 1, -1):
        ref = refs[other]
        if tokens[ref.first].sentence != sentence:
            return None
        if other not in exclude and not ref.stance:
            return other
    return None


# --- candidates ---------------------------------------------------------------------------------------------


def _prominence(match: Match) -> float:
    """log10 of the population; regions, whose population the data lacks, count as a few million people."""
    entry = match.entry
    population = REGION_POPULATION if entry.kind == "region" else (entry.population or 1)
    return math.log10(max(population, 1) * (1.0 if match.main else _ALTERNATE_WEIGHT))


def _initial(ref: Ref, cues: Cues, gazetteer: Gazetteer) -> list[Match]:
    if ref.type == ADJECTIVE or (ref.type == DERIVED and ref.kind is not None and ref.kind.adjective):
        return [Match(e, True) for code in sorted(ref.countries) if (e := gazetteer.country(code))]
    matches = list(ref.matches)
    if ref.type == DERIVED and ref.kind is not None and ref.kind.anchor == "region":
        # "Rostov region" is the region whose largest city is called Rostov, not any region with a Rostov.
        regions = {}
        for match in matches:
            entry = match.entry
            if entry.kind == "populated" and gazetteer.is_seat(entry):
                entry = gazetteer.region(entry.country, entry.admin1, ref.label) or entry
            if entry.kind == "region":
                regions.setdefault(entry.id, Match(entry, match.main))
        matches = list(regions.values())
    if _kind_applies(ref):
        # "the State of Iraq": when no candidate is of the kind the word names, the name is what the kind
        # word belongs to, not an instance of it.
        allowed = ref.kind.candidates  # type: ignore[union-attr]
        matches = [m for m in matches if m.entry.kind in allowed] or matches
    if not (ref.cued or cues.container is not None):
        matches = [m for m in matches if not m.entry.minor]
    if cues.countries:
        inside = [m for m in matches if m.entry.country in cues.countries]
        if inside or cues.strong:
            matches = inside
    return matches


def _kind_applies(ref: Ref) -> bool:
    """Whether the kind word says what the place is: "the city of Paris", but not "the cities of Greece",
    where a plural before a country or region is about places inside it."""
    if ref.kind is None or not ref.kind.candidates:
        return False
    area = any(m.entry.kind in ("country", "region") for m in ref.matches)
    return not (ref.kind.plural and area and ref.type == NAME and "populated" in ref.kind.candidates)


def _restrict_pair(
    gazetteer: Gazetteer, inner: list[Match], outer: list[Match], within_km: float | None
) -> tuple[list[Match], list[Match]] | None:
    """The candidates of two references that fit together: outer contains inner, or lies within ``within_km``."""
    pairs = []
    for a, b in itertools.product(inner, outer):
        if within_km is None:
            if gazetteer.contains(b.entry, a.entry):
                pairs.append((0.0, a, b))
            continue
        distance = distance_km(a.entry, b.entry)
        if distance is not None and distance <= within_km:
            pairs.append((distance, a, b))
        elif distance is None and gazetteer.contains(b.entry, a.entry):
            pairs.append((within_km, a, b))
    if not pairs:
        return None
    best = min(distance for distance, _, _ in pairs)
    # Among places that fit, the closest pair wins only when distance says something: "suburb of" picks the
    # nearest city, containment keeps every fitting candidate for the later steps.
    if within_km is not None:
        pairs = [pair for pair in pairs if pair[0] <= best + 1e-6]
    return _unique(a for _, a, _ in pairs), _unique(b for _, _, b in pairs)


def _unique(matches: Iterable[Match]) -> list[Match]:
    return list({m.entry.id: m for m in matches}.values())


def _apply_pairs(refs: list[Ref], cues: list[Cues], candidates: list[list[Match]], gazetteer: Gazetteer) -> None:
    for number, cue in enumerate(cues):
        for other, within in ((cue.container, None), (cue.parent, SUBURB_KM), (cue.near, NEAR_KM)):
            if other is None or not candidates[number] or not candidates[other]:
                continue
            in_town = refs[number].type == DERIVED and not _is_area(refs[other]) and other == cue.container
            if in_town:  # "the Petrovsky district of Donetsk": a part of the town, not a town of its own name
                within = SUBURB_KM
            fitted = _restrict_pair(gazetteer, candidates[number], candidates[other], within)
            if fitted is not None:
                candidates[number], candidates[other] = fitted
            elif in_town:
                candidates[number] = []


# --- choosing -----------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """The places resolved so far, indexed so that scoring a candidate does not scan them all."""

    gazetteer: Gazetteer
    anchors: dict[str, Entry] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    _inner_countries: set[str | None] = field(default_factory=set)
    _populated_regions: set[tuple[str | None, str | None]] = field(default_factory=set)
    _named_regions: set[tuple[str | None, str | None]] = field(default_factory=set)
    _cells: dict[tuple[int, int], list[Entry]] = field(default_factory=dict)
    _fixed: dict[str, float] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.anchors[entry.id] = entry
        self._fixed.clear()
        if entry.country:
            self.countries.add(entry.country)
        if entry.kind == "region":
            self._named_regions.add((entry.country, entry.admin1))
            self._inner_countries.add(entry.country)
        if entry.kind != "populated":
            return
        self._inner_countries.add(entry.country)
        self._populated_regions.add((entry.country, entry.admin1))
        if entry.latitude is not None and (entry.population or 0) < METROPOLIS:
            self._cells.setdefault(_cell(entry.latitude, entry.longitude), []).append(entry)  # type: ignore[arg-type]

    def affinity(self, entry: Entry) -> float:
        """How much the places resolved so far speak for ``entry``: the same place, or one containing them;
        a place close to them (towns near a metropolis are many: being close to one says little); a place in
        a region they name; in a country they are in; in a neighbouring country."""
        fixed = self._fixed.get(entry.id)
        if fixed is None:
            fixed = self._fixed[entry.id] = self._spatial(entry)
        if fixed:
            return fixed
        if entry.country in self.countries:
            return _SAME_COUNTRY
        if any(entry.country in self.gazetteer.neighbours(code) for code in self.countries):
            return _NEIGHBOUR_COUNTRY
        return 0.0

    def _spatial(self, entry: Entry) -> float:
        if entry.id in self.anchors:
            return _SAME_PLACE
        if entry.kind == "country" and entry.country in self._inner_countries:
            return _SAME_PLACE
        if entry.kind == "region" and (entry.country, entry.admin1) in self._populated_regions:
            return _SAME_PLACE
        if entry.kind != "populated":
            return 0.0
        if entry.latitude is not None and self._near_anchor(entry):
            return _CLOSE
        return _IN_REGION if (entry.country, entry.admin1) in self._named_regions else 0.0

    def _near_anchor(self, entry: Entry) -> bool:
        row, column = _cell(entry.latitude, entry.longitude)  # type: ignore[arg-type]
        reach = _column_reach(entry.latitude)  # type: ignore[arg-type]
        for dr in (-1, 0, 1):
            for dc in range(-reach, reach + 1):
                for anchor in self._cells.get((row + dr, column + dc), ()):
                    distance = distance_km(anchor, entry)
                    if distance is not None and distance <= CONTEXT_KM:
                        return True
        return False


_CELL_DEGREES = 1.5  # latitude cells of 1.5 degrees (167 km) hold every anchor within CONTEXT_KM in 3 rows


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / _CELL_DEGREES), math.floor(longitude / _CELL_DEGREES)


def _column_reach(latitude: float) -> int:
    """How many longitude cells CONTEXT_KM spans at this latitude (more toward the poles)."""
    width_km = 111.32 * _CELL_DEGREES * max(math.cos(math.radians(min(abs(latitude) + _CELL_DEGREES, 89.0))), 0.01)
    return min(math.ceil(CONTEXT_KM / width_km), math.ceil(180 / _CELL_DEGREES))


def _choose(candidates: list[Match], context: _Context) -> Match:
    return min(candidates, key=lambda m: (-(context.affinity(m.entry) + _prominence(m)), m.entry.id))


def _is_anchor(ref: Ref, cue: Cues, match: Match) -> bool:
    """Whether a reference resolved without the document is firm enough to pull others toward it."""
    if ref.cued or cue.countries or cue.container is not None or cue.parent is not None:
        return True
    entry = match.entry
    return entry.kind != "populated" or (match.main and (entry.population or 0) >= ANCHOR_POPULATION)


def _decide(
    refs: list[Ref], cues: list[Cues], candidates: list[list[Match]], gazetteer: Gazetteer
) -> list[Entry | None]:
    context = _Context(gazetteer)
    chosen: list[Entry | None] = [None] * len(refs)
    for number, found in enumerate(candidates):
        if refs[number].type == ADJECTIVE:
            for match in found:
                context.countries.add(match.entry.country or "")
        elif len(found) == 1 and _is_anchor(refs[number], cues[number], found[0]):
            chosen[number] = found[0].entry
            context.add(found[0].entry)
    for number, found in enumerate(candidates):
        if refs[number].type == ADJECTIVE or chosen[number] is not None or not found:
            continue
        entry = _choose(found, context).entry
        chosen[number] = entry
        # A guess lends its country to the context but does not pull its neighbours: one wrong guess
        # ("Washington") must not drag the next name ("Berlin") across the ocean.
        if entry.country:
            context.countries.add(entry.country)
    return chosen


# --- places -------------------------------------------------------------------------------------------------


def slug(text: str, gazetteer: Gazetteer) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gazetteer.lexicon.fold(text)).strip("-") or "unnamed"


@dataclass(frozen=True, slots=True)
class _Resolved:
    place: Place
    near: str | None  # id of a place this mention is said to be near


_POPULATED_KINDS = frozenset({"town", "city", "village", "suburb"})


def place_of_entry(
    entry: Entry, gazetteer: Gazetteer, cue_kind: str | None = None, parent: Entry | None = None
) -> Place:
    """The Place of a gazetteer entry: of the kind a cue calls it ("the town of"), under ``parent`` when the
    text names one, else under its region or country."""
    kind = entry.place_kind
    if entry.kind == "populated" and cue_kind in _POPULATED_KINDS:
        kind = cue_kind
    region = gazetteer.region(entry.country, entry.admin1) if entry.kind == "populated" else None
    if entry.kind == "country":
        up = None
    elif entry.kind == "region":
        up = gazetteer.country(entry.country)
    elif parent is not None:
        up = parent
    else:
        up = region or gazetteer.country(entry.country)
    return Place(
        id=entry.id,
        name=entry.name,
        kind=kind,  # type: ignore[arg-type]
        country=entry.country,
        region=region.name if region else (entry.name if entry.kind == "region" else None),
        latitude=entry.latitude,
        longitude=entry.longitude,
        population=entry.population or None,
        precision=1 if entry.kind == "populated" else 3,
        parent_id=up.id if up else None,
    )


def _derived_place(
    ref: Ref, mention: str, anchor: Entry | None, parent: Entry | None, cues: Cues, gazetteer: Gazetteer
) -> Place:
    kind = ref.kind.kind  # type: ignore[union-attr]
    if kind == "airspace" and anchor is not None:
        return Place(f"{anchor.id}#airspace", f"{anchor.name} airspace", "airspace", anchor.country,
                     precision=3, parent_id=anchor.id)
    if kind == "region":
        if anchor is None:
            return _local(ref, mention, cues, parent, gazetteer)
        return place_of_entry(anchor, gazetteer)
    base = anchor or parent
    if base is None:
        return _local(ref, mention, cues, parent, gazetteer)
    region = gazetteer.region(base.country, base.admin1) if base.kind == "populated" else None
    by_town = ref.kind.anchor == "town" and base is anchor  # type: ignore[union-attr]
    label = ref.label or mention
    suffix = kind.replace(" ", "-") if by_town else f"{kind.replace(' ', '-')}:{slug(label, gazetteer)}"
    name = f"{ref.name} {kind}" if by_town else label
    return Place(
        id=f"{base.id}#{suffix}",
        name=name,
        kind=kind,
        country=base.country,
        region=region.name if region else None,
        latitude=base.latitude,
        longitude=base.longitude,
        precision=2,
        parent_id=base.id,
    )


def _local(ref: Ref, mention: str, cues: Cues, container: Entry | None, gazetteer: Gazetteer) -> Place:
    """A place only the text knows ("the village of X" with no such village in the gazetteer), placed in the
    region or country the sentence puts it in, if any."""
    kind = ref.kind.kind if ref.kind is not None else "place"
    country = next(iter(sorted(cues.countries)), None) if len(cues.countries) == 1 else None
    if container is not None and container.country and country in (None, container.country):
        country = container.country
    else:
        container = gazetteer.country(country)
    name = (ref.label or mention) if ref.type == DERIVED else ref.name
    key = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "unnamed"
    return Place(
        id=f"local:{(country or 'xx').lower()}:{kind.replace(' ', '-')}:{key}",
        name=name,
        kind=kind,  # type: ignore[arg-type]
        country=country,
        region=container.name if container is not None and container.kind == "region" else None,
        precision=3,
        parent_id=container.id if container is not None else None,
    )


def _place_for(
    number: int, recognized: Recognized, cues: list[Cues], chosen: list[Entry | None], gazetteer: Gazetteer
) -> Place | None:
    ref, cue = recognized.refs[number], cues[number]
    mention = recognized.text[ref.start : ref.end]
    related = cue.parent if cue.parent is not None else cue.container
    parent = chosen[related] if related is not None else None
    if parent is not None and parent.kind != "populated" and ref.type != DERIVED:
        parent = None  # a country or region qualifier is the default parent anyway
    if ref.type == DERIVED:
        return _derived_place(ref, mention, chosen[number], parent, cue, gazetteer)
    entry = chosen[number]
    if entry is None:
        container = chosen[cue.container] if cue.container is not None else None
        return _local(ref, mention, cue, container, gazetteer) if ref.cued else None
    keep_parent = cue.parent is not None and parent is not None
    return place_of_entry(entry, gazetteer, cue.kind, parent if keep_parent else None)


def _near_id(number: int, cues: list[Cues], places: list[Place | None], chosen: list[Entry | None]) -> str | None:
    target = cues[number].near
    if target is None:
        return None
    entry = chosen[target]
    place = places[number]
    if entry is not None and entry.kind == "country" and place is not None and place.country == entry.country:
        return None  # "the neighboring Kuibyshev district of Russia" is not near Russia but in it
    if places[target] is not None:
        return places[target].id  # type: ignore[union-attr]
    return entry.id if entry is not None else None


def resolve(recognized: Recognized, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """One Place per distinct place, in order of first mention, each with all its mentions."""
    refs = recognized.refs
    owners = _owners(refs)
    cues = [_cues_for(recognized, owners, number, gazetteer.lexicon) for number in range(len(refs))]
    candidates = [_initial(ref, cue, gazetteer) for ref, cue in zip(refs, cues, strict=True)]
    _apply_pairs(refs, cues, candidates, gazetteer)
    chosen = _decide(refs, cues, candidates, gazetteer)
    for number, ref in enumerate(refs):  # adjectives resolve to their country, for near targets
        if ref.type == ADJECTIVE and len(candidates[number]) == 1:
            chosen[number] = candidates[number][0].entry
    places: list[Place | None] = [
        None if ref.type == ADJECTIVE else _place_for(number, recognized, cues, chosen, gazetteer)
        for number, ref in enumerate(refs)
    ]
    return _group(recognized, refs, cues, places, chosen, _region_names(places, gazetteer))


def _region_names(places: list[Place | None], gazetteer: Gazetteer) -> dict[tuple[str | None, str], str]:
    """Region names the text gives ("Rostov region") for regions the data only names after their largest town
    ("Rostov-on-Don region"), so that places in the region carry the text's name."""
    names = {}
    for place in places:
        if place is not None and place.kind == "region" and place.id.startswith("admin1:"):
            derived = gazetteer.entry(place.id)
            if derived is not None and derived.name != place.name:
                names[(place.country, derived.name)] = place.name
    return names


def _group(
    recognized: Recognized,
    refs: list[Ref],
    cues: list[Cues],
    places: list[Place | None],
    chosen: list[Entry | None],
    region_names: dict[tuple[str | None, str], str],
) -> tuple[Place, ...]:
    by_id: dict[str, Place] = {}
    mentions: dict[str, list[PlaceMention]] = {}
    near: dict[str, list[str]] = {}
    for number, place in enumerate(places):
        if place is None:
            continue
        ref = refs[number]
        if place.region is not None and place.kind != "region":
            place = replace(place, region=region_names.get((place.country, place.region), place.region))
        by_id.setdefault(place.id, place)
        text = recognized.text[ref.start : ref.end]
        mentions.setdefault(place.id, []).append(PlaceMention(ref.start, ref.end, text))
        target = _near_id(number, cues, places, chosen)
        if target is not None and target != place.id and target not in near.setdefault(place.id, []):
            near[place.id].append(target)
    return tuple(
        _with(by_id[place_id], tuple(mentions[place_id]), tuple(near.get(place_id, ())))
        for place_id in by_id
    )


def _with(place: Place, mentions: tuple[PlaceMention, ...], near: tuple[str, ...]) -> Place:
    return replace(place, mentions=mentions, near=near)
