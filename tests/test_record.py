"""`tui.core.plain.record` behaves as `dataclasses.dataclass` (its methods are shared, not compiled per class)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from tui.core.plain import record


def _pair(**options: Any) -> tuple[type, type]:
    """The same class made by `dataclass` and by `record` with `options`."""

    def body(namespace: dict[str, Any]) -> None:
        namespace["__annotations__"] = {"a": "int", "b": "str", "c": "list[int]", "k": "ClassVar[int]"}
        namespace["b"] = "b"
        namespace["c"] = field(default_factory=list, compare=False)
        namespace["k"] = 3

    made: list[type] = []
    for decorate in (dataclass, record):
        cls = type("Thing", (), {})
        namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": "Thing", "ClassVar": ClassVar}
        body(namespace)
        cls = type("Thing", (), namespace)
        made.append(decorate(**options)(cls))
    return made[0], made[1]


def _outcome(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return ("ok", call(*args, **kwargs))
    except Exception as error:  # noqa: BLE001 - the kind of error is what is compared
        return ("error", type(error))


def _same_hash(one: object, other: object) -> bool:
    return hash(one) == hash(other)


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("kw_only", [False, True])
@pytest.mark.parametrize("eq", [False, True])
def test_record_behaves_as_dataclass(frozen: bool, kw_only: bool, eq: bool) -> None:
    std, ours = _pair(frozen=frozen, kw_only=kw_only, eq=eq)
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(std)] == ["a", "b", "c"]
    assert ours.__match_args__ == std.__match_args__
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {"a": 1}),
        ((), {"a": 1, "b": "x", "c": [2]}),
        ((1,), {}),
        ((1, "x", [3]), {}),
        ((1, "x", [3], 4), {}),
        ((), {}),
        ((), {"b": "x"}),
        ((1,), {"a": 2}),
        ((), {"a": 1, "z": 2}),
    ]
    for args, kwargs in calls:
        made = _outcome(std, *args, **kwargs), _outcome(ours, *args, **kwargs)
        assert made[0][0] == made[1][0], (args, kwargs)
        if made[0][0] == "error":
            assert made[0][1] is made[1][1]
            continue
        a, b = made[0][1], made[1][1]
        assert repr(a) == repr(b)
        assert vars(a) == vars(b)
        twin_a, twin_b = std(**vars(a)), ours(**vars(b))
        assert (a == twin_a) == (b == twin_b)
        assert (a == ours(a=-1)) == (b == std(a=-1)) is False
        assert _outcome(_same_hash, a, twin_a) == _outcome(_same_hash, b, twin_b)
        assert vars(dataclasses.replace(b, a=9)) == {**vars(b), "a": 9}
        assert dataclasses.asdict(b) == vars(b)
        assert _outcome(setattr, a, "a", 5) == _outcome(setattr, b, "a", 5)
        assert _outcome(delattr, a, "b") == _outcome(delattr, b, "b")
        assert vars(a) == vars(b)


def test_record_keeps_a_class_own_methods_and_calls_post_init() -> None:
    @record(frozen=True)
    class Own:
        x: int

        def __repr__(self) -> str:
            return "own"

    assert repr(Own(1)) == "own"

    seen: list[int] = []

    @record
    class Later:
        x: int

        def __post_init__(self) -> None:
            seen.append(self.x)

    Later(4)
    assert seen == [4]
