"""One way out for every export: the delivery service through the command line and the app, in Dutch."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli import run_main
from tests.helpers.session import until, walk_app
from tui.session import SessionStore

SIZE = (80, 24)
ENGLISH = ("Expected", "line", "invalid", "column", "cannot", " the ", " is a ", "not a", "exists")


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, str]:
    """A sessions folder with one session; the folder and the session's id."""
    store = SessionStore(tmp_path / "sessions")
    return store.root, store.create("Regio Export").session.id


def export(capsys, folder: Path, ident: str, target: Path, *more: str):
    return run_main(capsys, "--sessions-dir", str(folder), "--lang", "nl", "export", ident, "-o", str(target), *more)


def make(kind: str, target: Path, victim: Path) -> None:
    """Put a link, a FIFO or a folder where the export is to go."""
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()


def test_cli_writes_a_new_file_private(capsys, exported, tmp_path: Path) -> None:
    folder, ident = exported
    target = tmp_path / "verslag.md"
    ran = export(capsys, folder, ident, target)
    assert ran.code == 0
    assert target.read_text("utf-8").startswith("# Regio Export")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_leaves_an_existing_file_without_force(capsys, exported, tmp_path: Path) -> None:
    folder, ident = exported
    target = tmp_path / "verslag.md"
    target.write_text("oud")
    ran = export(capsys, folder, ident, target)
    assert ran.code == 1
    assert ran.err == f"samenwerken: ‘{target}’ bestaat al; voeg --force toe om het te vervangen\n"
    assert target.read_text() == "oud"


def test_cli_replaces_an_existing_file_with_force(capsys, exported, tmp_path: Path) -> None:
    folder, ident = exported
    target = tmp_path / "verslag.md"
    target.write_text("oud")
    target.chmod(0o644)
    ran = export(capsys, folder, ident, target, "--force")
    assert ran.code == 0
    assert target.read_text("utf-8").startswith("# Regio Export")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("symlink", "is een link; er wordt niet doorheen geschreven en hij wordt niet vervangen"),
        ("fifo", "is geen gewoon bestand (een apparaat, pipe of socket)"),
        ("folder", "is een map, geen bestand"),
    ],
)
def test_cli_refuses_a_link_fifo_or_folder_in_dutch_even_with_force(
    capsys, exported, tmp_path: Path, kind: str, said: str
) -> None:
    folder, ident = exported
    target, victim = tmp_path / "verslag.md", tmp_path / "slachtoffer.txt"
    victim.write_text("blijft")
    make(kind, target, victim)
    ran = export(capsys, folder, ident, target, "--force")
    assert ran.code == 2
    assert ran.err == f"samenwerken: {target}: {said}\n"
    assert victim.read_text() == "blijft"
    assert target.is_symlink() if kind == "symlink" else not target.is_file()


def test_cli_a_missing_folder_is_said_in_dutch(capsys, exported, tmp_path: Path) -> None:
    folder, ident = exported
    target = tmp_path / "nergens" / "verslag.md"
    ran = export(capsys, folder, ident, target)
    assert ran.code == 1
    assert ran.err == f"samenwerken: {target.parent}: bestaat niet\n"


def test_the_room_export_goes_through_the_same_door(capsys, tmp_path: Path) -> None:
    from tests.helpers.room import make_room

    room, _ = make_room(tmp_path)
    sessions = room.path.parent.parent
    target, victim = tmp_path / "groep.md", tmp_path / "slachtoffer.txt"
    victim.write_text("blijft")
    target.symlink_to(victim)
    argv = ["--sessions-dir", str(sessions), "--lang", "nl", "room", "export", room.room.id, "-o", str(target)]
    ran = run_main(capsys, *argv)
    assert ran.code == 2
    assert (
        ran.err
        == f"samenwerken: {target}: is een link; er wordt niet doorheen geschreven en hij wordt niet vervangen\n"
    )
    assert victim.read_text() == "blijft"


def test_new_from_a_file_that_is_no_session_says_why_in_dutch_only(capsys, tmp_path: Path) -> None:
    ran = run_main(capsys, "--sessions-dir", str(tmp_path / "s"), "--lang", "nl", "new", "--from", "/etc/passwd")
    assert ran.code == 2
    assert "kan niet gelezen worden: regel 1" in ran.err
    words = ran.err.replace("/etc/passwd", "")
    assert not [word for word in ENGLISH if word in words], ran.err


# the app ----------------------------------------------------------------------------------


async def export_from_overview(app, pilot) -> None:
    await pilot.press("o")
    await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
    await pilot.press("e")
    await until(pilot, lambda: type(app.screen).__name__ == "ExportPicker")
    await pilot.press("enter")  # md


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("symlink", "is een link; er wordt niet doorheen geschreven en hij wordt niet vervangen"),
        ("fifo", "is geen gewoon bestand (een apparaat, pipe of socket)"),
        ("folder", "is een map, geen bestand"),
    ],
)
async def test_the_overview_refuses_a_link_fifo_or_folder_in_dutch(tmp_path: Path, kind: str, said: str) -> None:
    app, store, stored = walk_app(tmp_path)
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("blijft")
    async with app.run_test(size=SIZE) as pilot:
        await export_from_overview(app, pilot)
        await until(pilot, lambda: any(m.startswith("Geëxporteerd naar") for m in messages(app)))
        (written,) = (store.root / "exports").iterdir()
        written.unlink()
        make(kind, written, victim)
        await pilot.press("e")
        await until(pilot, lambda: type(app.screen).__name__ == "ExportPicker")
        await pilot.press("enter")
        await until(pilot, lambda: any(m.startswith("Exporteren mislukt") for m in messages(app)))
        assert messages(app)[-1] == f"Exporteren mislukt: {written}: {said}"
        assert type(app.screen).__name__ == "OverviewScreen"
    assert victim.read_text() == "blijft"


async def test_the_overview_asks_before_replacing(tmp_path: Path) -> None:
    app, store, stored = walk_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await export_from_overview(app, pilot)
        await until(pilot, lambda: any(m.startswith("Geëxporteerd naar") for m in messages(app)))
        (written,) = (store.root / "exports").iterdir()
        written.write_text("oud")
        app._notifications.clear()
        for answer, kept in (("n", True), ("j", False)):
            await pilot.press("e")
            await until(pilot, lambda: type(app.screen).__name__ == "ExportPicker")
            await pilot.press("enter")
            await until(pilot, lambda: type(app.screen).__name__ == "Confirm")
            await pilot.press(answer)
            await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
            assert (written.read_text("utf-8") == "oud") is kept
            if kept:
                said = f"Niet vervangen: ‘{written}’ is gebleven zoals het was."
                await until(pilot, lambda said=said: said in messages(app))
        await until(pilot, lambda: f"Geëxporteerd naar {written}" in messages(app))
        assert written.read_text("utf-8").startswith("# Regio Test")


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
async def test_the_compare_screen_refuses_a_link_fifo_or_folder_in_dutch(tmp_path: Path, app_factory, kind) -> None:
    from tests.helpers.compare import open_compare, two

    store = two(tmp_path)
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("blijft")
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_compare(app, pilot)
        for _ in range(2):
            await pilot.press("e")
            await until(pilot, lambda: type(app.screen).__name__ == "CompareExportPicker")
            await pilot.press("down", "enter")  # md
            await until(pilot, lambda: any(m.startswith(("Geëxporteerd", "Exporteren")) for m in messages(app)))
            if not any(m.startswith("Exporteren") for m in messages(app)):
                (written,) = (store.root / "exports").iterdir()
                written.unlink()
                make(kind, written, victim)
                app._notifications.clear()
        (said,) = messages(app)
        assert said.startswith(f"Exporteren mislukt: {written}: ")
        assert not [word for word in ENGLISH if word in said.replace(str(written), "")], said
    assert victim.read_text() == "blijft"
