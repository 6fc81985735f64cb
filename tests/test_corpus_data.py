"""Corpus mode's data files: actor keys (examples run here), merge rules, generator towns, fillers and templates."""

from __future__ import annotations

import random
from datetime import date

import pytest

import timeline
from timeline.corpus.actors import UNKNOWN, ActorKey, actor_key, load_actor_lexicon
from timeline.corpus.generate import date_phrase, load_generator_data
from timeline.corpus.merge import load_rules

LEXICON = load_actor_lexicon()


@pytest.mark.parametrize(("phrase", "key"), LEXICON.examples, ids=[p for p, _ in LEXICON.examples])
def test_actor_examples(phrase: str, key: ActorKey) -> None:
    assert actor_key(phrase) == key


def test_actor_key_of_nothing_is_unknown() -> None:
    assert actor_key(None) == UNKNOWN
    assert actor_key("") == UNKNOWN
    assert actor_key("the 12") == UNKNOWN


def test_actor_compatibility() -> None:
    ua, ru = ActorKey("UA", "military"), ActorKey("RU", "military")
    assert ua.compatible(ActorKey(None, "military"))
    assert ActorKey(None, "military").compatible(ru)
    assert not ua.compatible(ru)
    assert not ua.compatible(ActorKey("UA", "rebels"))
    assert UNKNOWN.compatible(ua)
    assert ua.specific and not ActorKey(None, "military").specific


def test_merge_rules() -> None:
    rules = load_rules()
    assert rules.near_km == 10.0
    assert rules.sentence_min_chars == 50
    assert rules.weak == frozenset({"death"})
    assert "shelling" in rules.attach["death"]


def test_every_generator_town_resolves_to_one_place_in_its_country() -> None:
    data = load_generator_data()
    country = {"front": "UA", "city": "UA", "russia": "RU"}
    for name, area in data.towns:
        found = timeline.places(f"Reports came from {name} on Monday.")
        assert [p.country for p in found] == [country[area]], name


def test_generator_fillers_report_nothing() -> None:
    data = load_generator_data()
    built = timeline.build(" ".join(data.fillers), published="2014-07-15")
    assert built.incidents == ()


def test_date_phrases_are_relative_to_the_publication_date() -> None:
    rng = random.Random(0)
    published = date(2014, 7, 15)  # a Tuesday
    assert date_phrase(rng, date(2014, 7, 15), published) in ("today", "earlier today")
    assert date_phrase(rng, date(2014, 7, 14), published) in ("yesterday", "on Monday", "on July 14")
    assert date_phrase(rng, date(2014, 7, 10), published) in ("on Thursday", "on July 10", "on 10 July")
    assert date_phrase(rng, date(2014, 7, 10), published, coarse=True) == "last week"
    assert date_phrase(rng, date(2014, 7, 14), published, coarse=True) in ("yesterday", "on Monday", "on July 14")
    assert date_phrase(random.Random(1), date(2014, 7, 2), date(2014, 7, 8), coarse=True) == "last week"
    assert date_phrase(random.Random(1), date(2014, 7, 8), date(2014, 7, 11), coarse=True) == "earlier this month"
    with pytest.raises(ValueError):
        date_phrase(rng, date(2014, 7, 1), published)


def test_every_template_is_read_as_written() -> None:
    """Each template, filled in, is one incident of its type, on its day, in its town."""
    data = load_generator_data()
    published = date(2014, 6, 18)
    day = date(2014, 6, 16)
    for number, template in enumerate(data.templates):
        town = next(name for name, area in data.towns if area in data.types[template.type]["areas"])
        actor = next((a for a in data.actors if template.type in a.kinds), None)
        name = actor.names[0] if actor else ""
        text = template.text.format(
            actor=name,
            Actor=name[:1].upper() + name[1:],
            enemy=actor.enemy[0] if actor and actor.enemy else "",
            town=town,
            when="on Monday",
            When="On Monday",
            casualties=", killing two people",
            casualty_lead="Two people were killed",
            n=300,
            few=5,
            attribution="witnesses said",
        )
        built = timeline.build(text, published=published)
        found = [(i.type, i.date_start) for i in built.incidents]
        assert found == [(template.type, day.isoformat())], (number, text)
        expected = [p.id for p in timeline.places(f"Reports came from {town} on Monday.")]
        towns = [p for p in built.incidents[0].target_ids if built.place(p).kind != "airspace"]
        assert towns == expected, (number, text)
