"""The token index: where a text's trigger words and digit runs are, as offsets into the untouched text."""

from __future__ import annotations

import re

import pytest

from timeline.errors import RuleError
from timeline.temporal.recognize import _matches, _scan, _veto_matches, _vetoed_span
from timeline.temporal.rules import LEFT_BOUNDARY, RIGHT_BOUNDARY, Veto, expand, load_rules, lowered_pattern
from timeline.temporal.triggers import DIGITS, TokenIndex, literal_factors, opening_tables

WORDS = frozenset({"june", "one", "day", DIGITS})


def test_words_are_found_in_any_case_and_digit_runs_apart():
    text = "JUNE 20, then june 21 and June 2014."
    index = TokenIndex(text, WORDS)
    assert index.positions["june"] == [(0, 4), (14, 18), (26, 30)]
    assert [text[a:b] for a, b in index.positions[DIGITS]] == ["20", "21", "2014"]


def test_a_word_inside_another_word_is_not_a_trigger():
    text = "Someone phoned one day; Sunday and holiday do not count."
    index = TokenIndex(text, WORDS)
    assert index.positions["one"] == [(15, 18)]
    assert index.positions["day"] == [(19, 22)]


def test_a_plural_is_filed_under_its_singular():
    text = "Days passed, then three days more."
    index = TokenIndex(text, WORDS)
    assert index.positions["day"] == [(0, 4), (24, 28)]


def test_offsets_hold_when_a_letter_lowers_to_two_characters():
    # "İ" lower-cases to two characters (and folds to "i"); the offsets of what follows must not move.
    text = "İstanbul, June 3: one day of talks."
    index = TokenIndex(text, WORDS)
    assert [text[a:b] for a, b in index.positions["june"]] == ["June"]
    assert index.positions["june"] == [(10, 14)]
    assert [text[a:b] for a, b in index.positions["day"]] == ["day"]


def test_windows_are_merged_and_end_on_white_space():
    text = "Talks began on June 3 and ended on June 5 after a long week of work in the capital city."
    index = TokenIndex(text, WORDS)
    # Each "June" widened by 3 characters before and 4 after, then out to the nearest white space.
    assert index.windows_for(frozenset({"month"}), (3, 4)) == [(11, 25), (31, 47)]


@pytest.mark.parametrize(
    ("pattern", "factors"),
    [
        # A clock time: the colon is rarer than any of the words around it.
        (r"(?:at|by)\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})", {":"}),
        # Alternatives spelled out, with optional dots, as BC years are.
        (r"(?P<year>\d{1,4})\s*(?P<bc>BC|B\.C\.|BCE)", {"bc", "b.c.", "bce"}),
        # A character class of a few marks is exact too; the digits' group, which is not, ends the run before it.
        (r"(?P<year2>\d0)['’]s", {"'s", "’s"}),
        # Every branch must hold a factor, or none is known.
        (r"(?:fiscal\s+|FY)(?P<year>\d{4})", {"fiscal", "fy"}),
        (r"(?:fiscal\s+|\d)(?P<year>\d{4})", None),
        # One letter or bare digits are in nearly every window: no check.
        (r"(?P<day>\d{1,2})\s+(?P<month>[a-z]+)", None),
    ],
)
def test_literal_factors_are_strings_every_match_holds(pattern, factors):
    found = literal_factors(pattern)
    assert (set(found) if found is not None else None) == factors
    if factors:
        # Every example of the pattern holds one of them.
        for text in ("at 9:30", "300 B.C.", "the 90's", "FY2014", "fiscal 1998"):
            for match in re.finditer(pattern, text, re.IGNORECASE):
                assert any(factor in match.group().lower() for factor in factors)


def test_the_folds_are_every_character_a_case_insensitive_letter_matches_beyond_lower_case():
    import sys

    from timeline.temporal.triggers import IGNORECASE_FOLDS

    letter = re.compile("[a-z]", re.IGNORECASE)
    beyond = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char) and not (len(char.lower()) == 1 and "a" <= char.lower() <= "z"):
            beyond[char] = next(ascii for ascii in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(ascii, char, re.I))
    assert beyond == IGNORECASE_FOLDS


def test_words_spelled_with_folded_letters_are_found():
    text = "On ſunday and on SATURDAY."
    index = TokenIndex(text, frozenset({"sunday", "saturday"}))
    assert index.positions["sunday"] == [(3, 9)]
    assert index.positions["saturday"] == [(17, 25)]


def test_digit_factors_only_where_digits_are_not_the_trigger():
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])\s+(?P<month>\w+)"
    ones = {str(digit) for digit in range(1, 10)}
    assert literal_factors(day, digits=True) == {"30", "31"} | ones | {"0" + one for one in ones}
    assert literal_factors(day) is None
    # \d also matches other scripts' digits, which no ASCII string holds: it yields no factor.
    assert literal_factors(r"\d{1,2}\s+(?P<month>\w+)", digits=True) is None


@pytest.mark.parametrize(
    ("pattern", "groups", "openers"),
    [
        # A table opens every match.
        (r"(?P<month>_)\s+(?P<day_digits>_)", [("month", "month"), ("day_digits", "day_digits")], {"month"}),
        # An optional table before another: either may open.
        (r"(?:(?P<weekday>_),?\s+)?(?P<month>_)", [("weekday", "weekday"), ("month", "month")], {"weekday", "month"}),
        # Digits spelled out in the pattern open as DIGITS.
        (r"(?P<day>3[01]|[12]\d|0?[1-9])\s+(?P<month>_)", [("month", "month")], {DIGITS}),
        # A look-behind before the opener does not open anything.
        (r"(?<!the\s)(?P<year>_)", [("year", "year")], {DIGITS}),
        # A literal word opens as itself, beside the table that opens when it is left out.
        (r"(?:the\s+)?(?P<month>_)", [("month", "month")], {"word:the", "month"}),
        # Alternatives that share their first letters still open with whole words.
        (r"(?:this|that|the\s+same)\s+(?P<grain>_)", [("grain", "grain")], {"word:this", "word:that", "word:the"}),
        # A word ends where a character that is no letter comes: white space, a hyphen, digits.
        (r"FY\s*(?P<year>_)", [("year", "year")], {"word:fy"}),
        (r"mid-(?P<month>_)", [("month", "month")], {"word:mid"}),
        # A letter class of a few letters spells each.
        (r"[Qq](?P<quarter>[1-4])", [], {"word:q"}),
        # A punctuation mark opens as itself ("'90s", "+44 20 7946 0958").
        (r"['’](?P<year>_)s", [("year", "year")], {"mark:'", "mark:’"}),
        (r"(?:\+\d{1,3}\s?)?\d{3}", [], {"mark:+", DIGITS}),
        # Letters that run into a table's words, or white space first: no openers.
        (r"re(?P<month>_)", [("month", "month")], None),
        (r"\s+(?P<month>_)", [("month", "month")], None),
        # A word of any letters is no literal word.
        (r"[a-z]+\s+(?P<month>_)", [("month", "month")], None),
        # A pattern that may match nothing opens anywhere.
        (r"(?:(?P<weekday>_))?", [("weekday", "weekday")], None),
    ],
)
def test_opening_tables_are_what_every_match_opens_with(pattern, groups, openers):
    expected = frozenset(openers) if openers is not None else None
    assert opening_tables(pattern, groups) == expected


# Our own sentences, dense with dates, counts and relative words, for the check below.
DENSE = (
    "On Tuesday, March 4, 2014, and again on 5 March 2014 the council met; by 12 April it had met 3 times. "
    "Fri, 6 June 2014: the 6th of June, June 7 and 8, and June 2015 were named. In 1999 and in 2001, AD 79 "
    "and 1066 AD came up, as did 14/07/2014, 2014-07-14 and 7/14/2014 at 3 p.m. Sunday. Some 30 days later, "
    "two weeks passed; forty-five minutes after Mon., Dec. 1 and Wednesday 3 December the talks resumed. "
    "Christmas 2013, Easter, New Year's Day and Sunday morning passed three years ago; a man aged 45 years "
    "spoke weekly. In 44 BC, in March 44 BC, and at 9 a.m. on 3 June that year, then June 9 of that year. "
    "The following year, and the same week, the past two months and the next three days went by; this week "
    "and last month, earlier this year and later in the decade, every Monday and each spring, twice a day. "
    "Currently, and at present, recently and in the past, in the future and for the next ten years, FY2012 "
    "and fiscal 2013, the third quarter of 2014, Q3 2014, the 1990s and the 19th century; at 14:30 and by "
    "noon, at midnight, tonight and last night, that morning and the following evening, the day before. "
    "Back in the '90s and the ’80s, call +44 20 7946 0958 or (202) 555 2014 any day. "
)


def test_rules_tried_at_their_openers_find_what_a_scan_of_the_whole_text_finds():
    rules = [rule for rule in load_rules().rules if rule.openers is not None]
    assert len(rules) >= 80
    text = DENSE * 3
    index = TokenIndex(text, load_rules().trigger_words)
    for rule in rules:
        scanned = [found.span() for found in rule.regex.finditer(index.lowered)]
        tried = [found.span() for found in _matches(rule, index)]
        assert tried == scanned, rule.name


# Our own sentences where vetoes apply, beside dates they must leave alone.
VETOED = (
    "One day we will see. The Sunday Times said on Sunday that 2014 people and 1999 troops came in 2014. "
    "Room 1984 and Article 12 of the 2012 law; version 2.10 and release 2014.1 shipped in May 2014. "
    "May we go? The fall of Rome in 476; the team won 3-1 and the odds were 10:1 on 3 June 2014. "
    "Call 555 1234 or +44 20 7946 0958; a 1920 x 1080 screen; a quarter of the 1990s; the former said so. "
)


def test_vetoes_tried_at_their_openers_find_every_match_that_holds_a_candidate():
    ruleset = load_rules()
    text = VETOED * 2
    index = TokenIndex(text, ruleset.trigger_words)
    candidates = [found for rule in ruleset.for_mode("news") for found in _scan(rule, text, index)]
    tried = {found.span() for found in _veto_matches(ruleset.vetoes, text, candidates, index)}
    assert all(veto.openers is not None for veto in ruleset.vetoes)
    for veto in ruleset.vetoes:
        for found in veto.regex.finditer(index.lowered):
            start, end = _vetoed_span(found)
            if any(start <= c.start and c.end <= end for c in candidates):
                assert found.span() in tried, (veto.name, found.group())


def test_rules_on_the_lower_cased_text_find_what_their_patterns_find_ignoring_case():
    text = (DENSE + VETOED).upper() + DENSE.title() + VETOED.swapcase()
    lowered = TokenIndex(text, frozenset()).lowered
    for rule in load_rules().rules:
        body, _ = expand(rule.pattern, rule.name)
        ignoring_case = re.compile(LEFT_BOUNDARY + "(?:" + body + ")" + RIGHT_BOUNDARY, re.IGNORECASE)
        found = [match.span() for match in ignoring_case.finditer(text)]
        assert [match.span() for match in rule.regex.finditer(lowered)] == found, rule.name


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [
        (r"(?P<Month>May)\s+\S+(?P=Month)", r"(?P<Month>may)\s+\S+(?P=Month)"),
        (r"BC|B\.C\.|[A-Za-z]\W", r"bc|b\.c\.|[a-za-z]\W"),
        (r"D-Day[^A-Z]", r"d-day[^a-z]"),
    ],
)
def test_a_pattern_is_lower_cased_but_for_its_escapes_and_group_names(pattern, lowered):
    assert lowered_pattern(pattern, "rule 'x'") == lowered


@pytest.mark.parametrize(
    "pattern", [r"(?-i:May)", r"(?i)may", r"\x4D", r"\N{LATIN CAPITAL LETTER M}", r"[!-Z]", r"[A-z]"]
)
def test_a_pattern_that_lower_casing_would_change_is_refused(pattern):
    with pytest.raises(RuleError, match="rule 'x': patterns ignore case"):
        lowered_pattern(pattern, "rule 'x'")


def test_a_rule_without_openers_searches_the_windows_around_its_trigger_words():
    # Every rule of the shipped files has openers; a rule whose matches may open with anything (white space, any
    # character) is searched around its trigger words instead, and finds the same.
    text = DENSE * 2
    index = TokenIndex(text, load_rules().trigger_words)
    searched = [
        rule._replace(openers=None, opens_at_trigger=False) for rule in load_rules().rules if rule.margins[0] > 0
    ]
    assert len(searched) >= 40
    for rule in searched:
        scanned = [found.span() for found in rule.regex.finditer(index.lowered)]
        assert [found.span() for found in _matches(rule, index)] == scanned, rule.name


def test_a_veto_of_no_known_width_searches_around_the_candidates():
    ruleset = load_rules()
    text = VETOED * 2
    index = TokenIndex(text, ruleset.trigger_words)
    candidates = [found for rule in ruleset.for_mode("news") for found in _scan(rule, text, index)]


    def vetoed(chosen: tuple[Veto, ...]) -> set[tuple[str, tuple[int, int]]]:
        """The veto matches that hold a candidate (either way may find others, which veto nothing)."""
        spans = {(found.re.pattern, _vetoed_span(found)) for found in _veto_matches(chosen, text, candidates, index)}
        return {(veto, (low, high)) for veto, (low, high) in spans if any(low <= c.start < high for c in candidates)}

    assert len(vetoed(ruleset.vetoes)) >= 5
    assert vetoed(tuple(veto._replace(width=None) for veto in ruleset.vetoes)) == vetoed(ruleset.vetoes)
