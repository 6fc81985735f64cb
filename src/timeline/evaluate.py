"""Scoring time expressions against gold TIMEX3 the way TempEval-3 Task A does.

- Relaxed match: a gold and a system expression whose spans share at least one character. Pairs are one to
  one, made left to right: each gold expression, in text order, takes the first system expression (in text
  order) that overlaps it and is not taken yet.
- Strict match: a system expression with exactly the span of a gold expression (one to one).
- Type and value accuracy are counted over the relaxed pairs; type F1 = type accuracy x relaxed F1 and value
  F1 = value accuracy x relaxed F1.
- Counts are summed over all documents before any ratio is taken (micro-average).
- The document's creation time is never scored: system expressions that overlap a creation-time span
  (``TimeMLDocument.excluded``) are dropped before matching.

Values are compared literally, as strings, as TempEval-3's scorer does: ``2014-07`` and ``2014-07-XX`` differ,
and so do ``P1Y`` and ``P12M``. A gold TIMEX3 without a value has the value ``""``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .config import Config
from .model import Span, TimeExpression
from .temporal import find_times
from .timeml import TimeMLDocument

ErrorKind = Literal["miss", "spurious", "wrong_type", "wrong_value"]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """The counts of one or more documents, and the TempEval-3 figures they give (ratios in 0..1)."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # system expressions with exactly a gold span
    relaxed: int = 0  # one-to-one overlapping pairs
    type_correct: int = 0  # relaxed pairs with the same type
    value_correct: int = 0  # relaxed pairs with the same value

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            gold=self.gold + other.gold,
            system=self.system + other.system,
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            type_correct=self.type_correct + other.type_correct,
            value_correct=self.value_correct + other.value_correct,
        )

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.relaxed)

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed_f1

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed_f1

    def to_dict(self) -> dict[str, Any]:
        counts = ("gold", "system", "strict", "relaxed", "type_correct", "value_correct")
        figures = (
            "strict_precision",
            "strict_recall",
            "strict_f1",
            "relaxed_precision",
            "relaxed_recall",
            "relaxed_f1",
            "type_accuracy",
            "value_accuracy",
            "type_f1",
            "value_f1",
        )
        return {name: getattr(self, name) for name in counts + figures}


@dataclass(frozen=True, slots=True)
class ScoreError:
    """One thing the system got wrong in a document: a miss, a spurious expression, a wrong type or value."""

    kind: ErrorKind
    document: str
    gold: TimeExpression | None = None
    system: TimeExpression | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"kind": self.kind, "document": self.document}
        for side, expression in (("gold", self.gold), ("system", self.system)):
            if expression is not None:
                record[side] = expression.to_dict()
                if side == "system" and expression.rule:
                    record[side]["rule"] = expression.rule
        return record


@dataclass(frozen=True, slots=True)
class Matching:
    """The relaxed one-to-one pairing of a document's gold and system expressions."""

    pairs: tuple[tuple[TimeExpression, TimeExpression], ...]
    missed: tuple[TimeExpression, ...]
    spurious: tuple[TimeExpression, ...]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The scores and errors of one document."""

    name: str
    scores: Scores
    errors: tuple[ScoreError, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The micro-averaged scores over all documents, with the per-document breakdown."""

    documents: tuple[DocumentResult, ...] = field(default_factory=tuple)

    @property
    def scores(self) -> Scores:
        return sum((document.scores for document in self.documents), Scores())

    @property
    def errors(self) -> tuple[ScoreError, ...]:
        return tuple(error for document in self.documents for error in document.errors)


def _in_text_order(expressions: Iterable[TimeExpression]) -> list[TimeExpression]:
    return sorted(expressions, key=lambda e: (e.start, e.end))


def match(gold: Iterable[TimeExpression], system: Iterable[TimeExpression]) -> Matching:
    """Pair gold and system expressions one to one by character overlap, left to right."""
    golds = _in_text_order(gold)
    systems = _in_text_order(system)
    taken = [False] * len(systems)
    pairs: list[tuple[TimeExpression, TimeExpression]] = []
    missed: list[TimeExpression] = []
    first = 0  # systems before this one end before the current gold starts, so before every later gold too
    for expression in golds:
        while first < len(systems) and (taken[first] or systems[first].end <= expression.start):
            first += 1
        partner = _first_overlapping(systems, taken, first, expression)
        if partner is None:
            missed.append(expression)
        else:
            taken[partner] = True
            pairs.append((expression, systems[partner]))
    spurious = tuple(s for s, used in zip(systems, taken, strict=True) if not used)
    return Matching(tuple(pairs), tuple(missed), spurious)


def _first_overlapping(
    systems: Sequence[TimeExpression], taken: Sequence[bool], first: int, gold: TimeExpression
) -> int | None:
    for index in range(first, len(systems)):
        candidate = systems[index]
        if candidate.start >= gold.end:
            return None
        if not taken[index] and candidate.span.overlaps(gold.span):
            return index
    return None


def _strict_matches(gold: Sequence[TimeExpression], system: Sequence[TimeExpression]) -> int:
    gold_spans = Counter((e.start, e.end) for e in gold)
    system_spans = Counter((e.start, e.end) for e in system)
    return sum((gold_spans & system_spans).values())


def _pair_errors(name: str, gold: TimeExpression, system: TimeExpression) -> list[ScoreError]:
    errors = []
    if gold.type != system.type:
        errors.append(ScoreError("wrong_type", name, gold, system))
    if gold.value != system.value:
        errors.append(ScoreError("wrong_value", name, gold, system))
    return errors


def score_document(
    name: str,
    gold: Sequence[TimeExpression],
    system: Iterable[TimeExpression],
    excluded: Iterable[Span] = (),
) -> DocumentResult:
    """Score one document; system expressions overlapping an ``excluded`` span are dropped unscored."""
    excluded = tuple(excluded)
    scored = [s for s in system if not any(s.span.overlaps(span) for span in excluded)]
    matching = match(gold, scored)
    errors: list[ScoreError] = [ScoreError("miss", name, gold=g) for g in matching.missed]
    errors += [ScoreError("spurious", name, system=s) for s in matching.spurious]
    for gold_expression, system_expression in matching.pairs:
        errors += _pair_errors(name, gold_expression, system_expression)
    errors.sort(key=_error_position)
    scores = Scores(
        gold=len(gold),
        system=len(scored),
        strict=_strict_matches(gold, scored),
        relaxed=len(matching.pairs),
        type_correct=sum(g.type == s.type for g, s in matching.pairs),
        value_correct=sum(g.value == s.value for g, s in matching.pairs),
    )
    return DocumentResult(name, scores, tuple(errors))


def _error_position(error: ScoreError) -> tuple[int, int]:
    expression = error.gold if error.gold is not None else error.system
    assert expression is not None
    return expression.start, expression.end


def evaluate(
    documents: Iterable[tuple[str, Sequence[TimeExpression], Iterable[TimeExpression], Iterable[Span]]],
) -> Evaluation:
    """Score ``(name, gold, system, excluded)`` documents and micro-average them."""
    return Evaluation(tuple(score_document(*document) for document in documents))


def evaluate_timeml(documents: Sequence[TimeMLDocument], config: Config) -> Evaluation:
    """Run the engine on each document's text, anchored on its DCT, and score it against the document's gold.

    Every anchor is checked before any document is processed, so a missing DCT fails at once.
    """
    anchors = [document.anchor(config.mode) for document in documents]
    return evaluate(
        (document.name, document.gold, find_times(document.text, anchor, config=config), document.excluded)
        for document, anchor in zip(documents, anchors, strict=True)
    )


def _percent(ratio: float) -> str:
    return f"{100 * ratio:5.1f}"


def format_scores(scores: Scores, documents: int) -> str:
    """The figures TempEval-3 reports, as percentages with one decimal, with the counts behind them."""
    return "\n".join(
        [
            f"documents {documents}  gold {scores.gold}  system {scores.system}",
            f"strict   P {_percent(scores.strict_precision)}  R {_percent(scores.strict_recall)}  "
            f"F1 {_percent(scores.strict_f1)}  ({scores.strict} exact spans)",
            f"relaxed  P {_percent(scores.relaxed_precision)}  R {_percent(scores.relaxed_recall)}  "
            f"F1 {_percent(scores.relaxed_f1)}  ({scores.relaxed} overlapping pairs)",
            f"type     accuracy {_percent(scores.type_accuracy)}  F1 {_percent(scores.type_f1)}  "
            f"({scores.type_correct} of {scores.relaxed} pairs)",
            f"value    accuracy {_percent(scores.value_accuracy)}  F1 {_percent(scores.value_f1)}  "
            f"({scores.value_correct} of {scores.relaxed} pairs)",
        ]
    )


def format_by_document(evaluation: Evaluation) -> str:
    """One line per document: counts, relaxed F1 and value F1."""
    width = max([len("document")] + [len(document.name) for document in evaluation.documents])
    lines = [f"{'document':<{width}}  gold  system  strict F1  relaxed F1  value F1"]
    for document in evaluation.documents:
        s = document.scores
        lines.append(
            f"{document.name:<{width}}  {s.gold:4d}  {s.system:6d}  {_percent(s.strict_f1):>9}  "
            f"{_percent(s.relaxed_f1):>10}  {_percent(s.value_f1):>8}"
        )
    return "\n".join(lines)
