"""STATUS, RESULTAAT, ZAAKEIGENSCHAP and the AuditTrail of the Zaken API 1.7.0."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.common.audittrail import audit_uuid
from raadhuis.apis.zaken import extern, fields
from raadhuis.apis.zaken.serializers import common
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Resultaat, Status, ZaakEigenschap


class StatusSerializer(serializers.Serializer):
    url = fields.RefField(fields.STATUS, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    statustype = fields.RefField(
        fields.STATUSTYPE, common.statustypen, resource="statustype", extern=extern.statustype
    )
    datumStatusGezet = serializers.DateTimeField(source="datum_status_gezet")
    statustoelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    indicatieLaatstGezetteStatus = serializers.SerializerMethodField()
    gezetdoor = fields.RefField(
        fields.ROL, common.rollen, source="gezetdoor_rol", required=False, allow_null=True
    )
    zaakinformatieobjecten = serializers.SerializerMethodField()

    class Meta:
        model = Status

    schema_expand_extra = {"zaakinformatieobjecten": ("ZaakInformatieObject", True)}

    @extend_schema_field({"type": "boolean"})
    def get_indicatieLaatstGezetteStatus(self, status: Status) -> bool:  # noqa: N802
        return status.zaak.status_actueel_id == status.pk

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_zaakinformatieobjecten(self, status: Status) -> list[str]:
        related = getattr(status, "zaakinformatieobjecten", None)
        if related is None:
            return []
        request = self.context.get("request")
        return [
            fields.url_for(request, fields.ZAAKINFORMATIEOBJECT, uuid=z.uuid) for z in related.all()
        ]


class ResultaatSerializer(serializers.Serializer):
    url = fields.RefField(fields.RESULTAAT, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    resultaattype = fields.RefField(
        fields.RESULTAATTYPE,
        common.resultaattypen,
        resource="resultaattype",
        extern=extern.resultaattype,
    )
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    class Meta:
        model = Resultaat


class ZaakEigenschapSerializer(serializers.Serializer):
    url = fields.RefField(fields.ZAAKEIGENSCHAP, read_only=True, source="*")
    uuid = serializers.UUIDField(read_only=True)
    zaak = fields.RefField(fields.ZAAK, common.zaken, resource="zaak")
    eigenschap = fields.RefField(fields.EIGENSCHAP, common.eigenschappen, resource="eigenschap")
    naam = serializers.CharField(source="eigenschap.naam", read_only=True)
    waarde = serializers.CharField()

    class Meta:
        model = ZaakEigenschap


# --- audit trail ----------------------------------------------------------------------------
# A line's uuid encodes the entry's key, as in every API's audit trail (apis/common/audittrail).

RESOURCES = {
    "cases.zaak": ("zaak", fields.ZAAK),
    "cases.status": ("status", fields.STATUS),
    "cases.rol": ("rol", fields.ROL),
    "cases.resultaat": ("resultaat", fields.RESULTAAT),
    "cases.zaakeigenschap": ("zaakeigenschap", fields.ZAAKEIGENSCHAP),
    "cases.zaakobject": ("zaakobject", fields.ZAAKOBJECT),
    "cases.klantcontact": ("klantcontact", "zaken/api/v1/klantcontacten/{uuid}"),
    "cases.zaakcontactmoment": ("zaakcontactmoment", "zaken/api/v1/zaakcontactmomenten/{uuid}"),
    "cases.zaakverzoek": ("zaakverzoek", "zaken/api/v1/zaakverzoeken/{uuid}"),
    "cases.zaaknotitie": ("zaaknotitie", "zaken/api/v1/zaaknotities/{uuid}"),
    "documents.zaakinformatieobject": ("zaakinformatieobject", fields.ZAAKINFORMATIEOBJECT),
    "cases.besluit": ("zaakbesluit", "zaken/api/v1/zaken/{zaak_uuid}/besluiten/{uuid}"),
}


def audit_verb(entry: AuditEntry) -> str:
    """The kernel's action as the standard's verb (create, update, partial_update, destroy)."""
    actie = entry.actie
    if actie.endswith(("_verwijderd", "_ontkoppeld")):
        return "destroy"
    if actie.endswith(("_aangemaakt", "_toegevoegd", "_gekoppeld", "_gereserveerd", "_genomen")):
        return "create"
    if actie in {"status_gezet"}:
        return "create"
    if actie in {"resultaat_gezet", "eigenschap_gezet"}:
        wijzigingen = entry.wijzigingen or {}
        nieuw = all(isinstance(v, list) and v and v[0] is None for v in wijzigingen.values())
        return "create" if nieuw else "update"
    return "partial_update"


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.DictField()
    nieuw = serializers.DictField()


class AuditTrailSerializer(serializers.Serializer):
    """One line of the kernel's audit trail in the shape of the standard's AuditTrail."""

    uuid = serializers.SerializerMethodField()
    bron = serializers.SerializerMethodField()
    applicatieId = serializers.SerializerMethodField()
    applicatieWeergave = serializers.CharField(source="applicatie_weergave", read_only=True)
    gebruikersId = serializers.SerializerMethodField()
    gebruikersWeergave = serializers.CharField(source="actor_weergave", read_only=True)
    actie = serializers.SerializerMethodField()
    actieWeergave = serializers.CharField(source="actie", read_only=True)
    resultaat = serializers.SerializerMethodField()
    hoofdObject = serializers.SerializerMethodField()
    resource = serializers.SerializerMethodField()
    resourceUrl = serializers.SerializerMethodField()
    toelichting = serializers.CharField(read_only=True)
    resourceWeergave = serializers.CharField(source="object_weergave", read_only=True)
    aanmaakdatum = serializers.DateTimeField(source="tijdstip", read_only=True)
    wijzigingen = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "uuid"})
    def get_uuid(self, entry: AuditEntry) -> str:
        return str(audit_uuid(entry))

    @extend_schema_field(
        {"type": "string", "enum": ["ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc"]}
    )
    def get_bron(self, entry: AuditEntry) -> str:
        return "zrc"

    def get_applicatieId(self, entry: AuditEntry) -> str:  # noqa: N802
        return str(entry.applicatie_uuid or "")

    def get_gebruikersId(self, entry: AuditEntry) -> str:  # noqa: N802
        if entry.gebruiker_id:
            return entry.gebruiker_id
        return str(entry.actor_user_id or "")

    def get_actie(self, entry: AuditEntry) -> str:
        return audit_verb(entry)

    @extend_schema_field({"type": "integer", "minimum": 100, "maximum": 599})
    def get_resultaat(self, entry: AuditEntry) -> int:
        verb = audit_verb(entry)
        return {"create": 201, "destroy": 204}.get(verb, 200)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_hoofdObject(self, entry: AuditEntry) -> str:  # noqa: N802
        return fields.url_for(self.context.get("request"), fields.ZAAK, uuid=entry.zaak_uuid)

    def get_resource(self, entry: AuditEntry) -> str:
        return RESOURCES.get(entry.object_type, (entry.object_type.rsplit(".", 1)[-1], ""))[0]

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_resourceUrl(self, entry: AuditEntry) -> str:  # noqa: N802
        template = RESOURCES.get(entry.object_type, ("", ""))[1]
        if not template or entry.object_uuid is None:
            return self.get_hoofdObject(entry)
        return fields.url_for(
            self.context.get("request"),
            template,
            uuid=entry.object_uuid,
            zaak_uuid=entry.zaak_uuid,
        )

    @extend_schema_field(WijzigingenSerializer)
    def get_wijzigingen(self, entry: AuditEntry) -> dict[str, dict[str, Any]]:
        volledig = (self.context.get("volledig") or {}).get(entry.pk)
        if volledig is not None:
            # the specification's Wijzigingen has objects, not null (creation, removal: {})
            return {k: v if v is not None else {} for k, v in volledig.items()}
        oud: dict[str, Any] = {}
        nieuw: dict[str, Any] = {}
        for veld, waarden in (entry.wijzigingen or {}).items():
            if isinstance(waarden, list) and len(waarden) == 2:
                oud[veld], nieuw[veld] = waarden
            else:
                nieuw[veld] = waarden
        return {"oud": oud, "nieuw": nieuw}
