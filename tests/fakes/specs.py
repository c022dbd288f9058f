"""Where the platforms' own machine-readable specs are: tests/data/specs/, copied from their
public repositories with their licenses (see the README there). The fakes load them at run time
to check every request a connector makes."""

from __future__ import annotations

from pathlib import Path

SPECS = Path(__file__).resolve().parents[1] / "data" / "specs"
