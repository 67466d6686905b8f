"""Fields of the Documenten API that the shared ones do not cover: a document's own URL (the
serialised object is a version), base64 content in and a download link out, and attributes
that live on the document rather than on the version."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.files.base import ContentFile
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.reverse import reverse

from raadhuis.apis.common.fields import UUIDHyperlinkedRelatedField
from raadhuis.kernel.documents.models import InformatieObjectVersie

EIO_DETAIL = "documenten:enkelvoudiginformatieobject-detail"
EIO_DOWNLOAD = "documenten:enkelvoudiginformatieobject-download"


def document_url(request: Any, document_uuid: Any) -> str:
    return reverse(EIO_DETAIL, kwargs={"uuid": document_uuid}, request=request)


class DocumentUrlField(serializers.Field):
    """The URL of the document a version belongs to (`url` of an EnkelvoudigInformatieObject)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, value: InformatieObjectVersie) -> str:
        return document_url(self.context.get("request"), value.informatieobject.uuid)


class DocumentAttribuutField(serializers.Field):
    """An attribute kept on the document for all its versions (`locked`,
    `indicatieGebruiksrecht`); written under the field's own name."""

    def __init__(self, attribuut: str, inner: serializers.Field, **kwargs: Any) -> None:
        self.attribuut = attribuut
        self.inner = inner
        super().__init__(**kwargs)

    def get_attribute(self, instance: InformatieObjectVersie) -> Any:
        return getattr(instance.informatieobject, self.attribuut)

    def to_representation(self, value: Any) -> Any:
        return self.inner.to_representation(value) if value is not None else None

    def to_internal_value(self, data: Any) -> Any:
        return self.inner.run_validation(data)


class Base64InhoudField(serializers.Field):
    """`inhoud`: base64 content when writing, the download URL of that version when reading
    (null when the version has no content yet)."""

    default_error_messages = {
        "invalid-base64": _("De inhoud is geen geldige base64-gecodeerde tekst."),
        "incorrect-base64-padding": _("De base64-gecodeerde inhoud heeft een onjuiste padding."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: InformatieObjectVersie) -> InformatieObjectVersie:
        return instance

    def to_internal_value(self, data: Any) -> ContentFile | None:
        if not isinstance(data, str):
            self.fail("invalid-base64")
        if "," in data and data.startswith("data:"):
            data = data.split(",", 1)[1]
        try:
            inhoud = base64.b64decode(data, validate=True)
        except binascii.Error as error:
            self.fail("incorrect-base64-padding" if "padding" in str(error) else "invalid-base64")
        return ContentFile(inhoud, name="inhoud")

    def to_representation(self, value: InformatieObjectVersie) -> str | None:
        if not value.bestand:
            return None
        url = reverse(
            EIO_DOWNLOAD,
            kwargs={"uuid": value.informatieobject.uuid},
            request=self.context.get("request"),
        )
        return f"{url}?{urlencode({'versie': value.versie})}"


class LockMethodField(serializers.SerializerMethodField):
    """The lock of a part's document; a plain string in the specification's schema."""


class TypeUrlField(UUIDHyperlinkedRelatedField):
    """A reference to a type in the Catalogi API (maxLength 200 in the specification)."""

    schema_max_length = 200
