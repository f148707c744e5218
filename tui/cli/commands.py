"""The text commands' bodies (list, overview --print, export, compare, import, serve) and the app's start.

Text-only commands never import Textual, so they stay fast; each imports its renderers
when it runs, so neither the app's start nor `list` pays for them.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.text import local_time, safe_line
from tui.session.settings import Settings, config_path

if TYPE_CHECKING:
    import argparse

    from tui.content.i18n import Strings
    from tui.session.store import SessionStore
from tui.cli.output import (
    EXIT_PROBLEM,
    EXIT_USAGE,
    UNWRAPPED,
    deliver,
    say,
    say_unsafe_cache,
    terminal_problem,
)


def list_sessions(folder: Path, strings: Strings, as_json: bool) -> int:
    """Print the sessions with their progress; bad files go to stderr, one line each."""
    from tui.session import SessionStore

    store = SessionStore(folder)
    # The kept rows of 10,000 files are some 200,000 objects made at once and kept until printed: the
    # collector, looking through them again and again as they are made, took 15 ms of 0.17 s and found
    # nothing (a listing makes no cycles). Held until they are printed.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _list(store, folder, strings, as_json)
    finally:
        if collecting:
            gc.enable()


def _list(store: SessionStore, folder: Path, strings: Strings, as_json: bool) -> int:
    from tui.session.early_listing import start_listing
    from tui.session.listing import list_rows, rows_json

    early = start_listing(store)  # new files read on the other cores while the tool is imported and loaded
    try:
        from tui.content import load_tool

        item_ids = [item.id for item in load_tool().items]
        rows, bad = list_rows(store, item_ids, early=early)
    finally:
        early.close()
    say_unsafe_cache(None, strings)  # the cache's own folder was fine, its folder of lists was not
    for problem in bad:
        say(f"{problem.path}: {problem.text(strings)}")
    from tui.session.rescue import find_rescues

    for path in find_rescues(folder):
        say(strings("cli.rescue_copy", path=path))
    if as_json:
        print(rows_json(rows, len(item_ids)))
    elif not rows:
        print(strings("cli.no_sessions", folder=safe_line(str(folder))))
    else:
        width = max(len(row.id) for row in rows)
        from datetime import datetime

        for row in rows:
            updated = local_time(datetime.fromisoformat(row.updated))  # as home shows it
            print(f"{row.id:<{width}}  {row.answered:>3}/{len(item_ids):<3}  {updated}  {safe_line(row.title)}")
    return 0


def run_app(args: argparse.Namespace, folder: Path, strings: Strings, settings: Settings | None = None) -> int:
    """Check what the first screen needs, then start the Textual app."""
    from tui.app.shown import hold_collection

    hold_collection()  # until the first screen is painted (tui.app.shown)
    from tui.app.start import Home, New, Overview, Read, Start, Walk
    from tui.content import load_note
    from tui.session import SessionStore

    store = SessionStore(folder)
    command = args.command
    if command == "read":
        note = load_note()
        if args.section:
            try:
                note.section(args.section)
            except KeyError:
                known = ", ".join(s.id for s in note.sections)
                say(strings("cli.no_section", section=args.section, known=known))
                return EXIT_USAGE
        start: Start = Read(args.section or note.sections[0].id)
    elif command == "new" and not args.follows:
        start = New((args.title or "").strip() or None)
    elif command == "new" and args.follows:
        earlier = store.follow_up_source(args.follows)
        start = Walk(store.create(args.title or earlier.title, strings.language, follows=earlier))
    elif command == "resume":
        start = Walk(store.find(args.id))
    elif command == "walk":
        latest = store.find(args.id) if args.id else next(iter(store.scan()[0]), None)
        start = Walk(latest) if latest else New()
    elif command == "overview":
        start = Overview(store.find(args.id))
    else:
        start = Home()

    problem = terminal_problem()
    if problem is not None and not getattr(args, "headless", False):
        say(strings("cli.without_terminal", problem=strings(problem)))
        return EXIT_USAGE

    from tui.app.factory import make_app

    settings = settings or Settings()
    app = make_app(store, start, strings.language, theme=settings.theme, settings_file=config_path())
    app.run(mouse=settings.mouse and not getattr(args, "no_mouse", False))
    return app.return_code or 0


def print_overview(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`overview ID --print`: the overview as text, fitted to the terminal, colour only on a terminal."""
    import shutil

    from tui.content import load_tool
    from tui.render.export import to_text
    from tui.session import SessionStore
    from tui.views.report import build_report

    stored = SessionStore(folder).find(args.id)
    terminal = sys.stdout.isatty()
    color = terminal and not os.environ.get("NO_COLOR")
    # Fitted to a terminal; into a pipe or file, lines stay whole so grep and editors see them.
    width = shutil.get_terminal_size((80, 24)).columns if terminal else UNWRAPPED
    report = build_report(load_tool(), stored.session, strings, SessionStore(folder).earlier_of(stored.session))
    sys.stdout.write(to_text(report, width=width, color=color))
    return 0


def export_session(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`export ID --format F [-o FILE [--force]]`: to a file exactly as typed, to a terminal made safe."""
    from tui.content import load_tool
    from tui.render.export import FORMATS, export
    from tui.session import SessionStore
    from tui.views.report import build_report

    store = SessionStore(folder)
    stored = store.find(args.id)
    earlier = store.earlier_of(stored.session)
    if args.format not in FORMATS:  # bytes (xlsx): to a file or a pipe, never onto a terminal
        if not args.output and sys.stdout.isatty():
            say(strings("cli.binary_needs_file", fmt=args.format))
            return EXIT_USAGE
        from tui.render.office import export_bytes

        data = export_bytes(build_report(load_tool(), stored.session, strings, earlier), args.format)
        return deliver(data, args.format, args.output, args.force, strings)
    text = export(build_report(load_tool(), stored.session, strings, earlier), args.format)
    return deliver(text, args.format, args.output, args.force, strings)


def compare_sessions(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`compare ID ID [...]`: items ordered by how far the answers lie apart.

    The table fits a terminal's width; into a pipe or a file its lines stay whole. Every
    format goes through `deliver`: to a terminal made safe, to a file exactly.
    """
    import shutil

    from tui.content import load_tool
    from tui.render.compare import COMPARE_BINARY_FORMATS, compare_export, compare_table
    from tui.render.compare_office import compare_bytes
    from tui.session import SessionStore
    from tui.views.compare import build_comparison

    store = SessionStore(folder)
    sessions = [store.find(ref).session for ref in args.ids]
    if len(sessions) < 2:
        say(strings("cli.compare_needs_two"))
        return EXIT_USAGE
    comparison = build_comparison(load_tool(), sessions, strings, names=args.names)
    if args.format == "table" and not args.output and sys.stdout.isatty():
        sys.stdout.write(compare_table(comparison, width=shutil.get_terminal_size((80, 24)).columns))
        return 0
    if args.format in COMPARE_BINARY_FORMATS:  # bytes (xlsx): to a file or a pipe, never onto a terminal
        if not args.output and sys.stdout.isatty():
            say(strings("cli.binary_needs_file", fmt=args.format))
            return EXIT_USAGE
        return deliver(compare_bytes(comparison, args.format), args.format, args.output, args.force, strings)
    return deliver(compare_export(comparison, args.format), args.format, args.output, args.force, strings)


def import_session(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`import FILE`: copy a session file into the sessions folder; a rescue copy is moved in."""

    from tui.session import SessionStore
    from tui.session.rescue import is_rescue

    source = Path(args.file)
    if not os.path.lexists(source):
        say(f"{source}: {strings('oserror.ENOENT')}")
        return EXIT_USAGE
    store = SessionStore(folder)
    if is_rescue(source, folder):
        stored, replaced = store.restore(source)
        os.unlink(source)
        if replaced is not None:
            say(strings("cli.restored", path=replaced))
    else:
        stored = store.import_file(source)
    print(f"{stored.session.id}\t{safe_line(str(stored.path))}")
    return 0


def serve_in_browser(args: argparse.Namespace, folder: Path, strings: Strings) -> int:
    """`serve`: the app through textual-serve, behind a token in the URL."""
    import shlex

    try:
        from tui.serve.web.reflection import serve
    except ImportError:
        say(strings("web.needs_extra"))
        return EXIT_PROBLEM
    from tui.core.net import is_loopback

    command = shlex.join([sys.executable, "-m", "tui", "--sessions-dir", str(folder), "--lang", strings.language])

    def lines(url: str) -> list[str]:
        said = [strings("web.open", url=url)]
        if not is_loopback(args.host):
            said.append(strings("web.no_tls"))
        return said

    return serve(
        command, args.host, args.port, "samenwerken", lines, public_url=args.public_url, language=strings.language
    )


TEXT_COMMANDS = {
    "overview-print": print_overview,
    "export": export_session,
    "compare": compare_sessions,
    "import": import_session,
    "serve": serve_in_browser,
}
