"""One frozen configuration object for the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .literals import literals_on_request

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from typing import Literal

    Mode = Literal["news", "narrative"]

MODES: tuple[Mode, ...] = ("news", "narrative")


__getattr__ = literals_on_request(__name__, {"Mode": MODES})


@dataclass(frozen=True, slots=True)
class Config:
    """Settings that change what the pipeline produces.

    mode: ``news`` anchors relative expressions on the publication date, in the direction of the sentence's
        tense; ``narrative`` anchors them on the last date the text mentioned.
    day_first: read ``03/04/2014`` as 3 April (True) or 4 March (False).
    max_input_bytes: any input file above this many bytes (default 50 MiB) is refused before it is read, by
        every command: text, HTML, TimeML.
    max_article_chars: an article whose text (decoded, or extracted from HTML) is longer than this many
        characters (default 2 Mi) is refused by ``timeline build`` and ``timeline.build``: it is not one
        article, and building it takes minutes (see benchmarks/linearity.py). Raise it to build long texts.
    """

    mode: Mode = "news"
    day_first: bool = False
    max_input_bytes: int = 50 * 1024 * 1024
    max_article_chars: int = 2 * 1024 * 1024

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]
