"""A document and spans of its text.

Kept apart from the time expressions, and loaded on first use through ``timeline.model``: finding times makes
neither record, and each frozen dataclass costs a process about 4.5 million instructions to build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Document:
    """A text and what is known about it before analysis."""

    text: str
    id: str = ""
    published: str | None = None  # ISO date or datetime of publication, None when unknown
    source: str = ""
    url: str = ""
    title: str = ""

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]
