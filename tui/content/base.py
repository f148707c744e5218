"""Shared pieces of the content models: strictness and two-language text."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

LANGUAGES = ("nl", "en")


class ContentModel(BaseModel):
    """Content is edited by hand: unknown keys are typos, so they are refused.

    The validators are built when content is first validated, not when this module is
    imported: a start that finds the content in the cache (tui.content.cache) never needs them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

    def loc(self, field: str, lang: str) -> str:
        """The field in `lang`, falling back to Dutch when no translation is written."""
        if lang != "nl":
            translated = getattr(self, f"{field}_{lang}", None)
            if translated:
                return str(translated)
        return str(getattr(self, field) or "")
