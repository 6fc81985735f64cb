"""Which way a sentence points in time: the nearest tense cue to an expression, in its clause first."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from .mention import Direction
from .vocabulary import load_toml

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")
_WORD = re.compile(r"[A-Za-z’']+")


@dataclass(frozen=True)
class Cues:
    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past: frozenset[str]
    not_past_after: re.Pattern[str]
    clause_break: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def cues() -> Cues:
    data = load_toml("tense.toml")
    return Cues(
        future=re.compile(rf"(?<![\w’'])(?:{_alternation(data['future'])})(?![\w’'])", re.IGNORECASE),
        past=re.compile(rf"(?<![\w’'])(?:{_alternation(data['past'])}|[a-z]+ed)(?![\w’'])", re.IGNORECASE),
        not_past=frozenset(word.lower() for word in data["not_past"]),
        not_past_after=re.compile(rf"(?<![\w’'])(?:{_alternation(data['not_past_after'])})\s+$", re.IGNORECASE),
        clause_break=re.compile(data["clause_break"], re.IGNORECASE),
    )


class Sentences:
    """Sentence boundaries of a text, for finding the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]

    def words_before(self, start: int) -> int:
        """How many words of its sentence come before ``start``."""
        sentence_start = self.starts[bisect.bisect_right(self.starts, start) - 1]
        return len(_WORD.findall(self.text, sentence_start, start))

    def around(self, start: int, end: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, start) - 1
        sentence_start = self.starts[index]
        sentence_end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return sentence_start, max(sentence_end, end)


def tense_near(text: str, sentences: Sentences, start: int, end: int) -> Direction | None:
    """The direction of the verb that governs an expression: the nearest tense cue before it in its clause (in
    English the verb precedes its adjuncts: "said on Monday", "will stay closed until Monday"), else the nearest
    one after it in the clause, else the nearest one in the sentence."""
    sentence_start, sentence_end = sentences.around(start, end)
    clause_start, clause_end = _clause(text, sentence_start, sentence_end, start, end)
    in_clause = _cues(text, clause_start, clause_end, start, end)
    before = [cue for cue in in_clause if cue[2]]
    if before:
        return min(before)[1]
    if in_clause:
        return min(in_clause)[1]
    in_sentence = _cues(text, sentence_start, sentence_end, start, end)
    return min(in_sentence)[1] if in_sentence else None


def _clause(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    breaks = cues().clause_break
    left = lo
    for found in breaks.finditer(text, lo, start):
        left = found.end()
    right_match = breaks.search(text, end, hi)
    return left, right_match.start() if right_match else hi


def _cues(text: str, lo: int, hi: int, start: int, end: int) -> list[tuple[int, Direction, bool]]:
    """(distance, direction, comes before) of every tense cue in ``text[lo:hi]`` outside the expression.

    A regular past form after a future cue of the same stretch is a participle ("will stay closed"): no cue."""
    table = cues()
    futures = [found for found in table.future.finditer(text, lo, hi) if not _inside(found, start, end)]
    first_future = min((found.start() for found in futures), default=hi)
    found_cues: list[tuple[int, Direction, bool]] = [
        (_distance(found, start, end), "future", found.end() <= start) for found in futures
    ]
    for found in table.past.finditer(text, lo, hi):
        if _inside(found, start, end) or _is_not_past(text, found, lo):
            continue
        if found.start() > first_future and found.group().lower().endswith("ed"):
            continue
        found_cues.append((_distance(found, start, end), "past", found.end() <= start))
    return found_cues


def _inside(found: re.Match[str], start: int, end: int) -> bool:
    return found.start() < end and start < found.end()


def _distance(found: re.Match[str], start: int, end: int) -> int:
    return start - found.end() if found.end() <= start else found.start() - end


def _is_not_past(text: str, found: re.Match[str], lo: int) -> bool:
    table = cues()
    if found.group().lower() in table.not_past:
        return True
    before = text[max(lo, found.start() - 12) : found.start()]
    return table.not_past_after.search(before) is not None
