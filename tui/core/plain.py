"""Plain classes for validated data: a start builds them from kept JSON without importing a validator.

The content and the sessions were pydantic models; importing pydantic and building its
validators was a good part of every start (issue 24). What is read is validated once
(pydantic, in the `schema` modules beside the classes), and the classes themselves are
plain dataclasses. `model_copy` and `model_dump` keep the names and the meaning pydantic
gave them, so the code that copies or writes them did not change: a copy is not
validated (as with pydantic), a dump gives each field under its alias when asked.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Literal, Self, TypeVar, cast, dataclass_transform, overload

from tui.core.record_methods import add_methods

T = TypeVar("T", bound=type)


class Plain:
    """A dataclass of validated data, with pydantic's copy and dump."""

    __slots__ = ()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with `update`'s fields replaced (not validated, as pydantic's was not)."""
        if deep:
            made = copy.deepcopy(self)
        else:  # what `copy.copy` makes of a plain class, without its reduce protocol (a few µs a copy)
            made = object.__new__(type(self))
            object.__setattr__(made, "__dict__", self.__dict__.copy())
        if update:
            made.__dict__.update(update)
        return made

    def model_dump(
        self, *, mode: Literal["python", "json"] = "python", exclude_none: bool = False, by_alias: bool = False
    ) -> dict[str, Any]:
        """The fields as plain data, in their order; in "json" mode dates and times as ISO text (as pydantic)."""
        out: dict[str, Any] = {}
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if value is None and exclude_none:
                continue
            key = field.metadata.get("alias", field.name) if by_alias else field.name
            out[key] = _dump(value, mode, exclude_none, by_alias)
        return out


def alias(name: str) -> dict[str, str]:
    """A field's metadata: the key it has in its file (`field(metadata=alias("note"))`)."""
    return {"alias": name}


def _dump(value: Any, mode: str, exclude_none: bool, by_alias: bool) -> Any:
    if isinstance(value, Plain):
        return value.model_dump(mode=mode, exclude_none=exclude_none, by_alias=by_alias)  # type: ignore[arg-type]
    if isinstance(value, list):
        return [_dump(v, mode, exclude_none, by_alias) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, mode, exclude_none, by_alias) for k, v in value.items()}
    if mode == "json" and isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if value.utcoffset() == UTC.utcoffset(None) and text.endswith("+00:00") else text
    if mode == "json" and isinstance(value, date):
        return value.isoformat()
    return value


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, init: bool = True, frozen: bool = False, kw_only: bool = False, eq: bool = True) -> Callable[[T], T]: ...
@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: T | None = None, /, *, init: bool = True, frozen: bool = False, kw_only: bool = False, eq: bool = True
) -> T | Callable[[T], T]:
    """A dataclass (`dataclasses.fields`, `replace`, `match` all work), whose methods are not compiled at import.

    `dataclasses.dataclass` writes each method as source and compiles it: 3 to 4 million
    instructions per frozen class, for six methods. A start made some forty such classes,
    a tenth of its instructions (issue 24). Here the methods are shared ones that read the
    class's fields (`tui.core.record_methods`), with the same behaviour: the same `__init__`
    arguments and errors, `__repr__`, `__eq__`, `__hash__` and frozen fields.
    """

    def wrap(cls: T) -> T:
        made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
        add_methods(made, init=init, frozen=frozen, eq=eq)
        return cast(T, made)

    return wrap if cls is None else wrap(cls)
