"""The language data of the incident extractor: its examples, its counter-examples, and its validation."""

from __future__ import annotations

import pytest

from timeline.errors import RuleError
from timeline.incidents import extract_incidents, incident_types
from timeline.incidents.casualties import find_casualties, summarize
from timeline.incidents.lexicon import _triggers, _types, load_lexicon
from timeline.incidents.text import tokenize

LEXICON = load_lexicon()
ACLED_EVENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Other",
}


@pytest.mark.parametrize("example", LEXICON.examples, ids=lambda e: e.text[:40])
def test_trigger_examples(example):
    assert [i.type for i in extract_incidents(example.text)] == list(example.types)


@pytest.mark.parametrize("example", LEXICON.counter_examples, ids=lambda e: e.text[:40])
def test_trigger_counter_examples(example):
    assert extract_incidents(example.text) == ()


@pytest.mark.parametrize("example", LEXICON.casualty_examples, ids=lambda e: e.text[:40])
def test_casualty_examples(example):
    tokens = tokenize(example.text)
    assert summarize(find_casualties(tokens, 0, len(tokens), LEXICON)) == (example.killed, example.injured)


def test_every_type_maps_onto_an_acled_event_type():
    types = incident_types()
    assert set(types) == {
        "shelling", "air_strike", "remote_explosive", "armed_clash", "attack", "airspace_violation",
        "displacement", "protest", "arrest", "raid", "diplomatic", "statement", "agreement", "death", "disaster",
        "other",
    }
    assert {t.event_type for t in types.values()} <= ACLED_EVENT_TYPES
    assert types["shelling"].sub_event_type == "Shelling/artillery/missile attack"
    assert types["air_strike"].sub_event_type == "Air/drone strike"
    assert types["armed_clash"].event_type == "Battles"


def test_every_type_has_a_trigger_and_an_example():
    with_triggers = {t.type for t in LEXICON.triggers}
    with_examples = {t for e in LEXICON.examples for t in e.types}
    assert with_triggers == set(incident_types())
    assert with_examples == set(incident_types())


def test_a_trigger_of_an_unknown_type_is_a_rule_error():
    types = _types({"other": {"label": "other", "event_type": "Other", "sub_event_type": "Other", "violent": False,
                              "remote": False, "speech": False, "color": "#000000"}})
    with pytest.raises(RuleError, match=r"trigger #1: unknown type 'bombing'"):
        _triggers({"trigger": [{"type": "bombing", "kind": "verb", "phrases": ["bombed"]}]}, types)


def test_a_phrase_that_starts_with_a_gap_is_a_rule_error():
    with pytest.raises(RuleError, match="cannot start or end with a gap"):
        _triggers({"trigger": [{"type": "other", "kind": "verb", "phrases": ["* fired"]}]}, LEXICON.types)


def test_a_type_without_acled_names_is_a_rule_error():
    with pytest.raises(RuleError, match=r"type 'x' lacks event_type"):
        _types({"x": {"label": "x", "sub_event_type": "y", "violent": True, "remote": False, "speech": False,
                      "color": "red"}})
