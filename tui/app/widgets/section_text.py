"""A section of the note as one widget: its Markdown laid out as lines of text, one passage marked.

Textual's Markdown widget mounts a widget per block (a paragraph, a list, each item and
its bullet): the reader's first section took about 60 ms per KB to show, a good part of
its start (issue 24). Here the section is parsed (markdown-it, as Textual does; the note's
sections are parsed once and kept between runs, `tui.content.blocks`) and laid out for the
widget's width as plain lines (headings, paragraphs, lists with their
bullets and hanging indent, quotes, rules), looking as Textual's Markdown did. Each block
keeps the source lines it came from and the lines it fills, so the reader can mark the
passage a quote or a search hit points at and scroll to it.
"""

from __future__ import annotations

from dataclasses import field

from textual.content import Content, Span
from textual.geometry import Size
from textual.widget import Widget

from tui.content.blocks import Piece, parse
from tui.core.plain import record

BULLETS = ("• ", "▪ ", "‣ ", "⭑ ", "◦ ")
"""Textual's Markdown bullets, by depth."""


@record
class Block:
    """A block of the source: its source lines (`start`, `end`), and the lines it fills (`top`, `bottom`)."""

    start: int
    end: int
    depth: int
    top: int = 0
    bottom: int = 0


@record
class Layout:
    """The section laid out for one width."""

    lines: list[Content] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


class SectionText(Widget):
    """The Markdown of a section, laid out for its width; `marked` is the source range of the marked block."""

    COMPONENT_CLASSES = {"h1", "h2", "h3", "bullet", "quote", "rule", "em", "strong", "code_inline", "highlight"}
    DEFAULT_CSS = """
    SectionText {
        height: auto;
        & > .h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
        & > .h2 { color: $markdown-h2-color; text-style: $markdown-h2-text-style; }
        & > .h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
        & > .bullet { color: $text-primary; }
        & > .quote { color: $text-primary 50%; }
        & > .rule { color: $secondary; }
        & > .em { text-style: italic; }
        & > .strong { text-style: bold; }
        & > .code_inline { background: $warning 10%; color: $text-warning 95%; }
        & > .highlight { background: $warning 25%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self.marked: tuple[int, int] | None = None
        self._pieces: list[Piece] = []
        self._layouts: dict[int, Layout] = {}

    def show(self, source: str, pieces: list[Piece] | None = None) -> None:
        """Show `source` (Markdown) from its top, nothing marked; `pieces` are its blocks when parsed already."""
        self.source = source
        self._pieces = parse(source) if pieces is None else pieces
        self._layouts.clear()
        self.marked = None
        self.refresh(layout=True)

    def blocks(self) -> list[Block]:
        """Every block, at the width shown now."""
        return self.laid_out(self._width()).blocks

    def mark(self, block: Block | None) -> None:
        """Mark one block (None: none); the same mark again draws nothing (a section opened at its top)."""
        marked = None if block is None else (block.start, block.end)
        if marked != self.marked:
            self.marked = marked
            self.refresh()

    def line_of(self, block: Block) -> int:
        """The first screen line of `block` at the width shown now."""
        for laid in self.laid_out(self._width()).blocks:
            if (laid.start, laid.end, laid.depth) == (block.start, block.end, block.depth):
                return laid.top
        return 0

    def _width(self) -> int:
        return max(self.content_size.width, 1)

    def laid_out(self, width: int) -> Layout:
        if width not in self._layouts:
            self._layouts[width] = _Writer(width).write(self._pieces)
        return self._layouts[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out(max(width, 1)).lines)

    def render(self) -> Content:
        width = self._width()
        laid = self.laid_out(width)
        lines = laid.lines
        if self.marked is not None:
            lines = list(lines)
            for block in laid.blocks:
                if (block.start, block.end) == self.marked:
                    for y in range(block.top, block.bottom):
                        line = lines[y]
                        lines[y] = line.extend_right(width - line.cell_length).stylize(".highlight")
                    break
        return Content("\n").join(lines)


@record
class _Open:
    kind: str
    block: Block
    bullet: str = ""
    number: int = 0


class _Writer:
    """Lays out markdown-it's tokens (as pieces) as lines of one width, with margins as Textual's Markdown has them."""

    MARGINS = {"h1": (0, 1), "h2": (2, 1), "h3": (1, 1), "p": (0, 1), "list": (0, 1), "quote": (1, 1), "hr": (1, 1)}
    """Blank lines before and after a block at the top level (adjacent margins collapse into the larger)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.out = Layout()
        self.gap = 0
        """Blank lines owed before the next top-level block."""
        self.stack: list[_Open] = []
        self.pending_prefix: list[tuple[str, str]] = []

    def write(self, tokens: list[Piece]) -> Layout:
        for token in tokens:
            self._token(token)
        while self.out.lines and not self.out.lines[-1].plain.strip():
            self.out.lines.pop()
        return self.out

    def _top_level(self) -> bool:
        return not self.stack

    def _begin(self, kind: str) -> None:
        """Start a top-level block: the collapsed margin before it."""
        before, _ = self.MARGINS[kind]
        if self.out.lines:
            self.out.lines.extend(Content("") for _ in range(max(self.gap, before)))
        self.gap = 0

    def _end(self, kind: str) -> None:
        self.gap = self.MARGINS[kind][1]

    def _leaf(self, token: Piece) -> Block:
        """A block without blocks inside (a rule, code), starting here."""
        return Block(token.start, token.end, len(self.stack), top=len(self.out.lines))

    def _open_block(self, token: Piece, kind: str) -> Block:
        block = Block(token.start, token.end, len(self.stack), top=len(self.out.lines))
        self.stack.append(_Open(kind, block))
        return block

    def _close_block(self) -> _Open:
        opened = self.stack.pop()
        opened.block.bottom = len(self.out.lines)
        self.out.blocks.append(opened.block)
        return opened

    def _token(self, token: Piece) -> None:
        kind = token.kind
        if kind == "heading_open":
            if self._top_level():
                self._begin(token.tag if token.tag in ("h1", "h2") else "h3")
            self._open_block(token, token.tag)
        elif kind in ("paragraph_open",):
            if self._top_level():
                self._begin("p")
            self._open_block(token, "p")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if self._top_level():
                self._begin("list")
            self._open_block(token, "list")
        elif kind == "list_item_open":
            depth = sum(1 for o in self.stack if o.kind == "list") - 1
            self._open_block(token, "item")
            if token.info:  # ordered: its number
                self.stack[-1].bullet = f"{token.info}{token.markup} "
            else:
                self.stack[-1].bullet = BULLETS[depth % len(BULLETS)]
        elif kind == "blockquote_open":
            if self._top_level():
                self._begin("quote")
            self._open_block(token, "quote")
        elif kind == "hr":
            if self._top_level():
                self._begin("hr")
            block = self._leaf(token)
            self.out.lines.append(Content.styled("─" * self.width, ".rule"))
            block.bottom = len(self.out.lines)
            self.out.blocks.append(block)
            if self._top_level():
                self._end("hr")
        elif kind == "inline":
            self._text(Content(token.text, spans=[Span(s.start, s.end, f".{s.style}") for s in token.spans]))
        elif kind == "fence" or kind == "code_block":
            if self._top_level():
                self._begin("p")
            block = self._leaf(token)
            self._text(Content(token.text.rstrip("\n")), wrap=False)
            block.bottom = len(self.out.lines)
            self.out.blocks.append(block)
            if self._top_level():
                self._end("p")
        elif kind.endswith("_close") and self.stack:
            opened = self._close_block()
            if self._top_level():
                self._end({"item": "list"}.get(opened.kind, opened.kind if opened.kind in self.MARGINS else "h3"))

    def _text(self, content: Content, wrap: bool = True) -> None:
        """Lines of `content` inside whatever is open: quoted, indented under a bullet, a heading centred."""
        heading = next((o.kind for o in reversed(self.stack) if o.kind in ("h1", "h2", "h3")), "")
        first, rest = Content(""), Content("")
        for opened in self.stack:
            if opened.kind == "quote":
                first, rest = first + Content.styled("▌ ", ".quote"), rest + Content.styled("▌ ", ".quote")
            elif opened.kind == "item":
                if opened.bullet:  # the first line of an item carries its bullet; later lines hang under its text
                    first = first + Content.styled(opened.bullet, ".bullet")
                    opened.bullet, opened.number = "", len(opened.bullet)
                    rest = rest + Content(" " * opened.number)
                else:
                    first, rest = first + Content(" " * opened.number), rest + Content(" " * opened.number)
        room = max(self.width - max(first.cell_length, rest.cell_length), 1)
        if heading:
            content = content.stylize(f".{heading}")
        lines = (content.wrap(room) if wrap else content.split("\n")) or [Content("")]
        if heading == "h1":  # the lines centred together, as Textual centres the heading's block
            widest = max(line.cell_length for line in lines)
            lines = [line.pad_left((room - widest) // 2) for line in lines]
        for n, line in enumerate(lines):
            self.out.lines.append((first if n == 0 else rest) + line)
