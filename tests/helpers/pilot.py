"""Driving the app through Textual's Pilot: the keys a person presses and the screen they see."""

from __future__ import annotations

from typing import Any

SIZE = (80, 24)
"""The terminal the app is designed for and tested at first."""


async def press(pilot: Any, *keys: str) -> None:
    """Press `keys` one by one, letting the app handle each before the next."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def screen_name(app: Any) -> str:
    """The class name of the screen on top: which screen the person sees."""
    return type(app.screen).__name__
