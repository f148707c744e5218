"""Reading TOML fast, in tomllib's values, with tomllib's words for any text refused.

Parsing is most of the time of reading a session file: tomllib, in pure Python, took
about 0.5 ms for a filled-in session, so a first `list` of 10,000 files spent 5 s in it.
rtoml (Rust) reads the same text in a seventh of that, into the same values (offsets are
made `datetime.timezone`, as tomllib gives them). A text rtoml refuses is read again by
tomllib, whose errors the app words. rtoml reads TOML 1.1, a superset of the TOML 1.0 that
tomllib reads: a file using 1.1's additions (such as a `\\x41` escape) is read rather than
refused. We write TOML 1.0 only (tomli-w), so this only ever reads more, never differently.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timezone
from types import ModuleType
from typing import Any, cast

# tomllib is imported only when rtoml refuses a text (or is missing): it is not needed at start.


@functools.cache
def fast_reader() -> ModuleType | None:
    """rtoml, imported when the first text is read: a start that reads no TOML (home from its kept
    listing, the reader) does not map its library (about 0.6 MB of memory)."""
    try:
        import rtoml
    except ImportError:  # an install without its wheel (an unusual platform): tomllib alone
        return None
    return rtoml


MAX_DEPTH = 64
"""Deeper than any file of ours: tomllib reads it (and says it is nested too deeply where it must)."""


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, sooner: an equal dict with the same types, or tomllib's own error."""
    rtoml = fast_reader()
    if rtoml is not None:
        try:
            data = rtoml.loads(text)
            return cast(dict[str, Any], _as_tomllib(data, 0))
        except Exception:  # noqa: BLE001 - a refusal, or a value we do not vouch for: tomllib decides
            pass
    import tomllib

    return tomllib.loads(text)


class _Unsure(Exception):
    """A value the two parsers might not give alike: tomllib reads the text again."""


_PLAIN = frozenset({str, int, bool, float, date, time})
"""Types both parsers give alike (exactly these, not subclasses)."""


def _as_tomllib(value: object, depth: int) -> object:
    """`value` with the types tomllib gives: offsets as `datetime.timezone`, containers as dict and list.

    Plain values are passed on where they stand (most of a session's values): no call per value.
    """
    if depth > MAX_DEPTH:
        raise _Unsure
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        inner = depth + 1
        return {
            (k if type(k) is str else _key(k)): v if type(v) in _PLAIN else _as_tomllib(v, inner)
            for k, v in value.items()  # type: ignore[attr-defined]
        }
    if kind is list:
        inner = depth + 1
        return [v if type(v) in _PLAIN else _as_tomllib(v, inner) for v in value]  # type: ignore[attr-defined]
    if kind is datetime:
        offset = value.utcoffset()  # type: ignore[attr-defined]
        if offset is None:
            return value
        return value.replace(tzinfo=UTC if not offset else timezone(offset))  # type: ignore[attr-defined]
    raise _Unsure


def _key(key: object) -> str:
    if type(key) is not str:
        raise _Unsure
    return key
