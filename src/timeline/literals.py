"""``Literal`` types a module makes only when some code reads them at run time.

Finding times has no other use for ``typing``, whose import would cost every process more than the engine's own
records do; type checkers read the annotations as they are written (under ``TYPE_CHECKING``)."""

from __future__ import annotations

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable


def literals_on_request(module: str, literals: dict[str, tuple[str, ...]]) -> Callable[[str], object]:
    """A module ``__getattr__`` (PEP 562) that makes ``Literal[values]`` for each name of ``literals``."""

    def __getattr__(name: str) -> object:
        if name in literals:
            from typing import Literal

            return Literal[literals[name]]
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
