"""Why something could not be done, said in no language yet.

The domain (limits, the editor, the store) does not know the interface's language.
It hands out a `Reason`: a key of content/strings.toml and the values to fill in.
Whoever shows it has a `Strings` object and calls `reason.text(strings)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from tui.core.plain import record

if TYPE_CHECKING:
    from tui.content.i18n import Strings

PLAIN = ""
"""The key of a reason that is already worded (a file's own problem): shown as it is."""


@record(frozen=True)
class Reason:
    """A text of strings.toml with its values; a value may itself be a Reason."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def plain(cls, text: str) -> Reason:
        """Text that is already worded and needs no translation."""
        return cls(PLAIN, {"text": text})

    def text(self, strings: Strings) -> str:
        """The reason in the language of `strings`."""
        if self.key == PLAIN:
            return str(self.values["text"])
        values = {
            name: value.text(strings) if isinstance(value, Reason) else value for name, value in self.values.items()
        }
        return strings(self.key, **values)

    def __str__(self) -> str:
        """In English, for logs and exception messages; the interface uses `text(strings)`."""
        from tui.content.i18n import strings_for

        return self.text(strings_for("en"))
