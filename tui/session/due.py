"""When a next step is due: a date read from what the user typed, and whether it has passed.

A step keeps its "when" as typed; when that text names a date, the date is kept beside it
(`NextStep.due`), so the overview can say which open steps are overdue. Pure Python, no
Textual; "today" is always passed in, so tests can fix it (`today()` is the one clock).

Understood, in Dutch and English alike (month names of both, and their short forms):
"1 maart", "1 maart 2027", "maart 2027", "maart", "2027-03-01", "01-03-2027", "1-3-2027",
"1/3/27", "1-3", "1 March", "March 1, 2027", "March 2027". Day before month in numbers,
as both languages write it here. Anything else is not a date, and stays only as typed.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from tui.core.plain import record

MONTHS: dict[str, int] = {
    **{
        name: n
        for n, names in enumerate(
            [
                ("januari", "january", "jan"),
                ("februari", "february", "feb", "febr"),
                ("maart", "march", "mrt", "mar", "maa"),
                ("april", "apr"),
                ("mei", "may"),
                ("juni", "june", "jun"),
                ("juli", "july", "jul"),
                ("augustus", "august", "aug"),
                ("september", "sep", "sept"),
                ("oktober", "october", "okt", "oct"),
                ("november", "nov"),
                ("december", "dec"),
            ],
            start=1,
        )
        for name in names
    }
}
"""Month names and their usual short forms in Dutch and English; one table, no clash between them."""

MONTH_NAMES = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

FIRST_YEAR, LAST_YEAR = 2000, 2999
"""A step is planned in this century or later: another year is more likely a typo than a plan."""

MAX_TEXT = 60
"""Longer text is not a date (and is never run through the patterns)."""

_DIGITS = "[0-9]"  # not \d: that also matches other scripts' digits, which int() would take
_DAY = rf"({_DIGITS}{{1,2}})(?:e|ste|de|st|nd|rd|th)?"
_YEAR = rf"(?:\s+({_DIGITS}{{4}}))?"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """ISO, numeric, day-month, month-day and month alone; compiled when a date is first read (1 ms of a start)."""
    return (
        re.compile(rf"({_DIGITS}{{4}})-({_DIGITS}{{1,2}})-({_DIGITS}{{1,2}})"),
        re.compile(rf"({_DIGITS}{{1,2}})[-/.]({_DIGITS}{{1,2}})(?:[-/.]({_DIGITS}{{2}}|{_DIGITS}{{4}}))?"),
        re.compile(rf"{_DAY}\s+([a-z]+){_YEAR}"),
        re.compile(rf"([a-z]+)\s+{_DAY}(?:\s*,?\s+({_DIGITS}{{4}}))?"),
        re.compile(rf"([a-z]+){_YEAR}"),
    )


@record(frozen=True)
class Due:
    """A date read from text: the day, or (`whole_month`) the month, with its last day as the date."""

    date: date
    whole_month: bool = False


def today() -> date:
    """The local date now: the one clock of due dates (tests pass their own `today` instead)."""
    return date.today()


def parse_due(text: str, today: date) -> Due | None:
    """The date `text` names, or None when it names none (then the text is kept only as typed).

    A date without a year is the next such date from `today` on (a step is planned ahead):
    on 2 March, "1 maart" is 1 March next year. A month without a day ("maart 2027") means
    the end of that month: the step is overdue only once the month is over.
    """
    if len(text) > MAX_TEXT:
        return None
    typed = " ".join(text.casefold().replace(".", " ").replace(",", " , ").split()).replace(" ,", ",")
    typed = typed.strip(" ,")
    if not typed:
        return None
    compact = text.strip()
    iso, numeric, day_month, month_day, month_alone = _patterns()
    if m := iso.fullmatch(compact):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := numeric.fullmatch(compact):
        return _dated(int(m[1]), int(m[2]), _year(m[3]), today)
    if m := day_month.fullmatch(typed):
        return _named(int(m[1]), m[2], m[3], today)
    if m := month_day.fullmatch(typed.replace(",", "")):
        return _named(int(m[2]), m[1], m[3], today)
    if m := month_alone.fullmatch(typed):
        month = MONTHS.get(m[1])
        if month is None:
            return None
        year = int(m[2]) if m[2] else None
        return _whole_month(month, year, today)
    return None


def _year(digits: str | None) -> int | None:
    if digits is None:
        return None
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _day(year: int, month: int, day: int) -> Due | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return Due(date(year, month, day))
    except ValueError:  # 31 februari, month 13
        return None


def _dated(day: int, month: int, year: int | None, today: date) -> Due | None:
    if year is not None:
        return _day(year, month, day)
    for candidate in range(today.year, today.year + 9):  # 29 February: the next leap year
        due = _day(candidate, month, day)
        if due is not None and due.date >= today:
            return due
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
    return None


def _named(day: int, name: str, year: str | None, today: date) -> Due | None:
    month = MONTHS.get(name)
    if month is None:
        return None
    return _dated(day, month, int(year) if year else None, today)


def _whole_month(month: int, year: int | None, today: date) -> Due | None:
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    import calendar  # not at start: only a due date of a whole month needs it

    return Due(date(year, month, calendar.monthrange(year, month)[1]), whole_month=True)


def is_overdue(due: date | None, done: bool, today: date) -> bool:
    """An open step whose date has passed; a done step, or one without a date, never is."""
    return not done and due is not None and due < today


def due_text(due: date, whole_month: bool, language: str) -> str:
    """'1 maart 2027' / '1 March 2027', or 'maart 2027' for a whole month: how a due date is shown."""
    month = MONTH_NAMES.get(language, MONTH_NAMES["nl"])[due.month - 1]
    return f"{month} {due.year}" if whole_month else f"{due.day} {month} {due.year}"


def fixed_due(text: str) -> Due | None:
    """The date `text` names whatever day it is: only a date with its year.

    For files written before dates were read: the day a year-less date was typed is not known.
    """
    early = parse_due(text, date(FIRST_YEAR, 1, 1))
    return early if early is not None and early == parse_due(text, date(LAST_YEAR, 1, 1)) else None


def when_shown(when: str, due: date | None, language: str) -> str:
    """A step's 'when' as every view shows it: its date in words ('1 maart 2027'), or the text as typed.

    The typed text is read again on its own date to know whether it named a whole month.
    """
    if due is None:
        return when
    again = parse_due(when, due)
    return due_text(due, again is not None and again.date == due and again.whole_month, language)
