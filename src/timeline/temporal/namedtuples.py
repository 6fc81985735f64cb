"""``NamedTuple`` for the engine's records: typing's class syntax, without importing typing.

``typing.NamedTuple`` checks every field annotation, and under ``from __future__ import annotations`` each one is
a string it compiles into a ``ForwardRef``: with the import of ``typing`` itself, that was a quarter of what
importing the engine cost (about 30 million instructions for its fourteen records). This one makes the same class
(``collections.namedtuple``, given the class body's defaults, methods and docstring, with the same checks) and
keeps the annotations as the strings they are. Type checkers see ``typing.NamedTuple``.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # As in typing: what a class body may not redefine, and what it has that is not copied to the class.
    _PROHIBITED = frozenset(
        {
            "__new__",
            "__init__",
            "__slots__",
            "__getnewargs__",
            "_fields",
            "_field_defaults",
            "_make",
            "_replace",
            "_asdict",
            "_source",
        }
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        def __new__(cls, typename: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple record can only inherit from NamedTuple")
            annotations: dict[str, object] = namespace.get("__annotations__", {})  # type: ignore[assignment]
            defaults: list[str] = []
            for field in annotations:
                if field in namespace:
                    defaults.append(field)
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {field} cannot follow default fields {defaults}")
            record = namedtuple(  # type: ignore[misc]
                typename,
                list(annotations),
                defaults=[namespace[name] for name in defaults],
                module=namespace["__module__"],
            )
            record.__annotations__ = record.__new__.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in record._fields:
                    setattr(record, key, value)
            return record  # type: ignore[no-any-return]

    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {"__module__": __name__})
