"""Tokens for place recognition: words with offsets into the untouched text, their folded keys, and where
sentences start.

One left-to-right pass with a regex of simple alternatives (no nested quantifiers), so tokenizing is linear in
the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"  # U.S., U.K., D.C.
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<num>\d+)"
    r"|(?P<punct>[^\w\s])"
)
_APOSTROPHES = frozenset("'’ʼ")
_CONTRACTIONS = frozenset({"t", "ll", "re", "ve", "d", "m"})
_SENTENCE_END = frozenset(".!?")
_OPENERS = frozenset({":", "“", '"', "(", "[", "—", "–", "‘", "«"})


@dataclass(frozen=True, slots=True)
class Token:
    """A word, abbreviation, number or punctuation mark.

    ``key`` is the folded form used to compare with the gazetteer; ``possessive`` marks ``Kiev's``;
    ``sentence_start`` marks the first word of a sentence, quote or parenthesis, where English capitalizes any
    word.
    """

    start: int
    end: int
    text: str
    key: str
    type: str  # word, abbr, num, punct
    sentence: int
    sentence_start: bool
    possessive: bool = False

    @property
    def is_word(self) -> bool:
        return self.type in ("word", "abbr")

    @property
    def cap(self) -> bool:
        return self.is_word and self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return self.is_word and len(self.text) > 1 and self.text.replace(".", "").isupper()


@dataclass(frozen=True, slots=True)
class _Raw:
    start: int
    end: int
    text: str
    type: str


def _raw_tokens(text: str) -> list[_Raw]:
    return [_Raw(m.start(), m.end(), m.group(), m.lastgroup or "punct") for m in _TOKEN.finditer(text)]


def _merge(raw: list[_Raw], abbreviations: frozenset[str]) -> tuple[list[_Raw], set[int]]:
    """Join ``Mar'yinka`` and ``St.`` into one token each; note possessives (``Kiev's``) by output index."""
    merged: list[_Raw] = []
    possessive: set[int] = set()
    i = 0
    while i < len(raw):
        token = raw[i]
        if token.type == "word" and i + 2 < len(raw):
            mark, tail = raw[i + 1], raw[i + 2]
            joined = mark.text in _APOSTROPHES and mark.start == token.end and tail.start == mark.end
            if joined and tail.type == "word":
                if tail.text == "s":
                    possessive.add(len(merged))
                elif tail.text not in _CONTRACTIONS:
                    merged.append(_Raw(token.start, tail.end, token.text + mark.text + tail.text, "word"))
                    i += 3
                    continue
        if token.type == "word" and token.text in abbreviations and i + 1 < len(raw):
            period = raw[i + 1]
            if period.text == "." and period.start == token.end:
                merged.append(_Raw(token.start, period.end, token.text + ".", "abbr"))
                i += 2
                continue
        merged.append(token)
        i += 1
    return merged, possessive


def tokenize(text: str, fold: Callable[[str], str], abbreviations: frozenset[str] = frozenset()) -> list[Token]:
    """Split ``text`` into tokens, numbering sentences and marking where they start."""
    raw, possessive = _merge(_raw_tokens(text), abbreviations)
    keys: dict[str, str] = {}  # words repeat: fold each spelling once
    tokens: list[Token] = []
    sentence = 0
    ended = True  # the text starts a sentence
    opened = False
    previous_end = 0
    for index, token in enumerate(raw):
        newline = "\n" in text[previous_end : token.start]
        previous_end = token.end
        if token.type == "punct":
            if token.text in _SENTENCE_END:
                ended = True
            opened = opened or token.text in _OPENERS
            tokens.append(Token(token.start, token.end, token.text, token.text, "punct", sentence, False))
            continue
        starts = token.text[:1].isupper() or token.type == "num"
        if (ended or newline) and starts and tokens:
            sentence += 1
        first = (ended or newline or opened or not tokens) and starts
        key = keys.get(token.text)
        if key is None:
            key = keys[token.text] = fold(token.text)
        tokens.append(
            Token(token.start, token.end, token.text, key, token.type, sentence, first, index in possessive)
        )
        ended = opened = False
    return tokens
