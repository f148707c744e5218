"""Where the content ships and where sessions are kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

APP_NAME = "samenwerken"
SESSIONS_ENV = "SAMENWERKEN_SESSIONS"
CONTENT_ENV = "SAMENWERKEN_CONTENT"  # another content folder, for editors of the content
CACHE_ENV = "SAMENWERKEN_CACHE"
"""A folder for what is kept between runs instead of the platform's (an empty value: nothing kept)."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # tui/, above tui/core/
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def owned_by_user(info: os.stat_result) -> bool:
    """The file of `info` belongs to the user running the app (always so where there are no user ids)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def running_from_checkout() -> bool:
    """True when the package sits in its source tree (editable install or `python -m`)."""
    return (_CHECKOUT_DIR / "pyproject.toml").is_file() and (_CHECKOUT_DIR / "content").is_dir()


def content_root() -> Traversable:
    """The content folder: inside the wheel as `tui/_content`, else the checkout's `content/`."""
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override)
    if (_PACKAGE_DIR / "_content").is_dir():  # an installed wheel, unpacked (as pip installs it)
        return _PACKAGE_DIR / "_content"
    if not (_PACKAGE_DIR / "__init__.py").is_file():  # imported from a zip: only importlib can read it
        from importlib import resources  # not at start otherwise: it imports zipfile (about 0.4 MB)

        packaged = resources.files("tui") / "_content"
        if packaged.is_dir():
            return packaged
    return _CHECKOUT_DIR / "content"


def default_sessions_dir() -> Path:
    """The checkout's `sessions/`, else the platform's per-user data folder (XDG on Linux)."""
    if running_from_checkout():
        return _CHECKOUT_DIR / "sessions"
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "sessions"


def cache_dir() -> Path | None:
    """`$SAMENWERKEN_CACHE`, else the platform's per-user cache folder (XDG_CACHE_HOME on Linux).

    Only what can be made again lives there (validated content, the list of a sessions
    folder), as data, and it is read and written only through `tui.core.kept`, which checks the
    folder and every folder above it first; None when the user switched it off.
    """
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """The platform's per-user state folder (XDG_STATE_HOME on Linux): rescue copies go there first."""
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def sessions_dir(option: str | None = None) -> Path:
    """The sessions folder: the command-line option, then the environment, then the default."""
    chosen = option or os.environ.get(SESSIONS_ENV)
    return Path(chosen).expanduser() if chosen else default_sessions_dir()
