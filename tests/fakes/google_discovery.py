"""Checks requests against a Google API discovery document, loaded at runtime.

A fake Google API server calls `DiscoveryDocument.check(request)` on every request it gets; a
request the document does not allow raises SpecViolation naming what is wrong:

- the HTTP method and path must match one method's flatPath (or path) template;
- every required parameter must be present, and every query parameter must be one the method
  or the API declares (key, alt, fields, prettyPrint, ...);
- a parameter that is not `repeated` may appear once; integers, booleans and enum values must
  be what the document says (minimum/maximum included);
- a JSON body is allowed only where the method takes one, and its fields must belong to the
  request schema (checked into nested objects and arrays that name a schema).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.http import Request, SpecViolation

_TEMPLATE_PART = re.compile(r"\{(\+?)([A-Za-z0-9_.$-]+)\}")


@dataclass(frozen=True)
class Method:
    id: str  # e.g. "youtube.comments.list"
    http_method: str
    template: str
    pattern: re.Pattern[str]
    literal_length: int  # how much of the template is fixed text: the more, the more specific
    parameters: dict[str, dict[str, Any]]
    request_schema: str | None
    response_schema: str | None
    path_parameters: tuple[str, ...] = field(default=())


class DiscoveryDocument:
    """A discovery document and the methods in it, matched by HTTP method and path."""

    def __init__(self, path: str | Path, *, mount: str = "/") -> None:
        """`mount` is where the fake serves the API's root (rootUrl); the document's
        servicePath and each method's path are appended to it."""
        self.path = Path(path)
        self.document: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        self.schemas: dict[str, dict[str, Any]] = self.document.get("schemas", {})
        self.global_parameters: dict[str, dict[str, Any]] = self.document.get("parameters", {})
        prefix = "/" + (mount.strip("/") + "/" if mount.strip("/") else "")
        prefix += self.document.get("servicePath", "")
        self.methods: list[Method] = []
        self._collect(self.document.get("resources", {}), prefix)

    def _collect(self, resources: dict[str, Any], prefix: str) -> None:
        for resource in resources.values():
            for spec in resource.get("methods", {}).values():
                template = spec.get("flatPath") or spec["path"]
                regex, names, literal = _compile(prefix + template)
                request = (spec.get("request") or {}).get("$ref")
                response = (spec.get("response") or {}).get("$ref")
                self.methods.append(
                    Method(
                        id=spec["id"],
                        http_method=spec["httpMethod"],
                        template=prefix + template,
                        pattern=regex,
                        literal_length=literal,
                        parameters=spec.get("parameters", {}),
                        request_schema=request,
                        response_schema=response,
                        path_parameters=names,
                    )
                )
            self._collect(resource.get("resources", {}), prefix)

    def method(self, method_id: str) -> Method:
        for candidate in self.methods:
            if candidate.id == method_id:
                return candidate
        raise KeyError(method_id)

    def match(self, http_method: str, path: str) -> Method:
        """The method the request is for; SpecViolation if the document has none."""
        found = [
            m for m in self.methods if m.http_method == http_method and m.pattern.fullmatch(path)
        ]
        if not found:
            same_path = sorted(m.http_method for m in self.methods if m.pattern.fullmatch(path))
            if same_path:
                raise SpecViolation(
                    f"{http_method} is not allowed on {path} (the API has {', '.join(same_path)})"
                )
            raise SpecViolation(f"no method of {self.path.name} has the path {path}")
        return max(found, key=lambda m: m.literal_length)

    def check(self, request: Request) -> Method:
        """Raise SpecViolation if the request breaks the document; return its method."""
        method = self.match(request.method, request.path)
        pairs = parse_qsl(urlsplit(request.raw_path).query, keep_blank_values=True)
        given: dict[str, list[str]] = {}
        for name, value in pairs:
            given.setdefault(name, []).append(value)
        for name, values in given.items():
            spec = method.parameters.get(name) or self.global_parameters.get(name)
            if spec is None or spec.get("location", "query") != "query":
                raise SpecViolation(f"{method.id} has no query parameter {name!r}")
            if len(values) > 1 and not spec.get("repeated"):
                raise SpecViolation(f"{method.id}: {name!r} may be given only once")
            for value in values:
                _check_value(method.id, name, spec, value)
        for name, spec in method.parameters.items():
            if not spec.get("required"):
                continue
            if spec.get("location") == "path":
                continue  # the path template matched, so it is there
            if not any(v != "" for v in given.get(name, [])):
                raise SpecViolation(f"{method.id} requires the parameter {name!r}")
        self._check_body(method, request)
        return method

    def _check_body(self, method: Method, request: Request) -> None:
        if not request.body:
            if method.request_schema is not None:
                raise SpecViolation(f"{method.id} takes a {method.request_schema} body")
            return
        if method.request_schema is None:
            raise SpecViolation(f"{method.id} takes no request body")
        if "json" not in request.headers.get("content-type", ""):
            raise SpecViolation(f"{method.id} takes a JSON body")
        try:
            body = json.loads(request.body)
        except ValueError:
            raise SpecViolation(f"{method.id}: the body is not JSON") from None
        self.check_object(body, method.request_schema, where="body")

    def check_object(self, value: Any, schema_name: str, *, where: str) -> None:
        """Every field of `value` belongs to the schema, into nested schemas."""
        schema = self.schemas.get(schema_name)
        if schema is None:
            raise SpecViolation(f"the document has no schema {schema_name}")
        self._check_against(value, schema, where)

    def _check_against(self, value: Any, schema: dict[str, Any], where: str) -> None:
        ref = schema.get("$ref")
        if ref:
            self._check_against(value, self.schemas[ref], where)
            return
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            if not isinstance(value, dict):
                raise SpecViolation(f"{where} must be an object")
            properties = schema.get("properties")
            if properties is None:  # a map (additionalProperties): any keys
                extra = schema.get("additionalProperties")
                if isinstance(extra, dict):
                    for key, item in value.items():
                        self._check_against(item, extra, f"{where}.{key}")
                return
            for key, item in value.items():
                if key not in properties:
                    raise SpecViolation(f"{where} has no field {key!r}")
                self._check_against(item, properties[key], f"{where}.{key}")
        elif kind == "array":
            if not isinstance(value, list):
                raise SpecViolation(f"{where} must be an array")
            for n, item in enumerate(value):
                self._check_against(item, schema.get("items", {}), f"{where}[{n}]")
        elif kind == "string":
            if not isinstance(value, str):
                raise SpecViolation(f"{where} must be a string")
            if "enum" in schema and value not in schema["enum"]:
                raise SpecViolation(f"{where} is not one of {schema['enum']}")
        elif kind == "boolean" and not isinstance(value, bool):
            raise SpecViolation(f"{where} must be true or false")
        elif kind in ("integer", "number") and (
            isinstance(value, bool) or not isinstance(value, int | float | str)
        ):
            raise SpecViolation(f"{where} must be a number")

    def part_names(self, method: Method) -> set[str]:
        """The top-level properties of the resource a list/insert/update method returns: the
        names its `part` parameter may list."""
        schema_name = method.response_schema
        if schema_name is None:
            return set()
        schema = self.schemas[schema_name]
        items = schema.get("properties", {}).get("items")
        if items and method.id.endswith(".list"):
            schema = self.schemas[items["items"]["$ref"]]
        return set(schema.get("properties", {}))


def _compile(template: str) -> tuple[re.Pattern[str], tuple[str, ...], int]:
    regex = ""
    names: list[str] = []
    position = 0
    literal = 0
    for found in _TEMPLATE_PART.finditer(template):
        text = template[position : found.start()]
        regex += re.escape(text)
        literal += len(text)
        group = f"p{len(names)}"
        names.append(found.group(2))
        regex += f"(?P<{group}>.+)" if found.group(1) else f"(?P<{group}>[^/]+)"
        position = found.end()
    regex += re.escape(template[position:])
    literal += len(template) - position
    return re.compile(regex), tuple(names), literal


def _check_value(method_id: str, name: str, spec: dict[str, Any], value: str) -> None:
    kind = spec.get("type", "string")
    values = [value]
    if spec.get("repeated") and "," in value:
        values = value.split(",")  # Google accepts a comma-separated list for repeated ones
    for one in values:
        if "enum" in spec and one not in spec["enum"]:
            raise SpecViolation(f"{method_id}: {name}={one!r} is not one of {spec['enum']}")
        if kind == "integer":
            try:
                number = int(one)
            except ValueError:
                raise SpecViolation(f"{method_id}: {name} must be an integer") from None
            if "minimum" in spec and number < int(spec["minimum"]):
                raise SpecViolation(f"{method_id}: {name} must be at least {spec['minimum']}")
            if "maximum" in spec and number > int(spec["maximum"]):
                raise SpecViolation(f"{method_id}: {name} must be at most {spec['maximum']}")
        elif kind == "boolean" and one not in ("true", "false"):
            raise SpecViolation(f"{method_id}: {name} must be true or false")


@cache
def load(path: str, mount: str = "/") -> DiscoveryDocument:
    """A document loaded once per test run (they are large)."""
    return DiscoveryDocument(path, mount=mount)
