"""Enter on a compared item: every session's answer and remark side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from tui.app.screens.base import AppModal
from tui.app.widgets.literal import plain_text
from tui.render.compare import answer_text, columns, score_cell
from tui.views.compare import Comparison, ComparisonItem


class CompareItemScreen(AppModal[None]):
    """One item: its statement, then a column per session (A, B…) with the answer and the whole remark."""

    STYLE_FILES = ("dialogs.tcss", "overview.tcss")
    """Its rules beside app.tcss's (see `tui.app.screens.base.read_style_files`)."""

    BINDINGS = [Binding("escape,q", "dismiss", "key.close", id="compare_item.close")]

    def __init__(self, comparison: Comparison, item: ComparisonItem) -> None:
        super().__init__()
        self.comparison = comparison
        self.item = item

    def compose(self) -> ComposeResult:
        c, item, strings = self.comparison, self.item, self.strings
        with VerticalScroll(id="cmpi-box"):
            yield Static(plain_text(item.title), id="cmpi-title")
            part = strings("compare.item_part", part=item.part_title, spread=score_cell(item.spread, strings))
            yield Static(plain_text(part), id="cmpi-part")
            if item.reworded:
                yield Static(plain_text(item.reworded_note), id="cmpi-reworded")
            with Horizontal(id="cmpi-columns"):
                for index, (head, legend, remark) in enumerate(zip(columns(c), c.legend, item.remarks, strict=True)):
                    with Vertical(classes="cmpi-column", id=f"cmpi-{index}"):
                        yield Static(plain_text(f"{head}: {answer_text(c, item, index)}"), classes="cmpi-answer")
                        yield Static(plain_text(legend), classes="cmpi-who")
                        if remark.strip():
                            yield Static(plain_text(remark.strip("\n")), classes="cmpi-remark")
                        else:
                            yield Static(plain_text(strings("compare.no_remark")), classes="cmpi-remark none")
            yield Static(plain_text(strings("compare.item_close")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#cmpi-box").focus()
