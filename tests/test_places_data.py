"""The language knowledge in timeline/places/data: every file loads, and the examples written beside the rules
hold (the negative list of stoplist.toml among them)."""

from __future__ import annotations

import pytest

import timeline
from timeline.errors import RuleError
from timeline.places import default_gazetteer
from timeline.places.lexicon import _load_countries, _load_folds, _load_kinds, examples, fold, load_lexicon

LEXICON = load_lexicon()


def _mentions(text: str) -> set[str]:
    return {mention.text for place in timeline.places(text) for mention in place.mentions}


# --- countries.toml ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", examples("countries.toml"), ids=lambda e: e["word"])
def test_country_example(example: dict) -> None:
    key = fold(example["word"], LEXICON.folds)
    found = LEXICON.adjectives.get(key) or frozenset(filter(None, [LEXICON.country_aliases.get(key)]))
    assert sorted(found) == example["countries"]


def test_every_country_code_exists_in_the_gazetteer() -> None:
    known = set(default_gazetteer().countries())
    used = set(LEXICON.country_aliases.values()) | set(LEXICON.exact_aliases.values())
    used |= {code for codes in LEXICON.adjectives.values() for code in codes}
    assert used - known == set()


# --- translit.toml ----------------------------------------------------------------------------------------


def _pair(example: dict) -> str:
    return "/".join(example.get("same", example.get("different", [])))


@pytest.mark.parametrize("example", examples("translit.toml"), ids=_pair)
def test_spelling_fold_example(example: dict) -> None:
    if "same" in example:
        first, second = example["same"]
        assert fold(first, LEXICON.folds) == fold(second, LEXICON.folds)
    else:
        first, second = example["different"]
        assert fold(first, LEXICON.folds) != fold(second, LEXICON.folds)


# --- cues.toml --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", examples("cues.toml"), ids=lambda e: e["text"][:40])
def test_cue_example(example: dict) -> None:
    found = {(p.name, p.kind, p.country) for p in timeline.places(example["text"])}
    for expected in example["expect"]:
        assert (expected["name"], expected["kind"], expected["country"]) in found


# --- stoplist.toml: the negative list ---------------------------------------------------------------------

NEGATIVES = examples("stoplist.toml")


@pytest.mark.parametrize("example", NEGATIVES, ids=lambda e: e["text"][:40])
def test_negative_example(example: dict) -> None:
    mentions = _mentions(example["text"])
    allowed = set(example["places"])
    for word in example["not_places"]:
        offending = {m for m in mentions - allowed if m == word or word in m.split()}
        assert offending == set(), f"{word!r} taken for a place in {example['text']!r}"
    assert allowed <= mentions


def test_the_negative_list_is_long_enough_to_mean_something() -> None:
    assert sum(len(example["not_places"]) for example in NEGATIVES) >= 50


# --- regions.toml and common_words.txt --------------------------------------------------------------------


@pytest.mark.parametrize(
    "region", [r for regions in LEXICON.regions.values() for r in regions], ids=lambda r: f"{r.name}-{r.country}"
)
def test_every_region_seat_exists(region) -> None:
    gazetteer = default_gazetteer()
    found = [m.entry for m in gazetteer.lookup(fold(region.name, LEXICON.folds)) if m.entry.kind == "region"]
    assert any(entry.country == region.country and entry.name == region.name for entry in found)


def test_common_words_are_lower_case_words() -> None:
    assert all(word.isalpha() and word == word.lower() for word in LEXICON.common_words)
    assert {"battle", "mobile", "nice", "most"} <= LEXICON.common_words
    assert "spain" not in LEXICON.common_words and "turkey" not in LEXICON.common_words


def test_kind_words_know_their_plurals() -> None:
    assert LEXICON.kind_words["cities"].plural and not LEXICON.kind_words["city"].plural
    assert LEXICON.kind_words["border posts"].plural
    assert LEXICON.kind_words["checkpoints"].named and LEXICON.kind_words["checkpoints"].anchor == "town"


# --- validation ---------------------------------------------------------------------------------------------


def test_a_kind_with_an_unknown_kind_is_refused() -> None:
    with pytest.raises(RuleError, match=r"cues\.toml: kind 1: unknown kind 'fortress'"):
        _load_kinds({"kind": [{"words": ["fort"], "kind": "fortress"}]}, ())


def test_a_kind_without_words_is_refused() -> None:
    with pytest.raises(RuleError, match="kind 1 words must be a list"):
        _load_kinds({"kind": [{"kind": "town"}]}, ())


def test_a_country_code_must_be_iso() -> None:
    with pytest.raises(RuleError, match="'Russia' is not an ISO 3166-1 alpha-2 code"):
        _load_countries({"countries": {"Russia": {"adjectives": ["Russian"]}}}, ())


def test_a_fold_rule_needs_both_sides() -> None:
    with pytest.raises(RuleError, match="rule 1 needs `from` and `to`"):
        _load_folds({"rule": [{"from": "yi"}]})
