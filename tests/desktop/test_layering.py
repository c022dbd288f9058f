"""The engine imports no widgets and nothing from ui/: it must run without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import desktop

ENGINE = Path(desktop.__file__).parent
FORBIDDEN = ("ui", "PySide6.QtWidgets", "PySide6.QtGui")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "PySide6":
                names += [f"PySide6.{alias.name}" for alias in node.names]
    return names


def test_no_engine_module_names_a_widget_or_ui_import() -> None:
    offenders = [
        f"{path.relative_to(ENGINE)}: {name}"
        for path in ENGINE.rglob("*.py")
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert offenders == []


def test_importing_the_whole_engine_loads_no_widgets() -> None:
    modules = sorted(
        "desktop." + ".".join(path.relative_to(ENGINE).with_suffix("").parts)
        for path in ENGINE.rglob("*.py")
        if path.name != "__init__.py" and "migrations" not in path.parts
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'ui' or m.startswith('ui.')"
        " or m.startswith('PySide6.QtWidgets') or m.startswith('PySide6.QtGui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) > 10
