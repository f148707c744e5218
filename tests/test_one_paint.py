"""The first screen is painted once: a terminal size the screens already have is not sent to them again.

Textual 8.2 keeps a resize of unchanged size (the terminal's driver tells its size once more after the
start) and sends it to every screen when the app is next idle: a second layout and two more full
paints, in every start and in every forked seat's welcome (tui/app/starting.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.geometry import Size
from textual.screen import Screen

from tests.helpers.room_apps import screen_text
from tests.helpers.session import until, walk_app
from tests.helpers.terminal import PtyApp, wait_for


async def test_a_resize_to_the_same_size_reaches_no_screen_and_a_new_size_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _, _ = walk_app(tmp_path)
    resized: list[Size] = []
    original = Screen._screen_resized

    def counted(self: Screen, size: Size) -> None:
        resized.append(size)
        original(self, size)

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Deel 1/5" in screen_text(app))
        monkeypatch.setattr(Screen, "_screen_resized", counted)
        same = Size(80, 24)
        app.post_message(events.Resize(same, same))
        for _ in range(3):
            await pilot.pause()
        assert resized == []
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: Size(100, 30) in resized)
        assert app.screen.size == Size(100, 30)


@pytest.mark.slow
def test_the_first_screen_is_painted_once_in_a_real_terminal(tmp_path: Path) -> None:
    terminal = PtyApp(["--sessions-dir", str(tmp_path), "new", "Een keer"])
    try:
        assert wait_for(lambda: b"Deel 1/5" in terminal.output, 30)
        terminal.send("?")  # the app handles a repaint of its first screen, if any, before this key
        assert wait_for(lambda: HELP in terminal.output, 30)
        assert terminal.output[: terminal.output.index(HELP)].count(b"Deel 1/5") == 1
    finally:
        terminal.close()


HELP = b"reflectie (ctrl+q"
"""On the walk's help, not on the walk (content/strings.toml, help.walk)."""


async def test_the_first_screen_is_not_rendered_while_the_start_batches_its_updates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a render in Textual's start batch made was thrown away (nothing is drawn in a batch): the screen's
    first render is the one drawn after the batch (tui/app/screens/base.py, `AppScreen._compositor_refresh`)."""
    from textual._compositor import Compositor

    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app

    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    batched: list[int] = []
    original = Compositor.render_update

    def noted(self: Compositor, *args: object, **kwargs: object) -> object:
        batched.append(app._batch_count)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", noted)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Enter: naar de" in screen_text(app))
        await until(pilot, lambda: bool(batched))
        assert batched and not any(batched)


async def test_what_waits_for_the_first_screen_goes_on_once_it_is_rendered_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seat's turn, its lower priority and the held collection follow the welcome's whole paint, not the
    start's batch (tui/app/shown.py)."""
    from textual._compositor import Compositor

    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app
    from tui.app import shown

    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    whole: list[bool] = []
    original = Compositor.render_full_update

    def noted(self: Compositor, *args: object, **kwargs: object) -> object:
        whole.append(True)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_full_update", noted)
    seen_when_shown: list[int] = []
    monkeypatch.setattr(shown, "waiting", [lambda: seen_when_shown.append(len(whole))])
    monkeypatch.setattr("tui.app.screens.base.waiting", shown.waiting)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Enter: naar de" in screen_text(app))
        await until(pilot, lambda: bool(seen_when_shown))
        assert seen_when_shown[0] >= 1


async def test_the_first_screen_is_drawn_in_one_whole_paint_without_a_part_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's first update after the start paints the layout's changes (the footer line), then the whole
    screen; the part is not rendered, as the whole follows at once (`AppScreen._compositor_refresh`)."""
    from textual._compositor import Compositor

    from tests.helpers.room import make_room
    from tests.helpers.room_apps import seat_app

    folder, _ = make_room(tmp_path, seats=2)
    app = seat_app(folder, "A")
    renders: list[str] = []
    for name in ("render_full_update", "render_partial_update"):
        original = getattr(Compositor, name)

        def noted(self: Compositor, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            renders.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Compositor, name, noted)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Enter: naar de" in screen_text(app))
        await until(pilot, lambda: bool(renders))
        assert renders[0] == "render_full_update"
