"""Due dates read from what a user types for a next step: Dutch, English, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from tui.session.due import Due, due_text, is_overdue, parse_due

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 maart", Due(date(2027, 3, 1))),
        ("1 maart 2027", Due(date(2027, 3, 1))),
        ("1 Maart 2028", Due(date(2028, 3, 1))),
        ("  1   maart  ", Due(date(2027, 3, 1))),
        ("1 mrt.", Due(date(2027, 3, 1))),
        ("1e maart", Due(date(2027, 3, 1))),
        ("15 december", Due(date(2026, 12, 15))),
        ("2 december", Due(date(2026, 12, 2))),  # today is not overdue: this year
        ("1 december", Due(date(2027, 12, 1))),  # yesterday: next year
        ("maart 2027", Due(date(2027, 3, 31), whole_month=True)),
        ("februari 2028", Due(date(2028, 2, 29), whole_month=True)),
        ("maart", Due(date(2027, 3, 31), whole_month=True)),
        ("december", Due(date(2026, 12, 31), whole_month=True)),
        ("november", Due(date(2027, 11, 30), whole_month=True)),
        ("2027-03-01", Due(date(2027, 3, 1))),
        ("2025-03-01", Due(date(2025, 3, 1))),  # a year given is kept, even in the past
        ("01-03-2027", Due(date(2027, 3, 1))),
        ("1-3-2027", Due(date(2027, 3, 1))),
        ("1/3/2027", Due(date(2027, 3, 1))),
        ("1.3.2027", Due(date(2027, 3, 1))),
        ("1-3-27", Due(date(2027, 3, 1))),
        ("1-3", Due(date(2027, 3, 1))),
        ("31-12", Due(date(2026, 12, 31))),
        ("29 februari", Due(date(2028, 2, 29))),
        ("1 March", Due(date(2027, 3, 1))),
        ("1st March 2027", Due(date(2027, 3, 1))),
        ("March 1", Due(date(2027, 3, 1))),
        ("March 1, 2027", Due(date(2027, 3, 1))),
        ("March 2027", Due(date(2027, 3, 31), whole_month=True)),
        ("may", Due(date(2027, 5, 31), whole_month=True)),
        ("1 mei", Due(date(2027, 5, 1))),
        ("Sept 2027", Due(date(2027, 9, 30), whole_month=True)),
        ("3 okt", Due(date(2027, 10, 3))),
        ("3 Oct.", Due(date(2027, 10, 3))),
    ],
)
def test_dates_are_read(typed: str, expected: Due) -> None:
    assert parse_due(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "voor de zomer",
        "na de kerstvakantie",
        "binnenkort",
        "asap",
        "Q1 2027",
        "31 februari",
        "31 februari 2027",
        "30-02-2027",
        "2027-02-30",
        "2027-13-01",
        "13-13",
        "0-3",
        "1 maart 1999",
        "1 maart 3000",
        "1 foo",
        "foo 2027",
        "1 2 3 4",
        "2027",
        "12",
        "1 maart 2027 of later",
        "1 maart\n2027x",
        "١ maart",  # Arabic-Indic digit: not a digit here
        "１-３-２０２７",  # full-width digits
        "1 maart " + "9" * 5000,
        "x" * 10_000,
        "\x1b[31m1 maart",
        "1\u200b maart",
        "-1 maart",
        "1--3",
        "2027-3",
        "1 maart, 2027, 2028",
        "99999999999999999999-1-1",
    ],
)
def test_anything_else_is_not_a_date(typed: str) -> None:
    assert parse_due(typed, TODAY) is None


def test_a_yearless_date_is_planned_ahead_from_any_today() -> None:
    for day in range(365):
        today = date.fromordinal(date(2026, 1, 1).toordinal() + day)
        due = parse_due("1 maart", today)
        assert due is not None and due.date >= today and (due.date - today).days < 366


def test_overdue_means_open_and_past() -> None:
    assert is_overdue(date(2026, 12, 1), False, TODAY)
    assert not is_overdue(date(2026, 12, 2), False, TODAY)
    assert not is_overdue(date(2026, 12, 1), True, TODAY)
    assert not is_overdue(None, False, TODAY)
    month = parse_due("november 2026", TODAY)
    assert month is not None and is_overdue(month.date, False, TODAY)
    december = parse_due("december 2026", TODAY)
    assert december is not None and not is_overdue(december.date, False, date(2026, 12, 31))
    assert is_overdue(december.date, False, date(2027, 1, 1))


def test_due_text_in_both_languages() -> None:
    assert due_text(date(2027, 3, 1), False, "nl") == "1 maart 2027"
    assert due_text(date(2027, 3, 31), True, "nl") == "maart 2027"
    assert due_text(date(2027, 3, 1), False, "en") == "1 March 2027"
    assert due_text(date(2027, 3, 31), True, "en") == "March 2027"


# the session file: format 3 files get their dates, nothing typed is lost --------------------------


def format_3(steps: str) -> bytes:
    head = (
        'schema_version = 3\nid = "regio-a1b2c3"\ntitle = "Regio"\n'
        "created = 2024-03-01T09:00:00Z\nupdated = 2024-03-02T09:00:00Z\n"
    )
    return (head + steps).encode()


def test_a_format_3_file_gets_the_dates_its_whens_name_with_a_year() -> None:
    from tui.session.codec import dump, parse

    raw = format_3(
        '[[next_steps]]\nid = "s1"\ntext = "a"\nwhen = "2024-04-15"\n'
        '[[next_steps]]\nid = "s2"\ntext = "b"\nwhen = "maart 2025"\n'
        '[[next_steps]]\nid = "s3"\ntext = "c"\nwhen = "1 april"\n'
        '[[next_steps]]\nid = "s4"\ntext = "d"\nwhen = "voor de zomer"\n'
    )
    session = parse(raw, "regio.toml")
    assert [(s.when, s.due) for s in session.next_steps] == [
        ("2024-04-15", date(2024, 4, 15)),
        ("maart 2025", date(2025, 3, 31)),
        ("1 april", None),  # the day it was typed is not known: no guessed year
        ("voor de zomer", None),
    ]
    assert parse(dump(session), "regio.toml") == session  # and it reads back the same in format 4
    assert b"schema_version = 4" in dump(session)


@pytest.mark.parametrize(
    "steps",
    [
        'next_steps = "not a list"\n',
        "next_steps = [1, 2]\n",
        '[[next_steps]]\nid = "s1"\ntext = "a"\nwhen = 2024-04-15\n',
        '[[next_steps]]\nid = "s1"\ntext = "a"\nwhen = "1 maart 2027"\ndue = "morgen"\n',
    ],
)
def test_a_step_not_shaped_like_one_is_a_named_error_not_a_crash(steps: str) -> None:
    from tui.core.errors import SessionFileError
    from tui.session.codec import parse

    with pytest.raises(SessionFileError):
        parse(format_3(steps), "regio.toml")


def test_a_hand_written_due_is_kept_as_written() -> None:
    from tui.session.codec import parse

    raw = format_3('[[next_steps]]\nid = "s1"\ntext = "a"\nwhen = "1 maart 2027"\ndue = 2027-02-01\n')
    assert parse(raw, "regio.toml").next_steps[0].due == date(2027, 2, 1)
