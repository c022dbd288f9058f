"""Steward's bundled files, found the same way from a checkout, an installed wheel and a
frozen build: through importlib.resources, never through paths relative to the source."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    node: Traversable = files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
