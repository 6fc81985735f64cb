"""Where timeline keeps what it builds once and reuses: the place index, the compiled rule programs."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """``$TIMELINE_CACHE_DIR`` if set, else the platform's user cache directory for timeline."""
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("timeline", appauthor=False))
