"""The kernel's audit entries of a decision in the shape of the ZGW `AuditTrail`.

The kernel records one `AuditEntry` per change (who, what, when, why, old and new values of
the changed fields); the Besluiten API shows them with `bron` "brc", the ZGW action names and
the URLs of the objects. An entry's `uuid` is derived from its key, so a line can be fetched
again by it (`/besluiten/{besluit_uuid}/audittrail/{uuid}`)."""

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
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Besluit

BRON = "brc"

# kernel action -> (ZGW actie, actieWeergave, HTTP status of the answer)
ACTIES: dict[str, tuple[str, str, int]] = {
    "besluit_genomen": AANGEMAAKT,
    "besluit_gewijzigd": BIJGEWERKT,
    "besluit_verwijderd": VERWIJDERD,
    "besluitdocument_toegevoegd": AANGEMAAKT,
    "besluitdocument_verwijderd": VERWIJDERD,
}
# kernel object type -> Besluiten API resource
RESOURCES = {
    "cases.besluit": "besluit",
    "documents.besluitinformatieobject": "besluitinformatieobject",
}


def audit_regel(entry: AuditEntry, *, besluit: Besluit, request: Request | None) -> dict[str, Any]:
    resource = RESOURCES.get(entry.object_type, entry.object_type.rsplit(".", 1)[-1])
    hoofd_object = reverse(
        "besluiten:besluit-detail", kwargs={"uuid": besluit.uuid}, request=request
    )
    resource_url = hoofd_object
    if resource in RESOURCES.values():
        object_uuid = entry.object_uuid or besluit.uuid
        resource_url = reverse(
            f"besluiten:{resource}-detail", kwargs={"uuid": object_uuid}, request=request
        )
    return common_audit_regel(
        entry,
        bron=BRON,
        acties=ACTIES,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
    )


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.JSONField(
        help_text="Volledige JSON body van het object zoals dat bestond voordat de actie heeft "
        "plaatsgevonden."
    )
    nieuw = serializers.JSONField(help_text="Volledige JSON body van het object na de actie.")


class AuditTrailSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(
        required=False, help_text="Unieke identificatie van de audit regel."
    )
    bron = serializers.ChoiceField(
        choices=BRON_CHOICES,
        help_text="De naam van het component waar de wijziging in is gedaan.",
    )
    applicatieId = serializers.CharField(  # noqa: N815 (the spec's names)
        required=False,
        max_length=100,
        help_text="Unieke identificatie van de applicatie, binnen de organisatie.",
    )
    applicatieWeergave = serializers.CharField(  # noqa: N815
        required=False,
        max_length=200,
        help_text="Vriendelijke naam van de applicatie.",
    )
    gebruikersId = serializers.CharField(  # noqa: N815
        required=False,
        max_length=255,
        help_text="Unieke identificatie van de gebruiker die binnen de organisatie herleid kan "
        "worden naar een persoon.",
    )
    gebruikersWeergave = serializers.CharField(  # noqa: N815
        required=False,
        max_length=255,
        help_text="Vriendelijke naam van de gebruiker.",
    )
    actie = serializers.CharField(max_length=50, help_text="De uitgevoerde handeling.")
    actieWeergave = serializers.CharField(  # noqa: N815
        required=False,
        max_length=200,
        help_text="Vriendelijke naam van de actie.",
    )
    resultaat = serializers.IntegerField(
        min_value=100,
        max_value=599,
        help_text="HTTP status code van de API response van de uitgevoerde handeling.",
    )
    hoofdObject = serializers.URLField(  # noqa: N815
        max_length=1000,
        help_text="De URL naar het hoofdobject van een component.",
    )
    resource = serializers.CharField(
        max_length=50, help_text="Het type resource waarop de actie gebeurde."
    )
    resourceUrl = serializers.URLField(  # noqa: N815
        max_length=1000, help_text="De URL naar het object."
    )
    toelichting = serializers.CharField(
        required=False, help_text="Toelichting waarom de handeling is uitgevoerd."
    )
    resourceWeergave = serializers.CharField(  # noqa: N815
        max_length=200,
        help_text="Vriendelijke identificatie van het object.",
    )
    aanmaakdatum = serializers.DateTimeField(
        read_only=True, help_text="De datum waarop de handeling is gedaan."
    )
    wijzigingen = WijzigingenSerializer()
