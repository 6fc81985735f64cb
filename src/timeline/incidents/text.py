"""Tokens, sentences, clauses and quotations: the little syntax the incident extractor needs.

No parser is available offline, so clauses are cut at the words that open them (relative pronouns,
subordinating conjunctions, a comma before an ``-ing`` verb) and at strong punctuation. That is enough to keep a
relative clause's places out of the main clause (``Donetsk, which has the same name as the Ukrainian city of
Donetsk``) and to tell a simultaneous ``as`` clause from a non-finite ``before launching`` adjunct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon

# A word is letters joined by single hyphens or apostrophes; the lookahead keeps the quantifier flat.
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_](?:[^\W\d_]|[-'’](?=[^\W\d_]))*)"
    r"|(?P<number>\d(?:\d|[.,](?=\d))*)"
    r"|(?P<punct>\S)"
)
_POSSESSIVE = ("'s", "’s")
_SENTENCE_END = frozenset(".!?…")
# A text with no full stop would be one sentence of megabytes, and every clause looks across its sentence: past
# this many tokens (a long real sentence has about a hundred) a sentence is cut at a comma or semicolon.
MAX_SENTENCE_TOKENS = 400
_CLOSING = frozenset('"”’)]')
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # word, number, punct
    lower: str = ""  # lowercased, with typographic apostrophes made straight

    @classmethod
    def of(cls, text: str, start: int, end: int, kind: str) -> Token:
        return cls(text, start, end, kind, text.lower().replace("’", "'"))

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_capitalized(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens whose offsets index ``text``; ``'s`` is a token of its own."""
    tokens: list[Token] = []
    stop = len(text) if end is None else end
    for match in _TOKEN.finditer(text, start, stop):
        kind = match.lastgroup or "punct"
        word = match.group()
        if kind == "word" and len(word) > 2 and word[-2:].lower().replace("’", "'") == "'s":
            tokens.append(Token.of(word[:-2], match.start(), match.end() - 2, "word"))
            tokens.append(Token.of(word[-2:], match.end() - 2, match.end(), "word"))
            continue
        tokens.append(Token.of(word, match.start(), match.end(), kind))
    return tokens


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens ``[first, last)`` of a sentence's token list, and the word that opened the clause."""

    first: int
    last: int
    opener: str = ""  # the subordinator or relative pronoun that opened it, lowercased; "" for a main clause
    nonfinite: bool = False  # an -ing adjunct (``, killing three``; ``before launching missiles``)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int
    headline: bool = False

    def clause_of(self, index: int, clauses: tuple[Clause, ...]) -> Clause:
        return next(c for c in clauses if c.first <= index < c.last)


def _is_abbreviation(token: Token, lexicon: Lexicon) -> bool:
    return token.lower in lexicon.abbreviations or (len(token.text) == 1 and token.text.isupper())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs are separated by line breaks (news text puts one paragraph per line)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def split_sentences(text: str, lexicon: Lexicon) -> list[Sentence]:
    """Sentences of ``text`` in order. A first paragraph with no final punctuation is the headline; a dateline
    (``AMARANTE, Portugal, Feb. 12, 2024 -``) is left out of its sentence."""
    sentences: list[Sentence] = []
    datelines = dict(dateline_spans(text))
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        tokens = tokenize(text, datelines.get(p_start, p_start), p_end)
        if not tokens:
            continue
        headline = number == 0 and bool(tokens) and tokens[-1].text not in _SENTENCE_END and len(tokens) <= 30
        first = 0
        index = 0
        while index < len(tokens):
            end = _sentence_end(tokens, index, lexicon)
            if end is None and index - first >= MAX_SENTENCE_TOKENS:
                end = _forced_end(tokens, first, index)
            if end is None:
                index += 1
                continue
            sentences.append(_sentence(tokens[first:end], number, headline))
            first = index = end
        if first < len(tokens):
            sentences.append(_sentence(tokens[first:], number, headline))
    return sentences


def _forced_end(tokens: list[Token], first: int, index: int) -> int:
    """Where to cut a run of tokens with no sentence end: after its last ``;`` or ``,`` in the second half, else
    at ``index``."""
    for position in range(index, first + MAX_SENTENCE_TOKENS // 2, -1):
        if tokens[position].text in (";", ","):
            return position + 1
    return index + 1


def _sentence_end(tokens: list[Token], index: int, lexicon: Lexicon) -> int | None:
    """The index just past a sentence that ends with the token at ``index``, or None when it does not."""
    token = tokens[index]
    if token.text not in _SENTENCE_END:
        return None
    if token.text == "." and index and _is_abbreviation(tokens[index - 1], lexicon):
        return None
    end = index + 1
    while end < len(tokens) and tokens[end].text in _CLOSING:
        end += 1
    if end < len(tokens) and not (tokens[end].text[:1].isupper() or tokens[end].text[:1] in "“\"'‘("):
        return None
    return end


def _sentence(tokens: list[Token], paragraph: int, headline: bool) -> Sentence:
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens), paragraph, headline)


_DASHES = (" - ", " – ", " — ", " -- ", "—", " (Reuters) ", " (AP) ", " (AFP) ")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Datelines at the head of a paragraph (``MOSCOW, July 14, 2014 - ``): a place in capitals, maybe a date,
    then a dash. Their date is when the story was filed, not when anything in it happened."""
    spans = []
    for p_start, p_end in _paragraphs(text)[:4]:
        head = text[p_start : min(p_end, p_start + 90)]
        cut = min((head.find(d) + len(d) for d in _DASHES if d in head), default=-1)
        if cut < 0:
            continue
        first_word = head.split(maxsplit=1)[0].strip(",") if head.split() else ""
        letters = [c for c in first_word if c.isalpha()]
        if len(letters) >= 3 and all(c.isupper() for c in letters):
            spans.append((p_start, p_start + cut))
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks. An unclosed quote runs to the end of its paragraph."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        for index in range(p_start, p_end):
            char = text[index]
            if char in _OPEN_QUOTES or (char == '"' and open_at is None):
                if open_at is None:
                    open_at = index
            elif (char in _CLOSE_QUOTES or char == '"') and open_at is not None:
                spans.append((open_at, index + 1))
                open_at = None
        if open_at is not None:
            spans.append((open_at, p_end))
    return spans


def split_clauses(tokens: tuple[Token, ...], lexicon: Lexicon) -> tuple[Clause, ...]:
    """Cut a sentence into clauses at clause openers and strong punctuation."""
    cuts: list[tuple[int, str, bool]] = [(0, _opener_at(tokens, 0, lexicon), _nonfinite_at(tokens, 0, lexicon))]
    initial_subordinate = bool(cuts[0][1])
    for index in range(1, len(tokens)):
        token = tokens[index]
        previous = tokens[index - 1]
        if previous.text in lexicon.strong_punctuation:
            cuts.append((index, _opener_at(tokens, index, lexicon), _nonfinite_at(tokens, index, lexicon)))
            continue
        if token.lower in lexicon.clause_openers and not _is_prepositional_as(tokens, index):
            cuts.append((index, token.lower, _nonfinite_at(tokens, index + 1, lexicon)))
            continue
        if previous.text == ",":
            if initial_subordinate and len(cuts) == 1:
                # "After the latest shelling, Russian officials announced": the fronted clause ends at its comma.
                cuts.append((index, "", False))
                continue
            if token.lower in lexicon.comma_openers:
                cuts.append((index, token.lower, _nonfinite_at(tokens, index + 1, lexicon)))
                continue
            if _is_ing(token, lexicon):
                cuts.append((index, ",", True))
    clauses = []
    for number, (first, opener, nonfinite) in enumerate(cuts):
        last = cuts[number + 1][0] if number + 1 < len(cuts) else len(tokens)
        if last > first:
            clauses.append(Clause(first, last, opener, nonfinite))
    return tuple(clauses)


def _opener_at(tokens: tuple[Token, ...], index: int, lexicon: Lexicon) -> str:
    while index < len(tokens) and tokens[index].kind == "punct":
        index += 1
    if index < len(tokens) and tokens[index].lower in lexicon.clause_openers | lexicon.comma_openers:
        return tokens[index].lower
    return ""


def _nonfinite_at(tokens: tuple[Token, ...], index: int, lexicon: Lexicon) -> bool:
    while index < len(tokens) and (tokens[index].kind == "punct" or tokens[index].lower in lexicon.clause_openers):
        index += 1
    return index < len(tokens) and _is_ing(tokens[index], lexicon)


def _is_ing(token: Token, lexicon: Lexicon) -> bool:
    """A lowercase -ing verb form; -ing nouns of the lexicon (``shelling``, ``fighting``) are not."""
    return (
        token.is_word
        and token.text.islower()
        and token.lower.endswith("ing")
        and len(token.lower) > 5
        and token.lower not in lexicon.ing_nouns
    )


def _is_prepositional_as(tokens: tuple[Token, ...], index: int) -> bool:
    """``as`` opens a clause only after a comma or at the start (``the same name as``, ``such as`` do not),
    and never in ``as well as``, ``as part of``, ``as a result``."""
    if tokens[index].lower != "as":
        return False
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if following in _AS_PREPOSITION:
        return True
    return index > 0 and tokens[index - 1].text != ","


_AS_PREPOSITION = frozenset({"well", "part", "such", "of", "for", "per", "soon", "much", "many", "long"})
