"""Where timeline keeps what it builds once and reuses: the place index, the compiled rule programs."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "timeline"


def default_cache_dir() -> Path:
    """``$TIMELINE_CACHE_DIR`` if set, else the platform's user cache directory for timeline."""
    from pathlib import Path

    return Path(default_cache_folder())


def default_cache_folder() -> str:
    """``default_cache_dir`` as a string: the temporal engine's build cache needs no pathlib (its import is a
    tenth of a short process's imports)."""
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return override
    common = _common_linux_cache_dir()
    if common is not None:
        return os.path.join(common, APP_NAME)
    import platformdirs

    return str(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _common_linux_cache_dir() -> str | None:
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
            return os.path.join(value, below)
    return None
