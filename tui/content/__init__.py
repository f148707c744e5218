"""The note and the reflection tool as validated data (no Textual here).

`load_note()` and `load_tool()` read `content/` once and cache the result; a
broken file raises `ContentError` naming the file, the field and the problem.
"""

from tui.content.loader import load_code_words, load_language, load_note, load_strings, load_tool
from tui.content.note import Note, Section
from tui.content.tool import Item, Part, Tool

__all__ = [
    "Item",
    "load_code_words",
    "Note",
    "Part",
    "Section",
    "Tool",
    "load_language",
    "load_note",
    "load_strings",
    "load_tool",
]
