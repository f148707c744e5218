"""Content validated once, kept between runs: a start reads the result instead of checking it again.

Validating the note and the tool with pydantic, and parsing their TOML, took about 60 ms of
every start (pydantic builds each model's validator first). The content only changes with
a new version of the app or a hand edit, so the validated models are kept in the user's
cache folder under a key made of the exact source texts, the models' code and pydantic's
version. Any change to any of them is another key: the content is validated again.

The cache is a pickle, which can run code when read; it lives in the user's own cache
folder (0700, files 0600) and is read only when that user owns it and nobody else may
write it (`tui.kept.read_kept`), as with their shell's startup files. A file that cannot
be read back (broken, from another Python) is ignored and replaced; a folder that cannot
be written only means the next start validates again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from tui.kept import read_kept, write_kept
from tui.paths import cache_dir

FORMAT = 1
"""Increased when what is kept changes shape."""

T = TypeVar("T")


@functools.cache
def _models_source() -> bytes:
    """The code of the content models: a changed model (a new app version) is another key."""
    here = Path(__file__).parent
    return b"".join((here / name).read_bytes() for name in ("base.py", "note.py", "tool.py", "loader.py"))


def cache_key(kind: str, sources: Sequence[str]) -> str:
    """One name per exact set of sources, content models and pydantic version.

    (The models' own code rather than the app's version: asking the installed metadata
    for the version took 5 ms each time.)
    """
    import pydantic

    digest = hashlib.sha256(repr((FORMAT, kind, pydantic.VERSION)).encode())
    digest.update(_models_source())
    for text in sources:
        digest.update(len(text).to_bytes(8, "big"))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return f"{kind}-{digest.hexdigest()[:40]}.pickle"


def remembered(kind: str, sources: Sequence[str], build: Callable[[], T], expected: type[T]) -> T:
    """What `build()` returned for exactly these `sources` before; else `build()`, kept for next time.

    `build` raises for invalid content (a ContentError): nothing is kept then.
    """
    folder = cache_dir()
    try:
        path = folder / cache_key(kind, sources) if folder is not None else None
    except OSError:  # the models' code cannot be read (a packed install): no cache
        path = None
    if folder is None or path is None:
        return build()
    raw = read_kept(path)
    if raw is not None:
        try:
            kept = pickle.loads(raw)
        except Exception:  # noqa: BLE001 - broken, or from another Python: validate instead
            kept = None
        if isinstance(kept, expected):
            return kept
    value = build()
    if write_kept(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)):
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink(missing_ok=True)
    return value
