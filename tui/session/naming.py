"""Safe file names from titles people type: never outside the folder, never reserved."""

from __future__ import annotations

import re
import secrets
import unicodedata

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
MAX_SLUG = 40


def slug(title: str) -> str:
    """Lowercase ASCII words joined by hyphens; 'sessie' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    text = "-".join(words)[:MAX_SLUG].strip("-")
    if not text or text in _WINDOWS_RESERVED:
        text = f"sessie-{text}" if text else "sessie"
    return text


def new_session_id(title: str) -> str:
    """A stable, unique-enough id: the title's slug and six random hex digits."""
    return f"{slug(title)}-{secrets.token_hex(3)}"
