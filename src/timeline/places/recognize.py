"""Finding place references in a text: gazetteer names, country adjectives, and places that cue words make.

Names are matched on tokens, longest first, with a prefix table that stops extending a candidate as soon as no
name starts with the words so far, so the cost is linear in the number of tokens (no regex alternation over
hundreds of thousands of names). Then cue words add what the gazetteer lacks or cannot tell ("the town of X",
"X checkpoint", "Russian airspace"), and stop rules drop capitalized words that are not places here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from .gazetteer import CITY_POPULATION, Gazetteer, Match
from .lexicon import KindWord, Lexicon
from .text import Token, tokenize

NAME, ADJECTIVE, DERIVED = "name", "adjective", "derived"
# Longer runs of capitalized words are not one name; the cap keeps every scan over them bounded (a text of
# nothing but capitalized words stays linear).
MAX_NAME_TOKENS = 8
_LIST_JOINERS = frozenset({",", "and", "or"})


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference to a place, before it is resolved.

    ``first``/``last`` are the token indices of the name (inclusive); ``start``/``end`` the mention's
    character span, which for a derived place includes its kind word ("Gukovo checkpoint"). ``cue`` is the token
    index of the kind word that made or qualified the reference, if any.
    """

    first: int
    last: int
    start: int
    end: int
    name: str
    type: str  # name, adjective, derived
    matches: tuple[Match, ...] = ()
    countries: frozenset[str] = frozenset()
    kind: KindWord | None = None
    cue: int | None = None
    cued: bool = False
    stance: bool = False
    label: str = ""  # a derived place's name: "Luhansk region" for "the Donetsk and Luhansk regions"


@dataclass(frozen=True, slots=True)
class Recognized:
    text: str
    tokens: list[Token]
    refs: list[Ref]


# --- token helpers ------------------------------------------------------------------------------------------


def _joined(text: str, tokens: list[Token], left: int, right: int) -> bool:
    """Whether tokens ``left`` and ``right`` are neighbours within one name: spaces on one line, or a hyphen."""
    gap = text[tokens[left].end : tokens[right].start]
    return right == left + 1 and gap.strip(" \t") == "" and tokens[left].sentence == tokens[right].sentence


def _next_word(text: str, tokens: list[Token], index: int) -> int | None:
    """The word after ``index`` in the same name (across a hyphen), or None."""
    after = index + 1
    if after >= len(tokens):
        return None
    if tokens[after].text == "-" and after + 1 < len(tokens):
        hyphen = tokens[after]
        if hyphen.start == tokens[index].end and tokens[after + 1].start == hyphen.end:
            return after + 1 if tokens[after + 1].is_word else None
        return None
    return after if tokens[after].is_word and _joined(text, tokens, index, after) else None


def _previous_word(text: str, tokens: list[Token], index: int) -> int | None:
    before = index - 1
    if before < 0:
        return None
    if tokens[before].text == "-" and before >= 1:
        hyphen = tokens[before]
        if hyphen.end == tokens[index].start and tokens[before - 1].end == hyphen.start:
            return before - 1 if tokens[before - 1].is_word else None
        return None
    return before if tokens[before].is_word and _joined(text, tokens, before, index) else None


def _span_text(text: str, tokens: list[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last].end]


def _key(tokens: list[Token], first: int, last: int) -> str:
    return " ".join(t.key for t in tokens[first : last + 1] if t.is_word)


def _kind_word(lexicon: Lexicon, tokens: list[Token], index: int) -> tuple[KindWord, int] | None:
    """The kind word starting at ``index`` (one or two tokens) and the index of its last token."""
    if not tokens[index].is_word:
        return None
    if index + 1 < len(tokens) and tokens[index + 1].is_word:
        two = lexicon.kind_words.get(f"{tokens[index].key} {tokens[index + 1].key}")
        if two is not None:
            return two, index + 1
    one = lexicon.kind_words.get(tokens[index].key)
    return (one, index) if one is not None else None


# --- names --------------------------------------------------------------------------------------------------


def _longest_name(text: str, tokens: list[Token], start: int, gazetteer: Gazetteer) -> Ref | None:
    token = tokens[start]
    if token.upper:
        matches = gazetteer.lookup_exact(token.text)
        return Ref(start, start, token.start, token.end, token.text, NAME, matches) if matches else None
    best: Ref | None = None
    key, last, words = token.key, start, 1
    while True:
        if tokens[last].cap:
            adjective = gazetteer.adjective(key)
            matches = () if adjective else gazetteer.lookup(key)
            if adjective or matches:
                kind = ADJECTIVE if adjective else NAME
                name = _span_text(text, tokens, start, last)
                best = Ref(start, last, token.start, tokens[last].end, name, kind, matches, adjective)
        following = _next_word(text, tokens, last)
        if following is None or words >= gazetteer.max_words or not gazetteer.is_prefix(key):
            return best
        key, last, words = f"{key} {tokens[following].key}", following, words + 1


def _names(text: str, tokens: list[Token], gazetteer: Gazetteer) -> list[Ref]:
    refs: list[Ref] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        ref = _longest_name(text, tokens, index, gazetteer) if token.cap else None
        if ref is None:
            index += 1
            continue
        if ref.type == ADJECTIVE:
            ref = replace(ref, stance=_is_stance(text, tokens, index, gazetteer.lexicon))
        refs.append(ref)
        index = ref.last + 1
    return refs


def _is_stance(text: str, tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    before = _previous_word(text, tokens, index)
    return before is not None and before == index - 2 and tokens[before].key in lexicon.stance_prefixes


# --- cue-found places ---------------------------------------------------------------------------------------


def _run_after(text: str, tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The capitalized name starting at ``index``, as (first, last) token indices."""
    if index >= len(tokens) or not tokens[index].cap:
        return None
    last = index
    while not tokens[last].possessive and last - index < MAX_NAME_TOKENS:
        following = _next_word(text, tokens, last)
        if following is None or not (tokens[following].cap or _inner_particle(text, tokens, following)):
            break
        last = following
    while not tokens[last].cap:  # a name does not end on a particle
        last -= 1
    return index, last


def _inner_particle(text: str, tokens: list[Token], index: int) -> bool:
    # "Rostov-on-Don": a lower-case word inside a hyphenated name.
    following = _next_word(text, tokens, index)
    return following is not None and following > index + 1 and tokens[following].cap


def _run_before(text: str, tokens: list[Token], index: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The capitalized name ending just before ``index``, without leading function words or adjectives."""
    last = _previous_word(text, tokens, index)
    if last is None or not tokens[last].cap or tokens[last].possessive:
        return None
    first = last
    while last - first < MAX_NAME_TOKENS:
        before = _previous_word(text, tokens, first)
        if before is None or not tokens[before].cap or tokens[before].possessive:
            break
        first = before
    while first <= last and (tokens[first].key in lexicon.function or lexicon.adjectives.get(tokens[first].key)):
        first += 1
    return (first, last) if first <= last else None


def _list_after(text: str, tokens: list[Token], index: int) -> Iterator[tuple[int, int]]:
    """Names in a list starting at ``index``: "Donetsk and Luhansk", "Gukovo, Donetsk or Novoshakhtinsk"."""
    run = _run_after(text, tokens, index)
    while run is not None:
        yield run
        position = run[1] + 1
        while position < len(tokens) and tokens[position].key in _LIST_JOINERS and position <= run[1] + 2:
            position += 1
        if position == run[1] + 1:
            return
        run = _run_after(text, tokens, position)


def _list_before(text: str, tokens: list[Token], index: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Names in a list ending before ``index``: "the Novoshakhtinsk and Gukovo checkpoints"."""
    runs = []
    run = _run_before(text, tokens, index, lexicon)
    while run is not None:
        runs.append(run)
        position = run[0] - 1
        while position >= 0 and tokens[position].key in _LIST_JOINERS and position >= run[0] - 2:
            position -= 1
        if position == run[0] - 1 or position < 0:
            break
        run = _run_before(text, tokens, position + 1, lexicon)
    return runs[::-1]


def _find_or_make(
    text: str, tokens: list[Token], run: tuple[int, int], by_first: dict[int, Ref], gazetteer: Gazetteer
) -> Ref:
    first, last = run
    for index in range(first, last + 1):  # "the state of Estonia General Yudenich...": a title ends the name
        if index > first and tokens[index].key in gazetteer.lexicon.titles:
            last = index - 1
            break
    while last > first and not tokens[last].cap:
        last -= 1
    existing = by_first.get(first)
    if existing is not None and existing.last == last:
        return existing
    matches = gazetteer.lookup(_key(tokens, first, last))
    name = _span_text(text, tokens, first, last)
    return Ref(first, last, tokens[first].start, tokens[last].end, name, NAME, matches)


def _of_cues(
    text: str, tokens: list[Token], index: int, kind: KindWord, end: int, by_first: dict[int, Ref],
    gazetteer: Gazetteer,
) -> list[Ref]:
    """"the town of X", "the cities of X and Y"."""
    of = end + 1
    if not kind.of or of + 1 >= len(tokens) or tokens[of].key != "of" or not _joined(text, tokens, end, of):
        return []
    # A plural ("the cities of Asia Minor") may name the area the places are in: it does not vouch for the
    # name the way "the city of Paris" does, so stop rules still apply.
    return [
        replace(_find_or_make(text, tokens, run, by_first, gazetteer), kind=kind, cue=index, cued=not kind.plural)
        for run in _list_after(text, tokens, of + 1)
    ]


def _district_keys(name_key: str, lexicon: Lexicon) -> list[str]:
    """A district is often named after its seat in adjective form: Kuibyshev(sky) district -> Kuybyshevo."""
    stems = {name_key}
    for ending in lexicon.district_strip:
        if name_key.endswith(ending) and len(name_key) > len(ending) + 2:
            stems.add(name_key[: -len(ending)])
    return [stem + ending for stem in sorted(stems) for ending in lexicon.district_add]


def _anchor_matches(name_key: str, kind: KindWord, gazetteer: Gazetteer) -> tuple[Match, ...]:
    if kind.anchor == "none":
        return ()
    keys = _district_keys(name_key, gazetteer.lexicon) if kind.kind == "district" else [name_key]
    found: dict[str, Match] = {}
    for key in keys:
        for match in gazetteer.lookup(key):
            found.setdefault(match.entry.id, match)
    return tuple(found.values())


def _named_cues(
    text: str, tokens: list[Token], index: int, kind: KindWord, end: int, gazetteer: Gazetteer
) -> list[Ref]:
    """"the Gukovo checkpoint", "the Donetsk and Luhansk regions", "Independence Square"."""
    if not kind.named or (kind.capitalized and not tokens[index].cap):
        return []
    runs = _list_before(text, tokens, index, gazetteer.lexicon) if kind.plural else []
    if not kind.plural:
        run = _run_before(text, tokens, index, gazetteer.lexicon)
        runs = [run] if run else []
    word = text[tokens[index].start : tokens[end].end]
    if kind.plural and word.endswith("s"):
        word = word[:-1]  # "the Donetsk and Luhansk regions": each is a region
    refs = []
    for first, last in runs:
        name = _span_text(text, tokens, first, last)
        mention_end = tokens[end].end if last == runs[-1][1] else tokens[last].end
        matches = _anchor_matches(_key(tokens, first, last), kind, gazetteer)
        refs.append(Ref(first, last, tokens[first].start, mention_end, name, DERIVED, matches, kind=kind, cue=index,
                        cued=True, label=f"{name} {word}"))
    return refs


def _adjective_cues(tokens: list[Token], index: int, kind: KindWord, end: int, by_last: dict[int, Ref]) -> list[Ref]:
    """"Russian airspace": a place of the country the adjective names."""
    if not kind.adjective:
        return []
    adjective = by_last.get(index - 1)
    if adjective is not None and adjective.type == ADJECTIVE and not adjective.stance:
        return [replace(adjective, end=tokens[end].end, type=DERIVED, kind=kind, cue=index, cued=True)]
    # "Ukraine's airspace": the possessive name of a country does the same.
    owner = by_last.get(index - 3) if index >= 3 and tokens[index - 1].text == "s" else None
    if owner is None or owner.type != NAME or not tokens[owner.last].possessive:
        return []
    codes = frozenset(m.entry.country for m in owner.matches if m.entry.kind == "country" and m.entry.country)
    if not codes:
        return []
    return [Ref(owner.first, owner.last, owner.start, tokens[end].end, owner.name, DERIVED, (), codes, kind, index,
                True)]


def _cue_refs(text: str, tokens: list[Token], refs: list[Ref], gazetteer: Gazetteer) -> list[Ref]:
    by_first = {ref.first: ref for ref in refs}
    by_last = {ref.last: ref for ref in refs}
    found: list[Ref] = []
    names = [ref for ref in refs if ref.type == NAME and ref.last > ref.first]
    inside_names = {index for ref in names for index in range(ref.first, ref.last + 1)}
    for index in range(len(tokens)):
        hit = _kind_word(gazetteer.lexicon, tokens, index) if index not in inside_names else None
        if hit is None:  # "the Republic of Korea" is a name, whatever "republic" says elsewhere
            continue
        kind, end = hit
        named = _named_cues(text, tokens, index, kind, end, gazetteer)
        found += named
        if not named:  # "the Petrovsky district of Donetsk": Donetsk is the container, not a district
            found += _of_cues(text, tokens, index, kind, end, by_first, gazetteer)
        found += _adjective_cues(tokens, index, kind, end, by_last)
    return found


def _state_qualifiers(text: str, tokens: list[Token], refs: list[Ref], gazetteer: Gazetteer) -> list[Ref]:
    """"Paris, Tex." / "Paris, TX": the US state abbreviation after a comma becomes a reference to the state."""
    found = []
    abbreviations = gazetteer.lexicon.state_abbreviations
    for ref in refs:
        comma = ref.last + 1
        if comma + 1 >= len(tokens) or tokens[comma].text != "," or not tokens[comma + 1].is_word:
            continue
        token = tokens[comma + 1]
        last = comma + 1
        written = token.text
        period = comma + 2 < len(tokens) and tokens[comma + 2].text == "." and tokens[comma + 2].start == token.end
        if period and f"{written}." in abbreviations:
            written, last = f"{written}.", comma + 2
        code = abbreviations.get(written)
        state = gazetteer.region("US", code) if code else None
        if state is not None and written != state.name:
            found.append(Ref(comma + 1, last, token.start, tokens[last].end, written, NAME, (Match(state, True),),
                             cued=True))
    return found


def _merge(refs: list[Ref], cued: list[Ref]) -> list[Ref]:
    """Cue-found references replace the name references they overlap."""
    taken: dict[int, Ref] = {}
    for ref in cued:
        for index in range(ref.first, ref.last + 1):
            holder = taken.get(index)
            if holder is None or (holder.type != DERIVED and ref.type == DERIVED):
                taken[index] = ref
    kept = [ref for ref in refs if not any(i in taken for i in range(ref.first, ref.last + 1))]
    winners = {id(ref): ref for ref in taken.values()}
    return sorted([*kept, *winners.values()], key=lambda ref: (ref.start, ref.end))


# --- stop rules ---------------------------------------------------------------------------------------------


def _capitalized_neighbour(text: str, tokens: list[Token], index: int, owners: dict[int, Ref], lexicon: Lexicon,
                           step: int) -> int | None:
    """An adjacent capitalized word that is not an adjective, function, kind or title word. Another place name
    counts: two names side by side ("Winston Churchill", "Pearl Harbor", "Iwo Jima") are one unknown name."""
    near = _next_word(text, tokens, index) if step > 0 else _previous_word(text, tokens, index)
    if near is None or not tokens[near].cap:
        return None
    if near in owners and (owners[near].type != NAME or owners[near].cued):
        return None
    word = tokens[near]
    if step < 0 and word.possessive:
        return None
    titled = step > 0 and word.key in lexicon.titles  # "Kiev Mayor Vitali Klitschko": the place stands
    if word.key in lexicon.function or titled:
        return None
    return near


def _after_title(text: str, tokens: list[Token], index: int, lexicon: Lexicon) -> bool:
    """Whether a title stands before the run of capitalized words that ends at ``index``."""
    position = index
    while index - position < MAX_NAME_TOKENS:
        before = _previous_word(text, tokens, position)
        if before is None and position >= 2 and tokens[position - 1].text == ".":
            before = position - 2  # "Mr. Putin"
        if before is None:
            return False
        if tokens[before].key in lexicon.titles:
            return True
        if not tokens[before].cap:
            return False
        position = before
    return False


def _after_initial(tokens: list[Token], index: int) -> bool:
    """"Ulysses S. Grant", "George H.W. Bush": an initial before the name makes it a surname."""
    if index >= 1 and tokens[index - 1].type == "abbr":
        return True
    return index >= 2 and tokens[index - 1].text == "." and len(tokens[index - 2].text) == 1 and tokens[index - 2].cap


def _common_word(tokens: list[Token], ref: Ref, key: str, lexicon: Lexicon, heading: bool) -> bool:
    """An English word ("Battle", "Mobile") that is a place only as a big city, and not where any word is
    capitalized (sentence starts, title-case headings)."""
    if key not in lexicon.common_words or any(m.entry.kind != "populated" for m in ref.matches):
        return False
    big = any((m.entry.population or 0) >= CITY_POPULATION for m in ref.matches)
    return not big or heading or tokens[ref.first].sentence_start


def _refusal(
    text: str, tokens: list[Token], ref: Ref, owners: dict[int, Ref], lexicon: Lexicon, heading: bool
) -> str | None:
    """Why an uncued name reference is not a place here, or None when it may be one."""
    key = _key(tokens, ref.first, ref.last)
    if _minor_only(ref):
        return "minor"
    if len(key) <= 2 and not tokens[ref.first].upper:  # "Of", "To", "Ho": words or initials, not towns
        return "short"
    if key in lexicon.never:
        return "never"
    if tokens[ref.first].sentence_start or heading:
        if key in lexicon.sentence_start:
            return "sentence start"
        small = all((m.entry.population or 0) < CITY_POPULATION for m in ref.matches)
        if ref.first == ref.last and small and key.endswith(lexicon.sentence_start_endings):
            return "sentence start"  # "Angered by the attack, ...": a participle, not the town of Angered
    if _common_word(tokens, ref, key, lexicon, heading):
        return "common word"
    if _after_title(text, tokens, ref.first, lexicon) or _after_initial(tokens, ref.first):
        return "person"
    before = _capitalized_neighbour(text, tokens, ref.first, owners, lexicon, -1)
    if before is not None:
        return "pair" if before in owners else "person"
    after = _capitalized_neighbour(text, tokens, ref.last, owners, lexicon, +1)
    if after is not None:
        return "pair" if after in owners else "organization"
    return None



def _headings(text: str, tokens: list[Token], lexicon: Lexicon) -> set[int]:
    """Indices of tokens on title-case lines ("Battle Of The Bulge Begins"), where capitals say nothing."""
    lines: list[list[int]] = [[]]
    previous_end = 0
    for index, token in enumerate(tokens):
        if "\n" in text[previous_end : token.start]:
            lines.append([])
        previous_end = token.end
        if token.is_word:
            lines[-1].append(index)
    marked: set[int] = set()
    for line in lines:
        long_words = [i for i in line if len(tokens[i].text) >= 4 and tokens[i].key not in lexicon.function]
        capitalized = sum(1 for i in long_words if tokens[i].cap)
        if len(long_words) >= 3 and capitalized >= 0.7 * len(long_words):
            marked.update(line)
    return marked


def _apply_stop_rules(text: str, tokens: list[Token], refs: list[Ref], lexicon: Lexicon) -> list[Ref]:
    # Names of tiny places only ("Petro") are not places next to a surname: they do not shield it.
    owners = {index: ref for ref in refs if not _minor_only(ref) for index in range(ref.first, ref.last + 1)}
    headings = _headings(text, tokens, lexicon)
    reasons = {
        id(ref): _refusal(text, tokens, ref, owners, lexicon, ref.first in headings) for ref in refs if _checked(ref)
    }
    # A surname seen after a first name or title ("Petro Poroshenko") is a person everywhere in the text.
    people = {_key(tokens, r.first, r.last) for r in refs if reasons.get(id(r)) == "person"}
    kept = []
    for ref in refs:
        if _checked(ref) and (reasons.get(id(ref)) or _key(tokens, ref.first, ref.last) in people):
            continue
        kept.append(ref)
    return kept


def _minor_only(ref: Ref) -> bool:
    return ref.type == NAME and bool(ref.matches) and all(match.entry.minor for match in ref.matches)


def _checked(ref: Ref) -> bool:
    return ref.type == NAME and not ref.cued


# --- entry point --------------------------------------------------------------------------------------------


def recognize(text: str, gazetteer: Gazetteer) -> Recognized:
    """Tokens and place references of ``text``, in text order, before resolution."""
    lexicon = gazetteer.lexicon
    tokens = tokenize(text, lexicon.fold, lexicon.abbreviations)
    refs = _names(text, tokens, gazetteer)
    cued = _cue_refs(text, tokens, refs, gazetteer)
    refs = _merge(refs, cued)
    refs = _merge(refs, _state_qualifiers(text, tokens, refs, gazetteer))
    refs = _apply_stop_rules(text, tokens, refs, lexicon)
    return Recognized(text, tokens, refs)
