# SPDX-License-Identifier: Apache-2.0
"""`Record`: frozen value classes that cost almost nothing to define.

`dataclasses.dataclass(frozen=True)` generates its methods with `exec` for every class, which made
importing the model (three dozen classes) the largest part of a command's start-up. A `Record`
subclass declares its fields as annotations, like a dataclass, and shares generic methods instead;
type checkers see it as a frozen dataclass (PEP 681). Mutable defaults are not supported.
"""

from __future__ import annotations

from typing import Any, ClassVar, dataclass_transform


class FrozenRecordError(AttributeError):
    """A field of a record was assigned or deleted."""


@dataclass_transform(frozen_default=True, eq_default=True)
class Record:
    """A frozen, comparable, hashable value whose fields are the annotations of its class."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (own annotations only, as strings)
        names = tuple(n for n, kind in annotations.items() if not str(kind).startswith("ClassVar"))
        cls._fields = names
        cls._defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
        setattr(cls, "__match_args__", names)  # noqa: B010 (a class attribute the type checker does not know)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {len(args)} given")
        values = dict(zip(fields, args, strict=False))
        for name, value in kwargs.items():
            if name not in fields or name in values:
                raise TypeError(f"{type(self).__name__}() got an unexpected or repeated argument {name!r}")
            values[name] = value
        own = self.__dict__
        for name in fields:
            if name in values:
                own[name] = values[name]
            elif name in self._defaults:
                own[name] = self._defaults[name]
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {name!r}")

    def _values(self) -> tuple[Any, ...]:
        own = self.__dict__
        return tuple(own[name] for name in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(), strict=True))
        return f"{type(self).__name__}({inner})"
