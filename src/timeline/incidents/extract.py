"""From a text, its time expressions and its places to the incidents it reports.

The extractor works clause by clause:

1. find the trigger words of the lexicon and keep those that report an incident (``reported``);
2. give each report a window of the clause (from its construction to the next report);
3. read its arguments from the window: dates, places with their role, actors and casualties;
4. resolve what the clause leaves open only where the text supports it (a fronted ``On Sunday,`` covers the
   sentence; an ``as`` clause shares its main clause's date; ``The shells killed ...`` refers back to the last
   shelling), and otherwise leave it undated;
5. merge repeated mentions of one incident (``merge.py``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model import PLACE_SPECIFICITY, IncidentMention, IncidentPlace, Place, TimeExpression
from .casualties import Casualty, find_casualties
from .dates import DateRange, date_range
from .lexicon import Lexicon, Trigger
from .phrases import Phrase, is_actor, left_np, right_np
from .text import Clause, Sentence, Token, dateline_spans, quoted_spans, split_clauses, split_sentences
from .verbs import is_realis, match_any, match_phrase, verb_group

# --- what the extractor works on ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatedTime:
    expression: TimeExpression
    range: DateRange


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class Context:
    """A document ready for extraction: its sentences, quotations, dated times and place mentions."""

    text: str
    lexicon: Lexicon
    sentences: tuple[Sentence, ...]
    quotes: tuple[tuple[int, int], ...]
    times: tuple[DatedTime, ...]
    mentions: tuple[Mention, ...]
    places: dict[str, Place]

    # Offsets of the sorted lists above, for bisection: the extractor asks these questions for every clause.
    quote_starts: tuple[int, ...] = ()
    time_starts: tuple[int, ...] = ()
    mention_starts: tuple[int, ...] = ()

    def in_quote(self, position: int) -> bool:
        index = bisect_right(self.quote_starts, position) - 1
        return index >= 0 and position < self.quotes[index][1]

    def times_between(self, start: int, end: int) -> list[DatedTime]:
        first, last = bisect_left(self.time_starts, start), bisect_left(self.time_starts, end)
        return [t for t in self.times[first:last] if t.expression.end <= end]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        first, last = bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]


def make_context(text: str, times: Sequence[TimeExpression], places: Sequence[Place], lexicon: Lexicon) -> Context:
    dated = []
    datelines = dateline_spans(text)
    for expression in times:
        if expression.type not in ("DATE", "TIME"):
            continue
        if any(start <= expression.start < end for start, end in datelines):
            continue
        found = date_range(expression.value)
        if found is not None:
            dated.append(DatedTime(expression, found))
    mentions = sorted(
        (Mention(m.start, m.end, place) for place in places for m in place.mentions),
        key=lambda m: (m.start, -m.end),
    )
    quotes = tuple(sorted(quoted_spans(text)))
    ordered_times = tuple(sorted(dated, key=lambda t: t.expression.start))
    return Context(
        text=text,
        lexicon=lexicon,
        sentences=tuple(split_sentences(text, lexicon)),
        quotes=quotes,
        times=ordered_times,
        mentions=tuple(mentions),
        places={p.id: p for p in places},
        quote_starts=tuple(q[0] for q in quotes),
        time_starts=tuple(t.expression.start for t in ordered_times),
        mention_starts=tuple(m.start for m in mentions),
    )


# --- reports: trigger words that say an incident happened --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    trigger: Trigger
    first: int  # token indices of the trigger words in the sentence
    last: int
    anchor: int  # first token of the construction (a support verb, or the trigger itself)
    verb: int | None  # the verb the actors hang on (the trigger, its support verb), None for a noun subject
    how: str  # verb, occurrence, support, own-date, casualty-pp
    passive: bool = False
    args_from: int = -1  # where its arguments start: after the trigger, or after the verb of a noun subject
    governor: int = -1  # the occurrence verb a noun subject hangs on ("a bomb exploded": "exploded")

    @property
    def arguments(self) -> int:
        return self.args_from if self.args_from >= 0 else self.last


def _find_triggers(context: Context, sentence: Sentence) -> list[tuple[tuple[Trigger, ...], int, int]]:
    """All lexicon matches in a sentence, longest first, without overlaps. A span can have several readings
    (``shelling`` the verb form and ``shelling`` the noun): all are kept, in lexicon order."""
    tokens = sentence.tokens
    index = context.lexicon.index
    taken: set[int] = set()
    found = []
    for position, token in enumerate(tokens):
        if position in taken:
            continue
        readings: list[Trigger] = []
        span_end = None
        for trigger in index.get(token.lower, ()):
            end = match_phrase(tokens, position, trigger.phrase, len(tokens))
            if end is None or (span_end is not None and end != span_end):
                continue
            span_end = end
            readings.append(trigger)
        if span_end is not None:
            found.append((tuple(readings), position, span_end))
            taken.update(range(position, span_end))
    return found


def _after_aspect_verb(tokens: Sequence[Token], first: int, clause_first: int, lexicon: Lexicon) -> bool:
    return (
        tokens[first].lower.endswith("ing")
        and first - 1 >= clause_first
        and tokens[first - 1].lower in lexicon.set("aspect_verbs")
        and is_realis(tokens, first - 1, clause_first, lexicon)
    )


def _noun_allowed(tokens: Sequence[Token], trigger: Trigger, first: int, last: int) -> bool:
    """Event nouns are written in lower case (``Shell``, ``March`` are names) and are not modifiers."""
    if first > 0 and not tokens[first].text.islower():
        return False
    return not (last < len(tokens) and tokens[last].lower in trigger.not_before)


def _reported(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    tokens = sentence.tokens
    lexicon = context.lexicon
    if trigger.kind == "verb":
        if _after_aspect_verb(tokens, first, clause.first, lexicon):
            # "started moving civilians out": the aspect verb carries the tense.
            group = verb_group(tokens, first - 1, clause.first, lexicon)
            return Report(trigger, first, last, group.start, first - 1, "verb")
        if not is_realis(tokens, first, clause.first, lexicon):
            return None
        group = verb_group(tokens, first, clause.first, lexicon)
        passive = group.past_be and not tokens[first].lower.endswith("ing")
        return Report(trigger, first, last, group.start, first, "verb", passive)
    if not _noun_allowed(tokens, trigger, first, last):
        return None
    for test in (_support_object, _occurrence_subject, _own_date, _casualty_pp, _caused_object):
        report = test(context, sentence, clause, trigger, first, last)
        if report is not None:
            return report
    return None


def _support_object(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    """``fired several shells``, ``began an official evacuation``: the noun is the object of a support verb."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    for start in range(max(clause.first, first - 5), first):
        match = match_any(tokens, start, lexicon.phrases("support_verbs"), first)
        if match is None:
            continue
        between = tokens[match[1] : first]
        if len(between) > 3 or any(t.kind == "punct" for t in between):
            continue
        if not is_realis(tokens, start, clause.first, lexicon):
            continue
        group = verb_group(tokens, start, clause.first, lexicon)
        return Report(trigger, first, last, group.start, start, "support")
    return None


def _occurrence_subject(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    """``shells hit``, ``the shelling of the suburb killed``, ``the shelling had taken place``."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    auxiliaries = lexicon.set("be_past") | lexicon.set("have") | lexicon.set("adverbs")
    position = last
    in_pp = 0
    while position < clause.last and position < last + 10:
        token = tokens[position]
        match = match_any(tokens, position, lexicon.phrases("occurrence_verbs"), clause.last)
        if match is not None and is_realis(tokens, position, clause.first, lexicon):
            return Report(
                trigger,
                first,
                last,
                _np_start(tokens, first, clause.first, lexicon),
                None,
                "occurrence",
                args_from=match[1],
                governor=position,
            )
        if token.lower in auxiliaries or (token.lower.endswith("ly") and token.is_word):
            position += 1
            continue
        if token.lower in lexicon.set("prepositions"):
            in_pp = 5
            position += 1
            continue
        following = tokens[position + 1].lower if position + 1 < clause.last else ""
        if token.text.islower() and token.lower.endswith("ed") and following in lexicon.set("prepositions"):
            in_pp = 5  # "Shells fired from across the border hit": a reduced relative inside the subject
            position += 2
            continue
        if in_pp and (token.is_word or token.kind == "number" or token.text in ("'s", "-")):
            in_pp -= 1
            position += 1
            continue
        if in_pp and token.text == "," and position + 1 < clause.last and tokens[position + 1].is_capitalized:
            position += 1  # "of Donetsk, Russia"
            continue
        return None
    return None


def _np_start(tokens: Sequence[Token], first: int, clause_first: int, lexicon: Lexicon) -> int:
    phrase = left_np(tokens, first, clause_first, lexicon)
    start = first
    while start - 1 >= clause_first and (
        tokens[start - 1].lower in lexicon.set("determiners") or (phrase and start - 1 >= phrase.first)
    ):
        start -= 1
    return start


def _own_date(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    """``this weekend's shelling``, ``the June 20 attack``, ``the attack on Monday``: a date of its own."""
    tokens = sentence.tokens
    before = first - 1
    if before >= clause.first and tokens[before].text in ("'s", "’s"):
        before -= 1
    if before >= clause.first:
        end = tokens[before].end
        if any(t.expression.end == end for t in context.times_between(sentence.start, end)):
            return Report(
                trigger, first, last, _np_start(tokens, first, clause.first, context.lexicon), None, "own-date"
            )
    if last + 1 < clause.last and tokens[last].lower in ("on", "in", "last", "this"):
        start = tokens[last].start
        if any(t.expression.start <= tokens[last + 1].start for t in context.times_between(start, sentence.end)):
            return Report(
                trigger, first, last, _np_start(tokens, first, clause.first, context.lexicon), None, "own-date"
            )
    return None


def _caused_object(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    """``..., forcing the evacuation of 200 residents``: the object of a causative -ing verb."""
    if not clause.nonfinite:
        return None
    tokens = sentence.tokens
    for start in range(max(clause.first, first - 3), first):
        if tokens[start].lower in context.lexicon.set("causative_ing"):
            return Report(trigger, first, last, start, None, "caused")
    return None


def _casualty_pp(
    context: Context, sentence: Sentence, clause: Clause, trigger: Trigger, first: int, last: int
) -> Report | None:
    """``killed in an air strike``, ``died in the flooding``."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    casualty_verbs = lexicon.set("killed_verbs") | lexicon.set("injured_verbs") | lexicon.set("died_verbs")
    position = first - 1
    while position >= clause.first and tokens[position].lower in lexicon.set("determiners"):
        position -= 1
    if position - 1 < clause.first or tokens[position].lower not in ("in", "by", "during"):
        return None
    verb = position - 1
    if tokens[verb].lower in casualty_verbs and is_realis(tokens, verb, clause.first, lexicon):
        return Report(trigger, first, last, first, None, "casualty-pp")
    return None


# --- candidates: one incident mention with its arguments ----------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    type: str
    sub_event_type: str | None
    sentence: int  # index into context.sentences
    reports: tuple[Report, ...]
    window: tuple[int, int]  # token indices [first, last) of the sentence the arguments come from
    clause: Clause
    date: DatedTime | None = None
    date_basis: str = "none"
    targets: tuple[IncidentPlace, ...] = ()
    origins: tuple[IncidentPlace, ...] = ()
    actor1: str | None = None
    actor2: str | None = None
    casualties: tuple[tuple[Casualty, str], ...] = ()  # with the text of the count
    prefix_end: int = -1  # the clause before its first report: the subject and fronted phrases all share
    anaphoric: bool = False  # a definite event noun with no date or place of its own: refers back
    definite: bool = False  # an event noun with a definite determiner ("the shelling"): it may refer back
    extra_mentions: tuple[IncidentMention, ...] = field(default_factory=tuple)

    @property
    def first_report(self) -> Report:
        return self.reports[0]


def _clause_reports(context: Context, sentence: Sentence, clauses: tuple[Clause, ...]) -> list[Report]:
    tokens = sentence.tokens
    reports: list[Report] = []
    for readings, first, last in _find_triggers(context, sentence):
        if context.in_quote(tokens[first].start):
            continue
        clause = sentence.clause_of(first, clauses)
        if clause.nonfinite and not _caused(context, sentence, clause, first):
            continue
        for trigger in readings:
            report = _reported(context, sentence, clause, trigger, first, last)
            if report is not None:
                reports.append(report)
                break
    # A support verb that is itself a trigger ("launched missiles", "announced an evacuation") gives way to its
    # object noun.
    governors = {r.verb for r in reports if r.how == "support"} | {r.governor for r in reports if r.governor >= 0}
    return [r for r in reports if not (r.how == "verb" and r.first in governors)]


def _caused(context: Context, sentence: Sentence, clause: Clause, first: int) -> bool:
    """``..., forcing the evacuation of 200 residents``: an -ing adjunct that reports a consequence of its main
    clause can report an incident (the event noun after a causative verb); other adjuncts cannot."""
    tokens = sentence.tokens
    causes = context.lexicon.set("causative_ing")
    return any(tokens[i].lower in causes for i in range(max(clause.first, first - 4), first))


def _group(reports: list[Report], clauses: tuple[Clause, ...], sentence: Sentence) -> list[tuple[Clause, list[Report]]]:
    """Verbs of one type in one clause are one incident (``violated Russian air space and overflew``). Nouns
    each make a mention of their own: two nouns of a type in a clause are often two incidents (``this weekend's
    shelling of Donetsk, ... mortar fire hit Novoshakhtinsk``), and merging joins them when they are one."""
    groups: list[tuple[Clause, list[Report]]] = []
    for report in sorted(reports, key=lambda r: r.anchor):
        clause = sentence.clause_of(report.first, clauses)
        for group_clause, members in groups:
            if (
                group_clause == clause
                and members[0].trigger.type == report.trigger.type
                and members[0].how == report.how == "verb"
            ):
                members.append(report)
                break
        else:
            groups.append((clause, [report]))
    return groups


def sentence_candidates(context: Context, number: int, before: Sequence[Candidate] = ()) -> list[Candidate]:
    sentence = context.sentences[number]
    if sentence.headline:
        # A headline sums up the story in the present tense; its incidents are told in the body.
        return []
    clauses = split_clauses(sentence.tokens, context.lexicon)
    groups = _group(_clause_reports(context, sentence, clauses), clauses, sentence)
    if _continues(context, sentence, number, before):
        # "Two people died." after a bombing: its casualties, not a death of its own.
        groups = [g for g in groups if g[1][0].trigger.type != "death"]
    candidates: list[Candidate] = []
    for position, (clause, members) in enumerate(groups):
        following = [g for g in groups[position + 1 :] if g[0] == clause]
        window_last = min(m.anchor for m in following[0][1]) if following else clause.last
        window_first = min(m.anchor for m in members)
        trigger = members[0].trigger
        candidate = Candidate(
            type=trigger.type,
            sub_event_type=trigger.sub_event_type,
            sentence=number,
            reports=tuple(members),
            window=(window_first, window_last),
            clause=clause,
            prefix_end=min(m.anchor for g in groups if g[0] == clause for m in g[1]),
        )
        candidates.extend(_with_arguments(context, candidate, candidates, clauses))
    _attach_casualties(context, sentence, clauses, candidates, number, before)
    return candidates


# --- arguments ----------------------------------------------------------------------------------------------


def _with_arguments(
    context: Context, candidate: Candidate, earlier: list[Candidate], clauses: tuple[Clause, ...]
) -> list[Candidate]:
    actor1, actor2, actor_spans = _actors(context, candidate, earlier)
    candidate = replace(candidate, actor1=actor1, actor2=actor2)
    segments = _date_segments(context, candidate)
    results = []
    placed = [_places(context, candidate, segment, actor_spans) for segment, _, _ in segments]
    cause = next((c for c in reversed(earlier) if c.sentence == candidate.sentence), None)
    if candidate.first_report.how == "caused" and cause is not None:
        # "..., forcing the evacuation of 200 residents": where its cause happened, unless it names a place.
        inherited = tuple(replace(p, inferred=True) for p in cause.targets)
        placed = [(t or inherited, o) for t, o in placed]
    for number, (_, dated, basis) in enumerate(segments):
        targets, origins = placed[number]
        if not targets:
            # "on July 3 and July 5": a date with no place of its own shares its neighbour's.
            neighbours = [placed[i] for i in (*range(number - 1, -1, -1), *range(number + 1, len(placed)))]
            targets, origins = next((n for n in neighbours if n[0]), (targets, origins))
        results.append(replace(candidate, date=dated, date_basis=basis, targets=targets, origins=origins))
    if len(results) == 1 and results[0].date is None:
        only = results[0]
        dated, basis = _inherited_date(context, only, clauses)
        results = [replace(only, date=dated, date_basis=basis)]
    definite = _is_definite(context, candidate)
    kind = _retyped(context, candidate)
    return [
        replace(r, definite=definite, anaphoric=definite and r.date is None and not r.targets, type=kind)
        for r in results
    ]


def _retyped(context: Context, candidate: Candidate) -> str:
    """Shelling by aircraft (``jets ... fired missiles``) is an air strike, as ACLED codes it."""
    if candidate.type != "shelling" or not candidate.actor1:
        return candidate.type
    words = candidate.actor1.lower().replace("’", "'")
    if any(f" {air} " in f" {words} " for air in context.lexicon.set("air_actors")):
        return "air_strike"
    return candidate.type


def _chars(sentence: Sentence, first: int, last: int) -> tuple[int, int]:
    tokens = sentence.tokens
    return tokens[first].start, tokens[last - 1].end


def _date_segments(context: Context, candidate: Candidate) -> list[tuple[tuple[int, int], DatedTime | None, str]]:
    """The dates of a window: one segment per coordinated date (``on July 3 and July 5``)."""
    sentence = context.sentences[candidate.sentence]
    first, last = candidate.window
    start, end = _chars(sentence, first, last)
    dates = context.times_between(start, end)
    report = candidate.first_report
    if not dates and report.how == "own-date":
        np_start = sentence.tokens[report.anchor].start
        dates = [
            t
            for t in context.times_between(np_start, sentence.end)
            if t.expression.start < sentence.tokens[report.first].start
        ]
    if not dates:
        prefix_start, _ = _chars(sentence, candidate.clause.first, max(first, candidate.clause.first + 1))
        dates = context.times_between(prefix_start, start)[-1:]
    if len(dates) <= 1:
        return [((first, last), dates[0] if dates else None, "clause" if dates else "none")]
    segments = []
    segment_first = first
    for number, dated in enumerate(dates):
        if number + 1 < len(dates):
            segment_last = (
                next(i for i in range(segment_first, last) if sentence.tokens[i].end >= dated.expression.end) + 1
            )
        else:
            segment_last = last
        segments.append(((segment_first, segment_last), dated, "clause"))
        segment_first = segment_last
    return segments


def _fronted_date(context: Context, sentence: Sentence) -> DatedTime | None:
    """``On Sunday, ...``, ``Last week, ...``: a time adverbial before the first comma covers the sentence."""
    tokens = sentence.tokens
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is None or comma > 8:
        return None
    start, end = tokens[0].start, tokens[comma].start
    dates = context.times_between(start, end)
    if len(dates) != 1:
        return None
    expression = dates[0].expression
    others = [t for t in tokens[:comma] if not (expression.start <= t.start < expression.end)]
    allowed = context.lexicon.set("prepositions") | context.lexicon.set("adverbs") | {"early", "late", "earlier"}
    if len(others) <= 2 and all(t.lower in allowed for t in others):
        return dates[0]
    return None


def _inherited_date(
    context: Context, candidate: Candidate, clauses: tuple[Clause, ...]
) -> tuple[DatedTime | None, str]:
    sentence = context.sentences[candidate.sentence]
    fronted = _fronted_date(context, sentence)
    if fronted is not None:
        return fronted, "sentence"
    simultaneous = context.lexicon.set("simultaneous")
    if candidate.clause.opener in simultaneous or candidate.clause.nonfinite:
        # "as the shelling killed thirty": the time of the main clause.
        sources = [c for c in clauses if not c.opener and not c.nonfinite and c != candidate.clause]
    elif not candidate.clause.opener:
        # "He pleaded not guilty when his trial opened in January": the time of a simultaneous clause.
        sources = [c for c in clauses if c.opener in simultaneous]
    else:
        sources = []
    for clause in sources:
        start, end = _chars(sentence, clause.first, clause.last)
        dates = context.times_between(start, end)
        if len(dates) == 1:
            return dates[0], "sentence"
    return None, "none"


def _is_definite(context: Context, candidate: Candidate) -> bool:
    """``The shells killed ...``: a definite event noun may refer to an incident told before; a verb or an
    indefinite noun (``fired missiles``) reports a new one."""
    report = candidate.first_report
    if report.trigger.kind != "noun":
        return False
    tokens = context.sentences[candidate.sentence].tokens
    position = report.first - 1
    while (
        position >= candidate.clause.first
        and tokens[position].kind == "word"
        and tokens[position].lower not in context.lexicon.set("determiners")
        and position > report.first - 4
    ):
        position -= 1
    return position >= candidate.clause.first and tokens[position].lower in context.lexicon.set("definite")


# --- places -------------------------------------------------------------------------------------------------


def _places(
    context: Context, candidate: Candidate, segment: tuple[int, int], actor_spans: list[tuple[int, int]]
) -> tuple[tuple[IncidentPlace, ...], tuple[IncidentPlace, ...]]:
    sentence = context.sentences[candidate.sentence]
    tokens = sentence.tokens
    lexicon = context.lexicon
    report = candidate.first_report
    speech = lexicon.types[candidate.type].speech
    seg_start, seg_end = _chars(sentence, *segment)
    clause_start, _ = _chars(sentence, candidate.clause.first, candidate.clause.last)

    def outside_actors(mention: Mention) -> bool:
        return not any(s <= mention.start and mention.end <= e for s, e in actor_spans)

    if segment[0] <= report.first:
        # The first (or only) segment: places are in the phrases that hang on the trigger. Later segments of a
        # coordination ("..., and Novoshakhtinsk was hit twice more, July 3 and July 5") are taken whole.
        reach = _argument_end(context, sentence, report.arguments, segment[1])
        seg_end = min(seg_end, sentence.tokens[reach - 1].end) if reach > segment[0] else seg_end
    window_mentions = [m for m in context.mentions_between(seg_start, seg_end) if outside_actors(m)]
    if speech:
        # What was said is not where it was said: only "in X" right after the trigger counts.
        trigger_end = tokens[report.last - 1].end
        window_mentions = [m for m in window_mentions if _preceded_by(context, m, ("in", "at"), trigger_end)]
    origins = [m for m in window_mentions if _preceded_by(context, m, tuple(lexicon.set("origin_prepositions")))]
    targets = [m for m in window_mentions if m not in origins]
    inferred = False
    if not targets:
        prefix_end = candidate.prefix_end if candidate.prefix_end >= 0 else candidate.window[0]
        prefix_stop = sentence.tokens[max(prefix_end, candidate.clause.first)].start
        prefix = [m for m in context.mentions_between(clause_start, prefix_stop) if outside_actors(m)]
        prefix = [
            m
            for m in prefix
            if m not in origins
            and (report.passive or report.trigger.kind == "noun" or _preceded_by(context, m, ("in", "at", "near")))
        ]
        targets = prefix[-1:] if prefix else []
    if not targets and not speech:
        anaphor = _place_anaphor(context, candidate, segment)
        if anaphor is not None:
            targets, inferred = [anaphor], True
    target_places = _most_specific(context, [m for m in targets], sentence)
    result_targets = tuple(IncidentPlace(p.id, "target", inferred) for p in target_places)
    result_origins = tuple(IncidentPlace(m.place.id, "origin") for m in origins)
    if not result_origins:
        across = _across_border_origin(context, candidate, segment, target_places)
        if across is not None:
            result_origins = (IncidentPlace(across.id, "origin", True),)
    return result_targets, result_origins


def _argument_end(context: Context, sentence: Sentence, start: int, last: int) -> int:
    """Where the noun and prepositional phrases after a trigger end: at an auxiliary, an infinitive, a verb
    after a noun (``private armies funded by``), a clause opener, or a comma not followed by a name."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    stops = (
        lexicon.set("be_past")
        | lexicon.set("be_present")
        | lexicon.set("have")
        | lexicon.set("modals")
        | lexicon.set("clause_openers")
    ) - {"to", "'s"}
    position = start
    while position < last:
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < last else None
        previous = tokens[position - 1] if position > 0 else None
        if token.lower in stops:
            return position
        if (
            token.lower == "to"
            and following is not None
            and following.is_word
            and following.text.islower()
            and following.lower not in lexicon.set("determiners")
        ):
            return position  # an infinitive: what follows is a purpose, not a place of the incident
        if token.text == "," and not (following is not None and following.is_capitalized):
            return position
        if (
            token.is_word
            and token.text.islower()
            and token.lower.endswith("ed")
            and previous is not None
            and previous.is_word
            and previous.lower not in lexicon.set("determiners") | lexicon.set("prepositions")
            and previous.lower not in lexicon.set("adverbs")
            and not previous.lower.endswith("ly")
            and position > start
        ):
            return position
        position += 1
    return last


def _preceded_by(context: Context, mention: Mention, words: tuple[str, ...], not_before: int = 0) -> bool:
    """Whether a preposition of ``words`` stands before the mention, over at most three words (determiners,
    adjectives, a possessive)."""
    text = context.text[max(not_before, mention.start - 60) : mention.start]
    tokens = text.replace("’", "'").lower().split()
    for token in reversed(tokens[-4:]):
        word = token.strip(',.;:()"“”')
        if word in words:
            return True
        if word in context.lexicon.set("prepositions") or token.endswith((",", ";", ":")):
            return False
    return False


def _place_anaphor(context: Context, candidate: Candidate, segment: tuple[int, int]) -> Mention | None:
    """``there`` or ``the suburb``: the last place named before, in this sentence or the one before."""
    sentence = context.sentences[candidate.sentence]
    tokens = sentence.tokens
    lexicon = context.lexicon
    for position in range(*segment):
        token = tokens[position]
        following = tokens[position + 1].lower if position + 1 < len(tokens) else ""
        kind = None
        if token.lower == "there" and following not in lexicon.set("existential_after_there"):
            kind = ""
        elif (
            token.lower in lexicon.set("place_nouns")
            and position > 0
            and tokens[position - 1].lower in ("the", "this", "that")
            and following != "of"
            and following not in lexicon.set("place_noun_compounds")
        ):
            kind = token.lower
        if kind is None:
            continue
        previous_start = context.sentences[max(0, candidate.sentence - 1)].start
        before = [
            m
            for m in context.mentions_between(previous_start, token.start)
            if previous_start <= m.start and m.end <= token.start and not _describes_another(context, m)
        ]
        if kind:
            matching = [m for m in before if m.place.kind == kind]
            before = matching or before
        if before:
            return before[-1]
    return None




def _most_specific(context: Context, mentions: list[Mention], sentence: Sentence) -> list[Place]:
    """Keep the places an incident happened at: a country or region that contains another named place goes,
    and so does a place used to locate another (``the Donetsk suburb of Maryinka``)."""
    places: list[Place] = []
    for mention in mentions:
        if _is_locator(context, mention):
            continue
        if mention.place.id not in [p.id for p in places]:
            places.append(mention.place)
    if not places and mentions:
        places = [mentions[-1].place]
    kept = [p for p in places if not any(_contains(context, p, other) for other in places if other.id != p.id)]
    return kept


def _describes_another(context: Context, mention: Mention) -> bool:
    """``Donetsk`` in ``Maryinka, a suburb of Donetsk``: a place named to locate the one before it."""
    before = context.text[max(0, mention.start - 30) : mention.start].replace("’", "'").lower().split()
    return (
        len(before) >= 4
        and before[-1] == "of"
        and before[-2] in context.lexicon.set("place_nouns")
        and before[-3] in ("a", "an")
        and before[-4].endswith(",")
    )


def _is_locator(context: Context, mention: Mention) -> bool:
    """``Donetsk`` in ``the Donetsk suburb of Maryinka``: a place name before a place noun and ``of``."""
    after = context.text[mention.end : mention.end + 40].replace("’", "'").lower().split()
    return len(after) >= 2 and after[0] in context.lexicon.set("place_nouns") and after[1] == "of"


def _contains(context: Context, outer: Place, inner: Place) -> bool:
    parent = inner.parent_id
    seen = set()
    while parent and parent not in seen:
        if parent == outer.id:
            return True
        seen.add(parent)
        parent_place = context.places.get(parent)
        parent = parent_place.parent_id if parent_place else None
    if outer.kind == "country" and outer.country and inner.country == outer.country and inner.kind != "country":
        return True
    return bool(
        outer.kind == "region"
        and outer.region
        and inner.region == outer.region
        and PLACE_SPECIFICITY.get(inner.kind, 2) < PLACE_SPECIFICITY["region"]
    )


def _across_border_origin(
    context: Context, candidate: Candidate, segment: tuple[int, int], targets: list[Place]
) -> Place | None:
    """``from across the border``: the country on the other side, which is the country the document names most
    often after the target's own."""
    sentence = context.sentences[candidate.sentence]
    tokens = sentence.tokens
    if not any(match_any(tokens, i, context.lexicon.phrases("across_border"), segment[1]) for i in range(*segment)):
        return None
    own = {p.country for p in targets}
    counts: dict[str, int] = {}
    for mention in context.mentions:
        place = mention.place
        if place.kind == "country" and place.country not in own:
            counts[place.id] = counts.get(place.id, 0) + 1
    if not counts:
        return None
    return context.places[max(counts, key=lambda k: counts[k])]


# --- actors -------------------------------------------------------------------------------------------------


def _actors(
    context: Context, candidate: Candidate, earlier: list[Candidate]
) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    sentence = context.sentences[candidate.sentence]
    tokens = sentence.tokens
    lexicon = context.lexicon
    text = context.text
    report = candidate.first_report
    excluded = frozenset(t.phrase[-1] for t in lexicon.triggers if t.kind == "noun")
    spans: list[tuple[int, int]] = []

    def keep(phrase: Phrase | None, acted_on: bool = False) -> str | None:
        if phrase is None:
            return None
        start, end = _chars(sentence, phrase.first, phrase.last)
        for dated in context.times_between(sentence.start, sentence.end):
            if dated.expression.start <= start < dated.expression.end:
                return None  # "on July 3" is a date, not someone acted on
            if start < dated.expression.start < end:
                # "the man last week": the phrase ends where the date begins.
                cut = next(i for i in range(phrase.first, phrase.last) if tokens[i].start >= dated.expression.start)
                return keep(Phrase(phrase.first, cut), acted_on) if cut > phrase.first else None
        if not is_actor(tokens, phrase, lexicon, excluded):
            return None
        if (
            acted_on
            and context.mentions_between(start, end)
            and not is_actor(tokens, _before_of(tokens, phrase), lexicon, excluded, proper_names=False)
        ):
            return None  # "shelled the town of Donetsk": a place acted on is where it happened, not an actor
        spans.append(_chars(sentence, phrase.first, phrase.last))
        return phrase.text(text, tokens)

    actor1 = actor2 = None
    window_last = candidate.window[1]
    if report.verb is not None:
        group = verb_group(tokens, report.verb, candidate.clause.first, lexicon)
        subject = _subject(context, sentence, group.start, candidate.clause.first)
        if subject is None and group.start - 1 > candidate.clause.first and tokens[group.start - 1].text == ",":
            # "Petro Poroshenko, Ukraine's president, threatened": the subject is before the apposition.
            comma = next(
                (
                    i
                    for i in range(group.start - 2, max(candidate.clause.first, group.start - 10), -1)
                    if tokens[i].text == ","
                ),
                None,
            )
            if comma is not None:
                subject = left_np(tokens, comma, candidate.clause.first, lexicon)
        conjunctions = lexicon.set("conjunctions")
        if subject is None and (
            (group.start > 0 and tokens[group.start - 1].lower in conjunctions)
            or tokens[group.start].lower in conjunctions
        ):
            # "fired several shells ... and started a gunfight": the coordinated verb shares the subject.
            shared = next((c for c in reversed(earlier) if c.sentence == candidate.sentence), None)
            if shared is not None:
                actor1 = shared.actor1
        elif report.passive:
            actor2 = keep(subject, acted_on=True)
        else:
            actor1 = keep(subject)
        after = report.last
        if not report.passive and report.how == "verb":
            obj = right_np(tokens, after, window_last, lexicon)
            if obj is not None:
                actor2 = actor2 or keep(obj, acted_on=True)
                after = obj.last
    else:
        after = report.last
    if report.trigger.kind == "noun" and actor1 is None:
        possessor = _possessor(tokens, report, candidate.clause.first, lexicon)
        actor1 = keep(possessor)
    for position in range(report.last, min(window_last, report.last + 12)):
        word = tokens[position].lower
        if word == "by" and actor1 is None:
            actor1 = keep(right_np(tokens, position + 1, window_last, lexicon))
        elif word in ("with", "against", "on") and actor2 is None and position <= after + 1:
            actor2 = keep(right_np(tokens, position + 1, window_last, lexicon), acted_on=True)
    return actor1, actor2, spans


def _subject(context: Context, sentence: Sentence, end: int, first: int) -> Phrase | None:
    """The subject before a verb group: over a time adverbial (``A court in Lyon on Thursday sentenced``) and,
    when the nearest noun phrase is a place after a preposition, the noun before it (``Voters in Freiburg``:
    the voters act, Freiburg is where)."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    for time in context.times_between(sentence.start, sentence.end):
        if end > first and time.expression.end == tokens[end - 1].end:
            end = next(i for i in range(first, end) if tokens[i].end > time.expression.start)
            if end > first and tokens[end - 1].lower in lexicon.set("prepositions"):
                end -= 1
            break
    subject = left_np(tokens, end, first, lexicon)
    if subject is None or subject.first - 1 <= first:
        return subject
    preposition = tokens[subject.first - 1].lower
    start, stop = _chars(sentence, subject.first, subject.last)
    is_place = any(m.start <= start and stop <= m.end for m in context.mentions_between(sentence.start, sentence.end))
    if preposition in ("in", "of", "at", "from") and is_place:
        head = left_np(tokens, subject.first - 1, first, lexicon)
        if head is not None:
            return head
    return subject


def _before_of(tokens: Sequence[Token], phrase: Phrase) -> Phrase:
    """The head part of a noun phrase: ``the ambassador`` of ``the ambassador of Ukraine``."""
    cut = next((i for i in range(phrase.first, phrase.last) if tokens[i].lower == "of"), phrase.last)
    return Phrase(phrase.first, max(cut, phrase.first + 1))


def _possessor(tokens: Sequence[Token], report: Report, clause_first: int, lexicon: Lexicon) -> Phrase | None:
    """``Ukrainian forces' shelling``: the possessor of an event noun is who did it."""
    position = report.first - 1
    if position < clause_first or tokens[position].text not in ("'s", "’s", "’", "'"):
        return None
    return left_np(tokens, position, clause_first, lexicon)


# --- casualties ---------------------------------------------------------------------------------------------


def _attach_casualties(
    context: Context,
    sentence: Sentence,
    clauses: tuple[Clause, ...],
    candidates: list[Candidate],
    number: int,
    before: Sequence[Candidate],
) -> None:
    """Give each casualty count of the sentence to the incident it belongs to. A count with no incident in its
    sentence belongs to the incident just told when nothing in its clause says otherwise (``Four other
    residents were hurt.`` after the shelling); failing that it makes an ``attack`` of its own."""
    tokens = sentence.tokens
    lexicon = context.lexicon
    for clause in clauses:
        for casualty in find_casualties(tokens, clause.first, clause.last, lexicon):
            if context.in_quote(tokens[casualty.verb].start):
                continue
            count_text = context.text[tokens[casualty.first].start : tokens[casualty.last - 1].end]
            owner = _casualty_owner(candidates, clause, clauses, casualty)
            if owner is None and not candidates:
                owner = _continued_incident(context, sentence, clause, casualty, number, before)
                if owner is not None:
                    candidates.append(owner)
            if owner is None:
                owner = _casualty_incident(context, sentence, clause, clauses, casualty, number, candidates)
                if owner is None:
                    continue
                candidates.append(owner)
            index = candidates.index(owner)
            candidates[index] = replace(owner, casualties=(*owner.casualties, (casualty, count_text)))


def _casualty_owner(
    candidates: list[Candidate], clause: Clause, clauses: tuple[Clause, ...], casualty: Casualty
) -> Candidate | None:
    in_clause = [c for c in candidates if c.clause == clause]
    for candidate in in_clause:
        if candidate.window[0] <= casualty.verb < candidate.window[1] or (
            candidate.window[0] <= casualty.first < candidate.window[1]
        ):
            return candidate
    # A casualty verb before every incident of its clause (", killing three and forcing the evacuation") counts
    # for the clause it hangs on.
    in_clause = [c for c in in_clause if c.window[0] <= casualty.verb]
    if in_clause:
        return in_clause[-1]
    if clause.nonfinite or clause.opener:
        # ", killing three": the casualties of the clause it hangs on.
        earlier = [c for c in candidates if c.clause.first < clause.first]
        if earlier:
            return earlier[-1]
    return candidates[0] if len(candidates) == 1 else None


def _continues(context: Context, sentence: Sentence, number: int, before: Sequence[Candidate]) -> bool:
    """A sentence with no date and no place, in the paragraph of a violent incident or disaster told in the three
    sentences before it, may go on telling that incident."""
    if context.times_between(sentence.start, sentence.end) or context.mentions_between(sentence.start, sentence.end):
        return False
    for previous in reversed(before):
        if number - previous.sentence > 3 or context.sentences[previous.sentence].paragraph != sentence.paragraph:
            return False
        kind = context.lexicon.types[previous.type]
        if kind.violent or previous.type == "disaster":
            return True
    return False


def _continued_incident(
    context: Context, sentence: Sentence, clause: Clause, casualty: Casualty, number: int, before: Sequence[Candidate]
) -> Candidate | None:
    """An agentless casualty count (``were hurt``, ``died``) in a sentence with no date, no place and no
    trigger, in the paragraph of a violent incident or disaster told in the three sentences before it."""
    lexicon = context.lexicon
    tokens = sentence.tokens
    verb = casualty.verb
    agentless = (
        tokens[verb].lower in lexicon.set("died_verbs")
        or verb_group(tokens, verb, clause.first, lexicon).past_be
        or tokens[verb].lower in lexicon.set("dead_words") | lexicon.set("injured_words")
    )
    if not agentless or any(t.lower == "by" for t in tokens[verb + 1 : clause.last]):
        return None
    if context.times_between(sentence.start, sentence.end) or context.mentions_between(sentence.start, sentence.end):
        return None
    for previous in reversed(before):
        if number - previous.sentence > 3 or context.sentences[previous.sentence].paragraph != sentence.paragraph:
            return None
        kind = lexicon.types[previous.type]
        if kind.violent or previous.type == "disaster":
            trigger = Trigger(previous.type, "verb", (tokens[verb].lower,))
            report = Report(trigger, verb, verb + 1, verb, None, "continued")
            return Candidate(
                previous.type,
                previous.sub_event_type,
                number,
                (report,),
                (clause.first, clause.last),
                clause,
                anaphoric=True,
            )
    return None


def _casualty_incident(
    context: Context,
    sentence: Sentence,
    clause: Clause,
    clauses: tuple[Clause, ...],
    casualty: Casualty,
    number: int,
    candidates: list[Candidate],
) -> Candidate | None:
    """``Three people were killed in Donetsk on Monday``: a killing reported without another trigger."""
    lexicon = context.lexicon
    tokens = sentence.tokens
    verb = casualty.verb
    if casualty.value == 0 or tokens[verb].lower not in lexicon.set("killed_verbs") | lexicon.set("injured_verbs"):
        return None  # "Nobody was killed" reports no incident
    if clause.nonfinite or not is_realis(tokens, verb, clause.first, lexicon):
        return None
    trigger = Trigger("attack", "verb", (tokens[verb].lower,))
    group = verb_group(tokens, verb, clause.first, lexicon)
    report = Report(trigger, verb, verb + 1, group.start, verb, "verb", group.past_be)
    candidate = Candidate("attack", None, number, (report,), (group.start, clause.last), clause)
    built = _with_arguments(context, candidate, candidates, clauses)
    return built[0] if built else None


# --- the document -------------------------------------------------------------------------------------------


def document_candidates(context: Context) -> list[Candidate]:
    candidates: list[Candidate] = []
    for number in range(len(context.sentences)):
        candidates.extend(sentence_candidates(context, number, candidates))
    return candidates


def mention_of(context: Context, candidate: Candidate) -> IncidentMention:
    sentence = context.sentences[candidate.sentence]
    tokens = sentence.tokens
    report = candidate.first_report
    clause_start, clause_end = _chars(sentence, candidate.clause.first, candidate.clause.last)
    trigger_start, trigger_end = tokens[report.first].start, tokens[report.last - 1].end
    return IncidentMention(
        start=clause_start,
        end=clause_end,
        trigger=context.text[trigger_start:trigger_end],
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        date_text=candidate.date.expression.text if candidate.date else None,
        date_basis=candidate.date_basis,  # type: ignore[arg-type]
    )
