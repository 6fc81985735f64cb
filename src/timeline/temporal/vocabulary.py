"""Word tables (months, weekdays, numbers, units...) loaded from ``rules/vocabulary.toml``.

A table becomes a regex macro for the rule patterns; its values turn matched words into fields. Numbers also
come as digits and as compound words ("twenty-five"), which the ``count`` macro reads.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache

from ..errors import RuleError
from .buildcache import build_cache
from .namedtuples import NamedTuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from typing import Any

VOCABULARY_FILE = "vocabulary.toml"
# The rule files ship inside the package as plain files (package data), read from where the package is; this
# spares every process the import of importlib.resources and its zip support (and of pathlib: the engine's
# imports are a third of a short process).
RULES_FOLDER = os.path.join(os.path.dirname(__file__), "rules")


def read_rule_file(name: str) -> str:
    """The text of one file of the rules folder; RuleError naming it when it is missing."""
    try:
        with open(os.path.join(RULES_FOLDER, name), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise RuleError(f"{name}: rule file missing from the package") from None


def load_toml(name: str) -> dict[str, Any]:
    """Read one TOML file of the rules folder, naming the file in any error."""
    text = read_rule_file(name)
    return build_cache().memo("toml", text, lambda: parse_toml(name, text))


def parse_toml(name: str, text: str) -> dict[str, Any]:
    # Imported here: a process whose build cache holds the parsed files never needs the parser.
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{name}: not valid TOML ({error})") from None


class Table(NamedTuple):
    """One word table: lower-case key -> value, and the keys that must be capitalized in the text."""

    name: str
    entries: dict[str, Any]
    capitalized: frozenset[str]

    def pattern(self) -> str:
        """The keys as one regex, shaped as a trie: the engine rejects a position on its first letters."""
        return cached_trie_pattern(tuple(self.entries))

    def lookup(self, surface: str) -> Any:
        key = _normalize(surface)
        if key in self.entries:
            return self.entries[key]
        return self.entries.get(key + ".")

    def accepts(self, surface: str) -> bool:
        """False when the table wants this word capitalized and the text does not capitalize it."""
        key = _normalize(surface)
        if key in self.capitalized or key + "." in self.capitalized:
            return surface[:1].isupper()
        return True


def _atoms(key: str) -> list[str]:
    """A key as regex atoms: spaces match any run of white space, a final dot is optional."""
    atoms = [r"\s+" if char == " " else re.escape(char) for char in key]
    if key.endswith(".") and len(key) > 1:
        atoms[-1] = r"\.?"
    return atoms


@cache
def cached_trie_pattern(keys: tuple[str, ...]) -> str:
    """``trie_pattern``, kept in the build cache: the same tries are built in every process otherwise."""
    return build_cache().memo("trie", keys, lambda: trie_pattern(keys))


def trie_pattern(keys: Iterable[str]) -> str:
    """An alternation of ``keys`` factored into a trie, longest match preferred."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for atom in _atoms(key):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, Any]) -> str:
    # An optional dot goes last so that a longer spelling is tried first.
    atoms = sorted((atom for atom in node if atom), key=lambda atom: (atom == r"\.?", atom))
    branches = [atom + _emit(node[atom]) for atom in atoms]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _normalize(surface: str) -> str:
    return " ".join(surface.lower().replace("’", "'").split())


class Vocabulary:
    """The word tables by name."""

    __slots__ = ("tables",)

    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def __contains__(self, name: str) -> bool:
        return name in self.tables


@cache
def vocabulary() -> Vocabulary:
    data = load_toml(VOCABULARY_FILE)
    capitalized = data.get("capitalized", {})
    tables: dict[str, Table] = {}
    for name, entries in data.get("table", {}).items():
        if not entries:
            raise RuleError(f"{VOCABULARY_FILE}: table {name!r} is empty")
        caps = frozenset(capitalized.get(name, ()))
        unknown = caps - set(entries)
        if unknown:
            raise RuleError(f"{VOCABULARY_FILE}: table {name!r} capitalizes unknown keys {sorted(unknown)}")
        tables[name] = Table(name, dict(entries), caps)
    return Vocabulary(tables)


# --- numbers --------------------------------------------------------------------------------------------

_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"


@cache
def count_pattern() -> str:
    """Digits, number words, and compound words such as "twenty-five" or "twenty five"."""
    vocab = vocabulary()
    compound = rf"(?:{vocab['tens'].pattern()})[-\s](?:{vocab['units_word'].pattern()})"
    hundreds = rf"(?:{vocab['units_word'].pattern()})[-\s]hundred"
    return rf"{_DIGITS}|{hundreds}|{compound}|{vocab['number'].pattern()}"


def parse_count(surface: str) -> int | float | str:
    """The number a count names: an int or float, or "X" for vague amounts ("several")."""
    vocab = vocabulary()
    text = _normalize(surface)
    if text[:1].isdigit():
        number = float(text.replace(",", ""))
        return int(number) if number.is_integer() else number
    value = vocab["number"].lookup(text)
    if value is not None:
        return value
    parts = re.split(r"[-\s]+", text)
    if len(parts) == 2 and parts[1] == "hundred" and vocab["units_word"].lookup(parts[0]) is not None:
        return int(vocab["units_word"].lookup(parts[0])) * 100
    if len(parts) == 2:
        tens, units = vocab["tens"].lookup(parts[0]), vocab["units_word"].lookup(parts[1])
        if tens is not None and units is not None:
            return int(tens) + int(units)
    raise RuleError(f"cannot read {surface!r} as a number")
