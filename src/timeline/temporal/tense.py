"""Which way a sentence points in time: the nearest tense cue to an expression, in its clause first."""

from __future__ import annotations

import bisect
import re
from functools import cache, cached_property

from ..errors import RuleError
from .buildcache import build_cache, compile_pattern
from .namedtuples import NamedTuple
from .vocabulary import load_toml, trie_pattern

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

    from .mention import Direction

# A sentence starts where one of these ends. A semicolon joins sentences that keep their own tenses, so it ends
# one for the tense search. Each alternative starts with a literal character, so the regex engine jumps from one
# of these rare characters to the next instead of trying every position; a match then starts at the full stop
# rather than after it, which changes no end.
_AFTER_STOP = r"[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
_SENTENCE_END = compile_pattern(rf"\.{_AFTER_STOP}|!{_AFTER_STOP}|\?{_AFTER_STOP}|\n|;\s")
_WORD = compile_pattern(r"[A-Za-z’']+")
# The characters of a word for the cue patterns' edges: every cue starts where a run of them starts.
_WORD_CHARS = r"\w’'"
_RUN = compile_pattern(rf"[{_WORD_CHARS}]+")
_NON_ASCII = compile_pattern(r"[^\x00-\x7f]")
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}  # for str.translate
REACH = 300
# A text's cues are found block by block, where expressions need them. A news article's expressions lie in about
# two thirds of its text: blocks of 1024 characters leave more of the rest unscanned than blocks of 2048 (5 and
# 7 million fewer instructions on the news and WikiWars benchmarks) and cost less to start than blocks of 512.
BLOCK = 1024
# A block is scanned this far beyond its edges, so that a cue straddling an edge is found whole.
BLOCK_MARGIN = 32

# What a word can be, as bits: the first word of a future cue, a past cue, a clause break.
_FUTURE, _PAST, _BREAK = 1, 2, 4
_ANY = _FUTURE | _PAST | _BREAK


class CuePatterns(NamedTuple):
    """The patterns of the words of cues and clause breaks, matched at a candidate run."""

    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past_after: re.Pattern[str]
    break_word: re.Pattern[str]


class Cues(NamedTuple):
    # For any text, ignoring case; and for ASCII text with A to Z lower-cased, where matching case is the same
    # and faster (the engine need not fold the case of every character it compares).
    any_case: CuePatterns
    lower_case: CuePatterns
    not_past: frozenset[str]
    break_mark: re.Pattern[str]
    # Lower-case word -> the _FUTURE/_PAST/_BREAK bits of the patterns that may match at a run of it.
    word_kinds: dict[str, int]
    # The same for a run that is a whole key of ``word_kinds``, with what ``_kinds`` adds (-ed, beyond ASCII).
    key_kinds: dict[str, int]
    # Where in a block a cue may start (see ``_candidates``), in any text and in ASCII text.
    candidates: re.Pattern[str]
    ascii_candidates: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return trie_pattern(word.lower() for word in words)


def _whole_words(words: list[str]) -> str:
    return rf"(?<![{_WORD_CHARS}])(?:{_alternation(words)})(?![{_WORD_CHARS}])"


@cache
def cues() -> Cues:
    data = load_toml("tense.toml")
    _check_words(data)
    # Building the tries takes longer than a short text's resolution: kept between processes, keyed by the data.
    key = tuple((name, value if isinstance(value, str) else tuple(value)) for name, value in sorted(data.items()))
    patterns, word_kinds = build_cache().memo("tense patterns", key, lambda: _patterns(data))
    found = Cues(
        any_case=_cue_patterns(patterns, re.IGNORECASE),
        lower_case=_cue_patterns(patterns, 0),
        not_past=frozenset(word.lower() for word in data["not_past"]),
        break_mark=compile_pattern(patterns["break_mark"], re.IGNORECASE),
        word_kinds=word_kinds,
        key_kinds={word: _run_kinds(word_kinds, word) for word in word_kinds},
        candidates=compile_pattern(patterns["candidates"]),
        ascii_candidates=compile_pattern(patterns["ascii_candidates"]),
    )
    build_cache().save()
    return found


def _cue_patterns(patterns: dict[str, str], flags: int) -> CuePatterns:
    # Every word in the patterns is lower-case.
    return CuePatterns(*(compile_pattern(patterns[name], flags) for name in CuePatterns._fields))


def _patterns(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, int]]:
    """The cue patterns, by name, and the kinds of cue each word may start (``_word_kinds``)."""
    word_kinds = _word_kinds(data)
    patterns = {
        "future": _whole_words(data["future"]),
        "past": rf"(?<![{_WORD_CHARS}])(?:{_alternation(data['past'])}|[a-z]+ed)(?![{_WORD_CHARS}])",
        "not_past_after": rf"(?<![{_WORD_CHARS}])(?:{_alternation(data['not_past_after'])})\s+$",
        "break_mark": rf"[{re.escape(data['clause_break_marks'])}]",
        "break_word": _whole_words(data["clause_break_words"]),
        "candidates": _candidates(word_kinds),
        "ascii_candidates": _candidates(word_kinds, ascii_only=True),
    }
    return patterns, word_kinds


def _word_kinds(data: dict[str, list[str]]) -> dict[str, int]:
    """The first word of each cue, lower-cased, with the kinds of cue it may start. A cue pattern matches an
    ASCII run of word characters only where the run is one of these words (or ends in -ed, for the past); the
    scan tries the patterns there alone."""
    kinds: dict[str, int] = {}
    for name, kind in (("future", _FUTURE), ("past", _PAST), ("clause_break_words", _BREAK)):
        for word in data[name]:
            head = _RUN.match(word).group().lower()  # type: ignore[union-attr]
            kinds[head] = kinds.get(head, 0) | kind
    return kinds


def _candidates(word_kinds: dict[str, int], ascii_only: bool = False) -> str:
    """A pattern for text with A to Z lower-cased: the character before each run of word characters that may
    start a cue (a key of ``word_kinds``, a word in -ed, a run with a character beyond ASCII, which the case
    rules of the cue patterns may treat otherwise). The run is looked at ahead, unconsumed, so no run start is
    skipped. Case-sensitive, and led by a class of ASCII characters: the regex engine skips to the next such
    character without trying the positions in between, which the cue patterns cannot do.

    The run is captured when it is a whole key (group ``key``) or a whole ASCII word in -ed (group ``ed``), so
    that the scan reads its kinds off a table instead of finding the run again. ``ascii_only`` leaves out the
    runs beyond ASCII, which only cost time where the text has none: most texts."""
    edge = rf"(?![{_WORD_CHARS}])"
    beyond_ascii = "" if ascii_only else r"|[a-z0-9_']*[^\x00-\x7f]"
    return rf"[^a-z0-9_'](?=(?P<key>{trie_pattern(word_kinds)}){edge}|(?P<ed>[a-z0-9_']*ed){edge}{beyond_ascii})"


def _check_words(data: dict[str, Any]) -> None:
    """The cue scan looks for cues only where a run of word characters starts, and for clause-break marks
    only outside them: refuse data that would break either."""
    for name in ("future", "past", "clause_break_words"):
        for word in data[name]:
            if not _RUN.match(word):
                raise RuleError(f"tense.toml: {name} cue {word!r} must start with a word character")
    for mark in data["clause_break_marks"]:
        if _RUN.match(mark):
            raise RuleError(f"tense.toml: clause break mark {mark!r} is part of a word")
    for word in data["clause_break_words"]:
        if any(mark in word for mark in data["clause_break_marks"]):
            raise RuleError(f"tense.toml: clause break word {word!r} contains a clause break mark")


class Cue(NamedTuple):
    """A tense cue. A tuple rather than a dataclass: a long text makes thousands, and a tuple is made faster."""

    start: int
    end: int
    direction: Direction
    regular_past: bool  # an -ed form: a participle when a future cue precedes it ("will stay closed")


class Block(NamedTuple):
    """The tense cues and clause breaks that start in one block of a text, in order, with their offsets in
    lists of their own for bisection."""

    cues: list[Cue]
    cue_starts: list[int]
    break_starts: list[int]
    break_ends: list[int]


class Sentences:
    """Sentence boundaries of a text, for finding the sentence around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._blocks: dict[int, Block] = {}

    @cached_property
    def starts(self) -> list[int]:
        """The offset where each sentence starts, in order."""
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def _block(self, index: int) -> Block:
        """The cues and clause breaks of one block of the text, found when first asked for: a text is scanned
        once at most, and only where expressions need it."""
        block = self._blocks.get(index)
        if block is None:
            block = self._blocks[index] = scan_block(self.text, index * BLOCK, (index + 1) * BLOCK)
        return block

    def _blocks_of(self, start: int, end: int) -> list[Block]:
        first, last = max(0, start) // BLOCK, max(0, end - 1) // BLOCK
        if first == last:  # most sentences lie in one block
            return [self._blocks.get(first) or self._block(first)]
        return [self._block(index) for index in range(first, last + 1)]

    def cues(self, start: int, end: int) -> list[Cue]:
        """The tense cues that lie in ``text[start:end]``, in order of their starts."""
        found: list[Cue] = []
        for block in self._blocks_of(start, end):
            first = bisect.bisect_left(block.cue_starts, start)
            last = bisect.bisect_left(block.cue_starts, end, first)
            found += [cue for cue in block.cues[first:last] if cue.end <= end]
        return found

    def clause(self, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
        """The clause of ``text[start:end]`` within ``[lo, hi)``: from the last break before it to the next one."""
        left, right = lo, hi
        # Breaks do not overlap, so their ends are in order too.
        for block in self._blocks_of(lo, hi):
            before = bisect.bisect_right(block.break_ends, start) - 1
            if before >= 0 and block.break_starts[before] >= lo:
                left = max(left, block.break_ends[before])
            after = bisect.bisect_left(block.break_starts, end)
            if after < len(block.break_starts) and block.break_starts[after] < hi:
                right = min(right, block.break_starts[after])
        return left, right

    def words_before(self, start: int, most: int = 8) -> int:
        """How many words of its sentence come before ``start``, counting no further than ``most``."""
        sentence_start = self.starts[bisect.bisect_right(self.starts, start) - 1]
        return len(_WORD.findall(self.text, max(sentence_start, start - 16 * most), start)[-most:])

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``text[start:end]``, cut to ``REACH`` characters on each side: a cue further
        away does not govern the expression, and a text with no full stop stays linear."""
        starts = self.starts
        index = bisect.bisect_right(starts, start) - 1
        sentence_start = starts[index]
        sentence_end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return max(sentence_start, start - REACH), min(max(sentence_end, end), end + REACH)


def tense_near(text: str, sentences: Sentences, start: int, end: int) -> Direction | None:
    """The direction of the verb that governs an expression: the nearest tense cue before it in its clause (in
    English the verb precedes its adjuncts: "said on Monday", "will stay closed until Monday"), else the nearest
    one after it in the clause, else the nearest one in the sentence."""
    sentence_start, sentence_end = sentences.around(start, end)
    sentence_cues = sentences.cues(sentence_start, sentence_end)
    if not sentence_cues:
        return None
    clause_start, clause_end = sentences.clause(sentence_start, sentence_end, start, end)
    return _nearest(sentence_cues, clause_start, clause_end, start, end, before_first=True) or _nearest(
        sentence_cues, sentence_start, sentence_end, start, end, before_first=False
    )


def _nearest(cues: list[Cue], lo: int, hi: int, start: int, end: int, before_first: bool) -> Direction | None:
    """The direction of the nearest of ``cues`` (in order of their starts) in ``[lo, hi)`` outside
    ``text[start:end]``; with ``before_first``, of the nearest one before it, if any. Of two cues as near, the
    direction first in alphabetical order wins. An -ed form after a future cue is a participle ("will stay
    closed"): not a cue."""
    first_future = hi
    before: tuple[int, Direction] | None = None
    after: tuple[int, Direction] | None = None
    for cue_start, cue_end, direction, regular_past in cues:
        if cue_start < lo or cue_end > hi or (cue_start < end and start < cue_end):
            continue
        if direction == "future":
            # The cues come in order, so the first future cue in range is met before any -ed form after it.
            first_future = min(first_future, cue_start)
        elif regular_past and cue_start > first_future:
            continue
        if cue_end <= start:
            candidate = (start - cue_end, direction)
            if before is None or candidate < before:
                before = candidate
        else:
            candidate = (cue_start - end, direction)
            if after is None or candidate < after:
                after = candidate
    if before is None or after is None:
        nearest = before or after
    else:
        nearest = before if before_first or before <= after else after
    return nearest[1] if nearest else None


def scan_block(text: str, low: int, high: int) -> Block:
    """The cues and clause breaks that start in ``text[low:high]``, as scans of the text with each pattern from
    ``BLOCK_MARGIN`` before to ``BLOCK_MARGIN`` after would find them.

    A cue pattern can only match where a run of word characters starts, so it is tried only at the runs that
    ``Cues.candidates`` finds: one pass of a fast pattern instead of three slow ones over every character.
    Matches of a kind are kept apart as a scan keeps them: one that starts inside the previous one is dropped.
    """
    table = cues()
    reach_low, reach_high = max(0, low - BLOCK_MARGIN), min(len(text), high + BLOCK_MARGIN)
    found_cues: list[Cue] = []
    word_breaks: list[tuple[int, int]] = []
    future_end = past_end = break_end = 0
    # The character before the block lets its first run be a candidate too (a space at the start of the text);
    # an offset in ``lowered`` is then that in the text less ``shift``.
    shift = reach_low - 1
    lowered = _ascii_lower(text[shift:reach_high] if reach_low else " " + text[:reach_high])
    if lowered.isascii():
        candidates, patterns, source, base = table.ascii_candidates, table.lower_case, lowered, shift
    else:
        candidates, patterns, source, base = table.candidates, table.any_case, text, 0
    key_kinds = table.key_kinds
    source_high = reach_high - base
    for lead in candidates.finditer(lowered):
        start = shift + lead.end()
        if start >= high:
            break
        key, ed = lead.group("key", "ed")
        if key is not None:
            kinds = key_kinds[key]
        elif ed is not None:
            # A whole ASCII run: had it been a key, the key group would have matched it.
            kinds = _PAST
        else:
            kinds = _kinds(table, lowered, lead.end())
        at = start - base
        if kinds & _FUTURE and start >= future_end:
            found = patterns.future.match(source, at, source_high)
            if found:
                future_end = found.end() + base
                found_cues.append(Cue(start, future_end, "future", False))
        if kinds & _PAST and start >= past_end:
            found = patterns.past.match(source, at, source_high)
            if found:
                past_end = found.end() + base
                word = found.group().lower()
                if word not in table.not_past and not _after_not_past(patterns, source, at, reach_low - base):
                    found_cues.append(Cue(start, past_end, "past", word.endswith("ed")))
        if kinds & _BREAK and start >= break_end:
            found = patterns.break_word.match(source, at, source_high)
            if found:
                break_end = found.end() + base
                word_breaks.append((start, break_end))
    kept = [cue for cue in found_cues if cue.start >= low]
    marks = [found.span() for found in table.break_mark.finditer(text, low, high)]
    breaks = sorted([span for span in word_breaks if span[0] >= low] + marks)
    return Block(
        cues=kept,
        cue_starts=[cue.start for cue in kept],
        break_starts=[span[0] for span in breaks],
        break_ends=[span[1] for span in breaks],
    )


def _kinds(table: Cues, lowered: str, start: int) -> int:
    """The kinds of cue that may start at the run of ``lowered`` at ``start``. The patterns ignore case, which
    for ASCII letters is lower-casing; a run with any other character may be anything."""
    run = _RUN.match(lowered, start)
    if run is None:
        return 0
    return _run_kinds(table.word_kinds, run.group())


def _run_kinds(word_kinds: dict[str, int], word: str) -> int:
    if not word.isascii():
        return _ANY
    return word_kinds.get(word, 0) | (_PAST if word.endswith("ed") else 0)


def _ascii_lower(text: str) -> str:
    """``text`` with A to Z lower-cased and every other character kept, so that offsets stay. ``str.lower`` is
    many times faster than ``str.translate`` but lower-cases beyond ASCII too (and "İ" into two characters): it
    serves when the text has no such character to change."""
    lowered = text.lower()
    if text.isascii() or all(char.lower() == char for char in set(_NON_ASCII.findall(text))):
        return lowered
    return text.translate(_ASCII_LOWER)


def _after_not_past(patterns: CuePatterns, text: str, start: int, lo: int) -> bool:
    """Whether the past form at ``start`` follows a word that makes it a participle or an infinitive ("will be
    released", "to hit"), looking no further back than ``lo``."""
    return patterns.not_past_after.search(text[max(lo, start - 12) : start]) is not None
