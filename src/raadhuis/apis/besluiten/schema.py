"""OpenAPI shape of the Besluiten API 1.1.0 where it differs from the newer ZGW APIs: the
operationIds `<resource>_read` / `<resource>_delete`, no ETag or If-None-Match (and so no
HEAD operations), and the X-NLX-Logrecord-ID / X-Audit-Toelichting headers on writes."""

from __future__ import annotations

import copy
from typing import Any

from raadhuis.apis.common.openapi import ZGWAutoSchema

OPERATION_ACTIONS = {"retrieve": "read", "destroy": "delete"}
LEFT_OUT_PARAMETERS = {("If-None-Match", "header")}
WRITE_HEADERS = [
    {
        "name": "X-NLX-Logrecord-ID",
        "in": "header",
        "description": "Identifier of the request, traceable throughout the network",
        "required": False,
        "schema": {"type": "string"},
    },
    {
        "name": "X-Audit-Toelichting",
        "in": "header",
        "description": "Toelichting waarom een bepaald verzoek wordt gedaan",
        "required": False,
        "schema": {"type": "string"},
    },
]


class BesluitenAutoSchema(ZGWAutoSchema):
    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        base, _sep, action = operation_id.rpartition("_")
        return f"{base}_{OPERATION_ACTIONS.get(action, action)}"

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = [
            p for p in super()._get_parameters() if (p["name"], p["in"]) not in LEFT_OUT_PARAMETERS
        ]
        if self.method.upper() in {"POST", "PUT", "PATCH", "DELETE"}:
            parameters.extend(copy.deepcopy(WRITE_HEADERS))
        return parameters

    def _get_serializer_field_meta(self, field: Any, direction: str) -> dict[str, Any]:
        meta = super()._get_serializer_field_meta(field, direction)
        if getattr(field, "empty_as_blank", False):
            meta.pop("nullable", None)  # "" rather than null, as the specification has it
        return meta

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            response.get("headers", {}).pop("ETag", None)
        if self._action() == "list" and hasattr(self.view, "_expanded"):
            _unpaginated_items_expanded(responses)
        return responses


def _unpaginated_items_expanded(responses: dict[str, Any]) -> None:
    """An unpaginated list (besluitinformatieobjecten) holds `<Name>Expanded` items, as the
    paginated ones do; the common postprocessing hook creates that schema."""
    content = responses.get("200", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    ref = schema.get("items", {}).get("$ref", "") if schema.get("type") == "array" else ""
    if ref and not ref.endswith("Expanded"):
        schema["items"] = {"$ref": f"{ref}Expanded"}
