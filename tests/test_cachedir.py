"""The cache folder: timeline's own answer for the common Linux case agrees with platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from timeline.cachedir import default_cache_dir, default_cache_folder

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="answered without platformdirs on Linux only")

ENVIRONMENTS = [
    pytest.param({"XDG_CACHE_HOME": "/srv/cache", "HOME": "/home/ana"}, "/srv/cache/timeline", id="xdg-absolute"),
    pytest.param({"XDG_CACHE_HOME": "/srv/cache/", "HOME": "/home/ana"}, "/srv/cache/timeline", id="xdg-slash"),
    pytest.param({"XDG_CACHE_HOME": "", "HOME": "/home/ana"}, "/home/ana/.cache/timeline", id="xdg-empty"),
    pytest.param({"XDG_CACHE_HOME": "cache", "HOME": "/home/ana"}, None, id="xdg-relative"),
    pytest.param({"HOME": "/home/ana/"}, "/home/ana/.cache/timeline", id="home-slash"),
]


@linux_only
@pytest.mark.parametrize(("environment", "expected"), ENVIRONMENTS)
def test_same_folder_as_platformdirs(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str | None
) -> None:
    for variable in ("TIMELINE_CACHE_DIR", "XDG_CACHE_HOME", "HOME", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    theirs = Path(platformdirs.user_cache_dir("timeline", appauthor=False))
    assert default_cache_dir() == theirs
    if expected is not None:
        assert default_cache_dir() == Path(expected)
        assert default_cache_folder() == expected


def test_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    assert default_cache_dir() == tmp_path


@linux_only
def test_common_case_does_not_import_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # an import now fails
    assert default_cache_dir() == Path("/srv/cache/timeline")
