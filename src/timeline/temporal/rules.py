"""Recognition rules: small named records kept as data, validated when they load.

A rule file (``rules/*.toml``, apart from the word tables) holds ``[[rule]]`` records::

    [[rule]]
    name = "month_day_year"            # unique across all files
    type = "DATE"                      # TIMEX3 type
    build = "calendar"                 # the builder that turns the groups into a Mention (builders.py)
    pattern = "{month} {day},? {year}" # a regex; {table} and {table:group} expand to named groups
    params = { grain = "day" }         # optional, passed to the builder
    mod = "START"                      # optional TIMEX3 mod
    modes = ["narrative"]              # optional: the modes the rule runs in (default: all)
    triggers = ["noon", "{digits}"]    # optional: words (or {tables}) one of which every match holds; by default
                                       # derived from the pattern's required macros (triggers.py)
    triggers = ["noon", "{digits}"]    # optional: words (or {tables}) one of which every match holds; by default
                                       # derived from the pattern's required macros (triggers.py)
    settings = ["day_first"]           # optional: run only with these settings (day_first or month_first)
    examples = [["on [June 20, 2014]", "2014-06-20"]]
    negatives = ["Jun 2014 was hot"]   # strings in which the rule must not fire ([...] limits the check)

Examples run against one fixed anchor, Monday 2014-07-14 (``EXAMPLE_ANCHOR``). The bracketed part of an example is
the exact expected span; an optional third element sets ``type``, ``mod`` or ``mode``. A pattern may name a
group ``expr``: the expression is then that group and the rest of the match is context (``on`` in ``on Sunday``).

A file may also list ``nothing = [...]``: texts in which no time expression at all may be found (the negative
corpus, run as tests).

``[[veto]]`` records name patterns that are not times although rules would take them ("one day we will"):
whatever a veto's ``expr`` group covers is dropped.
"""

from __future__ import annotations

import os
import re
from functools import cache

from ..config import MODES
from ..errors import RuleError
from ..model import TIME_TYPES
from .buildcache import build_cache, compile_pattern
from .namedtuples import NamedTuple
from .triggers import (
    DIGITS,
    MARGIN_AFTER,
    MARGIN_BEFORE,
    WORD_PREFIX,
    literal_factors,
    opening_tables,
    reach,
    remember_words,
    required_tables,
    token_regex,
    trigger_words,
    widest,
)
from .vocabulary import RULES_FOLDER, VOCABULARY_FILE, count_pattern, parse_toml, read_rule_file, vocabulary

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

EXAMPLE_ANCHOR = "2014-07-14"
NON_RULE_FILES = frozenset({VOCABULARY_FILE, "tense.toml", "modifiers.toml"})

# Macros that are not word tables: their regex and the group they create.
_SPECIAL_MACROS: dict[str, str] = {
    "year": r"[12]\d{3}",
    "bc_year": r"\d{1,4}",
    "year2": r"\d{2}",
    "decade_year": r"[12]\d{2}0",
    "hour": r"2[0-3]|[01]?\d",
    "minute": r"[0-5]\d",
    "second": r"[0-5]\d",
    "month_number": r"1[0-2]|0?[1-9]",
    "day_digits": r"3[01]|[12]\d|0?[1-9]",
}
_MACRO = compile_pattern(r"\{(?P<table>[a-z_]+)(?::(?P<group>[a-z_0-9]+))?\}")
LEFT_BOUNDARY = r"(?<![\w$£€¥@#/&])(?<!\d[.,:])"
RIGHT_BOUNDARY = r"(?!\w|%|°|[.,:/]\d)"
_BRACKETS = compile_pattern(r"\[(?P<inside>[^\[\]]*)\]")


class Example(NamedTuple):
    text: str  # brackets removed
    start: int
    end: int
    value: str | None = None
    type: str | None = None
    mod: str | None = None
    mode: str = "news"
    day_first: bool = False


class Rule(NamedTuple):
    name: str
    file: str
    type: str
    build: str
    pattern: str
    regex: re.Pattern[str]
    params: dict[str, Any]
    mod: str | None = None
    modes: tuple[str, ...] = MODES
    priority: int = 0
    settings: tuple[str, ...] = ()
    trigger: frozenset[str] | None = None  # tables one of whose words every match holds (triggers.py)
    examples: tuple[Example, ...] = ()
    negatives: tuple[Example, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (group, table) of each macro
    # How far a match reaches before and after its trigger word, at most (triggers.reach).
    margins: tuple[int, int] = (MARGIN_BEFORE, MARGIN_AFTER)
    # Strings one of which every match holds, in lower case (triggers.literal_factors); None: no such check.
    factors: frozenset[str] | None = None
    # What every match opens with, tables, literal words, digits or marks (triggers.opening_tables): the rule is
    # tried there only.
    openers: frozenset[str] | None = None
    # The (group, table) pairs whose tables want some words capitalized ("May" the month, not "may" the verb).
    capitalized: tuple[tuple[str, str], ...] = ()
    # Every opener is a trigger word itself: the rule is tried at each, with no trigger to look for after it.
    opens_at_trigger: bool = False


class Veto(NamedTuple):
    name: str
    file: str
    regex: re.Pattern[str]
    examples: tuple[Example, ...] = ()
    trigger: frozenset[str] | None = None
    factors: frozenset[str] | None = None  # as for rules: strings one of which every match holds
    margins: tuple[int, int] = (MARGIN_BEFORE, MARGIN_AFTER)  # as for rules: how far a match reaches
    openers: frozenset[str] | None = None  # as for rules: what every match opens with
    width: int | None = None  # the most characters a match holds (triggers.widest); None: no bound


class RuleSet(NamedTuple):
    rules: tuple[Rule, ...]
    vetoes: tuple[Veto, ...]
    nothing: tuple[str, ...] = ()
    trigger_words: frozenset[str] = frozenset()  # every word that triggers some rule or veto (see ``of``)
    # The rules that apply in each mode and date order (see ``for_mode``), chosen once, not for every text.
    by_mode: dict[tuple[str, bool], tuple[Rule, ...]] | None = None

    @classmethod
    def of(cls, rules: tuple[Rule, ...], vetoes: tuple[Veto, ...], nothing: tuple[str, ...] = ()) -> RuleSet:
        words = frozenset().union(*(trigger_words(requirement) for requirement in _requirements_of(rules, vetoes)))
        by_mode = {(mode, first): _applying(rules, mode, first) for mode in MODES for first in (False, True)}
        return cls(rules, vetoes, nothing, words, by_mode)

    def for_mode(self, mode: str, day_first: bool = False) -> tuple[Rule, ...]:
        chosen = self.by_mode.get((mode, day_first)) if self.by_mode else None
        return chosen if chosen is not None else _applying(self.rules, mode, day_first)


def _requirements_of(rules: tuple[Rule, ...], vetoes: tuple[Veto, ...]) -> set[frozenset[str]]:
    """The trigger and opener sets of the rules and vetoes."""
    found = {rule.trigger for rule in rules} | {rule.openers for rule in rules}
    found |= {veto.trigger for veto in vetoes} | {veto.openers for veto in vetoes}
    return {requirement for requirement in found if requirement}


def _applying(rules: tuple[Rule, ...], mode: str, day_first: bool) -> tuple[Rule, ...]:
    setting = "day_first" if day_first else "month_first"
    return tuple(rule for rule in rules if mode in rule.modes and (not rule.settings or setting in rule.settings))


def expand(
    pattern: str, where: str, blurred: frozenset[str] = frozenset()
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Replace {table} and {table:group} macros with named groups; return the regex and (group, table) pairs.
    Tables in ``blurred`` become any word, for analyses that must not count on their words."""
    vocab = vocabulary()
    groups: list[tuple[str, str]] = []

    def substitute(match: re.Match[str]) -> str:
        table, group = match.group("table"), match.group("group") or match.group("table")
        if table in blurred:
            body = r"\w+"
        elif table == "count":
            body = count_pattern()
        elif table in _SPECIAL_MACROS:
            body = _SPECIAL_MACROS[table]
        elif table in vocab:
            body = vocab[table].pattern()
        else:
            raise RuleError(f"{where}: unknown macro {{{table}}}")
        if any(group == seen for seen, _ in groups):
            raise RuleError(f"{where}: group {group!r} used twice; name the second one {{{table}:other}}")
        groups.append((group, table))
        return f"(?P<{group}>{body})"

    return _MACRO.sub(substitute, pattern), tuple(groups)


def _skeleton(pattern: str) -> str:
    """The pattern with each macro as a one-letter group: the same structure, cheap to analyse."""
    return _MACRO.sub(lambda found: f"(?P<{found.group('group') or found.group('table')}>_)", pattern)


def _parse_example(raw: Any, where: str, negative: bool = False) -> Example:
    return Example(*_example_fields(raw, where, negative))


def _example_fields(raw: Any, where: str, negative: bool) -> tuple[Any, ...]:
    """An example's fields, in the order of Example's, checked; RuleError naming the rule when malformed."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not isinstance(raw[0], str):
        raise RuleError(f"{where}: an example is a string or [text, value, {{options}}], not {raw!r}")
    marked = raw[0]
    brackets = list(_BRACKETS.finditer(marked))
    if len(brackets) > 1:
        raise RuleError(f"{where}: example {marked!r} marks more than one span")
    if brackets:
        found = brackets[0]
        text = marked[: found.start()] + found.group("inside") + marked[found.end() :]
        start, end = found.start(), found.start() + len(found.group("inside"))
    elif negative:
        text, start, end = marked, 0, len(marked)
    else:
        raise RuleError(f"{where}: example {marked!r} does not mark its expression with [brackets]")
    value = raw[1] if len(raw) > 1 else None
    options = raw[2] if len(raw) > 2 else {}
    if not negative and not isinstance(value, str):
        raise RuleError(f"{where}: example {marked!r} has no expected value")
    return (
        text,
        start,
        end,
        value,
        options.get("type"),
        options.get("mod"),
        options.get("mode", "news"),
        bool(options.get("day_first", False)),
    )


def _compile(pattern: str, where: str) -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    body, groups = expand(pattern, where)
    return _compile_body(body, where), groups


def _compile_body(body: str, where: str) -> re.Pattern[str]:
    try:
        regex = compile_pattern(lowered_pattern(LEFT_BOUNDARY + "(?:" + body + ")" + RIGHT_BOUNDARY, where))
    except re.error as error:
        raise RuleError(f"{where}: bad pattern ({error})") from None
    if regex.match("") is not None:
        raise RuleError(f"{where}: pattern matches the empty string")
    return regex


def lowered_pattern(pattern: str, where: str) -> str:
    """A case-insensitive pattern as a case-sensitive one for the lower-cased text (``TokenIndex.lowered``, offset
    for offset the text): its letters in lower case, escapes and group names kept. The regex engine matches it
    up to twice as fast as it matches the pattern with IGNORECASE, which folds every character it compares.

    Rules and vetoes are matched this way; their groups are read from the text itself, in its own case."""
    mixed_range = any(_MIXED_RANGE.search(_ESCAPE.sub("", found.group())) for found in _CLASS.finditer(pattern))
    if mixed_range or _CASE_SENSITIVE_PARTS.search(pattern):
        raise RuleError(
            f"{where}: patterns ignore case: inline flags, characters given by code and ranges such as [A-z] "
            "are not supported"
        )
    lowered = []
    position = 0
    for kept in _KEPT_AS_WRITTEN.finditer(pattern):
        lowered.append(pattern[position : kept.start()].lower())
        lowered.append(kept.group())
        position = kept.end()
    lowered.append(pattern[position:].lower())
    return "".join(lowered)


# What lower-casing would change the meaning of: "\\S" is not "\\s", nor a group's name another name.
_KEPT_AS_WRITTEN = compile_pattern(r"\\.|\(\?P[<=][^>)]*[>)]", re.DOTALL)
# What a lower-cased copy cannot express: inline flags ("(?-i:May)"), characters given by code or name, and
# ranges in a character class that would take in other characters once lower-cased ("[A-z]").
_CASE_SENSITIVE_PARTS = compile_pattern(r"\(\?[aiLmsux-]+[:)]|\\[NxuU0-7]")
_CLASS = compile_pattern(r"\[\^?\]?(?:\\.|[^\]\\])*\]")
_ESCAPE = compile_pattern(r"\\.")
_MIXED_RANGE = compile_pattern(r"[A-Z]-[^A-Z\]]|[^A-Z\[]-[A-Z]")


def _load_rule(raw: dict[str, Any], file: str, builders: frozenset[str]) -> Rule:
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise RuleError(f"{file}: a rule has no name")
    where = f"{file}: rule {name!r}"
    unknown = set(raw) - {
        "name",
        "type",
        "build",
        "pattern",
        "params",
        "mod",
        "modes",
        "priority",
        "examples",
        "negatives",
        "note",
        "settings",
        "triggers",
    }
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    if raw.get("type") not in TIME_TYPES:
        raise RuleError(f"{where}: type must be one of {', '.join(TIME_TYPES)}")
    if raw.get("build") not in builders:
        raise RuleError(f"{where}: unknown builder {raw.get('build')!r}")
    if not isinstance(raw.get("pattern"), str):
        raise RuleError(f"{where}: no pattern")
    settings = tuple(raw.get("settings", ()))
    if not set(settings) <= {"day_first", "month_first"}:
        raise RuleError(f"{where}: settings must be among day_first, month_first")
    modes = tuple(raw.get("modes", MODES))
    if not set(modes) <= set(MODES):
        raise RuleError(f"{where}: modes must be among {', '.join(MODES)}")
    body, groups = expand(raw["pattern"], where)
    regex = _compile_body(body, where)
    examples = tuple(_parse_example(item, where) for item in raw.get("examples", ()))
    if not examples:
        raise RuleError(f"{where}: a rule needs at least one example")
    trigger = _declared_triggers(raw.get("triggers"), where) or required_tables(_skeleton(raw["pattern"]), groups)
    margins = reach(regex.pattern, groups, trigger)
    openers = opening_tables(_skeleton(raw["pattern"]), groups) if trigger is not None else None
    if openers is None and trigger is not None and margins[0] == 0:
        openers = trigger  # no match starts before its trigger word
    return Rule(
        name=name,
        file=file,
        type=raw["type"],
        build=raw["build"],
        pattern=raw["pattern"],
        regex=regex,
        params=dict(raw.get("params", {})),
        mod=raw.get("mod"),
        modes=modes,
        priority=int(raw.get("priority", 0)),
        settings=settings,
        trigger=trigger,
        examples=examples,
        negatives=tuple(_parse_example(item, where, negative=True) for item in raw.get("negatives", ())),
        groups=groups,
        margins=margins,
        factors=_factors_beyond_trigger(raw["pattern"], trigger, where),
        openers=openers,
        capitalized=_capitalized(groups),
        opens_at_trigger=openers is not None and trigger is not None and openers <= trigger,
    )


def _capitalized(groups: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    tables = vocabulary()
    return tuple((group, table) for group, table in groups if table in tables and tables[table].capitalized)


def _factors_beyond_trigger(pattern: str, trigger: frozenset[str] | None, where: str) -> frozenset[str] | None:
    """The rule's literal factors, not counting its trigger words: every window it searches holds those."""
    blurred = frozenset(table for table in trigger or () if not table.startswith(WORD_PREFIX))
    body, _ = expand(pattern, where, blurred)
    return literal_factors(body, digits=DIGITS not in blurred)


def _declared_triggers(raw: Any, where: str) -> frozenset[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw or not all(isinstance(word, str) and word for word in raw):
        raise RuleError(f"{where}: triggers is a list of words or {{table}} names")
    tables = vocabulary()
    declared = set()
    for word in raw:
        if word.startswith("{") and word.endswith("}"):
            table = word[1:-1]
            if table != DIGITS and table not in tables:
                raise RuleError(f"{where}: trigger {word} names no table")
            declared.add(table)
        else:
            declared.add(WORD_PREFIX + word.lower())
    return frozenset(declared)


def _load_veto(raw: dict[str, Any], file: str) -> Veto:
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise RuleError(f"{file}: a veto has no name")
    where = f"{file}: veto {name!r}"
    if not isinstance(raw.get("pattern"), str):
        raise RuleError(f"{where}: no pattern")
    regex, groups = _compile(raw["pattern"], where)
    if "expr" not in regex.groupindex:
        raise RuleError(f"{where}: a veto names the vetoed words with a group (?P<expr>...)")
    examples = tuple(_parse_example(item, where, negative=True) for item in raw.get("examples", ()))
    if not examples:
        raise RuleError(f"{where}: a veto needs at least one example")
    trigger = _declared_triggers(raw.get("triggers"), where)
    factors = _factors_beyond_trigger(raw["pattern"], trigger, where)
    margins = reach(regex.pattern, (), trigger)
    return Veto(
        name=name,
        file=file,
        regex=regex,
        examples=examples,
        trigger=trigger,
        factors=factors,
        margins=margins,
        openers=opening_tables(_skeleton(raw["pattern"]), groups),
        width=widest(regex.pattern),
    )


def rule_files() -> list[str]:
    return sorted(name for name in os.listdir(RULES_FOLDER) if name.endswith(".toml") and name not in NON_RULE_FILES)


@cache
def load_rules() -> RuleSet:
    """Load, compile and validate every rule file; raise RuleError naming the file and rule at fault.

    What the files make is kept in the build cache under their texts (and the word tables'), as plain records
    whose patterns a later process only compiles: the analyses and the checks ran when the texts were first seen.
    """
    sources = tuple((file, read_rule_file(file)) for file in rule_files())
    key = (*sources, (VOCABULARY_FILE, read_rule_file(VOCABULARY_FILE)))
    records = build_cache().memo("rule set", key, lambda: _records(_read_rule_files(sources)))
    ruleset = _from_records(records)
    # Compiled now, not on first use, so that the build cache keeps it for the next process.
    token_regex(ruleset.trigger_words)
    build_cache().save()
    return ruleset


def _read_rule_files(sources: tuple[tuple[str, str], ...]) -> RuleSet:
    """The rules, vetoes and negative texts of the rule files, given as (file name, text)."""
    from .builders import BUILDERS

    builders = frozenset(BUILDERS)
    rules: list[Rule] = []
    vetoes: list[Veto] = []
    nothing: list[str] = []
    seen: dict[str, str] = {}
    for file, text in sources:
        data = parse_toml(file, text)  # not kept apart in the build cache: the rule set is
        unknown = set(data) - {"rule", "veto", "nothing"}
        if unknown:
            raise RuleError(f"{file}: unknown sections {sorted(unknown)}")
        for raw in data.get("rule", ()):
            rule = _load_rule(raw, file, builders)
            if rule.name in seen:
                raise RuleError(f"{file}: rule {rule.name!r} is already defined in {seen[rule.name]}")
            seen[rule.name] = file
            rules.append(rule)
        for raw in data.get("veto", ()):
            veto = _load_veto(raw, file)
            if veto.name in seen:
                raise RuleError(f"{file}: veto {veto.name!r} is already defined in {seen[veto.name]}")
            seen[veto.name] = file
            vetoes.append(veto)
        texts = data.get("nothing", [])
        if not all(isinstance(text, str) and text.strip() for text in texts):
            raise RuleError(f"{file}: 'nothing' lists non-empty strings")
        nothing.extend(texts)
    return RuleSet.of(tuple(rules), tuple(vetoes), tuple(nothing))


if TYPE_CHECKING:
    # Rules and vetoes as marshal writes them: plain tuples, each regex as its (lower-cased) pattern.
    # ... and the words of each trigger and opener set: (requirement, words) as sorted tuples.
    _Records = tuple[
        tuple[tuple[Any, ...], ...],
        tuple[tuple[Any, ...], ...],
        tuple[str, ...],
        tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    ]
_EXAMPLE_FIELDS = frozenset({"examples", "negatives"})


def _records(ruleset: RuleSet) -> _Records:
    def plain(record: Rule | Veto) -> tuple[Any, ...]:
        values = record._asdict()
        values["regex"] = record.regex.pattern
        for name in _EXAMPLE_FIELDS.intersection(values):
            values[name] = tuple(map(tuple, values[name]))
        return tuple(values.values())

    # The words of every trigger and opener set, as the index and the rules will ask for them.
    known = tuple(
        (tuple(sorted(requirement)), tuple(sorted(trigger_words(requirement))))
        for requirement in sorted(_requirements_of(ruleset.rules, ruleset.vetoes), key=sorted)
    )
    return tuple(map(plain, ruleset.rules)), tuple(map(plain, ruleset.vetoes)), ruleset.nothing, known


def _from_records(records: _Records) -> RuleSet:
    def made(kind: type[Rule] | type[Veto], plain: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
        # By position and through _make (which checks the length), not by keyword: every process does this for
        # each rule and example, and the records hold every field in order (_records, under this module's key).
        regex = kind._fields.index("regex")
        examples = [index for index, name in enumerate(kind._fields) if name in _EXAMPLE_FIELDS]
        records = []
        for fields in plain:
            values = list(fields)
            values[regex] = compile_pattern(values[regex])
            for index in examples:
                values[index] = tuple(map(Example._make, values[index]))
            records.append(kind._make(values))
        return tuple(records)

    rules, vetoes, nothing, known = records
    remember_words(known)
    return RuleSet.of(made(Rule, rules), made(Veto, vetoes), nothing)
