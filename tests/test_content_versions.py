"""Item ids never change; a statement whose meaning changes keeps its old wording and the tool's version.

`compare` uses this to flag items that two sessions answered in different wordings.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.content import load_tool
from tui.core.errors import ContentError
from tui.session import Answer, Session
from tui.views.compare import (
    ComparedItem,
    answered_with,
    changes_between,
    compare,
    reworded_items,
)

ROOT = Path(__file__).resolve().parent.parent

IDS = [
    "waarom.geen-noodzaak", "waarom.niet-op-netvlies", "waarom.niet-willen", "waarom.geen-gezamenlijke-ambitie",
    "waarom.praktische-redenen",
    "helpt.urgentie", "helpt.bevlogenheid", "helpt.goede-voorbeelden", "helpt.samenwerken-leidt-tot-samenwerken",
    "helpt.afgebakende-regio", "helpt.benchmarks", "helpt.gedeelde-visie", "helpt.elkaar-kennen", "helpt.open-cultuur",
    "helpt.investeren-relatie", "helpt.bestuurlijke-moed", "helpt.organisatie",
    "hindert.wet-en-regelgeving", "hindert.concurrentie", "hindert.cultuurverschillen", "hindert.geld-en-tijd",
    "hindert.schaalverschillen", "hindert.institutionalisering", "hindert.administratiesystemen", "hindert.vervoer",
    "hindert.weerstand-medewerkers", "hindert.bekostiging", "hindert.persoonlijke-relatie",
    "hindert.behoudende-besturen",
    "belangen.spanning", "belangen.gedeelde-verantwoordelijkheid", "belangen.dialoog",
    "belangen.meer-dan-continuiteit", "belangen.prikkel-eigen-organisatie",
    "vaardigheid.ambitie-betekenisvol", "vaardigheid.ambitie-eigen-visies", "vaardigheid.belangen-op-tafel",
    "vaardigheid.belangen-recht-doen", "vaardigheid.relatie-verbonden", "vaardigheid.relatie-vertrouwen",
    "vaardigheid.organisatie-condities", "vaardigheid.organisatie-besluiten", "vaardigheid.proces-hoe",
    "vaardigheid.proces-geen-meerderheid", "vaardigheid.proces-betekenis", "vaardigheid.individu",
    "vaardigheid.structuur", "vaardigheid.weefsel",
]  # fmt: skip
"""Every item id as version 1 shipped them: saved answers are keyed by these, forever."""

ADDED_IN_3 = ["belangen.toezicht"]
"""Items new in version 3 (issue 20): TOOL.md's question whether the supervisory board carries the
shared responsibility too, which version 2 had dropped."""

REWORDED_IN_2 = {
    "waarom.niet-willen",
    "waarom.praktische-redenen",
    "helpt.benchmarks",
    "helpt.open-cultuur",
    "helpt.organisatie",
    "hindert.concurrentie",
    "hindert.bekostiging",
    "belangen.gedeelde-verantwoordelijkheid",
    "belangen.prikkel-eigen-organisatie",
    "vaardigheid.belangen-op-tafel",
    "vaardigheid.belangen-recht-doen",
    "vaardigheid.relatie-vertrouwen",
    "vaardigheid.organisatie-condities",
    "vaardigheid.individu",
}
"""The statements whose meaning changed in version 2 (issue 13)."""

REWORDED_IN_3 = {
    "waarom.niet-op-netvlies",
    "helpt.urgentie",
    "helpt.afgebakende-regio",
    "helpt.elkaar-kennen",
    "hindert.concurrentie",
    "vaardigheid.ambitie-eigen-visies",
}
"""The statements whose meaning changed in version 3 (issue 20)."""


@pytest.fixture(scope="module")
def tool():
    return load_tool()


def test_item_ids_never_change(tool):
    """Every id of version 1 is still there, in its order; new items only add ids."""
    ids = [item.id for item in tool.items]
    assert [i for i in ids if i in IDS] == IDS
    assert [i for i in ids if i not in IDS] == ADDED_IN_3


def test_the_new_item_follows_the_responsibility_it_is_about(tool):
    belangen = [item.id for item in tool.part_of("belangen.toezicht").items]
    at = belangen.index("belangen.gedeelde-verantwoordelijkheid")
    assert belangen[at + 1] == "belangen.toezicht"
    assert "raad van toezicht" in tool.item("belangen.toezicht").text
    assert "supervisory board" in (tool.item("belangen.toezicht").text_en or "")
    assert not tool.item("belangen.toezicht").history


def test_directions_never_flip(tool):
    """A flipped direction would turn every saved answer around: make a new item instead."""
    negative = {item.id for part in tool.scale_parts for item in part.items if part.item_direction(item) == "negative"}
    assert negative == {i for i in IDS + ADDED_IN_3 if i.startswith(("waarom.", "hindert."))} | {
        "belangen.prikkel-eigen-organisatie"
    }


def test_the_tool_has_a_version(tool):
    assert tool.version == 3
    assert all(v <= tool.version for item in tool.items for v in item.changed_in)


def test_reworded_between_1_and_2(tool):
    changed = reworded_items(tool, 1, 2, "nl")
    assert {r.item.id for r in changed} == REWORDED_IN_2
    assert [r.item.id for r in changed] == [i for i in IDS if i in REWORDED_IN_2]  # walk order
    for r in changed:
        assert r.changed_in == [2]
        assert r.new == r.item.wording_at(2)
        assert r.old == r.item.history[0].text
        assert r.old != r.new
    english = {r.item.id: r for r in reworded_items(tool, 1, 2, "en")}
    assert english["helpt.benchmarks"].old.startswith("We share figures")


def test_reworded_between_2_and_3(tool):
    changed = reworded_items(tool, 2, 3, "nl")
    assert [r.item.id for r in changed] == [i for i in IDS if i in REWORDED_IN_3]  # walk order
    for r in changed:
        assert r.changed_in == [3]
        assert r.new == r.item.text
        assert r.old == r.item.history[-1].text
        assert r.old != r.new
    concurrentie = next(r for r in changed if r.item.id == "hindert.concurrentie")
    assert concurrentie.old.startswith("Partners denken")  # v2's wording, not v1's
    assert "concurrentie" in concurrentie.new
    english = {r.item.id: r for r in reworded_items(tool, 2, 3, "en")}
    assert english["helpt.urgentie"].old == "All partners feel that cooperating is really necessary now."


def test_reworded_between_1_and_3_counts_both_changes(tool):
    changed = {r.item.id: r for r in reworded_items(tool, 1, 3, "nl")}
    assert set(changed) == REWORDED_IN_2 | REWORDED_IN_3
    assert changed["hindert.concurrentie"].changed_in == [2, 3]
    assert changed["hindert.concurrentie"].old == tool.item("hindert.concurrentie").history[0].text


def test_nothing_is_reworded_within_one_version(tool):
    assert reworded_items(tool, 1, 1, "nl") == []
    assert reworded_items(tool, 2, 2, "nl") == []
    assert reworded_items(tool, 3, 3, "nl") == []


def test_order_of_versions_does_not_matter(tool):
    """From 2 back to 1: the same items, with 'old' the wording of version 2 and 'new' that of version 1."""
    backward = reworded_items(tool, 2, 1, "nl")
    assert [r.item.id for r in backward] == [i for i in IDS if i in REWORDED_IN_2]
    for r in backward:
        assert (r.old, r.new) == (r.item.wording_at(2), r.item.history[0].text)
    benchmarks = next(r for r in backward if r.item.id == "helpt.benchmarks")
    assert (benchmarks.old, benchmarks.new) == (
        "We gebruiken benchmarks om kennis met elkaar te delen.",
        "We delen cijfers en vergelijken ons met elkaar om van elkaar te leren.",
    )


def test_wording_at(tool):
    item = tool.item("vaardigheid.belangen-recht-doen")
    assert item.wording_at(1).endswith("ook van de kleinste.")
    assert item.wording_at(2) == item.text
    assert item.wording_at(99) == item.text
    unchanged = tool.item("helpt.bevlogenheid")
    assert unchanged.wording_at(1) == unchanged.text
    assert changes_between(item, 1, 2) == [2]
    assert changes_between(unchanged, 1, 2) == []


# --------------------------------------------------------------------------- what compare sees


def session(answers: dict[str, int]) -> Session:
    at = datetime(2024, 3, 1, tzinfo=UTC)
    return Session(id="s", title="S", created=at, updated=at, answers={i: Answer(score=s) for i, s in answers.items()})


def test_sessions_without_a_version_were_answered_with_version_1(tool):
    s = session({"helpt.benchmarks": 3})
    assert answered_with(s, "helpt.benchmarks") == 1
    assert answered_with(s, "helpt.urgentie") == 1


def test_the_version_is_read_from_the_answer():
    """Format 2 records the tool version with each score; older answers were given to version 1."""
    from tui.session.model import Answer

    holder = SimpleNamespace(answers={"a.b": Answer(score=3, tool_version=2), "c.d": Answer(score=1)})
    assert answered_with(holder, "a.b") == 2  # type: ignore[arg-type]
    assert answered_with(holder, "c.d") == 1  # type: ignore[arg-type]
    assert answered_with(SimpleNamespace(answers={}), "a.b") == 1  # type: ignore[arg-type]


def test_compare_flags_answers_to_different_wordings(tool):
    item, part = tool.item("helpt.benchmarks"), tool.part_of("helpt.benchmarks")
    assert ComparedItem(item, part, [4, 2], [1, 2]).reworded
    assert not ComparedItem(item, part, [4, 2], [2, 2]).reworded
    assert not ComparedItem(item, part, [4, None], [1, 2]).reworded  # only one answer: nothing to compare
    assert not ComparedItem(item, part, [4, 2]).reworded  # versions unknown
    same = tool.item("helpt.bevlogenheid")
    assert not ComparedItem(same, part, [4, 2], [1, 2]).reworded
    assert ComparedItem(item, part, [4, 2], [2, 1]).earlier_wording("nl") == item.history[0].text
    assert ComparedItem(item, part, [4, 2], [2, 1]).earlier_wording("en") == item.history[0].text_en
    assert ComparedItem(item, part, [4, 2], [2, 2]).earlier_wording("nl") is None


def test_compare_of_today_s_sessions_flags_nothing(tool):
    _, items = compare(tool, [session({"helpt.benchmarks": 5}), session({"helpt.benchmarks": 1})])
    benchmarks = next(c for c in items if c.item.id == "helpt.benchmarks")
    assert benchmarks.versions == [1, 1]
    assert not benchmarks.reworded
    assert benchmarks.spread == 4


# --------------------------------------------------------------------------- the loader checks it


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def test_a_wording_from_a_future_version_is_refused(content):
    path = content / "tool.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\nversion = 3\n") == 1
    path.write_text(text.replace("\nversion = 3\n", "\nversion = 2\n"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_tool(content)
    assert "version 3" in str(caught.value)
    assert "waarom.niet-op-netvlies" in str(caught.value)


def test_the_editor_records_the_tool_version_with_each_score(tmp_path: Path, tool) -> None:
    from tui.session import SessionStore
    from tui.session.editor import SessionEditor

    store = SessionStore(tmp_path / "sessions")
    editor = SessionEditor(store, store.create("Regio Versie"), tool_version=tool.version)
    editor.answer("helpt.benchmarks", 4)
    editor.not_applicable("helpt.urgentie")
    assert store.read(editor.path).answers["helpt.benchmarks"].tool_version == tool.version == 3
    assert store.read(editor.path).answers["helpt.urgentie"].tool_version == 3
    editor.clear("helpt.benchmarks")
    assert "helpt.benchmarks" not in store.read(editor.path).answers


def test_compare_output_says_which_statement_was_reworded(tool) -> None:
    import json

    from tui.content.i18n import strings_for
    from tui.render.compare import compare_json, compare_markdown, compare_table
    from tui.views.compare import build_comparison

    old = session({"helpt.benchmarks": 5, "helpt.urgentie": 5})  # format 1: answered with version 1
    new = session({"helpt.benchmarks": 1, "helpt.urgentie": 1})
    new.answers = {i: a.model_copy(update={"tool_version": 2}) for i, a in new.answers.items()}
    comparison = build_comparison(tool, [old, new], strings_for("nl"))
    table = compare_table(comparison, width=120)
    earlier = tool.item("helpt.benchmarks").history[0].text
    assert "anders geformuleerd" in table and earlier[:30] in table.replace("\n    ", " ")
    assert "anders geformuleerd" in compare_markdown(comparison)
    items = {i["id"]: i for i in json.loads(compare_json(comparison))["items"]}
    assert items["helpt.benchmarks"]["reworded"] is True
    assert items["helpt.benchmarks"]["earlier_wording"] == earlier
    assert items["helpt.urgentie"]["reworded"] is False
