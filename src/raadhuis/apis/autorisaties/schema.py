"""OpenAPI shape of the Autorisaties API 1.1.0 where it differs from the other ZGW APIs: the
operationIds `applicatie_read` / `applicatie_delete`, no ETag, If-None-Match or Content-Type,
and the polymorphic autorisaties (`AutorisatieBase` with a discriminator on `component`)."""

from __future__ import annotations

import copy
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import ResolvedComponent

from raadhuis.apis.common.openapi import ZGWAutoSchema

OPERATION_ACTIONS = {"retrieve": "read", "destroy": "delete"}
LEFT_OUT_PARAMETERS = {
    ("If-None-Match", "header"),
    ("Content-Type", "header"),
    ("expand", "query"),
}


class AutorisatiesAutoSchema(ZGWAutoSchema):
    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        base, _sep, action = operation_id.rpartition("_")
        return f"{base}_{OPERATION_ACTIONS.get(action, action)}"

    def _get_parameters(self) -> list[dict[str, Any]]:
        return [
            p for p in super()._get_parameters() if (p["name"], p["in"]) not in LEFT_OUT_PARAMETERS
        ]

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            response.get("headers", {}).pop("ETag", None)
        return responses


# --- the polymorphic autorisaties ---------------------------------------------------------------

VERTROUWELIJKHEID_ENUM = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]
MAX_VERTROUWELIJKHEID = {
    "title": "Max vertrouwelijkheidaanduiding",
    "description": "Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief).",
    "type": "string",
    "enum": VERTROUWELIJKHEID_ENUM,
}


def _type_url(soort: str, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": f"URL naar het {soort} waarop de autorisatie van toepassing is.",
        "type": "string",
        "format": "uri",
        "maxLength": 1000,
    }


# The extra properties per component, as the specification's `<component>Autorisatie`.
COMPONENT_PROPERTIES: dict[str, dict[str, Any]] = {
    "zrc": {
        "zaaktype": _type_url("zaaktype", "Zaaktype"),
        "maxVertrouwelijkheidaanduiding": MAX_VERTROUWELIJKHEID,
    },
    "drc": {
        "informatieobjecttype": _type_url("informatieobjecttype", "Informatieobjecttype"),
        "maxVertrouwelijkheidaanduiding": MAX_VERTROUWELIJKHEID,
    },
    "brc": {"besluittype": _type_url("besluittype", "Besluittype")},
    "nrc": {},
    "ztc": {},
    "ac": {},
}
AUTORISATIE_BASE: dict[str, Any] = {
    "required": ["component", "scopes"],
    "type": "object",
    "properties": {
        "component": {
            "title": "Component",
            "description": "Component waarop autorisatie van toepassing is.\n\n"
            "Uitleg bij mogelijke waarden:\n\n"
            "* `ac` - Autorisaties API\n\n"
            "* `nrc` - Notificaties API\n\n"
            "* `zrc` - Zaken API\n\n"
            "* `ztc` - Catalogi API\n\n"
            "* `drc` - Documenten API\n\n"
            "* `brc` - Besluiten API",
            "type": "string",
            "enum": ["ac", "nrc", "zrc", "ztc", "drc", "brc"],
        },
        "componentWeergave": {
            "title": "Component weergave",
            "description": "Omschrijving van `component`.",
            "type": "string",
            "readOnly": True,
            "minLength": 1,
        },
        "scopes": {
            "description": "Lijst van scope labels. Elke scope geeft toegang tot een set van "
            "acties/operaties, zoals gedocumenteerd bij de betreffende component.",
            "type": "array",
            "items": {"title": "Scopes", "type": "string", "maxLength": 100, "minLength": 1},
        },
    },
    "discriminator": {"propertyName": "component"},
}


class AutorisatieSerializerExtension(OpenApiSerializerExtension):
    """`autorisaties` items as the specification has them: `AutorisatieBase` with a
    discriminator on `component`, and per component `<c>` = allOf(AutorisatieBase,
    `<c>Autorisatie`)."""

    target_class = "raadhuis.apis.autorisaties.serializers.AutorisatieSerializer"

    def get_name(self, auto_schema: Any, direction: Any) -> str:
        return "AutorisatieBase"

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        for component, properties in COMPONENT_PROPERTIES.items():
            extra = ResolvedComponent(
                name=f"{component}Autorisatie",
                type=ResolvedComponent.SCHEMA,
                schema={"type": "object", "properties": copy.deepcopy(properties)},
                object=f"{component}Autorisatie",
            )
            auto_schema.registry.register_on_missing(extra)
            combined = ResolvedComponent(
                name=component,
                type=ResolvedComponent.SCHEMA,
                schema={
                    "type": "object",
                    "allOf": [
                        {"$ref": "#/components/schemas/AutorisatieBase"},
                        {"$ref": f"#/components/schemas/{component}Autorisatie"},
                    ],
                },
                object=component,
            )
            auto_schema.registry.register_on_missing(combined)
        return copy.deepcopy(AUTORISATIE_BASE)
