"""The warm parent of a room's seats: imports the app once, then forks one seat's app per request.

`room serve` starts this process (`python -m tui.cli.zygote ROOM-FOLDER FD`) with one
end of a Unix socket pair as FD. It imports the app's modules and loads its content,
says it is ready, and then waits, single-threaded and without an event loop, for one
request at a time (`tui.serve.fork_wire`): a seat's label, its terminal type and where
participants reach the room, beside the seat's pseudo-terminal. It forks; the child
becomes what `samenwerken room seat` would be on that terminal, with everything that
must not be shared made fresh: a session of its own with the terminal as its controlling
one, no descriptor but the terminal's, the standard streams, signal handlers, random
state, its process title; its event loop is its own, started only there. The parent
answers with the child's pidfd and tells the server each child's exit status.

What every seat would make the same way is made here once: the modules, the content, the
parser in the room's language, and a rehearsed seat (its parsed CSS kept, `tui.app.shared_css`,
its callbacks' parameters counted, `tui.app.param_counts`, and Textual's caches filled; the code
it ran copied side by side, `tui.cli.hot_code`, and rehearsed again); `gc.freeze` then keeps it all
on pages the children share.
Seats forked at once start in turns, one per core and one more (`tui.cli.seat_turns`).

The request is a door too: a label that is not one of the room's seats, a terminal type
or host that is not short printable text, a port out of range, a message without exactly
one descriptor, or more seats than the room has at once, and nothing is forked.
When the server's end closes, this process leaves; seats still running go on alone.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import gc
import os
import random
import select
import shlex
import signal
import socket
import sys
import termios
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli import hot_code
from tui.cli.seat_turns import Turns, begin, close_all_but, wait_turn
from tui.serve import fork_wire as wire

if TYPE_CHECKING:
    from tui.cli.arguments import Parser
    from tui.content.i18n import Strings

MAX_CHILDREN = 128
"""Seat apps running at once from this parent (a room has at most 60 seats; take-overs overlap briefly)."""


_PARSER: list[tuple[Parser, str]] = []
"""The command line's parser in the room's language, built once by `warm`."""


def _made_parser(made: tuple[Parser, str], build: Callable[[Strings | None], Parser]) -> Callable[..., Parser]:
    def build_parser(strings: Strings | None = None) -> Parser:
        return made[0] if strings is not None and strings.language == made[1] else build(strings)

    return build_parser


def use_made_parser() -> None:
    """The seat's argv is parsed by the parser made once in this parent for the room's language, not a new one.

    `tui.cli.main` imports `build_parser` from `tui.cli.parser` when it parses: that name is the one replaced.
    """
    import tui.cli.parser

    if _PARSER:
        setattr(tui.cli.parser, "build_parser", _made_parser(_PARSER[0], tui.cli.parser.build_parser))  # noqa: B010


def warm(folder: Path) -> tuple[str, frozenset[str]]:
    """Everything a seat's app imports and loads at start, done once here; the room's language and seats."""
    import setproctitle  # noqa: F401  # its set-up (moving the environment) happens once, here
    import textual.scrollbar  # noqa: F401  # a screen's resume makes a scrollbar, after the rehearsal's end

    import tui.app.application  # noqa: F401
    from tui.app.screens import (  # noqa: F401  # every screen a seat may open
        base,
        board,
        board_item,
        board_text,
        compare,
        compare_item,
        context,
        dialogs,
        export_picker,
        help,
        home,
        overview,
        reader,
        remark_dialog,
        room_welcome,
        search,
        step_dialog,
        steps_requests,
        suggestions,
        take_home,
        too_small,
        walk,
        walk_room,
    )
    from tui.app.widgets import (  # noqa: F401
        base as widget_base,
    )
    from tui.cli.main import main  # noqa: F401  # the parser and the commands
    from tui.cli.room import run_seat  # noqa: F401
    from tui.content import load_note, load_tool
    from tui.content.i18n import strings_for
    from tui.room.store import read_room
    from tui.room.takeover import free_seat  # noqa: F401  # every seat asks a browser tab to leave it

    room = read_room(folder / "room.toml")
    strings_for(room.language)
    load_note()
    load_tool()
    from tui.cli.parser import build_parser

    parser = build_parser(strings_for(room.language))

    def parse() -> None:
        for door in ([], ["--ssh-host", "127.0.0.1", "--ssh-port", "2222"]):  # argparse's patterns compiled once, here
            with contextlib.suppress(SystemExit):
                parser.parse_args(["--lang", room.language, "room", "seat", str(folder), "A", *door])

    with hot_code.recorded() as called:
        rehearse(room.language)
        parse()
    hot_code.pack(called)  # the code a seat runs, side by side: fewer pages for a seat to copy
    rehearse(room.language)  # and warmed (its specialised instructions) before the fork
    parse()
    _PARSER[:] = [(parser, room.language)]
    return room.language, frozenset(seat.label for seat in room.seats)


def rehearse(language: str) -> None:
    """Run a seat's app once, headless, in a throwaway room: its welcome, the walk, one answer. What a
    seat's first start fills (parsed CSS, Textual's and Rich's caches, lazily imported widgets) is then
    filled here, shared by every seat, not made again by each.

    The event loop it ran on is closed again, and no thread of it is left: the fork needs neither.
    """
    import asyncio
    import tempfile

    from tui.app.factory import make_app
    from tui.app.param_counts import remember_param_counts
    from tui.app.shared_css import share_parsed_css
    from tui.app.start import RoomSeat, Seat
    from tui.content import load_code_words
    from tui.room.store import RoomStore

    share_parsed_css()
    remember_param_counts()

    async def once() -> None:
        with tempfile.TemporaryDirectory(prefix="samenwerken-warm-") as folder:
            room, _ = RoomStore(Path(folder) / "rooms").create("-", 1, load_code_words(), language=language)
            store = room.seat_store()
            stored = store.load(room.seat_path("A"))
            app = make_app(store, Seat(RoomSeat(room, "A"), stored), language)
            # As a seat runs: with the tooltip and the notifications' rack, whose CSS is then parsed here too.
            async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
                for key in ("enter", "3", "escape"):
                    await pilot.pause()
                    await pilot.press(key)
                await pilot.pause()

    with contextlib.suppress(Exception):
        asyncio.run(once())
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(5.0)


def main(argv: list[str]) -> int:
    folder, fd = Path(argv[0]), int(argv[1])
    sock = socket.socket(fileno=fd)
    language, labels = warm(folder)
    gc.collect()
    gc.freeze()  # what is loaded now stays where it is: the children share its pages
    sock.send(wire.pack({"ready": True, "pid": os.getpid()}))
    serve(sock, folder, language, labels)
    return 0


def serve(sock: socket.socket, folder: Path, language: str, labels: frozenset[str]) -> None:
    wake_read, wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: set[int] = set()
    turns = Turns()
    while True:
        ready, _, _ = select.select([sock.fileno(), wake_read], [], [])
        if wake_read in ready:
            with contextlib.suppress(BlockingIOError):
                while os.read(wake_read, 512):
                    pass
        reap(sock, children)
        if sock.fileno() not in ready:
            continue
        try:
            message, fds, alive = wire.receive(sock)
        except OSError:
            return
        if not alive:
            return
        try:
            answer = handle(message, fds, folder, language, labels, children, turns)
        finally:
            for received in fds:
                with contextlib.suppress(OSError):
                    os.close(received)
        if answer is not None:
            reply, pidfd = answer
            try:
                socket.send_fds(sock, [wire.pack(reply)], [pidfd] if pidfd is not None else [])
            except OSError:
                return
            finally:
                if pidfd is not None:
                    os.close(pidfd)


def reap(sock: socket.socket, children: set[int]) -> None:
    """Every child that has exited: gone from the list, its status told to the server."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)
        with contextlib.suppress(OSError):
            sock.send(wire.pack({"exit": pid, "code": os.waitstatus_to_exitcode(status)}))


def handle(
    message: dict[str, object] | None,
    fds: list[int],
    folder: Path,
    language: str,
    labels: frozenset[str],
    children: set[int],
    turns: Turns | None = None,
) -> tuple[dict[str, object], int | None] | None:
    """Check one request and fork its seat; the answer and the child's pidfd, or None for no answer at all."""
    if message is None:
        return None
    request = message.get("id")
    if not isinstance(request, int) or isinstance(request, bool) or not 0 <= request < 2**31:
        return None
    label = wire.text(message.get("seat"), wire.LABEL_MAX)
    term = wire.text(message.get("term"), wire.TERM_MAX) or "xterm-256color"
    host = wire.text(message.get("host"), wire.HOST_MAX) if message.get("host") is not None else None
    port = wire.port(message.get("port")) if message.get("port") is not None else None
    if len(fds) != 1 or label not in labels or (message.get("port") is not None and port is None):
        return {"id": request, "error": "refused"}, None
    if message.get("host") is not None and (host is None or host.startswith("-")):
        return {"id": request, "error": "refused"}, None
    if len(children) >= MAX_CHILDREN or threading.active_count() != 1:
        return {"id": request, "error": "busy"}, None
    argv = ["--lang", language, "room", "seat", str(folder), label]
    if host is not None and port is not None:
        argv += ["--ssh-host", host, "--ssh-port", str(port)]
    turns = turns or Turns()
    ahead, turn_read, turn_write = turns.next()
    try:
        pid = os.fork()
    except OSError:
        turns.forked(turn_read, turn_write)
        raise
    if pid == 0:  # the seat's app; it never comes back here
        code = 1
        try:
            code = become_seat(fds[0], argv, term, ahead, turn_write)
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 1
        except BaseException:
            with contextlib.suppress(Exception):
                traceback.print_exc()
        finally:
            os._exit(code)
    turns.forked(turn_read, turn_write)
    children.add(pid)
    return {"id": request, "pid": pid}, os.pidfd_open(pid)


SEAT_NICENESS = 5
"""A seat yields the CPU to the process that serves the room once its welcome is painted: while sixty
seats join at once, the facilitator's board and the door (logins, every seat's screen bytes) still get
their turn. Until then it starts at the door's priority: in its turn (at most one per core and one more start at
a time) it finishes before the logins that came after it, instead of waiting behind all of them."""


def become_seat(terminal: int, argv: list[str], term: str, ahead: int | None = None, turn: int | None = None) -> int:
    """In the child: shed the parent's state, take the terminal, run `samenwerken room seat`; its exit code.

    `ahead` and `turn` are this seat's place in the turns of seats starting at once (`tui.cli.seat_turns`):
    it waits for the seat ahead, and lets the next one go once its own first screen is painted.
    """
    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()
    fcntl.ioctl(terminal, termios.TIOCSCTTY, 0)
    for target in (0, 1, 2):
        os.dup2(terminal, target)
    close_all_but({fd for fd in (ahead, turn) if fd is not None})
    random.seed()
    os.environ["TERM"] = term
    _fresh_streams()
    import setproctitle

    command = [sys.executable, "-m", "tui", *argv]
    setproctitle.setproctitle(shlex.join(command))  # `ps` and the seat's take-over see a seat app
    sys.argv = command[2:]
    from tui.app.shown import waiting

    if turn is not None:
        waiting.append(lambda: os.close(turn))
    gc.disable()  # no collection until the welcome is painted (13 of them took about 6 ms of its start)
    waiting.append(gc.enable)
    waiting.append(_yield_cpu)  # painted: yield; then collections again; then the next seat's turn
    wait_turn(ahead)
    begin(turn)
    import tui.cli.main

    use_made_parser()
    code = tui.cli.main.main(argv)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    for thread in threading.enumerate():  # as the interpreter does at its end
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    return code


def _yield_cpu() -> None:
    """Once the welcome is painted: the rest of the seat's life at a lower priority (`SEAT_NICENESS`)."""
    os.nice(SEAT_NICENESS)


_OLD_STREAMS: list[object] = []


def _fresh_streams() -> None:
    """Standard streams on the terminal, as a fresh interpreter has them (line-buffered: a terminal)."""
    _OLD_STREAMS.extend([sys.stdin, sys.stdout, sys.stderr])
    streams = (
        open(0, encoding="utf-8", closefd=False),  # noqa: SIM115
        open(1, "w", buffering=1, encoding="utf-8", closefd=False),  # noqa: SIM115
        open(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False),  # noqa: SIM115
    )
    for name, stream in zip(("stdin", "stdout", "stderr"), streams, strict=True):
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
