"""The walk's part in a regional session: the room panel, the timer, marking items to discuss, sharing a remark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.app.screens.base import AppScreen, RoomChanged
from tui.content import Item, Part
from tui.session.editor import SessionEditor


class WalkInRoom(AppScreen[None]):
    """What a seat's walk does beyond answering; `WalkScreen` provides what it stands on."""

    editor: SessionEditor
    in_room: bool
    _votes: list[str]

    @property
    def part(self) -> Part:
        raise NotImplementedError

    @property
    def item(self) -> Item | None:
        raise NotImplementedError

    def _refresh_label(self, item_id: str) -> None:
        raise NotImplementedError

    def _show_item(self) -> None:
        raise NotImplementedError

    def _save(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        raise NotImplementedError

    def _show_room(self) -> None:
        if self.in_room:
            from tui.app.widgets.room_panel import RoomPanel  # a seat's walk only: a walk alone never imports it

            self.query_one(RoomPanel).show(
                self.part.kind == "steps", self.editor.session.answers, self.item, len(self._votes)
            )

    def on_room_changed(self, _: RoomChanged) -> None:
        """The room moved on; under a dialog (a remark being typed) it waits until the dialog closes."""
        if self.samenwerken.screen is self:  # not `is_current`: that is true under a modal dialog too
            self._show_room()
            self.refresh_bindings()

    def _tick(self) -> None:
        """The timer's countdown, once a second (only while it runs, and never under a dialog)."""
        watch = self.samenwerken.room_watch
        if self.samenwerken.screen is self and watch is not None and watch.room.phase_ends is not None:
            self._show_room()

    def action_vote(self) -> None:
        """Mark this item to discuss (at most three), or take the mark away."""
        from tui.room.votes import MAX_VOTES, TooManyVotes

        item, seat, watch = self.item, self.samenwerken.room_seat, self.samenwerken.room_watch
        if item is None or seat is None or watch is None:
            return
        if watch.room.phase != "reveal":
            self.samenwerken.say(self.strings("room.vote_only"), severity="warning")
            return
        try:
            marked = seat.toggle_vote(item.id)
        except TooManyVotes:
            self.samenwerken.say(self.strings("room.vote_full", max=MAX_VOTES), severity="warning")
            return
        except OSError as error:
            self.samenwerken.say(self.strings("room.vote_failed", reason=str(error.strerror)), severity="error")
            return
        self._votes = seat.votes()
        key = "room.vote_marked" if marked else "room.vote_removed"
        self.samenwerken.say(self.strings(key, n=len(self._votes), max=MAX_VOTES))
        self._refresh_label(item.id)
        self._show_room()

    def action_share(self) -> None:
        """Show this item's remark to the group (without a name), or take it back."""
        item = self.item
        if item is None:
            return
        answer = self.editor.session.answers.get(item.id)
        if self.set_shared(item.id, not (answer is not None and answer.shared)) is not None:
            self._show_item()

    def set_shared(self, item_id: str, want: bool) -> bool | None:
        """Share an item's remark or take it back, and say so; whether it is shared now (None: nothing saved).

        Also the remark dialog's checkbox, a phone's one way to share.
        """
        answer = self.editor.session.answers.get(item_id)
        if answer is None or not answer.remark.strip():
            if want:
                self.samenwerken.say(self.strings("room.share_needs_remark"), severity="warning")
            return None
        if answer.shared == want:
            return want
        if not self._save(self.editor.share, item_id, want):
            return None
        self.samenwerken.say(self.strings("room.shared_now" if want else "room.private_now"))
        return want
