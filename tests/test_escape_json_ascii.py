"""`escape_json` skips its translate for ASCII text with nothing to escape: the same text as the translate gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.text import _JSON, escape_json


def test_every_ascii_character_is_escaped_as_the_table_says() -> None:
    for cp in range(0x80):
        text = '{"a": "x' + chr(cp) + 'y"}'
        assert escape_json(text) == text.translate(_JSON)


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)))
def test_any_text_is_escaped_as_the_table_says(text: str) -> None:
    assert escape_json(text) == text.translate(_JSON)
