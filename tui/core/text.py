"""Making user text safe to show in a terminal or a document, without changing what is stored.

Session files can be edited by hand or come from someone else, so any text in them
may hold characters that steer a terminal (ESC, C1 controls), reorder what is shown
(bidi controls, the "Trojan Source" trick) or hide text (zero-width and other
invisible format characters). Nothing here changes a session; these functions
only decide how its text is shown:

- `visible(text)`: for a terminal; every such character becomes a visible stand-in,
  newlines stay newlines.
- `safe_line(text)`: `visible` for one-line things (titles, paths, keys); newlines
  are shown as ␤ too, so a value can never break a one-line listing.
- `printable(text)`: for documents (Markdown, HTML); like `visible`, but newlines and
  tabs stay as they are and Windows line ends become newlines.
- `terminal_json(data)` and `escape_json(json_text)`: JSON with every such character
  written as a \\uXXXX escape, so it is still exactly the same data after parsing.

Stand-ins: C0 controls, DEL and a few more are their Unicode control pictures
(␛, ␀, ␇, ␍, ␉, ␡, …); every other dangerous character is its code point in angle
brackets, e.g. ⟨U+202E⟩ for RIGHT-TO-LEFT OVERRIDE and ⟨U+0085⟩ for a C1 control.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime

_NEWLINE_SYMBOL = "\u2424"  # ␤


def _ranges(*spans: tuple[int, int]) -> list[int]:
    return [cp for low, high in spans for cp in range(low, high + 1)]


DANGEROUS: frozenset[int] = frozenset(
    _ranges(
        (0x00, 0x1F),  # C0 controls (ESC, BEL, CR, TAB, …); newline is treated apart
        (0x7F, 0x9F),  # DEL and the C1 controls (CSI U+009B, OSC U+009D, NEL U+0085, …)
        (0x061C, 0x061C),  # ARABIC LETTER MARK (bidi)
        (0x115F, 0x1160),  # Hangul fillers: invisible, used to fake blank names
        (0x17B4, 0x17B5),  # Khmer inherent vowels: invisible
        (0x180E, 0x180E),  # MONGOLIAN VOWEL SEPARATOR: invisible
        (0x200B, 0x200F),  # zero width space, non-joiner, joiner; LRM, RLM
        (0x2028, 0x2029),  # LINE and PARAGRAPH SEPARATOR: line breaks in disguise
        (0x202A, 0x202E),  # bidi embeddings and overrides
        (0x2060, 0x2064),  # word joiner, invisible operators
        (0x2066, 0x206F),  # bidi isolates and deprecated format characters
        (0x3164, 0x3164),  # HANGUL FILLER
        (0xFEFF, 0xFEFF),  # zero width no-break space (byte order mark)
        (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
        (0xFFF9, 0xFFFB),  # interlinear annotation controls
        (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
        (0x1BCA0, 0x1BCA3),  # shorthand format controls
        (0x1D173, 0x1D17A),  # musical symbol format controls
        (0xE0000, 0xE007F),  # tag characters: invisible ASCII look-alikes ("ASCII smuggling")
    )
)
"""Code points that must never reach a terminal (or a document) raw."""


def _stand_in(cp: int) -> str:
    if cp < 0x20:
        return chr(0x2400 + cp)
    if cp == 0x7F:
        return "\u2421"  # ␡
    return f"\u27e8U+{cp:04X}\u27e9"  # ⟨U+202E⟩


_ZWJ = "\u200d"

_VISIBLE = {cp: _stand_in(cp) for cp in DANGEROUS if cp not in (0x0A, 0x200D)}
"""For terminals: newline stays; ZWJ is handled apart (it joins emoji)."""

_LINE = _VISIBLE | {0x0A: _NEWLINE_SYMBOL}

_DOCUMENT = {cp: s for cp, s in _VISIBLE.items() if cp != 0x09}
"""For documents: tabs stay tabs too (line ends are normalised before)."""

# A zero width joiner between two emoji (👩‍💻, 🏳️‍🌈, 🤷‍♀️) is how those are written; anywhere
# else it only hides or glues text, so it is shown.
_EMOJI = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf"
    "\u2934\u2935\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_ZWJ_STAND_IN = _stand_in(0x200D)


@functools.cache
def _lone_zwj() -> re.Pattern[str]:
    """A ZWJ not between emoji; compiled when a text first holds a ZWJ (5 ms of every start before)."""
    return re.compile(f"(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])")


def _translate(text: str, table: dict[int, str]) -> str:
    out = text.translate(table)
    if _ZWJ in out:
        out = _lone_zwj().sub(_ZWJ_STAND_IN, out)
    return out


def visible(text: str) -> str:
    """Text for a terminal: controls, bidi and invisible characters as visible stand-ins (␛, ⟨U+202E⟩, …).

    Newlines stay newlines; tabs show as ␉ and carriage returns as ␍.
    """
    return _translate(text, _VISIBLE)


def safe_line(text: str) -> str:
    """`visible(text)` that always stays on one line: newlines show as ␤."""
    return _translate(text, _LINE)


def printable(text: str) -> str:
    """Text for a document (Markdown, HTML): `visible`, but line ends and tabs stay as they are.

    Windows and old Mac line ends (CR LF, CR) become newlines.
    """
    return _translate(text.replace("\r\n", "\n").replace("\r", "\n"), _DOCUMENT)


def one_line(text: str) -> str:
    """`printable(text)` on one line: every line break (and the spaces around it) becomes one space."""
    return re.sub(r"[ \t]*\n[ \t\n]*", " ", printable(text))


def _json_escape(cp: int) -> str:
    if cp <= 0xFFFF:
        return f"\\u{cp:04x}"
    cp -= 0x10000
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


@functools.cache
def _json_table() -> dict[int, str]:
    """Every dangerous character's escape; tab, newline and CR are JSON's own blanks between values
    (inside strings json.dumps escapes them). Lone surrogates (a file name that is not UTF-8) are
    escaped too: they cannot be written as UTF-8.

    Made when first needed (`list --json`, exports): its 2,100 entries were about 250 kB of every start.
    """
    return {cp: _json_escape(cp) for cp in DANGEROUS if cp not in (0x09, 0x0A, 0x0D)} | {
        cp: _json_escape(cp) for cp in range(0xD800, 0xE000)
    }


def escape_json(json_text: str) -> str:
    """Valid JSON text with every dangerous character written as a \\uXXXX escape.

    Outside strings JSON holds only ASCII punctuation, digits, letters and blanks, so
    every dangerous character sits inside a string, where the escape means the same:
    `json.loads` gives exactly the same data back.
    """
    return json_text.translate(_json_table())


def terminal_json(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, safe to print: see `escape_json`."""
    return escape_json(_indented(data))


_SCALARS = frozenset((str, int, float, bool, type(None)))
"""Exactly these types (a subclass may encode differently): the rows `_indented` writes in one call."""


def _indented(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, three times quicker for a list of flat rows.

    Python's JSON encoder in C is used only without `indent`; `list --json` of 10,000
    sessions spent 58 ms indenting in Python. A row whose values are all scalars is
    encoded in C with the indentation as its item separator, which gives the same text.
    """
    if not isinstance(data, list) or not data or not all(_flat(row) for row in data):
        return json.dumps(data, ensure_ascii=False, indent=2)
    # One call in C, every separator the one between a row's items: `[{"a": 1,\n    "b": 2},\n    {"a": …}]`.
    # A string holds no raw line break (JSON escapes it), so `},\n    {` is only ever between two rows.
    # The rows are flat (checked above), so no value can hold itself: no need to watch for that.
    text = json.dumps(data, ensure_ascii=False, check_circular=False, separators=(",\n    ", ": "))
    return "[\n  {\n    " + text[2:-2].replace("},\n    {", "\n  },\n  {\n    ") + "\n  }\n]"


def _flat(row: object) -> bool:
    return type(row) is dict and bool(row) and _SCALARS.issuperset(map(type, row.values()))


ELLIPSIS = "…"


def shortened(text: str, width: int) -> str:
    """`text` in at most `width` characters: whole, or ended with '…' after the last whole word that fits.

    Only a single word longer than `width` is cut inside itself, and then it too ends in '…'.
    """
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = text[: width - 1]
    if text[width - 1] != " ":  # the cut falls inside a word (or right after a space)
        whole = head.rstrip(" ")
        if len(whole) < len(head):  # ... right after a space: every word in `head` is whole
            head = whole
        elif " " in whole.strip(" "):  # ... inside a word: that word goes
            head = whole[: whole.rfind(" ")]
    return visible(head.rstrip(" ") + ELLIPSIS)  # a joiner cut from its emoji is shown, not kept


def local_time(moment: datetime) -> str:
    """A moment as people read it here: '10-03-2024 15:00' in the local time zone (home, `list`, the Dutch CSV)."""
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")
