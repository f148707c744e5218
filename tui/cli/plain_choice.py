"""Whether a start goes to plain mode, decided without importing plain mode (`tui.cli.plain_walk`).

Every `new`, `resume` and `walk` asks; only a dumb terminal or `--plain` then needs the
plain walk's renderers and editor, so the app's start does not load them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def wants_plain(environ: Mapping[str, str] | None = None) -> bool:
    """True when this terminal cannot show the full-screen app but can take lines (TERM=dumb)."""
    env = os.environ if environ is None else environ
    if env.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver"):
        return False  # a browser tab through textual-serve
    return env.get("TERM", "") == "dumb"
