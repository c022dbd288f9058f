"""Checking a handover packet against its published JSON Schema, on export and on import."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from desktop.handover.packet import FORMAT, VERSION

SCHEMA_FILE = f"handover-v{VERSION}.schema.json"


class HandoverError(ValueError):
    """A packet that cannot be read or imported; the message is for the user."""


@cache
def _validator() -> Draft202012Validator:
    text = resources.files("desktop.handover").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema() -> dict[str, Any]:
    loaded = _validator().schema
    assert isinstance(loaded, dict)
    return dict(loaded)


def check_packet(data: Any) -> dict[str, Any]:
    """The packet if it is one this Steward can read; HandoverError saying why otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HandoverError("This file is not a Steward handover packet.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandoverError("The handover packet is damaged: its format version is missing.")
    if version > VERSION:
        raise HandoverError(
            f"This handover packet was written by a newer Steward (packet format {version}); "
            f"this Steward reads format {VERSION}. Update Steward on this workstation to "
            "import it."
        )
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise HandoverError(f"The handover packet is damaged ({where}: {_short(error.message)}).")
    return data


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def parse_packet(text: str) -> dict[str, Any]:
    """Read a packet file's text: JSON, then checked."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise HandoverError(
            f"The handover packet is not valid JSON (line {error.lineno}, column {error.colno})."
        ) from None
    return check_packet(data)
