"""A library's parse error (tomllib, pydantic) as a Reason: our lead in the user's language.

tomllib and pydantic word their errors in English. The interface says what is wrong in
its own words ("kan niet gelezen worden: regel 3, kolom 7 …"); a library's sentence appears
only where nothing better is known, quoted, as a detail.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.core.reason import Reason
from tui.core.text import safe_line

if TYPE_CHECKING:
    import tomllib

    from pydantic import ValidationError

_PLACE = re.compile(r"at line (\d+), column (\d+)")
"""tomllib's own English (not ours): before Python 3.14 its message is the only place the position is."""

_MISSING = {"missing"}
_UNKNOWN = {"extra_forbidden"}


def toml_place(error: tomllib.TOMLDecodeError) -> tuple[int, int] | None:
    """Line and column where the TOML is broken, if tomllib says (attributes from Python 3.14, else its message)."""
    line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    found = _PLACE.search(str(error))
    return (int(found[1]), int(found[2])) if found else None


def toml_reason(error: tomllib.TOMLDecodeError) -> Reason:
    """Where the TOML is broken: line and column, without tomllib's English sentence."""
    place = toml_place(error)
    if place is None:
        return Reason("file.toml")
    return Reason("file.toml_at", {"line": place[0], "column": place[1]})


def validation_reason(
    error: ValidationError, top: str = "(top)", unknown: str = "file.unknown_key"
) -> tuple[str, Reason]:
    """The first problem pydantic found: the field it is in, and what is wrong with it.

    `top` names the place of a problem with the whole file; `unknown` is the key for an unknown key.
    """
    first = error.errors()[0]
    where = safe_line(".".join(str(p) for p in first["loc"]) or top)[:80]
    kind = first["type"]
    if kind in _UNKNOWN:
        return where, Reason(unknown)
    if kind in _MISSING:
        return where, Reason("file.missing_value")
    return where, Reason("file.invalid_value", {"detail": safe_line(first["msg"][:200])})
