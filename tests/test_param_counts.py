"""A callback's parameters counted once per code in a room's warm parent (tui/app/param_counts.py): the same counts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import textual._callback
from textual.widget import AwaitMount, Widget

from tui.app.param_counts import remember_param_counts


class Holder:
    def none(self) -> None: ...

    def one(self, message: object) -> None: ...


def two(first: object, second: object) -> None: ...


def test_the_counts_are_textuals_and_kept_per_code() -> None:
    original = textual._callback._count_parameters
    remember_param_counts()
    remember_param_counts()  # once is enough: no second wrapper
    counting = textual._callback._count_parameters
    try:
        assert getattr(counting, "_remembers", False)

        @functools.wraps(two)
        def wrapped(*args: object) -> None: ...

        def made(n: int) -> Callable[..., None]:
            return (lambda: None) if n == 0 else (lambda a: None)

        holder = Holder()
        callbacks: list[Callable[..., Any]] = [
            two,
            holder.none,
            holder.one,
            Holder().one,
            wrapped,
            made(0),
            made(1),
            AwaitMount(Widget(), []),
            print,
            functools.partial(two, 1).func,
        ]
        for callback in callbacks:
            assert counting(callback) == original(callback), callback
            assert counting(callback) == original(callback), callback  # and again, from the table
        assert textual._callback.count_parameters(functools.partial(holder.one)) == 1
        assert textual._callback.count_parameters(functools.partial(two, 1)) == 1
    finally:
        textual._callback._count_parameters = original  # the other tests count as Textual does
