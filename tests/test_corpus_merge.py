"""The cross-article merge: which reports are one event, what a merged incident says, and associativity."""

from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.corpus.export import corpus_timeline
from timeline.corpus.generate import generate, score_merge
from timeline.corpus.merge import Estimate, MergedIncident, MergeState, combine, estimate, finalize, state_of
from timeline.corpus.records import Article, ArticleResult
from timeline.corpus.worker import analyse


def _result(identifier: str, text: str, published: str, outlet: str = "") -> ArticleResult:
    result = analyse(Article(identifier, identifier, text=text, published=published, source=outlet or identifier))
    assert result.done, result.record.error
    return result


def _merge(*articles: tuple[str, str, str]) -> tuple[MergedIncident, ...]:
    return finalize(state_of(_result(*article) for article in articles))


def _summary(incidents: tuple[MergedIncident, ...]) -> list[tuple]:
    return [(i.type, i.date, tuple(sorted(i.documents))) for i in incidents]


def test_one_event_reported_by_three_outlets_in_their_own_words() -> None:
    merged = _merge(
        ("a", "Ukrainian forces shelled Horlivka on Sunday, killing two people and wounding five.", "2014-07-14"),
        (
            "b",
            "On Sunday, Kiev regime forces shelled residential areas of Horlivka, killing three civilians.",
            "2014-07-15",
        ),
        (
            "c",
            "Two people were killed when the Ukrainian army shelled Horlivka yesterday, officials said.",
            "2014-07-14",
        ),
    )
    assert _summary(merged) == [("shelling", "2014-07-13", ("a", "b", "c"))]
    incident = merged[0]
    assert incident.killed == Estimate(best=2, low=2, high=3, reports=3)
    assert incident.injured == Estimate(best=5, low=5, high=5, reports=1)
    assert incident.actor1 == "Ukrainian forces"
    assert incident.outlets == ("a", "b", "c")
    assert not incident.date_conflict
    assert [s.sentence for s in incident.sources][1].startswith("On Sunday, Kiev regime forces")


def test_same_day_same_town_stays_apart_when_types_or_actors_differ() -> None:
    merged = _merge(
        ("a", "Ukrainian forces shelled Luhansk on Sunday, killing four people.", "2014-07-14"),
        ("b", "Pro-Russian separatists shelled Luhansk on Sunday, killing two people.", "2014-07-14"),
        ("c", "About 300 protesters rallied in central Luhansk on Sunday to demand an end to the war.", "2014-07-14"),
        ("d", "Kiev regime forces shelled Luhansk on Sunday, killing four civilians.", "2014-07-15"),
    )
    assert sorted(_summary(merged)) == [
        ("protest", "2014-07-13", ("c",)),
        ("shelling", "2014-07-13", ("a", "d")),
        ("shelling", "2014-07-13", ("b",)),
    ]


def test_the_same_thing_the_next_day_is_another_incident() -> None:
    merged = _merge(
        ("a", "Ukrainian forces shelled Shakhtarsk on Saturday, killing two people.", "2014-07-14"),
        ("b", "Ukrainian forces shelled Shakhtarsk on Sunday, killing five people.", "2014-07-14"),
    )
    assert _summary(merged) == [("shelling", "2014-07-12", ("a",)), ("shelling", "2014-07-13", ("b",))]


def test_a_report_a_day_off_joins_the_incident_most_sources_date() -> None:
    text = "Rebels attacked a checkpoint near Debaltseve on {}, killing three soldiers and wounding six."
    merged = _merge(
        ("a", text.format("Sunday"), "2014-07-14"),
        ("b", text.format("July 13"), "2014-07-15"),
        ("c", text.format("Saturday"), "2014-07-14"),  # the same figures, dated the day before
    )
    assert _summary(merged) == [("attack", "2014-07-13", ("a", "b", "c"))]
    incident = merged[0]
    assert [(d.date, d.sources) for d in incident.dates] == [("2014-07-13", 2), ("2014-07-12", 1)]
    assert incident.date_conflict


def test_a_coarse_date_joins_the_one_incident_it_fits() -> None:
    merged = _merge(
        ("a", "Ukrainian warplanes bombed Kramatorsk on July 9, killing four people.", "2014-07-09"),
        ("b", "Ukrainian warplanes bombed Kramatorsk on July 10, killing one person.", "2014-07-10"),
        ("c", "Last week, Ukrainian warplanes bombed Kramatorsk, killing one person.", "2014-07-15"),
        ("d", "Earlier this month, Ukrainian warplanes bombed Kramatorsk.", "2014-07-15"),
    )
    # "last week" fits both; its casualty figure picks July 10. "earlier this month" fits both and says no more.
    assert _summary(merged) == [
        ("air_strike", "2014-07", ("d",)),
        ("air_strike", "2014-07-09", ("a",)),
        ("air_strike", "2014-07-10", ("b", "c")),
    ]
    assert [(d.date, d.time_precision) for d in merged[2].dates] == [("2014-07-10", 1), ("2014-W28", 2)]
    assert not merged[2].date_conflict  # the week contains the day


def test_a_less_specific_actor_joins_the_one_specific_incident() -> None:
    merged = _merge(
        ("a", "Pro-Russian rebels ambushed an army convoy outside Kramatorsk on Sunday.", "2014-07-14"),
        ("b", "Separatist fighters ambushed an army convoy outside Kramatorsk on Sunday.", "2014-07-14"),
        ("c", "Ukrainian troops shelled Kramatorsk on Sunday.", "2014-07-14"),
    )
    assert sorted(_summary(merged)) == [("attack", "2014-07-13", ("a", "b")), ("shelling", "2014-07-13", ("c",))]
    assert merged[0].actor1 == "Pro-Russian rebels"


def test_a_death_report_joins_the_violent_incident_at_that_place_and_day() -> None:
    merged = _merge(
        (
            "a",
            "Pro-Russian rebels ambushed an army convoy outside Kramatorsk on Sunday, killing two soldiers.",
            "2014-07-14",
        ),
        ("b", "Two soldiers died in Kramatorsk on Sunday.", "2014-07-14"),
    )
    assert _summary(merged) == [("attack", "2014-07-13", ("a", "b"))]
    assert [s.incident.type for s in merged[0].sources] == ["attack", "death"]


def test_wire_copies_merge_without_a_date_or_a_place() -> None:
    text = "Gunmen stormed the offices of a regional newspaper and took away its computers, the editor said."
    merged = _merge(
        ("a", text, "2014-07-14"), ("b", text, "2014-07-14"), ("c", text.replace("Gunmen", "Thieves"), "2014-07-14")
    )
    assert sorted(len(i.sources) for i in merged) == [1, 2]


def test_an_incident_in_two_towns_is_one_report_per_town() -> None:
    merged = _merge(
        ("a", "Ukrainian forces shelled Donetsk and Luhansk on Sunday, killing four people.", "2014-07-14"),
        ("b", "Ukrainian forces shelled Donetsk on Sunday, killing one person.", "2014-07-14"),
        ("c", "Ukrainian forces shelled Luhansk on Sunday, killing three people.", "2014-07-14"),
    )
    assert sorted(_summary(merged)) == [("shelling", "2014-07-13", ("a", "b")), ("shelling", "2014-07-13", ("a", "c"))]
    assert {len(i.places) for i in merged} == {1}


def test_nearby_towns_merge_only_on_the_same_figures() -> None:
    # Donetsk and Makiivka are 9.6 km apart.
    merged = _merge(
        ("a", "Ukrainian forces shelled Donetsk on Sunday, killing seven people and wounding 12.", "2014-07-14"),
        ("b", "Ukrainian forces shelled Makiivka on Sunday, killing seven people and wounding 12.", "2014-07-14"),
        ("c", "Ukrainian forces shelled Makiivka on Saturday, killing two people.", "2014-07-14"),
        ("d", "Ukrainian forces shelled Donetsk on Saturday, killing three people.", "2014-07-14"),
    )
    assert sorted(_summary(merged)) == [
        ("shelling", "2014-07-12", ("c",)),
        ("shelling", "2014-07-12", ("d",)),
        ("shelling", "2014-07-13", ("a", "b")),
    ]


def test_estimates_as_ucdp_codes_them() -> None:
    assert estimate([]) is None
    assert estimate([3, 5, 5, 40]) == Estimate(best=5, low=3, high=40, reports=4)
    assert estimate([2, 4]) == Estimate(best=2, low=2, high=4, reports=2)  # a tie: the lower figure


def test_merged_graph_weights_and_first_and_last_dates() -> None:
    results = [
        _result("a", "Ukrainian forces shelled Horlivka on Sunday, killing two people.", "2014-07-14"),
        _result("b", "Ukrainian forces shelled Horlivka on Friday, killing five people.", "2014-07-14"),
        _result("c", "Ukrainian forces shelled Horlivka on July 11, killing five civilians.", "2014-07-15"),
    ]
    state = state_of(results)
    corpus = corpus_timeline(finalize(state), state.places, state.place_documents, 3, 0)
    graph = corpus.timeline.graph
    horlivka = next(p.id for p in corpus.timeline.places if p.name == "Horlivka")
    loops = [d for _, _, d in graph.edges(horlivka, data=True) if d["relation"] == "incident"]
    assert [(d["weight"], d["first"], d["last"]) for d in loops] == [(2, "2014-07-11", "2014-07-13")]
    node = graph.nodes[horlivka]
    assert (node["incidents"], node["first_incident"], node["last_incident"]) == (2, "2014-07-11", "2014-07-13")
    assert corpus.place_documents[horlivka] == 3


# --- associativity ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _generated() -> tuple[tuple[ArticleResult, ...], str]:
    corpus = generate(40, seed=11)
    results = tuple(
        analyse(Article(a.id, a.id, text=a.text, published=a.published.isoformat(), source=a.source))
        for a in corpus.articles
    )
    reference = _fingerprint(finalize(state_of(results)))
    return results, reference


def _fingerprint(incidents: tuple[MergedIncident, ...]) -> str:
    return json.dumps([i.to_dict() for i in incidents], sort_keys=True)


def _tree(states: list[MergeState], cuts: list[int]) -> MergeState:
    """Combine states as a tree whose shape the cut points decide."""
    if len(states) == 1:
        return states[0]
    cut = 1 + cuts[0] % (len(states) - 1) if cuts else len(states) // 2
    rest = cuts[1:]
    return combine(_tree(states[:cut], rest), _tree(states[cut:], rest))


@settings(max_examples=25, deadline=None, derandomize=True)  # the same examples every run, as elsewhere
@given(order=st.permutations(range(40)), groups=st.integers(2, 12), cuts=st.lists(st.integers(0, 100), max_size=8))
def test_any_order_and_any_bracketing_give_the_same_timeline(order: list[int], groups: int, cuts: list[int]) -> None:
    results, reference = _generated()
    shuffled = [results[i] for i in order]
    size = -(-len(shuffled) // groups)
    states = [state_of(shuffled[i : i + size]) for i in range(0, len(shuffled), size)]
    assert _fingerprint(finalize(_tree(states, cuts))) == reference


def test_combine_leaves_its_inputs_as_they_were() -> None:
    results, reference = _generated()
    left, right = state_of(results[:20]), state_of(results[20:])
    before = (len(left.reports), dict(left.blocks), len(right.reports), dict(right.blocks))
    combine(left, right)
    assert (len(left.reports), dict(left.blocks), len(right.reports), dict(right.blocks)) == before
    assert _fingerprint(finalize(combine(right, left))) == reference


def test_merge_quality_on_a_generated_corpus() -> None:
    corpus = generate(150, seed=4)
    results = [
        analyse(Article(a.id, a.id, text=a.text, published=a.published.isoformat(), source=a.source))
        for a in corpus.articles
    ]
    scores = score_merge(corpus, finalize(state_of(results)))
    assert scores.found >= 0.99 * scores.mentions
    assert scores.pair_precision >= 0.95
    assert scores.pair_recall >= 0.80
