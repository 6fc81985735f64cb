"""TempEval-3 Task A scoring on hand-built gold and system expressions, with exact expected numbers."""

from __future__ import annotations

import pytest

from timeline.evaluate import (
    Scores,
    evaluate,
    format_by_document,
    format_scores,
    match,
    score_document,
)
from timeline.model import Span, TimeExpression


def tx(start: int, end: int, value: str = "2014-07-13", type_: str = "DATE") -> TimeExpression:
    return TimeExpression(start, end, "x" * (end - start), type_, value)  # type: ignore[arg-type]


def spans(expressions: tuple[TimeExpression, ...]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in expressions]


def test_identical_annotations_score_one_everywhere() -> None:
    gold = [tx(0, 7), tx(20, 29, "2014-W28", "DATE"), tx(40, 47, "P3Y", "DURATION")]
    result = score_document("d", gold, list(gold))
    assert result.scores == Scores(gold=3, system=3, strict=3, relaxed=3, type_correct=3, value_correct=3)
    assert result.scores.strict_f1 == 1.0
    assert result.scores.value_f1 == 1.0
    assert result.errors == ()


def test_partial_overlap_is_relaxed_but_not_strict() -> None:
    result = score_document("d", [tx(10, 20)], [tx(15, 25)])
    assert result.scores == Scores(gold=1, system=1, strict=0, relaxed=1, type_correct=1, value_correct=1)
    assert result.scores.strict_f1 == 0.0
    assert result.scores.relaxed_f1 == 1.0


def test_touching_spans_do_not_overlap() -> None:
    # [0, 5) and [5, 10) share no character.
    result = score_document("d", [tx(0, 5)], [tx(5, 10)])
    assert result.scores.relaxed == 0
    assert [e.kind for e in result.errors] == ["miss", "spurious"]


def test_one_overlap_character_is_enough() -> None:
    result = score_document("d", [tx(0, 5)], [tx(4, 10)])
    assert result.scores.relaxed == 1


def test_one_gold_two_system_pairs_only_the_first() -> None:
    # Gold "June 20 and 28" as one expression; the system splits it in two.
    gold = [tx(0, 14, "2014-06-20")]
    system = [tx(0, 7, "2014-06-20"), tx(12, 14, "2014-06-28")]
    result = score_document("d", gold, system)
    s = result.scores
    assert s == Scores(gold=1, system=2, strict=0, relaxed=1, type_correct=1, value_correct=1)
    assert s.relaxed_precision == 0.5
    assert s.relaxed_recall == 1.0
    assert s.relaxed_f1 == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(2 / 3)
    assert [(e.kind, e.system.start if e.system else None) for e in result.errors] == [("spurious", 12)]


def test_two_gold_one_system_pairs_only_the_first() -> None:
    gold = [tx(0, 7, "2014-06-20"), tx(12, 14, "2014-06-28")]
    system = [tx(0, 14, "2014-06-20")]
    s = score_document("d", gold, system).scores
    assert s == Scores(gold=2, system=1, strict=0, relaxed=1, type_correct=1, value_correct=1)
    assert s.relaxed_precision == 1.0
    assert s.relaxed_recall == 0.5
    assert s.relaxed_f1 == pytest.approx(2 / 3)


def test_pairing_is_left_to_right_and_one_to_one() -> None:
    # X overlaps both A and B; A comes first and takes it, so B pairs with Y.
    a, b = tx(0, 10), tx(12, 20)
    x, y = tx(8, 14), tx(15, 20)
    matching = match([b, a], [y, x])
    assert [(spans((g,)), spans((s,))) for g, s in matching.pairs] == [
        ([(0, 10)], [(8, 14)]),
        ([(12, 20)], [(15, 20)]),
    ]
    assert matching.missed == ()
    assert matching.spurious == ()


def test_a_system_expression_taken_by_an_earlier_gold_is_not_reused() -> None:
    # X overlaps A and B; A takes it and B is left with nothing.
    matching = match([tx(0, 10), tx(10, 20)], [tx(5, 15)])
    assert spans(tuple(g for g, _ in matching.pairs)) == [(0, 10)]
    assert spans(matching.missed) == [(10, 20)]


def test_the_first_overlapping_system_expression_wins() -> None:
    matching = match([tx(0, 10)], [tx(6, 8), tx(2, 4)])
    assert spans(tuple(s for _, s in matching.pairs)) == [(2, 4)]
    assert spans(matching.spurious) == [(6, 8)]


def test_type_and_value_accuracy_are_over_relaxed_pairs() -> None:
    gold = [
        tx(0, 5, "2014-07-13"),
        tx(10, 15, "2014-W28"),
        tx(20, 25, "P3Y", "DURATION"),
        tx(30, 35, "2014-06"),
        tx(40, 45, "PAST_REF"),  # missed
    ]
    system = [
        tx(0, 5, "2014-07-13"),  # right
        tx(11, 15, "2014-W27"),  # wrong value
        tx(20, 25, "P3Y", "DATE"),  # wrong type, right value
        tx(30, 35, "2014-06-XX"),  # literal comparison: wrong value
        tx(50, 55, "2014"),  # spurious
    ]
    result = score_document("d", gold, system)
    s = result.scores
    assert s == Scores(gold=5, system=5, strict=3, relaxed=4, type_correct=3, value_correct=2)
    assert s.relaxed_f1 == pytest.approx(0.8)
    assert s.strict_f1 == pytest.approx(0.6)
    assert s.type_accuracy == 0.75
    assert s.value_accuracy == 0.5
    assert s.type_f1 == pytest.approx(0.6)
    assert s.value_f1 == pytest.approx(0.4)
    assert [(e.kind, (e.gold or e.system).start) for e in result.errors] == [  # type: ignore[union-attr]
        ("wrong_value", 10),
        ("wrong_type", 20),
        ("wrong_value", 30),
        ("miss", 40),
        ("spurious", 50),
    ]


def test_system_expressions_on_the_creation_time_are_dropped_unscored() -> None:
    gold = [tx(40, 47)]
    system = [tx(5, 24, "2009-12-19T17:00:00", "TIME"), tx(20, 30, "2009"), tx(40, 47)]
    result = score_document("d", gold, system, excluded=[Span(5, 24)])
    assert result.scores == Scores(gold=1, system=1, strict=1, relaxed=1, type_correct=1, value_correct=1)
    assert result.errors == ()


def test_scores_are_micro_averaged_over_documents() -> None:
    # Document one: 1 gold, 1 system, right. Document two: 3 gold, 1 system, wrong value.
    evaluation = evaluate(
        [
            ("one", [tx(0, 5)], [tx(0, 5)], ()),
            ("two", [tx(0, 5), tx(10, 15), tx(20, 25)], [tx(0, 5, "2015")], ()),
        ]
    )
    s = evaluation.scores
    assert s == Scores(gold=4, system=2, strict=2, relaxed=2, type_correct=2, value_correct=1)
    assert s.relaxed_precision == 1.0
    assert s.relaxed_recall == 0.5
    assert s.relaxed_f1 == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(1 / 3)
    # A macro-average would give the mean of 1.0 and 0.0 for value F1; the micro-average does not.
    assert [d.scores.value_f1 for d in evaluation.documents] == [1.0, 0.0]
    assert [(e.document, e.kind) for e in evaluation.errors] == [
        ("two", "wrong_value"),
        ("two", "miss"),
        ("two", "miss"),
    ]


def test_empty_sides_give_zeros_not_errors() -> None:
    assert score_document("d", [], []).scores.value_f1 == 0.0
    s = score_document("d", [tx(0, 5)], []).scores
    assert (s.relaxed_precision, s.relaxed_recall, s.relaxed_f1, s.value_accuracy) == (0.0, 0.0, 0.0, 0.0)
    s = score_document("d", [], [tx(0, 5)]).scores
    assert (s.system, s.relaxed_precision, s.relaxed_f1) == (1, 0.0, 0.0)


def test_strict_matches_are_one_to_one() -> None:
    # The same span twice in the system output matches one gold once.
    s = score_document("d", [tx(0, 5)], [tx(0, 5), tx(0, 5)]).scores
    assert (s.strict, s.relaxed, s.system) == (1, 1, 2)


def test_error_records_carry_both_sides() -> None:
    gold = TimeExpression(3, 10, "July 13", "DATE", "2014-07-13")
    system = TimeExpression(3, 10, "July 13", "DATE", "2013-07-13", rule="month_day")
    (error,) = score_document("article", [gold], [system]).errors
    assert error.to_dict() == {
        "kind": "wrong_value",
        "document": "article",
        "gold": {"start": 3, "end": 10, "text": "July 13", "type": "DATE", "value": "2014-07-13"},
        "system": {
            "start": 3,
            "end": 10,
            "text": "July 13",
            "type": "DATE",
            "value": "2013-07-13",
            "rule": "month_day",
        },
    }


def test_report_format() -> None:
    gold = [tx(0, 5), tx(10, 15), tx(20, 25), tx(30, 35)]
    system = [tx(0, 5), tx(11, 15, "2014-W28"), tx(20, 25, "P1D", "DURATION")]
    evaluation = evaluate([("news-1.tml", gold, system, ())])
    assert format_scores(evaluation.scores, len(evaluation.documents)) == (
        "documents 1  gold 4  system 3\n"
        "strict   P  66.7  R  50.0  F1  57.1  (2 exact spans)\n"
        "relaxed  P 100.0  R  75.0  F1  85.7  (3 overlapping pairs)\n"
        "type     accuracy  66.7  F1  57.1  (2 of 3 pairs)\n"
        "value    accuracy  33.3  F1  28.6  (1 of 3 pairs)"
    )
    assert format_by_document(evaluation) == (
        "document    gold  system  strict F1  relaxed F1  value F1\n"
        "news-1.tml     4       3       57.1        85.7      28.6"
    )
