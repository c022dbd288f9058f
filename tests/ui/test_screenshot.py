"""`steward --demo --screenshot FILE.png` renders the filled window, for docs and checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_demo_screenshot_shows_the_filled_window(tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    env = {**os.environ, "STEWARD_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.main",
            "--demo",
            "--screenshot",
            str(out),
            "--theme",
            "dark",
            "--language",
            "ru",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1480, 900)
    # Dark theme: the window background is dark; the inbox holds many distinct colours.
    background = image.pixelColor(5, image.height() - 5)
    assert background.lightness() < 80
    colours = {image.pixel(x, y) for x in range(0, 1480, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50
