"""The Zaken API's own additions to the generated schema: the Accept-Crs/Content-Crs headers on
every operation of a geo resource, and the X-NLX-Logrecord-ID / X-Audit-Toelichting headers on
writes, as the specification lists them."""

from __future__ import annotations

import copy
from typing import Any

from raadhuis.apis.common.openapi import ZGWAutoSchema

CRS_PARAMETERS = [
    {
        "in": "header",
        "name": "Accept-Crs",
        "required": True,
        "description": "Het gewenste 'Coordinate Reference System' (CRS) van de geometrie in "
        "het antwoord (response body). Volgens de GeoJSON spec is WGS84 de default "
        "(EPSG:4326 is hetzelfde als WGS84).",
        "schema": {"type": "string", "enum": ["EPSG:4326"]},
    },
    {
        "in": "header",
        "name": "Content-Crs",
        "required": True,
        "description": "Het 'Coordinate Reference System' (CRS) van de geometrie in de vraag "
        "(request body). Volgens de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als "
        "WGS84).",
        "schema": {"type": "string", "enum": ["EPSG:4326"]},
    },
]
AUDIT_PARAMETERS = [
    {
        "in": "header",
        "name": "X-NLX-Logrecord-ID",
        "schema": {"type": "string"},
        "description": "Identifier of the request, traceable throughout the network",
    },
    {
        "in": "header",
        "name": "X-Audit-Toelichting",
        "schema": {"type": "string"},
        "description": "Toelichting waarom een bepaald verzoek wordt gedaan",
    },
]
WRITES = {"post", "put", "patch", "delete"}


class ZakenAutoSchema(ZGWAutoSchema):
    """Also: expandable fields the shared code cannot see (references outside our APIs, nested
    URLs, lists of objects) from a serializer's `schema_expand_extra` {field: (component,
    many)}; unpaginated lists answer with the `<Name>Expanded` items."""

    def _record_expandable(self) -> None:
        from raadhuis.apis.common.openapi import EXPANDABLE, component_name

        super()._record_expandable()
        serializer = self._get_serializer()
        extra = getattr(serializer, "schema_expand_extra", None)
        if serializer is None or not extra:
            return
        registry = EXPANDABLE.setdefault(id(self.registry), {})
        registry.setdefault(component_name(type(serializer)), {}).update(extra)

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self._action() == "list" and getattr(self.view, "pagination_class", None) is None:
            schema = responses.get("200", {}).get("content", {}).get("application/json", {})
            items = schema.get("schema", {}).get("items", {})
            ref = items.get("$ref", "")
            if ref and hasattr(self.view, "_expanded"):
                items["$ref"] = ref + "Expanded"
        return responses

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_parameters()
        names = {(p["name"], p["in"]) for p in parameters}
        extra: list[dict[str, Any]] = []
        if self.method.lower() in WRITES and getattr(self.view, "schema_audit_headers", True):
            extra += AUDIT_PARAMETERS
        if getattr(self.view, "geo", False):
            extra += CRS_PARAMETERS
        if getattr(self.view, "action", None) == "_zoek":
            from raadhuis.apis.common.openapi import EXPAND_PARAMETER

            extra.append(EXPAND_PARAMETER)
        for parameter in extra:
            if (parameter["name"], parameter["in"]) not in names:
                parameters.append(copy.deepcopy(parameter))
        return parameters
