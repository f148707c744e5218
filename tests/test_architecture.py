"""The content, session and report layers work without Textual (text commands stay fast)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ALWAYS = ["tui.content", "tui.session", "tui.session.editor", "tui.i18n", "tui.paths", "tui.errors"]
IF_PRESENT = ["tui.scoring", "tui.export", "tui.compare"]


def modules() -> list[str]:
    return ALWAYS + [name for name in IF_PRESENT if importlib.util.find_spec(name) is not None]


def test_core_modules_do_not_import_textual():
    names = modules()
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'textual' not in sys.modules, f'importing {name} pulled in textual'\n"
        "from tui.content import load_note, load_tool\n"
        "load_note(); load_tool()\n"
        "assert 'textual' not in sys.modules, 'loading the content pulled in textual'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _source(folder: str) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in (ROOT / "tui" / folder).glob("*.py")}


def test_widgets_do_not_import_screens():
    for name, text in _source("widgets").items():
        assert "tui.screens" not in text, name


def test_screens_and_widgets_take_content_and_words_from_the_app():
    """No cached module-level loaders, no global language: the factory hands them in."""
    for name, text in {**_source("screens"), **_source("widgets")}.items():
        for forbidden in ("load_tool(", "load_note(", "load_strings(", "from tui.i18n import t", "language()"):
            assert forbidden not in text, (name, forbidden)


def test_no_probing_between_app_screens_and_widgets():
    files = {**_source("screens"), **_source("widgets")}
    files["tui/app.py"] = (ROOT / "tui" / "app.py").read_text("utf-8")
    files["tui/commands.py"] = (ROOT / "tui" / "commands.py").read_text("utf-8")
    for name, text in files.items():
        assert "hasattr(" not in text, name
        assert "getattr(screen" not in text and "getattr(self.app" not in text, name
