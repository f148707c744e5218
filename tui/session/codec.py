"""A session's TOML form: bytes in, Session out, and back; every failure named."""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w
from pydantic import ValidationError

from tui.core import toml_read
from tui.core.errors import SessionFileError
from tui.core.text import safe_line
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
        raise SessionFileError(path, "", "the file is empty")
    if b"\x00" in raw:
        raise SessionFileError(path, "", "not a text file (binary data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SessionFileError(path, f"byte {error.start}", "not valid UTF-8 text") from None
    try:
        data = toml_read.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SessionFileError(path, "", f"not valid TOML ({error})") from None
    except RecursionError:
        raise SessionFileError(path, "", "nested too deeply to be a session file") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise SessionFileError(path, "", f"not a value a session holds ({str(error)[:80]})") from None
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionFileError(path, "schema_version", "missing or not a whole number: not a session file")
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            path,
            "schema_version",
            f"written by a newer samenwerken (format {version}; this one reads up to {SCHEMA_VERSION})",
        )
    original = version
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SessionFileError(path, "schema_version", f"format {version} is not known")
        data = step(data)
        version = data["schema_version"]
    try:
        return Session.model_validate(data), original
    except RecursionError:
        raise SessionFileError(path, "", "nested too deeply to be a session file") from None
    except ValidationError as error:
        first = error.errors()[0]
        field = safe_line(".".join(str(p) for p in first["loc"]) or "(top)")
        problem = "unknown key (kept as is; fix or remove it)" if first["type"] == "extra_forbidden" else first["msg"]
        raise SessionFileError(path, field[:80], safe_line(problem[:200])) from None


def dump(session: Session) -> bytes:
    """The TOML bytes of a session, checked to be writable and to read back the same."""
    data = session.model_dump(mode="python", exclude_none=True, by_alias=True)
    text = tomli_w.dumps(data)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        raise SessionFileError(session.id, "", "text contains characters that cannot be saved") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SessionFileError(
            session.id, "", f"the file would be {len(raw) // 1024} KB, more than a session may hold; not saved"
        )
    if parse(raw, session.id) != session:
        raise SessionFileError(session.id, "", "the saved form would not read back the same; not saved")
    return raw
