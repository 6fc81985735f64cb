"""The language data of the incident extractor, loaded and checked once from ``timeline/incidents/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..errors import RuleError

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

DATA = Path(__file__).with_name("data")
TriggerKind = Literal["verb", "noun"]
GAP = "*"
MAX_GAP = 3


@dataclass(frozen=True, slots=True)
class IncidentType:
    key: str
    label: str
    event_type: str
    sub_event_type: str
    violent: bool
    remote: bool
    speech: bool
    color: str


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    kind: TriggerKind
    phrase: tuple[str, ...]
    sub_event_type: str | None = None
    not_before: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return " ".join(self.phrase)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    types: tuple[str, ...] = ()
    killed: int | None = None
    injured: int | None = None


def _phrases(values: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(value.lower().replace("’", "'").split()) for value in values)


@dataclass(frozen=True)
class PhraseSet:
    """Multi-word entries of a word list, indexed by their first word so matching looks at few of them."""

    phrases: tuple[tuple[str, ...], ...]
    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, values: list[str]) -> PhraseSet:
        phrases = _phrases(values)
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            index.setdefault(phrase[0], []).append(phrase)
        return cls(phrases, {k: tuple(v) for k, v in index.items()})


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor knows about words. ``sets`` holds each word list of ``words.toml`` as a set of
    single words and ``phrase_lists`` as token tuples (for multi-word entries such as ``took place``)."""

    types: dict[str, IncidentType]
    triggers: tuple[Trigger, ...]
    index: dict[str, tuple[Trigger, ...]]  # triggers by first word, longest phrase first
    sets: dict[str, frozenset[str]]
    phrase_lists: dict[str, PhraseSet]
    numbers: dict[str, Any]
    ing_nouns: frozenset[str]
    examples: tuple[Example, ...]
    counter_examples: tuple[Example, ...]
    casualty_examples: tuple[Example, ...]

    def set(self, name: str) -> frozenset[str]:
        return self.sets[name]

    def phrases(self, name: str) -> PhraseSet:
        return self.phrase_lists[name]

    @property
    def abbreviations(self) -> frozenset[str]:
        return self.sets["abbreviations"]

    @property
    def strong_punctuation(self) -> frozenset[str]:
        return self.sets["strong_punctuation"]

    @property
    def clause_openers(self) -> frozenset[str]:
        return self.sets["clause_openers"]

    @property
    def comma_openers(self) -> frozenset[str]:
        return self.sets["comma_openers"]


def _index(triggers: tuple[Trigger, ...]) -> dict[str, tuple[Trigger, ...]]:
    index: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        index.setdefault(trigger.phrase[0], []).append(trigger)
    # Longest phrases first, so "mortar fire" wins over "mortar".
    return {k: tuple(sorted(v, key=lambda t: -len(t.phrase))) for k, v in index.items()}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleError(f"{path.name}: {error}") from None


def _types(data: dict[str, Any]) -> dict[str, IncidentType]:
    fields = ("label", "event_type", "sub_event_type", "violent", "remote", "speech", "color")
    types = {}
    for key, entry in data.items():
        missing = [name for name in fields if name not in entry]
        if missing:
            raise RuleError(f"taxonomy.toml: type {key!r} lacks {', '.join(missing)}")
        types[key] = IncidentType(key, *(entry[name] for name in fields))
    if "other" not in types:
        raise RuleError("taxonomy.toml: the type 'other' is required")
    return types


def _triggers(data: dict[str, Any], types: dict[str, IncidentType]) -> tuple[Trigger, ...]:
    triggers = []
    for number, entry in enumerate(data.get("trigger", []), 1):
        where = f"triggers.toml: trigger #{number}"
        if entry.get("type") not in types:
            raise RuleError(f"{where}: unknown type {entry.get('type')!r}")
        if entry.get("kind") not in ("verb", "noun"):
            raise RuleError(f"{where}: kind must be 'verb' or 'noun'")
        for phrase in _phrases(entry.get("phrases", [])):
            if not phrase or phrase[0] == GAP or phrase[-1] == GAP:
                raise RuleError(f"{where}: a phrase cannot start or end with a gap: {' '.join(phrase)!r}")
            triggers.append(
                Trigger(
                    entry["type"],
                    entry["kind"],
                    phrase,
                    entry.get("sub_event_type"),
                    frozenset(w.lower() for w in entry.get("not_before", [])),
                )
            )
    return tuple(triggers)


def _examples(entries: list[dict[str, Any]]) -> tuple[Example, ...]:
    return tuple(Example(e["text"], tuple(e.get("types", ())), e.get("killed"), e.get("injured")) for e in entries)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (cached)."""
    types = _types(_read(DATA / "taxonomy.toml"))
    trigger_data = _read(DATA / "triggers.toml")
    numbers = _read(DATA / "numbers.toml")
    words = _read(DATA / "words.toml")
    triggers = _triggers(trigger_data, types)
    bad = [name for name, value in words.items() if not isinstance(value, list)]
    if bad:
        raise RuleError(f"words.toml: {', '.join(bad)} must be lists of words")
    return Lexicon(
        types=types,
        triggers=triggers,
        index=_index(triggers),
        sets={name: frozenset(w.lower().replace("’", "'") for w in value) for name, value in words.items()},
        phrase_lists={
            **{name: PhraseSet.of(value) for name, value in words.items()},
            "hedges": PhraseSet.of(numbers["hedges"]["words"]),
        },
        numbers=numbers,
        ing_nouns=frozenset(t.phrase[-1] for t in triggers if t.kind == "noun" and t.phrase[-1].endswith("ing")),
        examples=_examples(trigger_data.get("example", [])),
        counter_examples=_examples(trigger_data.get("counter_example", [])),
        casualty_examples=_examples(numbers.get("example", [])),
    )
