"""Pieces every renderer shares: bars, a next step's line, literal Markdown, escaped HTML, terminal text.

The views are built as plain data (`tui.views.report` for one session's overview,
`tui.views.compare` for a comparison); `tui.render.export` and `tui.render.compare` render them,
from these pieces. Screens use them too, so a bar or a step looks the same
everywhere. No Textual, and light to import.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tui.core.plain import record
from tui.core.text import one_line, printable, safe_line, visible
from tui.session.due import is_overdue, when_shown

if TYPE_CHECKING:
    from tui.content.i18n import Strings
    from tui.content.tool import Part, Tool
    from tui.session.model import NextStep

BAR_WIDTH = 20


def filled(fraction: float, width: int) -> str:
    """A horizontal bar, `fraction` (0–1) of it filled."""
    cells = round(width * fraction)
    return "█" * cells + "░" * (width - cells)


def bar(mean: float | None, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 1–5 mean: filled from 1 (empty) to 5 (full)."""
    return "·" * width if mean is None else filled((mean - 1) / 4, width)


CHECKBOXES = ("[ ]", "[x]")
"""How a step that is open, and one that is done, begins."""


@record(frozen=True)
class StepCells:
    """One next step as the register's row: what (with its suggestion), who, when, done; as typed."""

    what: str
    who: str
    when: str
    """The date in words ('1 maart 2027', 'maart 2027') when `when` names one, else the text as typed."""
    done: bool
    overdue: bool
    """Open, and its date has passed."""

    def when_marked(self, strings: Strings) -> str:
        """The 'when' cell with '⚠ te laat' after it for an overdue step: the mark every view shows."""
        mark = strings("steps.overdue") if self.overdue else ""
        return " ".join(x for x in (self.when, mark) if x)


def step_cells(step: NextStep, strings: Strings, today: date) -> StepCells:
    """The register's row of `step`, in the language of `strings`, overdue as of `today`."""
    credit = f" ({strings('report.appendix1')} {step.suggestion})" if step.suggestion else ""
    return StepCells(
        what=f"{step.text}{credit}",
        who=step.who,
        when=when_shown(step.when, step.due, strings.language),
        done=step.done,
        overdue=is_overdue(step.due, step.done, today),
    )


STEP_COLUMNS = ("steps.col_what", "steps.col_who", "steps.col_when", "steps.col_done")
"""The register's column headings (Wat, Wie, Wanneer, Klaar), in order."""


def step_headings(strings: Strings) -> list[str]:
    return [strings(key) for key in STEP_COLUMNS]


def step_rows(steps: Sequence[NextStep], strings: Strings, today: date, boxes: tuple[str, str]) -> list[list[str]]:
    """The register as rows of text cells, the headings first: for `columns`.

    An overdue step's 'when' cell has '⚠ te laat' on a line of its own, so the mark is never cut.
    """
    rows = [step_headings(strings)]
    for step in steps:
        c = step_cells(step, strings, today)
        mark = strings("steps.overdue") if c.overdue else ""
        rows.append([c.what, c.who, "\n".join(x for x in (c.when, mark) if x), boxes[c.done]])
    return rows


def step_caps(width: int) -> tuple[int, int, int, int]:
    """The widest the who, when and done columns grow in text (they wrap inside); what takes the rest.

    A narrow window gives who and when less room, so what stays a column words fit in.
    """
    return (0, min(14, max(8, width // 5)), min(16, max(10, width // 4)), 5)


def columns(rows: Sequence[Sequence[str]], width: int, caps: Sequence[int], gap: int = 2) -> list[list[str]]:
    """Rows of cells laid out in aligned columns within `width`: one list of lines per row.

    Every column but the first is as wide as its widest line, at most its cap; the first takes
    what is left (at least 10). Cells wrap inside their column; a line break in a cell starts
    a new line there (a mark of its own, such as '⚠ te laat'). Text is made visible first.
    """
    cells = [[[visible(one_line(part)) for part in cell.split("\n")] for cell in row] for row in rows]
    n = len(caps)
    widest = [max((len(part) for row in cells for part in row[i]), default=1) for i in range(n)]
    widths = [0] + [max(1, min(caps[i], widest[i])) for i in range(1, n)]
    widths[0] = max(10, width - sum(widths[1:]) - gap * (n - 1))
    out = []
    for row in cells:
        wrapped = [
            # `visible` again: a long word cut inside an emoji sequence leaves a joiner that joins nothing
            [
                visible(line)
                for part in row[i]
                for line in (textwrap.wrap(part, widths[i], break_on_hyphens=False) or [""])
            ]
            for i in range(n)
        ]
        height = max(len(w) for w in wrapped)
        lines = []
        for k in range(height):
            parts = [(wrapped[i][k] if k < len(wrapped[i]) else "").ljust(widths[i]) for i in range(n)]
            lines.append((" " * gap).join(parts).rstrip())
        out.append(lines)
    return out


def walk_part_line(tool: Tool, part: Part, strings: Strings) -> str:
    """'Deel 2/5 · Wat helpt': where the walk is, counted over the scale parts only.

    The next steps come after the parts and carry no number ('Vervolg'), so the full-screen
    walk and the plain walk count the same parts.
    """
    title = part.loc("title", strings.language)
    if part.kind != "scale":
        return title
    parts = tool.scale_parts
    return strings("walk.part", k=parts.index(part) + 1, n=len(parts), title=title)


# Markdown -------------------------------------------------------------------

_MD_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_BLOCK_START = re.compile(r"^(?:([-+=:])|(\d+)([.)]))")


def _md_literal(line: str, start: bool) -> str:
    """One line of text, literal in Markdown: no emphasis, code, links, images, HTML or entities.

    With `start`, the line also begins a block (a list item's text, a quoted line), so what
    could open a list, heading, rule, setext heading or code block there is escaped as well.
    """
    out = _MD_ENTITY.sub("\\\\&", line.translate(_MD_ESCAPE))
    if start:
        out = _MD_BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], out)
    return out


def md_text(text: str, start: bool = False) -> str:
    """User (or content) text on one line of Markdown: line breaks become spaces, nothing is markup."""
    return _md_literal(one_line(text).strip(" \t"), start)


def md_quote(text: str, indent: str) -> list[str]:
    """User text as a block quote, line by line, so blank lines and '- ' stay inside it.

    Leading blanks are dropped (four would make a code block; Markdown drops fewer anyway),
    trailing ones too (two would make a hard line break), and so are blank lines at the end.
    """
    lines = [_md_literal(line.strip(" \t"), start=True) for line in printable(text).rstrip(" \t\n").split("\n")]
    return [f"{indent}> {line}".rstrip() for line in lines]


# HTML -----------------------------------------------------------------------


def html_text(text: str) -> str:
    """Text on one line, escaped for HTML; apostrophes stay as typed (no attribute holds user text)."""
    return _escape_html(one_line(text))


def html_block(text: str) -> str:
    """Text whose line breaks count (notes), escaped for HTML."""
    return _escape_html(printable(text))


def _escape_html(text: str) -> str:
    """`html.escape(text, quote=False)`, without importing `html` (its entity tables were 340 kB of every walk)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Terminal text --------------------------------------------------------------

_ANSI = {
    "bold": "\x1b[1m",
    "green": "\x1b[32m",
    "red": "\x1b[31m",
    "dim": "\x1b[2m",
    "reset": "\x1b[0m",
}


def zone(value: float | None, strength_at: int, obstacle_at: int) -> str:
    """Where a 1–5 value (after direction) lies: 'strong', 'weak', 'middle', or 'none' without a value."""
    if value is None:
        return "none"
    return "strong" if value >= strength_at else "weak" if value <= obstacle_at else "middle"


ZONE_STYLE = {"strong": "green", "middle": "", "weak": "red", "none": "dim"}
"""The terminal colour of each zone (the middle keeps the terminal's own); the words and marks
beside it carry the meaning without colour."""


class Terminal:
    """Text for a terminal at `width` columns, in colour or not.

    Every piece of text (the user's and the content's) goes through `visible`/`safe_line`:
    nothing in a session file can steer the terminal or break a line it should not. The
    only escape sequences are the colours asked for (`rich.text.Text.from_ansi` reads them).
    """

    def __init__(self, width: int, color: bool) -> None:
        self.width = max(40, width)
        self.color = color

    def paint(self, text: str, style: str) -> str:
        """`text` in a style of _ANSI (bold, green, red, dim) when in colour; '' leaves it as it is."""
        return f"{_ANSI[style]}{text}{_ANSI['reset']}" if self.color and style else text

    def heading(self, text: str) -> str:
        return self.paint(safe_line(text), "bold")

    def wrap(self, text: str, indent: str = "", first: str | None = None) -> list[str]:
        """`text` wrapped to the width; line breaks in it become spaces."""
        lines = textwrap.wrap(
            visible(text),
            self.width,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
        )
        # A long word may be cut inside an emoji sequence: a joiner left at a line's edge joins
        # nothing any more, and `visible` shows it (it is idempotent on text it made).
        return [visible(line) for line in lines] or [first or indent]

    def marked(self, mark: str, style: str, text: str, indent: str = "  ") -> list[str]:
        """`mark text` wrapped as one paragraph, the mark painted; wrapped lines hang under the text.

        The width is measured before painting, so colour never shortens a line.
        """
        first = f"{indent}{safe_line(mark)} "
        lines = self.wrap(text, indent + "  ", first)
        if lines[0].startswith(first) and style:
            lines[0] = indent + self.paint(safe_line(mark), style) + lines[0][len(indent) + len(safe_line(mark)) :]
        return lines


def blocks(*parts: list[str]) -> str:
    """Blocks of lines, a blank line between them; empty blocks are left out."""
    return "\n\n".join("\n".join(block) for block in parts if block) + "\n"
