"""Shared pieces of the content's classes: two-language text on plain, validated data."""

from __future__ import annotations

from tui.core.plain import Plain

LANGUAGES = ("nl", "en")


class Content(Plain):
    """Content as validated (tui.content.schema says what each field must be): plain data, read-only."""

    __slots__ = ()

    def loc(self, field: str, lang: str) -> str:
        """The field in `lang`, falling back to Dutch when no translation is written."""
        if lang != "nl":
            translated = getattr(self, f"{field}_{lang}", None)
            if translated:
                return str(translated)
        return str(getattr(self, field) or "")
