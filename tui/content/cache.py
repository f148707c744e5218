"""Content validated once, kept between runs: a start reads the result instead of checking it again.

Validating the note and the tool with pydantic, and parsing their TOML, took about 60 ms of
every start (pydantic builds each model's validator first). The content only changes with
a new version of the app or a hand edit, so the validated models are kept in the user's
cache folder under a key made of the exact source texts, the models' code and pydantic's
version. Any change to any of them is another key: the content is validated again.

What is kept is JSON, data that cannot run code when read (it was a pickle once: anyone
who could swap that file ran a command as the user): what pydantic's validators gave
(`model_dump`) the first time. Every start, the first one too, builds the plain classes of
tui.content.note and .tool from that data (`remembered`), guided by their fields' types,
which also checks that every value has the type it should; pydantic is imported only when a
file is validated (issue 24: its import alone was about 40 ms of a start). Reading the three
kept files back takes about 1 ms. A file that cannot be read back (broken, cut short,
another shape) is ignored and replaced; a folder that cannot be written or trusted
(`tui.core.kept`) only means the next start validates again.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from tui.core.digest import sha256
from tui.core.kept import open_kept
from tui.core.plain import Plain

FORMAT = 3
"""Increased when what is kept changes shape (2: JSON instead of a pickle; 3: read into plain classes)."""

T = TypeVar("T")

RETIRED = ("strings-",)
"""Kinds no longer kept, removed whenever anything is written (both languages' words were one file, `strings-`)."""


class NotKept(ValueError):
    """The kept data does not have the shape of what it should be: validate instead."""


@functools.cache
def _models_digest() -> bytes:
    """The SHA-256 of `_models_source()`, read and hashed once a process: 32 bytes kept, not the code's 45 kB."""
    return sha256(_models_source()).digest()


def _models_source() -> bytes:
    """The code of the content's classes and validators, and pydantic's version: a change to any is another key.

    (The code rather than the app's version: asking the installed metadata for a version
    took 5 ms each time. pydantic's version is read from its file, not imported.)
    """
    here = Path(__file__).parent
    names = ("base.py", "note.py", "tool.py", "schema.py", "loader.py", "cache.py", "../core/plain.py")
    found = importlib.util.find_spec("pydantic")
    origin = Path(found.origin).parent / "version.py" if found is not None and found.origin else None
    validator = origin.read_bytes() if origin is not None and origin.is_file() else b"no pydantic"
    return b"".join((here / name).read_bytes() for name in names) + validator


def cache_key(kind: str, sources: Sequence[str]) -> str:
    """One name per exact set of sources, content classes, validators and pydantic version."""
    digest = sha256(repr((FORMAT, kind)).encode())
    digest.update(_models_digest())
    for text in sources:
        digest.update(len(text).to_bytes(8, "big"))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return f"{kind}-{digest.hexdigest()[:40]}.json"


def remembered(kind: str, sources: Sequence[str], build: Callable[[], Any], shape: Any) -> Any:
    """A `shape` made from what `build()` gave for exactly these `sources` before; else from `build()`, kept.

    `build` validates the sources and gives the result as JSON data (a validator's
    `model_dump(mode="json")`, or e.g. a `dict[str, dict[str, str]]`); `shape` is the plain
    type made of it. `build` raises for invalid content (a ContentError): nothing is kept then.
    """
    decode = _decoder(shape)  # a type it cannot build is the app's mistake, not the file's
    try:
        name = cache_key(kind, sources)
    except OSError:  # the models' code cannot be read (a packed install): no cache
        return decode(build())
    folder = open_kept()
    if folder is None:
        return decode(build())
    with folder:
        raw = folder.read(name)
        if raw is not None:
            try:
                return decode(json.loads(raw))
            except (ValueError, RecursionError):  # broken, cut short, or another shape: validate again
                pass
        data = build()
        value = decode(data)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if folder.write(name, text.encode("utf-8", "surrogatepass")):
            for old in folder.names():
                if (old.startswith(f"{kind}-") and old != name) or old.startswith(RETIRED):
                    folder.remove(old)  # an earlier version's, or a pickle from before
        return value


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(shape: Any) -> Decoder:
    """A function that turns JSON data into a value of `shape` without validating it, or raises NotKept.

    Made once per type and process. A plain class is built from every one of its fields
    (all are kept), without calling its `__init__`; every plain value must have its field's
    exact type. Only the types the content's classes use are known; another one raises
    TypeError, a mistake in the app that a test finds.
    """
    if isinstance(shape, type) and issubclass(shape, Plain) and dataclasses.is_dataclass(shape):
        return _model_decoder(shape)
    origin, args = get_origin(shape), get_args(shape)
    if origin is list and len(args) == 1:
        (item,) = args
        plain, each = _plain_types(item), _decoder(item)
        if plain is not None:  # checked in one pass: most lists of the content are lists of words
            kinds = plain
            return lambda data: _all_of(kinds, _of(list, data), data)
        return lambda data: [each(x) for x in _of(list, data)]
    if origin is dict and args[:1] == (str,):  # JSON's keys are always strings
        plain, value = _plain_types(args[1]), _decoder(args[1])
        if plain is not None:
            kinds = plain
            return lambda data: _all_of(kinds, _of(dict, data).values(), data)
        return lambda data: {k: value(v) for k, v in _of(dict, data).items()}
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is Literal and all(isinstance(a, str) for a in args):
        allowed = frozenset(args)
        return lambda data: data if type(data) is str and data in allowed else _refuse(data)
    if shape in (str, int, bool, float):
        return lambda data: _of(shape, data)
    raise TypeError(f"no decoder for {shape!r}")


def _model_decoder(model: type[Plain]) -> Decoder:
    """Build `model` from a JSON object holding exactly its fields, each checked for its type, none validated."""
    steps = [(name, _plain_types(kind), _decoder(kind)) for name, kind in _fields(model)]
    names = frozenset(name for name, _ in _fields(model))
    new, set_attribute = object.__new__, object.__setattr__

    def decode(data: Any) -> Plain:
        if type(data) is not dict or data.keys() != names:
            raise NotKept(model.__name__)
        values: dict[str, Any] = {}
        for name, plain, inner in steps:
            value = data[name]
            if plain is None:
                values[name] = inner(value)
            elif type(value) in plain:
                values[name] = value
            else:
                raise NotKept(f"{model.__name__}.{name}")
        made = new(model)
        set_attribute(made, "__dict__", values)  # a frozen dataclass, made as its own `__init__` would
        return made

    return decode


def _fields(model: type[Plain]) -> list[tuple[str, Any]]:
    """Each field's name and type (the annotations are text until asked for)."""
    hints = typing.get_type_hints(model)
    return [(field.name, hints[field.name]) for field in dataclasses.fields(model)]  # type: ignore[arg-type]


def _plain_types(shape: Any) -> tuple[type, ...] | None:
    """The exact types a field of `shape` holds as JSON gives them (str, int, bool, float, maybe None); else None."""
    if shape in (str, int, bool, float):
        return (shape,)
    args = get_args(shape)
    if get_origin(shape) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        other = next(a for a in args if a is not type(None))
        return (other, type(None)) if other in (str, int, bool, float) else None
    return None


def _of(kind: type[T], data: Any) -> T:
    """`data` when it is exactly of `kind` (a bool is not an int here), else NotKept."""
    if type(data) is not kind:
        raise NotKept(f"{kind.__name__} expected")
    return data


def _all_of(kinds: tuple[type, ...], values: Iterable[Any], data: T) -> T:
    """`data` when each of its `values` is exactly of one of `kinds`, else NotKept."""
    if not all(type(value) in kinds for value in values):
        raise NotKept(f"{kinds[0].__name__} expected")
    return data


def _refuse(data: Any) -> Any:
    raise NotKept(repr(data)[:40])


def decoder(shape: Any) -> Decoder:
    """What turns kept JSON data into a value of `shape` (NotKept when it is not one), for data kept inside data."""
    return _decoder(shape)
