"""Below the app nothing loads Textual when it runs (text commands stay fast).

Which layer may import which is import-linter's contract in pyproject.toml (`lint-imports`,
run by .ci/run); this test checks what an import actually pulls in at run time.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ALWAYS = ["tui.content", "tui.session", "tui.session.editor", "tui.content.i18n", "tui.core.paths", "tui.core.errors"]
IF_PRESENT = ["tui.views.scoring", "tui.render.export", "tui.views.compare", "tui.render.office", "tui.room.store"]


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


def test_no_test_module_imports_another() -> None:
    """What tests share lives in tests/helpers; a test module is never imported (its tests would run twice)."""
    import ast

    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            assert not any(n.startswith("tests.test_") for n in names), (path.name, names)
