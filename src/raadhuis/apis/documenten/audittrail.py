"""The kernel's audit entries of a document in the shape of the ZGW `AuditTrail` (bron "drc").

An entry's `uuid` is derived from its key with the same fixed prefix the Besluiten API uses, so
a line keeps one uuid wherever it is shown (`.../audittrail/{uuid}`)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.reverse import reverse

from raadhuis.apis.common.audittrail import (
    AANGEMAAKT,
    BIJGEWERKT,
    BRON_CHOICES,
    VERWIJDERD,
)
from raadhuis.apis.common.audittrail import audit_regel as common_audit_regel
from raadhuis.apis.documenten.fields import document_url
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.documents.models import InformatieObject

BRON = "drc"
# kernel action -> (ZGW actie, actieWeergave, HTTP status of the answer)
ACTIES: dict[str, tuple[str, str, int]] = {
    "document_aangemaakt": AANGEMAAKT,
    "document_toegevoegd": AANGEMAAKT,
    "document_bijgewerkt": BIJGEWERKT,
    "documentversie_toegevoegd": BIJGEWERKT,
    "document_verwijderd": VERWIJDERD,
    "document_vergrendeld": ("lock", "Object vergrendeld", 200),
    "document_ontgrendeld": ("unlock", "Object ontgrendeld", 204),
    "bestandsdeel_ontvangen": ("update", "Bestandsdeel ontvangen", 200),
    "gebruiksrecht_aangemaakt": AANGEMAAKT,
    "gebruiksrecht_gewijzigd": BIJGEWERKT,
    "gebruiksrecht_verwijderd": VERWIJDERD,
    "verzending_aangemaakt": AANGEMAAKT,
    "verzending_gewijzigd": BIJGEWERKT,
    "verzending_verwijderd": VERWIJDERD,
}
# kernel object type -> (Documenten API resource, its detail view)
RESOURCES = {
    "documents.informatieobject": ("enkelvoudiginformatieobject", None),
    "documents.gebruiksrecht": ("gebruiksrechten", "documenten:gebruiksrechten-detail"),
    "documents.verzending": ("verzending", "documenten:verzending-detail"),
}


def audit_regel(
    entry: AuditEntry, *, informatieobject: InformatieObject, request: Request | None
) -> dict[str, Any]:
    hoofd_object = document_url(request, informatieobject.uuid)
    resource, view_name = RESOURCES.get(
        entry.object_type, (entry.object_type.rsplit(".", 1)[-1], None)
    )
    resource_url = hoofd_object
    if view_name and entry.object_uuid:
        resource_url = reverse(view_name, kwargs={"uuid": entry.object_uuid}, request=request)
    return common_audit_regel(
        entry,
        bron=BRON,
        acties=ACTIES,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
    )


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.DictField(
        required=False,
        help_text="Volledige JSON body van het object zoals dat bestond voordat de actie heeft "
        "plaatsgevonden.",
    )
    nieuw = serializers.DictField(
        required=False, help_text="Volledige JSON body van het object na de actie."
    )


class AuditTrailSerializer(serializers.Serializer):
    """Read-only; the data are the dicts `audit_regel` builds."""

    openapi_required = (
        "aanmaakdatum",
        "actie",
        "bron",
        "hoofdObject",
        "resource",
        "resourceUrl",
        "resourceWeergave",
        "resultaat",
        "wijzigingen",
    )
    openapi_properties = {
        "wijzigingen": {"allOf": [{"$ref": "#/components/schemas/Wijzigingen"}]},
    }

    uuid = serializers.UUIDField(help_text="Unieke identificatie van de audit regel.")
    bron = serializers.ChoiceField(
        choices=BRON_CHOICES, help_text="De naam van het component waar de wijziging in is gedaan."
    )
    applicatieId = serializers.CharField(  # noqa: N815 (the spec's names)
        max_length=100, help_text="Unieke identificatie van de applicatie, binnen de organisatie."
    )
    applicatieWeergave = serializers.CharField(  # noqa: N815
        max_length=200, help_text="Vriendelijke naam van de applicatie."
    )
    gebruikersId = serializers.CharField(  # noqa: N815
        max_length=255,
        help_text="Unieke identificatie van de gebruiker die binnen de organisatie herleid kan "
        "worden naar een persoon.",
    )
    gebruikersWeergave = serializers.CharField(  # noqa: N815
        max_length=255, help_text="Vriendelijke naam van de gebruiker."
    )
    actie = serializers.CharField(max_length=50, help_text="De uitgevoerde handeling.")
    actieWeergave = serializers.CharField(  # noqa: N815
        max_length=200, help_text="Vriendelijke naam van de actie."
    )
    resultaat = serializers.IntegerField(
        min_value=100,
        max_value=599,
        help_text="HTTP status code van de API response van de uitgevoerde handeling.",
    )
    hoofdObject = serializers.URLField(  # noqa: N815
        max_length=1000, help_text="De URL naar het hoofdobject van een component."
    )
    resource = serializers.CharField(
        max_length=50, help_text="Het type resource waarop de actie gebeurde."
    )
    resourceUrl = serializers.URLField(  # noqa: N815
        max_length=1000, help_text="De URL naar het object."
    )
    toelichting = serializers.CharField(help_text="Toelichting waarom de handeling is uitgevoerd.")
    resourceWeergave = serializers.CharField(  # noqa: N815
        max_length=200, help_text="Vriendelijke identificatie van het object."
    )
    aanmaakdatum = serializers.DateTimeField(
        read_only=True, help_text="De datum waarop de handeling is gedaan."
    )
    wijzigingen = WijzigingenSerializer()
