"""Hostile session files beside good ones: nothing breaks, nothing reaches the terminal raw (issue 8, "Also").

A sessions folder holds good sessions whose user text is hostile (terminal escapes,
C0 and C1 controls, bidi and zero-width characters, spreadsheet and Markdown
tricks, huge and empty values) beside files that are not sessions at all: random
TOML shapes, known keys with the wrong type, every TOML value type (offset and
local date-times, local dates, times, huge integers, nan), deep nesting,
non-UTF-8 and binary bytes, empty files, folders, links, FIFOs, files over the
size limit, some under hostile names (ESC, newline, bidi, bytes that are not
UTF-8). Every text command runs in-process through `tui.cli.main`, with stdout a
strict UTF-8 stream and stderr a backslashreplace one, as Python's real streams:

- `SessionStore.scan()` never raises: every good file reads back exactly, every
  other file is a BadFile with a reason;
- `list` (and `--json`), `overview ID --print`, `export ID --format md|csv|json|html`
  and `compare ID ID` (with `--names`, every `--format`) never raise, never print a
  traceback or an "unexpected error", and exit 0; `list` names each bad file on
  one stderr line, and nothing else is printed on stderr;
- their output holds no raw character of `tui.core.text.DANGEROUS` but the newline
  (and a zero-width joiner inside an emoji). `export` runs as if stdout were a
  terminal: into a file or a pipe it writes the user's exact text, by design;
- every JSON output still parses to the user's exact text.

Local time is Amsterdam's, the users' own. App bugs found while writing these
are pinned by regression tests at the end of the file (FOUND BUGS there); the
generators still stay clear of those cases so each failure reads plainly.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import itertools
import json
import os
import re
import secrets
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.cli.main import main
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.core.errors import SessionFileError
from tui.core.text import DANGEROUS, safe_line
from tui.render.compare import COMPARE_RENDERERS
from tui.render.export import FORMATS
from tui.session import SessionStore, codec
from tui.session.limits import MAX_FILE_BYTES
from tui.session.model import SCHEMA_VERSION

AMSTERDAM = "CET-1CEST,M3.5.0,M10.5.0/3"
"""POSIX TZ rules, so no time zone database is needed."""
NEW_YORK = "EST5EDT,M3.2.0,M11.1.0"

FAST = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

TOOL = load_tool()
ITEM_IDS = [item.id for item in TOOL.items]
STAGES = [stage.id for stage in TOOL.context.stages]
THEMES = list(TOOL.context.themes)
FORMS = list(TOOL.context.forms)
LETTERS = [suggestion.letter for suggestion in TOOL.suggestions]

SALT = secrets.token_hex(3)
"""In the ids of the sessions built here, so no generated text can hit one by chance."""


# -- the surroundings --------------------------------------------------------

DUTCH = strings_for("nl")


def set_zone(zone: str | None) -> None:
    if zone is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = zone
    time.tzset()


@contextlib.contextmanager
def local_zone(zone: str):
    before = os.environ.get("TZ")
    set_zone(zone)
    try:
        yield
    finally:
        set_zone(before)


@pytest.fixture(autouse=True)
def surroundings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Amsterdam time; no rescue copies from elsewhere (`list` reports those)."""
    home = tmp_path_factory.mktemp("home")
    (home / "tmp").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setattr(tempfile, "tempdir", str(home / "tmp"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("SAMENWERKEN_SESSIONS", raising=False)
    with local_zone(AMSTERDAM):
        yield


# -- running the command line --------------------------------------------------


class Capture(io.TextIOWrapper):
    """A UTF-8 stream like Python's own: `errors` as stdout (strict) or stderr (backslashreplace)."""

    def __init__(self, errors: str, terminal: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors=errors, newline="", write_through=True)
        self.terminal = terminal

    def isatty(self) -> bool:  # what `export` and `overview --print` ask
        return self.terminal

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("utf-8")


@dataclass
class Ran:
    argv: list[str]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"samenwerken {' '.join(map(ascii, self.argv))} -> exit {self.code}\nstderr: {self.err[:2000]!r}"


def cli(folder: Path, *argv: str, terminal: bool = False, lang: str = "nl") -> Ran:
    """`samenwerken --sessions-dir FOLDER --lang LANG ARGV...` in this process; main must not raise."""
    out, err = Capture("strict", terminal), Capture("backslashreplace")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--sessions-dir", str(folder), "--lang", lang, *argv])
    return Ran(list(argv), code, out.text(), err.text())


def _char_class(code_points: set[int]) -> str:
    """A regex character class of these code points, as ranges (much faster than one by one)."""
    spans: list[list[int]] = []
    for cp in sorted(code_points):
        if spans and cp == spans[-1][1] + 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in spans) + "]"


_RAW = re.compile(_char_class(set(DANGEROUS) - {0x0A}))
ZWJ = "\u200d"


def _emoji_side(text: str, index: int) -> bool:
    """Could this neighbour be part of an emoji? (Not ASCII, not blank, not dangerous.)"""
    if not 0 <= index < len(text):
        return False
    c = text[index]
    return ord(c) > 0x7F and not c.isspace() and ord(c) not in DANGEROUS


def raw_controls(text: str) -> list[str]:
    """Every dangerous character in `text` but the newline, as U+XXXX.

    A zero width joiner between two emoji is how those are written (👩‍💻) and may stay;
    this accepts it between any two non-ASCII, non-blank, harmless characters, which
    is wider than the app's own rule, so it never calls a right output wrong.
    """
    found = set()
    for match in _RAW.finditer(text):
        i = match.start()
        if text[i] == ZWJ and _emoji_side(text, i - 1) and _emoji_side(text, i + 1):
            continue
        found.add(f"U+{ord(text[i]):04X}")
    return sorted(found)


def as_stderr(text: str) -> str:
    """What a line becomes on Python's stderr: file names that are not UTF-8 as \\udcXX."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def check(ran: Ran, *, raw_out: bool = False, quiet: bool = True) -> None:
    """Exit 0, no traceback, no crash, nothing dangerous printed raw."""
    assert "Traceback (most recent call last)" not in ran.err, str(ran)
    assert "unexpected error" not in ran.err and "Onverwachte fout" not in ran.err, str(ran)
    assert ran.code == 0, str(ran)
    assert not raw_controls(ran.err), f"raw {raw_controls(ran.err)} on stderr\n{ran}"
    if not raw_out:
        assert not raw_controls(ran.out), f"raw {raw_controls(ran.out)} on stdout\n{ran}"
    if quiet:
        assert ran.err == "", str(ran)
    for line in ran.err.splitlines():
        assert line.startswith("samenwerken: "), str(ran)


# -- session documents ---------------------------------------------------------


@functools.cache
def _template_text() -> str:
    with tempfile.TemporaryDirectory() as folder:
        stored = SessionStore(Path(folder) / "s").create("sjabloon")
        return stored.path.read_text("utf-8")


def template() -> dict[str, Any]:
    """What `SessionStore.create` writes, as TOML data."""
    return tomllib.loads(_template_text())


def dump(doc: dict[str, Any]) -> bytes:
    return tomli_w.dumps(doc).encode("utf-8")


def user_text(doc: dict[str, Any]) -> dict[str, Any]:
    """The user's words in a good session document."""
    context = doc["context"]
    return {
        "title": doc["title"],
        "notes": doc.get("notes", ""),
        "follows": doc.get("follows", ""),
        "partners": context.get("partners", ""),
        "role": context.get("role", ""),
        "stage": context.get("stage", ""),
        "themes": list(context.get("themes", [])),
        "forms": list(context.get("forms", [])),
        "steps": [(s["text"], s.get("who", ""), s.get("when", "")) for s in doc["next_steps"]],
        "answer notes": {k: a.get("note", "") for k, a in doc["answers"].items()},
    }


def session_text(session) -> dict[str, Any]:
    """The same words as the store read them."""
    return {
        "title": session.title,
        "notes": session.remarks,
        "follows": session.follows,
        "partners": session.context.partners,
        "role": session.context.role,
        "stage": session.context.stage,
        "themes": list(session.context.themes),
        "forms": list(session.context.forms),
        "steps": [(s.text, s.who, s.when) for s in session.next_steps],
        "answer notes": {k: a.remark for k, a in session.answers.items()},
    }


def check_export_json(data: dict[str, Any], doc: dict[str, Any]) -> None:
    """`export --format json` holds the user's exact words."""
    want = user_text(doc)
    got = data["session"]
    assert got["id"] == doc["id"]
    assert got["title"] == want["title"]
    assert got["notes"] == want["notes"]
    assert got["follows"] == want["follows"]
    for key in ("partners", "role", "stage", "themes", "forms"):
        assert got["context"][key] == want[key], key
    assert [(s["text"], s["who"], s["when"]) for s in data["next_steps"]] == want["steps"]
    notes = {item["id"]: item["note"] for item in data["items"]}
    for item_id, note in want["answer notes"].items():
        if item_id in notes:
            assert notes[item_id] == note, item_id


# -- hostile text ----------------------------------------------------------------

TERMINAL_ATTACKS = [
    "\x1b]0;pwned\x07",  # set the window title
    "\x1b]0;pwned\x1b\\",
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[31mrood\x1b[0m",
    "\x1b]8;;https://e.vil/\x1b\\klik hier\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;cHduZWQ=\x07",  # write the clipboard
    "\x1bP+q544e\x1b\\",  # DCS query
    "\x1b[?1049h",  # alternate screen
    "\x1bc",  # reset the terminal
    "\x9b2J",  # CSI as a C1 control
    "\x9d0;pwned\x9c",  # OSC ... ST as C1 controls
    "\x90dcs\x9c",
    "\x85",  # NEXT LINE
    "oud\rnieuw",
    "weg\b\b\bWEG",
    "\x00",
    "\x07",
    "\x7f",
    "\x0b\x0c",
    "\t",
    "\r\n",
    "abc\u202etxt.exe",  # right-to-left override
    "\u202a\u202b\u202c\u202d\u202e",
    "\u2066\u2067\u2068\u2069",
    "\u200e\u200f\u061c",
    "\u200b\u200c\u200d\u2060",
    "\ufeff",
    "\u2028\u2029",
    "\U000e0041\U000e0042\U000e007f",  # tag characters
    "\u3164\uffa0\u115f",  # Hangul fillers
]
DOCUMENT_ATTACKS = [
    '=HYPERLINK("https://e.vil","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\uff1d1",
    "```",
    "# kop",
    "- lijst",
    "1. lijst",
    "> citaat",
    "| a | b |",
    "<script>alert(1)</script>",
    "[link](https://e.vil)",
    "![img](https://e.vil/x.png)",
    "&amp;&#60;",
    '",\n"',
    "'",
]
ODD_UNICODE = [
    "👩\u200d💻",
    "🏳\ufe0f\u200d🌈",
    "e\u0301",
    "ﬀ",
    "İ",
    "ß",
    "\U0010ffff",
    "\ufffd",
    "\u00a0",
    "\u3000",
    "é",
]
DANGEROUS_CHARS = tuple(sorted(map(chr, DANGEROUS)))

any_char = st.characters(blacklist_categories=["Cs"])
"""Every code point but lone surrogates (which no UTF-8 file can hold)."""

piece = st.one_of(
    st.sampled_from(TERMINAL_ATTACKS),
    st.sampled_from(DANGEROUS_CHARS),
    st.sampled_from(DOCUMENT_ATTACKS + ODD_UNICODE),
    st.text(any_char, max_size=12),
)
short_text = st.lists(piece, max_size=6).map("".join)


def _repeat(seed: str, size: int) -> str:
    seed = seed or "\x1b]0;pwned\x07"
    return (seed * (size // len(seed) + 1))[:size]


long_text = st.builds(_repeat, st.lists(piece, min_size=1, max_size=3).map("".join), st.integers(2_000, 60_000))
"""Long notes, up to 60 000 characters (360 KB escaped); one of 4.6 MB is tested on its own, below."""
note_text = st.one_of(short_text, short_text, short_text, long_text)

# Sessions that must stay readable: years 2-9998 (see KNOWN BUGS B and C for the edges).
offsets = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
SAFE_FIRST, SAFE_LAST = datetime(2, 1, 1), datetime(9998, 12, 31)
session_times = st.one_of(
    st.datetimes(SAFE_FIRST, SAFE_LAST, timezones=offsets),  # offset date-time
    st.datetimes(SAFE_FIRST, SAFE_LAST),  # local date-time: read as local time
    st.dates(SAFE_FIRST.date(), SAFE_LAST.date()),  # local date: read as local midnight
)

answer_values = st.one_of(
    st.fixed_dictionaries({"score": st.integers(1, 5)}, optional={"note": note_text, "at": session_times}),
    st.fixed_dictionaries({"not_applicable": st.just(True)}, optional={"note": short_text, "at": session_times}),
    st.fixed_dictionaries({"note": short_text}),
)
contexts = st.fixed_dictionaries(
    {
        "themes": st.lists(st.one_of(st.sampled_from(THEMES), short_text), max_size=4),
        "forms": st.lists(st.one_of(st.sampled_from(FORMS), short_text), max_size=4),
        "partners": short_text,
        "role": short_text,
        "stage": st.one_of(st.just(""), st.sampled_from(STAGES), short_text),
    }
)
next_steps = st.lists(
    st.fixed_dictionaries(
        {
            "text": short_text,
            "who": short_text,
            "when": short_text,
            "done": st.booleans(),
            "suggestion": st.one_of(st.just(""), st.sampled_from(LETTERS), short_text),
        },
        optional={"id": short_text},
    ),
    max_size=4,
)


@st.composite
def good_documents(draw, ident: str) -> dict[str, Any]:
    """A valid session, as `create` writes it, with hostile words in every field the user fills."""
    doc = template()
    doc.update(
        id=ident,
        title=draw(short_text),
        language=draw(st.sampled_from(["nl", "en"])),
        created=draw(session_times),
        updated=draw(session_times),
        follows=draw(st.one_of(st.just(""), short_text)),
        notes=draw(note_text),
        context=draw(contexts),
        answers=draw(st.dictionaries(st.one_of(st.sampled_from(ITEM_IDS), short_text), answer_values, max_size=8)),
        next_steps=draw(next_steps),
    )
    while len(dump(doc)) > MAX_FILE_BYTES:  # never with these sizes; kept so a change cannot make a bad "good" file
        doc["notes"] = doc["notes"][: len(doc["notes"]) // 2]
    return doc


# -- hostile files -------------------------------------------------------------------

INT_DIGITS = sys.get_int_max_str_digits() or 4300
big_ints = st.integers(19, INT_DIGITS - 100).flatmap(lambda n: st.sampled_from([10**n - 1, -(10**n), 10**n + 7]))
"""Past 64 bits, but below Python's limit for reading integers (see KNOWN BUGS A)."""

toml_scalars = st.one_of(
    short_text,
    st.integers(-(2**63), 2**63 - 1),
    big_ints,
    st.floats(),  # nan, inf, -0.0 too
    st.booleans(),
    st.datetimes(timezones=offsets),  # offset date-times, years 1-9999
    st.datetimes(),  # local date-times
    st.dates(),  # local dates
    st.times(),  # local times
)
KNOWN_KEYS = [
    "schema_version", "id", "title", "language", "created", "updated", "follows", "context", "answers", "notes",
    "next_steps", "score", "not_applicable", "note", "at", "text", "who", "when", "done", "themes", "forms",
]  # fmt: skip
toml_keys = st.one_of(st.sampled_from(KNOWN_KEYS + ITEM_IDS[:3]), short_text)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(toml_keys, inner, max_size=4)),
    max_leaves=12,
)


def _with_version(doc: dict[str, Any], version: Any) -> dict[str, Any]:
    return doc if version is None else {**doc, "schema_version": version}


random_documents = st.builds(
    _with_version,
    st.dictionaries(toml_keys, toml_values, max_size=6),
    st.one_of(st.none(), st.just(SCHEMA_VERSION), toml_values),
).map(dump)
"""Random TOML shapes; often with the right schema_version, so they reach the model's checks."""

DELETE = object()
ITEM = ITEM_IDS[0]
MUTATIONS = [
    ("schema_version",), ("id",), ("title",), ("language",), ("created",), ("updated",), ("follows",),
    ("notes",), ("context",), ("answers",), ("next_steps",),
    ("context", "themes"), ("context", "forms"), ("context", "partners"), ("context", "role"), ("context", "stage"),
    ("answers", ITEM), ("answers", ITEM, "score"), ("answers", ITEM, "note"), ("answers", ITEM, "at"),
    ("answers", ITEM, "not_applicable"),
    ("next_steps", 0), ("next_steps", 0, "text"), ("next_steps", 0, "who"), ("next_steps", 0, "when"),
    ("next_steps", 0, "done"), ("next_steps", 0, "id"),
]  # fmt: skip


def mutate(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """`doc` with the value at `path` replaced (or deleted): a known key with a wrong type.

    On the way down, whatever is not the container the path needs (an earlier
    mutation may have made `next_steps` a string) becomes one.
    """
    doc = copy.deepcopy(doc)
    node: Any = doc
    for key, next_key in itertools.pairwise(path):
        want = list if isinstance(next_key, int) else dict
        child = node[key] if isinstance(node, list) or key in node else None
        if not isinstance(child, want) or not child and want is list:
            child = [{"text": "stap"}] if want is list else {}
            node[key] = child
        node = child
    last = path[-1]
    if value is not DELETE:
        node[last] = value
    elif isinstance(node, list):
        node.pop(last)
    else:
        node.pop(last, None)
    return doc


@st.composite
def mutated_documents(draw, ident: str) -> bytes:
    """A good document with one to three known keys given any other TOML value, or removed."""
    doc = draw(good_documents(ident))
    for _ in range(draw(st.integers(1, 3))):
        doc = mutate(doc, draw(st.sampled_from(MUTATIONS)), draw(st.one_of(st.just(DELETE), toml_values)))
    return dump(doc)


def _deep(kind: str, depth: int) -> bytes:
    head = f"schema_version = {SCHEMA_VERSION}\n"
    if kind == "array":
        return f"{head}answers = {'[' * depth}{']' * depth}\n".encode()
    if kind == "inline":
        return f"{head}context = {'{a = ' * depth}1{'}' * depth}\n".encode()
    if kind == "tables":
        return f"{head}[{'.'.join(['a'] * depth)}]\nb = 1\n".encode()
    return f"{head}next_steps = [{'{text = [' * depth}{']}' * depth}]\n".encode()


deep_documents = st.builds(_deep, st.sampled_from(["array", "inline", "tables", "steps"]), st.integers(20, 3000))

JUNK = [
    b"\xff",
    b"\xfe\xff",
    b"\xc3(",
    b"\xed\xa0\x80",
    b"\x00",
    b"\x1b]0;pwned\x07",
    b"\xef\xbb\xbf",
    b"\x85",
    b"\r",
    b'"',
    b"[",
    b"\n[[",
]
RAW_SAMPLES = [
    b"", b"\n", b" \n\t \r\n", b"\xef\xbb\xbf", b"\x00" * 16, bytes(range(256)), b"\xff\xfe\xfd",
    'title = "café"'.encode("latin-1"), b"this is [not toml", b"\x1b]0;pwned\x07\n", b"=" * 100,
]  # fmt: skip


@st.composite
def raw_files(draw, ident: str) -> bytes:
    """Bytes that are not (quite) TOML: empty, binary, broken UTF-8, cut off, another encoding."""
    good = dump(draw(good_documents(ident)))
    return draw(
        st.one_of(
            st.sampled_from(RAW_SAMPLES),
            st.binary(max_size=300),
            st.builds(lambda at, junk: good[:at] + junk + good[at:], st.integers(0, len(good)), st.sampled_from(JUNK)),
            st.integers(0, len(good)).map(lambda at: good[:at]),
            st.just(good.decode("utf-8").encode("utf-16")),
            st.just(b"\xef\xbb\xbf" + good),
            deep_documents,
        )
    )


def bad_files(ident: str) -> st.SearchStrategy[bytes]:
    return st.one_of(random_documents, mutated_documents(ident), raw_files(ident))


# -- hostile names and folders ------------------------------------------------------------

NAME_ATTACKS = [
    "\x1b]0;pwned\x07", "\x1b[2J", "\x1b]8;;https:\\\\e.vil\x1b\\x", "\n", "\r", "\t", "\x7f", "\x85", "\x9b",
    "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", " ", "-", "😀", "ü", "\\",
]  # fmt: skip
name_char = st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00")
name_stems = st.lists(st.one_of(st.sampled_from(NAME_ATTACKS), st.text(name_char, max_size=6)), max_size=4).map("".join)


def file_name(tag: str, stem: str) -> str:
    """`TAG STEM.toml`, short enough for any file system (the tag keeps names unique and unhidden)."""
    return f"{tag}{stem.encode()[:180].decode('utf-8', 'ignore')}.toml"


byte_names = st.binary(max_size=16).map(lambda b: b.replace(b"/", b"").replace(b"\x00", b"") + b"\xff")
"""Names that are not UTF-8 (Python lists them with surrogates). Bad files only: see KNOWN BUGS D."""

SPECIALS = ["folder", "dangling link", "link loop", "fifo", "unreadable", "link outside", "link inside", "too large"]


@dataclass
class Good:
    name: str
    doc: dict[str, Any]


@dataclass
class Folder:
    goods: list[Good]
    others: list[tuple[str | bytes, bytes]]
    specials: list[str] = field(default_factory=list)
    lang: str = "nl"


@st.composite
def folders(draw) -> Folder:
    goods = []
    for i in range(draw(st.integers(2, 3))):
        goods.append(Good(file_name(f"g{i}-", draw(name_stems)), draw(good_documents(f"goed-{i}-{SALT}"))))
    others: list[tuple[str | bytes, bytes]] = []
    for i in range(draw(st.integers(0, 5))):
        data = draw(bad_files(f"slecht-{i}-{SALT}"))
        if draw(st.booleans()):
            others.append((file_name(f"b{i}-", draw(name_stems)), data))
        else:
            others.append((f"b{i}-".encode() + draw(byte_names) + b".toml", data))
    specials = draw(st.lists(st.sampled_from(SPECIALS), unique=True, max_size=3))
    return Folder(goods, others, specials, draw(st.sampled_from(["nl", "en"])))


def put(folder: Path, name: str | bytes, data: bytes) -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "xb") as handle:
        handle.write(data)


def plant(folder: Path, kind: str) -> None:
    """A folder entry that is not a plain session file."""
    session = dump({**template(), "id": f"{kind.replace(' ', '-')}-{SALT}", "title": kind})
    path = folder / f"s-{kind.replace(' ', '-')}.toml"
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(folder / "nowhere.toml")
    elif kind == "link loop":
        path.symlink_to(path.name)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "unreadable":
        path.write_bytes(session)
        path.chmod(0)  # still readable when the tests run as root: then it is simply a good session
    elif kind == "link outside":
        outside = folder.parent / "outside.toml"
        outside.write_bytes(session)
        path.symlink_to(outside)
    elif kind == "link inside":  # a link to a hidden file beside it: read, never replaced
        (folder / ".target.toml").write_bytes(session)
        path.symlink_to(".target.toml")
    elif kind == "too large":
        path.write_bytes(session)
        os.truncate(path, MAX_FILE_BYTES + 1)
    else:
        raise AssertionError(kind)


def is_session(data: bytes) -> bool:
    try:
        codec.parse(data, "test")
    except SessionFileError:
        return False
    return True


def build(spec: Folder, folder: Path) -> None:
    folder.mkdir(parents=True)
    for good in spec.goods:
        put(folder, good.name, dump(good.doc))
    for i, (name, data) in enumerate(spec.others):
        if isinstance(name, bytes) and is_session(data):  # see KNOWN BUGS D
            name = f"b{i}-utf8.toml"
        put(folder, name, data)
    for kind in spec.specials:
        plant(folder, kind)


REASON_KINDS = ["empty", "binary", "UTF-8", "not valid TOML", "nested too deeply", "schema_version", "too large",
                "link", "folder", "regular file", "cannot be read", "unknown key"]  # fmt: skip


def reason_kind(reason: str) -> str:
    """A coarse kind of reason, for `--hypothesis-show-statistics`: do the generators reach them all?"""
    return next((kind for kind in REASON_KINDS if kind in reason), "a field of the wrong type or value")


def listed(folder: Path) -> list[str]:
    """What `scan` must account for: every name ending in .toml that is not hidden."""
    return sorted(n for n in os.listdir(folder) if n.endswith(".toml") and not n.startswith("."))


# -- the properties -------------------------------------------------------------------------


@pytest.mark.slow
@settings(FAST, max_examples=50)
@given(spec=folders())
def test_scan_reads_every_good_file_exactly_and_names_every_bad_one(spec: Folder) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        build(spec, folder)
        good, bad = SessionStore(folder).scan()
        assert sorted([s.path.name for s in good] + [b.path.name for b in bad]) == listed(folder)
        by_name = {s.path.name: s for s in good}
        reasons = {b.path.name: b.reason for b in bad}
        for g in spec.goods:
            assert g.name in by_name, f"{g.name!r} is a good session, but: {reasons.get(g.name)!r}"
            assert session_text(by_name[g.name].session) == user_text(g.doc)
        for problem in bad:
            assert isinstance(problem.reason, str) and problem.reason.strip(), problem
            event(f"bad file: {reason_kind(problem.reason)}")
        event(f"{len(good) - len(spec.goods)} other files read as sessions")
        assert [s.session.updated for s in good] == sorted((s.session.updated for s in good), reverse=True)


@pytest.mark.slow
@settings(FAST, max_examples=30)
@given(spec=folders())
def test_text_commands_never_break_and_never_print_raw_controls(spec: Folder) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        build(spec, folder)
        good, bad = SessionStore(folder).scan()
        lang = spec.lang
        docs = {g.doc["id"]: g for g in spec.goods}
        a, b = spec.goods[0].doc, spec.goods[1].doc

        # list: one line per good session, its title made safe; one stderr line per bad file
        ran = cli(folder, "list", lang=lang)
        check(ran, quiet=False)
        assert ran.err.splitlines() == [
            as_stderr(f"samenwerken: {safe_line(f'{p.path}: {p.text(strings_for(lang))}')}") for p in bad
        ]
        lines = ran.out.splitlines()
        assert len(lines) == len(good)
        for ident, g in docs.items():
            (line,) = [x for x in lines if x.startswith(f"{ident} ")]
            assert line.endswith(safe_line(g.doc["title"]))

        ran = cli(folder, "list", "--json", lang=lang)
        check(ran, quiet=False)
        rows = {row["id"]: row for row in json.loads(ran.out)}
        assert len(rows) == len(good)
        for ident, g in docs.items():
            assert rows[ident]["title"] == g.doc["title"]
            assert rows[ident]["follows"] == g.doc["follows"]
            assert rows[ident]["path"] == str(folder / g.name)

        ran = cli(folder, "overview", a["id"], "--print", lang=lang)
        check(ran)
        assert ran.out.startswith(safe_line(a["title"]) + "\n")

        for fmt in ("md", "csv", "html"):
            check(cli(folder, "export", a["id"], "--format", fmt, terminal=True, lang=lang))
        ran = cli(folder, "export", a["id"], "--format", "json", terminal=True, lang=lang)
        check(ran)
        check_export_json(json.loads(ran.out), a)
        ran = cli(folder, "export", b["id"], "--format", "json", lang=lang)  # into a pipe: exact text, by design
        check(ran, raw_out=True)
        check_export_json(json.loads(ran.out), b)

        check(cli(folder, "compare", a["id"], b["id"], lang=lang))
        check(cli(folder, "compare", a["id"], b["id"], "--names", lang=lang))
        check(cli(folder, "compare", a["id"], b["id"], "--names", "--format", "md", terminal=True, lang=lang))
        ran = cli(folder, "compare", a["id"], b["id"], "--format", "json", lang=lang)
        check(ran)
        assert [s["label"] for s in json.loads(ran.out)["sessions"]] == ["A", "B"]
        ran = cli(folder, "compare", *(g.doc["id"] for g in spec.goods), "--names", "--format", "json", lang=lang)
        check(ran)
        # oldest first, as compare orders them (stable: ties keep the order asked), by the times as the app read them
        read = {stored.session.id: stored.session for stored in good}
        oldest_first = sorted(spec.goods, key=lambda g: (read[g.doc["id"]].created, read[g.doc["id"]].updated))
        assert [s["title"] for s in json.loads(ran.out)["sessions"]] == [g.doc["title"] for g in oldest_first]

        assert not (folder / ".logs").exists(), "a crash log was written"


# -- the nastiest cases, one by one ---------------------------------------------------------------

NASTY_TEXT = {
    "title": "\x1b]0;pwned\x07Regio \u202eNoord\u202c\x1b[2J",
    "notes": "\x1b]8;;https://e.vil/\x1b\\klik\x1b]8;;\x1b\\\n\x9b31m\x9d0;pwned\x9c oud\rnieuw\u2028\ufeff\u200b",
    "follows": "\x1b[H\x00",
    "partners": '=HYPERLINK("https://e.vil","klik") \u2066geïsoleerd\u2069',
    "role": "\x85bestuurder\x1bc",
    "stage": "\x1b[?1049h",
    "themes": ["\x1b]0;thema\x07", THEMES[0], ""],
    "forms": ["\u202evorm", "\U000e0041\U000e0042"],
    "step": {"text": "# stap\n```\n\x1b[2J", "who": "@iedereen\x07", "when": "\u200b2025\u200d", "done": False},
}
STAND_INS = ["␛]0;pwned␇", "⟨U+202E⟩", "␛[2J"]
"""What the title looks like made safe: shown, not obeyed."""


def nasty_document(ident: str) -> dict[str, Any]:
    doc = template()
    doc.update(
        id=ident,
        title=NASTY_TEXT["title"],
        notes=NASTY_TEXT["notes"],
        follows=NASTY_TEXT["follows"],
        context={k: NASTY_TEXT[k] for k in ("partners", "role", "stage", "themes", "forms")},
        answers={
            ITEM_IDS[0]: {"score": 1, "note": "\x1b]0;pwned\x07=1+1"},
            ITEM_IDS[1]: {"score": 5, "note": "\u202e\n- lijst"},
            ITEM_IDS[2]: {"not_applicable": True, "note": "\x9b2J"},
            "\x1b[2J onbekend": {"score": 3, "note": "\x1b]0;x\x07"},
        },
        next_steps=[NASTY_TEXT["step"]],
    )
    return doc


A_ID, B_ID = f"nasty-a-{SALT}", f"nasty-b-{SALT}"


def two_nasty_sessions(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    put(folder, "\x1b]0;pwned\x07a.toml", dump(nasty_document(A_ID)))
    put(folder, "b\n\u202e.toml", dump({**nasty_document(B_ID), "updated": datetime(2024, 1, 1, 10, 0)}))


def all_commands(folder: Path, a: str, b: str, lang: str = "nl") -> list[Ran]:
    """Every text command on sessions `a` and `b`, each checked; the runs, for more checks."""
    runs = [cli(folder, "list", lang=lang), cli(folder, "list", "--json", lang=lang)]
    for ran in runs:
        check(ran, quiet=False)
    more = [cli(folder, "overview", a, "--print", lang=lang)]
    more += [cli(folder, "export", a, "--format", f, terminal=True, lang=lang) for f in FORMATS]
    more += [
        cli(folder, "compare", a, b, *names, "--format", f, terminal=True, lang=lang)
        for f in COMPARE_RENDERERS
        for names in ((), ("--names",))
    ]
    for ran in more:
        check(ran)
    return runs + more


def _doc_bytes(**changes: Any) -> Callable[[], bytes]:
    return lambda: dump({**template(), "id": f"anders-{SALT}", "title": "anders", **changes})


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _session_with(line: str) -> Callable[[], bytes]:
    """A good session with one line of its TOML replaced: `key = value` as a hand editor writes it."""

    def make() -> bytes:
        key = line.split(" = ")[0]
        text = dump({**template(), "id": f"anders-{SALT}", "title": "anders"}).decode()
        return re.sub(rf"^{key} = .*$", line.replace("\\", "\\\\"), text, count=1, flags=re.MULTILINE).encode()

    return make


BAD_FILES = [
    pytest.param("leeg.toml", lambda: b"", id="empty"),
    pytest.param("blank.toml", lambda: b" \n\t\r\n", id="only blanks"),
    pytest.param("bom.toml", lambda: b"\xef\xbb\xbf", id="only a BOM"),
    pytest.param("nul.toml", lambda: b"\x00" * 64, id="NUL bytes"),
    pytest.param("binary.toml", lambda: bytes(range(256)) * 4, id="binary"),
    pytest.param("latin1.toml", lambda: 'title = "café"\n'.encode("latin-1"), id="not UTF-8"),
    pytest.param("utf16.toml", lambda: _doc_bytes()().decode().encode("utf-16"), id="UTF-16"),
    pytest.param("kapot.toml", _text("title = [\n"), id="not TOML"),
    pytest.param("escape.toml", _text("\x1b]0;pwned\x07 = \x1b[2J\n"), id="raw ESC in TOML"),
    pytest.param("time.toml", _session_with("updated = 10:00:00"), id="a time for updated"),
    pytest.param("deep-array.toml", lambda: _deep("array", 5000), id="deep array"),
    pytest.param("deep-inline.toml", lambda: _deep("inline", 5000), id="deep inline table"),
    pytest.param("deep-tables.toml", lambda: _deep("tables", 3000), id="deep table headers"),
    pytest.param("deep-steps.toml", lambda: _deep("steps", 800), id="deep next steps"),
    pytest.param("answers.toml", _doc_bytes(answers="veel"), id="answers a string"),
    pytest.param("answers-list.toml", _doc_bytes(answers=[1, 2]), id="answers a list"),
    pytest.param("score.toml", _doc_bytes(answers={ITEM: {"score": 6}}), id="score 6"),
    pytest.param("score-nan.toml", _doc_bytes(answers={ITEM: {"score": float("nan")}}), id="score nan"),
    pytest.param("steps.toml", _doc_bytes(next_steps={"text": "x"}), id="next_steps a table"),
    pytest.param("steps-text.toml", _doc_bytes(next_steps=[{"text": 1}]), id="step text a number"),
    pytest.param("context.toml", _doc_bytes(context=[1, 2]), id="context a list"),
    pytest.param("themes.toml", _doc_bytes(context={"themes": "alles"}), id="themes a string"),
    pytest.param("version-str.toml", _doc_bytes(schema_version="1"), id="schema_version a string"),
    pytest.param("version-bool.toml", _doc_bytes(schema_version=True), id="schema_version a bool"),
    pytest.param("version-new.toml", _doc_bytes(schema_version=99), id="schema_version newer"),
    pytest.param("version-neg.toml", _doc_bytes(schema_version=-1), id="schema_version negative"),
    pytest.param("version-big.toml", _doc_bytes(schema_version=10 ** (INT_DIGITS - 100)), id="schema_version huge"),
    pytest.param("version-date.toml", _doc_bytes(schema_version=date(2024, 1, 1)), id="schema_version a date"),
    pytest.param("id.toml", _doc_bytes(id="\x1b]0;pwned\x07"), id="id with ESC"),
    pytest.param("key.toml", _doc_bytes(**{"\x1b]0;pwned\x07": 1}), id="unknown key with ESC"),
    pytest.param("title-list.toml", _doc_bytes(title=["\x1b[2J"]), id="title a list"),
    pytest.param("\x1b]0;pwned\x07.toml", lambda: b"", id="name with OSC"),
    pytest.param("\x1b[2J\x1b[H.toml", _text("x = 1"), id="name with CSI"),
    pytest.param("een\ntwee.toml", _text("x = 1"), id="name with newline"),
    pytest.param("\u202eexe.toml", _text("x = 1"), id="name with RLO"),
    pytest.param("\x9b2J\u200b.toml", _text("x = 1"), id="name with C1 and ZWSP"),
    pytest.param(b"\xff\xfe\x1b.toml", lambda: b"\xff", id="name not UTF-8"),
]


@pytest.mark.parametrize(("name", "make"), BAD_FILES)
def test_one_nasty_file_beside_good_sessions(tmp_path: Path, name: str | bytes, make: Callable[[], bytes]) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, name, make())
    good, bad = SessionStore(folder).scan()
    assert sorted(s.session.id for s in good) == sorted([A_ID, B_ID])
    (problem,) = bad
    assert problem.path.name == os.fsdecode(name)
    assert problem.reason.strip() and "\n" not in problem.reason
    listing = cli(folder, "list")
    check(listing, quiet=False)
    assert listing.err == as_stderr(f"samenwerken: {safe_line(f'{problem.path}: {problem.text(DUTCH)}')}\n")
    assert not (folder / ".logs").exists()


def test_every_command_works_beside_all_the_nasty_files_at_once(tmp_path: Path) -> None:
    """Every text command, once, with each of BAD_FILES in the folder: each is named, none stops a command."""
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    for param in BAD_FILES:
        name, make = param.values
        put(folder, name, make())  # type: ignore[arg-type, operator]
    good, bad = SessionStore(folder).scan()
    assert sorted(s.session.id for s in good) == sorted([A_ID, B_ID])
    assert len(bad) == len(BAD_FILES)
    listing = all_commands(folder, A_ID, B_ID)[0]
    named = [as_stderr(f"samenwerken: {safe_line(f'{problem.path}: {problem.text(DUTCH)}')}") for problem in bad]
    assert sorted(listing.err.splitlines()) == sorted(named)
    assert not (folder / ".logs").exists()


@pytest.mark.parametrize("kind", [k for k in SPECIALS if k not in ("unreadable", "link inside")])
def test_entries_that_are_not_files_are_bad_files(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    plant(folder, kind)
    good, bad = SessionStore(folder).scan()
    assert sorted(s.session.id for s in good) == sorted([A_ID, B_ID])
    assert [b.path.name for b in bad] == [f"s-{kind.replace(' ', '-')}.toml"]
    assert bad[0].reason.strip() and "\n" not in bad[0].reason
    all_commands(folder, A_ID, B_ID)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    plant(folder, "unreadable")
    good, bad = SessionStore(folder).scan()
    assert len(good) == 2 and [b.path.name for b in bad] == ["s-unreadable.toml"]
    all_commands(folder, A_ID, B_ID)


@pytest.mark.parametrize(
    "line",
    [
        "updated = 2024-01-01T10:00:00",
        "updated = 2024-01-01",
        "created = 2024-03-31T02:30:00",
        "updated = 2024-01-01 10:00:00.123456",
    ],
)
def test_hand_edited_local_times_are_read_as_local_time(tmp_path: Path, line: str) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, "lokaal.toml", _session_with(line)())
    good, bad = SessionStore(folder).scan()
    assert bad == []
    assert all(s.session.updated.tzinfo is not None and s.session.created.tzinfo is not None for s in good)
    all_commands(folder, f"anders-{SALT}", A_ID)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_words_are_shown_not_obeyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    runs = {" ".join(r.argv): r for r in all_commands(folder, A_ID, B_ID, lang=lang)}
    for shown in ("list", "overview " + A_ID + " --print", f"compare {A_ID} {B_ID} --names --format table"):
        for stand_in in STAND_INS:
            assert stand_in in runs[shown].out, (shown, stand_in)
    assert NASTY_TEXT["title"] == json.loads(runs["list --json"].out)[1]["title"]  # b is older
    check_export_json(json.loads(runs[f"export {A_ID} --format json"].out), nasty_document(A_ID))

    # Into a pipe or file, export keeps the exact words: that is what the file is for.
    for fmt in ("md", "csv", "html", "json"):
        ran = cli(folder, "export", A_ID, "--format", fmt, lang=lang)
        check(ran, raw_out=True)
    assert json.loads(ran.out)["session"]["notes"] == NASTY_TEXT["notes"]
    csv_out = cli(folder, "export", A_ID, "--format", "csv", lang=lang).out
    assert "\x1b]0;pwned\x07=1+1" in csv_out  # exact, and not at the start of a cell

    # overview --print on a terminal: no colour with NO_COLOR; with colour, only its own SGR codes.
    monkeypatch.setenv("NO_COLOR", "1")
    check(cli(folder, "overview", A_ID, "--print", terminal=True, lang=lang))
    monkeypatch.delenv("NO_COLOR")
    ran = cli(folder, "overview", A_ID, "--print", terminal=True, lang=lang)
    assert ran.code == 0 and ran.err == ""
    assert "\x1b[1m" in ran.out  # it did colour
    assert not raw_controls(re.sub(r"\x1b\[(?:0|1|2|31|32)m", "", ran.out))


@pytest.mark.slow
def test_large_session_within_the_limit_is_read_and_shown(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    seed = "\x1b]0;pwned\x07 een lange notitie over de regio, \u202e met een gewone zin erachter. " * 3
    per_char = len(dump({"n": seed * 1000})) / (len(seed) * 1000)  # escapes take more bytes
    notes = _repeat(seed, int(4.6 * 1024 * 1024 / per_char))
    doc = {**nasty_document(f"groot-{SALT}"), "notes": notes}
    assert 4 * 1024 * 1024 < len(dump(doc)) <= MAX_FILE_BYTES
    put(folder, "groot.toml", dump(doc))
    good, bad = SessionStore(folder).scan()
    assert bad == [] and len(good) == 3
    check(cli(folder, "list"))
    ran = cli(folder, "export", f"groot-{SALT}", "--format", "json", terminal=True)
    check(ran)
    assert json.loads(ran.out)["session"]["notes"] == notes
    check(cli(folder, "export", f"groot-{SALT}", "--format", "md", terminal=True))
    check(cli(folder, "overview", f"groot-{SALT}", "--print"))


# -- FOUND BUGS --------------------------------------------------------------------------------
# Found by the properties above and fixed; each test pins one (its docstring says what broke).


def test_bug_a_huge_integer_is_a_bad_file(tmp_path: Path) -> None:
    """`x = 111…1` (4301 digits, 4 KB) stops list, export, overview and compare for every session.

    tomllib raises ValueError ("Exceeds the limit (4300 digits) for integer string
    conversion"), not TOMLDecodeError; codec.parse_versioned lets it through, so
    SessionStore.scan() raises. Generator narrowed: `big_ints`.
    """
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, "groot-getal.toml", f"schema_version = {SCHEMA_VERSION}\nx = {'1' * (INT_DIGITS + 1)}\n".encode())
    good, bad = SessionStore(folder).scan()
    assert len(good) == 2 and len(bad) == 1
    all_commands(folder, A_ID, B_ID)


EDGE_TIMES = [
    pytest.param("updated", "9999-12-31T23:59:59-12:00", ("export", "--format", "md"), id="updated max, export md"),
    pytest.param("updated", "9999-12-31T23:59:59-12:00", ("export", "--format", "html"), id="updated max, export html"),
    pytest.param("updated", "9999-12-31T23:59:59-12:00", ("overview", "--print"), id="updated max, overview"),
    pytest.param("updated", "0001-01-01T00:00:00+14:00", ("export", "--format", "md"), id="updated min, export md"),
    pytest.param("updated", "0001-01-01T00:00:00+14:00", ("overview", "--print"), id="updated min, overview"),
    pytest.param("created", "0001-01-01T00:00:00+14:00", ("compare", "--names"), id="created min, compare names"),
    pytest.param(
        "created",
        "9999-12-31T23:59:59-12:00",
        ("compare", "--names", "--format", "json"),
        id="created max, compare json",
    ),
]


@pytest.mark.parametrize(("key", "value", "command"), EDGE_TIMES)
def test_offset_times_at_the_edges_are_a_bad_file_not_a_crash(
    tmp_path: Path, key: str, value: str, command: tuple[str, ...]
) -> None:
    """A session whose `updated`/`created` is an offset date-time near year 1 or 9999.

    Such a time cannot be shown in local time, so the file is listed as bad with a
    reason, and a command naming it says so in one line (exit 2): it never crashes
    (it used to: OverflowError from `.astimezone()` in the renderers).
    """
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, "rand.toml", _session_with(f"{key} = {value}")())
    ident = f"anders-{SALT}"
    argv = [command[0], ident, *([A_ID] if command[0] == "compare" else []), *command[1:]]
    ran = cli(folder, *argv)
    assert ran.code == 2 and "unexpected error" not in ran.err and "Onverwachte fout" not in ran.err, str(ran)
    assert len(ran.err.strip().splitlines()) == 1, str(ran)
    listed = cli(folder, "list")
    assert "rand.toml" in listed.err and "range" in listed.err, str(listed)


def test_bug_c_local_time_at_the_edge_west_of_utc(tmp_path: Path) -> None:
    """`updated = 9999-12-31T23:59:59` (no offset) with local time west of UTC (New York).

    `as_aware` calls `.astimezone()`, which raises OverflowError; pydantic passes only
    ValueError/AssertionError on as validation errors, so it escapes model_validate,
    codec and SessionStore.scan(): every command fails with "unexpected error", for
    every session in the folder. In Amsterdam the same line is a ValueError, so a bad
    file, as it should be. Generator narrowed: `session_times` (the properties run in Amsterdam).
    """
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, "rand.toml", _session_with("updated = 9999-12-31T23:59:59")())
    with local_zone(NEW_YORK):
        SessionStore(folder).scan()
        check(cli(folder, "list"), quiet=False)


def test_bug_d_good_session_under_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A good session in a file whose name is not UTF-8 (b'\\xff.toml', e.g. from an old zip).

    `list --json` puts `str(path)` (with the surrogate '\\udcff') in the JSON
    (ensure_ascii=False), and writing it to a UTF-8 stdout raises UnicodeEncodeError:
    "unexpected error", exit 1. Plain `list` works. Generator narrowed: `byte_names`
    are used for bad files only.
    """
    folder = tmp_path / "sessions"
    two_nasty_sessions(folder)
    put(folder, b"sessie-\xff.toml", _doc_bytes()())
    check(cli(folder, "list", "--json"), quiet=False)


def test_bug_e_bad_file_reason_is_one_line(tmp_path: Path) -> None:
    """An unknown key `"a\\nb" = 1` (or an answer keyed so) gives reason 'a\\nb: unknown key …'.

    The command line shows it safely (␤), but `BadFile.reason` is documented as one
    line, and the home screen shows it with `visible`, which keeps the line break.
    The properties only check that a reason is there.
    """
    folder = tmp_path / "sessions"
    folder.mkdir()
    put(folder, "sleutel.toml", _doc_bytes(**{"een\ntwee\x1b[2J": 1})())
    put(folder, "antwoord.toml", _doc_bytes(answers={"een\ntwee": {"score": 9}})())
    _, bad = SessionStore(folder).scan()
    assert len(bad) == 2
    for problem in bad:
        assert "\n" not in problem.reason, problem.reason
