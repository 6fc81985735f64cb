"""Every example kept beside the rules runs here, against one fixed anchor (Monday 2014-07-14)."""

from __future__ import annotations

import pytest

from timeline import find_times
from timeline.config import Config
from timeline.temporal.recognize import load_modifiers
from timeline.temporal.rules import EXAMPLE_ANCHOR, Example, _parse_example, load_rules

RULES = load_rules()


def _positive_cases() -> list[tuple[str, Example]]:
    cases = [(f"{rule.name}:{i}", example) for rule in RULES.rules for i, example in enumerate(rule.examples)]
    for modifier in load_modifiers():
        for i, raw in enumerate(modifier.examples):
            cases.append((f"modifier-{modifier.name}:{i}", _parse_example(raw, modifier.name)))
    return cases


def _negative_cases() -> list[tuple[str, str, Example]]:
    """(case id, rule name or "" for a veto, example)."""
    cases = [
        (f"{rule.name}:{i}", rule.name, example)
        for rule in RULES.rules
        for i, example in enumerate(rule.negatives)
    ]
    cases += [
        (f"veto-{veto.name}:{i}", "", example)
        for veto in RULES.vetoes
        for i, example in enumerate(veto.examples)
    ]
    return cases


NOTHING = list(RULES.nothing)
POSITIVE = _positive_cases()
NEGATIVE = _negative_cases()


def _find(example: Example):
    config = Config(mode=example.mode, day_first=example.day_first)  # type: ignore[arg-type]
    return find_times(example.text, EXAMPLE_ANCHOR, config=config)


@pytest.mark.parametrize(("name", "example"), POSITIVE, ids=[name for name, _ in POSITIVE])
def test_positive_example(name: str, example: Example) -> None:
    found = _find(example)
    spans = [(e.start, e.end, e.text, e.value, e.mod) for e in found]
    match = [e for e in found if (e.start, e.end) == (example.start, example.end)]
    assert match, f"{example.text!r}: expected [{example.text[example.start : example.end]}], found {spans}"
    assert match[0].value == example.value, spans
    if example.type:
        assert match[0].type == example.type
    if example.mod:
        assert match[0].mod == example.mod


@pytest.mark.parametrize(("name", "rule", "example"), NEGATIVE, ids=[name for name, _, _ in NEGATIVE])
def test_negative_example(name: str, rule: str, example: Example) -> None:
    """A rule's negative: that rule finds nothing there. A veto's: nothing at all overlaps the marked words."""
    found = [e for e in _find(example) if not rule or e.rule == rule]
    overlapping = [e.text for e in found if e.start < example.end and example.start < e.end]
    assert overlapping == [], f"{example.text!r} should hold no time there, found {overlapping}"


@pytest.mark.parametrize("text", NOTHING)
def test_negative_corpus(text: str) -> None:
    assert [e.text for e in find_times(text, EXAMPLE_ANCHOR)] == []


def test_corpus_is_large_enough() -> None:
    assert len(POSITIVE) >= 400
    assert len(NEGATIVE) + len(NOTHING) >= 60


def test_every_rule_runs_only_near_its_trigger_words() -> None:
    """A rule without trigger words would scan every character of every text: declare ``triggers`` for it."""
    assert [rule.name for rule in RULES.rules if rule.trigger is None] == []


@pytest.mark.parametrize(
    ("pattern", "groups", "requirement", "margins"),
    [
        # "on" and a run of spaces may precede the month: 2 + LONGEST_RUN = 10, rounded up to the step 24; from the
        # month's start to the end: 3 + 8 + 2 = 13, rounded up to 16.
        (r"(?:on\s+)?(?P<month>jan|feb)\s+(?P<day>\d{1,2})", (("month", "month"),), {"month"}, (24, 16)),
        # Digits spelled out in the pattern open it: no text before the trigger, 4 characters from it.
        (r"(?P<year>1[0-9]\d{2}|20\d{2})", (), {"digits"}, (0, 16)),
        # Any unbounded repeat counts LONGEST_RUN characters: 8 letters and 8 spaces before the month (16, 3).
        (r"[a-z]+\s+(?P<month>jan|feb)", (("month", "month"),), {"month"}, (24, 16)),
        (r"[a-z]+\s+[a-z]+\s+(?P<month>jan|feb)", (("month", "month"),), {"month"}, (48, 16)),
        # Past the last step: the widest margins.
        (r"(?:\w+\s+){9}\w+\s+(?P<month>jan|feb)", (("month", "month"),), {"month"}, (48, 16)),
        (r"(?P<month>jan|feb)(?:\s+\w+){9}", (("month", "month"),), {"month"}, (0, 64)),
        # Branches: the widest of any branch.
        (r"(?:the\s+|)(?P<season>summer|winter)", (("season", "season"),), {"season"}, (24, 16)),
        (r"(?:(?P<season>summer|winter)\s+of\s+\d{4}|mid-(?P<season2>summer))", (("season", "season"),
          ("season2", "season")), {"season"}, (24, 32)),
    ],
)
def test_reach_bounds_how_far_a_match_extends_around_its_trigger(pattern, groups, requirement, margins) -> None:
    from timeline.temporal.triggers import reach

    assert reach(pattern, groups, frozenset(requirement)) == margins
