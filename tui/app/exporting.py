"""Exports from the app: a file in the sessions folder's exports/, or a download in a browser tab."""

from __future__ import annotations

import errno
from pathlib import Path

from tui.app.notifying import NotifyingApp
from tui.session import Session


class ExportingApp(NotifyingApp):
    """Writes or hands over a session's report or a comparison; a room seat takes its answers home."""

    def write_export(self, session: Session, fmt: str) -> Path:
        """Export a session into the sessions folder's exports/; returns the path."""
        from tui.render.export import BINARY_FORMATS, export
        from tui.session.store import export_name
        from tui.views.report import build_report

        self._refuse_in_a_seat()
        report = build_report(self.tool, session, self.strings, self.earlier_session(session))
        if fmt in BINARY_FORMATS:  # bytes (xlsx): the store's write_export takes text
            from tui.core.files import ensure_private_dir
            from tui.render.office import export_bytes
            from tui.session.store import EXPORTS

            path = self.store.root / EXPORTS / export_name(session, fmt)
            ensure_private_dir(path.parent)
            self.store.export_file(path, export_bytes(report, fmt), overwrite=True)
            return path
        return self.store.write_export(session, fmt, export(report, fmt))

    def _refuse_in_a_seat(self) -> None:
        """A room seat's app runs on the facilitator's machine: it writes no export there (see `take_home`)."""
        if self.room_seat is not None:
            raise PermissionError(errno.EPERM, "a seat's export is never written on the facilitator's machine")

    def take_home(self, session: Session) -> None:
        """A room seat's export: the `bewaar` commands over SSH, downloads in a browser tab; no file here."""
        from tui.app.screens.take_home import BewaarDialog, DownloadPicker
        from tui.render.take_home import Door, bewaar_commands

        if not self.is_web:
            door = self.room_seat.door if self.room_seat is not None else Door()
            self.push_screen(BewaarDialog(bewaar_commands(door, self.strings)))
            return

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.say(self.deliver_take_home(session, fmt), timeout=10)

        self.push_screen(DownloadPicker(), chosen)

    def deliver_take_home(self, session: Session, fmt: str) -> str:
        """The session (toml) or its report (md) as a download in this browser tab; says what comes."""
        import io

        from tui.render.take_home import take_home_file

        name, text = take_home_file(self.tool, session, fmt, self.strings)
        self.deliver_text(io.StringIO(text), save_filename=name, encoding="utf-8")
        return self.strings("take_home.downloaded" if fmt == "toml" else "web.downloaded", name=name)

    def hand_over_export(self, session: Session, fmt: str) -> str:
        """An export where the user is: a download in a browser tab, else a file in exports/. Says where.

        Raises OSError when the file cannot be written.
        """
        if self.is_web:
            import io

            from tui.render.export import BINARY_FORMATS, export
            from tui.session.store import export_name
            from tui.views.report import build_report

            name = export_name(session, fmt)
            if fmt in BINARY_FORMATS:
                from tui.render.office import export_bytes

                data = export_bytes(build_report(self.tool, session, self.strings, self.earlier_session(session)), fmt)
                self.deliver_binary(io.BytesIO(data), save_filename=name)
                return self.strings("web.downloaded", name=name)
            text = export(build_report(self.tool, session, self.strings, self.earlier_session(session)), fmt)
            self.deliver_text(io.StringIO(text), save_filename=name, encoding="utf-8")
            return self.strings("web.downloaded", name=name)
        return self.strings("export.done", path=str(self.write_export(session, fmt)))

    def hand_over_compare(self, sessions: list[Session], fmt: str) -> str:
        """A comparison (as the compare screen shows it) exported where the user is, like `hand_over_export`.

        A download in a browser tab, else a file in the sessions folder's exports/. Says where;
        raises OSError when the file cannot be written, UserFileError when exports/ is unsafe.
        """
        from tui.core.files import ensure_private_dir
        from tui.render.compare import export_name
        from tui.render.compare_office import compare_bytes
        from tui.session.store import EXPORTS
        from tui.views.compare import build_comparison

        self._refuse_in_a_seat()
        comparison = build_comparison(self.tool, sessions, self.strings, names=True)
        name, data = export_name(comparison, fmt), compare_bytes(comparison, fmt)
        if self.is_web:
            import io

            self.deliver_binary(io.BytesIO(data), save_filename=name)
            return self.strings("web.downloaded", name=name)
        folder = self.store.root / EXPORTS
        ensure_private_dir(folder)
        path = folder / name
        self.store.export_file(path, data, overwrite=True)
        return self.strings("export.done", path=str(path))
