"""The tense cue scan finds what plain scans of the cue patterns find, block by block, on texts built to trip it:
mixed case, characters whose case rules differ from ASCII, cues straddling block edges, overlapping phrases."""

from __future__ import annotations

import random
import re

import pytest

from timeline.errors import RuleError
from timeline.temporal.tense import (
    BLOCK,
    BLOCK_MARGIN,
    Cue,
    Sentences,
    _ascii_lower,
    _check_words,
    _nearest,
    cues,
    scan_block,
)

# Our own word list: cues of every kind in several spellings, near misses, and characters that lower-casing
# or case-insensitive matching treat apart (dotted and dotless i, long s, Kelvin sign, final sigma).
WORD_LIST = (
    "will WILL Will wİll wıll won't WON’T ’ll 'll she'll going GOING to To is IS be held due on planned PLANNED "
    "expected Expected was WAS waſ wasn’t Didn't said SAID hundred needed Indeed united released been told "
    "walked WALKED Walked naked ed Ed bed-ridden re-elected re’elected frosted x_ed 3ed café’d über "
    "and AND But which Who while whereas Σ ΣΑΣ \u212aEPT kept İS may Might next the river bank"
)
WORDS = WORD_LIST.split()
GAPS = [" ", " ", " ", " ", "  ", "\n", ", ", ". ", "; ", "-", "’", "'", "", "\t", '." ', "! ", "—", "“", "(", ") "]


def plain_block(text: str, low: int, high: int) -> tuple[list[Cue], list[tuple[int, int]]]:
    """The cues and breaks of a block by the obvious method: each pattern run over the block and its margins."""
    table = cues()
    patterns = table.any_case
    lo, hi = max(0, low - BLOCK_MARGIN), min(len(text), high + BLOCK_MARGIN)
    found = [Cue(m.start(), m.end(), "future", False) for m in patterns.future.finditer(text, lo, hi)]
    for m in patterns.past.finditer(text, lo, hi):
        word = m.group().lower()
        participle = patterns.not_past_after.search(text[max(lo, m.start() - 12) : m.start()])
        if word not in table.not_past and not participle:
            found.append(Cue(m.start(), m.end(), "past", word.endswith("ed")))
    clause_break = re.compile(f"{table.break_mark.pattern}|{patterns.break_word.pattern}", re.IGNORECASE)
    breaks = [m.span() for m in clause_break.finditer(text, lo, hi) if low <= m.start() < high]
    return sorted((cue for cue in found if low <= cue.start < high), key=lambda cue: cue.start), breaks


ASCII_WORDS = [word for word in WORDS if word.isascii()]
ASCII_GAPS = [gap for gap in GAPS if gap.isascii()]


def made_up_text(rng: random.Random, words: int, ascii_only: bool = False) -> str:
    """Words and gaps at random; ``ascii_only`` keeps to ASCII, which the scan matches otherwise."""
    word_list, gaps = (ASCII_WORDS, ASCII_GAPS) if ascii_only else (WORDS, GAPS)
    parts = [rng.choice(word_list) + rng.choice(gaps) for _ in range(words)]
    if rng.random() < 0.3:  # a long -ed word, which may straddle a block edge
        parts.insert(rng.randrange(words), "q" * rng.randrange(20, 60) + "ed ")
    if rng.random() < 0.3:  # a future phrase with a long gap
        parts.insert(rng.randrange(words), "going" + " " * rng.randrange(20, 60) + "to ")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(6))
def test_scan_finds_what_plain_pattern_scans_find(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(30):
        text = made_up_text(rng, rng.randrange(1, 1200), ascii_only=seed % 2 == 1)
        for index in range(len(text) // BLOCK + 1):
            block = scan_block(text, index * BLOCK, (index + 1) * BLOCK)
            expected_cues, expected_breaks = plain_block(text, index * BLOCK, (index + 1) * BLOCK)
            assert block.cues == expected_cues
            assert list(zip(block.break_starts, block.break_ends, strict=True)) == expected_breaks
            assert block.cue_starts == [cue.start for cue in block.cues]


def test_queries_match_a_search_of_every_cue_and_break() -> None:
    rng = random.Random(11)
    text = made_up_text(rng, 1500)
    sentences = Sentences(text)
    blocks = [plain_block(text, index * BLOCK, (index + 1) * BLOCK) for index in range(len(text) // BLOCK + 1)]
    every_cue = [cue for found, _ in blocks for cue in found]
    every_break = [span for _, breaks in blocks for span in breaks]

    def clause(lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
        left = max((b_end for b_start, b_end in every_break if lo <= b_start and b_end <= start), default=lo)
        right = min((b_start for b_start, _ in every_break if end <= b_start < hi), default=hi)
        return left, right

    for _ in range(300):
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.randrange(1, 20))
        lo, hi = sentences.around(start, end)
        assert sentences.cues(lo, hi) == [cue for cue in every_cue if lo <= cue.start and cue.end <= hi]
        assert sentences.clause(lo, hi, start, end) == clause(lo, hi, start, end)
        # Any bounds, not only a sentence's.
        lo, hi = rng.randrange(max(0, start - 400), start + 1), rng.randrange(end, min(len(text), end + 400) + 1)
        assert sentences.clause(lo, hi, start, end) == clause(lo, hi, start, end)
    # Bounds that cut through a break word just before the expression.
    for b_start, b_end in every_break:
        if b_end - b_start > 1 and b_end < len(text):
            assert sentences.clause(b_start + 1, len(text), b_end, b_end + 1) == clause(
                b_start + 1, len(text), b_end, b_end + 1
            )


def test_sentence_starts_are_where_a_plain_sentence_end_pattern_ends() -> None:
    # The obvious form of the pattern: after a full stop, quotes and space before a capital; a new line; a
    # semicolon.
    plain = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n|;\s")
    pieces = [".", "!", "?", " ", "\n", ";", '"', "'", "”", "’", ")", "]", "“", "‘", "(", "[", "A", "b", "7", "\t"]
    pieces += ["\u2028", "\xa0", "..", ". ", ".\n\n", " \n"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
        assert Sentences(text).starts == [0] + [m.end() for m in plain.finditer(text)]


def test_ascii_lower_keeps_every_offset() -> None:
    for text in ("Will SHE go", "WİLL go", "ΣΑΣ was", "\u212aEPT ſaid", "Éire WAS", "plain"):
        lowered = _ascii_lower(text)
        assert len(lowered) == len(text)
        assert lowered == "".join(char.lower() if "A" <= char <= "Z" else char for char in text)


def test_tense_data_that_the_scan_cannot_serve_is_refused() -> None:
    data = {"future": ["will"], "past": ["was"], "clause_break_words": ["and"], "clause_break_marks": ",;"}
    _check_words(data)
    with pytest.raises(RuleError, match="'-ish' must start with a word character"):
        _check_words({**data, "future": ["-ish"]})
    with pytest.raises(RuleError, match="mark 'x' is part of a word"):
        _check_words({**data, "clause_break_marks": ",x"})
    with pytest.raises(RuleError, match="'so,' contains a clause break mark"):
        _check_words({**data, "clause_break_words": ["so,"]})


def test_nearest_cue_prefers_one_before_then_the_nearer_and_drops_participles() -> None:
    # An expression at [50, 60); "will ... closed": the -ed form after the future cue is a participle.
    said, will, closed, after = (
        Cue(10, 14, "past", False),
        Cue(20, 24, "future", False),
        Cue(30, 36, "past", True),
        Cue(70, 74, "past", False),
    )
    every = [said, will, closed, after]
    assert _nearest(every, 0, 100, 50, 60, before_first=True) == "future"
    assert _nearest(every, 25, 100, 50, 60, before_first=True) == "past"  # no future cue: "closed" counts
    assert _nearest(every, 40, 100, 50, 60, before_first=True) == "past"
    assert _nearest(every, 40, 65, 50, 60, before_first=True) is None
    # A tie in distance goes to the direction first in alphabetical order, unless the one before comes first.
    tied = [Cue(40, 45, "past", False), Cue(65, 70, "future", False)]
    assert _nearest(tied, 0, 100, 50, 60, before_first=False) == "future"
    assert _nearest(tied, 0, 100, 50, 60, before_first=True) == "past"
    # A cue inside the expression is not one of its context.
    assert _nearest([Cue(52, 56, "future", False)], 0, 100, 50, 60, before_first=False) is None
