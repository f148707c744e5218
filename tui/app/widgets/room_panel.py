"""In a regional session, below the walk: the phase and its timer, the group's answers, or the agreements.

While answering a seat sees no group counts at all; in reveal only those of the parts
the facilitator revealed (and the seat's marks of what to discuss); in discussion and
agreements the item under discussion. The room's modules are imported when the panel
first shows something: a walk outside a room never does (issue 24: a solo start imports no room).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.app.widgets.base import OfTheApp
from tui.app.widgets.literal import visible
from tui.content import Item
from tui.session.model import Answer, now

if TYPE_CHECKING:
    from tui.room.model import Room

ANSWERS = ("1", "2", "3", "4", "5", "nvt")


class RoomPanel(OfTheApp, Static):
    """Hidden when there is nothing from the room to show."""

    def show(self, steps_part: bool, answers: dict[str, Answer], item: Item | None = None, votes: int = 0) -> None:
        """Agreements in Vervolg; elsewhere what the phase lets the group see, beside one's own answer."""
        watch = self.samenwerken.room_watch
        if watch is None:
            self.display = False
            return
        from tui.room.phases import phase_line, seats_see
        from tui.room.votes import MAX_VOTES

        room, strings = watch.room, self.strings
        text = Text()
        if room.phase != "answering" or room.phase_ends is not None:
            text.append(phase_line(room, strings, now()) + "\n", style="italic")
        if steps_part:
            text.append(strings("room.agreements") + "\n", style="bold")
            for agreement in room.agreements:
                extra = " — ".join(x for x in (agreement.who, agreement.when) if x)
                text.append("• " + visible(agreement.text) + (f" ({visible(extra)})" if extra else "") + "\n")
            if not room.agreements:
                text.append(strings("room.no_agreements"), style="dim")
        elif room.phase == "reveal" and item is not None:
            part = self.samenwerken.tool.part_of(item.id)
            self._group_line(text, room, item, room.revealed.get(item.id, {}), answers, seats_see(room, part.id))
            text.append("\n" + strings("room.vote_hint", n=votes, max=MAX_VOTES), style="dim")
        elif room.discussion is not None:
            discussion = room.discussion
            discussed = self.samenwerken.tool.item(discussion.item)
            text.append(strings("room.in_discussion") + " ", style="bold")
            text.append(visible(discussed.loc("text", strings.language)))
            if room.phase != "answering":  # while answering, no group counts at all
                text.append("\n")
                part = self.samenwerken.tool.part_of(discussed.id)
                self._group_line(text, room, discussed, discussion.counts, answers, seats_see(room, part.id))
        if not text.plain.strip():
            self.display = False
            return
        text.rstrip()
        self.update(text)
        self.display = True

    def _group_line(
        self, text: Text, room: Room, item: Item, stored: dict[str, int], answers: dict[str, Answer], seen: bool
    ) -> None:
        """'Groep: ▁▃█ 1:0 2:1 …   jij: 4', or why the group's counts are not here."""
        from tui.render.group import counts_line, histogram

        strings = self.strings
        counts = {k: stored.get(k, 0) for k in ANSWERS}
        if not seen:
            text.append(strings("room.group") + " " + strings("room.not_revealed") + "   ", style="italic")
        elif sum(counts.values()) >= room.min_group:
            text.append(strings("room.group") + f" {histogram(counts)}  {counts_line(counts, strings)}   ")
        else:  # the board writes no counts below the minimum; an older file may still hold some
            text.append(strings("room.group") + " " + strings("room.too_few") + "   ", style="italic")
        own = answers.get(item.id)
        mine = (
            strings("room.nvt")
            if own is not None and own.not_applicable
            else str(own.score)
            if own is not None and own.score is not None
            else "–"
        )
        text.append(strings("room.yours", answer=mine), style="bold")
