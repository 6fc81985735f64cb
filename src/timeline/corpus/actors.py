"""Actor keys: the part of an actor noun phrase that tells one actor from another across outlets' wordings.

``actor_key("Kiev regime forces") == actor_key("the Ukrainian army") == ActorKey("UA", "military")``. The word
lists are data (``data/actors.toml``) with examples that run as tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from ..errors import RuleError

DATA = Path(__file__).parent / "data" / "actors.toml"
_TOKEN = re.compile(r"[a-z0-9][a-z0-9.'’-]*")
_MAX_PHRASE = 4


@dataclass(frozen=True, slots=True)
class ActorKey:
    """Who an actor is: ``side`` (a country or a camp) and ``kind`` (military, rebels, police...); None when
    the phrase does not say."""

    side: str | None
    kind: str | None

    @property
    def specific(self) -> bool:
        return self.side is not None and self.kind is not None

    def compatible(self, other: ActorKey) -> bool:
        """Each part equal, or unknown on one side."""
        return all(a is None or b is None or a == b for a, b in ((self.side, other.side), (self.kind, other.kind)))

    def as_list(self) -> list[str | None]:
        return [self.side, self.kind]


UNKNOWN = ActorKey(None, None)


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    sides: dict[str, str]
    kinds: dict[str, str]
    implies: dict[str, tuple[str, str]]
    ignore: frozenset[str]
    priority: dict[str, int]
    examples: tuple[tuple[str, ActorKey], ...]


@lru_cache(maxsize=1)
def load_actor_lexicon(path: Path = DATA) -> ActorLexicon:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleError(f"{path}: {error}") from None
    kinds = {key.lower(): value for key, value in data.get("kinds", {}).items()}
    priority = {kind: rank for rank, kind in enumerate(data.get("priority", []))}
    unranked = sorted(set(kinds.values()) - set(priority))
    if unranked:
        raise RuleError(f"{path}: kinds missing from priority: {', '.join(unranked)}")
    implies = {}
    for phrase, pair in data.get("implies", {}).items():
        if len(pair) != 2:
            raise RuleError(f"{path}: implies.{phrase} must be [side, kind]")
        implies[phrase.lower()] = (pair[0], pair[1])
    examples = tuple(
        (entry["phrase"], ActorKey(entry["key"][0] or None, entry["key"][1] or None))
        for entry in data.get("example", [])
    )
    return ActorLexicon(
        sides={key.lower(): value for key, value in data.get("sides", {}).items()},
        kinds=kinds,
        implies=implies,
        ignore=frozenset(word.lower() for word in data.get("ignore", {}).get("words", [])),
        priority=priority,
        examples=examples,
    )


def _singular(word: str) -> str:
    word = word.rstrip("'’").removesuffix("'s").removesuffix("’s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def actor_key(phrase: str | None, lexicon: ActorLexicon | None = None) -> ActorKey:
    """The key of an actor noun phrase (``UNKNOWN`` for None or a phrase with no content words)."""
    if not phrase:
        return UNKNOWN
    lexicon = lexicon or load_actor_lexicon()
    tokens = _TOKEN.findall(phrase.lower().replace("’", "'"))
    side: str | None = None
    kinds: list[str] = []
    content: list[str] = []
    position = 0
    while position < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - position), 0, -1):
            gram = " ".join(tokens[position : position + size])
            if gram in lexicon.implies:
                implied_side, implied_kind = lexicon.implies[gram]
                side = side or implied_side
                kinds.append(implied_kind)
                break
            if gram in lexicon.kinds:
                kinds.append(lexicon.kinds[gram])
                break
            if size == 1 and gram in lexicon.sides:
                side = side or lexicon.sides[gram]
                break
        else:
            size = 1
            word = tokens[position]
            if word not in lexicon.ignore and not word[0].isdigit():
                content.append(word)
        position += size
    if kinds:
        kind: str | None = min(kinds, key=lambda k: lexicon.priority.get(k, len(lexicon.priority)))
    else:
        kind = _singular(content[-1]) if content else None
    return ActorKey(side, kind)
