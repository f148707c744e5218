"""The overview as a person sees it at 80×24: signs and words, absent hindrances, grouped help, follow-ups, copy."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.helpers.session import item_ids, until
from tui.app.start import Overview
from tui.session import Answer, SessionStore

SIZE = (80, 24)
ABSENT = "Onze administratiesystemen sluiten niet goed op elkaar aan."


def lines_of(app, widget_id: str = "#ov-body") -> list[str]:
    """The lines a Static on the overview shows, as the user sees them (no colour)."""
    return str(app.screen.query_one(widget_id, Static).render()).splitlines()


def body_text(app) -> str:
    """The overview's text with its wrapping undone, so a whole sentence can be looked for."""
    return " ".join(" ".join(lines_of(app)).split())


def session_with(store: SessionStore, title: str, scores: dict[str, int], language: str = "nl", follows=None):
    stored = store.create(title, language=language, follows=follows)
    stored.session.answers = {i: Answer(score=s) for i, s in scores.items()}
    store.save(stored)
    return stored


def spread() -> dict[str, int]:
    """Every item but the last answered 1, 2, 3, 4, 5, 1, … in walk order; administratiesystemen 1, bevlogenheid 5."""
    scores = {item_id: n % 5 + 1 for n, item_id in enumerate(item_ids()[:-1])}
    scores["hindert.administratiesystemen"] = 1
    scores["helpt.bevlogenheid"] = 5
    return scores


async def open_overview(app_factory, store, stored, language: str = "nl"):
    app = app_factory(Overview(stored), store=store, language=language)
    return app


async def test_signs_and_words_carry_the_meaning(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(store, "Regio Tekens", spread())
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        text = body_text(app)
        assert "+ Volledig — We zijn bevlogen over het inhoudelijke doel van de samenwerking." in text
        assert "− Helemaal niet — We ervaren dat samenwerken nu echt nodig is." in text
        assert "− Speelt sterk — " in text  # a hindrance reads as one: its answer first, no bracket
        assert "(Wat helpt" not in text and "antwoord 1" not in text
        assert "≥" not in text and "na omrekening" not in text  # plain words, no jargon
        assert "Het gemiddelde antwoord per deel, van 1 (knelpunt) tot 5 (sterk);" in text
        assert app.screen.query_one("#overview").max_scroll_x == 0
        assert max(len(line) for line in lines_of(app)) <= 76


async def test_a_hindrance_that_plays_no_role_is_shown_as_absent(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(store, "Regio Afwezig", spread())
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        text = body_text(app)
        strengths = text.split("Sterke punten")[1].split("Belemmeringen die hier niet spelen")[0]
        assert ABSENT not in strengths
        assert f"○ Speelt niet — {ABSENT}" in text
        assert "○ Speelt nauwelijks — " in text  # answer 2 says its own word
        assert (
            "Belemmeringen die hier niet spelen Belemmerende factoren die hier nauwelijks of geen rol spelen." in text
        )


async def test_suggestions_are_grouped_with_their_count(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(
        store,
        "Regio Hulp",
        {"helpt.gedeelde-visie": 1, "helpt.bestuurlijke-moed": 1, "hindert.vervoer": 5, "helpt.urgentie": 3},
    )
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        lines = lines_of(app)
        assert "  naar bijlage 1 d — past bij 2 knelpunten" in lines
        assert "  naar bijlage 1 b — past bij 1 knelpunt" in lines
        assert "    kan helpen: naar bijlage 1 d, g" in lines
        text = body_text(app)
        assert text.count("Voer het gesprek over je bredere verantwoordelijkheid") == 1


async def test_counts_are_singular_and_plural(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(store, "Regio Een", spread())
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        assert lines_of(app, "#ov-rest")[0] == "Nog niet beantwoord: 1 item"


async def test_parts_show_their_mean_its_basis_and_bar(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    helpt = [i for i in item_ids() if i.startswith("helpt.")]
    answers = dict(zip(helpt, [2, 5, 4, 4, 4, 5], strict=False)) | {"hindert.vervoer": 1}
    stored = session_with(store, "Regio Gemiddelde", answers)
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        lines = lines_of(app)
        assert "  Wat helpt                        █████████░░░       4,0  6/12" in lines
        assert "  Waarom (nog) niet?               ············ te weinig   0/5" in lines
        assert "  Wat hindert                      ············ te weinig  1/12" in lines  # 1 of 12: no score


async def test_a_follow_up_shows_what_moved(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    ids = item_ids()
    earlier = session_with(store, "Regio 2024", dict.fromkeys(ids, 3))
    now = dict.fromkeys(ids, 3) | {i: 5 for i in ids if i.startswith("helpt.")}
    now["helpt.bevlogenheid"] = 3
    now |= {i: 2 for i in ids if i.startswith("vaardigheid.")}
    later = session_with(store, "Regio 2025", now, follows=earlier.session)
    app = await open_overview(app_factory, store, later)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        lines = lines_of(app)
        assert "  Wat helpt                        ██████████ 4,8  12/12  ▲ 3,0 → 4,8" in lines
        assert "  Samenwerken als vaardigheid      ██░░░░░░░░ 2,0  14/14  ▼ 3,0 → 2,0" in lines
        assert "  Wat hindert                      █████░░░░░ 3,0  12/12  = 3,0 → 3,0" in lines
        text = body_text(app)
        assert "Vergeleken met je vorige reflectie ‘Regio 2024’ van" in text
        assert "+ Volledig — We ervaren dat samenwerken nu echt nodig is. ▲ beter dan vorige keer (antwoord 3)" in text


async def test_a_follow_up_whose_earlier_session_is_gone_shows_no_change(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    ids = item_ids()
    earlier = session_with(store, "Regio Weg", dict.fromkeys(ids, 3))
    later = session_with(store, "Regio Nu", dict.fromkeys(ids, 5), follows=earlier.session)
    store.trash(earlier)
    app = await open_overview(app_factory, store, later)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        text = body_text(app)
        assert "Vergeleken met" not in text
        assert "(was " not in text
        assert "Wat helpt" in text


async def test_y_copies_the_overview_as_plain_text(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(store, "Regio Kopie", spread())
    app = await open_overview(app_factory, store, stored)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.press("y")
        await until(pilot, lambda: bool(app.clipboard))
        copied = app.clipboard
        assert copied.startswith("Regio Kopie\nReflectie, laatst bijgewerkt ")
        assert "  + Volledig — We zijn bevlogen over het inhoudelijke doel van de samenwerking." in copied
        assert "Vervolgstappen\n  Geen." in copied
        assert copied.endswith(
            "Nog niet beantwoord: 1 item\n  · "
            + "Tussen de partners is een gedeelde manier van denken, doen en voelen\n    ontstaan.\n"
        )
        assert "\x1b" not in copied
        await until(pilot, lambda: any("klembord" in str(n.message) for n in app._notifications))
        assert [str(n.message) for n in app._notifications] == ["Het overzicht staat als tekst op het klembord."]
        assert type(app.screen).__name__ == "OverviewScreen"


async def test_the_overview_in_english(tmp_path: Path, app_factory) -> None:
    store = SessionStore(tmp_path / "sessions")
    stored = session_with(store, "Region English", spread(), language="en")
    app = await open_overview(app_factory, store, stored, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen")
        await pilot.pause()
        text = body_text(app)
        assert "+ Fully — We are passionate about" in text
        assert "− Not at all — We feel that cooperating is really necessary now." in text
        assert "○ Plays no role — Our administrative systems are not well aligned." in text
        assert "Obstacles that do not play a role here" in text
        assert "adapted from appendix 1 d — fits" in text
        assert lines_of(app, "#ov-rest")[0] == "Not answered yet: 1 item"
        await pilot.press("y")
        await until(pilot, lambda: any("clipboard" in str(n.message) for n in app._notifications))
        assert "+ Fully — We are passionate about" in app.clipboard
