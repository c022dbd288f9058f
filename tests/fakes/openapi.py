"""Checks requests against an OpenAPI 3.0/3.1 document, for the fakes of platforms that publish
one (App Store Connect, Discourse): the path and method exist, required parameters are there and
no undeclared query parameter is sent, values fit their schema (types, enums, comma-separated
arrays), and a JSON body validates against the request body's schema."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.fakes.http import Request, SpecViolation
from tests.fakes.specs import SPECS


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]
    parameters: tuple[dict[str, Any], ...]


class OpenAPI:
    def __init__(self, path: Path) -> None:
        self.document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource("urn:spec", resource)
        self.operations: list[Operation] = []
        for template, item in self.document["paths"].items():
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            pattern = _path_pattern(template)
            for method, spec in item.items():
                if method in ("parameters", "summary", "description", "servers"):
                    continue
                own = [self.resolve(p) for p in spec.get("parameters", [])]
                names = {(p["name"], p["in"]) for p in own}
                parameters = tuple(own + [p for p in shared if (p["name"], p["in"]) not in names])
                self.operations.append(
                    Operation(method.upper(), template, pattern, spec, parameters)
                )
        # Literal paths before templated ones: /v1/apps/{id} must not swallow a literal path.
        self.operations.sort(key=lambda op: op.template.count("{"))

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self._registry.resolver(base_uri="urn:spec").lookup(node["$ref"]).contents
        return node

    def find(self, method: str, path: str) -> Operation:
        allowed = []
        for operation in self.operations:
            if operation.pattern.fullmatch(path):
                if operation.method == method:
                    return operation
                allowed.append(operation.method)
        if allowed:
            raise SpecViolation(f"{method} is not allowed on {path} (only {', '.join(allowed)})")
        raise SpecViolation(f"the API has no path {path}")

    def check(self, request: Request, *, ignore_query: frozenset[str] = frozenset()) -> Operation:
        """Raise SpecViolation if `request` breaks the document; the operation it matched."""
        operation = self.find(request.method, request.path)
        match = operation.pattern.fullmatch(request.path)
        assert match is not None
        declared_query = set()
        for parameter in operation.parameters:
            name, where = parameter["name"], parameter["in"]
            schema = self.resolve(parameter.get("schema", {}))
            value: str | None
            if where == "query":
                declared_query.add(name)
                value = request.query.get(name)
            elif where == "path":
                value = match.group(_group_name(name))
            elif where == "header":
                value = request.headers.get(name.lower())
            else:
                continue
            if value is None:
                if parameter.get("required"):
                    raise SpecViolation(f"the {where} parameter {name!r} is required")
                continue
            self._check_value(name, value, schema)
        unknown = set(request.query) - declared_query - ignore_query
        if unknown:
            raise SpecViolation(f"undeclared query parameter(s): {', '.join(sorted(unknown))}")
        self._check_body(operation, request)
        return operation

    def _check_value(self, name: str, value: str, schema: dict[str, Any]) -> None:
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind == "array":
            items = self.resolve(schema.get("items", {}))
            for part in value.split(","):
                self._check_value(name, part, items)
            return
        if kind == "integer":
            try:
                number = int(value)
            except ValueError:
                raise SpecViolation(f"{name}={value!r} is not an integer") from None
            if "minimum" in schema and number < schema["minimum"]:
                raise SpecViolation(f"{name}={number} is below {schema['minimum']}")
            if "maximum" in schema and number > schema["maximum"]:
                raise SpecViolation(f"{name}={number} is above {schema['maximum']}")
        elif kind == "boolean" and value not in ("true", "false"):
            raise SpecViolation(f"{name}={value!r} is not true or false")
        if "enum" in schema and value not in [str(v) for v in schema["enum"]]:
            raise SpecViolation(f"{name}={value!r} is not one of {schema['enum']}")

    def _check_body(self, operation: Operation, request: Request) -> None:
        body_spec = self.resolve(operation.spec.get("requestBody") or {})
        content = body_spec.get("content", {})
        if not request.body:
            if body_spec.get("required"):
                raise SpecViolation("the request needs a body")
            return
        if not content:
            raise SpecViolation("this operation takes no body")
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        if kind not in content:
            raise SpecViolation(f"body of type {kind!r}; the API takes {sorted(content)}")
        schema = content[kind].get("schema")
        if schema is None:
            return
        if kind == "application/json":
            try:
                body = request.json()
            except ValueError:
                raise SpecViolation("the body is not JSON") from None
        else:  # form bodies: every value is a string, so only the names are checked
            body = None
            names = set(request.form())
            properties = self.resolve(schema).get("properties", {})
            required = set(self.resolve(schema).get("required", []))
            if not required <= names:
                raise SpecViolation(f"missing form field(s): {sorted(required - names)}")
            if properties and not names <= set(properties):
                raise SpecViolation(f"undeclared form field(s): {sorted(names - set(properties))}")
            return
        validator = jsonschema.Draft202012Validator(
            {"$ref": "urn:spec#/" + _pointer(operation, kind, self.document)}
            if "$ref" not in schema
            else {"$ref": "urn:spec" + schema["$ref"]},
            registry=self._registry,
        )
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path) or "the body"
            raise SpecViolation(f"{where}: {errors[0].message}")


def _path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{([^}]+)\}", template)
    regex = "".join(
        re.escape(part) if n % 2 == 0 else f"(?P<{_group_name(part)}>[^/]+?)"
        for n, part in enumerate(parts)
    )
    return re.compile(regex)


def _group_name(name: str) -> str:
    return "p_" + re.sub(r"\W", "_", name)


def _pointer(operation: Operation, kind: str, document: dict[str, Any]) -> str:
    template = operation.template.replace("~", "~0").replace("/", "~1")
    kind_escaped = kind.replace("~", "~0").replace("/", "~1")
    return f"paths/{template}/{operation.method.lower()}/requestBody/content/{kind_escaped}/schema"


@cache
def app_store_connect() -> OpenAPI:
    return OpenAPI(SPECS / "app-store-connect" / "app-store-connect-openapi-3.7.0.json")


@cache
def discourse() -> OpenAPI:
    return OpenAPI(SPECS / "discourse" / "openapi.json")
