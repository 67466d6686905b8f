"""The kernel's audit entries of a decision in the shape of the ZGW `AuditTrail`.

The kernel records one `AuditEntry` per change (who, what, when, why, old and new values of
the changed fields); the Besluiten API shows them with `bron` "brc", the ZGW action names and
the URLs of the objects. An entry's `uuid` is derived from its key, so a line can be fetched
again by it (`/besluiten/{besluit_uuid}/audittrail/{uuid}`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.reverse import reverse

from raadhuis.apis.common.errors import underscore_to_camel
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Besluit

BRON = "brc"
# A fixed prefix with version-4 bits; the last 12 hex digits are the entry's key.
UUID_PREFIX = "a0d17000-0000-4000-8000-"

# kernel action -> (ZGW actie, actieWeergave, HTTP status of the answer)
ACTIES: dict[str, tuple[str, str, int]] = {
    "besluit_genomen": ("create", "Object aangemaakt", 201),
    "besluit_gewijzigd": ("update", "Object bijgewerkt", 200),
    "besluit_verwijderd": ("destroy", "Object verwijderd", 204),
    "besluitdocument_toegevoegd": ("create", "Object aangemaakt", 201),
    "besluitdocument_verwijderd": ("destroy", "Object verwijderd", 204),
}
# kernel object type -> Besluiten API resource
RESOURCES = {
    "cases.besluit": "besluit",
    "documents.besluitinformatieobject": "besluitinformatieobject",
}
BRON_CHOICES = ["ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc"]


def audit_uuid(entry: AuditEntry) -> uuid.UUID:
    return uuid.UUID(f"{UUID_PREFIX}{entry.pk:012x}")


def audit_pk(value: str) -> int | None:
    """The key of the entry an audit uuid names (None when it is not one of ours)."""
    try:
        text = str(uuid.UUID(str(value)))
    except ValueError:
        return None
    if not text.startswith(UUID_PREFIX):
        return None
    return int(text[len(UUID_PREFIX) :], 16)


@dataclass(frozen=True)
class AuditRegel:
    """One line of a decision's audit trail as the API shows it."""

    uuid: uuid.UUID
    bron: str
    applicatie_id: str
    applicatie_weergave: str
    gebruikers_id: str
    gebruikers_weergave: str
    actie: str
    actie_weergave: str
    resultaat: int
    hoofd_object: str
    resource: str
    resource_url: str
    toelichting: str
    resource_weergave: str
    aanmaakdatum: datetime
    wijzigingen: dict[str, Any]


def _wijzigingen(entry: AuditEntry, actie: str) -> dict[str, Any]:
    """The kernel's {field: [old, new]} as {oud: {...}, nieuw: {...}}, in the API's names;
    `oud` is null for a creation and `nieuw` for a removal."""
    oud: dict[str, Any] = {}
    nieuw: dict[str, Any] = {}
    for veld, waarden in (entry.wijzigingen or {}).items():
        naam = underscore_to_camel(veld)
        if isinstance(waarden, list) and len(waarden) == 2:
            oud[naam], nieuw[naam] = waarden
        else:
            nieuw[naam] = waarden
    return {
        "oud": None if actie == "create" else oud,
        "nieuw": None if actie == "destroy" else nieuw,
    }


def audit_regel(entry: AuditEntry, *, besluit: Besluit, request: Request | None) -> AuditRegel:
    actie, actie_weergave, resultaat = ACTIES.get(entry.actie, (entry.actie, entry.actie, 200))
    resource = RESOURCES.get(entry.object_type, entry.object_type.rsplit(".", 1)[-1])
    object_uuid = entry.object_uuid or besluit.uuid
    hoofd_object = reverse(
        "besluiten:besluit-detail", kwargs={"uuid": besluit.uuid}, request=request
    )
    resource_url = (
        reverse(f"besluiten:{resource}-detail", kwargs={"uuid": object_uuid}, request=request)
        if resource in RESOURCES.values()
        else hoofd_object
    )
    return AuditRegel(
        uuid=audit_uuid(entry),
        bron=BRON,
        applicatie_id=str(entry.applicatie_uuid or ""),
        applicatie_weergave=entry.applicatie_weergave,
        gebruikers_id=entry.gebruiker_id or str(entry.actor_user_id or ""),
        gebruikers_weergave=entry.actor_weergave,
        actie=actie,
        actie_weergave=actie_weergave,
        resultaat=resultaat,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        toelichting=entry.toelichting,
        resource_weergave=(entry.object_weergave or str(object_uuid))[:200],
        aanmaakdatum=entry.tijdstip,
        wijzigingen=_wijzigingen(entry, actie),
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
        source="applicatie_id",
        required=False,
        max_length=100,
        help_text="Unieke identificatie van de applicatie, binnen de organisatie.",
    )
    applicatieWeergave = serializers.CharField(  # noqa: N815
        source="applicatie_weergave",
        required=False,
        max_length=200,
        help_text="Vriendelijke naam van de applicatie.",
    )
    gebruikersId = serializers.CharField(  # noqa: N815
        source="gebruikers_id",
        required=False,
        max_length=255,
        help_text="Unieke identificatie van de gebruiker die binnen de organisatie herleid kan "
        "worden naar een persoon.",
    )
    gebruikersWeergave = serializers.CharField(  # noqa: N815
        source="gebruikers_weergave",
        required=False,
        max_length=255,
        help_text="Vriendelijke naam van de gebruiker.",
    )
    actie = serializers.CharField(max_length=50, help_text="De uitgevoerde handeling.")
    actieWeergave = serializers.CharField(  # noqa: N815
        source="actie_weergave",
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
        source="hoofd_object",
        max_length=1000,
        help_text="De URL naar het hoofdobject van een component.",
    )
    resource = serializers.CharField(
        max_length=50, help_text="Het type resource waarop de actie gebeurde."
    )
    resourceUrl = serializers.URLField(  # noqa: N815
        source="resource_url", max_length=1000, help_text="De URL naar het object."
    )
    toelichting = serializers.CharField(
        required=False, help_text="Toelichting waarom de handeling is uitgevoerd."
    )
    resourceWeergave = serializers.CharField(  # noqa: N815
        source="resource_weergave",
        max_length=200,
        help_text="Vriendelijke identificatie van het object.",
    )
    aanmaakdatum = serializers.DateTimeField(
        read_only=True, help_text="De datum waarop de handeling is gedaan."
    )
    wijzigingen = WijzigingenSerializer()
