"""A sessions folder with every kind of bad file beside one good one: the store must list, never stop."""

from __future__ import annotations

import os
from pathlib import Path

VALID = 'schema_version = 1\nid = "{id}"\ntitle = "{id}"\ncreated = 2024-01-01T10:00:00Z\nupdated = {updated}\n'
"""A minimal session file; `{id}` and `{updated}` are filled in."""


def make_hostile_folder(root: Path) -> dict[str, str]:
    """Bad files of every kind named in the issue, beside one good file; name -> expected reason word."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "goed.toml").write_text(VALID.format(id="goed", updated="2024-01-01T10:00:00Z"))
    (root / "diep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (root / "los.toml").symlink_to(root / "bestaat-niet.toml")
    (root / "lus.toml").symlink_to(root / "lus.toml")
    (root / "pijp.toml").parent.mkdir(exist_ok=True)
    os.mkfifo(root / "pijp.toml")
    (root / "map.toml").mkdir()
    return {"diep.toml": "nested", "los.toml": "link", "lus.toml": "link", "pijp.toml": "regular", "map.toml": "folder"}
