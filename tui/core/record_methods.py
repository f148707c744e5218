"""The methods `dataclasses` would compile for each class, written once and shared (see `tui.core.plain.record`).

Each behaves as the one `dataclasses.dataclass` generates on Python 3.11: `__init__`
takes the same positional and keyword-only arguments (defaults and default factories
included, `__post_init__` called) and refuses a missing or unknown one with a
TypeError; `__repr__`, `__eq__` and `__hash__` use the fields that take part; a frozen
class refuses to set or delete a field with `FrozenInstanceError`.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

_MISSING = dataclasses.MISSING


def add_methods(cls: type, *, init: bool, frozen: bool, eq: bool) -> None:
    """Give the dataclass `cls` (made without methods) the methods dataclass(init, frozen, eq) would give it."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    shown = tuple(f.name for f in dataclasses.fields(cls) if f.repr)
    compared = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
    hashed = tuple(f.name for f in dataclasses.fields(cls) if (f.compare if f.hash is None else f.hash))
    own = cls.__dict__
    class_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in own))
    if init and "__init__" not in own:
        cls.__init__ = _init(cls, fields, frozen)  # type: ignore[misc]
    if "__repr__" not in own:
        cls.__repr__ = _repr(shown)  # type: ignore[method-assign]
    if eq and "__eq__" not in own:
        cls.__eq__ = _eq(compared)  # type: ignore[method-assign]
    if eq and not explicit_hash:
        cls.__hash__ = _hash(hashed) if frozen else None  # type: ignore[assignment]
    if frozen:
        names = frozenset(f.name for f in dataclasses.fields(cls))
        for name, method in _frozen(cls, names).items():
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, method)


def _init(cls: type, fields: list[dataclasses.Field[Any]], frozen: bool) -> Any:
    positional = [f for f in fields if not f.kw_only]
    names = {f.name for f in fields}
    post_init = hasattr(cls, "__post_init__")
    assign = object.__setattr__ if frozen else setattr
    name = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(positional):
            given = f"{len(positional) + 1} positional arguments but {len(args) + 1} were given"
            raise TypeError(f"{name}.__init__() takes {given}")
        for field, value in zip(positional, args, strict=False):
            if field.name in kwargs:
                raise TypeError(f"{name}.__init__() got multiple values for argument '{field.name}'")
            kwargs[field.name] = value
        unknown = kwargs.keys() - names
        if unknown:
            raise TypeError(f"{name}.__init__() got an unexpected keyword argument '{min(unknown)}'")
        missing = []
        for field in fields:
            value = kwargs.get(field.name, _MISSING)
            if value is _MISSING:
                if field.default is not _MISSING:
                    value = field.default
                elif field.default_factory is not _MISSING:
                    value = field.default_factory()  # type: ignore[operator]
                else:
                    missing.append(field.name)
                    continue
            assign(self, field.name, value)
        if missing:
            listed = ", ".join(map(repr, missing))
            raise TypeError(f"{name}.__init__() missing {len(missing)} required argument(s): {listed}")
        if post_init:
            self.__post_init__()

    __init__.__qualname__ = f"{name}.__init__"
    return __init__


def _repr(shown: tuple[str, ...]) -> Any:
    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({values})"

    return __repr__


def _fields_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object, in order (as `tuple(getattr(o, n) for n in names)`).

    With two names or more, `operator.attrgetter` makes that tuple in C: a session's save
    compares its answers, context and steps this way (tui.session.save_text).
    """
    if len(names) >= 2:
        return operator.attrgetter(*names)
    return lambda obj: tuple(getattr(obj, n) for n in names)


def _eq(compared: tuple[str, ...]) -> Any:
    fields = _fields_of(compared)

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return fields(self) == fields(other)
        return NotImplemented

    return __eq__


def _hash(hashed: tuple[str, ...]) -> Any:
    fields = _fields_of(hashed)

    def __hash__(self: Any) -> int:
        return hash(fields(self))

    return __hash__


def _frozen(cls: Any, names: frozenset[str]) -> dict[str, Any]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}
