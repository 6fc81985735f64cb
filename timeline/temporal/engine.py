"""Entry point of the temporal engine (work in progress: recognition and resolution land next)."""

from __future__ import annotations

from datetime import date, datetime

from ..config import Config
from ..model import TimeExpression


def find_times(
    text: str,
    anchor: date | datetime | str | None,
    mode: str = "news",
    config: Config | None = None,
) -> tuple[TimeExpression, ...]:
    """Find and normalize every time expression in ``text``."""
    raise NotImplementedError("the temporal engine is being written")
