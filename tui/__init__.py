"""samenwerken: read, reflect on and compare regional cooperation in education."""

from __future__ import annotations

import os

# The app uses no pydantic plugins; looking for them reads every installed package's
# metadata when the first validator is built (about 14 ms). A setting of the user's wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def __getattr__(name: str) -> str:
    """`tui.__version__`, read from the installed metadata only when asked (it costs ~30 ms)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("samenwerken")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0.0.0+checkout"
