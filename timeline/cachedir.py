"""Where timeline keeps what it builds once and reuses: the place index, the compiled rule programs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "timeline"


def default_cache_dir() -> Path:
    """``$TIMELINE_CACHE_DIR`` if set, else the platform's user cache directory for timeline."""
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return Path(override)
    common = _common_linux_cache_dir()
    if common is not None:
        return common / APP_NAME
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _common_linux_cache_dir() -> Path | None:
    """The XDG cache folder in the common Linux case, as platformdirs finds it; None in any other case.

    Importing platformdirs costs a short run of `timeline times` a twentieth of its time (it loads tempfile,
    shutil and the compressors), so the plain case is answered here and every other one left to platformdirs:
    another system, Android, a relative or missing variable (tests/test_cachedir.py compares the two).
    """
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    for variable, below in (("XDG_CACHE_HOME", ""), ("HOME", ".cache")):
        value = os.environ.get(variable, "")
        if value.startswith("/"):
            return Path(value) / below
    return None
