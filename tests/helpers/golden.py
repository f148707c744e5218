"""The golden session and its golden files (tests/golden/), shared by the export tests.

Run with UPDATE_GOLDEN=1 to (re)write the files after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tui.session import Answer, Context, NextStep, Session

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CREATED = datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
UPDATED = datetime(2024, 3, 15, 23, 30, tzinfo=UTC)  # a day later in CET: the TZ matters
ANSWERED_AT = datetime(2024, 3, 10, 14, 0, tzinfo=UTC)
FIRST_NOTE = 'Eerste regel\ntweede "regel" met [haken] en *sterren*\n🙂 en `code` | pipe <b>vet</b>'


def golden_session(tool) -> Session:
    """The same session on every run: fixed id, dates, answers, note, context and steps."""
    answers = {item.id: Answer(score=5 if n % 2 == 0 else 1, at=ANSWERED_AT) for n, item in enumerate(tool.items)}
    first = tool.items[0].id
    answers[first] = answers[first].model_copy(update={"remark": FIRST_NOTE})
    return Session(
        id="regio-golden-000000",
        title="Regio Golden",
        language="nl",
        created=CREATED,
        updated=UPDATED,
        context=Context(
            partners="Stichting Noord & Scholengroep Zuid",
            role="bestuurder",
            stage="lopend",
            themes=[tool.context.themes[0], tool.context.themes[4]],
            forms=[tool.context.forms[5]],
        ),
        answers=answers,
        remarks="Algemene notitie over de samenwerking.",
        next_steps=[
            NextStep(
                id="step0001",
                text="Agenda opstellen voor het regio-overleg",
                who="Anna",
                when="1 april",
                due=date(2024, 4, 1),
            ),
            NextStep(id="step0002", text="Verkenning gedeelde visie", who="", when="", done=True, suggestion="g"),
        ],
    )


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path}; run once with UPDATE_GOLDEN=1 and review it")
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review)"
