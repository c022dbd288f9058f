"""The Telegram Bot API as its machine-readable spec describes it, for the fake server.

Loads tests/data/specs/telegram/api.json (every method with its fields, every type with its
fields) and checks one call to /bot{token}/{method}: the method exists, every required field is
given, no field is unknown, and each value has a type the spec declares (Integer, String,
Boolean, Float, "Array of X", and objects such as ReplyParameters, which a form or query sends
JSON-serialised). It also checks the objects the fake answers with (Update, Message, Chat...)
against the spec's types, so the fake cannot drift from what Telegram sends.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from tests.fakes.http import SpecViolation
from tests.fakes.specs import SPECS

SPEC_PATH = SPECS / "telegram" / "api.json"
PRIMITIVES = ("Integer", "String", "Boolean", "Float")
_INTEGER = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def method_fields(method: str) -> dict[str, dict[str, Any]]:
    """The fields of `method` by name; SpecViolation if the spec has no such method."""
    methods = spec()["methods"]
    if method not in methods:
        raise SpecViolation(f"the Bot API has no method {method!r}")
    return {f["name"]: f for f in methods[method].get("fields", [])}


def check_call(method: str, params: dict[str, Any], textual: frozenset[str] = frozenset()) -> None:
    """Check the parameters of one call. The names in `textual` came from a query or a form,
    so their values are strings; the others came from a JSON body and keep their JSON types."""
    fields = method_fields(method)
    for name in params:
        if name not in fields:
            raise SpecViolation(f"{method} has no parameter {name!r}")
    for name, field in fields.items():
        if field["required"] and name not in params:
            raise SpecViolation(f"{method} needs {name!r}")
    for name, value in params.items():
        types = fields[name]["types"]
        from_json = name not in textual
        if not any(_accepts(t, value, from_json=from_json) for t in types):
            raise SpecViolation(
                f"{method}: {name}={value!r} is not of the declared type {' or '.join(types)}"
            )


def _accepts(type_name: str, value: Any, *, from_json: bool) -> bool:
    if not from_json and isinstance(value, str) and type_name not in PRIMITIVES:
        # Arrays and objects travel JSON-serialised in a query or a form.
        try:
            value = json.loads(value)
        except ValueError:
            return False
        from_json = True
    if not from_json:
        return _primitive_text(type_name, value)
    try:
        check_value(type_name, value, "")
    except SpecViolation:
        return False
    return True


def _primitive_text(type_name: str, value: Any) -> bool:
    text = str(value)
    if type_name == "Integer":
        return bool(_INTEGER.fullmatch(text))
    if type_name == "Float":
        return bool(_FLOAT.fullmatch(text))
    if type_name == "Boolean":
        return text.lower() in ("true", "false")
    return type_name == "String"


def check_value(type_name: str, value: Any, where: str) -> None:
    """Check a decoded JSON value against one declared type (recursively for objects)."""
    if type_name.startswith("Array of "):
        if not isinstance(value, list):
            raise SpecViolation(f"{where or 'value'} should be an array ({type_name})")
        for n, element in enumerate(value):
            check_value(type_name[len("Array of ") :], element, f"{where}[{n}]")
        return
    if type_name == "Integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif type_name == "Float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif type_name == "Boolean":
        ok = isinstance(value, bool)
    elif type_name == "String":
        ok = isinstance(value, str)
    else:
        check_object(type_name, value, where)
        return
    if not ok:
        raise SpecViolation(f"{where or 'value'}={value!r} is not {type_name}")


def check_object(type_name: str, value: Any, where: str = "") -> None:
    """Check an object against a spec type: only declared fields, the required ones present,
    each of a declared type. A type with subtypes (ChatMember, MessageOrigin...) accepts any
    one of them."""
    types = spec()["types"]
    if type_name not in types:
        raise SpecViolation(f"the Bot API has no type {type_name!r}")
    declared = types[type_name]
    label = where or type_name
    if "subtypes" in declared:
        problems = []
        for subtype in declared["subtypes"]:
            try:
                check_value(subtype, value, where)
            except SpecViolation as problem:
                problems.append(str(problem))
            else:
                return
        raise SpecViolation(f"{label} is none of {type_name}'s kinds: {'; '.join(problems)}")
    if not isinstance(value, dict):
        raise SpecViolation(f"{label} should be a {type_name} object")
    fields = {f["name"]: f for f in declared.get("fields", [])}
    for name in value:
        if name not in fields:
            raise SpecViolation(f"{type_name} has no field {name!r} ({label})")
    for name, field in fields.items():
        if field["required"] and name not in value:
            raise SpecViolation(f"{type_name} needs {name!r} ({label})")
    for name, element in value.items():
        options = fields[name]["types"]
        problems = []
        for option in options:
            try:
                check_value(option, element, f"{label}.{name}")
            except SpecViolation as problem:
                problems.append(str(problem))
            else:
                break
        else:
            raise SpecViolation("; ".join(problems))


def check_result(method: str, result: Any) -> None:
    """Check what a method answers with against its declared return types."""
    returns = spec()["methods"][method]["returns"]
    problems = []
    for option in returns:
        try:
            check_value(option, result, f"{method} result")
        except SpecViolation as problem:
            problems.append(str(problem))
        else:
            return
    raise SpecViolation("; ".join(problems))
