"""Notifications: one at a time, literal text, Textual's own notices in the app's language."""

from __future__ import annotations

from textual import events, on
from textual.notifications import SeverityLevel

from tui.app.shell import AppShell
from tui.app.widgets.literal import visible


class NotifyingApp(AppShell):
    """How the app tells the user something: `say`, and `notify` that never piles up."""

    _notice: tuple[str, str, SeverityLevel, float | None, bool] | None = None
    """The notification to show next (see `notify`)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """One notification at a time: the newest replaces what is shown, so they never pile up over a table."""
        self._notice = (message, title, severity, timeout, markup)
        self.call_later(self._show_notice)

    def _show_notice(self) -> None:
        if self._notice is None:
            return  # a later notice of the same moment was shown already
        message, title, severity, timeout, markup = self._notice
        self._notice = None
        self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def say(self, text: str, severity: str = "information", timeout: float = 4) -> None:
        """A notification that shows `text` literally (it may hold a title or a path)."""
        self.notify(visible(text), severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        """Textual says 'Saved screenshot' in English: say it in the app's language instead."""
        if event.name == "screenshot":
            event.prevent_default()
            where = str(event.path) if event.path is not None else ""
            self.say(self.strings("screenshot.saved_to" if where else "screenshot.saved", path=where), timeout=8)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.say(self.strings("screenshot.failed"), severity="error")
