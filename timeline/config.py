"""One frozen configuration object for the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Mode = Literal["news", "narrative"]
MODES: tuple[Mode, ...] = ("news", "narrative")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings that change what the pipeline produces.

    mode: ``news`` anchors relative expressions on the publication date, in the direction of the sentence's
        tense; ``narrative`` anchors them on the last date the text mentioned.
    day_first: read ``03/04/2014`` as 3 April (True) or 4 March (False).
    max_input_bytes: inputs above this size are refused before they are read.
    """

    mode: Mode = "news"
    day_first: bool = False
    max_input_bytes: int = 50 * 1024 * 1024

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]
