"""The warm parent's copies of the code a seat runs (tui/cli/hot_code.py): same behaviour, other objects."""

from __future__ import annotations

from tui.cli import hot_code


def _outer(n: int) -> list[int]:
    def inner(k: int) -> int:
        return k * n

    return [inner(k) for k in range(3)]


def _never(n: int) -> int:
    return n + 1


def test_the_code_run_in_the_block_gets_copies_that_behave_the_same() -> None:
    before, never = _outer.__code__, _never.__code__
    with hot_code.recorded() as called:
        assert _outer(2) == [0, 2, 4]
    assert before in called and never not in called
    assert hot_code.pack(called) >= 1
    assert _outer.__code__ is not before and _outer.__code__ == before  # a copy: same bytecode, names, lines
    assert _outer.__code__.co_filename == before.co_filename and _outer.__code__.co_firstlineno == before.co_firstlineno
    old_nested = {id(c) for c in before.co_consts if hasattr(c, "co_code")}
    nested = [c for c in _outer.__code__.co_consts if hasattr(c, "co_code")]
    assert nested and all(id(c) not in old_nested for c in nested)  # the closure it makes runs the copied code too
    assert _outer(3) == [0, 3, 6]
    assert _never.__code__ is never  # code not run keeps its place
    assert before in hot_code._RETIRED  # the old code stays: no holes on pages no seat touches


def _plain(n: int) -> str:
    return f"{n} items"


def test_a_copy_without_nested_code_shares_its_constants() -> None:
    before = _plain.__code__
    with hot_code.recorded() as called:
        assert _plain(2) == "2 items"
    hot_code.pack(called)
    assert _plain.__code__ is not before and _plain.__code__ == before
    assert _plain.__code__.co_consts is before.co_consts  # no new tuple of constants between the copies
    assert _plain(3) == "3 items"


def test_recording_stops_with_the_block() -> None:
    import sys
    import threading

    with hot_code.recorded():
        pass
    assert sys.getprofile() is None
    assert threading.getprofile() is None
