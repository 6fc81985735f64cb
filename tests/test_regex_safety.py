"""No regular expression in the package can backtrack catastrophically: no nested quantifiers that can match
the same text in many ways.

Every compiled pattern at module level in ``timeline`` (outside the corpus package, which has its own author)
and every temporal rule and veto is parsed with the ``re`` module's own parser. A repeat inside another repeat
is refused when the outer one is unbounded and the inner one has a variable length (``(\\w+\\s?)*``), or when
the outer one is bounded but the inner one unbounded and nothing fixed starts each round (``(\\d+){1,3}``, where
``(\\.\\d+){1,3}`` is fine: each round starts with a dot the digits cannot take). Exact counts (``\\d{3}``) are
not quantifiers in this sense.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import timeline
from timeline.temporal.rules import load_rules

try:
    import re._constants as constants
    import re._parser as parser
except ImportError:  # Python < 3.11
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

_REPEATS = {constants.MAX_REPEAT, constants.MIN_REPEAT} | (
    {constants.POSSESSIVE_REPEAT} if hasattr(constants, "POSSESSIVE_REPEAT") else set()
)
_UNBOUNDED = constants.MAXREPEAT


def nested_quantifiers(pattern: str, flags: int = 0) -> list[str]:
    """Descriptions of the dangerous nested repeats in ``pattern`` (empty when there is none)."""
    found: list[str] = []

    def starts_fixed(items: list) -> bool:
        return bool(items) and items[0][0] in (constants.LITERAL, constants.NOT_LITERAL, constants.AT)

    def walk(items: list, enclosing: list[tuple[int, bool]]) -> None:
        for op, argument in items:
            if op in _REPEATS:
                low, high, body = argument
                variable = low != high
                for outer_high, outer_fixed_start in enclosing:
                    if variable and outer_high == _UNBOUNDED:
                        found.append(f"variable repeat {{{low},{high}}} inside an unbounded one")
                    elif high == _UNBOUNDED and not outer_fixed_start:
                        found.append(f"unbounded repeat inside {{..,{outer_high}}} with no fixed start")
                if high > 1 and variable:
                    walk(list(body), [*enclosing, (high, starts_fixed(list(body)))])
                else:
                    walk(list(body), enclosing)
            elif op == constants.SUBPATTERN:
                walk(list(argument[-1]), enclosing)
            elif op == constants.BRANCH:
                for branch in argument[1]:
                    walk(list(branch), enclosing)
            elif op in (constants.ASSERT, constants.ASSERT_NOT):
                walk(list(argument[1]), enclosing)
            elif op == constants.GROUPREF_EXISTS:
                walk(list(argument[1]), enclosing)
                if argument[2]:
                    walk(list(argument[2]), enclosing)
            elif hasattr(constants, "ATOMIC_GROUP") and op == constants.ATOMIC_GROUP:
                walk(list(argument), enclosing)

    walk(list(parser.parse(pattern, flags)), [])
    return found


def _module_patterns() -> dict[str, re.Pattern]:
    patterns: dict[str, re.Pattern] = {}
    for module in pkgutil.walk_packages(timeline.__path__, "timeline."):
        if module.name.startswith("timeline.corpus") or module.name.endswith("__main__"):
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, re.Pattern):
                patterns[f"{module.name}.{name}"] = value
    rules = load_rules()
    patterns.update({f"rule {rule.file}:{rule.name}": rule.regex for rule in rules.rules})
    patterns.update({f"veto {veto.file}:{veto.name}": veto.regex for veto in rules.vetoes})
    return patterns


PATTERNS = _module_patterns()


def _source(pattern: re.Pattern) -> tuple[str, int]:
    if isinstance(pattern.pattern, bytes):
        return pattern.pattern.decode("latin-1"), pattern.flags & ~re.UNICODE & ~re.ASCII
    return pattern.pattern, pattern.flags


def test_the_patterns_are_found():
    assert len(PATTERNS) > 100
    assert "timeline.htmlclean._HIDING_STYLE" in PATTERNS and "timeline.safety._UNSAFE" in PATTERNS


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_nested_quantifiers(name):
    assert nested_quantifiers(*_source(PATTERNS[name])) == []


@pytest.mark.parametrize(
    ("pattern", "dangerous"),
    [
        (r"(\w+\s?)*$", True),
        (r"(a+)+b", True),
        (r"(?:\d+){1,3}", True),
        (r"(?:\s*\w+)*", True),
        (r"\d{1,3}(?:,\d{3})+", False),
        (r"\d+(?:\.\d+){1,3}", False),
        (r"(?:ab)+c", False),
        (r"[^\w.\-]+", False),
        (r"(?:\s{0,8}x){0,5}", False),
    ],
)
def test_the_checker_itself(pattern, dangerous):
    assert bool(nested_quantifiers(pattern)) is dangerous
