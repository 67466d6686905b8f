"""Serializers of the Autorisaties API 1.1.0: an applicatie with its client ids and its
autorisaties, whose fields depend on the component (the spec's polymorphic `AutorisatieBase`
with `zrc`, `drc`, `brc`, ... schemas).

They check the shape of the input and turn it into the arguments of
`kernel.access.services`; the standard's rules (a client id in one application only, type and
level required for zrc/drc/brc, all autorisaties xor separate ones) live there.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from raadhuis.apis.common.fields import UUIDHyperlinkedIdentityField, path_of
from raadhuis.kernel.access.models import Applicatie, Autorisatie, Component
from raadhuis.kernel.access.selectors import type_namen
from raadhuis.kernel.access.services import AutorisatieData
from raadhuis.kernel.common import Vertrouwelijkheid

# The extra fields each component has (API name -> model/AutorisatieData attribute).
COMPONENT_FIELDS: dict[str, dict[str, str]] = {
    Component.ZRC.value: {
        "zaaktype": "zaaktype",
        "maxVertrouwelijkheidaanduiding": "max_vertrouwelijkheidaanduiding",
    },
    Component.DRC.value: {
        "informatieobjecttype": "informatieobjecttype",
        "maxVertrouwelijkheidaanduiding": "max_vertrouwelijkheidaanduiding",
    },
    Component.BRC.value: {"besluittype": "besluittype"},
    Component.NRC.value: {},
    Component.ZTC.value: {},
    Component.AC.value: {},
}
# The Catalogi API collection a type URL must point into.
TYPE_COLLECTIONS = {
    "zaaktype": "zaaktypen",
    "informatieobjecttype": "informatieobjecttypen",
    "besluittype": "besluittypen",
}
URL_MAX_LENGTH = 1000


class TypeUrlField(serializers.CharField):
    """An absolute http(s) URL. Django's URLValidator would refuse hosts without a dot
    ("http://raadhuis:8000/..."), which are normal inside a container network."""

    default_error_messages = {"invalid": _("Voer een geldige URL in.")}

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value:
            parsed = urlsplit(value)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                self.fail("invalid")
        return value


class AutorisatieSerializer(serializers.Serializer):
    """One autorisatie; which fields exist depends on `component`."""

    component = serializers.ChoiceField(
        choices=Component.choices,
        help_text=_("Component waarop autorisatie van toepassing is."),
    )
    componentWeergave = serializers.SerializerMethodField(
        help_text=_("Omschrijving van `component`.")
    )
    scopes = serializers.ListField(
        child=serializers.CharField(max_length=100, min_length=1),
        help_text=_(
            "Lijst van scope labels. Elke scope geeft toegang tot een set van acties/operaties, "
            "zoals gedocumenteerd bij de betreffende component."
        ),
    )
    zaaktype = TypeUrlField(
        max_length=URL_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text=_("URL naar het zaaktype waarop de autorisatie van toepassing is."),
    )
    informatieobjecttype = TypeUrlField(
        max_length=URL_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text=_("URL naar het informatieobjecttype waarop de autorisatie van toepassing is."),
    )
    besluittype = TypeUrlField(
        max_length=URL_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text=_("URL naar het besluittype waarop de autorisatie van toepassing is."),
    )
    maxVertrouwelijkheidaanduiding = serializers.ChoiceField(
        source="max_vertrouwelijkheidaanduiding",
        choices=Vertrouwelijkheid.choices,
        required=False,
        allow_blank=True,
        help_text=_("Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief)."),
    )

    def get_componentWeergave(self, obj: Autorisatie) -> str:  # noqa: N802 (the spec's name)
        return str(Component(obj.component).label)

    def to_representation(self, instance: Autorisatie) -> dict[str, Any]:
        data = super().to_representation(instance)
        extra = COMPONENT_FIELDS.get(instance.component, {})
        keep = {"component", "componentWeergave", "scopes", *extra}
        return {key: value for key, value in data.items() if key in keep}

    def validate(self, attrs: dict[str, Any]) -> AutorisatieData:  # type: ignore[override]
        """Only the fields of the component count; a type URL must point at a type of the
        calling application's organisation."""
        component = attrs["component"]
        data = AutorisatieData(component=component, scopes=list(attrs["scopes"]))
        errors: dict[str, list[Any]] = {}
        for api_name, attribute in COMPONENT_FIELDS[component].items():
            value = attrs.get(attribute, "") or ""
            setattr(data, attribute, value)
            if attribute in TYPE_COLLECTIONS and value:
                error = self._type_error(attribute, value)
                if error is not None:
                    errors[api_name] = [error]
        if errors:
            raise serializers.ValidationError(errors)
        return data

    def _type_error(self, soort: str, url: str) -> serializers.ErrorDetail | None:
        parts = path_of(url).rstrip("/").rsplit("/", 2)
        try:
            type_uuid = uuid.UUID(parts[-1])
        except ValueError:
            type_uuid = None
        if type_uuid is None or len(parts) < 2 or parts[-2] != TYPE_COLLECTIONS[soort]:
            return serializers.ErrorDetail(
                str(_("Ongeldige URL: dit is geen URL van een {resource}.")).format(resource=soort),
                code="bad-url",
            )
        actor = self.context["view"].actor
        if not type_namen(actor=actor, soort=soort, uuids=[type_uuid]):
            return serializers.ErrorDetail(
                str(_("Er bestaat geen {resource} met deze URL.")).format(resource=soort),
                code="does_not_exist",
            )
        return None


class ClientIdsField(serializers.ListField):
    """`clientIds`: the client ids of the application (stored as separate rows)."""

    child = serializers.CharField(max_length=50, min_length=1)

    def get_attribute(self, instance: Applicatie) -> list[str]:
        return sorted(c.client_id for c in instance.clients.all())


class ApplicatieSerializer(serializers.Serializer):
    url = UUIDHyperlinkedIdentityField(
        view_name="autorisaties:applicatie-detail",
        help_text=_(
            "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit "
            "object."
        ),
    )
    clientIds = ClientIdsField(
        source="client_ids",
        help_text=_(
            "Lijst van consumer identifiers (hun 'client_id'). Een `client_id` mag slechts bij "
            "één applicatie-object voorkomen."
        ),
    )
    label = serializers.CharField(
        max_length=100,
        min_length=1,
        help_text=_("Een leesbare representatie van de applicatie, voor eindgebruikers."),
    )
    heeftAlleAutorisaties = serializers.BooleanField(
        source="heeft_alle_autorisaties",
        required=False,
        help_text=_(
            "Indien alle autorisaties gegeven zijn, dan hoeven deze niet individueel opgegeven "
            "te worden. Gebruik dit alleen als je de consumer helemaal vertrouwt."
        ),
    )
    alleenIsGereedVoorPublicatie = serializers.BooleanField(
        source="alleen_is_gereed_voor_publicatie",
        required=False,
        default=False,
        help_text=_(
            "Indien `true` mag de betreffende  applicatie alleen documenten lezen met waarde "
            "`true` voor `isGereedVoorPublicatie`."
        ),
    )
    autorisaties = AutorisatieSerializer(many=True, required=False)

    def service_arguments(self) -> dict[str, Any]:
        """The validated data as keyword arguments of applicatie_create/applicatie_update.

        Given autorisaties without `heeftAlleAutorisaties` mean "not all"; `heeftAlleAutorisaties:
        true` without autorisaties means "none separately". Whatever else is left out keeps its
        value (PATCH) or gets its default (create, PUT)."""
        data = dict(self.validated_data)
        arguments: dict[str, Any] = {}
        if "label" in data:
            arguments["label"] = data["label"]
        if "client_ids" in data:
            arguments["client_ids"] = list(data["client_ids"])
        if "alleen_is_gereed_voor_publicatie" in data:
            arguments["alleen_is_gereed_voor_publicatie"] = data["alleen_is_gereed_voor_publicatie"]
        alle = data.get("heeft_alle_autorisaties")
        autorisaties = data.get("autorisaties")
        if alle is None and autorisaties:
            alle = False
        if alle is True and autorisaties is None:
            autorisaties = []
        if alle is not None:
            arguments["heeft_alle_autorisaties"] = alle
        if autorisaties is not None:
            arguments["autorisaties"] = list(autorisaties)
        return arguments
