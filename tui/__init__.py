"""samenwerken: read, reflect on and compare regional cooperation in education."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("samenwerken")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
