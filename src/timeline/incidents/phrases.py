"""Noun phrases around a verb or an event noun: who acted (actor1) and who was acted on (actor2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .text import Token

MAX_NP = 7


@dataclass(frozen=True, slots=True)
class Phrase:
    first: int  # token indices [first, last)
    last: int

    def text(self, text: str, tokens: Sequence[Token]) -> str:
        return text[tokens[self.first].start : tokens[self.last - 1].end]


def _np_word(token: Token, lexicon: Lexicon) -> bool:
    if token.kind == "number":
        return True
    if token.kind == "punct":
        return token.text in "-’'"
    stop = (
        lexicon.set("prepositions")
        | lexicon.set("conjunctions")
        | lexicon.set("clause_openers")
        | lexicon.set("modals")
        | lexicon.set("be_past")
        | lexicon.set("be_present") - {"'s"}
        | lexicon.set("have")
        | lexicon.set("do_past")
        | lexicon.set("negators")
    )
    if (
        token.lower in _NOT_NOUN
        or token.lower in lexicon.set("adverbs")
        or (token.lower.endswith("ly") and len(token.lower) > 4 and token.text.islower())
    ):
        return False
    return token.lower not in stop


def _is_participle_after_noun(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> bool:
    token, previous = tokens[index], tokens[index - 1]
    return (
        token.text.islower()
        and token.lower.endswith("ed")
        and previous.is_word
        and previous.lower not in lexicon.set("determiners")
        and not previous.lower.endswith("ly")
    )


# Adverbs of place that end a noun phrase ("with Russian border guards there").
_NOT_NOUN = frozenset({"there", "here", "too", "instead", "nearby", "overnight", "today", "yesterday"})


def _trim(tokens: Sequence[Token], first: int, last: int, lexicon: Lexicon) -> Phrase | None:
    """Drop leading determiners and trailing possessive marks."""
    while first < last and tokens[first].lower in lexicon.set("determiners"):
        first += 1
    while last > first and tokens[last - 1].text in ("'s", "’s", "’", "'"):
        last -= 1
    return Phrase(first, last) if last > first else None


def left_np(tokens: Sequence[Token], end: int, first: int, lexicon: Lexicon) -> Phrase | None:
    """The noun phrase that ends just before token ``end`` (not before ``first``)."""
    start = end
    while start - 1 >= first and end - start < MAX_NP and _np_word(tokens[start - 1], lexicon):
        start -= 1
    return _trim(tokens, start, end, lexicon) if start < end else None


def right_np(tokens: Sequence[Token], start: int, last: int, lexicon: Lexicon) -> Phrase | None:
    """The noun phrase that starts at token ``start`` (not after ``last``)."""
    end = start
    while end < last and end - start < MAX_NP and _np_word(tokens[end], lexicon):
        if end > start and tokens[end].lower in lexicon.set("determiners"):
            break
        if end > start and _is_participle_after_noun(tokens, end, lexicon):
            break  # "Russian border guards stationed there": a reduced relative clause starts
        end += 1
    if start < end < last - 1 and tokens[end].lower == "of":
        # "the ambassador of Ukraine": an "of" phrase belongs to the noun phrase.
        tail = right_np(tokens, end + 1, last, lexicon)
        if tail is not None and tail.first <= end + 2:
            end = tail.last
    return _trim(tokens, start, end, lexicon) if end > start else None


def is_actor(
    tokens: Sequence[Token],
    phrase: Phrase | None,
    lexicon: Lexicon,
    excluded: frozenset[str],
    proper_names: bool = True,
) -> bool:
    """A phrase names an actor when its head is a noun for people or organizations, or (``proper_names``) it
    is a proper name.

    ``excluded`` are words that cannot head an actor here (trigger nouns: ``shells``, ``mortar fire``).
    """
    if phrase is None:
        return False
    words = [t for t in tokens[phrase.first : phrase.last] if t.kind == "word"]
    if not words:
        return False
    head = words[-1].lower
    if head in lexicon.set("non_actor_nouns") or head in excluded or head in lexicon.set("pronouns"):
        return False
    joined = " ".join(t.lower for t in words)
    if any(joined == noun or joined.endswith(" " + noun) for noun in lexicon.set("actor_nouns")):
        return True
    return proper_names and words[-1].is_capitalized and head not in lexicon.set("place_nouns")
