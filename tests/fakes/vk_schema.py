"""VK API 5.199 as its official JSON schema describes it (VKCOM/vk-api-schema, kept in
tests/data/specs/vk): the fake VK server checks every call against the methods' parameter
lists, and the tests check the fake's own answers against the documented response schemas.

The schema files are loaded when first needed; nothing about the methods is written out here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.jsonschema
from jsonschema import validators

from tests.fakes.http import SpecViolation
from tests.fakes.specs import SPECS

SPEC_ROOT = SPECS / "vk"
API_VERSION = "5.199"
METHOD_GROUPS = ("wall", "groups", "users")
# Sent with every call and not listed among any method's parameters.
COMMON_PARAMETERS = {"access_token", "v"}
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@cache
def methods() -> dict[str, dict[str, Any]]:
    """Every method of the loaded groups by name (e.g. "wall.getComments")."""
    found: dict[str, dict[str, Any]] = {}
    for group in METHOD_GROUPS:
        document = json.loads((SPEC_ROOT / group / "methods.json").read_text("utf-8"))
        for method in document["methods"]:
            found[method["name"]] = method
    return found


@cache
def error_codes() -> dict[int, str]:
    """errors.json: each documented error code with its description."""
    document = json.loads((SPEC_ROOT / "errors.json").read_text("utf-8"))
    return {int(e["code"]): str(e["description"]) for e in document["errors"].values()}


def method_error_codes(name: str) -> set[int]:
    """The error codes the schema lists for one method (besides the global ones)."""
    codes: set[int] = set()
    by_key = json.loads((SPEC_ROOT / "errors.json").read_text("utf-8"))["errors"]
    for ref in methods()[name].get("errors", []):
        key = ref["$ref"].rsplit("/", 1)[-1]
        codes.add(int(by_key[key]["code"]))
    return codes


# -- requests ------------------------------------------------------------------------------


def check_call(name: str, params: Mapping[str, str]) -> None:
    """Raise SpecViolation unless `params` is a call of method `name` that the schema allows:
    the method exists, `v` is the version the schema describes, every required parameter is
    there, nothing undeclared is sent, and each value has the declared type, enum and range."""
    method = methods().get(name)
    if method is None:
        raise SpecViolation(f"{name} is not a method of the VK API schema")
    if params.get("v") != API_VERSION:
        raise SpecViolation(f"{name}: v must be {API_VERSION}, got {params.get('v')!r}")
    declared = {p["name"]: p for p in method.get("parameters", [])}
    for parameter in declared.values():
        if parameter.get("required") and parameter["name"] not in params:
            raise SpecViolation(f"{name}: the required parameter {parameter['name']!r} is missing")
    for key, value in params.items():
        if key in COMMON_PARAMETERS:
            continue
        if key not in declared:
            raise SpecViolation(f"{name}: {key!r} is not a parameter of this method")
        _check_value(f"{name}: {key}", _resolved(declared[key]), value)


def _check_value(where: str, spec: Mapping[str, Any], value: str) -> None:
    kind = spec.get("type", "string")
    kinds = kind if isinstance(kind, list) else [kind]
    if "array" in kinds:
        items = value.split(",") if value != "" else []
        if "maxItems" in spec and len(items) > int(spec["maxItems"]):
            raise SpecViolation(f"{where}: more than {spec['maxItems']} values")
        item_spec = _resolved(spec.get("items", {}))
        for item in items:
            _check_value(where, item_spec, item)
        return
    if "integer" in kinds and "string" not in kinds:
        if not _INTEGER.fullmatch(value):
            raise SpecViolation(f"{where}: {value!r} is not an integer")
        number = int(value)
        if "minimum" in spec and number < spec["minimum"]:
            raise SpecViolation(f"{where}: {number} is below the minimum {spec['minimum']}")
        if "maximum" in spec and number > spec["maximum"]:
            raise SpecViolation(f"{where}: {number} is above the maximum {spec['maximum']}")
    if "number" in kinds and "string" not in kinds and not _NUMBER.fullmatch(value):
        raise SpecViolation(f"{where}: {value!r} is not a number")
    if "boolean" in kinds and value not in ("0", "1"):
        raise SpecViolation(f"{where}: {value!r} is not a boolean (0 or 1)")
    if "enum" in spec and value not in {str(option) for option in spec["enum"]}:
        options = spec["enum"] if len(spec["enum"]) <= 12 else "the documented values"
        raise SpecViolation(f"{where}: {value!r} is not one of {options}")
    if "maxLength" in spec and len(value) > int(spec["maxLength"]):
        raise SpecViolation(f"{where}: longer than {spec['maxLength']} characters")


def _resolved(spec: Mapping[str, Any]) -> Mapping[str, Any]:
    """A parameter's spec with its `$ref` (an enum defined among the objects) merged in."""
    ref = spec.get("$ref")
    if not ref:
        return spec
    path, _, pointer = ref.partition("#")
    document = json.loads((SPEC_ROOT / "wall" / path).resolve().read_text("utf-8"))
    target: Any = document
    for part in pointer.strip("/").split("/"):
        target = target[part]
    merged = {**_resolved(target), **{k: v for k, v in spec.items() if k != "$ref"}}
    return merged


# -- responses -----------------------------------------------------------------------------


def _retrieve(uri: str) -> referencing.Resource[Any]:
    path = Path(uri.removeprefix("file://")).resolve()
    if SPEC_ROOT.resolve() not in path.parents:
        raise referencing.exceptions.NoSuchResource(ref=uri)
    contents = json.loads(path.read_text("utf-8"))
    return referencing.jsonschema.DRAFT7.create_resource(contents)


def _properties(
    validator: Any, properties: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """Draft 7's `properties`, plus the schema's own convention of `"required": true` on a
    property (draft 3 style) instead of a `required` list on the object."""
    yield from validators.Draft7Validator.VALIDATORS["properties"](
        validator, properties, instance, schema
    )
    if not validator.is_type(instance, "object"):
        return
    for name, subschema in properties.items():
        required = isinstance(subschema, dict) and subschema.get("required") is True
        if required and name not in instance:
            yield jsonschema.ValidationError(f"{name!r} is a required property")


def _required(
    validator: Any, required: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if isinstance(required, bool):
        return  # a property's own flag, checked by _properties on the parent object
    yield from validators.Draft7Validator.VALIDATORS["required"](
        validator, required, instance, schema
    )


_SchemaValidator = validators.extend(
    validators.Draft7Validator, {"properties": _properties, "required": _required}
)


@cache
def _registry() -> referencing.Registry[Any]:
    return referencing.Registry(retrieve=_retrieve)  # type: ignore[call-arg]


@cache
def _response_validator(name: str, extended: bool) -> Any:
    responses = methods()[name]["responses"]
    entry = responses.get("extendedResponse") if extended else None
    ref = (entry or responses["response"])["$ref"]
    base = (SPEC_ROOT / "wall").resolve().as_uri() + "/"
    schema = {"$ref": base + ref}
    return _SchemaValidator(schema, registry=_registry())


def response_problems(name: str, body: Any, *, extended: bool = False) -> list[str]:
    """Where `body` (the whole answer, {"response": ...}) departs from the schema of method
    `name`'s response; empty when it fits."""
    validator = _response_validator(name, extended)
    return [
        f"{name}: {'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator.iter_errors(body)
    ]
