"""The temporal engine as a user meets it: find_times on whole texts, anchoring, tense, errors."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from timeline import AnchorError, Config, find_times
from timeline.temporal import recognize
from timeline.temporal.calendar import easter, movable_feast
from timeline.temporal.recognize import _last_letters

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "reference" / "border-shelling-2014-07-14.txt"
EXAMPLE = ROOT / "examples" / "border-report-2014-07-14.txt"

# A report in our own words on the seed article's facts, published Monday 2014-07-14.
REPORT = (
    "Border clashes flared over the weekend. On Sunday, shells landed in the Russian town and killed a man. "
    "On Saturday, troops fired across the frontier, and on Saturday evening a second barrage followed. "
    "Mortars struck a checkpoint on June 20 and another on June 28; the first was hit again on July 3 and "
    "July 5. Officials warned last week that more people could flee. Last week, the president vowed revenge. "
    "The government came to power after the coup this February. Last month, an envoy visited the capital. "
    "In a call last Thursday the chancellor urged restraint. We did not shoot, a spokesman said. "
    "One day we will go home, a refugee said."
)


def values(text: str, anchor: str | None = "2014-07-14", **options: object) -> list[tuple[str, str]]:
    config = Config(**options)  # type: ignore[arg-type]
    return [(e.text, e.value) for e in find_times(text, anchor, config=config)]


def test_report_on_the_seed_facts() -> None:
    assert values(REPORT) == [
        ("the weekend", "2014-W28-WE"),
        ("Sunday", "2014-07-13"),
        ("Saturday", "2014-07-12"),
        ("Saturday evening", "2014-07-12TEV"),
        ("June 20", "2014-06-20"),
        ("June 28", "2014-06-28"),
        ("July 3", "2014-07-03"),
        ("July 5", "2014-07-05"),
        ("last week", "2014-W28"),
        ("Last week", "2014-W28"),
        ("this February", "2014-02"),
        ("Last month", "2014-06"),
        ("last Thursday", "2014-07-10"),
    ]


def _must_show(found: list[tuple[str, str]]) -> None:
    expected = {
        "the weekend": {"2014-W28-WE"},
        "Sunday": {"2014-07-13"},
        "Saturday": {"2014-07-12"},
        "June 20": {"2014-06-20"},
        "June 28": {"2014-06-28"},
        "July 3": {"2014-07-03"},
        "July 5": {"2014-07-05"},
        "last week": {"2014-W28"},
        "Last week": {"2014-W28"},
        "this February": {"2014-02"},
        "Last month": {"2014-06"},
        "last Thursday": {"2014-07-10"},
    }
    for surface, wanted in expected.items():
        got = {value for text, value in found if text == surface}
        assert got == wanted, surface
    assert not any(text in ("We", "one day", "One day") for text, _ in found)


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside this checkout")
def test_seed_article() -> None:
    _must_show(values(SEED.read_text(encoding="utf-8")))


def test_example_article() -> None:
    _must_show(values(EXAMPLE.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shells hit the town on Sunday.", [("Sunday", "2014-07-13")]),
        ("Talks will resume on Sunday.", [("Sunday", "2014-07-20")]),
        ("The court rules on Wednesday.", [("Wednesday", "2014-07-16")]),
        ("Officials said on Friday that talks would resume.", [("Friday", "2014-07-11")]),
        ("Schools will stay closed until Thursday.", [("Thursday", "2014-07-17")]),
    ],
)
def test_weekdays_follow_the_tense(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_a_bare_month_takes_the_direction_of_the_verb() -> None:
    assert values("The deal collapsed in December.", "2014-03-10") == [("December", "2013-12")]
    assert values("The deal will be signed in December.", "2014-03-10") == [("December", "2014-12")]
    assert values("The fair opens in December.", "2014-03-10") == [("December", "2013-12")]


def test_narrative_mode_anchors_on_the_last_date_mentioned() -> None:
    text = (
        "The siege began on 3 March 1942. Two days later the walls fell. The following year the city was "
        "rebuilt, and that spring a new bridge opened."
    )
    assert values(text, None, mode="narrative") == [
        ("3 March 1942", "1942-03-03"),
        ("Two days later", "1942-03-05"),
        ("The following year", "1943"),
        ("that spring", "1943-SP"),
    ]


def test_news_mode_counts_deictic_times_from_the_publication_date() -> None:
    text = "The siege began on 3 March 1942. A year ago the museum opened."
    assert values(text) == [("3 March 1942", "1942-03-03"), ("A year ago", "2013")]


def test_spans_are_views_of_the_untouched_text() -> None:
    text = "On  Sunday,\n\nshells fell; by mid-June the\tfront had moved, and about three years later it stopped."
    for expression in find_times(text, "2014-07-14"):
        assert text[expression.start : expression.end] == expression.text


def test_modifiers() -> None:
    text = "In early July, more than two weeks of rain fell."
    found = {e.text: (e.value, e.mod) for e in find_times(text, "2014-07-14")}
    assert found == {"early July": ("2014-07", "START"), "more than two weeks": ("P2W", "MORE_THAN")}


def test_coordinated_days_and_ranges() -> None:
    assert values("Posts were hit on June 20 and 28, and from July 3 to July 5.") == [
        ("June 20", "2014-06-20"),
        ("28", "2014-06-28"),
        ("July 3", "2014-07-03"),
        ("July 5", "2014-07-05"),
    ]
    assert values("The war lasted from 1939-1945.", None, mode="narrative") == [("1939", "1939"), ("1945", "1945")]
    assert values("Strikes were held on June 20-28.") == [("June 20", "2014-06-20"), ("28", "2014-06-28")]
    assert values("Between 1939 and 1945 the city was occupied.") == [("1939", "1939"), ("1945", "1945")]



@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # A past verb alone would put March last year; the range keeps it after January.
        ("The survey, published on Friday, covered the months from January through March.", "1998-02-06",
         ["1998-02-06", "1998-01", "1998-03"]),
        ("Sales rose from Dec. 28 until Jan. 3, the chain said.", "2014-07-14", ["2013-12-28", "2014-01-03"]),
        ("Tolls rose between November and January, the agency said.", "1998-02-06", ["1997-11", "1998-01"]),
        ("The fair runs from Dec. 28 to Jan. 3.", "2014-07-14", ["2014-12-28", "2015-01-03"]),
        # No "from" or "between" before them: two dates, each read on its own.
        ("Floods hit in March and again in January.", "1998-02-06", ["1997-03", "1998-01"]),
        ("Prices fell in April to levels last seen in March.", "2014-07-14", ["2014-04", "2014-03"]),
    ],
)
def test_the_end_of_a_range_does_not_come_before_its_start(text: str, anchor: str, expected: list[str]) -> None:
    assert [value for _, value in values(text, anchor)] == expected

def test_day_first_is_a_setting() -> None:
    assert values("Signed on 03/04/2012.") == [("03/04/2012", "2012-03-04")]
    assert values("Signed on 03/04/2012.", day_first=True) == [("03/04/2012", "2012-04-03")]


def test_expressions_are_frozen_and_typed() -> None:
    (expression,) = find_times("Prices rose last week.", date(2014, 7, 14))
    assert expression.to_dict() == {"start": 12, "end": 21, "text": "last week", "type": "DATE", "value": "2014-W28"}
    with pytest.raises(AttributeError):
        expression.value = "x"  # type: ignore[misc]


def test_anchor_forms() -> None:
    for anchor in ("2014-07-14", "2014-07-14T09:30:00Z", "14 July 2014", "July 14, 2014", datetime(2014, 7, 14, 9)):
        assert values("It rained yesterday.", anchor) == [("yesterday", "2014-07-13")]  # type: ignore[arg-type]


@pytest.mark.parametrize("anchor", ["yesterday", "2014-13-01", "14 July", "soon", "07/2014"])
def test_an_anchor_that_is_not_a_date_is_refused(anchor: str) -> None:
    with pytest.raises(AnchorError, match="is not a date: use YYYY-MM-DD"):
        find_times("It rained on Sunday.", anchor)


def test_news_without_a_publication_date_is_an_error_not_today() -> None:
    with pytest.raises(AnchorError, match="needs its publication date"):
        find_times("It rained on Sunday.", None)


def test_narrative_without_an_anchor_leaves_unknown_years_unknown() -> None:
    assert values("In March the army moved; on Sunday it rained.", None, mode="narrative") == [
        ("March", "XXXX-03"),
        ("Sunday", "XXXX-WXX-7"),
    ]


def test_output_is_deterministic() -> None:
    assert find_times(REPORT, "2014-07-14") == find_times(REPORT, "2014-07-14")


def test_movable_feasts() -> None:
    assert easter(2014) == date(2014, 4, 20)
    assert easter(2000) == date(2000, 4, 23)
    assert movable_feast("11/4/4", 2016) == date(2016, 11, 24)
    assert movable_feast("5/1/-1", 2014) == date(2014, 5, 26)
    assert movable_feast("easter-2", 2011) == date(2011, 4, 22)


def test_this_weekend_depends_on_the_day_of_publication() -> None:
    text = "Residents were told to prepare for more flooding this weekend."
    assert values(text, "2024-01-05") == [("this weekend", "2024-W01-WE")]  # a Friday: the coming one
    text = "This weekend's storm flooded the town."
    assert values(text, "2024-01-08") == [("This weekend", "2024-W01-WE")]  # a Monday, past: the one just gone


def test_tense_is_looked_for_only_where_resolution_reads_it() -> None:
    """The engine skips the tense search for a calendar date that needs none (it has its year, or narrative mode
    takes the year from the story): the value must then be the same whatever the tense, for every such mention of
    the rule examples, in both modes and against two reference dates."""
    from timeline.temporal.calendar import Point
    from timeline.temporal.recognize import recognize
    from timeline.temporal.resolve import Context, reads_tense, resolve
    from timeline.temporal.rules import load_rules

    texts = [example.text for rule in load_rules().rules for example in rule.examples]
    checked = 0
    for mode in ("news", "narrative"):
        for text in texts:
            for mention in recognize(text, mode):
                if mention.kind != "calendar" or reads_tense(mention, mode):
                    continue
                for reference in (Point.of(date(2014, 7, 14)), Point.of(date(1944, 2, 29))):
                    values = {
                        resolve(mention, Context(mode=mode, speech=date(2014, 7, 14), reference=reference, tense=t))
                        for t in (None, "past", "future", "same")
                    }
                    assert len(values) == 1, (text, mention)
                checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    ("words", "last"),
    [("the end of", "of"), ("ca.", "ca"), ("(about", "about"), ("x.about", "about"), ("1990s", "s"), ("--", "")],
)
def test_the_last_letters_of_words_are_what_a_modifier_gate_compares(words, last):
    assert _last_letters(words) == last


@pytest.mark.parametrize(
    ("text", "value", "mod", "span"),
    [
        ("Prices fell in the end of June 2014.", "2014-06", "END", "the end of June 2014"),
        ("Prices fell ca. 1990 in the region.", "1990", "APPROX", "ca. 1990"),
        ("Prices fell (about three years) here.", "P3Y", "APPROX", "about three years"),
        ("Prices fell mid-June here.", "2014-06", "MID", "mid-June"),
        ("Prices fell in 1990. About three years later they rose.", "1993", None, "three years later"),
    ],
)
def test_modifiers_widen_what_follows_them(text, value, mod, span):
    found = [e for e in find_times(text, "2014-07-14") if e.value == value]
    assert [(e.text, e.mod) for e in found] == [(span, mod)]


def test_the_same_words_found_again_elsewhere_keep_their_own_offsets():
    first = find_times("Talks began on Sunday.", "2014-07-14")
    again = find_times("After a long delay, talks began on Sunday.", "2014-07-14")
    assert [(e.start, e.end, e.text, e.value) for e in first] == [(15, 21, "Sunday", "2014-07-13")]
    assert [(e.start, e.end, e.text, e.value) for e in again] == [(35, 41, "Sunday", "2014-07-13")]


def test_the_memo_of_built_mentions_stays_bounded(monkeypatch):
    monkeypatch.setattr(recognize, "MAX_BUILT", 3)
    recognize._BUILT.clear()
    found = find_times("On 3 June, 4 June, 5 June and 6 June 2014 it rained.", "2014-07-14")
    assert [e.value for e in found] == ["2014-06-03", "2014-06-04", "2014-06-05", "2014-06-06"]
    assert len(recognize._BUILT) <= 3
