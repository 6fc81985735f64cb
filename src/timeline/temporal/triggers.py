"""Triggers and openers: where in a text a rule can match, found before any rule runs.

From a rule's pattern we find its *triggers*, the macro groups every match must contain (a month name for
"June 20", a unit word for "three days"), and its *openers*, what every match opens with: a table's words,
literal words ("the", "every"), digits or a punctuation mark. One pass of one regex over the lower-cased text
finds all their words (``TokenIndex``); a rule is then tried only where an opener starts with a trigger word
close enough after it (recognize.py). A rule whose matches could open anywhere searches the stretches of text
around its trigger words instead, and one with no trigger the whole text. Rule examples run through these
paths, so an analysis that would hide a match fails a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, cached_property
from itertools import chain

try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

from .buildcache import compile_pattern
from .namedtuples import NamedTuple
from .vocabulary import cached_trie_pattern, vocabulary

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

DIGITS = "digits"
WORD_PREFIX = "word:"  # a requirement entry that is a literal word, not a table
CHARACTER_PREFIX = "mark:"  # an opener that is a punctuation mark ("mark:+"), found apart from the words
# Special macros read digits; a count reads digits or number words.
_DIGIT_MACROS = frozenset(
    {"year", "bc_year", "year2", "decade_year", "hour", "minute", "second", "month_number", "day_digits"}
)
# How selective a table is as a trigger: lower is rarer in running text.
_COMMON_TABLES = {"number": 6, "count": 6, "relative": 5, "day_number": 4, DIGITS: 3, "ampm": 3, "ordinal": 3}
# How far a match may reach from its trigger word (the longest prefix is "the beginning of" and the like), for
# rules whose pattern does not bound it more tightly (see ``reach``).
MARGIN_BEFORE = 48
MARGIN_AFTER = 64
# Margins are rounded up to these steps, so that rules of about the same reach share their windows (a text's
# windows are found once per trigger and margins). A lead of 0 stays 0: such rules are tried at their triggers.
BEFORE_STEPS = (0, 24, MARGIN_BEFORE)
AFTER_STEPS = (16, 32, MARGIN_AFTER)
# When bounding how far a match reaches from its trigger word, an unbounded repeat (a run of white space between
# words, of digits in a number) counts as at most this many repetitions: longer runs do not occur inside one
# expression of running text.
LONGEST_RUN = 8
# A rule skips windows that hold none of its literal factors when it has at most this many (literal_factors):
# they are searched as one alternation, so many cost little more than a few.
MAX_FACTORS = 64
DIGITS_REQUIRED = -1  # in a set of required group numbers: any item that matches digits only
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_ZERO_WIDTH = frozenset({"ASSERT", "ASSERT_NOT", "AT"})
_ONE_CHARACTER = frozenset({"LITERAL", "NOT_LITERAL", "IN", "ANY"})


def required_tables(pattern: str, groups: Iterable[tuple[str, str]]) -> frozenset[str] | None:
    """The tables one of whose words every match contains, or None when no group is required."""
    tables = {group: _trigger_table(table) for group, table in groups}
    items, names = _parsed(pattern)
    return _best(_requirements(items, names, tables))


def _parsed(pattern: str) -> tuple[list[Any], dict[int, str]]:
    """The parsed items of a case-insensitive pattern, and its group names by number."""
    parsed = sre_parse.parse(pattern, re.IGNORECASE)
    return list(parsed), {index: name for name, index in parsed.state.groupdict.items()}


def reach(pattern: str, groups: Iterable[tuple[str, str]], requirement: frozenset[str] | None) -> tuple[int, int]:
    """How many characters, at most, a match starts before its trigger word and ends after that word's start.

    Bounded by the pattern where it can be (a rule whose trigger opens its matches searches no text before the
    trigger), else by MARGIN_BEFORE and MARGIN_AFTER. The window a rule searches around each trigger word is this
    wide, so the tighter the bound the less text each rule scans."""
    if requirement is None:
        return MARGIN_BEFORE, MARGIN_AFTER
    tables = {group: _trigger_table(table) for group, table in groups}

    items, names = _parsed(pattern)
    required = {index for index, name in names.items() if tables.get(name) in requirement}
    if requirement == {DIGITS}:
        required.add(DIGITS_REQUIRED)
    before = _lead(items, required)
    after = _tail(items, required)
    return (
        MARGIN_BEFORE if before is None else _step_up(before, BEFORE_STEPS),
        MARGIN_AFTER if after is None else _step_up(after, AFTER_STEPS),
    )


def opening_tables(pattern: str, groups: Iterable[tuple[str, str]]) -> frozenset[str] | None:
    """What every match opens with: tables (DIGITS for a run of digits) and literal words (``word:the``), or
    None when a match may open with anything else (a quote mark, a letter run into a table's word).

    A rule with such openers is tried only where their words start, as one whose trigger opens its matches is:
    "{weekday}, {month} {day}" and "{day} {month}" need not run at every position around each month name, nor
    "(?:every|each) {unit}" at every position around each unit word."""
    tables = {group: _trigger_table(table) for group, table in groups}
    items, names = _parsed(pattern)
    opening = _open_words(_Walk(names, tables), "", items)
    if opening is None or not all(_opens_at_word(table) for table in opening):
        return None
    return frozenset(opening)


class _Walk(NamedTuple):
    """What a walk through a parsed pattern needs to know beside the items: the group names and their tables."""

    names: dict[int, str]
    tables: dict[str, str]


# Past this many openers a rule is tried at too many places for the analysis to be worth it.
MAX_OPENERS = 96


def _open_words(walk: _Walk, spelled: str, items: list[Any]) -> set[str] | None:
    """The openers of the matches of ``items`` once ``spelled`` (lower-case letters) opens them: the letters
    run on until an item that cannot be a letter ends the word. None when a match may open otherwise."""
    if not items:
        # The pattern ends here, and a rule's pattern is never followed by a letter (RIGHT_BOUNDARY).
        return {WORD_PREFIX + spelled} if spelled else None
    (op, argument), rest = items[0], items[1:]
    name = str(op)
    if name in _ZERO_WIDTH:
        return _open_words(walk, spelled, rest)
    if name in _WALKERS:
        return _WALKERS[name](walk, spelled, argument, rest)
    return _ended(spelled) if _never_letter(name, argument) else None


def _ended(spelled: str) -> set[str] | None:
    """The word spelled so far, ended by an item that is no letter; None when no letter came before it (the
    match opens with punctuation or white space)."""
    return {WORD_PREFIX + spelled} if spelled else None


def _walk_literal(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    char = chr(argument)
    if char.isascii() and char.isalpha():
        return _open_words(walk, spelled + char.lower(), rest)
    if not spelled:
        return _opening_character(char)
    return _ended(spelled) if not char.isalpha() else None


def _opening_character(char: str) -> set[str] | None:
    """What a match that opens with this character (no letter before it) opens with: DIGITS for a digit, the mark
    itself for punctuation ("+44", "(202)", "'90s"); None for white space or a letter beyond ASCII."""
    if char.isdigit():
        return {DIGITS}
    if char.isspace() or char.isalnum() or char == "_":
        return None
    return {CHARACTER_PREFIX + char}


def _walk_class(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    if _is_digit("IN", argument):
        return {DIGITS} if not spelled else _ended(spelled)
    if _never_letter("IN", argument):
        if spelled:
            return _ended(spelled)
        marks = [chr(value) for kind, value in argument if str(kind) == "LITERAL"]
        return _union(_opening_character(mark) for mark in marks) if len(marks) == len(argument) else None
    letters = [chr(value) for kind, value in argument if str(kind) == "LITERAL"]
    if len(letters) != len(argument) or not all(char.isascii() and char.isalpha() for char in letters):
        return None
    return _union(_open_words(walk, spelled + char.lower(), rest) for char in set(letters))


def _walk_group(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    group = walk.names.get(argument[0])
    if group in walk.tables:
        table = walk.tables[group]
        if spelled:
            # Digits end the word before them ("FY2014"); a table's words that letters run into open nothing.
            return _ended(spelled) if table == DIGITS else None
        return {table}
    return _open_words(walk, spelled, list(argument[-1]) + rest)


def _walk_atomic(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    return _open_words(walk, spelled, list(argument) + rest)


def _walk_branch(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    return _union(_open_words(walk, spelled, list(branch) + rest) for branch in argument[1])


def _walk_repeat(walk: _Walk, spelled: str, argument: Any, rest: list[Any]) -> set[str] | None:
    low, high, content = argument
    skipped = _open_words(walk, spelled, rest) if low == 0 else set()
    if high == 1:
        return _union([skipped, _open_words(walk, spelled, list(content) + rest)])
    content = list(content)
    if all(_is_digit(str(op), value) for op, value in content):
        return _union([skipped, {DIGITS} if not spelled else _ended(spelled)])
    if all(_never_letter(str(op), value) for op, value in content):
        return _union([skipped, _ended(spelled)])
    return None


_WALKERS = {
    "LITERAL": _walk_literal,
    "IN": _walk_class,
    "SUBPATTERN": _walk_group,
    "ATOMIC_GROUP": _walk_atomic,
    "BRANCH": _walk_branch,
    "MAX_REPEAT": _walk_repeat,
    "MIN_REPEAT": _walk_repeat,
    "POSSESSIVE_REPEAT": _walk_repeat,
}


def _union(options: Iterable[set[str] | None]) -> set[str] | None:
    found: set[str] = set()
    for option in options:
        if option is None:
            return None
        found |= option
        if len(found) > MAX_OPENERS:
            return None
    return found


def _never_letter(name: str, argument: Any) -> bool:
    """Whether one parsed item can only match characters that are no letters (white space, punctuation)."""
    if name == "LITERAL":
        return not chr(argument).isalpha()
    if name != "IN":
        return False
    return all(_never_letter_member(str(kind), value) for kind, value in argument)


def _never_letter_member(kind: str, value: Any) -> bool:
    if kind == "LITERAL":
        return not chr(value).isalpha()
    if kind == "RANGE":
        return not any(chr(code).isalpha() for code in range(value[0], value[1] + 1))
    return kind == "CATEGORY" and str(value) in ("CATEGORY_SPACE", "CATEGORY_DIGIT")


def _opens_at_word(table: str) -> bool:
    """Whether every entry of a table starts with its first token, so that a match opening with the table opens
    where the token index saw that token ("'90s" would open one character before its token, "90")."""
    if table == DIGITS or table.startswith((WORD_PREFIX, CHARACTER_PREFIX)):
        return True
    vocab = vocabulary()
    names = ("number", "tens", "units_word") if table == "count" else (table,)
    return all(name in vocab and all(_TOKEN.match(entry.lower()) for entry in vocab[name].entries) for name in names)


def literal_factors(pattern: str, digits: bool = False) -> frozenset[str] | None:
    """Strings, in lower case, one of which every match of a case-insensitive ``pattern`` contains (a clock time
    holds ":", a BC year "bc" or "b.c."): a window of text without any of them cannot hold a match, and the rule
    skips it without running its pattern there. None when the pattern has no such strings worth checking.
    ``digits``: whether digits are worth checking (they are in every window of a rule triggered by digits)."""

    return _factors(list(sre_parse.parse(pattern, re.IGNORECASE)), digits) or None


def _factors(items: list[Any], digits: bool) -> frozenset[str] | None:
    """The most selective set of literal strings one of which every match of the sequence contains."""
    options: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})  # the strings the current stretch of exact items spells
    for op, argument in items:
        name = str(op)
        exact = _exact(name, argument)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_FACTORS:
            run = frozenset(before + after for before in run for after in exact)
            continue
        if run is not None:
            options.append(run)
        run = exact
        inner = _item_factors(name, argument, digits)
        if inner:
            options.append(inner)
    if run is not None:
        options.append(run)
    useful = [
        option
        for option in options
        if len(option) <= MAX_FACTORS and all(_selective(factor, digits) for factor in option)
    ]
    return max(useful, key=lambda option: (min(map(_rarity, option)), -len(option))) if useful else None


def _exact(name: str, argument: Any) -> frozenset[str] | None:
    """The strings (lower case) one parsed item matches, when they are few and known; None otherwise."""
    if name == "LITERAL":
        return frozenset({chr(argument).lower()})
    if name in _ZERO_WIDTH:
        return frozenset({""})
    if name == "IN":
        return _exact_set(argument)
    if name == "SUBPATTERN":
        return _exact_sequence(list(argument[-1]))
    if name == "BRANCH":
        branches = [_exact_sequence(list(branch)) for branch in argument[1]]
        if all(branch is not None for branch in branches):
            union = frozenset().union(*branches)  # type: ignore[arg-type]
            return union if len(union) <= MAX_FACTORS else None
        return None
    if name in _REPEATS and argument[1] <= 1:
        inner = _exact_sequence(list(argument[2]))
        if inner is None:
            return None
        return inner | {""} if argument[0] == 0 else inner
    return None


def _exact_set(members: list[Any]) -> frozenset[str] | None:
    """The characters of a character class of a few literals or ranges of digits. Not \\d: it also matches
    digits of other scripts, which no list of ASCII strings would hold."""
    found: set[str] = set()
    for kind, value in members:
        kind = str(kind)
        if kind == "LITERAL":
            found.add(chr(value).lower())
        elif kind == "RANGE" and _is_digit_member(kind, value):
            found.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(found) if len(found) <= MAX_FACTORS else None


def _exact_sequence(items: list[Any]) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, argument in items:
        exact = _exact(str(op), argument)
        if exact is None or len(strings) * len(exact) > MAX_FACTORS:
            return None
        strings = frozenset(before + after for before in strings for after in exact)
    return strings


def _item_factors(name: str, argument: Any, digits: bool) -> frozenset[str] | None:
    if name == "SUBPATTERN":
        return _factors(list(argument[-1]), digits)
    if name == "ATOMIC_GROUP":
        return _factors(list(argument), digits)
    if name in _REPEATS and argument[0] >= 1:
        return _factors(list(argument[2]), digits)
    if name == "BRANCH":
        branches = [_factors(list(branch), digits) for branch in argument[1]]
        if branches and all(branches):
            return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _selective(factor: str, digits: bool) -> bool:
    """Worth a search: not white space or one letter, which nearly every window holds; digits when asked for."""
    stripped = factor.strip()
    return bool(stripped) and not (len(stripped) == 1 and stripped.isalpha()) and (digits or not stripped.isdigit())


def _rarity(factor: str) -> int:
    """How rare a string is in running text: longer is rarer, and punctuation (":", "/") rarer than words."""
    return len(factor) + (3 if any(not char.isalpha() for char in factor) else 0)


def _step_up(width: int, steps: tuple[int, ...]) -> int:
    return next((step for step in steps if step >= width), steps[-1])


def _lead(items: list[Any], required: set[int]) -> int | None:
    """The widest text a match can hold before its first required group; None when none is certain."""
    before = 0
    for op, argument in items:
        lead = _item_lead(str(op), argument, required)
        if lead is not None:
            return before + lead
        width = _item_width(str(op), argument)
        if width is None:
            return None
        before += width
    return None


def _item_lead(name: str, argument: Any, required: set[int]) -> int | None:
    if DIGITS_REQUIRED in required and _is_digit(name, argument):
        return 0
    if name == "SUBPATTERN":
        return 0 if argument[0] in required else _lead(list(argument[-1]), required)
    if name == "BRANCH":
        leads = [_lead(list(branch), required) for branch in argument[1]]
        return None if any(lead is None for lead in leads) else max(leads)  # type: ignore[type-var]
    if name in _REPEATS and argument[0] >= 1:
        return _lead(list(argument[2]), required)
    return None


def _tail(items: list[Any], required: set[int]) -> int | None:
    """The widest text a match can hold from the start of the required group ``_lead`` stops at to its end."""
    for position, (op, argument) in enumerate(items):
        inner = _item_tail(str(op), argument, required)
        if inner is not None:
            rest = _max_width(items[position + 1 :])
            return None if rest is None else inner + rest
    return None


def _item_tail(name: str, argument: Any, required: set[int]) -> int | None:
    if DIGITS_REQUIRED in required and _is_digit(name, argument):
        return 1
    if name == "SUBPATTERN":
        return _max_width(list(argument[-1])) if argument[0] in required else _tail(list(argument[-1]), required)
    if name == "BRANCH":
        tails = [_tail(list(branch), required) for branch in argument[1]]
        return None if any(tail is None for tail in tails) else max(tails)  # type: ignore[type-var]
    if name in _REPEATS and argument[0] >= 1 and _tail(list(argument[2]), required) is not None:
        return _item_width(name, argument)
    return None


def widest(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` holds (a run of separators counting LONGEST_RUN), or None."""
    return _max_width(_parsed(pattern)[0])


def _max_width(items: list[Any]) -> int | None:
    total = 0
    for op, argument in items:
        width = _item_width(str(op), argument)
        if width is None:
            return None
        total += width
    return total


def _item_width(name: str, argument: Any) -> int | None:
    """The widest text one parsed item matches; None when unbounded (runs of separators count SEPARATOR_RUN)."""
    if name in _ONE_CHARACTER:
        return 1
    if name in _ZERO_WIDTH:
        return 0
    if name == "SUBPATTERN":
        return _max_width(list(argument[-1]))
    if name == "ATOMIC_GROUP":
        return _max_width(list(argument))
    if name == "BRANCH":
        widths = [_max_width(list(branch)) for branch in argument[1]]
        return None if any(width is None for width in widths) else max(widths)  # type: ignore[type-var]
    if name in _REPEATS:
        _, high, content = argument
        inner = _max_width(list(content))
        if inner is None:
            return None
        return inner * min(high, LONGEST_RUN)
    return None


def _is_digit(name: str, argument: Any) -> bool:
    """Whether one parsed item matches digits only: the DIGITS trigger, when a pattern spells its digits out."""
    if name == "LITERAL":
        return chr(argument).isdigit()
    if name != "IN":
        return False
    return bool(argument) and all(_is_digit_member(str(kind), value) for kind, value in argument)


def _is_digit_member(kind: str, value: Any) -> bool:
    if kind == "LITERAL":
        return chr(value).isdigit()
    if kind == "RANGE":
        return chr(value[0]).isdigit() and chr(value[1]).isdigit()
    return kind == "CATEGORY" and str(value) == "CATEGORY_DIGIT"


def _trigger_table(table: str) -> str:
    return DIGITS if table in _DIGIT_MACROS else table


def _cost(requirement: frozenset[str]) -> int:
    return sum(_COMMON_TABLES.get(table, 1) for table in requirement)


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    return min(requirements, key=_cost) if requirements else None


def _requirements(items: list[Any], names: dict[int, str], tables: dict[str, str]) -> list[frozenset[str]]:
    """Each requirement is a set of tables at least one of which a match must use."""
    found: list[frozenset[str]] = []
    for op, argument in items:
        name = str(op)
        if name == "SUBPATTERN":
            index, content = argument[0], argument[-1]
            found += _requirements(list(content), names, tables)
            group = names.get(index)
            if group in tables:
                found.append(frozenset({tables[group]}))
        elif name == "BRANCH":
            branches = [_best(_requirements(list(branch), names, tables)) for branch in argument[1]]
            if branches and all(branch is not None for branch in branches):
                found.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and argument[0] >= 1:
            found += _requirements(list(argument[2]), names, tables)
        elif name == "ATOMIC_GROUP":
            found += _requirements(list(argument), names, tables)
    return found


_TOKEN = compile_pattern(r"[^\W\d_]+|\d+")


def _first_token(entry: str) -> str:
    found = _TOKEN.search(entry.lower())
    token = found.group() if found else entry.lower()
    return DIGITS if token[:1].isdigit() else token


# The words of each requirement met so far; load_rules fills it from the build cache (``remember_words``), where
# working them out costs a process about a millisecond.
_WORDS: dict[frozenset[str], frozenset[str]] = {}


def trigger_words(requirement: frozenset[str]) -> frozenset[str]:
    """The tokens that stand for a requirement: the first token of each table entry, or DIGITS."""
    words = _WORDS.get(requirement)
    if words is None:
        words = _WORDS[requirement] = _trigger_words(requirement)
    return words


def remember_words(known: Iterable[tuple[Iterable[str], Iterable[str]]]) -> None:
    """Take the words of requirements as ``trigger_words`` gave them in an earlier process (the vocabulary and
    this module being the same: the build cache's keys see to that)."""
    for requirement, words in known:
        _WORDS.setdefault(frozenset(requirement), frozenset(words))


def _trigger_words(requirement: frozenset[str]) -> frozenset[str]:
    words: set[str] = set()
    for table in requirement:
        if table.startswith(WORD_PREFIX):
            words.add(_first_token(table[len(WORD_PREFIX) :]))
        elif table.startswith(CHARACTER_PREFIX):
            continue  # found apart from the words (TokenIndex.starts_for)
        else:
            words |= _table_tokens(table)
    return frozenset(words)


@cache
def opening_marks(requirement: frozenset[str]) -> tuple[str, ...]:
    """The punctuation marks among a requirement's openers (``mark:+`` is "+")."""
    return tuple(entry[len(CHARACTER_PREFIX) :] for entry in requirement if entry.startswith(CHARACTER_PREFIX))


@cache
def _table_tokens(table: str) -> frozenset[str]:
    """The first token of each entry of a table (a count's tables and digits for "count"; DIGITS for digits):
    worked out once per table, not once for each requirement that names it."""
    if table == DIGITS:
        return frozenset({DIGITS})
    vocab = vocabulary()
    names = ("number", "tens", "units_word") if table == "count" else (table,)
    tokens = {_first_token(entry) for name in names for entry in vocab[name].entries}
    return frozenset(tokens | {DIGITS} if table == "count" else tokens)


@cache
def token_regex(words: frozenset[str]) -> re.Pattern[str]:
    """Finds the given words (and their plurals) in lower-cased text, ending where their word ends.

    Case-sensitive on purpose: IGNORECASE would make the engine fold every letter it reads (three times slower).
    The look-behind keeps it from finding the words inside others ("one" in "someone"): checking each such find
    afterwards in Python cost more than the look-behind does (WikiWars has seven such finds for each word kept)."""
    letters = cached_trie_pattern(tuple(sorted(word for word in words if word != DIGITS)))
    return compile_pattern(rf"(?<![^\W\d_])(?:{letters})s?(?![^\W\d_])")


@cache
def _standing_for(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words each token the token pattern finds stands for: itself, the word it is the plural of, or both
    ("days" is filed under "days" and "day" when both are words)."""
    standing: dict[str, tuple[str, ...]] = {}
    for word in words:
        standing[word] = (*standing.get(word, ()), word)
        standing[word + "s"] = (*standing.get(word + "s", ()), word)
    return standing


_DIGIT_RUN = compile_pattern(r"\d+")


# Characters that a case-insensitive pattern matches to an ASCII letter but str.lower does not turn into that
# letter (tests/test_triggers.py checks the list against the regex engine over every code point).
IGNORECASE_FOLDS = {"İ": "i", "ı": "i", "ſ": "s"}
_FOLDS = str.maketrans(IGNORECASE_FOLDS)


def _lowered(text: str) -> str:
    """The text in lower case, offset for offset, as a case-insensitive pattern sees its ASCII letters (a letter
    that lowers to two characters and is no such fold stays as it is)."""
    if any(char in text for char in IGNORECASE_FOLDS):
        text = text.translate(_FOLDS)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


class TokenIndex:
    """Where each trigger word of a text starts, found in one pass; digit runs are filed under DIGITS."""

    def __init__(self, text: str, words: frozenset[str]) -> None:
        self.text = text
        self.words = words
        # Starts only: rules are tried where their words start (spans are worked out when asked for, below).
        self.word_starts: dict[str, list[int]] = {}
        self.windows: dict[tuple[frozenset[str], tuple[int, int]], list[tuple[int, int]]] = {}
        self.hits: dict[frozenset[str], list[tuple[int, int]]] = {}
        self.starts: dict[frozenset[str], list[int]] = {}
        self.mark_starts: dict[str, list[int]] = {}
        digits = [found.start() for found in _DIGIT_RUN.finditer(text)]
        if digits:
            self.word_starts[DIGITS] = digits
        self.lowered = _lowered(text)
        if any(word != DIGITS for word in words):
            self._index_words(self.lowered, words)
        # The words the text holds: a requirement's words are looked up among these (often none of them).
        self.present = frozenset(self.word_starts)

    def _index_words(self, lowered: str, words: frozenset[str]) -> None:
        add, standing = self.word_starts.setdefault, _standing_for(words)
        for found in token_regex(words).finditer(lowered):
            start = found.start()
            for word in standing[found.group()]:
                add(word, []).append(start)

    @cached_property
    def positions(self) -> dict[str, list[tuple[int, int]]]:
        """Where each word is, as (start, end) spans: for the windows of rules that can open anywhere."""
        spans = {}
        digit_run, token = _DIGIT_RUN.match, token_regex(self.words).match
        for word, starts in self.word_starts.items():
            if word == DIGITS:
                spans[word] = [digit_run(self.text, start).span() for start in starts]  # type: ignore[union-attr]
            else:
                spans[word] = [token(self.lowered, start).span() for start in starts]  # type: ignore[union-attr]
        return spans

    def windows_for(
        self, requirement: frozenset[str], margins: tuple[int, int] = (MARGIN_BEFORE, MARGIN_AFTER)
    ) -> list[tuple[int, int]]:
        """The stretches of text around the required words, merged, each widened to white space."""
        key = (requirement, margins)
        if key not in self.windows:
            self.windows[key] = around(self.text, self.hits_for(requirement), *margins)
        return self.windows[key]

    def starts_for(self, requirement: frozenset[str]) -> list[int]:
        """Where the required words start, in reading order."""
        starts = self.starts.get(requirement)
        if starts is None:
            words, marks = trigger_words(requirement) & self.present, opening_marks(requirement)
            if marks or len(words) > 1:
                word_starts = self.word_starts
                lists = [word_starts[word] for word in words] + [self._mark_starts(mark) for mark in marks]
                starts = sorted(chain.from_iterable(lists))
            else:
                starts = self.word_starts[next(iter(words))] if words else []
            self.starts[requirement] = starts
        return starts

    def _mark_starts(self, mark: str) -> list[int]:
        """Where a punctuation mark is: looked for only when a rule opens with it."""
        starts = self.mark_starts.get(mark)
        if starts is None:
            text, starts = self.text, []
            found = text.find(mark)
            while found >= 0:
                starts.append(found)
                found = text.find(mark, found + 1)
            self.mark_starts[mark] = starts
        return starts

    def hits_for(self, requirement: frozenset[str]) -> list[tuple[int, int]]:
        """Where the required words are, in reading order."""
        hits = self.hits.get(requirement)
        if hits is None:
            positions = self.positions
            lists = [positions[word] for word in trigger_words(requirement) if word in positions]
            hits = sorted(chain.from_iterable(lists)) if len(lists) > 1 else (lists[0] if lists else [])
            self.hits[requirement] = hits
        return hits


def around(
    text: str, spans: Iterable[tuple[int, int]], before: int = MARGIN_BEFORE, after: int = MARGIN_AFTER
) -> list[tuple[int, int]]:
    """Merge the spans widened by the margins; then move each edge out to white space."""
    merged: list[list[int]] = []
    for start, end in spans:
        low, high = start - before, end + after
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [_widen(text, low, high) for low, high in merged]


_SPACE = compile_pattern(r"\s")


def _widen(text: str, low: int, high: int) -> tuple[int, int]:
    """Window edges on white space, so that no word is cut in two and seen as a whole."""
    low = 0 if low <= 0 else max(text.rfind(" ", 0, low), text.rfind("\n", 0, low), 0)
    if high >= len(text):
        return low, len(text)
    found = _SPACE.search(text, high)
    return low, found.start() if found else len(text)
