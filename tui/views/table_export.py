"""One table's group report (`room export ROOM --format json`), read back for the plenary.

The file came from another machine by whatever means (a stick, a mail, a chat), so it
is read as hostile: a regular file, never through a link, at most `MAX_EXPORT_BYTES`,
UTF-8 JSON only (no NaN, no lone surrogates), and validated field by field. A problem
is a `TableFileError`: the file's name and a `Reason`, worded by whoever shows it in
one line, never a traceback.

Only what the plenary uses is kept: the room's title and minimum group, its seat
totals, each item's counts (or that they were hidden) and the agreements. Medians and
spreads in the file are not trusted: the plenary computes them from the counts.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from tui.content.tool import ITEM_ID
from tui.core.files import read_limited
from tui.core.os_errors import os_error_reason
from tui.core.reason import Reason
from tui.room.model import MIN_GROUP_FLOOR
from tui.views.group import ANSWER_KEYS

MAX_EXPORT_BYTES = 8 * 1024 * 1024
"""A table's export with every shared remark stays far below this; larger is no export of ours."""
MAX_TABLE_SEATS = 10_000
MAX_ITEMS = 1_000
MAX_AGREEMENTS = 1_000


class TableFileError(Exception):
    """A table's file cannot be used; `reason` says why in no language yet."""

    def __init__(self, path: Path, reason: Reason) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def _no_surrogates(text: str) -> str:
    """JSON may escape half a character (\\ud800); such text cannot be written as UTF-8 again."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds a broken character (a lone surrogate)") from None
    return text


Text = Annotated[str, AfterValidator(_no_surrogates)]


class ExportModel(BaseModel):
    """Keys the plenary does not use (parts, shared remarks, later additions) are ignored, never kept."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class TableRoom(ExportModel):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]{4,16}$")]
    title: Annotated[Text, Field(min_length=1, max_length=400)]
    min_group: Annotated[int, Field(ge=MIN_GROUP_FLOOR, le=MAX_TABLE_SEATS)]


class TableSeats(ExportModel):
    total: Annotated[int, Field(ge=0, le=MAX_TABLE_SEATS)]
    joined: Annotated[int, Field(ge=0, le=MAX_TABLE_SEATS)]
    finished: Annotated[int, Field(ge=0, le=MAX_TABLE_SEATS)]


class TableItem(ExportModel):
    id: Annotated[str, Field(pattern=ITEM_ID, max_length=200)]
    hidden: bool
    counts: dict[str, Annotated[int, Field(ge=0, le=MAX_TABLE_SEATS)]] | None = None

    @model_validator(mode="after")
    def _counts_match_hidden(self) -> TableItem:
        if self.hidden and self.counts is not None:
            raise ValueError(f"item {self.id!r} is hidden but has counts")
        if not self.hidden and (self.counts is None or set(self.counts) != set(ANSWER_KEYS)):
            raise ValueError(f"item {self.id!r} needs counts for {', '.join(ANSWER_KEYS)}")
        return self

    @property
    def answered(self) -> int:
        return sum(self.counts.values()) if self.counts is not None else 0


class TableAgreement(ExportModel):
    text: Annotated[Text, Field(min_length=1, max_length=2000)]
    who: Annotated[Text, Field(max_length=200)] = ""
    when: Annotated[Text, Field(max_length=200)] = ""


class MadeWith(ExportModel):
    samenwerken: Annotated[Text, Field(max_length=100)] = ""
    tool_version: Annotated[int, Field(ge=1, le=10_000)]


class TableExport(ExportModel):
    """A table's group report as `tui.render.group.to_json` writes it."""

    room: TableRoom
    seats: TableSeats
    items: Annotated[list[TableItem], Field(max_length=MAX_ITEMS)]
    agreements: Annotated[list[TableAgreement], Field(max_length=MAX_AGREEMENTS)]
    made_with: MadeWith | None = None
    """Exports before the plenary existed do not say which version of the questions they used."""

    @property
    def tool_version(self) -> int | None:
        return self.made_with.tool_version if self.made_with is not None else None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON knows")


def _first_problem(error: ValidationError) -> str:
    """Where the first problem pydantic found lies: 'items.3.counts' (its English words are left out)."""
    first = error.errors(include_url=False)[0]
    return ".".join(str(part) for part in first["loc"]) or "/"


def inconsistency(export: TableExport) -> Reason | None:
    """What in a well-formed export cannot be true of a room (an item twice, counts it may not show), or None."""
    seen: set[str] = set()
    for item in export.items:
        if item.id in seen:
            return Reason("plenary.error.item_twice", {"item": item.id})
        seen.add(item.id)
        if not item.hidden and item.answered < export.room.min_group:
            return Reason("plenary.error.below_min_group", {"item": item.id})
        if item.answered > export.seats.total:
            return Reason("plenary.error.above_seats", {"item": item.id})
    return None


def read_table(path: Path) -> TableExport:
    """The export at `path`, or TableFileError saying what is wrong with it."""
    try:
        info = os.lstat(path)
    except OSError as error:
        raise TableFileError(path, os_error_reason(error)) from None
    if stat.S_ISLNK(info.st_mode):
        raise TableFileError(path, Reason("plenary.error.link"))
    if not stat.S_ISREG(info.st_mode):
        raise TableFileError(path, Reason("plenary.error.not_a_file"))
    if info.st_size > MAX_EXPORT_BYTES:
        raise TableFileError(path, Reason("plenary.error.too_big", {"max": MAX_EXPORT_BYTES // (1024 * 1024)}))
    try:
        raw, opened = read_limited(path, MAX_EXPORT_BYTES)
    except OSError as error:
        raise TableFileError(path, os_error_reason(error)) from None
    except ValueError:  # grew past the limit, or was swapped for something that is no file
        raise TableFileError(
            path, Reason("plenary.error.too_big", {"max": MAX_EXPORT_BYTES // (1024 * 1024)})
        ) from None
    if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
        raise TableFileError(path, Reason("plenary.error.link"))  # swapped for a link while we looked
    try:
        data = json.loads(raw.decode("utf-8").removeprefix("\ufeff"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deep, a number too long
        raise TableFileError(path, Reason("plenary.error.not_json")) from None
    if not isinstance(data, dict) or "room" not in data or "items" not in data:
        raise TableFileError(path, Reason("plenary.error.not_an_export"))
    try:
        export = TableExport.model_validate(data)
    except ValidationError as error:
        raise TableFileError(path, Reason("plenary.error.shape", {"where": _first_problem(error)})) from None
    except RecursionError:
        raise TableFileError(path, Reason("plenary.error.not_json")) from None
    problem = inconsistency(export)
    if problem is not None:
        raise TableFileError(path, problem)
    return export
