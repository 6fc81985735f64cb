"""Phrase matching and the verb group: is this verb a finite, realis report of something that happened?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import GAP, MAX_GAP, Lexicon, PhraseSet
from .text import Token


def match_phrase(tokens: Sequence[Token], index: int, phrase: tuple[str, ...], last: int) -> int | None:
    """The index just past ``phrase`` matched at ``tokens[index]`` (``*`` skips up to three words), or None.

    Matching stays within ``[index, last)``. A gap never crosses punctuation, so ``violated * air space`` cannot
    reach into the next clause.
    """
    position = index
    for number, word in enumerate(phrase):
        if word == GAP:
            continue
        if number and phrase[number - 1] == GAP:
            found = None
            for skip in range(MAX_GAP + 1):
                probe = position + skip
                if probe >= last or (skip and tokens[probe - 1].kind == "punct" and tokens[probe - 1].lower != "'s"):
                    break
                if tokens[probe].lower == word:
                    found = probe
                    break
            if found is None:
                return None
            position = found + 1
            continue
        if position >= last or tokens[position].lower != word:
            return None
        position += 1
    return position


def match_any(tokens: Sequence[Token], index: int, phrases: PhraseSet, last: int) -> tuple[tuple[str, ...], int] | None:
    """The longest of ``phrases`` that matches at ``index`` and where it ends."""
    if index >= last:
        return None
    best: tuple[tuple[str, ...], int] | None = None
    for phrase in phrases.by_first.get(tokens[index].lower, ()):
        end = match_phrase(tokens, index, phrase, last)
        if end is not None and (best is None or end > best[1]):
            best = (phrase, end)
    return best


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """What the words left of a verb say about it."""

    start: int  # index of the first word of the group (auxiliaries and adverbs included)
    modal: bool = False  # will, would, could, to...
    negated: bool = False
    iterative: bool = False  # repeatedly, often...
    present: bool = False  # is, are (+ participle): a present passive, or a progressive
    past_be: bool = False  # was, were, been
    perfect: bool = False  # has, have, had

    @property
    def passive_or_progressive(self) -> bool:
        return self.present or self.past_be


def verb_group(tokens: Sequence[Token], index: int, first: int, lexicon: Lexicon) -> VerbGroup:
    """Read auxiliaries, negation and adverbs to the left of the verb at ``index`` (not before ``first``)."""
    flags = {"modal": False, "negated": False, "iterative": False, "present": False, "past_be": False, "perfect": False}
    position = index - 1
    start = index
    while position >= first:
        word = tokens[position].lower
        flag = _AUX_FLAGS.get(_aux_class(word, lexicon))
        if flag is None:
            break
        if flag:
            flags[flag] = True
        start = position
        position -= 1
    return VerbGroup(start, **flags)


_AUX_FLAGS: dict[str, str | None] = {
    "modals": "modal",
    "negators": "negated",
    "iterative": "iterative",
    "be_present": "present",
    "be_past": "past_be",
    "have": "perfect",
    "do_past": "",
    "adverbs": "",
    "": None,
}


def _aux_class(word: str, lexicon: Lexicon) -> str:
    for name in ("modals", "negators", "iterative", "be_present", "be_past", "have", "do_past", "adverbs"):
        if word in lexicon.set(name):
            return name
    if word.endswith("ly") and len(word) > 4:
        return "adverbs"
    return ""


def is_realis(tokens: Sequence[Token], index: int, first: int, lexicon: Lexicon) -> bool:
    """A verb form that reports one thing that happened: finite past or perfect, passive included.

    Not after a modal or ``to``, not negated, not iterative, not present (``are fleeing``, ``is shelled``). An
    ``-ing`` form counts only as a past progressive (``were shelling``).
    """
    group = verb_group(tokens, index, first, lexicon)
    if group.modal or group.negated or group.iterative or group.present:
        return False
    word = tokens[index].lower
    if word.endswith("ing") and not group.past_be:
        return False
    return not (index > first and tokens[index - 1].lower == "to")
