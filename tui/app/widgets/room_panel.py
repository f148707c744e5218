"""In a regional session, below the walk: the item under discussion with the group's answers, or the agreements."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.app.widgets.base import OfTheApp
from tui.app.widgets.literal import visible
from tui.render.group import counts_line, histogram
from tui.session.model import Answer


class RoomPanel(OfTheApp, Static):
    """Hidden when there is nothing from the room to show."""

    def show(self, steps_part: bool, answers: dict[str, Answer]) -> None:
        """Agreements in Vervolg; elsewhere the item open for discussion, the group's counts and one's own answer."""
        watch = self.samenwerken.room_watch
        if watch is None:
            self.display = False
            return
        room, strings = watch.room, self.strings
        text = Text()
        if steps_part:
            text.append(strings("room.agreements") + "\n", style="bold")
            for agreement in room.agreements:
                extra = " — ".join(x for x in (agreement.who, agreement.when) if x)
                text.append("• " + visible(agreement.text) + (f" ({visible(extra)})" if extra else "") + "\n")
            if not room.agreements:
                text.append(strings("room.no_agreements"), style="dim")
        elif room.discussion is not None:
            discussion = room.discussion
            item = self.samenwerken.tool.item(discussion.item)
            counts = {k: discussion.counts.get(k, 0) for k in ("1", "2", "3", "4", "5", "nvt")}
            own = answers.get(item.id)
            mine = (
                strings("room.nvt")
                if own is not None and own.not_applicable
                else str(own.score)
                if own is not None and own.score is not None
                else "–"
            )
            text.append(strings("room.in_discussion") + " ", style="bold")
            text.append(visible(item.loc("text", strings.language)) + "\n")
            if sum(counts.values()) >= room.min_group:
                text.append(strings("room.group") + f" {histogram(counts)}  {counts_line(counts, strings)}   ")
            else:  # the board writes no counts below the minimum; an older file may still hold some
                text.append(strings("room.group") + " " + strings("room.too_few") + "   ", style="italic")
            text.append(strings("room.yours", answer=mine), style="bold")
        else:
            self.display = False
            return
        self.update(text)
        self.display = True
