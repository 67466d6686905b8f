"""The official KvK API specifications (API Zoeken 1.3 and API Basisprofiel 1.3, from
developers.kvk.nl), kept next to this file, as parameter lists and JSON Schema validators.

The test double checks every request's parameters with them; the tests validate every answer
of the double (and the KvK's own example answers) against the response schemas.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent
ZOEKEN = HERE / "zoeken_openapi.yaml"
BASISPROFIEL = HERE / "basisprofiel_openapi.yaml"
VOORBEELD_ZOEKEN = HERE / "voorbeeld_zoeken.json"
VOORBEELD_BASISPROFIEL = HERE / "voorbeeld_basisprofiel.json"
SCHEMA_PREFIX = "#/components/schemas/"


@cache
def spec(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - SafeLoader / CSafeLoader


@cache
def schema_validator(path: Path, name: str) -> Any:
    """A validator for components/schemas/<name> of the specification at `path`."""
    base = f"urn:raadhuis:kvk:{path.stem}"
    registry = Registry().with_resource(
        base, Resource.from_contents(spec(path), default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{base}{SCHEMA_PREFIX}{name}"},
        registry=registry,
        format_checker=FormatChecker(),
    )


def response_schema_name(path: Path, template: str) -> str:
    """The schema name of the answer of the GET at `template` ('/v1/zoeken', ...)."""
    response = spec(path)["paths"][template]["get"]["responses"]["default"]
    ref = response["content"]["application/hal+json"]["schema"]["$ref"]
    return ref.removeprefix(SCHEMA_PREFIX)


def parameters(path: Path, template: str, where: str = "query") -> dict[str, dict[str, Any]]:
    """The parameters (name -> schema) of the GET at `template` found in `where`."""
    operation = spec(path)["paths"][template]["get"]
    return {p["name"]: p.get("schema", {}) for p in operation["parameters"] if p["in"] == where}


def parameter_fout(schema: dict[str, Any], value: str) -> str | None:
    """Why `value` (a query string value) does not fit the parameter `schema`, or None."""
    soort = schema.get("type")
    if soort == "boolean" and value.lower() not in ("true", "false"):
        return "boolean"
    if soort in ("number", "integer"):
        try:
            float(value)
        except ValueError:
            return soort
    pattern = schema.get("pattern")
    if pattern and not re.search(pattern, value):
        return "pattern"
    return None
