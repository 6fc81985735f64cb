"""The engine's NamedTuple makes the classes typing.NamedTuple makes, and finding times never imports typing."""

from __future__ import annotations

import os
import subprocess
import sys
import typing

import pytest

from timeline.temporal.namedtuples import NamedTuple


def _pair(base: type) -> type:
    class Record(base):  # type: ignore[misc, valid-type]
        """A record."""

        name: str
        count: int = 1
        tags: tuple[str, ...] = ()

        def doubled(self) -> int:
            return 2 * self.count

        @property
        def first(self) -> str | None:
            return self.tags[0] if self.tags else None

    return Record


def test_the_class_is_the_one_typing_makes():
    ours, typings = _pair(NamedTuple), _pair(typing.NamedTuple)
    for made in (ours, typings):
        record = made("a", tags=("x",))
        assert record == ("a", 1, ("x",))
        assert record.doubled() == 2 and record.first == "x"
        assert record._replace(count=4).doubled() == 8
        assert made._make(["b", 2, ()])._asdict() == {"name": "b", "count": 2, "tags": ()}
    assert ours._fields == typings._fields
    assert ours._field_defaults == typings._field_defaults
    assert ours.__bases__ == typings.__bases__ == (tuple,)
    assert ours.__doc__ == typings.__doc__ == "A record."
    assert (ours.__module__, ours.__qualname__) == (typings.__module__, typings.__qualname__)
    assert list(ours.__annotations__) == ["name", "count", "tags"]


def test_a_field_without_default_cannot_follow_one_with():
    with pytest.raises(TypeError, match="cannot follow default"):

        class Wrong(NamedTuple):
            first: int = 0
            second: int


def test_namedtuple_attributes_cannot_be_redefined():
    with pytest.raises(AttributeError, match="_replace"):

        class Wrong(NamedTuple):
            first: int

            def _replace(self) -> None:
                return None


def test_finding_times_does_not_import_typing(tmp_path):
    # typing.NamedTuple and typing itself were a quarter of what importing the engine cost. The first process fills
    # the build cache (a rebuild parses TOML, and tomllib imports typing); the second is the usual one.
    code = (
        "import sys; from timeline import find_times; find_times('On Sunday.', '2014-07-14'); "
        "print('typing' in sys.modules)"
    )
    environment = {**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment)
        for _ in range(2)
    ]
    assert runs[1].stdout.strip() == "False"


def test_the_literal_types_are_made_when_read():
    from typing import Literal

    from timeline import config
    from timeline.model import text

    assert config.Mode == Literal["news", "narrative"]
    assert text.TimeType == Literal["DATE", "TIME", "DURATION", "SET"]
    with pytest.raises(AttributeError, match=r"module 'timeline\.config' has no attribute 'Moods'"):
        config.Moods  # noqa: B018
