"""Language knowledge about places, loaded from the TOML files in ``timeline/places/data``.

Everything here is small and English-specific: country adjectives, cue words, stop-lists, spelling folds. The
gazetteer itself (GeoNames) lives in :mod:`timeline.places.gazetteer`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import RuleError

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

_DATA = "timeline.places"  # the data files are in its data/ folder
_APOSTROPHES = "'’ʼʹ`´‘"
# Apostrophes and periods go, hyphens become spaces, and letters NFKD cannot split lose their stroke (Łódź,
# Đồng Xoài, Tromsø).
_PUNCTUATION = str.maketrans(
    {**dict.fromkeys(_APOSTROPHES + ".", None), "-": " ", "đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe",
     "þ": "th", "ð": "d", "ı": "i", "ħ": "h"}
)
# Combining marks left by NFKD (accents, cedillas...): the blocks Latin-script names use.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CANDIDATE_KINDS = frozenset({"populated", "region", "country"})
_ANCHORS = frozenset({"town", "region", "none"})
_PLACE_KINDS = frozenset(
    {"country", "region", "city", "town", "village", "suburb", "district", "checkpoint", "border crossing",
     "square", "airspace", "place"}
)


@dataclass(frozen=True, slots=True)
class KindWord:
    """A word that names a kind of place ("town", "checkpoint"); see cues.toml for the fields."""

    kind: str
    of: bool
    named: bool
    anchor: str
    candidates: frozenset[str]
    relation: str | None
    adjective: bool
    plural: bool
    capitalized: bool


@dataclass(frozen=True, slots=True)
class RegionName:
    """A first-level region named in regions.toml, located through a city inside it."""

    name: str
    country: str
    seat: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All the language knowledge the place recognizer uses, keyed by folded text (see :func:`fold`)."""

    folds: tuple[tuple[str, str], ...]
    country_aliases: dict[str, str]  # folded alias -> ISO code
    exact_aliases: dict[str, str]  # alias as written -> ISO code
    adjectives: dict[str, frozenset[str]]  # folded adjective -> ISO codes
    regions: dict[str, tuple[RegionName, ...]]  # folded region name -> regions
    kind_words: dict[str, KindWord]  # folded word or two words -> kind
    near: frozenset[str]
    modifiers: frozenset[str]
    directions: frozenset[str]
    inside: frozenset[str]
    above: frozenset[str]
    stance_prefixes: frozenset[str]
    articles: frozenset[str]
    capital: frozenset[str]
    abbreviations: frozenset[str]
    state_abbreviations: dict[str, str]  # abbreviation as written -> US state code
    district_strip: tuple[str, ...]  # folded endings, longest first
    district_add: tuple[str, ...]
    never: frozenset[str]
    sentence_start: frozenset[str]
    function: frozenset[str]
    titles: frozenset[str]
    common_words: frozenset[str]  # folded; see common_words.txt
    sentence_start_endings: tuple[str, ...]
    prefixes: frozenset[str]  # proper token prefixes of every multi-word key above

    def fold(self, text: str) -> str:
        return fold(text, self.folds)


def fold(text: str, folds: tuple[tuple[str, str], ...] = ()) -> str:
    """The comparison key of a name: no accents, no case, no apostrophes or periods, one space between words,
    and romanization variants folded."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    key = " ".join(text.casefold().translate(_PUNCTUATION).split())
    for old, new in folds:
        if old in key:
            key = key.replace(old, new)
    return key


def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files(_DATA).joinpath("data", name).read_bytes()
    except OSError as error:
        raise RuleError(f"places/data/{name}: cannot read ({error})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleError(f"places/data/{name}: {error}") from None


def _strings(source: str, where: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise RuleError(f"places/data/{source}: {where} must be a list of non-empty strings")
    return value


def _load_folds(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    rules = []
    for number, rule in enumerate(data.get("rule", []), 1):
        old, new = rule.get("from"), rule.get("to")
        if not isinstance(old, str) or not old or not isinstance(new, str):
            raise RuleError(f"places/data/translit.toml: rule {number} needs `from` and `to` strings")
        rules.append((old, new))
    return tuple(rules)


def _load_countries(
    data: dict[str, Any], folds: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], dict[str, str], dict[str, frozenset[str]]]:
    aliases: dict[str, str] = {}
    exact: dict[str, str] = {}
    adjectives: dict[str, set[str]] = {}
    for code, entry in data.get("countries", {}).items():
        if len(code) != 2 or not code.isupper():
            raise RuleError(f"places/data/countries.toml: {code!r} is not an ISO 3166-1 alpha-2 code")
        exact_forms = set(_strings("countries.toml", f"{code}.exact", entry.get("exact", [])))
        for alias in _strings("countries.toml", f"{code}.aliases", entry.get("aliases", [])):
            if alias in exact_forms:
                exact[alias] = code
            else:
                aliases[fold(alias, folds)] = code
        for adjective in _strings("countries.toml", f"{code}.adjectives", entry.get("adjectives", [])):
            adjectives.setdefault(fold(adjective, folds), set()).add(code)
    return aliases, exact, {key: frozenset(codes) for key, codes in adjectives.items()}


def _load_regions(data: dict[str, Any], folds: tuple[tuple[str, str], ...]) -> dict[str, tuple[RegionName, ...]]:
    regions: dict[str, list[RegionName]] = {}
    for number, entry in enumerate(data.get("region", []), 1):
        fields = [entry.get(name) for name in ("name", "country", "seat")]
        if not all(isinstance(value, str) and value for value in fields):
            raise RuleError(f"places/data/regions.toml: region {number} needs name, country and seat")
        region = RegionName(*fields)
        regions.setdefault(fold(region.name, folds), []).append(region)
    return {key: tuple(value) for key, value in regions.items()}


def _load_kinds(data: dict[str, Any], folds: tuple[tuple[str, str], ...]) -> dict[str, KindWord]:
    kinds: dict[str, KindWord] = {}
    for number, entry in enumerate(data.get("kind", []), 1):
        where = f"places/data/cues.toml: kind {number}"
        kind = entry.get("kind")
        anchor = entry.get("anchor", "town")
        candidates = frozenset(_strings("cues.toml", f"kind {number} candidates", entry.get("candidates", [])))
        if kind not in _PLACE_KINDS:
            raise RuleError(f"{where}: unknown kind {kind!r}")
        if anchor not in _ANCHORS:
            raise RuleError(f"{where}: unknown anchor {anchor!r}")
        if not candidates <= _CANDIDATE_KINDS:
            raise RuleError(f"{where}: unknown candidates {sorted(candidates - _CANDIDATE_KINDS)}")
        words = _strings("cues.toml", f"kind {number} words", entry.get("words"))
        for word in words:
            kinds[fold(word, folds)] = KindWord(
                kind=kind,
                of=bool(entry.get("of", False)),
                named=bool(entry.get("named", False)),
                anchor=anchor,
                candidates=candidates,
                relation=entry.get("relation"),
                adjective=bool(entry.get("adjective", False)),
                plural=_plural(word, words),
                capitalized=bool(entry.get("capitalized", False)),
            )
    return kinds


def _plural(word: str, words: list[str]) -> bool:
    """Whether ``word`` is the plural of another word in its list: towns, cities, border posts."""
    singulars = (word[:-1], word[:-2], word[:-3] + "y") if word.endswith("s") else ()
    return any(singular in words for singular in singulars)


def _word_set(source: str, table: dict[str, Any], name: str, folds: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(fold(word, folds) for word in _strings(source, name, table.get(name, [])))


def _endings(table: dict[str, Any], name: str, folds: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    values = table.get(name, [])
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise RuleError(f"places/data/cues.toml: district.{name} must be a list of strings")
    return tuple(sorted({fold(value, folds) for value in values}, key=lambda ending: (-len(ending), ending)))


def _common_words(folds: tuple[tuple[str, str], ...]) -> frozenset[str]:
    try:
        raw = resources.files(_DATA).joinpath("data", "common_words.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"places/data/common_words.txt: cannot read ({error})") from None
    words = (word for line in raw.splitlines() for word in line.split("#", 1)[0].split())
    return frozenset(fold(word, folds) for word in words)


def _prefixes(keys: list[str]) -> frozenset[str]:
    prefixes = set()
    for key in keys:
        words = key.split(" ")
        prefixes.update(" ".join(words[:size]) for size in range(1, len(words)))
    return frozenset(prefixes)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and check the data files once per process."""
    folds = _load_folds(_read("translit.toml"))
    cues = _read("cues.toml")
    stop = _read("stoplist.toml")
    aliases, exact, adjectives = _load_countries(_read("countries.toml"), folds)
    regions = _load_regions(_read("regions.toml"), folds)
    kinds = _load_kinds(cues, folds)
    words = cues.get("words", {})
    states = {
        abbreviation: code
        for code, forms in cues.get("us_state_abbreviations", {}).items()
        for abbreviation in _strings("cues.toml", f"us_state_abbreviations.{code}", forms)
    }

    def stop_words(name: str) -> frozenset[str]:
        return _word_set("stoplist.toml", stop.get(name, {}), "words", folds)

    return Lexicon(
        folds=folds,
        country_aliases=aliases,
        exact_aliases=exact,
        adjectives=adjectives,
        regions=regions,
        kind_words=kinds,
        near=_word_set("cues.toml", words, "near", folds),
        modifiers=_word_set("cues.toml", words, "modifiers", folds),
        directions=_word_set("cues.toml", words, "directions", folds),
        inside=_word_set("cues.toml", words, "inside", folds),
        above=_word_set("cues.toml", words, "above", folds),
        stance_prefixes=_word_set("cues.toml", words, "stance_prefixes", folds),
        articles=_word_set("cues.toml", words, "articles", folds),
        capital=_word_set("cues.toml", words, "capital", folds),
        abbreviations=frozenset(_strings("cues.toml", "abbreviations", words.get("abbreviations", []))),
        state_abbreviations=states,
        district_strip=_endings(cues.get("district", {}), "strip", folds),
        district_add=_endings(cues.get("district", {}), "add", folds),
        never=stop_words("never"),
        sentence_start=stop_words("sentence_start"),
        function=stop_words("function"),
        titles=stop_words("titles"),
        common_words=_common_words(folds),
        sentence_start_endings=tuple(sorted(stop_words("sentence_start_endings"))),
        prefixes=_prefixes([*aliases, *adjectives, *regions, *kinds]),
    )


def examples(name: str) -> list[dict[str, Any]]:
    """The ``[[example]]`` tables of a data file, for the tests that run them."""
    return list(_read(name).get("example", []))
