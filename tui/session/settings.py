"""Remembered settings: a small TOML file in the user's config folder, editable by hand.

    theme = "nord"      # a Textual theme name (command palette: "theme")
    language = "en"     # nl or en
    mouse = false       # false: no mouse in the app, so the terminal's own selection works

Read once at start; options on the command line win over it. A file that cannot be
read, or holds a value that is not one of these, is reported in one line and the
defaults are used: such a file is never overwritten. Only the theme is written back,
when it is changed in the app, keeping the rest of the file as the user wrote it.
Nothing here imports Textual.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.paths import APP_NAME
from tui.core.plain import record

if TYPE_CHECKING:
    import tomllib

    from tui.core.reason import Reason

CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 64 * 1024
KEYS = ("theme", "language", "mouse")


def _reason(key: str, /, **values: object) -> Reason:
    """A Reason, imported only when something is wrong (so `--help` and `--version` stay fast)."""
    from tui.core.reason import Reason

    return Reason(key, values)


def _syntax_reason(error: tomllib.TOMLDecodeError) -> Reason:
    """Where the TOML is broken, in the user's language: tomllib's own sentence is English."""
    from tui.core.parse_reason import toml_place

    place = toml_place(error)
    if place is None:
        return _reason("config.syntax_somewhere")
    return _reason("config.syntax", line=place[0], column=place[1])


class ConfigError(Exception):
    """The settings file cannot be used; `reason.text(strings)` says why. Nothing was written."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(str(reason))


@record(frozen=True)
class Settings:
    """What the file says; None (or the default) where it says nothing."""

    theme: str | None = None
    language: str | None = None
    mouse: bool = True


def config_path() -> Path:
    """The settings file: `config.toml` in the platform's per-user config folder (XDG on Linux)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_NAME


def parse_settings(text: str) -> Settings:
    """The settings in `text`; ConfigError when it is not valid TOML or holds a wrong key or value."""
    import tomllib  # only when there is a settings file: not every start reads TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_syntax_reason(error)) from None
    for key in data:
        if key not in KEYS:
            raise ConfigError(_reason("config.unknown_key", name=key))
    theme, language, mouse = data.get("theme"), data.get("language"), data.get("mouse", True)
    if theme is not None and not (isinstance(theme, str) and theme.strip()):
        raise ConfigError(_reason("config.bad_theme"))
    if language is not None and language not in ("nl", "en"):
        raise ConfigError(_reason("config.bad_language"))
    if not isinstance(mouse, bool):
        raise ConfigError(_reason("config.bad_mouse"))
    return Settings(theme=theme.strip() if theme else None, language=language, mouse=mouse)


def _read_text(path: Path) -> str | None:
    """The file's text, None when there is none; ConfigError when it cannot be read as text."""
    from tui.core.files import read_limited
    from tui.core.os_errors import os_error_reason

    try:
        raw, _ = read_limited(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(os_error_reason(error)) from None
    except ValueError:
        raise ConfigError(_not_a_file(path) or _reason("config.too_large")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(_reason("config.not_text")) from None


def _not_a_file(path: Path) -> Reason | None:
    """Why `path` is no settings file when it is something else than a regular file (a folder, a FIFO, …)."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _reason("config.is_folder")
    if stat.S_ISFIFO(mode):
        return _reason("config.is_fifo")
    return _reason("config.not_a_file")


def load_settings(path: Path) -> Settings:
    """The settings of the file at `path` (the defaults when there is none); ConfigError when it is broken."""
    text = _read_text(path)
    return Settings() if text is None else parse_settings(text)


def read_settings(path: Path) -> tuple[Settings, Reason | None]:
    """The settings to use and, for a broken file, why it was not used (one line: 'config.broken')."""
    try:
        return load_settings(path), None
    except ConfigError as error:
        return Settings(), _reason("config.broken", path=str(path), reason=error.reason)


_TOP_LEVEL_THEME = re.compile(r"^[ \t]*theme[ \t]*=.*$", re.MULTILINE)


def with_theme(text: str, theme: str) -> str:
    """`text` (valid settings) with its theme set to `theme`; every other line stays as the user wrote it.

    ConfigError when `text` itself is broken.
    """
    old = parse_settings(text)
    wanted = Settings(theme=theme, language=old.language, mouse=old.mouse)
    line = f"theme = {json.dumps(theme, ensure_ascii=False)}"
    found = _TOP_LEVEL_THEME.search(text)
    new = f"{text[: found.start()]}{line}{text[found.end() :]}" if found else f"{line}\n{text}"
    try:
        kept = parse_settings(new) == wanted
    except ConfigError:
        kept = False
    # An unusual layout (a multi-line value): the settings are written out afresh.
    return new if kept else _written(wanted)


def _written(settings: Settings) -> str:
    values: dict[str, Any] = {"theme": settings.theme, "language": settings.language}
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value]
    if not settings.mouse:
        lines.append("mouse = false")
    return "\n".join(lines) + "\n"


def save_theme(path: Path, theme: str) -> None:
    """Remember `theme` in the settings file, written atomically and private.

    A broken file raises ConfigError and is left alone; a link or anything else than
    a regular file raises UserFileError (UnsafePath); a failed write raises OSError.
    """
    from tui.core.files import check_replaceable, ensure_private_dir, write_atomic

    text = _read_text(path) if check_replaceable(path) else None
    new = with_theme(text or "", theme)  # a broken file raises here, before anything is written
    ensure_private_dir(path.parent, may_be_link=True)
    write_atomic(path, new.encode("utf-8"))
