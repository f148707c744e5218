"""Scoring without Textual: direction, part means, strengths, obstacles, notes, report rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.helpers.answers import ALTERNATING_ABSENT, ALTERNATING_NEITHER, ALTERNATING_OBSTACLES, ALTERNATING_STRENGTHS
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.session import Answer, Session
from tui.views.numbers import one_decimal, score_number
from tui.views.report import build_report
from tui.views.scoring import SCALE_MAX, oriented, overview, part_score

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def tool():
    return load_tool()


@pytest.fixture
def lenient(tool):
    """The tool with any one score enough for a part score: for the arithmetic, not the threshold."""
    return tool.model_copy(update={"scoring": tool.scoring.model_copy(update={"min_answered_share": 0.01})})


def part(tool, part_id: str):
    return next(p for p in tool.scale_parts if p.id == part_id)


def ids_of(tool, part_id: str) -> list[str]:
    return [item.id for item in part(tool, part_id).items]


def with_answers(answers: dict[str, Answer]) -> Session:
    return Session(id="s-test", title="Test", created=T0, updated=T0, answers=answers)


def scored(score: int, note: str = "") -> Answer:
    return Answer(score=score, remark=note, at=T0)


# content this file relies on -------------------------------------------------


def test_content_assumptions(tool) -> None:
    """The parts used below have the directions and flags these tests assume."""
    assert part(tool, "waarom").direction == "negative"
    assert part(tool, "waarom").strength_when_good is False
    assert part(tool, "helpt").direction == "positive"
    assert part(tool, "helpt").strength_when_good is True
    assert part(tool, "hindert").direction == "negative"
    assert part(tool, "hindert").strength_when_good is True
    belangen = part(tool, "belangen")
    negative = belangen.items[-1]
    assert belangen.direction == "positive"
    assert belangen.item_direction(negative) == "negative"
    assert tool.scoring.strength_at == 4
    assert tool.scoring.obstacle_at == 2
    assert tool.scoring.min_answered_share == 0.5
    every = ALTERNATING_STRENGTHS + ALTERNATING_ABSENT + ALTERNATING_OBSTACLES + ALTERNATING_NEITHER
    assert sorted(every) == sorted(item.id for item in tool.items)  # each item in exactly one list


# oriented ----------------------------------------------------------------------


@pytest.mark.parametrize("score", range(1, SCALE_MAX + 1))
def test_oriented_positive_keeps_the_score(score: int) -> None:
    assert oriented(score, "positive") == score


@pytest.mark.parametrize(("score", "expected"), [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)])
def test_oriented_negative_turns_it_around(score: int, expected: int) -> None:
    assert oriented(score, "negative") == expected


# part scores -------------------------------------------------------------------


def test_positive_part_mean(lenient) -> None:
    ids = ids_of(lenient, "helpt")
    result = part_score(lenient, part(lenient, "helpt"), with_answers({ids[0]: scored(5), ids[1]: scored(2)}))
    assert result.mean == 3.5
    assert result.answered == 2
    assert result.not_applicable == 0
    assert result.total == 12


@pytest.mark.parametrize(("first", "second", "mean"), [(5, 5, 1.0), (5, 1, 3.0), (2, 1, 4.5)])
def test_negative_item_answered_5_counts_as_1(lenient, first: int, second: int, mean: float) -> None:
    ids = ids_of(lenient, "waarom")
    result = part_score(lenient, part(lenient, "waarom"), with_answers({ids[0]: scored(first), ids[1]: scored(second)}))
    assert result.mean == mean


def test_item_direction_overrides_part_direction(lenient) -> None:
    """belangen is positive, but its last item is negative: 5 there counts as 1."""
    belangen = part(lenient, "belangen")
    first, last = belangen.items[0].id, belangen.items[-1].id
    result = part_score(lenient, belangen, with_answers({first: scored(5), last: scored(5)}))
    assert result.mean == 3.0
    result = part_score(lenient, belangen, with_answers({first: scored(5), last: scored(1)}))
    assert result.mean == 5.0


def test_not_applicable_and_unanswered_are_left_out(lenient) -> None:
    ids = ids_of(lenient, "helpt")
    answers = {
        ids[0]: scored(4),
        ids[1]: scored(2),
        ids[2]: Answer(not_applicable=True, at=T0),
        ids[3]: Answer(remark="alleen een notitie"),  # a note alone is not an answer
    }
    result = part_score(lenient, part(lenient, "helpt"), with_answers(answers))
    assert result.mean == 3.0
    assert result.answered == 3  # two scores and one n.v.t.
    assert result.not_applicable == 1
    assert result.total == 12


@pytest.mark.parametrize(
    ("second", "answered"),
    [
        pytest.param(None, 1, id="one-score"),
        pytest.param(Answer(not_applicable=True, at=T0), 2, id="one-score-plus-not-applicable"),
    ],
)
def test_one_score_is_too_few_for_a_mean(tool, second: Answer | None, answered: int) -> None:
    ids = ids_of(tool, "helpt")
    answers = {ids[0]: scored(5)} | ({ids[1]: second} if second else {})
    result = part_score(tool, part(tool, "helpt"), with_answers(answers))
    assert result.mean is None
    assert result.answered == answered


def half(tool, part_id: str) -> int:
    """How many items of the part make half of it (rounded up): the fewest that give a score."""
    return -(-len(ids_of(tool, part_id)) // 2)


def test_mean_keeps_full_precision(tool) -> None:
    ids = ids_of(tool, "helpt")
    scores = [5, 4, 4] * len(ids)
    answers = {i: scored(x) for i, x in zip(ids, scores, strict=False)}
    expected = sum(scores[: len(ids)]) / len(ids)
    assert part_score(tool, part(tool, "helpt"), with_answers(answers)).mean == expected


def test_the_mean_turns_hindrances_around(tool) -> None:
    ids = ids_of(tool, "hindert")
    answers = {i: scored(1) for i in ids}  # after direction: all 5
    answers[ids[0]] = scored(4)  # after direction: 2
    result = part_score(tool, part(tool, "hindert"), with_answers(answers))
    assert result.mean == (5 * (len(ids) - 1) + 2) / len(ids)


def test_a_part_gets_a_score_only_from_half_its_items(tool) -> None:
    """Three of twelve answered gave 'Wat hindert 5.0' before: never more certainty than the answers carry."""
    ids, needed = ids_of(tool, "hindert"), half(tool, "hindert")
    fewer = with_answers({i: scored(1) for i in ids[: needed - 1]})
    enough = with_answers({i: scored(1) for i in ids[:needed]})
    assert part_score(tool, part(tool, "hindert"), fewer).mean is None
    assert part_score(tool, part(tool, "hindert"), enough).mean == 5.0
    rows = {r.id: r for r in build_report(tool, fewer, strings_for("nl")).parts}
    assert rows["hindert"].score_text == "te weinig"
    assert rows["hindert"].basis == f"{needed - 1} van {len(ids)} beantwoord"


def test_not_applicable_answers_are_the_basis_but_not_the_score(tool) -> None:
    ids = ids_of(tool, "helpt")
    answers = {i: scored(4) for i in ids[:-1]}
    answers[ids[-1]] = Answer(not_applicable=True, at=T0)
    row = {r.id: r for r in build_report(tool, with_answers(answers), strings_for("nl")).parts}["helpt"]
    assert (row.score_text, row.basis) == ("4,0", f"{len(ids) - 1} van {len(ids)} beantwoord, 1 n.v.t.")


def test_a_part_answered_entirely_not_applicable_says_so(tool) -> None:
    ids = ids_of(tool, "helpt")
    session = with_answers({i: Answer(not_applicable=True, at=T0) for i in ids})
    assert {r.id: r.score_text for r in build_report(tool, session, strings_for("nl")).parts}["helpt"] == "alles n.v.t."
    assert {r.id: r.score_text for r in build_report(tool, session, strings_for("en")).parts}["helpt"] == "all n/a"


def test_a_score_is_rounded_once_when_shown(tool) -> None:
    """41/13 = 3.1538…: rounding to 3.15 first and then to one decimal would show 3.1."""
    ids = ids_of(tool, "vaardigheid")
    scores = [4, 4] + [3] * 11  # 13 answers, 41 in all
    session = with_answers({i: scored(x) for i, x in zip(ids, scores, strict=False)})
    result = part_score(tool, part(tool, "vaardigheid"), session)
    assert result.mean == 41 / 13
    row = build_report(tool, session, strings_for("nl")).parts[-1]
    assert row.id == "vaardigheid"
    assert row.score_text == "3,2"
    assert build_report(tool, session, strings_for("en")).parts[-1].score_text == "3.2"


@pytest.mark.parametrize(
    ("value", "shown"), [(41 / 13, "3.2"), (3.25, "3.3"), (13 / 3, "4.3"), (2.0, "2.0"), (0.15, "0.2"), (3.35, "3.4")]
)
def test_one_decimal_rounds_half_up(value: float, shown: str) -> None:
    assert one_decimal(value) == shown
    assert score_number(value, strings_for("nl")) == shown.replace(".", ",")


# strengths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part_id", "score", "value"),
    [
        pytest.param("helpt", 4, 4, id="positive-item-at-the-strength-threshold"),
        pytest.param("helpt", 5, 5, id="positive-item-at-the-top"),
    ],
)
def test_strengths(tool, part_id: str, score: int, value: int) -> None:
    """The first item answered `score` is a strength; the second, answered 3, is neither."""
    ids = ids_of(tool, part_id)
    result = overview(tool, with_answers({ids[0]: scored(score), ids[1]: scored(3)}))
    assert [s.id for s in result.strengths] == [ids[0]]
    assert result.strengths[0].score == score
    assert result.strengths[0].value == value
    assert result.strengths[0].part.id == part_id
    assert result.obstacles == []


@pytest.mark.parametrize(("score", "value"), [(1, 5), (2, 4)])
def test_hindrance_answered_low_is_absent_not_a_strength(tool, score: int, value: int) -> None:
    """'Our administration systems do not fit' answered 'plays no role' is no strong point."""
    item = "hindert.administratiesystemen"
    result = overview(tool, with_answers({item: scored(score)}))
    assert result.strengths == []
    assert result.obstacles == []
    assert [(s.id, s.score, s.value) for s in result.absent] == [(item, score, value)]


def test_negative_item_in_a_positive_part_is_absent_too(tool) -> None:
    item = "belangen.prikkel-eigen-organisatie"
    result = overview(tool, with_answers({item: scored(1)}))
    assert result.strengths == []
    assert [s.id for s in result.absent] == [item]


def test_reason_not_to_cooperate_answered_1_is_not_a_strength(tool) -> None:
    """waarom has strength_when_good = false: a reason that does not apply is no strength."""
    item = ids_of(tool, "waarom")[0]
    result = overview(tool, with_answers({item: scored(1)}))
    assert result.strengths == []
    assert result.obstacles == []
    assert item not in [i.id for _, i in result.unanswered]


# obstacles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part_id", "score", "value"),
    [("hindert", 5, 1), ("hindert", 4, 2), ("helpt", 1, 1), ("helpt", 2, 2), ("waarom", 5, 1)],
)
def test_obstacles(tool, part_id: str, score: int, value: int) -> None:
    item = ids_of(tool, part_id)[0]
    result = overview(tool, with_answers({item: scored(score)}))
    assert [s.id for s in result.obstacles] == [item]
    assert result.obstacles[0].score == score
    assert result.obstacles[0].value == value
    assert result.strengths == []


@pytest.mark.parametrize(("part_id", "score"), [("helpt", 3), ("hindert", 3), ("waarom", 3), ("waarom", 2)])
def test_middling_answers_are_neither(tool, part_id: str, score: int) -> None:
    item = ids_of(tool, part_id)[0]
    result = overview(tool, with_answers({item: scored(score)}))
    assert result.strengths == []
    assert result.obstacles == []


def test_not_applicable_is_neither_strength_nor_obstacle(tool) -> None:
    ids = ids_of(tool, "helpt")
    result = overview(tool, with_answers({ids[0]: Answer(not_applicable=True, at=T0)}))
    assert result.strengths == []
    assert result.obstacles == []
    assert ids[0] not in [i.id for _, i in result.unanswered]


# ordering ----------------------------------------------------------------------


def test_strengths_strongest_first_ties_in_walk_order(tool) -> None:
    helpt = ids_of(tool, "helpt")
    hindert = ids_of(tool, "hindert")
    answers = {
        helpt[0]: scored(4),  # value 4
        helpt[1]: scored(5),  # value 5
        helpt[2]: scored(4),  # value 4
        hindert[0]: scored(1),  # value 5, later in the walk than helpt[1]
        hindert[1]: scored(2),  # value 4
        helpt[3]: scored(5),  # value 5
    }
    result = overview(tool, with_answers(answers))
    assert [s.id for s in result.strengths] == [helpt[1], helpt[3], helpt[0], helpt[2]]
    assert [s.value for s in result.strengths] == [5, 5, 4, 4]
    assert [s.id for s in result.absent] == [hindert[0], hindert[1]]


def test_obstacles_worst_first_ties_in_walk_order(tool) -> None:
    waarom = ids_of(tool, "waarom")
    helpt = ids_of(tool, "helpt")
    hindert = ids_of(tool, "hindert")
    answers = {
        waarom[0]: scored(4),  # value 2
        waarom[1]: scored(5),  # value 1
        helpt[0]: scored(1),  # value 1
        helpt[1]: scored(2),  # value 2
        hindert[0]: scored(5),  # value 1
    }
    result = overview(tool, with_answers(answers))
    assert [s.id for s in result.obstacles] == [waarom[1], helpt[0], hindert[0], waarom[0], helpt[1]]
    assert [s.value for s in result.obstacles] == [1, 1, 1, 2, 2]


# empty session -----------------------------------------------------------------


def test_empty_session(tool) -> None:
    result = overview(tool, with_answers({}))
    assert result.strengths == []
    assert result.obstacles == []
    assert result.remarks == {}
    assert [p.part.id for p in result.parts] == [p.id for p in tool.scale_parts]
    assert all(p.mean is None for p in result.parts)
    assert all(p.answered == 0 and p.not_applicable == 0 for p in result.parts)
    assert [i.id for _, i in result.unanswered] == [i.id for i in tool.items]
    assert all(item.id.startswith(p.id + ".") for p, item in result.unanswered)


def test_alternating_answers_fill_both_lists(tool) -> None:
    answers = {item.id: scored(5 if n % 2 == 0 else 1) for n, item in enumerate(tool.items)}
    result = overview(tool, with_answers(answers))
    assert result.unanswered == []
    assert len(result.strengths) + len(result.obstacles) + len(result.remarks) > 0
    # every answer of 5 or 1 is extreme: it is a strength or an obstacle, unless in 'waarom' answered 1
    waarom = set(ids_of(tool, "waarom"))
    signalled = {s.id for s in result.strengths} | {s.id for s in result.obstacles} | {s.id for s in result.absent}
    for item_id, answer in answers.items():
        if item_id in waarom and answer.score == 1:
            assert item_id not in signalled
        else:
            assert item_id in signalled
    assert [s.id for s in result.strengths] == ALTERNATING_STRENGTHS
    assert [s.id for s in result.obstacles] == ALTERNATING_OBSTACLES
    assert [s.id for s in result.absent] == ALTERNATING_ABSENT
    assert [p.mean for p in result.parts] == pytest.approx([2.6, 3.0, 3.0, 14 / 6, 3.0])


# notes -------------------------------------------------------------------------


def test_notes_of_middling_answers_go_to_notes(tool) -> None:
    helpt = ids_of(tool, "helpt")
    waarom = ids_of(tool, "waarom")
    answers = {
        helpt[0]: scored(3, "gaat wel"),
        helpt[1]: scored(5, "sterk punt"),
        helpt[2]: scored(1, "knelt"),
        helpt[3]: Answer(remark="nog geen score"),
        helpt[4]: Answer(not_applicable=True, remark="past niet", at=T0),
        waarom[0]: scored(1, "geldt niet"),  # no strength in 'waarom', so its note is kept here
        helpt[5]: scored(3),  # no note: nothing to keep
    }
    result = overview(tool, with_answers(answers))
    assert result.remarks == {
        waarom[0]: "geldt niet",
        helpt[0]: "gaat wel",
        helpt[3]: "nog geen score",
        helpt[4]: "past niet",
    }
    assert result.strengths[0].remark == "sterk punt"
    assert result.obstacles[0].remark == "knelt"


def test_a_note_alone_leaves_the_item_unanswered(tool) -> None:
    item = tool.items[0].id
    result = overview(tool, with_answers({item: Answer(remark="eerst nadenken")}))
    assert item in [i.id for _, i in result.unanswered]
    assert result.remarks == {item: "eerst nadenken"}


# report rows -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_obstacle_rows_carry_suggestions_and_perspectives(tool, lang: str) -> None:
    answers = {item.id: scored(5 if n % 2 == 0 else 1) for n, item in enumerate(tool.items)}
    session = with_answers(answers)
    report = build_report(tool, session, strings_for(lang))
    assert report.obstacles
    for row in report.obstacles:
        item = tool.item(row.id)
        assert row.title == item.loc("text", lang)
        assert row.part == tool.part_of(row.id).loc("title", lang)
        assert row.suggestions == [(x, tool.suggestion(x).loc("text", lang)) for x in item.suggestions]
        assert row.perspectives == [tool.perspective(p).loc("title", lang) for p in item.perspectives]
        assert all(text for _, text in row.suggestions)
    assert any(row.suggestions for row in report.obstacles)
    assert any(row.perspectives for row in report.obstacles)
    assert [r.id for r in report.obstacles] == ALTERNATING_OBSTACLES
    assert [r.id for r in report.strengths] == ALTERNATING_STRENGTHS


def test_report_other_notes_follow_overview_notes(tool) -> None:
    helpt = ids_of(tool, "helpt")
    report = build_report(tool, with_answers({helpt[0]: scored(3, "gaat wel")}), strings_for("nl"))
    assert report.other_remarks == [(helpt[0], tool.item(helpt[0]).text, "gaat wel")]


# answers in words, grouped suggestions, follow-ups ------------------------------


def test_rows_say_the_answer_with_the_scale_word(tool) -> None:
    answers = {
        "hindert.administratiesystemen": scored(1),
        "hindert.vervoer": scored(2),
        "helpt.urgentie": scored(1),
        "helpt.bevlogenheid": scored(4),
    }
    report = build_report(tool, with_answers(answers), strings_for("nl"))
    assert [(r.id, r.answer_text, r.answer_word) for r in report.absent] == [
        ("hindert.administratiesystemen", "antwoord 1: ‘Speelt niet’", "Speelt niet"),
        ("hindert.vervoer", "antwoord 2: ‘Speelt nauwelijks’", "Speelt nauwelijks"),
    ]
    assert [(r.answer_text, r.answer_word) for r in report.strengths] == [("antwoord 4: ‘Grotendeels’", "Grotendeels")]
    assert [(r.answer_text, r.answer_word) for r in report.obstacles] == [
        ("antwoord 1: ‘Helemaal niet’", "Helemaal niet")
    ]
    english = build_report(tool, with_answers(answers), strings_for("en"))
    assert [r.answer_word for r in english.absent] == ["Plays no role", "Hardly plays a role"]
    assert english.absent[0].answer_text == "answer 1: ‘Plays no role’"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_scale_part_has_a_word_for_each_answer_but_the_middle(tool, lang: str) -> None:
    for part in tool.scale_parts:
        item = part.items[0]
        words = [part.answer_word(item, score, lang) for score in range(1, SCALE_MAX + 1)]
        assert words[2] == "", part.id
        assert all(words[:2] + words[3:]), part.id
        assert len(set(words)) == SCALE_MAX, part.id
    hindert = part_of_id(tool, "hindert")
    assert [hindert.answer_word(hindert.items[0], s, "nl") for s in (1, 2)] == ["Speelt niet", "Speelt nauwelijks"]


def part_of_id(tool, part_id: str):
    return next(p for p in tool.scale_parts if p.id == part_id)


def test_suggestions_are_grouped_once_each(tool) -> None:
    answers = {
        "helpt.gedeelde-visie": scored(1),  # d, g
        "helpt.bestuurlijke-moed": scored(1),  # d, e
        "hindert.vervoer": scored(5),  # b
    }
    report = build_report(tool, with_answers(answers), strings_for("nl"))
    assert [(h.letter, h.label) for h in report.help] == [
        ("d", "naar bijlage 1 d — past bij 2 knelpunten"),
        ("b", "naar bijlage 1 b — past bij 1 knelpunt"),
        ("e", "naar bijlage 1 e — past bij 1 knelpunt"),
        ("g", "naar bijlage 1 g — past bij 1 knelpunt"),
    ]
    assert report.help[0].obstacles == ["helpt.gedeelde-visie", "helpt.bestuurlijke-moed"]
    english = build_report(tool, with_answers(answers), strings_for("en"))
    assert english.help[0].label == "adapted from appendix 1 d — fits 2 obstacles"
    assert english.help[1].label == "adapted from appendix 1 b — fits 1 obstacle"


def test_counts_are_singular_or_plural(tool) -> None:
    one_left = {item.id: scored(3) for item in tool.items[1:]}
    assert build_report(tool, with_answers(one_left), strings_for("nl")).unanswered_title == (
        "Nog niet beantwoord: 1 item"
    )
    assert (
        build_report(tool, with_answers({}), strings_for("nl")).unanswered_title
        == f"Nog niet beantwoord: {len(tool.items)} items"
    )
    assert (
        build_report(tool, with_answers({}), strings_for("en")).unanswered_title
        == f"Not answered yet: {len(tool.items)} items"
    )
    full = {item.id: scored(3) for item in tool.items}
    assert build_report(tool, with_answers(full), strings_for("en")).unanswered_title == "Not answered yet: 0 items"


def test_follow_up_says_what_moved_since_the_earlier_session(tool) -> None:
    helpt = ids_of(tool, "helpt")
    earlier = Session(
        id="s-earlier",
        title="Vorig jaar",
        created=T0,
        updated=T0,
        answers={helpt[0]: scored(2), helpt[1]: scored(3), helpt[2]: scored(5)} | {i: scored(3) for i in helpt[3:]},
    )
    now = with_answers(
        {helpt[0]: scored(5), helpt[1]: scored(3), helpt[2]: scored(1)} | {i: scored(3) for i in helpt[3:]}
    )
    now.follows = earlier.id
    report = build_report(tool, now, strings_for("nl"), earlier)
    row = report.parts[1]
    n = len(helpt)
    assert (row.id, row.change) == ("helpt", "down")
    assert (row.earlier_mean, row.mean) == ((10 + 3 * (n - 3)) / n, (9 + 3 * (n - 3)) / n)
    nl = strings_for("nl")
    assert row.earlier_mean is not None and row.mean is not None
    assert row.change_text == f"▼ {score_number(row.earlier_mean, nl)} → {score_number(row.mean, nl)}"
    assert [(r.id, r.change, r.change_text) for r in report.strengths] == [
        (helpt[0], "up", "▲ beter dan vorige keer (antwoord 2)")
    ]
    assert [(r.id, r.change, r.change_text) for r in report.obstacles] == [
        (helpt[2], "down", "▼ minder goed dan vorige keer (antwoord 5)")
    ]
    assert report.earlier_text == "Vergeleken met je vorige reflectie ‘Vorig jaar’ van 01-05-2024."
    later = with_answers({i: scored(5) for i in helpt})
    assert build_report(tool, later, strings_for("en"), earlier).parts[1].change_text == "▲ 3.1 → 5.0"
    lower = with_answers({i: scored(1) for i in helpt})
    assert build_report(tool, lower, strings_for("en"), earlier).parts[1].change_text == "▼ 3.1 → 1.0"
    # Two means that round to the same figure have not moved for the reader.
    close = with_answers(
        {helpt[0]: scored(2), helpt[1]: scored(3), helpt[2]: scored(5)} | {i: scored(3) for i in helpt[3:]}
    )
    assert build_report(tool, close, strings_for("nl"), earlier).parts[1].change_text == "= 3,1 → 3,1"
    assert build_report(tool, with_answers({}), strings_for("nl"), earlier).parts[1].change_text == ""
    assert build_report(tool, now, strings_for("nl")).parts[1].change_text == ""


def test_a_hindrance_that_got_worse_says_so(tool) -> None:
    """Answered 1 before (plays no role) and 5 now: higher answer, but the cooperation went down."""
    item = "hindert.vervoer"
    earlier = Session(id="s-earlier", title="Vorig jaar", created=T0, updated=T0, answers={item: scored(1)})
    report = build_report(tool, with_answers({item: scored(5)}), strings_for("en"), earlier)
    assert [(r.id, r.change_text) for r in report.obstacles] == [(item, "▼ worse than last time (answer 1)")]
