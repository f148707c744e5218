"""The overview of a session rendered: Markdown, CSV, JSON, HTML, and text for a terminal or a screen.

Every renderer takes a `tui.views.report.Report` and nothing else: the report holds the
content's text and the interface's words in one language, so a renderer cannot mix
two. The sections are described once (`tui.render.overview`); each format renders that
description in a module of its own (`overview_markdown`, `overview_html`, `overview_csv`,
`overview_json`, `overview_text`). This module is the door the command line, the overview
screen and the export picker use. No Textual, and light to import: the command line reads
FORMATS before anything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.text import escape_json, visible
from tui.render.overview import SIGNAL_DASH, made_line, signal_lead
from tui.render.overview_csv import CSV_COLUMNS, CSV_HEADERS, to_csv, to_csv_rfc
from tui.render.overview_html import to_html
from tui.render.overview_json import to_json
from tui.render.overview_markdown import to_markdown
from tui.render.overview_text import TEXT_BAR, TEXT_SECTIONS, UNANSWERED_SHOWN, step_table, to_text

if TYPE_CHECKING:
    from tui.views.report import Report

__all__ = [
    "BINARY_FORMATS",
    "CSV_COLUMNS",
    "CSV_HEADERS",
    "EXPORT_FORMATS",
    "FORMATS",
    "RENDERERS",
    "SIGNAL_DASH",
    "TEXT_BAR",
    "TEXT_SECTIONS",
    "UNANSWERED_SHOWN",
    "export",
    "for_terminal",
    "made_line",
    "signal_lead",
    "step_table",
    "to_csv",
    "to_csv_rfc",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
]


def export(report: Report, fmt: str) -> str:
    """The report as a file in format `fmt` (one of FORMATS), faithful to what was typed."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](report)


def for_terminal(text: str, fmt: str) -> str:
    """An export about to be written to a terminal (not a file or pipe): nothing in it can steer the terminal.

    JSON keeps its meaning exactly (dangerous characters become \\uXXXX escapes); the other
    formats show them as visible stand-ins (see `tui.core.text.visible`).
    """
    return escape_json(text) if fmt == "json" else visible(text)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "md": to_markdown,
    "html": to_html,
    "csv": to_csv,
    "csv-rfc": to_csv_rfc,
    "json": to_json,
}
"""Every text format of the overview: what `export` renders."""

FORMATS: tuple[str, ...] = tuple(RENDERERS)
"""The text formats, which `export` renders and a terminal can be shown (see `for_terminal`)."""

BINARY_FORMATS: tuple[str, ...] = ("xlsx",)
"""Formats that are bytes, not text: `tui.render.office.export_bytes` renders them, never for a terminal."""

EXPORT_FORMATS: tuple[str, ...] = ("md", "html", "xlsx", "csv", "csv-rfc", "json")
"""The one list of export formats, in the order the export picker offers them: the command line's
--format and the export picker use it (every one of FORMATS and BINARY_FORMATS)."""
