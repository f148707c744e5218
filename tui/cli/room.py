"""`samenwerken room …`: create, serve, watch, export and close a regional session.

Only `room serve` imports asyncssh (and Textual, for the board); the other room
commands are text in, text out, like `list` and `export`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.text import safe_line, terminal_json
from tui.render.group import counts_line, earlier_items, earlier_text, histogram, number, seat_totals, status_data
from tui.room.model import MIN_GROUP
from tui.room.serving import ServeOptions
from tui.room.store import RoomFolder, RoomStore

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.views.group import GroupView


def run_room(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """One room command; errors are raised for `tui.cli.main` to word."""
    handler = {
        "new": new_room,
        "serve": serve_room,
        "status": room_status,
        "phase": set_room_phase,
        "export": export_room,
        "compare": compare_rooms,
        "close": close_room,
        "seat": run_seat,
    }[args.room_command]
    return handler(args, folder, strings)


def new_room(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    from tui.cli.cards import cards_may_be_written, hand_out_cards
    from tui.cli.output import EXIT_USAGE, say
    from tui.content import load_code_words

    title = args.title.strip()
    if not title:
        say(strings("room.no_title"))
        return EXIT_USAGE
    if args.min_group is not None and args.min_group > args.seats:
        message = strings("cli.error.min_group_seats", n=args.min_group, seats=args.seats)
        say(strings("cli.error.argument", argument="--min-group", message=message))
        return EXIT_USAGE
    if args.cards and not cards_may_be_written(Path(args.cards), strings):
        return EXIT_USAGE
    if args.follows:
        from tui.cli.room_compare import follow_up_room

        opened, codes = follow_up_room(args, folder, strings, title)
    else:
        min_group = MIN_GROUP if args.min_group is None else args.min_group
        opened, codes = RoomStore(folder).create(
            title, args.seats, load_code_words(), strings.language, welcome=args.welcome.strip(), min_group=min_group
        )
    room = opened.room
    if args.json:
        made = {"id": room.id, "title": room.title, "min_group": room.min_group, "codes": codes}
        print(terminal_json(made | ({"follows": room.earlier.id} if room.earlier is not None else {})))
        return hand_out_cards(args, opened, codes, strings)
    print(strings("room.created", title=safe_line(room.title), id=room.id, n=len(codes)))
    print(strings("room.codes_intro"))
    for seat, code in zip(room.seats, codes, strict=True):
        print("  " + strings("room.code_line", label=seat.label, code=code))
    if room.earlier is not None:
        print(strings("room.follows_note", title=safe_line(room.earlier.title), id=room.earlier.id))
    print(strings("room.next_serve", id=room.id))
    print(strings("room.min_group_note", n=room.min_group))
    if room.min_group > len(room.seats):  # only by default: a larger --min-group was refused above
        print(strings("room.min_group_above_seats", n=room.min_group, seats=len(room.seats)))
    return hand_out_cards(args, opened, codes, strings)


def serve_room(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    from tui.cli.output import EXIT_PROBLEM, EXIT_USAGE, say, terminal_problem

    opened = RoomStore(folder).find(args.room)
    if opened.room.closed is not None:
        say(strings("room.is_closed", title=safe_line(opened.room.title)))
        return EXIT_USAGE
    if args.web is not None:
        try:
            import textual_serve  # noqa: F401
        except ImportError:
            say(strings("web.needs_extra"))
            return EXIT_PROBLEM
    if not args.headless and terminal_problem() is not None:
        say(strings("room.board_needs_terminal"))
        return EXIT_USAGE
    try:
        import asyncssh  # noqa: F401
    except ImportError:
        say(strings("room.needs_extra"))
        return EXIT_PROBLEM
    lock = opened.lock()
    if not lock.acquire():
        say(strings("room.served_elsewhere", holder=safe_line(lock.holder())))
        return EXIT_PROBLEM
    try:
        options = ServeOptions(args.host, args.port, args.idle_minutes, args.web, args.public_url)
        if args.headless:
            from tui.serve.headless import serve_headless

            return serve_headless(opened, options, strings)
        from tui.serve.board import run_board

        return run_board(opened, options, strings)
    finally:
        lock.release()


def load_view(opened: RoomFolder, connected: set[str] | None = None) -> GroupView:
    from tui.content import load_tool
    from tui.views.group import SeatReader

    return SeatReader(opened).view(load_tool(), connected)


def room_status(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    opened = RoomStore(folder).find(args.room)
    view = load_view(opened)
    if args.json:
        print(terminal_json(status_data(view, strings.language)))
        return 0
    room = view.room
    print(safe_line(room.title) + (f"  ({strings('room.closed_mark')})" if room.closed else ""))
    print(strings("room.seats_line", **seat_totals(view)))
    from tui.room.phases import phase_line
    from tui.session.model import now

    print(phase_line(room, strings, now()))
    shown = [g for g in view.items if g.counts is not None]
    earlier = earlier_items(view)  # last year's group beside this one, for a room made with `room new --from`
    if view.earlier is not None:
        print(safe_line(strings("room.earlier_rule", title=view.earlier.room.title)))
    for g in shown[:10]:
        if g.counts is not None:
            print(
                f"  {histogram(g.counts)}  {number(g.spread, strings):>4}  {counts_line(g.counts, strings)}  "
                f"{safe_line(g.item.loc('text', strings.language))}"
            )
            if g.item.id in earlier:
                print(f"{'':10}{safe_line(earlier_text(earlier[g.item.id], g, strings))}")
    hidden = len(view.items) - len(shown)
    if hidden:
        print("  " + strings("room.status_hidden", n=hidden, too_few=strings("room.too_few"), min=room.min_group))
    if room.agreements:
        print(strings("room.agreements") + ":")
        for agreement in room.agreements:
            print(f"  - {safe_line(agreement.text)}")
    return 0


def set_room_phase(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    from tui.cli.phase import room_phase

    return room_phase(args, RoomStore(folder).find(args.room), strings)


def export_room(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    from tui.cli.output import deliver
    from tui.render.group import GROUP_RENDERERS

    view = load_view(RoomStore(folder).find(args.room))
    text = GROUP_RENDERERS[args.format](view, strings)
    return deliver(text, args.format, args.output, args.force, strings)


def compare_rooms(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    from tui.cli.room_compare import run_compare

    return run_compare(args, folder, strings)


def close_room(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """Close the room and copy its agreements into every seat's session as next steps."""
    from tui.cli.output import EXIT_PROBLEM, say
    from tui.room.closing import close

    opened = RoomStore(folder).find(args.room)
    lock = opened.lock()
    if not lock.acquire():
        say(strings("room.served_elsewhere", holder=safe_line(lock.holder())))
        return EXIT_PROBLEM
    try:
        result = close(opened)
    finally:
        lock.release()
    for label in result.busy:
        say(strings("room.seat_busy", label=label))
    print(
        strings(
            "room.closed_now", title=safe_line(opened.room.title), n=len(opened.room.agreements), seats=result.updated
        )
    )
    return EXIT_PROBLEM if result.busy else 0


def run_seat(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """One participant's app, started by `room serve` on the seat's own pseudo-terminal."""
    from tui.app.factory import make_app
    from tui.app.start import RoomSeat, Seat
    from tui.render.take_home import Door
    from tui.room.watch import RoomWatch

    watch = RoomWatch.read(Path(args.folder), joins_matter=False)  # read once: the seat follows it from here
    opened = watch.folder
    opened.room.seat(args.label)  # a seat of this room, or KeyError
    seat = RoomSeat(opened, args.label, door=Door(args.ssh_host, args.ssh_port), watch=watch)
    from tui.room.takeover import free_seat

    free_seat(opened, args.label)  # a browser tab that has this seat leaves it
    stored = opened.seat_store().load(opened.seat_path(args.label))
    app = make_app(opened.seat_store(), Seat(seat, stored), strings.language)
    app.run()
    return app.return_code or 0
