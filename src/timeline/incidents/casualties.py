"""Casualty counts: killed and injured, from digits and number words, coded conservatively as ACLED does.

``a 46-year-old father of four`` is one person (the count is the article; the age and the ``of four`` are not
counts), ``dozens`` is 12 and ``hundreds`` 100; ``at least 12`` is 12.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .lexicon import Lexicon
from .text import Token
from .verbs import is_realis, match_any

CasualtyKind = Literal["killed", "injured"]


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    first: int  # token indices [first, last) of the words that gave the count
    last: int


@dataclass(frozen=True, slots=True)
class Casualty:
    kind: CasualtyKind
    value: int
    first: int  # token indices of the count phrase
    last: int
    verb: int  # token index of the casualty verb or word


def _digits(token: Token) -> int | None:
    text = token.text.replace(",", "")
    # isdecimal, not isdigit: "²" and "①" are digits to isdigit but int() refuses them.
    return int(text) if text.isdecimal() else None


def _skip_hedges(tokens: Sequence[Token], index: int, last: int, lexicon: Lexicon) -> int:
    found = match_any(tokens, index, lexicon.phrases("hedges"), last)
    return found[1] if found else index


def _is_measure(tokens: Sequence[Token], index: int, last: int, lexicon: Lexicon) -> bool:
    """A number followed by ``-year-old``, ``years``, ``km``... is an age or a measure, not a head count."""
    after = set(lexicon.numbers["not_counts"]["after"])
    probe = index
    while probe < last and tokens[probe].text in "-–":
        probe += 1
    return probe < last and (tokens[probe].lower in after or "-" + tokens[probe].lower in after)


def _can_add(current: int, total: int, seen: bool, unit: int) -> bool:
    """Whether a number word continues the number read so far: ``twenty three``, ``hundred and five``."""
    if not seen:
        return True
    if current == 0:
        return total > 0  # "two thousand five"
    if current % 100 == 0:
        return unit < 100
    return current % 10 == 0 and current >= 20 and unit < 10


def _word_number(tokens: Sequence[Token], index: int, last: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Number words (``two hundred and five``, ``twenty-three``) or digits (``1,200``) at ``index``."""
    units: dict[str, int] = lexicon.numbers["units"]
    scales: dict[str, int] = lexicon.numbers["scales"]
    total = current = 0
    seen = False
    position = index
    while position < last:
        token = tokens[position]
        word = token.lower
        digits = _digits(token)
        parts = word.split("-")
        if digits is not None:
            if seen:
                break
            current, seen = digits, True
        elif word in ("a", "an"):
            if seen or not (position + 1 < last and tokens[position + 1].lower in (*scales, "dozen")):
                break
            current, seen = 1, True
        elif word == "dozen":
            if not seen:
                break
            current *= 12
        elif all(part in units for part in parts):
            value = sum(units[part] for part in parts)
            if not _can_add(current, total, seen, value):
                break
            current += value
            seen = True
        elif word in scales and seen:
            if scales[word] == 100:
                current *= 100
            else:
                total += current * scales[word]
                current = 0
        elif word == "and" and seen and position + 1 < last and tokens[position + 1].lower in units:
            pass
        else:
            break
        position += 1
    if not seen:
        return None
    return total + current, position


def parse_count(tokens: Sequence[Token], index: int, last: int, lexicon: Lexicon) -> Count | None:
    """The head count of the noun phrase at ``index``, or None when it does not start with one."""
    start = index
    index = _skip_hedges(tokens, index, last, lexicon)
    if index >= last:
        return None
    nobody = match_any(tokens, index, lexicon.phrases("nobody"), last)
    if nobody:
        return Count(0, start, nobody[1])
    vague: dict[str, int] = lexicon.numbers["vague"]
    word = tokens[index].lower
    if word in vague:
        value, end = vague[word], index + 1
        # "hundreds of thousands": the conservative reading multiplies the two.
        if end + 1 < last and tokens[end].lower == "of" and tokens[end + 1].lower in vague:
            value *= vague[tokens[end + 1].lower]
            end += 2
        return Count(value, start, _noun_tail(tokens, end, last, lexicon))
    next_word = tokens[index + 1].lower if index + 1 < last else ""
    if word in ("a", "an", "one", "single") and not (next_word in lexicon.numbers["scales"] or next_word == "dozen"):
        end = index + 1
        # "a 46-year-old father of four": the age is part of the description of one person.
        if end < last and _digits(tokens[end]) is not None and _is_measure(tokens, end + 1, last, lexicon):
            end += 1
            while end < last and tokens[end].text in "-–":
                end += 1
            end += 1
        if end < last and tokens[end].is_word and tokens[end].lower not in lexicon.set("prepositions"):
            return Count(1, start, _noun_tail(tokens, end, last, lexicon))
        return None
    number = _word_number(tokens, index, last, lexicon)
    if number is None:
        return None
    value, end = number
    if _is_measure(tokens, end, last, lexicon):
        return None
    return Count(value, start, _noun_tail(tokens, end, last, lexicon))


def _noun_tail(tokens: Sequence[Token], index: int, last: int, lexicon: Lexicon) -> int:
    """Extend a count over the rest of its noun phrase (``thirty people``, ``two elderly women``)."""
    stop = (
        lexicon.set("prepositions")
        | lexicon.set("conjunctions")
        | lexicon.set("be_past")
        | lexicon.set("be_present")
        | lexicon.set("have")
        | lexicon.set("clause_openers")
    )
    casualty_words = lexicon.set("dead_words") | lexicon.set("injured_words")
    position = index
    while position < last and position < index + 4:
        token = tokens[position]
        if token.kind != "word" and not (token.text in "-–" and position + 1 < last):
            break
        if token.lower in stop or token.lower in casualty_words or token.lower in _verb_forms(lexicon):
            break
        position += 1
    return position


def _verb_forms(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.set("killed_verbs") | lexicon.set("injured_verbs") | lexicon.set("died_verbs")


def find_casualties(tokens: Sequence[Token], first: int, last: int, lexicon: Lexicon) -> list[Casualty]:
    """Every casualty count in tokens ``[first, last)``: objects of casualty verbs, passive subjects, subjects
    of ``died``, counts followed by ``dead``/``injured``, and ``the death toll rose to N``."""
    found: list[Casualty] = []
    verbs: tuple[tuple[CasualtyKind, str], ...] = (
        ("killed", "killed_verbs"),
        ("injured", "injured_verbs"),
        ("killed", "died_verbs"),
    )
    index = first
    while index < last:
        for kind, name in verbs:
            match = match_any(tokens, index, lexicon.phrases(name), last)
            if match is None:
                continue
            end = match[1]
            if not is_realis(tokens, index, first, lexicon) and not _is_nonfinite_casualty(tokens, index):
                continue
            casualty = _object_count(tokens, index, end, last, kind, lexicon, name) if name != "died_verbs" else None
            casualty = casualty or _subject_count(tokens, index, first, kind, lexicon)
            if casualty:
                found.append(casualty)
            break
        index += 1
    found.extend(_bare_counts(tokens, first, last, lexicon, found))
    found.extend(_tolls(tokens, first, last, lexicon))
    return found


def _is_nonfinite_casualty(tokens: Sequence[Token], index: int) -> bool:
    """``..., killing three``: an -ing adjunct reporting the casualties of its main clause."""
    return tokens[index].lower.endswith("ing") and index > 0 and tokens[index - 1].text in {",", "and"}


def _object_count(
    tokens: Sequence[Token], verb: int, end: int, last: int, kind: CasualtyKind, lexicon: Lexicon, name: str
) -> Casualty | None:
    """``killed thirty people``, ``wounded four, including two elderly women`` (the first count only), and a
    coordination of counts (``killed three soldiers and two civilians``)."""
    count = parse_count(tokens, end, last, lexicon)
    if count is None:
        return None
    if tokens[verb].lower.startswith("claim") and not (count.last < last and tokens[count.last - 1].lower == "lives"):
        return None
    value, stop = count.value, count.last
    while stop + 1 < last and tokens[stop].lower == "and":
        more = parse_count(tokens, stop + 1, last, lexicon)
        if more is None or more.value == 0:
            break
        value, stop = value + more.value, more.last
    return Casualty(kind, value, count.first, stop, verb)


def _subject_count(
    tokens: Sequence[Token], verb: int, first: int, kind: CasualtyKind, lexicon: Lexicon
) -> Casualty | None:
    """``At least 12 people were killed``, ``Two hundred and five people died``: the count of the subject."""
    group_start = verb
    auxiliaries = lexicon.set("be_past") | lexicon.set("have") | lexicon.set("adverbs")
    while group_start - 1 >= first and tokens[group_start - 1].lower in auxiliaries:
        group_start -= 1
    if group_start == verb and tokens[verb].lower not in lexicon.set("died_verbs"):
        return None  # an active verb with no count after it: its subject is the killer, not the dead
    start = group_start
    while start - 1 >= first and _in_subject(tokens, start - 1, lexicon):
        start -= 1
    for position in range(start, group_start):
        count = parse_count(tokens, position, group_start, lexicon)
        if count is None:
            continue
        value, stop = count.value, count.last
        # "Three soldiers and two civilians were killed": a coordination of counts adds up.
        while stop + 1 < group_start and tokens[stop].lower == "and":
            more = parse_count(tokens, stop + 1, group_start, lexicon)
            if more is None:
                break
            value, stop = value + more.value, more.last
        return Casualty(kind, value, count.first, stop, verb)
    return None


def _in_subject(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> bool:
    token = tokens[index]
    if token.kind == "number":
        return True
    if token.kind != "word":
        return token.text in "-–"
    if token.lower == "and":
        # "two hundred and five" continues a number and "three soldiers and two civilians" a subject;
        # "were killed and dozens" does not.
        previous = tokens[index - 1].lower if index > 0 else ""
        return previous not in _verb_forms(lexicon) and previous not in lexicon.set("be_past")
    stop = (
        lexicon.set("clause_openers")
        | lexicon.set("conjunctions")
        | _verb_forms(lexicon)
        | lexicon.set("be_past")
        | lexicon.set("be_present")
    )
    return token.lower not in stop


def _bare_counts(
    tokens: Sequence[Token], first: int, last: int, lexicon: Lexicon, seen: list[Casualty]
) -> list[Casualty]:
    """``left three dead and more than 1,200 injured``: a count followed by a casualty word, with no verb."""
    taken = {i for c in seen for i in range(c.first, c.last)} | {c.verb for c in seen}
    words: dict[str, CasualtyKind] = {w: "killed" for w in lexicon.set("dead_words")}
    words.update({w: "injured" for w in lexicon.set("injured_words")})
    found: list[Casualty] = []
    index = first
    while index < last:
        if index in taken:
            index += 1
            continue
        count = parse_count(tokens, index, last, lexicon)
        if count is None or count.first != index:
            index += 1
            continue
        end = count.last
        verb_follows = end + 1 < last and tokens[end + 1].lower in lexicon.set("be_past") | lexicon.set("be_present")
        if (
            end < last
            and tokens[end].lower in words
            and not (set(range(count.first, end + 1)) & taken)
            and not verb_follows
        ):
            found.append(Casualty(words[tokens[end].lower], count.value, count.first, end, end))
            taken.update(range(count.first, end + 1))
        index = max(end, index + 1)
    return found


def _tolls(tokens: Sequence[Token], first: int, last: int, lexicon: Lexicon) -> list[Casualty]:
    """``the death toll rose to 40``, ``a toll of 12``: killed."""
    found = []
    for index in range(first, last):
        if tokens[index].lower not in lexicon.set("toll_words"):
            continue
        for position in range(index + 1, min(index + 5, last)):
            count = parse_count(tokens, position, last, lexicon)
            if count is not None and count.value:
                found.append(Casualty("killed", count.value, count.first, count.last, index))
                break
    return found


def summarize(casualties: Sequence[Casualty]) -> tuple[int | None, int | None]:
    """Killed and injured for one incident. Several counts of one kind in different phrasings of the same fact
    are not added up: the largest stands (a later, updated toll is usually the larger)."""
    killed = [c.value for c in casualties if c.kind == "killed"]
    injured = [c.value for c in casualties if c.kind == "injured"]
    return (max(killed) if killed else None, max(injured) if injured else None)
