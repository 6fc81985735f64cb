"""Recognition: rules over the untouched text, to a set of non-overlapping underspecified mentions.

Every rule is tried where its matches can open (triggers.py), in the lower-cased copy of the text, at the same
offsets; vetoes remove what is not a time; the longest candidates win overlaps; modifiers ("early", "about")
widen what they precede; coordinated days ("June 20 and 28") become mentions of their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..errors import RuleError
from .buildcache import build_cache, compile_pattern
from .builders import BUILDERS, KINDS, Match
from .mention import Mention, MentionStart
from .namedtuples import NamedTuple
from .rules import Rule, RuleSet, Veto, load_rules
from .triggers import TokenIndex, around
from .vocabulary import load_toml, vocabulary

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

MODIFIER_WINDOW = 40


class Modifier(NamedTuple):
    name: str
    mod: str
    types: frozenset[str]
    regex: re.Pattern[str]
    not_before: frozenset[str]
    examples: tuple[Any, ...]
    # How each of its phrases ends: its last word's letters ("ca" for "ca.", "mid"), or its last two words'
    # ("end of" for "the end of"): most words before an expression ("in", "of") end no modifier but as part of one.
    endings: frozenset[str]


@cache
def load_modifiers() -> tuple[Modifier, ...]:
    file = "modifiers.toml"
    modifiers = []
    for raw in load_toml(file).get("modifier", ()):
        name = raw.get("name", "")
        words = raw.get("words") or []
        if not name or not words or not raw.get("mod") or not raw.get("examples"):
            raise RuleError(f"{file}: modifier {name!r} needs a name, words, a mod and examples")
        alternatives = "|".join(
            re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True)
        )
        regex = compile_pattern(rf"(?<![\w-])(?:{alternatives})(?:\s+|-)$", re.IGNORECASE)
        modifiers.append(
            Modifier(
                name=name,
                mod=raw["mod"],
                types=frozenset(raw.get("types", ())),
                regex=regex,
                not_before=frozenset(raw.get("not_before", ())),
                examples=tuple(raw["examples"]),
                endings=frozenset(_ending(word.split()) for word in words),
            )
        )
    build_cache().save()
    return tuple(modifiers)


def _last_letters(words: str) -> str:
    """The run of letters that ends some words, dots after it left out, in lower case."""
    if words.isalpha():  # most words before an expression: no pattern needed
        return words.lower()
    found = _TRAILING_LETTERS.search(words.rstrip().rstrip("."))
    return found.group().lower() if found else ""


def _ending(words: list[str]) -> str:
    """The letters of the last word, after those of the word before it when there are two or more."""
    return " ".join(_last_letters(word) for word in words[-2:])


class Endings(NamedTuple):
    """How the modifiers' phrases end: in one word ("about"), or in two ("end of"), by their last word."""

    words: frozenset[str]
    pairs: dict[str, frozenset[str]]  # last word -> the words before it ("of" -> "end", "beginning"...)

    def end(self, words: list[str]) -> bool:
        """Whether the words (the last two before an expression) end some modifier's phrase."""
        last = _last_letters(words[-1]) if words else ""
        if last in self.words:
            return True
        before = self.pairs.get(last)
        return before is not None and len(words) == 2 and _last_letters(words[0]) in before


@cache
def _modifier_endings() -> Endings:
    endings = frozenset().union(*(modifier.endings for modifier in load_modifiers()))
    pairs: dict[str, set[str]] = {}
    for ending in endings:
        if " " in ending:
            before, last = ending.split(" ")
            pairs.setdefault(last, set()).add(before)
    singles = frozenset(ending for ending in endings if " " not in ending)
    return Endings(singles, {last: frozenset(before) for last, before in pairs.items()})


_TRAILING_LETTERS = compile_pattern(r"[^\W\d_]+$")


def recognize(text: str, mode: str, day_first: bool = False, rules: RuleSet | None = None) -> list[Mention]:
    """All time mentions of ``text`` in reading order, as underspecified mentions."""
    rules = rules or load_rules()
    index = TokenIndex(text, rules.trigger_words)
    candidates = [mention for rule in rules.for_mode(mode, day_first) for mention in _scan(rule, text, index)]
    vetoed = [_vetoed_span(found) for found in _veto_matches(rules.vetoes, text, candidates, index)]
    # A veto removes what lies wholly inside it: "2014 shells" is a count, "July 13, 2014" is still a date.
    starts, reach = _sorted_reach(vetoed)
    candidates = [c for c in candidates if not _inside_any(c, starts, reach)]
    chosen = _select(candidates, text)
    chosen = [_widen(mention, text) for mention in chosen]
    extra = [mention for coordinate in _COORDINATORS for mention in coordinate(chosen, text)]
    return sorted(chosen + extra, key=lambda m: m.start)


def _veto_matches(
    vetoes: tuple[Veto, ...], text: str, candidates: list[Candidate], index: TokenIndex
) -> Iterator[re.Match[str]]:
    """The matches of the vetoes where they may hold a candidate: a veto with openers is tried at those that a
    candidate follows within the veto's width; any other searches the text around the candidates, near its own
    trigger words."""
    starts = sorted({candidate.start for candidate in candidates})
    near_candidates: list[tuple[int, int]] | None = None
    for veto in vetoes:
        if veto.openers is not None and veto.width is not None:
            yield from _tried_at(veto.regex, index.lowered, _near(index.starts_for(veto.openers), starts, veto.width))
            continue
        if near_candidates is None:
            near_candidates = around(text, sorted((c.start, c.end) for c in candidates))
        for low, high in _veto_windows(veto, near_candidates, index):
            yield from veto.regex.finditer(index.lowered, low, high)


def _veto_windows(veto: Veto, near_candidates: list[tuple[int, int]], index: TokenIndex) -> list[tuple[int, int]]:
    windows = _overlap(near_candidates, index.windows_for(veto.trigger, veto.margins) if veto.trigger else None)
    return _holding(windows, veto.factors, index.lowered) if veto.factors is not None else windows


def _inside_any(mention: Candidate, starts: list[int], reach: list[int]) -> bool:
    """Whether some span holds the whole mention: the furthest end among spans starting at or before it."""
    index = bisect.bisect_right(starts, mention.start)
    return index > 0 and reach[index - 1] >= mention.end


def _sorted_reach(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Span starts in order, with the furthest end reached by any span starting at or before each."""
    ordered = sorted(spans)
    reach, furthest = [], -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [start for start, _ in ordered], reach


def _overlap(windows: list[tuple[int, int]], others: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The stretches two sorted lists of windows share (all of ``windows`` when ``others`` is None)."""
    if others is None:
        return windows
    shared, i, j = [], 0, 0
    while i < len(windows) and j < len(others):
        low, high = max(windows[i][0], others[j][0]), min(windows[i][1], others[j][1])
        if low < high:
            shared.append((low, high))
        if windows[i][1] < others[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _vetoed_span(found: re.Match[str]) -> tuple[int, int]:
    group = "expr" if found.group("expr") is not None else "expr2"
    return found.span(group)


def _matches(rule: Rule, index: TokenIndex) -> Iterable[re.Match[str]]:
    """The rule's matches in the lower-cased text (its patterns are lower-cased: rules.lowered_pattern)."""
    lowered = index.lowered
    if rule.opens_at_trigger:
        return _tried_at(rule.regex, lowered, index.starts_for(rule.openers))  # type: ignore[arg-type]
    if rule.openers is not None and rule.trigger is not None:
        # The trigger words first: a text without them needs no list of the openers (often common words), and
        # the rule is tried only at openers that one follows within the rule's lead ("the" is everywhere; "the
        # following year" needs "year" close after it).
        triggers = index.starts_for(rule.trigger)
        if not triggers:
            return ()
        return _tried_at(rule.regex, lowered, _near(index.starts_for(rule.openers), triggers, rule.margins[0]))
    if rule.trigger is None:
        return rule.regex.finditer(lowered)
    windows = index.windows_for(rule.trigger, rule.margins)
    if rule.factors is not None:
        windows = _holding(windows, rule.factors, lowered)
    return [found for low, high in windows for found in rule.regex.finditer(lowered, low, high)]


def _holding(windows: list[tuple[int, int]], factors: frozenset[str], lowered: str) -> list[tuple[int, int]]:
    """The windows that hold one of the strings every match holds: in the others the rule cannot match."""
    search = _factor_regex(factors).search
    return [(low, high) for low, high in windows if search(lowered, low, high)]


@cache
def _factor_regex(factors: frozenset[str]) -> re.Pattern[str]:
    """Any of the strings, as they are (the text searched is lower-cased): one search per window, not one each."""
    # Longest first, then alphabetical: the same pattern in every process, so the build cache knows it.
    ordered = sorted(factors, key=lambda factor: (-len(factor), factor))
    return compile_pattern("|".join(re.escape(factor) for factor in ordered))


def _tried_at(regex: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """The matches of ``regex`` that start at ``starts`` (in order), as a scan of the whole text would find
    them: a match hides the starts it covers."""
    match = regex.match
    covered = -1
    found = []
    for start in starts:
        if start >= covered:
            matched = match(text, start)
            if matched:
                covered = matched.end()
                found.append(matched)
    return found


def _near(starts: list[int], triggers: list[int], lead: int) -> Iterator[int]:
    """The ``starts`` that some trigger start follows by at most ``lead`` characters, in order: walked from the
    shorter list, as the bisections into the longer one then cost least. A generator: ``_tried_at`` skips the
    starts a match covers, and most rules are tried at a few starts."""
    bisect_left = bisect.bisect_left
    if len(triggers) < len(starts):
        at, count = 0, len(starts)
        for trigger in triggers:
            first = bisect_left(starts, trigger - lead, at)
            at = first if first > at else at
            while at < count and starts[at] <= trigger:
                yield starts[at]
                at += 1
        return
    count = len(triggers)
    for start in starts:
        after = bisect_left(triggers, start)
        if after < count and triggers[after] <= start + lead:
            yield start


class Candidate(NamedTuple):
    """A rule's match, its Mention made only if it wins its span (most candidates lose to a longer reading)."""

    start: int
    end: int
    priority: int
    rule: Rule
    groups: dict[str, str]

    def mention(self, text: str) -> Mention | None:
        """The Mention, or None when its fields name no day of any calendar (June 31)."""
        surface = text[self.start : self.end]
        # A builder reads only the rule and the words, so the same words by the same rule make the same Mention
        # wherever they are: "on Sunday", "last week" and "2014" recur from article to article.
        key = (self.rule.name, surface, tuple(self.groups.items()))
        known = _BUILT.get(key)
        if known is None or known[0] is not self.rule:
            if len(_BUILT) >= MAX_BUILT:
                _BUILT.clear()
            known = _BUILT[key] = (self.rule, self._built(surface))
        built = known[1]
        if built is None:
            return None
        return built if built.start == self.start else built._replace(start=self.start, end=self.end)

    def _built(self, surface: str) -> Mention | None:
        base = MentionStart(
            start=self.start,
            end=self.end,
            rule=self.rule.name,
            type=self.rule.type,
            kind=KINDS[self.rule.build],
            mod=self.rule.mod,
            priority=self.priority,
        )
        built = BUILDERS[self.rule.build](Match.of(self.groups, self.rule.params, surface), base)
        return built if _plausible(built) else None


# The Mentions built for the words of a match (Candidate.mention), kept across texts; forgotten all at once
# when there are this many, so that a long corpus does not make the memo grow without end.
MAX_BUILT = 10_000
_BUILT: dict[tuple[str, str, tuple[tuple[str, str], ...]], tuple[Rule, Mention | None]] = {}


def _scan(rule: Rule, text: str, index: TokenIndex) -> list[Candidate]:
    found = []
    checks = rule.capitalized
    for match in _matches(rule, index):
        # The groups' words in lower case (the match is in the lower-cased text): builders read words through
        # tables that lower-case them anyway. Whether a word is capitalized is read in the text itself.
        groups = {name: value for name, value in match.groupdict().items() if value is not None}
        if checks and not _capitalized_as_wanted(checks, groups, match, text):
            continue
        if "expr" in groups:
            start, end = match.span("expr")
        elif "expr2" in groups:
            start, end = match.span("expr2")
        else:
            start, end = match.span()
        if start != end:
            found.append(Candidate(start, end, rule.priority, rule, groups))
    return found


def _capitalized_as_wanted(
    checks: tuple[tuple[str, str], ...], groups: dict[str, str], match: re.Match[str], text: str
) -> bool:
    """Whether the words of the groups whose tables want capitals are capitalized in the text itself."""
    tables = vocabulary()
    return all(
        tables[table].accepts(text[match.start(group) : match.end(group)]) for group, table in checks if group in groups
    )


def _plausible(mention: Mention) -> bool:
    """Reject field combinations no calendar has (June 31) so that a shorter reading can win."""
    if mention.kind == "fixed" and mention.value is None:
        return False
    if mention.month is not None and mention.day is not None:
        days_in_month = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[mention.month - 1]
        return 1 <= mention.day <= days_in_month
    return True


def _select(candidates: list[Candidate], text: str) -> list[Mention]:
    """Longest first; among equals the rule file's order. A taken character is never taken twice; a candidate
    whose fields name no calendar day takes nothing, so that a shorter reading can win."""
    taken: list[Mention] = []
    order = sorted(
        enumerate(candidates), key=lambda item: (-(item[1].end - item[1].start), -item[1].priority, item[0])
    )
    occupied = bytearray()
    for _, candidate in order:
        start, end = candidate.start, candidate.end
        if len(occupied) < end:
            occupied.extend(b"\0" * (end - len(occupied)))
        if any(occupied[start:end]):
            continue
        mention = candidate.mention(text)
        if mention is None:
            continue
        occupied[start:end] = b"\1" * (end - start)
        taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


def _widen(mention: Mention, text: str) -> Mention:
    if mention.mod is not None:
        return mention
    window = text[max(0, mention.start - MODIFIER_WINDOW) : mention.start]
    # A modifier ends right before the expression, then a hyphen or white space: the word there tells whether
    # any can (most expressions have none).
    before = window[:-1] if window.endswith("-") else window.rstrip()
    if not _modifier_endings().end(before.rsplit(None, 2)[-2:]):
        return mention
    first_word = (
        text[mention.start : mention.end].split(maxsplit=1)[0].lower() if mention.end > mention.start else ""
    )
    for modifier in load_modifiers():
        if mention.type not in modifier.types or first_word in modifier.not_before:
            continue
        found = modifier.regex.search(window)
        if found:
            return mention.with_(start=mention.start - (len(window) - found.start()), mod=modifier.mod)
    return mention


_CONTINUATION = compile_pattern(
    r"(?P<link>\s*(?:,\s*|and\s+|or\s+|to\s+|through\s+|until\s+|till\s+|-|–|—)\s*)"
    r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%°]|[.,:/]\d)"
)
_FOLLOWERS = compile_pattern(r"\s+(?P<word>[a-z]+)")
_FUNCTION_WORDS = frozenset(
    [
        "at",
        "in",
        "on",
        "when",
        "as",
        "and",
        "or",
        "the",
        "after",
        "before",
        "respectively",
        "to",
        "with",
        "while",
        "where",
        "during",
        "that",
        "this",
        "against",
        "by",
        "from",
        "for",
        "of",
    ]
)


def _coordinated_days(chosen: list[Mention], text: str) -> list[Mention]:
    """ "June 20 and 28", "July 3-5": a bare day number after a month-day date is a date of its own."""
    extra: list[Mention] = []
    starts = {m.start for m in chosen}
    for mention in chosen:
        if mention.kind != "calendar" or mention.day is None or mention.month is None:
            continue
        found = _CONTINUATION.match(text, mention.end)
        if not found or found.start("day") in starts or not _ends_clause(text, found.end()):
            continue
        day = int(found.group("day"))
        if day <= mention.day:
            continue
        extra.append(
            mention.with_(
                start=found.start("day"), end=found.end(), day=day, rule="coordinated_day", mod=None
            )
        )
    return extra


def _ends_clause(text: str, position: int) -> bool:
    """A day number is a date only if no noun follows it ("June 20 and 28 people" is a count)."""
    follower = _FOLLOWERS.match(text, position)
    return follower is None or follower.group("word") in _FUNCTION_WORDS


_SHORT_YEAR_END = compile_pattern(r"\s*[-–/]\s*(?P<short>\d{2})(?![\w%°]|[.,:/]\d)")
_RANGE_START = compile_pattern(r"(?<![\w.,])(?P<first>\d{1,4})\s*(?:[-–]|to|and|until|till)\s*$")


def _is_bare_year(mention: Mention) -> bool:
    return mention.kind == "calendar" and mention.year is not None and mention.month is None and (
        mention.season is None and mention.quarter is None and mention.half is None
    )


def _coordinated_short_years(chosen: list[Mention], text: str) -> list[Mention]:
    """"2007-08", "1995-96": the two-digit end of a year range is a year of its own."""
    extra = []
    for mention in chosen:
        if not _is_bare_year(mention) or mention.year is None or mention.year < 0:
            continue
        found = _SHORT_YEAR_END.match(text, mention.end)
        if not found:
            continue
        year = mention.year // 100 * 100 + int(found.group("short"))
        if year > mention.year:
            extra.append(mention.with_(start=found.start("short"), end=found.end("short"), year=year,
                                       rule="coordinated_year", mod=None))
    return extra


def _bc_range_starts(chosen: list[Mention], text: str) -> list[Mention]:
    """"499-493 BC", "from 499 to 493 BC": the era written once at the end applies to both years."""
    extra = []
    for mention in chosen:
        if not _is_bare_year(mention) or mention.year is None or mention.year >= 0:
            continue
        found = _RANGE_START.search(text, max(0, mention.start - 16), mention.start)
        if not found or int(found.group("first")) <= -mention.year:
            continue
        extra.append(mention.with_(start=found.start("first"), end=found.end("first"),
                                   year=-int(found.group("first")), rule="bc_range_start", mod=None))
    return extra


_COORDINATORS = (_coordinated_days, _coordinated_short_years, _bc_range_starts)
