"""The code a seat runs, copied together in the warm parent, so a forked seat copies fewer of its pages.

Python 3.11 writes into every code object it runs (its reference count when a frame starts, the
warm-up counter and the specialised instructions), so each page that holds one is copied into a
forked seat at its first call. Loaded from `.pyc` files, a module's code objects sit between its
constants, names and docstrings, most of which no seat ever touches: about two thousand functions
a seat runs are spread over many more pages than they fill.

The warm parent records which code its rehearsal runs (`recorded`), then gives each of those
functions a copy of its code (`pack`), made one after the other and so side by side. A second
rehearsal then warms the copies (their specialised instructions) before the fork. The copies are
the same code: same bytecode, constants, names, file and lines. The old code objects are kept
(`_RETIRED`): freed, they would leave holes on pages no seat touches, which a seat's first
allocations would then fill, copying those pages after all.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
import types
from collections.abc import Iterator
from typing import Any

_RETIRED: list[types.CodeType] = []
"""The code objects replaced by copies; kept, see the module's docstring."""


@contextlib.contextmanager
def recorded() -> Iterator[set[types.CodeType]]:
    """The code objects of every Python function called in the block (in every thread it starts)."""
    called: set[types.CodeType] = set()

    def profile(frame: types.FrameType, event: str, _arg: Any) -> None:
        if event == "call":
            called.add(frame.f_code)

    sys.setprofile(profile)
    threading.setprofile(profile)
    try:
        yield called
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type,unused-ignore]  # None turns it off (typeshed: a function)


def pack(called: set[types.CodeType]) -> int:
    """Give every function whose code is in `called` a copy of it, the copies made together; how many functions.

    Code that makes functions (closures, comprehensions, lambdas) gets its nested code's copies
    among its constants, so the functions it makes at run time use the copies too.
    """
    gc.collect()  # the rehearsal's garbage gone first: its holes take the copies
    copies: dict[types.CodeType, types.CodeType] = {}

    def copy(code: types.CodeType) -> types.CodeType:
        made = copies.get(code)
        if made is None:
            consts = tuple(copy(c) if isinstance(c, types.CodeType) and c in called else c for c in code.co_consts)
            if all(new is old for new, old in zip(consts, code.co_consts, strict=True)):
                consts = code.co_consts  # no nested copy: no new tuple between the copies
            made = copies[code] = code.replace(co_consts=consts)
            _RETIRED.append(code)
        return made

    for code in called:
        # `replace` reads the bytecode (`co_code`, a bytes object each code keeps once made): made here, all
        # first, those bytes objects do not land between the copies, which then lie closer together.
        code.co_code  # noqa: B018
    for code in sorted(called, key=lambda c: (c.co_filename, c.co_firstlineno, c.co_qualname)):
        copy(code)
    functions = 0
    for thing in gc.get_objects():
        if isinstance(thing, types.FunctionType) and thing.__code__ in copies:
            with contextlib.suppress(ValueError):  # a closure that does not fit: it keeps its code
                thing.__code__ = copies[thing.__code__]
                functions += 1
    return functions
