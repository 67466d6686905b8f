"""OpenAPI shape of the Documenten API 1.7.0 where it goes beyond the shared ZGW shape:

- request and response bodies are separate components (`EnkelvoudigInformatieObjectCreateLock`
  and `...CreateLockRequest`, `PatchedEnkelvoudigInformatieObjectWithLockRequest`), as the
  specification was generated with drf-spectacular's COMPONENT_SPLIT_REQUEST;
- `inhoud` is base64 (`byte`) in a request and a download URL in an answer;
- the X-NLX-Logrecord-ID / X-Audit-Toelichting headers on writes, `versie` and
  `registratieOp` on retrieve and download, and the texts of the specification.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, is_patched_serializer
from drf_spectacular.settings import spectacular_settings
from rest_framework import serializers

from raadhuis.apis.common.openapi import ZGWAutoSchema
from raadhuis.apis.documenten.fields import (
    Base64InhoudField,
    DocumentAttribuutField,
    DocumentUrlField,
    LockMethodField,
    TypeUrlField,
)

WRITE_HEADERS = [
    {
        "in": "header",
        "name": "X-NLX-Logrecord-ID",
        "required": False,
        "description": "Identifier of the request, traceable throughout the network",
        "schema": {"type": "string"},
    },
    {
        "in": "header",
        "name": "X-Audit-Toelichting",
        "required": False,
        "description": "Toelichting waarom een bepaald verzoek wordt gedaan",
        "schema": {"type": "string"},
    },
]
VERSIE_PARAMETERS = [
    {
        "in": "query",
        "name": "versie",
        "required": False,
        "description": "Het (automatische) versienummer van het INFORMATIEOBJECT.",
        "schema": {"type": "integer"},
    },
    {
        "in": "query",
        "name": "registratieOp",
        "required": False,
        "description": "Een datumtijd in ISO8601 formaat. De versie van het INFORMATIEOBJECT "
        "die qua `begin_registratie` het kortst hiervoor zit wordt opgehaald.",
        "schema": {"type": "string"},
    },
]
# operationId -> (summary, description), as the specification words them.
TEKSTEN: dict[str, tuple[str, str]] = {
    "bestandsdeel_update": ("Upload een bestandsdeel.", "Upload een bestandsdeel."),
    "enkelvoudiginformatieobject_list": (
        "Alle (ENKELVOUDIGe) INFORMATIEOBJECTen opvragen.",
        "Deze lijst kan gefilterd wordt met query-string parameters. \nDe objecten bevatten "
        "metadata over de documenten en de downloadlink (`inhoud`) naar de binary data. Alleen "
        "de laatste versie van elk (ENKELVOUDIG) INFORMATIEOBJECT wordt getoond.",
    ),
    "enkelvoudiginformatieobject_create": (
        "Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan.",
        "**Er wordt gevalideerd op** \n - geldigheid `informatieobjecttype` URL - de resource "
        "moet opgevraagd kunnen worden uit de catalogi API en de vorm van een "
        "INFORMATIEOBJECTTYPE hebben. \n- publicatie `informatieobjecttype` - `concept` moet "
        "`false` zijn",
    ),
    "audittrail_list": (
        "Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
        "Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
    ),
    "audittrail_retrieve": (
        "Een specifieke audit trail regel opvragen.",
        "Een specifieke audit trail regel opvragen.",
    ),
    "enkelvoudiginformatieobject_retrieve": (
        "Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen.",
        "Het object bevat metadata over het document en de downloadlink (`inhoud`) naar de "
        "binary data. Dit geeft standaard de laatste versie van het (ENKELVOUDIG) "
        "INFORMATIEOBJECT. Specifieke versies kunnen middels query-string parameters worden "
        "opgevraagd.",
    ),
    "enkelvoudiginformatieobject_update": (
        "Werk een (ENKELVOUDIG) INFORMATIEOBJECT in zijn geheel bij.",
        "Dit creëert altijd een nieuwe versie van het (ENKELVOUDIG) INFORMATIEOBJECT. \n \n"
        "**Er wordt gevalideerd op**\n- correcte `lock` waarde",
    ),
    "enkelvoudiginformatieobject_partial_update": (
        "Werk een (ENKELVOUDIG) INFORMATIEOBJECT deels bij.",
        "Dit creëert altijd een nieuwe versie van het (ENKELVOUDIG) INFORMATIEOBJECT. \n\n"
        "**Er wordt gevalideerd op**\n - correcte `lock` waarde",
    ),
    "enkelvoudiginformatieobject_destroy": (
        "Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT.",
        "Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT en alle bijbehorende versies, samen met "
        "alle gerelateerde resources binnen deze API. Dit is alleen mogelijk als er geen "
        "OBJECTINFORMATIEOBJECTen relateerd zijn aan het (ENKELVOUDIG) INFORMATIEOBJECT.\n\n"
        "**Gerelateerde resources**\n- GEBRUIKSRECHTen\n- audit trail regels",
    ),
    "enkelvoudiginformatieobject_download": (
        "Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
        "Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
    ),
    "enkelvoudiginformatieobject_lock": (
        "Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        "Voert een 'checkout' uit waardoor het (ENKELVOUDIG) INFORMATIEOBJECT vergrendeld wordt "
        "met een `lock` waarde. Alleen met deze waarde kan het (ENKELVOUDIG) INFORMATIEOBJECT "
        "bijgewerkt (`PUT`, `PATCH`) en weer ontgrendeld worden.",
    ),
    "enkelvoudiginformatieobject_unlock": (
        "Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        "Heft de 'checkout' op waardoor het (ENKELVOUDIG) INFORMATIEOBJECT ontgrendeld wordt.",
    ),
    "enkelvoudiginformatieobject__zoek": (
        "Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.",
        "Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt voor "
        "zoekopdrachten met UUIDs.",
    ),
    "gebruiksrechten_list": (
        "Alle GEBRUIKSRECHTen opvragen.",
        "Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    "gebruiksrechten_create": (
        "Maak een GEBRUIKSRECHT aan.",
        "Voeg GEBRUIKSRECHTen toe voor een INFORMATIEOBJECT.  \n**Opmerkingen**\n   - Het "
        "toevoegen van gebruiksrechten zorgt ervoor dat de  `indicatieGebruiksrecht` op het "
        "informatieobject op `true` gezet wordt.",
    ),
    "gebruiksrechten_retrieve": (
        "Een specifieke GEBRUIKSRECHT opvragen.",
        "Een specifieke GEBRUIKSRECHT opvragen.",
    ),
    "gebruiksrechten_update": (
        "Werk een GEBRUIKSRECHT in zijn geheel bij.",
        "Werk een GEBRUIKSRECHT in zijn geheel bij.",
    ),
    "gebruiksrechten_partial_update": (
        "Werk een GEBRUIKSRECHT relatie deels bij.",
        "Werk een GEBRUIKSRECHT relatie deels bij.",
    ),
    "gebruiksrechten_destroy": (
        "Verwijder een GEBRUIKSRECHT.",
        "\n**Opmerkingen**\n  - Indien het laatste GEBRUIKSRECHT van een INFORMATIEOBJECT "
        "verwijderd  wordt, dan wordt de `indicatieGebruiksrecht` van het INFORMATIEOBJECT op "
        "`null` gezet.",
    ),
    "objectinformatieobject_list": (
        "Alle OBJECT-INFORMATIEOBJECT relaties opvragen.",
        "Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    "objectinformatieobject_create": (
        "Maak een OBJECT-INFORMATIEOBJECT relatie aan.",
        "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.** Andere API's, "
        "zoals de Zaken API en de Besluiten API, gebruiken dit endpoint bij het synchroniseren "
        "van relaties. **Er wordt gevalideerd op** - geldigheid `informatieobject` URL - de "
        "combinatie `informatieobject` en `object` moet uniek zijn - bestaan van `object` URL",
    ),
    "objectinformatieobject_retrieve": (
        "Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        "Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
    ),
    "objectinformatieobject_destroy": (
        "Verwijder een OBJECT-INFORMATIEOBJECT relatie.",
        "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.** Andere API's, "
        "zoals de Zaken API en de Besluiten API, gebruiken dit endpoint bij het synchroniseren "
        "van relaties.",
    ),
    "verzending_list": (
        "Alle VERZENDINGen opvragen.",
        "Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    "verzending_create": (
        "Maak een VERZENDING aan.",
        "Voeg VERZENDINGen toe voor een INFORMATIEOBJECT en een BETROKKENE.",
    ),
    "verzending_retrieve": (
        "Een specifieke VERZENDING opvragen.",
        "Een specifieke VERZENDING opvragen.",
    ),
    "verzending_update": (
        "Werk een VERZENDING in zijn geheel bij.",
        "Werk een VERZENDING in zijn geheel bij.",
    ),
    "verzending_partial_update": (
        "Werk een VERZENDING relatie deels bij.",
        "Werk een VERZENDING relatie deels bij.",
    ),
    "verzending_destroy": ("Verwijder een VERZENDING", "Verwijder een VERZENDING."),
}


@contextlib.contextmanager
def gesplitste_componenten() -> Iterator[None]:
    """Separate request components while one of our operations is generated (the setting is
    global; it is restored straight after, so other APIs keep theirs)."""
    oud = spectacular_settings.COMPONENT_SPLIT_REQUEST
    spectacular_settings.COMPONENT_SPLIT_REQUEST = True
    try:
        yield
    finally:
        spectacular_settings.COMPONENT_SPLIT_REQUEST = oud


class DocumentenAutoSchema(ZGWAutoSchema):
    """Per view: `audit_headers = True` (X-NLX-Logrecord-ID, X-Audit-Toelichting on writes),
    `versie_actions` (actions with ?versie= / ?registratieOp=), `content_types` (request media
    types other than JSON)."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        with gesplitste_componenten():
            return super().get_operation(*args, **kwargs)

    def get_summary(self) -> str | None:
        return TEKSTEN.get(self.get_operation_id(), (None, None))[0] or super().get_summary()

    def get_description(self) -> str:  # type: ignore[override]
        return TEKSTEN.get(self.get_operation_id(), (None, ""))[1] or super().get_description()

    def get_filter_backends(self) -> list[Any]:
        if self._action() != "list":
            return []
        return super().get_filter_backends()

    def _get_format_parameters(self) -> list[dict[str, Any]]:
        return []

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_parameters()
        action = self._action()
        if action in getattr(self.view, "versie_actions", ()):
            parameters.extend(copy.deepcopy(VERSIE_PARAMETERS))
        if action in getattr(self.view, "no_etag_actions", ()):
            parameters = [p for p in parameters if p["name"] != "If-None-Match"]
        content_types = getattr(self.view, "content_types", None)
        for parameter in parameters:
            if content_types and parameter["name"] == "Content-Type":
                parameter["schema"]["enum"] = list(content_types)
        if getattr(self.view, "audit_headers", False) and action in {
            "create",
            "update",
            "partial_update",
            "destroy",
        }:
            parameters.extend(copy.deepcopy(WRITE_HEADERS))
        return parameters

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self._action() in getattr(self.view, "no_etag_actions", ()):
            for response in responses.values():
                response.get("headers", {}).pop("ETag", None)
        if self._action() == "list" and hasattr(self.view, "_expanded"):
            _unpaginated_items_expanded(responses)
        return responses

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        """Per serializer: `openapi_properties` (property schemas as the specification has
        them), `openapi_required` and `openapi_patch_exclude` (left out of the PATCH body)."""
        schema = super()._map_basic_serializer(serializer, direction)
        properties = schema.get("properties", {})
        for name, prop in properties.items():
            blank = {"type": "string", "maxLength": 0}
            if len(prop.get("oneOf", [])) == 2 and prop["oneOf"][1] == blank:
                # a URL that may be blank: the specification has a plain uri
                properties[name] = {
                    **prop["oneOf"][0],
                    **{k: v for k, v in prop.items() if k != "oneOf"},
                }
        for name, override in getattr(serializer, "openapi_properties", {}).items():
            if name in properties:
                properties[name] = copy.deepcopy(override)
        if is_patched_serializer(serializer, direction):
            for name in getattr(serializer, "openapi_patch_exclude", ()):
                properties.pop(name, None)
        required = getattr(serializer, "openapi_required", None)
        if required is not None:
            schema["required"] = [r for r in required if r in properties]
            if not schema["required"]:
                del schema["required"]
        return schema

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        if isinstance(field, DocumentUrlField):
            schema = {"type": "string", "format": "uri", "readOnly": True}
            schema |= {"minLength": 1, "maxLength": 1000}
            return _met_beschrijving(schema, field)
        if isinstance(field, Base64InhoudField):
            if direction == "request":
                schema = {"type": "string", "format": "byte", "nullable": True}
                return _met_beschrijving(schema, field, "Binaire inhoud, in base64 geëncodeerd.")
            schema = {"type": "string", "format": "uri", "nullable": True}
            return _met_beschrijving(schema, field, "Download URL van de binaire inhoud.")
        if isinstance(field, DocumentAttribuutField):
            schema = dict(AutoSchema._map_serializer_field(self, field.inner, direction))
            if field.read_only:
                schema["readOnly"] = True
            if field.allow_null:
                schema["nullable"] = True
            return _met_beschrijving(schema, field)
        if isinstance(field, LockMethodField):
            return _met_beschrijving({"type": "string"}, field)
        if isinstance(field, serializers.ChoiceField) and field.allow_blank:
            return self._enum_of_blank(field)
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.HyperlinkedIdentityField):
            schema |= {"minLength": 1, "maxLength": 1000}
        elif isinstance(field, TypeUrlField):
            schema["maxLength"] = field.schema_max_length
            if direction == "request":
                schema["minLength"] = 1
        return schema

    def _enum_of_blank(self, field: serializers.ChoiceField) -> dict[str, Any]:
        """`oneOf: [<Name>Enum, BlankEnum]`, as drf-spectacular writes a choice that may be
        blank when ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE is on (the setting is global)."""
        naam = "".join(deel.capitalize() for deel in str(field.field_name).split("_"))
        keuzes = [c for c in field.choices if c != ""]
        refs = [
            self._enum_component(f"{naam}Enum", {"type": "string", "enum": keuzes}),
            self._enum_component("BlankEnum", {"enum": [""]}),
        ]
        return _met_beschrijving({"oneOf": refs}, field)

    def _enum_component(self, naam: str, schema: dict[str, Any]) -> dict[str, str]:
        component = ResolvedComponent(
            name=naam, type=ResolvedComponent.SCHEMA, schema=schema, object=naam
        )
        self.registry.register_on_missing(component)
        return component.ref


def _met_beschrijving(schema: dict[str, Any], field: Any, tekst: str = "") -> dict[str, Any]:
    beschrijving = tekst or str(getattr(field, "help_text", "") or "")
    if beschrijving:
        schema["description"] = beschrijving
    return schema


def _unpaginated_items_expanded(responses: dict[str, Any]) -> None:
    """An unpaginated list (gebruiksrechten, objectinformatieobjecten) holds `<Name>Expanded`
    items, as the paginated ones do; the common postprocessing hook creates that schema."""
    content = responses.get("200", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    ref = schema.get("items", {}).get("$ref", "") if schema.get("type") == "array" else ""
    if ref and not ref.endswith("Expanded"):
        schema["items"] = {"$ref": f"{ref}Expanded"}
