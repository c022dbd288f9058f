"""The linters run as part of the suite, so CI holds every change to them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "desktop", "ui", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_engine_is_strictly_typed() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
