"""drf-spectacular customisation so our generated documents have the shape of the official
ZGW specifications: operationIds `<resource>_<action>`, JWT-Claims security with the
action's scope, the Fout/ValidatieFout error answers, the API-version and ETag headers,
If-None-Match, `expand`, Content-Type on writes, and the HEAD (`*_headers`) operations that
drf-spectacular leaves out.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from django.urls import NoReverseMatch, resolve, reverse
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from raadhuis.apis.common.permissions import scope_label

SECURITY_SCHEME = "JWT-Claims"

API_VERSION_RESPONSE_HEADER = {
    "API-version": {
        "description": "Geeft een specifieke API-versie aan in de context van een specifieke "
        "aanroep. Voorbeeld: 1.2.1.",
        "schema": {"type": "string"},
    }
}
ETAG_RESPONSE_HEADER = {
    "ETag": {
        "description": "De ETag berekend op de response body JSON. Indien twee resources "
        "exact dezelfde ETag hebben, dan zijn deze resources identiek aan elkaar. Je kan de "
        "ETag gebruiken om caching te implementeren.",
        "schema": {"type": "string"},
    }
}
LOCATION_RESPONSE_HEADER = {
    "Location": {
        "description": "URL waar de resource leeft.",
        "schema": {"type": "string", "format": "uri"},
    }
}
IF_NONE_MATCH_PARAMETER = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "description": "Voer een voorwaardelijk verzoek uit. Deze header moet één of meerdere "
    "ETag-waardes bevatten van resources die de consumer gecached heeft. Indien de waarde "
    "van de ETag van de huidige resource voorkomt in deze set, dan antwoordt de provider met "
    "een lege HTTP 304 request.",
    "schema": {"type": "string"},
}
CONTENT_TYPE_PARAMETER = {
    "in": "header",
    "name": "Content-Type",
    "required": True,
    "description": "Content type van de verzoekinhoud.",
    "schema": {"type": "string", "enum": ["application/json"]},
}
EXPAND_PARAMETER = {
    "in": "query",
    "name": "expand",
    "required": False,
    "description": "Haal details van gelinkte resources direct op. Als je meerdere resources "
    "tegelijk wilt ophalen kun je deze scheiden met een komma. Voor het ophalen van resources "
    "die een laag dieper genest zijn wordt de punt-notatie gebruikt.",
    "schema": {"type": "string"},
}

_FOUT_PROPERTIES: dict[str, Any] = {
    "type": {
        "type": "string",
        "description": "URI referentie naar het type fout, bedoeld voor developers",
    },
    "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
    "title": {"type": "string", "description": "Generieke titel voor het type fout"},
    "status": {"type": "integer", "description": "De HTTP status code"},
    "detail": {"type": "string", "description": "Extra informatie bij de fout, indien beschikbaar"},
    "instance": {
        "type": "string",
        "description": "URI met referentie naar dit specifiek voorkomen van de fout. Deze kan "
        "gebruikt worden in combinatie met server logs, bijvoorbeeld.",
    },
}
ERROR_SCHEMAS: dict[str, Any] = {
    "Fout": {
        "type": "object",
        "description": "Formaat van HTTP 4xx en 5xx fouten.",
        "properties": _FOUT_PROPERTIES,
        "required": ["code", "title", "status", "detail", "instance"],
    },
    "FieldValidationError": {
        "type": "object",
        "description": "Formaat van validatiefouten.",
        "properties": {
            "name": {"type": "string", "description": "Naam van het veld met ongeldige gegevens"},
            "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft"},
            "reason": {
                "type": "string",
                "description": "Uitleg wat er precies fout is met de gegevens",
            },
        },
        "required": ["name", "code", "reason"],
    },
    "ValidatieFout": {
        "type": "object",
        "description": "Formaat van HTTP 4xx en 5xx fouten.",
        "properties": {
            **_FOUT_PROPERTIES,
            "invalidParams": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/FieldValidationError"},
            },
        },
        "required": ["code", "title", "status", "detail", "instance", "invalidParams"],
    },
}
ERROR_DESCRIPTIONS = {
    "400": "Bad request",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "Not found",
    "406": "Not acceptable",
    "409": "Conflict",
    "410": "Gone",
    "412": "Precondition failed",
    "415": "Unsupported media type",
    "429": "Too many requests",
    "500": "Internal server error",
}
DETAIL_ACTIONS = {"retrieve", "update", "partial_update", "destroy"}
WRITE_METHODS = {"post", "put", "patch"}


def error_response(code: str) -> dict[str, Any]:
    schema = "ValidatieFout" if code == "400" else "Fout"
    return {
        "description": ERROR_DESCRIPTIONS[code],
        "headers": copy.deepcopy(API_VERSION_RESPONSE_HEADER),
        "content": {
            "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


class ZGWAutoSchema(AutoSchema):
    """Per-view settings: `schema_operation_id_base` ("zaaktype"), `required_scopes`,
    `geo` (adds 412), and for custom actions `schema_error_codes`."""

    def _action(self) -> str:
        if self.method == "GET" and self._is_list_view():
            return "list"
        return getattr(self.view, "action", None) or self.method_mapping[self.method.lower()]

    def get_operation_id(self) -> str:
        base = getattr(self.view, "schema_operation_id_base", None)
        if base is None:
            queryset = getattr(self.view, "queryset", None)
            if queryset is None:
                return super().get_operation_id()
            base = queryset.model._meta.model_name
        return f"{base}_{self._action()}"

    def get_auth(self) -> list[dict[str, Any]]:
        scopes = getattr(self.view, "required_scopes", None)
        if scopes is None:
            return super().get_auth()
        scope = scope_label(scopes.get(getattr(self.view, "action", None) or ""))
        return [{SECURITY_SCHEME: [scope] if scope else []}]

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_parameters()
        action = self._action()
        names = {(p["name"], p["in"]) for p in parameters}
        extra = []
        if action == "retrieve":
            extra.append(IF_NONE_MATCH_PARAMETER)
        if action in {"list", "retrieve"} and hasattr(self.view, "_expanded"):
            extra.append(EXPAND_PARAMETER)
        if self.method.lower() in WRITE_METHODS:
            extra.append(CONTENT_TYPE_PARAMETER)
        for parameter in extra:
            if (parameter["name"], parameter["in"]) not in names:
                parameters.append(copy.deepcopy(parameter))
        return parameters

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and self._action() in {"list", "retrieve"}:
            if hasattr(self.view, "_expanded"):
                self._record_expandable()
        return operation

    def _record_expandable(self) -> None:
        """Note which fields of this resource can be expanded, and into which resource, for
        postprocess_zgw to build the `<Name>Expanded` / `<Name>Embedded` schemas."""
        serializer = self._get_serializer()
        if serializer is None:
            return
        name = component_name(type(serializer))
        expandable: dict[str, tuple[str, bool]] = {}
        for field_name, field in serializer.fields.items():
            target = expand_target(field)
            if target is not None:
                expandable[field_name] = target
        EXPANDABLE.setdefault(id(self.registry), {})[name] = expandable

    def _error_codes(self) -> list[str]:
        custom = getattr(self.view, "schema_error_codes", None)
        action = self._action()
        if isinstance(custom, dict) and action in custom:
            return list(custom[action])
        codes = ["401", "403", "406", "409", "410", "415", "429", "500"]
        if action not in {"retrieve", "destroy"}:
            codes.append("400")
        if action in DETAIL_ACTIONS or "{uuid}" in self.path:
            codes.append("404")
        if getattr(self.view, "geo", False):
            codes.append("412")
        return sorted(codes)

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        action = self._action()
        for code, response in responses.items():
            headers = response.setdefault("headers", {})
            headers.update(copy.deepcopy(API_VERSION_RESPONSE_HEADER))
            if action == "retrieve" and code == "200":
                headers.update(copy.deepcopy(ETAG_RESPONSE_HEADER))
            if code == "201":
                headers.update(copy.deepcopy(LOCATION_RESPONSE_HEADER))
        for code in self._error_codes():
            responses.setdefault(code, error_response(code))
        return responses


# registry id -> component name -> {field: (target component name, many)}
EXPANDABLE: dict[int, dict[str, dict[str, tuple[str, bool]]]] = {}


def component_name(serializer_class: type) -> str:
    """drf-spectacular's default component name: the class name without "Serializer"."""
    return serializer_class.__name__.removesuffix("Serializer")


def expand_target(field: Any) -> tuple[str, bool] | None:
    """(component name of the referred resource, many) for a URL reference field."""
    if isinstance(field, serializers.HyperlinkedIdentityField):
        return None
    many = isinstance(
        field, serializers.ManyRelatedField | serializers.ListField | serializers.ListSerializer
    )
    view_name = (
        getattr(field, "expand_view_name", None)
        or getattr(field, "view_name", None)
        or getattr(getattr(field, "child_relation", None), "view_name", None)
        or getattr(getattr(field, "child", None), "expand_view_name", None)
    )
    if not view_name:
        return None
    try:
        match = resolve(reverse(view_name, kwargs={"uuid": uuid.uuid4()}))
    except NoReverseMatch:
        return None
    view_class = getattr(match.func, "cls", None)
    serializer_class = getattr(view_class, "serializer_class", None)
    if serializer_class is None:
        return None
    return component_name(serializer_class), many


def _add_expanded_components(
    result: dict[str, Any], expandable: dict[str, dict[str, tuple[str, bool]]]
) -> None:
    """`<Name>Expanded` = the resource plus `_expand`, `<Name>Embedded` = what `_expand` holds,
    as the specifications name them; list and retrieve answers refer to the Expanded schema."""
    schemas = result["components"]["schemas"]
    schemas.setdefault("EmptyObject", {"type": "object"})

    def expanded_ref(name: str) -> dict[str, str]:
        if name in expandable:
            return {"$ref": f"#/components/schemas/{name}Expanded"}
        return {"$ref": f"#/components/schemas/{name}"}

    for name, fields in expandable.items():
        if name not in schemas:
            continue
        embedded: dict[str, Any] = {}
        for field_name, (target, many) in fields.items():
            if many:
                embedded[field_name] = {"type": "array", "items": expanded_ref(target)}
            else:
                embedded[field_name] = {
                    "oneOf": [expanded_ref(target), {"$ref": "#/components/schemas/EmptyObject"}]
                }
        schemas[f"{name}Embedded"] = {"type": "object", "properties": embedded}
        schemas[f"{name}Expanded"] = {
            "allOf": [
                {"$ref": f"#/components/schemas/{name}"},
                {"properties": {"_expand": {"$ref": f"#/components/schemas/{name}Embedded"}}},
            ]
        }
    for item in result.get("paths", {}).values():
        operation = item.get("get")
        if not operation or not any(
            p.get("name") == "expand" for p in operation.get("parameters", [])
        ):
            continue
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        ref = schema.get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name.startswith("Paginated") and name in schemas:
            items = schemas[name]["properties"]["results"]["items"]
            inner = items.get("$ref", "").rsplit("/", 1)[-1]
            if inner in expandable and inner in schemas:
                schemas[name]["properties"]["results"]["items"] = expanded_ref(inner)
        elif name in expandable:
            content["application/json"]["schema"] = expanded_ref(name)
        elif schema.get("type") == "array":
            # an unpaginated list holds `<Name>Expanded` items
            inner = schema.get("items", {}).get("$ref", "").rsplit("/", 1)[-1]
            if inner in expandable and inner in schemas:
                schema["items"] = expanded_ref(inner)


HEAD_HEADER_PARAMETERS = ("If-None-Match", "Accept-Crs", "Content-Crs")


def _answers_etag(get_operation: dict[str, Any]) -> bool:
    headers = get_operation.get("responses", {}).get("200", {}).get("headers", {})
    return "ETag" in headers


def _headers_operation(get_operation: dict[str, Any]) -> dict[str, Any]:
    """The HEAD twin of a retrieve: the same path, If-None-Match and CRS headers, headers
    only, and (as in the specifications) without `security`."""
    operation_id = str(get_operation.get("operationId", ""))
    parameters = [
        copy.deepcopy(p)
        for p in get_operation.get("parameters", [])
        if p.get("in") == "path" or p.get("name") in HEAD_HEADER_PARAMETERS
    ]
    return {
        "operationId": operation_id.removesuffix("_retrieve") + "_headers",
        "summary": "De headers voor een specifiek(e) resource opvragen",
        "description": "Vraag de headers op die je bij een GET request zou krijgen.",
        "parameters": parameters,
        "tags": get_operation.get("tags", []),
        "responses": {
            "200": {
                "description": "OK",
                "headers": {
                    **copy.deepcopy(API_VERSION_RESPONSE_HEADER),
                    **copy.deepcopy(ETAG_RESPONSE_HEADER),
                },
            }
        },
    }


def postprocess_zgw(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular POSTPROCESSING_HOOK: error schemas, security scheme, HEAD operations."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        schemas.setdefault(name, copy.deepcopy(schema))
    components["securitySchemes"] = {
        SECURITY_SCHEME: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    }
    expandable = EXPANDABLE.pop(id(getattr(generator, "registry", None)), {})
    if expandable:
        _add_expanded_components(result, expandable)
    for item in result.get("paths", {}).values():
        get_operation = item.get("get")
        if (
            get_operation
            and str(get_operation.get("operationId", "")).endswith("_retrieve")
            and _answers_etag(get_operation)
            and "head" not in item
        ):
            item["head"] = _headers_operation(get_operation)
    return result
