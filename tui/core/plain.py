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
from datetime import UTC, date, datetime
from typing import Any, Literal, Self


class Plain:
    """A dataclass of validated data, with pydantic's copy and dump."""

    __slots__ = ()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with `update`'s fields replaced (not validated, as pydantic's was not)."""
        made = copy.deepcopy(self) if deep else copy.copy(self)
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
