"""Safe file names from titles people type: never outside the folder, never reserved."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from datetime import date

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


SUFFIXES = {"table": "txt", "csv-rfc": "rfc4180.csv"}
"""A format's file name ending where it is not the format's own name (every CSV ends in .csv)."""
MAX_STEM = 100


def export_file_name(titles: Sequence[str], day: date, fmt: str) -> str:
    """'regio-noord-2026-03-01.md': named for what the file holds, its titles and day, never a hash.

    Several titles (a comparison) are joined in order, shortened at a word when they grow long.
    """
    stem = "-".join(slug(title) for title in titles)
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit("-", 1)[0]
    return f"{stem}-{day.isoformat()}.{SUFFIXES.get(fmt, fmt)}"


def new_session_id(title: str) -> str:
    """A stable, unique-enough id: the title's slug and six random hex digits."""
    return f"{slug(title)}-{os.urandom(3).hex()}"  # as secrets.token_hex(3), without importing hmac at start
