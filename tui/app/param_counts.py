"""How many parameters a callback takes, worked out once per function in a room's warm parent, not in every seat.

Textual calls each handler and callback with as many of its arguments as it takes, and counts
them with `inspect.signature`. It keeps the count on the function, but not for what
`call_later`, `call_after_refresh` and `call_next` hand it: each call wraps its callback in a new
`functools.partial`, whose count is worked out again, as is that of every `AwaitMount` a mount
makes. A forked seat did that about twenty times before its welcome was on the terminal
(about 1 ms of its CPU). Here the count is kept per code object (per class for a callable
object), so the warm parent's rehearsal fills the table every seat then reads.

Relies on a Textual internal (8.2.8): `textual._callback._count_parameters`, the function the
counting goes through, is wrapped.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Hashable
from typing import Any, cast

import textual._callback

_COUNTS: dict[Hashable, int] = {}
"""Parameters taken, by (bound or not, code object) or by the class of a callable object."""


def _key(func: Any) -> Hashable | None:
    """What the count of `func` depends on alone; None when that is not clear (then it is counted every time).

    A plain function's count follows from its code (unless `__wrapped__` or `__signature__` point
    `inspect.signature` elsewhere); a bound method's too, less its first; a callable object's from its
    class's `__call__`. Code objects and classes are few: the table stays small however many
    closures and objects a long day makes.
    """
    bound = isinstance(func, types.MethodType)
    target = func.__func__ if bound else func
    if type(target) is types.FunctionType:
        if hasattr(target, "__wrapped__") or hasattr(target, "__signature__"):
            return None
        return (bound, target.__code__)
    kind = type(func)
    call = getattr(kind, "__call__", None)  # noqa: B004  # the class's own, as inspect.signature reads it
    if (
        type(call) is types.FunctionType
        and not isinstance(func, type)
        and "__signature__" not in vars(kind)
        and not hasattr(call, "__wrapped__")
        and not hasattr(func, "__signature__")
        and kind.__module__.startswith("textual.")
    ):
        return cast(Hashable, kind)
    return None


def remember_param_counts() -> None:
    """Count each callback's parameters once per code (see the module); calling it again changes nothing."""
    counting = textual._callback._count_parameters
    if getattr(counting, "_remembers", False):
        return

    def count(func: Callable[..., Any]) -> int:
        key = _key(func)
        if key is None:
            return counting(func)
        known = _COUNTS.get(key)
        if known is None:
            known = _COUNTS[key] = counting(func)
        return known

    count._remembers = True  # type: ignore[attr-defined]
    textual._callback._count_parameters = count
