"""The official BRP Personen API specification (openapi.yaml, version 2.7.0, EUPL-1.2, from
https://github.com/BRP-API/Haal-Centraal-BRP-bevragen) as JSON Schema validators.

The test double validates every request with it, the tests validate every response with it.
OpenAPI's `discriminator` is not a JSON Schema keyword; `schema_validator` adds it, so a
polymorphic value (a date of type "Datum", a verblijfplaats of type "Adres", a query of type
"RaadpleegMetBurgerservicenummer") is checked against the schema its `type` names as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).with_name("openapi.yaml")
_BASE = "urn:raadhuis:brp-personen"
SCHEMA_PREFIX = "#/components/schemas/"
# Delivered by the API on its own; asking for them in `fields` is a 400 (spec: PersonenQuery).
AUTOMATISCH_GELEVERD = frozenset(
    {"inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
)


@cache
def spec() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - SafeLoader / CSafeLoader


def schemas() -> dict[str, Any]:
    return spec()["components"]["schemas"]


def schema_by_ref(ref: str) -> dict[str, Any]:
    return schemas()[ref.removeprefix(SCHEMA_PREFIX)]


def _without_base(target: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """`target` minus its `allOf` reference back to `base`: the part the discriminator adds.
    (Following that reference again would run the discriminator again, for ever.)"""
    if "allOf" not in target:
        return target
    rest = [
        part
        for part in target["allOf"]
        if not ("$ref" in part and schema_by_ref(part["$ref"]) is base)
    ]
    return {**target, "allOf": rest}


def _discriminator(
    validator: Any, value: dict[str, Any], instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not isinstance(instance, dict):
        return
    veld = value.get("propertyName", "type")
    if veld not in instance:
        return  # `required` reports it
    target_ref = value.get("mapping", {}).get(instance[veld])
    if target_ref is None:
        yield ValidationError(
            f"{instance[veld]!r} is not one of {sorted(value.get('mapping', {}))}",
            validator="enum",
            path=[veld],
        )
        return
    target = schema_by_ref(target_ref)
    if target is schema:
        return
    yield from validator.descend(instance, _without_base(target, schema))


_Validator = validators.extend(Draft202012Validator, {"discriminator": _discriminator})


@cache
def _registry() -> Registry:
    return Registry().with_resource(
        _BASE, Resource.from_contents(spec(), default_specification=DRAFT202012)
    )


@cache
def schema_validator(name: str) -> Any:
    """A validator for components/schemas/<name>, with formats (dates) checked."""
    return _Validator(
        {"$ref": f"{_BASE}{SCHEMA_PREFIX}{name}"},
        registry=_registry(),
        format_checker=FormatChecker(),
    )


def query_schema_name(query_type: str) -> str | None:
    """The request schema for a query `type`, None for an unknown type."""
    mapping = schemas()["PersonenQuery"]["discriminator"]["mapping"]
    ref = mapping.get(query_type)
    return ref.removeprefix(SCHEMA_PREFIX) if ref else None


def response_person_schema_name(query_type: str) -> str:
    """'Persoon' for RaadpleegMetBurgerservicenummer, 'PersoonBeperkt' (or its gezag variant)
    for the searches: the item schema of the response's `personen`."""
    mapping = schemas()["PersonenQueryResponse"]["discriminator"]["mapping"]
    response = schema_by_ref(mapping[query_type])
    for part in response["allOf"]:
        personen = part.get("properties", {}).get("personen")
        if personen:
            return personen["items"]["$ref"].removeprefix(SCHEMA_PREFIX)
    raise KeyError(query_type)


def query_parameters(query_type: str) -> set[str]:
    """Every parameter a query of this type may carry (the others are unknown: a 400)."""
    name = query_schema_name(query_type)
    if name is None:
        return set()
    return set(_properties(schemas()[name], subtypes=False))


def _properties(
    schema: dict[str, Any], *, subtypes: bool = True, seen: frozenset[int] = frozenset()
) -> dict[str, list[dict[str, Any]]]:
    """Property name -> its schemas, through $ref and allOf and (with `subtypes`) every
    schema a discriminator may point at: 'verblijfadres' is one thing in an Adres and another
    in a VerblijfplaatsBuitenland."""
    if id(schema) in seen:
        return {}
    seen = seen | {id(schema)}
    if "$ref" in schema:
        return _properties(schema_by_ref(schema["$ref"]), subtypes=subtypes, seen=seen)
    found: dict[str, list[dict[str, Any]]] = {
        key: [value] for key, value in schema.get("properties", {}).items()
    }
    parts = list(schema.get("allOf", []))
    if subtypes:
        parts += [
            {"$ref": ref} for ref in schema.get("discriminator", {}).get("mapping", {}).values()
        ]
    for part in parts:
        for key, values in _properties(part, subtypes=subtypes, seen=seen).items():
            found.setdefault(key, []).extend(values)
    return found


def _child(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of a property's value; for an array, of its items."""
    if "$ref" in schema:
        schema = schema_by_ref(schema["$ref"])
    if schema.get("type") == "array" and "items" in schema:
        return _child(schema["items"])
    return schema


def field_exists(person_schema_name: str, path: str) -> bool:
    """Whether a `fields` entry such as 'partners.naam.voornamen' names a field of the
    response person; automatically delivered fields do not count (the spec forbids them)."""
    candidates: list[dict[str, Any]] = [schemas()[person_schema_name]]
    for part in path.split("."):
        if part in AUTOMATISCH_GELEVERD or not part:
            return False
        candidates = [
            _child(value) for schema in candidates for value in _properties(schema).get(part, [])
        ]
        if not candidates:
            return False
    return True
