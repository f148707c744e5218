"""An autosave writes the answers' kept texts (tui.session.save_text): the same bytes as `codec.dump`, the same refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.session import item_ids
from tui.core import toml_read
from tui.core.errors import SessionFileError
from tui.session import SessionStore, codec
from tui.session.editor import SaveFailed, SessionEditor
from tui.session.model import Answer, Context, NextStep, Session
from tui.session.save_text import HEAD, LINES, MAX_LINES, TEXTS, Pieces, dump_kept
from tui.session.stored import KEEP_BYTES

TEXT = st.text(max_size=30)
MOMENT = st.builds(
    lambda seconds, hours: (
        datetime(2026, 3, 1, tzinfo=UTC).astimezone(timezone(timedelta(hours=hours))) + timedelta(seconds=seconds)
    ),
    st.integers(0, 10**8),
    st.integers(-12, 12),
)


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    kind = draw(st.sampled_from(["score", "na", "remark"]))
    return Answer(
        score=draw(st.integers(1, 5)) if kind == "score" else None,
        not_applicable=kind == "na",
        remark=draw(TEXT),
        at=draw(st.none() | MOMENT),
        tool_version=draw(st.none() | st.integers(1, 3)),
        shared=draw(st.booleans()),
    )


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    ids = item_ids()
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=12))
    steps = draw(
        st.lists(
            st.builds(
                NextStep,
                text=TEXT,
                who=TEXT,
                when=TEXT,
                due=st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1)),
                done=st.booleans(),
            ),
            max_size=3,
        )
    )
    return Session(
        id="regio-abc123",
        title=draw(TEXT),
        language=draw(st.sampled_from(["nl", "en"])),
        created=draw(MOMENT),
        updated=draw(MOMENT),
        follows=draw(st.sampled_from(["", "earlier-1"])),
        context=Context(themes=draw(st.lists(TEXT, max_size=2)), partners=draw(TEXT)),
        answers={item: draw(answers()) for item in chosen},
        remarks=draw(TEXT),
        next_steps=steps,
    )


def dumped(session: Session) -> bytes | str:
    """codec.dump's bytes, or the words of its refusal."""
    try:
        return codec.dump(session)
    except SessionFileError as error:
        return str(error)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(), st.data())
def test_kept_texts_write_what_codec_writes(session: Session, data: st.DataObject) -> None:
    pieces: Pieces = {}
    for _ in range(3):  # the first save writes every answer, the next ones reuse what did not change
        try:
            ours: bytes | str = dump_kept(session, pieces)
        except SessionFileError as error:
            ours = str(error)
        assert ours == dumped(session)
        if session.answers:
            item = data.draw(st.sampled_from(sorted(session.answers)))
            session.answers = {**session.answers, item: data.draw(answers())}
        session.title = data.draw(TEXT)


def test_an_answer_changed_in_place_is_written_anew() -> None:
    """The kept text is found by the answer's values, not by the object: a change made in place is not missed."""
    ids = item_ids()
    stamp = datetime(2026, 3, 1, tzinfo=UTC)
    session = Session(id="s-1", title="T", created=stamp, updated=stamp, answers={ids[0]: Answer(score=2)})
    pieces: Pieces = {}
    dump_kept(session, pieces)
    session.answers[ids[0]].score = 4
    session.answers[ids[0]].remark = "nieuw"
    assert dump_kept(session, pieces) == codec.dump(session)
    assert codec.parse(dump_kept(session, pieces), "x") == session
    assert list(pieces[TEXTS]) == [ids[0]]  # only the answers of this session are kept


def test_the_rest_changed_in_place_is_written_anew() -> None:
    """The session's own fields are kept as text only while they equal a copy: a change made in place is written."""
    stamp = datetime(2026, 3, 1, tzinfo=UTC)
    session = Session(id="s-1", title="T", created=stamp, updated=stamp, next_steps=[NextStep(text="bellen")])
    pieces: Pieces = {}
    dump_kept(session, pieces)
    assert HEAD in pieces  # the fast way was taken, not codec.dump's
    session.touch()
    assert dump_kept(session, pieces) == codec.dump(session)
    session.context.partners = "PO en VO"
    session.next_steps[0].done = True
    session.updated = stamp.astimezone(timezone(timedelta(hours=2)))  # the same moment in another offset
    assert dump_kept(session, pieces) == codec.dump(session)
    assert codec.parse(dump_kept(session, pieces), "x") == session


def test_text_that_cannot_be_written_is_refused_as_before(tmp_path: Path) -> None:
    """A lone surrogate in a remark: the save fails with codec.dump's words, the file keeps its last answers."""
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    editor.answer(ids[0], 3)
    before = editor.path.read_bytes()
    with pytest.raises(SaveFailed) as failed:
        editor.remark(ids[0], "half \udc80")
    with pytest.raises(SessionFileError) as refused:
        codec.dump(editor.session)
    assert failed.value.reason.values["text"] == refused.value.problem
    assert editor.path.read_bytes() == before
    editor.close()


def test_every_save_is_the_session_on_disk(tmp_path: Path) -> None:
    """Saves that reuse kept texts leave exactly the session in memory on disk, every time."""
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    for n in range(40):
        editor.answer(ids[n % 7], n % 5 + 1)
        if n % 5 == 0:
            editor.remark(ids[n % 3], f"opmerking {n}")
        assert store.read(editor.path) == editor.session
        assert editor.path.read_bytes() == codec.dump(editor.session)
        assert HEAD in editor.stored.pieces  # written the fast way, not by codec.dump after a failure
    editor.close()


def test_an_answer_changed_in_place_in_any_way_is_written_anew() -> None:
    """In place through its fields, through its `__dict__`, or to the same moment in another offset: never missed."""
    ids = item_ids()
    stamp = datetime(2026, 3, 1, 9, tzinfo=UTC)
    answer = Answer(score=2, at=stamp, tool_version=1)
    session = Session(id="s-1", title="T", created=stamp, updated=stamp, answers={ids[0]: answer, ids[1]: Answer()})
    pieces: Pieces = {}
    dump_kept(session, pieces)
    changes = [
        lambda: setattr(answer, "remark", "nieuw"),
        lambda: answer.__dict__.update(score=5),
        lambda: setattr(answer, "at", stamp.astimezone(timezone(timedelta(hours=2)))),  # equal, written otherwise
        lambda: setattr(answer, "shared", True),
        lambda: setattr(answer, "tool_version", 2),
        lambda: answer.__dict__.update(score=None, not_applicable=True),
    ]
    for change in changes:
        change()
        assert dump_kept(session, pieces) == codec.dump(session)
        assert HEAD in pieces  # the kept texts were used, not codec.dump after a failure


def test_a_note_edited_again_and_again_is_written_as_codec_writes_it(tmp_path: Path) -> None:
    """Notes with quotes, backslashes, line breaks and other scripts: each line as tomli-w writes it, read back."""
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    editor.answer(ids[0], 3)
    for note in ['zei "ja"', "pad C:\\map", "twee\nregels\r\n", "\t✓ samen", "", "[answers.x]\nscore = 9", 'x = """']:
        editor.remark(ids[0], note)
        assert editor.path.read_bytes() == codec.dump(editor.session)
        assert store.read(editor.path).answers[ids[0]].remark == note
        assert HEAD in editor.stored.pieces
    editor.close()


def test_the_head_changed_by_the_editor_or_in_place_is_written_anew(tmp_path: Path) -> None:
    """Title, context, remarks and steps: through the editor, and in place in memory (then written by a save)."""
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    editor.answer(ids[0], 3)
    editor.set_title("Regio Noord")
    editor.set_context(partners="PO en VO", themes=["overgang"])
    editor.set_remarks("goed gesprek")
    step = editor.add_step("Agenda delen", who="Mieke", when="1 maart 2027")
    editor.toggle_step(step.id)
    assert editor.path.read_bytes() == codec.dump(editor.session)
    editor.session.context.themes.append("zorg")  # in place: the next save must see it
    editor.session.next_steps[0].text = "Agenda rondsturen"
    editor.answer(ids[1], 4)
    assert editor.path.read_bytes() == codec.dump(editor.session)
    assert store.read(editor.path) == editor.session
    editor.close()


def test_many_seconds_of_saves_are_each_the_session_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save in a new second writes (and reads back) new lines; the lines kept are bounded."""
    clock = iter(range(10**6))
    monkeypatch.setattr(
        "tui.session.model.now", lambda: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(seconds=next(clock))
    )
    monkeypatch.setattr("tui.session.editor.now", __import__("tui.session.model", fromlist=["now"]).now)
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    for n in range(300):
        editor.answer(ids[n % len(ids)], n % 5 + 1)
        if n % 50 == 0:
            assert editor.path.read_bytes() == codec.dump(editor.session)
    assert store.read(editor.path) == editor.session
    assert editor.path.read_bytes() == codec.dump(editor.session)
    assert len(editor.stored.pieces[LINES]) <= MAX_LINES
    editor.close()


def test_a_line_that_does_not_read_back_goes_to_codec_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the parse of what is new disagrees, nothing kept is trusted: codec.dump writes and checks the whole."""
    ids = item_ids()
    stamp = datetime(2026, 3, 1, tzinfo=UTC)
    session = Session(id="s-1", title="T", created=stamp, updated=stamp, answers={ids[0]: Answer(score=2)})
    pieces: Pieces = {}
    dump_kept(session, pieces)
    reader = toml_read.fast_reader()
    if reader is None:
        pytest.skip("rtoml is not installed: the reader is tomllib alone")
    loads = reader.loads

    class Lying:
        @staticmethod
        def loads(text: str) -> dict[str, object]:
            data = loads(text)
            for table in data.values():
                if isinstance(table, dict) and "score" in table:
                    table["score"] = 1
            return data

    monkeypatch.setattr(toml_read, "fast_reader", lambda: Lying)
    session.answers = {ids[0]: Answer(score=4)}
    assert dump_kept(session, pieces) == codec.dump(session)
    assert HEAD not in pieces  # written by codec.dump: the kept texts were let go


def test_a_file_rewritten_with_the_same_bytes_is_saved_over_and_other_bytes_are_merged(tmp_path: Path) -> None:
    """The file's bytes as last written are kept, not their hash: a rewrite of the same bytes (a backup tool, a
    copy back) is not a change; any other bytes are, and are read and merged as before."""
    store = SessionStore(tmp_path)
    stored = store.create("Regio")
    ids = item_ids()
    editor = SessionEditor(store, stored, lock=False)
    editor.answer(ids[0], 3)
    same = editor.path.read_bytes()
    editor.path.unlink()
    editor.path.write_bytes(same)  # another inode and time, the same bytes
    editor.answer(ids[1], 4)
    assert editor.merged is False
    other = SessionEditor(store, stored, lock=False)
    other.answer(ids[2], 5)
    editor.answer(ids[3], 1)
    assert editor.merged is True
    assert {i: a.score for i, a in store.read(editor.path).answers.items()} == {
        ids[0]: 3,
        ids[1]: 4,
        ids[2]: 5,
        ids[3]: 1,
    }
    editor.close()
    other.close()


def test_long_notes_are_not_kept_line_by_line(tmp_path: Path) -> None:
    """A note of 100,000 characters edited ten times: each version written and read back, none kept as a line."""
    store = SessionStore(tmp_path)
    editor = SessionEditor(store, store.create("Regio"))
    ids = item_ids()
    editor.answer(ids[0], 3)
    for n in range(10):
        editor.remark(ids[0], f"{n} " + "lang verhaal " * 8_000)
        assert editor.path.read_bytes() == codec.dump(editor.session)
        assert HEAD in editor.stored.pieces
    assert sum(len(line[0]) for line in editor.stored.pieces[LINES].values()) <= MAX_LINES * 256
    editor.close()


def test_a_large_file_is_remembered_by_its_hash_and_a_change_on_disk_still_seen(tmp_path: Path) -> None:
    """Past KEEP_BYTES the file written is remembered by its hash, not its bytes; another program's write is seen."""
    store = SessionStore(tmp_path)
    stored = store.create("Regio")
    ids = item_ids()
    editor = SessionEditor(store, stored, lock=False)
    for item in ids[:2]:  # two long notes: a file past KEEP_BYTES
        editor.remark(item, "x" * (KEEP_BYTES // 2 + 10))
    assert "hash" in repr(editor.stored.fingerprint)
    other = SessionEditor(store, stored, lock=False)
    other.answer(ids[3], 5)
    editor.answer(ids[2], 2)
    assert editor.merged is True
    assert {i: a.score for i, a in store.read(editor.path).answers.items() if a.score} == {ids[3]: 5, ids[2]: 2}
    editor.close()
    other.close()
