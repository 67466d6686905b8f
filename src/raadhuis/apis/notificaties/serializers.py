"""Notificaties API 1.0.1 resources: Kanaal, Abonnement (with its FilterGroups) and Message.
Field names, lengths and shapes follow notificaties-1.0.1.yaml; validation of meaning
(channel exists, filters are kenmerken of the channel, unique names) is in the kernel service."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.apis.common.fields import UUIDHyperlinkedIdentityField
from raadhuis.kernel.events.models import Abonnement, AbonnementKanaal, Kanaal
from raadhuis.kernel.events.services import KanaalFilters


@extend_schema_field(
    {"type": "string", "format": "uri", "readOnly": True, "maxLength": 1000, "minLength": 1}
)
class UrlField(UUIDHyperlinkedIdentityField):
    """The `url` of a resource, described as the specification does."""


class DocumentatieLinkField(serializers.URLField):
    """A URL that may be left empty; not `allow_blank`, which would change its schema from the
    specification's plain `format: uri` into a `oneOf`."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return "" if data == "" else super().run_validation(data)


class KanaalSerializer(serializers.ModelSerializer):
    url = UrlField(view_name="notificaties:kanaal-detail")
    naam = serializers.CharField(
        max_length=50,
        min_length=1,
        help_text='Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.',
    )
    documentatieLink = DocumentatieLinkField(  # noqa: N815 - the specification's field name
        source="documentatie_link",
        max_length=200,
        required=False,
        help_text="URL naar documentatie.",
    )
    filters = serializers.ListField(
        child=serializers.CharField(max_length=100, min_length=1),
        required=False,
        help_text="Lijst van mogelijke filter kenmerken van een KANAAL. Deze filter kenmerken "
        "kunnen worden gebruikt bij het aanmaken van een ABONNEMENT.",
    )

    class Meta:
        model = Kanaal
        fields = ("url", "naam", "documentatieLink", "filters")


class FilterGroupSerializer(serializers.ModelSerializer):
    filters = serializers.DictField(
        child=serializers.CharField(max_length=1000, min_length=1),
        required=False,
        help_text="Map van kenmerken (sleutel/waarde) waarop notificaties gefilterd worden. "
        "Alleen notificaties waarvan de kenmerken voldoen aan het filter worden doorgestuurd "
        "naar de afnemer van het ABONNEMENT.",
    )
    naam = serializers.CharField(
        source="kanaal.naam",
        min_length=1,
        help_text="De naam van het KANAAL (`KANAAL.naam`) waarop een abonnement is of wordt "
        "genomen.",
    )

    class Meta:
        model = AbonnementKanaal
        fields = ("filters", "naam")


def _at_most(value: str, max_length: int | None) -> str:
    if max_length is not None and len(value) > max_length:
        raise serializers.ValidationError(
            f"Zorg ervoor dat dit veld niet meer dan {max_length} tekens bevat.",
            code="max_length",
        )
    return value


class AbonnementSerializer(serializers.ModelSerializer):
    url = UrlField(view_name="notificaties:abonnement-detail")
    callbackUrl = serializers.URLField(  # noqa: N815
        source="callback_url",
        min_length=1,
        help_text="De URL waar notificaties naar toe gestuurd dienen te worden. Deze URL dient "
        "uit te komen bij een API die geschikt is om notificaties op te ontvangen.",
    )
    auth = serializers.CharField(
        min_length=1,
        help_text='Autorisatie header invulling voor het vesturen naar de "Callback URL". '
        "Voorbeeld: Bearer a4daa31...",
    )
    kanalen = FilterGroupSerializer(
        many=True,
        help_text="Een lijst van kanalen en filters waarop het ABONNEMENT wordt afgenomen.",
    )

    class Meta:
        model = Abonnement
        fields = ("url", "callbackUrl", "auth", "kanalen")

    # The specification sets no maximum; the database column does (checked here, so the
    # schema stays the specification's).
    def validate_callbackUrl(self, value: str) -> str:  # noqa: N802
        # Which addresses may be called is the kernel's rule (events.callbacks), for every way
        # of registering a subscriber: 400 `invalid` or `intern-adres` on callbackUrl.
        return _at_most(value, Abonnement._meta.get_field("callback_url").max_length)

    def validate_auth(self, value: str) -> str:
        return _at_most(value, Abonnement._meta.get_field("auth").max_length)

    def service_kwargs(self) -> dict[str, Any]:
        """The validated data as keyword arguments of the kernel services."""
        data = self.validated_data
        kwargs: dict[str, Any] = {}
        if "callback_url" in data:
            kwargs["callback_url"] = data["callback_url"]
        if "auth" in data:
            kwargs["auth"] = data["auth"]
        if "kanalen" in data:
            kwargs["kanalen"] = [
                KanaalFilters(naam=groep["kanaal"]["naam"], filters=dict(groep.get("filters", {})))
                for groep in data["kanalen"]
            ]
        return kwargs


class MessageSerializer(serializers.Serializer):
    kanaal = serializers.CharField(
        max_length=50,
        min_length=1,
        help_text="De naam van het kanaal (`KANAAL.naam`) waar het bericht op moet worden "
        "gepubliceerd.",
    )
    hoofdObject = serializers.URLField(  # noqa: N815
        min_length=1,
        help_text="URL-referentie naar het hoofd object van de publicerende API die betrekking "
        "heeft op de `resource`.",
    )
    resource = serializers.CharField(
        max_length=100, min_length=1, help_text="De resourcenaam waar de notificatie over gaat."
    )
    resourceUrl = serializers.URLField(  # noqa: N815
        min_length=1, help_text="URL-referentie naar de `resource` van de publicerende API."
    )
    actie = serializers.CharField(
        max_length=100,
        min_length=1,
        help_text="De actie die door de publicerende API is gedaan. De publicerende API "
        "specificeert de toegestane acties.",
    )
    aanmaakdatum = serializers.DateTimeField(
        help_text="Datum en tijd waarop de actie heeft plaatsgevonden."
    )
    kenmerken = serializers.DictField(
        child=serializers.CharField(max_length=1000, min_length=1),
        required=False,
        help_text="Mapping van kenmerken (sleutel/waarde) van de notificatie. De publicerende "
        "API specificeert de toegestane kenmerken.",
    )

    def bericht(self) -> dict[str, Any]:
        """The message as it was sent, to be routed unchanged (only its known fields)."""
        return {name: self.initial_data[name] for name in self.fields if name in self.initial_data}
