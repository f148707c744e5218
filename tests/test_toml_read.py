"""The fast TOML reader gives exactly what tomllib gives, or tomllib's own error (tui/core/toml_read.py)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import toml_read

SAMPLES = [
    'title = "x"\ncreated = 2026-12-03 02:53:55+00:00\n',
    "a = 2026-12-03T02:53:55.123456789+01:30\nb = 2026-12-03T02:53:55\nc = 2026-12-03\nd = 02:53:55.5\n",
    "a = 1979-05-27T07:32:00Z\nb = 2026-01-01T00:00:00-00:00\n",
    "[answers.x]\nscore = 3\nnote = '''multi\nline'''\n[[steps]]\ntext = \"é \\u00e9\"\n",
    "a = inf\nb = nan\nc = -0.0\nd = 0x_1\n",
    "a = 1\na = 2\n",
    'a = "\\x00"\n',
    "a = [1, 'two']\n",
    "a.b.c = 1\n[a]\nd = 2\n",
    "x = " + "[" * 200 + "]" * 200 + "\n",
    "",
    "= 1\n",
]


def parsed(text: str) -> tuple[str, object]:
    try:
        return "ok", tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return "error", str(error)
    except RecursionError:
        return "deep", None


def ours(text: str) -> tuple[str, object]:
    try:
        return "ok", toml_read.loads(text)
    except tomllib.TOMLDecodeError as error:
        return "error", str(error)
    except RecursionError:
        return "deep", None


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (an offset's tzinfo included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if a != a:  # nan
        return b != b
    if isinstance(a, datetime | time) and a.tzinfo is not None:
        return a == b and type(a.tzinfo) is type(b.tzinfo) and a.utcoffset() == b.utcoffset()
    return bool(a == b)


def agrees(text: str) -> None:
    """What tomllib reads, we read alike; what it refuses, we refuse with its words, or read as TOML 1.1."""
    (kind, value), (our_kind, our_value) = parsed(text), ours(text)
    if kind == "ok":
        assert our_kind == "ok" and same(value, our_value), text
    elif our_kind != "ok":
        assert (our_kind, our_value) == (kind, value), text


@pytest.mark.parametrize("text", SAMPLES)
def test_the_same_as_tomllib(text: str) -> None:
    agrees(text)


def test_toml_1_1_syntax_that_tomllib_refuses_is_read() -> None:
    assert toml_read.loads('a = "\\x41"\n') == {"a": "A"}  # nothing we write uses it; reading it loses nothing


def test_an_offset_is_a_datetime_timezone_as_tomllib_gives() -> None:
    created = toml_read.loads("a = 2026-12-03 02:53:55+00:00")["a"]
    assert created.tzinfo is UTC


def test_the_fast_reader_is_used_when_present() -> None:
    assert toml_read.fast_reader() is not None  # the dependency is installed: first `list` of 10,000 files in 2 s


TOML_ISH = st.text(alphabet="ab=[]{}\"'.,\n 0123456789-:TZ+#\\eé\t_", max_size=80)


@settings(max_examples=400, deadline=None)
@given(TOML_ISH)
def test_any_text_reads_as_tomllib_reads_it(text: str) -> None:
    agrees(text)
