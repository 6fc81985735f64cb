"""One recognized absolute date string to calendar fields, with dateparser where its format knowledge helps.

dateparser is good at the long tail of absolute formats ("20-Jun-2014", "Mon, 14 Jul 2014 09:30:00 +0000");
it is never asked to find dates in running text, and never given a string it could read relative to today:
each string must carry its own four-digit year, and the parsed year must be that one.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from .buildcache import compile_pattern

_YEAR = compile_pattern(r"(?<!\d)(?P<year>\d{4})(?!\d)")
_ORDERS = {"day_first": "DMY", "month_first": "MDY", "year_first": "YMD"}


@lru_cache(maxsize=4096)
def parse_absolute(surface: str, order: str = "month_first") -> datetime | None:
    """The date and time a complete absolute date string names, or None when it names none for certain."""
    import dateparser  # imported on first use: it costs a quarter of a second to load

    years = {int(found.group("year")) for found in _YEAR.finditer(surface)}
    if not years:
        return None
    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": _ORDERS[order],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(surface, languages=["en"], settings=settings)
    if parsed is None or parsed.year not in years:
        return None
    return parsed
