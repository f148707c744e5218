"""How a score is shown: one decimal, rounded as people round, with the language's decimal sign.

Every place that shows a part's score (the overview, every export, the comparison, the
follow-up's changes) goes through `score_number`, so the screen and the spreadsheet can
never disagree on a figure: 41/13 = 3.1538… is '3,2' in Dutch and '3.2' in English, and
3.25 is '3,3' (half up, not Python's half to even on a binary float).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content.i18n import Strings


def one_decimal(value: float, separator: str = ".") -> str:
    """`value` rounded half up to one decimal, written with `separator`."""
    text = str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return text.replace(".", separator)


def score_number(value: float, strings: Strings) -> str:
    """A score in the language of `strings`: '3,4' in Dutch, '3.4' in English."""
    return one_decimal(value, strings("number.decimal"))
