"""Content validated once, kept between runs: a start reads the result instead of checking it again.

Validating the note and the tool with pydantic, and parsing their TOML, took about 60 ms of
every start (pydantic builds each model's validator first). The content only changes with
a new version of the app or a hand edit, so the validated models are kept in the user's
cache folder under a key made of the exact source texts, the models' code and pydantic's
version. Any change to any of them is another key: the content is validated again.

What is kept is JSON, data that cannot run code when read (it was a pickle once: anyone
who could swap that file ran a command as the user). It is read back without pydantic's
validators: the models are built directly (`model_construct`), guided by their fields'
types, which also checks that every value has the type it should. Reading the three
kept files back this way takes about 1.1 ms where unpickling took 0.6 ms (the tool 0.67
against 0.32 ms; a start's whole content load stays near 6 to 12 ms either way, against
50 to 100 ms without a cache); reading them through pydantic's validators would first
build them, the 60 ms the cache is there to save. A file that cannot be read back
(broken, cut short, another shape) is ignored and replaced; a folder that cannot be
written or trusted (`tui.core.kept`) only means the next start validates again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import types
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel

from tui.core.kept import open_kept

FORMAT = 2
"""Increased when what is kept changes shape (2: JSON instead of a pickle)."""

T = TypeVar("T")


class NotKept(ValueError):
    """The kept data does not have the shape of what it should be: validate instead."""


@functools.cache
def _models_source() -> bytes:
    """The code of the content models: a changed model (a new app version) is another key."""
    here = Path(__file__).parent
    names = ("base.py", "note.py", "tool.py", "loader.py", "cache.py")
    return b"".join((here / name).read_bytes() for name in names)


def cache_key(kind: str, sources: Sequence[str]) -> str:
    """One name per exact set of sources, content models and pydantic version.

    (The models' own code rather than the app's version: asking the installed metadata
    for the version took 5 ms each time.)
    """
    import pydantic

    digest = hashlib.sha256(repr((FORMAT, kind, pydantic.VERSION)).encode())
    digest.update(_models_source())
    for text in sources:
        digest.update(len(text).to_bytes(8, "big"))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return f"{kind}-{digest.hexdigest()[:40]}.json"


def remembered(kind: str, sources: Sequence[str], build: Callable[[], T], shape: Any) -> T:
    """What `build()` returned for exactly these `sources` before; else `build()`, kept for next time.

    `shape` is the type `build` returns (a content model, or e.g. `dict[str, dict[str, str]]`):
    what is read back is built as that type. `build` raises for invalid content (a
    ContentError): nothing is kept then.
    """
    try:
        name = cache_key(kind, sources)
    except OSError:  # the models' code cannot be read (a packed install): no cache
        return build()
    folder = open_kept()
    if folder is None:
        return build()
    decode = _decoder(shape)  # outside the `try`: a type it cannot build is the app's mistake, not the file's
    with folder:
        raw = folder.read(name)
        if raw is not None:
            try:
                return cast(T, decode(json.loads(raw)))
            except (ValueError, RecursionError):  # broken, cut short, or another shape: validate again
                pass
        value = build()
        data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        if folder.write(name, text.encode("utf-8", "surrogatepass")):
            for old in folder.names():
                if old.startswith(f"{kind}-") and old != name:
                    folder.remove(old)  # an earlier version's, or a pickle from before
        return value


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(shape: Any) -> Decoder:
    """A function that turns JSON data into a value of `shape` without validating it, or raises NotKept.

    Made once per type and process. Models are built with `model_construct` from every
    field (all are kept: a default left to `model_construct` costs it an `inspect.signature`
    of the factory, 18 ms for the tool; so `model_fields_set` is every field, which nothing
    reads); every plain value must have its field's exact type.
    Only the types the content models use are known; another one raises TypeError, a
    mistake in the app that a test finds.
    """
    if isinstance(shape, type) and issubclass(shape, BaseModel):
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


def _model_decoder(model: type[BaseModel]) -> Decoder:
    """Build `model` from a JSON object holding exactly its fields, each checked for its type, none validated."""
    steps = [(name, _plain_types(kind), _decoder(kind)) for name, kind in _fields(model)]
    names = frozenset(model.model_fields)
    make = _maker(model)

    def decode(data: Any) -> BaseModel:
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
        return make(values)

    return decode


def _fields(model: type[BaseModel]) -> list[tuple[str, Any]]:
    """Each field's name and type."""
    return [(name, info.annotation) for name, info in model.model_fields.items()]


def _plain_types(shape: Any) -> tuple[type, ...] | None:
    """The exact types a field of `shape` holds as JSON gives them (str, int, bool, float, maybe None); else None."""
    if shape in (str, int, bool, float):
        return (shape,)
    args = get_args(shape)
    if get_origin(shape) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        other = next(a for a in args if a is not type(None))
        return (other, type(None)) if other in (str, int, bool, float) else None
    return None


def _maker(model: type[BaseModel]) -> Callable[[dict[str, Any]], BaseModel]:
    """What makes a `model` from its fields' values: `model_construct`, or its plain part where that is all it does.

    For a model without aliases, private attributes, extra fields or a post-init hook,
    `model_construct` only sets the four attributes below (as unpickling did), after a
    loop over every field's aliases; skipping that loop makes reading the tool about
    0.5 ms quicker. A test checks that both give the same models.
    """
    plain = (
        not model.__pydantic_post_init__
        and not model.__pydantic_root_model__
        and not model.__private_attributes__
        and model.model_config.get("extra") != "allow"
        and all(f.alias is None and f.validation_alias is None for f in model.model_fields.values())
    )
    if not plain:
        return lambda values: model.model_construct(**values)
    new, names, set_attribute = model.__new__, frozenset(model.model_fields), object.__setattr__

    def make(values: dict[str, Any]) -> BaseModel:
        made = new(model)
        set_attribute(made, "__dict__", values)
        set_attribute(made, "__pydantic_fields_set__", set(names))
        set_attribute(made, "__pydantic_extra__", None)
        set_attribute(made, "__pydantic_private__", None)
        return made

    return make


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
