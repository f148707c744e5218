"""What the command line offers, as plain data: the parser describes every command without importing what runs it.

Building the parser once imported the export, compare, room and web modules for a few tuples
and numbers; now it imports only this. A test checks that each value here is the one the
module that uses it defines (`tests/test_start_imports.py`).
"""

from __future__ import annotations

EXPORT_FORMATS: tuple[str, ...] = ("md", "html", "xlsx", "csv", "csv-rfc", "json")
"""`export --format` (tui.render.export.EXPORT_FORMATS)."""

COMPARE_FORMATS: tuple[str, ...] = ("table", "md", "html", "json", "xlsx")
"""`compare --format` (tui.render.compare.COMPARE_FORMATS)."""

GROUP_FORMATS: tuple[str, ...] = ("md", "html", "json")
"""`room export --format` (tui.render.group.GROUP_FORMATS)."""

PLENARY_FORMATS: tuple[str, ...] = ("table", "md", "html", "json")
"""`plenary --format` (tui.render.plenary.PLENARY_FORMATS)."""

ROOM_COMPARE_FORMATS: tuple[str, ...] = ("table", "md", "html", "json")
"""`room compare --format` (tui.render.room_compare.ROOM_COMPARE_FORMATS)."""

MAX_SEATS = 60
"""`room new --seats` at most (tui.room.store.MAX_SEATS)."""

MIN_GROUP = 3
"""`room new --min-group` by default (tui.room.model.MIN_GROUP)."""

MIN_GROUP_FLOOR = 2
"""`room new --min-group` at least (tui.room.model.MIN_GROUP_FLOOR)."""

MAX_TIMER_MINUTES = 24 * 60.0
"""`room phase --minutes` at most (tui.room.phases.MAX_TIMER_MINUTES)."""
