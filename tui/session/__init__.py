"""Sessions: the model of one reflection, its TOML form, and the folder that keeps them."""

from tui.session.model import SCHEMA_VERSION, Answer, Context, NextStep, Session
from tui.session.store import BadFile, SessionStore, StoredSession

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "BadFile",
    "Context",
    "NextStep",
    "Session",
    "SessionStore",
    "StoredSession",
]
