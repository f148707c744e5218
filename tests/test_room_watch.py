"""A seat follows room.toml, but not the join times the room's server writes there (tui/room/watch.py)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.room import make_room
from tests.helpers.room_apps import as_facilitator, screen_text, seat_app
from tests.helpers.session import until
from tui.room.store import RoomFolder
from tui.room.watch import RoomWatch
from tui.session.model import now


def test_a_join_alone_is_no_change_for_a_seat_but_is_for_others(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=3)
    server = as_facilitator(folder)
    seat = RoomWatch(RoomFolder(folder.path, folder.room), joins_matter=False)
    everything = RoomWatch(RoomFolder(folder.path, folder.room))
    server.room.seats[1].joined = now()
    server.save()
    assert not seat.changed()
    assert everything.changed() and everything.room.seats[1].joined is not None
    server.room.welcome = "Koffie staat klaar."
    server.room.seats[2].joined = now()
    server.save()
    assert seat.changed()  # the welcome changed beside a join: read, join times and all
    assert seat.room.welcome == "Koffie staat klaar." and seat.room.seats[2].joined is not None
    assert everything.changed() and everything.room.welcome == "Koffie staat klaar."
    assert not seat.changed() and not everything.changed()  # nothing new since


def test_a_broken_room_file_keeps_the_last_good_room(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=2)
    seat = RoomWatch(RoomFolder(folder.path, folder.room), joins_matter=False)
    folder.room_file.write_text("title = [", encoding="utf-8")
    assert not seat.changed()
    assert seat.room.title == "Regio Test"
    server = RoomFolder(folder.path, folder.room.model_copy(deep=True))
    server.room.welcome = "Weer heel."
    server.save()
    assert seat.changed() and seat.room.welcome == "Weer heel."


async def test_a_seats_welcome_is_not_redrawn_for_others_joining_and_shows_the_facilitators_change(
    tmp_path: Path,
) -> None:
    folder, _ = make_room(tmp_path, seats=3)
    server = as_facilitator(folder)
    app = seat_app(folder, "A")
    published: list[None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "plek A" in screen_text(app))
        app.room_signal.subscribe(app, published.append)
        watch = app.room_watch
        for label in ("B", "C"):
            before = watch._status
            server.room.seat(label).joined = now()
            server.save()
            await until(pilot, lambda before=before: watch._status != before)  # the seat looked at the file
        assert published == []
        server.room.welcome = "We beginnen om tien uur."
        server.save()
        await until(pilot, lambda: "We beginnen om tien uur." in screen_text(app))
        assert len(published) == 1


def test_a_watch_read_with_its_room_sees_the_next_change_and_only_that(tmp_path: Path) -> None:
    folder, _ = make_room(tmp_path, seats=3)
    watch = RoomWatch.read(folder.path, joins_matter=False)
    assert watch.room.title == "Regio Test" and watch.folder.path == folder.path
    assert not watch.changed()  # what it read is what it watches from
    server = as_facilitator(folder)
    server.room.seats[0].joined = now()
    server.save()
    assert not watch.changed()  # a join alone, as for a watch that read the file itself
    server.room.welcome = "Thee ook."
    server.save()
    assert watch.changed() and watch.room.welcome == "Thee ook."


def test_a_change_between_the_status_and_the_reading_is_seen_at_the_first_check(tmp_path: Path) -> None:
    """The status is taken before the bytes are read: a file written in between looks changed, and is read again."""
    folder, _ = make_room(tmp_path, seats=2)
    status = RoomWatch(RoomFolder(folder.path, folder.room))._stat()
    server = as_facilitator(folder)
    server.room.welcome = "Later geschreven."
    server.save()
    raw = folder.room_file.read_bytes()
    old = RoomFolder(folder.path, folder.room)
    watch = RoomWatch(old, joins_matter=False, start=(status, raw[:0]))
    assert watch.changed() and watch.room.welcome == "Later geschreven."


async def test_a_seat_follows_the_room_from_the_watch_its_command_line_read(tmp_path: Path) -> None:
    """`room seat` reads room.toml once (RoomWatch.read); the app follows the room from that reading."""
    from tui.app.factory import make_app
    from tui.app.start import RoomSeat, Seat

    folder, _ = make_room(tmp_path, seats=3)
    watch = RoomWatch.read(folder.path, joins_matter=False)
    store = watch.folder.seat_store()
    stored = store.load(watch.folder.seat_path("A"))
    app = make_app(store, Seat(RoomSeat(watch.folder, "A", watch=watch), stored))
    app.room_check_seconds = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "plek A" in screen_text(app))
        assert app.room_watch is watch
        server = as_facilitator(watch.folder)
        server.room.welcome = "Het bord is bijgewerkt."
        server.save()
        await until(pilot, lambda: "Het bord is bijgewerkt." in screen_text(app))
