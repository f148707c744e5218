"""Spoiling a session document in one place: shared by the tests that compare a quick reading with the full one."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

ITEM = "waarom.geen-noodzaak"
"""The answered item every spoiled document holds."""

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
"""When the spoiled documents were written."""


ODD_VALUES: list[Any] = [
    True,
    False,
    0,
    1,
    3,
    5,
    6,
    -1,
    2.0,
    "",
    "3",
    "x",
    "Nl",
    "en",
    "a-b",
    "-a",
    "A",
    [],
    ["x"],
    [1],
    {},
    {"note": "x"},
    {"score": 2},
    {"text": "t"},
    T0,
    datetime(2024, 3, 1, 9, 30),
    datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-14))),
    date(2024, 3, 1),
    "2024-03-01T10:00:00Z",
]
"""Values put where they may not belong; each test adds those its reading must also meet."""

SESSION_PLACES: list[tuple[Any, ...]] = [
    ("id",),
    ("title",),
    ("language",),
    ("created",),
    ("updated",),
    ("follows",),
    ("notes",),
    ("remarks",),
    ("extra",),
    ("schema_version",),
    ("context",),
    ("context", "themes"),
    ("context", "stage"),
    ("context", "other"),
    ("answers",),
    ("answers", ITEM),
    ("answers", ITEM, "score"),
    ("answers", ITEM, "not_applicable"),
    ("answers", ITEM, "note"),
    ("answers", ITEM, "remark"),
    ("answers", ITEM, "at"),
    ("answers", ITEM, "tool_version"),
    ("answers", ITEM, "shared"),
]
"""Where a document is spoiled, down to ITEM's fields; each test adds its own answers and steps."""


def spoil(document: dict[str, Any], place: tuple[Any, ...], value: Any, remove: bool) -> None:
    """Put a copy of `value` at `place` in `document`, or remove what is there (a key, or a list's element).

    A copy: the odd values are shared by every example, and a later spoil may write into one put here
    (the same `{}` at ("context",) and then at ("context", "themes") would hold itself).
    """
    target: Any = document
    for step in place[:-1]:
        target = target[step]
    if remove:
        if isinstance(target, dict):
            target.pop(place[-1], None)
        elif isinstance(target, list) and place[-1] < len(target):
            del target[place[-1]]
    else:
        target[place[-1]] = copy.deepcopy(value)
