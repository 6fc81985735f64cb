"""Which way a sentence points in time: the nearest tense cue to an expression, in its clause first."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from .buildcache import build_cache, compile_pattern
from .mention import Direction
from .vocabulary import load_toml, trie_pattern

# A semicolon joins sentences that keep their own tenses, so it ends one for the tense search.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n|;\s")
_WORD = re.compile(r"[A-Za-z’']+")
REACH = 300
BLOCK = 2048


@dataclass(frozen=True)
class Cues:
    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past: frozenset[str]
    not_past_after: re.Pattern[str]
    clause_break: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return trie_pattern(word.lower() for word in words)


@cache
def cues() -> Cues:
    data = load_toml("tense.toml")
    found = Cues(
        future=compile_pattern(rf"(?<![\w’'])(?:{_alternation(data['future'])})(?![\w’'])", re.IGNORECASE),
        past=compile_pattern(rf"(?<![\w’'])(?:{_alternation(data['past'])}|[a-z]+ed)(?![\w’'])", re.IGNORECASE),
        not_past=frozenset(word.lower() for word in data["not_past"]),
        not_past_after=compile_pattern(rf"(?<![\w’'])(?:{_alternation(data['not_past_after'])})\s+$", re.IGNORECASE),
        clause_break=compile_pattern(
            rf"[{re.escape(data['clause_break_marks'])}]"
            rf"|(?<![\w’'])(?:{_alternation(data['clause_break_words'])})(?![\w’'])",
            re.IGNORECASE,
        ),
    )
    build_cache().save()
    return found


class Sentences:
    """Sentence boundaries of a text, for finding the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self._blocks: dict[int, tuple[list[Cue], list[tuple[int, int]]]] = {}

    def _block(self, index: int) -> tuple[list[Cue], list[tuple[int, int]]]:
        """The cues and clause breaks that start in one block of the text, found when first asked for: a text
        is scanned once at most, and only where expressions need it."""
        if index not in self._blocks:
            low, high = index * BLOCK, (index + 1) * BLOCK
            reach_low, reach_high = max(0, low - 32), min(len(self.text), high + 32)
            found = [cue for cue in find_cues(self.text, reach_low, reach_high) if low <= cue.start < high]
            breaks = [m.span() for m in cues().clause_break.finditer(self.text, reach_low, reach_high)
                      if low <= m.start() < high]
            self._blocks[index] = (found, breaks)
        return self._blocks[index]

    def _blocks_of(self, start: int, end: int) -> range:
        return range(max(0, start) // BLOCK, max(0, end - 1) // BLOCK + 1)

    def cues(self, start: int, end: int) -> list[Cue]:
        """The tense cues that lie in ``text[start:end]``."""
        return [cue for index in self._blocks_of(start, end) for cue in self._block(index)[0]
                if start <= cue.start and cue.end <= end]

    def clause(self, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
        """The clause of ``text[start:end]`` within ``[lo, hi)``: from the last break before it to the next one."""
        breaks = [span for index in self._blocks_of(lo, hi) for span in self._block(index)[1]]
        left = max((b_end for b_start, b_end in breaks if lo <= b_start and b_end <= start), default=lo)
        right = min((b_start for b_start, _ in breaks if b_start >= end and b_start < hi), default=hi)
        return left, right

    def words_before(self, start: int, most: int = 8) -> int:
        """How many words of its sentence come before ``start``, counting no further than ``most``."""
        sentence_start = self.starts[bisect.bisect_right(self.starts, start) - 1]
        return len(_WORD.findall(self.text, max(sentence_start, start - 16 * most), start)[-most:])

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``, cut to ``REACH`` characters on each side: a cue further
        away does not govern the expression, and a text with no full stop stays linear."""
        index = bisect.bisect_right(self.starts, start) - 1
        sentence_start = self.starts[index]
        sentence_end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return max(sentence_start, start - REACH), min(max(sentence_end, end), end + REACH)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    direction: Direction
    regular_past: bool  # an -ed form: a participle when a future cue precedes it ("will stay closed")


def tense_near(text: str, sentences: Sentences, start: int, end: int) -> Direction | None:
    """The direction of the verb that governs an expression: the nearest tense cue before it in its clause (in
    English the verb precedes its adjuncts: "said on Monday", "will stay closed until Monday"), else the nearest
    one after it in the clause, else the nearest one in the sentence."""
    sentence_start, sentence_end = sentences.around(start, end)
    sentence_cues = sentences.cues(sentence_start, sentence_end)
    clause_start, clause_end = sentences.clause(sentence_start, sentence_end, start, end)
    in_clause = _cues(sentence_cues, clause_start, clause_end, start, end)
    before = [cue for cue in in_clause if cue[2]]
    if before:
        return min(before)[1]
    if in_clause:
        return min(in_clause)[1]
    in_sentence = _cues(sentence_cues, sentence_start, sentence_end, start, end)
    return min(in_sentence)[1] if in_sentence else None


def find_cues(text: str, lo: int, hi: int) -> list[Cue]:
    """Every tense cue of ``text[lo:hi]``, in order."""
    table = cues()
    found_cues = [Cue(found.start(), found.end(), "future", False) for found in table.future.finditer(text, lo, hi)]
    for found in table.past.finditer(text, lo, hi):
        if not _is_not_past(text, found, lo):
            regular = found.group().lower().endswith("ed")
            found_cues.append(Cue(found.start(), found.end(), "past", regular))
    return sorted(found_cues, key=lambda cue: cue.start)


def _cues(sentence_cues: list[Cue], lo: int, hi: int, start: int, end: int) -> list[tuple[int, Direction, bool]]:
    """(distance, direction, comes before) of the cues in ``[lo, hi)`` outside the expression."""
    in_range = [cue for cue in sentence_cues if lo <= cue.start and cue.end <= hi and not _inside(cue, start, end)]
    first_future = min((cue.start for cue in in_range if cue.direction == "future"), default=hi)
    return [
        (_distance(cue, start, end), cue.direction, cue.end <= start)
        for cue in in_range
        if not (cue.regular_past and cue.start > first_future)
    ]


def _inside(cue: Cue, start: int, end: int) -> bool:
    return cue.start < end and start < cue.end


def _distance(cue: Cue, start: int, end: int) -> int:
    return start - cue.end if cue.end <= start else cue.start - end


def _is_not_past(text: str, found: re.Match[str], lo: int) -> bool:
    table = cues()
    if found.group().lower() in table.not_past:
        return True
    before = text[max(lo, found.start() - 12) : found.start()]
    return table.not_past_after.search(before) is not None
