"""A session in the app's own form is read without pydantic, and never lets past what pydantic refuses (issue 24).

`tui.session.canonical` reads a file the app wrote; anything else goes to the validators
(`tui.session.schema`). For every document here, valid or spoiled: either the validators
judge it, or the canonical reading gives exactly what validating would have given.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.helpers.spoils import ITEM, ODD_VALUES, SESSION_PLACES, T0, spoil
from tui.session import canonical, codec, model, schema


def good() -> dict[str, Any]:
    """A document as the app writes it, with every field there."""
    return {
        "schema_version": model.SCHEMA_VERSION,
        "id": "regio-noord-1a2b3c",
        "title": "Regio Noord",
        "language": "nl",
        "created": T0,
        "updated": T0 + timedelta(hours=1),
        "follows": "",
        "context": {"themes": ["Krimp"], "forms": [], "partners": "PO en VO", "role": "", "stage": "starten"},
        "answers": {
            ITEM: {"score": 3, "not_applicable": False, "note": "goed", "at": T0, "tool_version": 2, "shared": False},
            "helpt.benchmarks": {"not_applicable": True, "note": "", "at": T0, "shared": True},
            "helpt.x": {"note": "alleen een notitie"},
        },
        "notes": "vrij",
        "next_steps": [
            {"id": "ab12cd34", "text": "Plannen", "who": "Anna", "when": "mei 2026", "due": date(2026, 5, 31)},
            {"text": "Zonder id", "done": True, "suggestion": "b"},
        ],
    }


ODD_SAMPLED = st.sampled_from([*ODD_VALUES, None, "a\n", "é", "2024-03-01"])

PLACES: list[tuple[Any, ...]] = [
    *SESSION_PLACES,
    ("answers", "helpt.benchmarks", "score"),
    ("next_steps",),
    ("next_steps", 0, "due"),
    ("next_steps", 0, "id"),
    ("next_steps", 0, "done"),
    ("next_steps", 1, "text"),
    ("next_steps", 1, "when"),
]


def validated(document: dict[str, Any]) -> model.Session | None:
    """What the validators make of `document`, read as the app reads it; None when they refuse it."""
    try:
        return codec.validated(document, "mem")
    except Exception:  # noqa: BLE001 - a refusal of any kind
        return None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spoils=st.lists(
        st.tuples(st.sampled_from(PLACES), ODD_SAMPLED, st.booleans()),
        max_size=3,
    )
)
def test_the_canonical_reading_never_accepts_what_the_validators_refuse(spoils: list[Any]) -> None:
    document = good()
    for place, value, remove in spoils:
        try:
            spoil(document, place, value, remove)
        except (KeyError, IndexError, TypeError):
            continue
    fast = canonical.read(document)
    if fast is None:
        return
    slow = validated(document)
    assert slow is not None, document
    steps = (
        [dataclasses.replace(s, id="") for s in fast.next_steps],
        [dataclasses.replace(s, id="") for s in slow.next_steps],
    )
    assert steps[0] == steps[1]
    fast.next_steps, slow.next_steps = steps
    assert fast == slow


def test_what_the_app_writes_is_read_without_the_validators() -> None:
    session = canonical.read(good())
    assert session is not None
    raw = codec.dump(session)
    assert codec.parse(raw, "mem") == session
    assert canonical.read(codec.toml_read.loads(raw.decode())) == session


def test_a_refusal_is_worded_as_before() -> None:
    document = good()
    document["answers"][ITEM]["score"] = 9
    assert canonical.read(document) is None
    try:
        schema.Session.model_validate(document)
    except ValidationError:
        pass
    else:
        raise AssertionError("a score of 9 was accepted")


def named(annotation: object) -> str:
    text = repr(annotation)
    for module in ("tui.session.schema.", "tui.session.model."):
        text = text.replace(module, "")
    return text


def test_the_plain_classes_have_exactly_the_validators_fields() -> None:
    for name in ("Answer", "Context", "NextStep", "Session"):
        kind, validator = getattr(model, name), getattr(schema, name)
        hints = typing.get_type_hints(kind)
        fields = {f.name: named(hints[f.name]) for f in dataclasses.fields(kind)}
        assert fields == {n: named(info.annotation) for n, info in validator.model_fields.items()}, name
        aliases = {f.name: f.metadata.get("alias") for f in dataclasses.fields(kind)}
        assert aliases == {n: info.alias for n, info in validator.model_fields.items()}, name
        for f in dataclasses.fields(kind):
            info = validator.model_fields[f.name]
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            assert required == info.is_required(), (name, f.name)
            if not required and f.name != "id":
                default = f.default if f.default_factory is dataclasses.MISSING else f.default_factory()
                made: Any = info.get_default(call_default_factory=True)
                if hasattr(made, "model_dump") and isinstance(default, model.Context):
                    default, made = default.model_dump(), made.model_dump()
                assert default == made, (name, f.name)
