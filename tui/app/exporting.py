"""Exports from the app: a file in the sessions folder's exports/, or a download in a browser tab."""

from __future__ import annotations

from pathlib import Path

from tui.app.notifying import NotifyingApp
from tui.session import Session


class ExportingApp(NotifyingApp):
    """Writes or hands over a session's report or a comparison; a room seat takes its answers home."""

    def _report_export(self, session: Session, fmt: str) -> tuple[str, bytes, str | None]:
        """A session's export: its file name, its bytes and (for a text format) its text."""
        from tui.render.export import BINARY_FORMATS, export
        from tui.session.store import export_name
        from tui.views.report import build_report

        report = build_report(self.tool, session, self.strings, self.earlier_session(session))
        name = export_name(session, fmt)
        if fmt in BINARY_FORMATS:  # bytes (xlsx)
            from tui.render.office import export_bytes

            return name, export_bytes(report, fmt), None
        text = export(report, fmt)
        return name, text.encode("utf-8"), text

    def write_export(self, session: Session, fmt: str) -> Path:
        """Export a session into the sessions folder's exports/, replacing an earlier one; returns the path."""
        from tui.app.export_delivery import refuse_in_a_seat, write_export_file

        refuse_in_a_seat(self)
        name, data, _ = self._report_export(session, fmt)
        return write_export_file(self, name, data)

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

    def export_session(self, session: Session, fmt: str) -> None:
        """The overview's export where the user is (a download, or a file in exports/); says how it went."""
        from tui.app.export_delivery import hand_over

        name, data, text = self._report_export(session, fmt)
        hand_over(self, name, data, text)

    def export_comparison(self, sessions: list[Session], fmt: str) -> None:
        """A comparison (as the compare screen shows it) exported where the user is, like `export_session`."""
        from tui.app.export_delivery import hand_over
        from tui.render.compare import export_name
        from tui.render.compare_office import compare_bytes
        from tui.views.compare import build_comparison

        comparison = build_comparison(self.tool, sessions, self.strings, names=True)
        hand_over(self, export_name(comparison, fmt), compare_bytes(comparison, fmt))
