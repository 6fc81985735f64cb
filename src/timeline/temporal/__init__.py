"""The temporal engine: recognize time expressions, then resolve them against an anchor."""

from __future__ import annotations

from .engine import find_times

__all__ = ["find_times"]
