"""Compare our generated OpenAPI document with an official ZGW specification.

`compare_openapi(ours, official)` lists every operation, parameter, request/response property
of the official document that ours lacks or types differently. It follows $ref, allOf and
oneOf, and descends into nested objects and array items, so `gerelateerdeZaaktypen[].aardRelatie`
is checked as well as `gerelateerdeZaaktypen`.

Usage in a test:

    differences = compare_openapi(generate_openapi_dict("catalogi"), load_spec("catalogi-1.3.3"))
    assert [d for d in differences if d.kind != "format"] == []
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# unmodified copies of /work/shared/specs/zgw, so the tests also run on a clean clone (CI)
SPECS_DIR = Path(__file__).parent / "specs"
METHODS = ("get", "post", "put", "patch", "delete", "head")
MAX_DEPTH = 4


@dataclass(frozen=True, order=True)
class Difference:
    kind: str  # operation | parameter | parameter-type | property | type | format | enum
    where: str  # "GET /zaaktypen", "POST /zaaktypen request", ...
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.detail}"


@functools.cache
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_spec(name: str) -> dict[str, Any]:
    """An official specification by file name without extension: "catalogi-1.3.3"."""
    return _load(str(SPECS_DIR / f"{name}.yaml"))


class Resolver:
    """Follows local `$ref`s of one document and flattens allOf / oneOf."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def ref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            target: Any = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node = target
            seen += 1
        return node

    def schema(self, node: Any) -> dict[str, Any]:
        """A schema with allOf merged and refs resolved (oneOf kept, members resolved)."""
        node = self.ref(node) or {}
        if not isinstance(node, dict):
            return {}
        if "allOf" in node:
            merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
            properties: dict[str, Any] = dict(merged.get("properties", {}))
            for member in node["allOf"]:
                part = self.schema(member)
                properties.update(part.get("properties", {}))
                for key, value in part.items():
                    if key != "properties":
                        merged.setdefault(key, value)
            if properties:
                merged["properties"] = properties
            return merged
        if "oneOf" in node or "anyOf" in node:
            members = [self.schema(m) for m in node.get("oneOf", node.get("anyOf", []))]
            merged = {k: v for k, v in node.items() if k not in {"oneOf", "anyOf"}}
            merged["_members"] = members
            return merged
        return node


def type_of(schema: dict[str, Any]) -> str:
    """The JSON type of a (flattened) schema; enum-or-blank unions count as their type."""
    if "_members" in schema:
        types = {type_of(m) for m in schema["_members"] if m}
        types.discard("any")
        if len(types) == 1:
            return types.pop()
        return "|".join(sorted(types)) or "any"
    if "type" in schema:
        return str(schema["type"])
    if "properties" in schema:
        return "object"
    if "enum" in schema:
        return "string"
    return "any"


def format_of(schema: dict[str, Any]) -> str | None:
    """The format of a string schema; "uri or blank" unions count as uri."""
    if "_members" in schema:
        formats = {format_of(m) for m in schema["_members"]} - {None}
        return formats.pop() if len(formats) == 1 else None
    return schema.get("format")


def enum_of(schema: dict[str, Any]) -> set[Any] | None:
    if "_members" in schema:
        values: set[Any] = set()
        for member in schema["_members"]:
            values |= enum_of(member) or set()
        return values or None
    if "enum" in schema:
        return {v for v in schema["enum"] if v not in ("", None)}
    return None


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    if "_members" in schema:
        merged: dict[str, Any] = {}
        for member in schema["_members"]:
            merged.update(member.get("properties", {}))
        return merged
    return schema.get("properties", {})


def compare_schemas(
    ours: dict[str, Any] | None,
    official: dict[str, Any],
    where: str,
    path: str,
    r_ours: Resolver,
    r_official: Resolver,
    depth: int = 0,
) -> list[Difference]:
    """Every property of `official` missing or typed differently in `ours`, recursively."""
    differences: list[Difference] = []
    official = r_official.schema(official)
    ours = r_ours.schema(ours or {})
    official_type, our_type = type_of(official), type_of(ours)
    label = path or "(body)"
    if official_type != "any" and our_type != "any" and official_type != our_type:
        differences.append(
            Difference("type", where, f"{label}: {our_type} instead of {official_type}")
        )
        return differences
    our_format = format_of(ours)
    if official_type == "string" and format_of(official) != our_format:
        if official.get("format"):
            differences.append(
                Difference(
                    "format",
                    where,
                    f"{label}: format {our_format!r} instead of {official['format']!r}",
                )
            )
    official_enum, our_enum = enum_of(official), enum_of(ours)
    if official_enum and our_enum is not None and not official_enum <= our_enum:
        differences.append(
            Difference("enum", where, f"{label}: missing values {sorted(official_enum - our_enum)}")
        )
    if depth >= MAX_DEPTH:
        return differences
    if official_type == "array":
        differences += compare_schemas(
            ours.get("items"),
            official.get("items", {}),
            where,
            f"{path}[]",
            r_ours,
            r_official,
            depth + 1,
        )
    official_properties, our_properties = _properties(official), _properties(ours)
    for name, prop in official_properties.items():
        child = f"{path}.{name}" if path else name
        if where.endswith(" request") and r_official.schema(prop).get("readOnly"):
            continue  # what a client cannot send need not be in a request body
        if name not in our_properties:
            differences.append(Difference("property", where, f"{child} is missing"))
            continue
        differences += compare_schemas(
            our_properties[name], prop, where, child, r_ours, r_official, depth + 1
        )
    return differences


def _parameters(operation: dict[str, Any], item: dict[str, Any], resolver: Resolver) -> dict:
    parameters = {}
    for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = resolver.ref(parameter)
        if isinstance(parameter, dict) and "name" in parameter:
            parameters[(parameter["name"], parameter.get("in", ""))] = parameter
    return parameters


def _body_schema(container: dict[str, Any] | None, resolver: Resolver) -> dict[str, Any] | None:
    container = resolver.ref(container or {})
    content = (container or {}).get("content") or {}
    for media_type in ("application/json", "application/problem+json", *content):
        if media_type in content:
            return content[media_type].get("schema")
    return None


def _success_code(responses: dict[str, Any]) -> str | None:
    codes = sorted(code for code in responses if str(code).startswith("2"))
    return codes[0] if codes else None


def compare_openapi(ours: dict[str, Any], official: dict[str, Any]) -> list[Difference]:
    """Everything of the official document that ours is missing or types differently."""
    r_ours, r_official = Resolver(ours), Resolver(official)
    differences: list[Difference] = []
    our_paths = ours.get("paths", {})
    for path, item in official.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            our_item = our_paths.get(path, {})
            our_operation = our_item.get(method)
            if our_operation is None:
                differences.append(Difference("operation", where, "operation is missing"))
                continue
            differences += _compare_operation(
                where, operation, item, our_operation, our_item, r_ours, r_official
            )
    return sorted(differences)


def _compare_operation(
    where: str,
    operation: dict[str, Any],
    item: dict[str, Any],
    our_operation: dict[str, Any],
    our_item: dict[str, Any],
    r_ours: Resolver,
    r_official: Resolver,
) -> list[Difference]:
    differences: list[Difference] = []
    official_parameters = _parameters(operation, item, r_official)
    our_parameters = _parameters(our_operation, our_item, r_ours)
    for key, parameter in official_parameters.items():
        name = f"{key[1]} parameter {key[0]}"
        if key not in our_parameters:
            differences.append(Difference("parameter", where, f"{name} is missing"))
            continue
        official_type = type_of(r_official.schema(parameter.get("schema", {})))
        our_type = type_of(r_ours.schema(our_parameters[key].get("schema", {})))
        if "any" not in (official_type, our_type) and official_type != our_type:
            differences.append(
                Difference(
                    "parameter-type", where, f"{name}: {our_type} instead of {official_type}"
                )
            )
    official_request = _body_schema(operation.get("requestBody"), r_official)
    if official_request is not None:
        our_request = _body_schema(our_operation.get("requestBody"), r_ours)
        if our_request is None:
            differences.append(
                Difference("property", f"{where} request", "request body is missing")
            )
        else:
            differences += compare_schemas(
                our_request, official_request, f"{where} request", "", r_ours, r_official
            )
    code = _success_code(operation.get("responses", {}))
    if code is not None:
        official_response = _body_schema(operation["responses"][code], r_official)
        our_code = _success_code(our_operation.get("responses", {}))
        our_response = (
            _body_schema(our_operation["responses"][our_code], r_ours) if our_code else None
        )
        if official_response is not None:
            differences += compare_schemas(
                our_response, official_response, f"{where} response", "", r_ours, r_official
            )
    return differences


def status_code_differences(ours: dict[str, Any], official: dict[str, Any]) -> list[Difference]:
    """Success status codes that differ (reported separately: the official documents have a
    few codes that the reference implementation itself does not answer)."""
    differences = []
    for path, item in official.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            our_operation = ours.get("paths", {}).get(path, {}).get(method)
            if operation is None or our_operation is None:
                continue
            official_code = _success_code(operation.get("responses", {}))
            our_code = _success_code(our_operation.get("responses", {}))
            if official_code != our_code:
                differences.append(
                    Difference(
                        "status",
                        f"{method.upper()} {path}",
                        f"{our_code} instead of {official_code}",
                    )
                )
    return differences
