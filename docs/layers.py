"""Print the picture of the layers that ARCHITECTURE.md shows, from the import contract itself.

`python docs/layers.py` reads the layers of pyproject.toml's [tool.importlinter] and the modules
in each folder; tests/test_architecture.py checks that ARCHITECTURE.md holds what this prints.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c["layers"] for c in contracts if c["type"] == "layers")


def members(package: str) -> list[str]:
    folder = ROOT / Path(*package.split("."))
    names = [p.stem for p in sorted(folder.glob("*.py")) if p.stem != "__init__"]
    names += [f"{p.name}/" for p in sorted(folder.iterdir()) if (p / "__init__.py").exists()]
    return names


def picture(width: int = 78) -> str:
    """Top layer first; each may import only the layers under it."""
    lines: list[str] = []
    for n, layer in enumerate(layers()):
        name = layer.removeprefix("tui.")
        words, line = members(layer), f"{name:<8}"
        for word in words:
            if len(line) + len(word) + 1 > width:
                lines.append(line.rstrip())
                line = " " * 8
            line += word + " "
        lines.append(line.rstrip())
        if n < len(layers()) - 1:
            lines.append("   ↓")
    return "\n".join(lines)


if __name__ == "__main__":
    print(picture())
