"""A session's TOML form: bytes in, Session out, and back; every failure named."""

from __future__ import annotations

from typing import Any

from tui.core import toml_read
from tui.core.errors import SessionFileError
from tui.core.parse_reason import toml_reason
from tui.core.reason import Reason
from tui.core.text import safe_line
from tui.session import canonical
from tui.session.due import fixed_due
from tui.session.limits import MAX_FILE_BYTES
from tui.session.model import SCHEMA_VERSION, Session


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 had no tool versions on answers: absent means the tool's first version."""
    return {**data, "schema_version": 2}


def _from_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 had no shared remarks: every remark stays private."""
    return {**data, "schema_version": 3}


def _from_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 kept 'when' as text only: a step whose text names a date with its year gets it as `due`.

    A date without a year ('1 april') stays text alone: the day it was typed is not known, so
    neither is the year it meant. Anything not shaped like a step is left for validation to name.
    """
    steps = data.get("next_steps")
    if isinstance(steps, list):
        steps = [_with_due(step) for step in steps]
        return {**data, "next_steps": steps, "schema_version": 4}
    return {**data, "schema_version": 4}


def _with_due(step: Any) -> Any:
    if not isinstance(step, dict) or "due" in step or not isinstance(step.get("when"), str):
        return step
    due = fixed_due(step["when"])
    return step if due is None else {**step, "due": due.date}


MIGRATIONS: dict[int, Any] = {1: _from_1, 2: _from_2, 3: _from_3}
"""schema_version N -> function turning an N document into an N+1 document."""


def parse(raw: bytes, path: str) -> Session:
    """A Session from a file's bytes; anything short of a valid session is an error."""
    return parse_versioned(raw, path)[0]


def parse_versioned(raw: bytes, path: str) -> tuple[Session, int]:
    """A Session and the format version the file had before migration."""
    if not raw.strip():
        raise SessionFileError(path, "", Reason("file.empty"))
    if b"\x00" in raw:
        raise SessionFileError(path, "", Reason("file.binary"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SessionFileError(path, f"byte {error.start}", Reason("file.not_utf8")) from None
    try:
        data = toml_read.loads(text)
    except RecursionError:
        raise SessionFileError(path, "", Reason("file.too_deep")) from None
    except ValueError as error:  # tomllib's refusal, or e.g. an integer of thousands of digits
        import tomllib  # loaded already when it refused the text; not imported at start otherwise

        if isinstance(error, tomllib.TOMLDecodeError):
            raise SessionFileError(path, "", toml_reason(error)) from None
        detail = safe_line(str(error)[:80])
        raise SessionFileError(path, "", Reason("file.bad_number", {"detail": detail})) from None
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(path, "schema_version", Reason("file.no_version"))
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            path,
            "schema_version",
            Reason("file.newer", {"version": version, "known": SCHEMA_VERSION}),
        )
    original = version
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SessionFileError(path, "schema_version", Reason("file.unknown_format", {"version": version}))
        data = step(data)
        version = data["schema_version"]
    session = canonical.read(data)
    return (session if session is not None else validated(data, path)), original


def validated(data: dict[str, Any], path: str) -> Session:
    """A session not in the form the app writes, checked by its validators (tui.session.schema) and then read."""
    from pydantic import ValidationError

    from tui.core.parse_reason import validation_reason
    from tui.session import schema

    try:
        checked = schema.Session.model_validate(data)
    except RecursionError:
        raise SessionFileError(path, "", Reason("file.too_deep")) from None
    except ValidationError as error:
        field, problem = validation_reason(error)
        raise SessionFileError(path, field, problem) from None
    session = canonical.read(checked.model_dump(mode="python", exclude_none=True, by_alias=True))
    if session is None:  # the validators let through what the app would not write: a mistake in the app
        raise AssertionError(f"{path}: validated, yet not in the form the app writes")
    return session


def dump(session: Session) -> bytes:
    """The TOML bytes of a session, checked to be writable and to read back the same."""
    data = session.model_dump(mode="python", exclude_none=True, by_alias=True)
    import tomli_w  # at the first save, not at start

    text = tomli_w.dumps(data)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        raise SessionFileError(session.id, "", Reason("file.unsavable_text")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SessionFileError(session.id, "", Reason("file.would_be_too_large", {"kb": len(raw) // 1024}))
    if parse(raw, session.id) != session:
        raise SessionFileError(session.id, "", Reason("file.no_round_trip"))
    return raw
