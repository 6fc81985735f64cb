"""Where timeline keeps what it builds once and reuses: the place index, the compiled rule programs."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see temporal/namedtuples.py)
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

APP_NAME = "timeline"
# A cache file of another installation (another version, another environment) that has not been written for
# this long is taken to be unused: it is removed when a file of the same kind is written beside it.
STALE_DAYS = 30


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


def remove_unused(
    folder: str | os.PathLike[str],
    keep: str,
    ours: Callable[[str], bool],
    superseded: Callable[[str], bool],
    now: float | None = None,
) -> list[str]:
    """Remove the files of ``folder`` that ``ours`` recognizes, other than ``keep``, when ``superseded`` says an
    earlier version wrote them or when they were not written for STALE_DAYS days; return their names, sorted.
    A file that cannot be removed (another user's, a folder that cannot be read) stays where it is."""
    import time

    oldest = (time.time() if now is None else now) - STALE_DAYS * 86400
    try:
        with os.scandir(folder) as entries:
            found = [(entry.name, entry.path, entry.stat().st_mtime) for entry in entries if entry.is_file()]
    except OSError:
        return []
    removed = []
    for name, path, written in found:
        if name == keep or not ours(name) or not (superseded(name) or written < oldest):
            continue
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(name)
    return sorted(removed)
