"""The rules of the Documenten API that a document's metadata must meet, each raising the
ValidationError (with the reference implementation's code) the API shows in invalidParams."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.catalog.models import InformatieObjectType
from raadhuis.kernel.documents.koppelingen import (  # noqa: F401  (public API of this module)
    besluit_document_add,
    besluit_document_remove,
    zaak_informatieobject_create,
    zaak_informatieobject_delete,
    zaak_informatieobject_update,
)
from raadhuis.kernel.documents.models import (
    DocumentStatus,
    InformatieObject,
)
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.validators import validate_rsin

# Received documents are never "in progress" (Documenten API, attribute status).
ONTVANGEN_ONGELDIGE_STATUSSEN = (DocumentStatus.IN_BEWERKING, DocumentStatus.TER_VASTSTELLING)


# --- rules ----------------------------------------------------------------------------------
def informatieobjecttype_check(informatieobjecttype: InformatieObjectType, organisatie_id: int):
    if informatieobjecttype.catalogus.organisatie_id != organisatie_id:
        raise field_error(
            "informatieobjecttype",
            _("Het informatieobjecttype bestaat niet."),
            code="does_not_exist",
        )
    if informatieobjecttype.concept:
        raise field_error(
            "informatieobjecttype",
            _("Het informatieobjecttype is niet gepubliceerd."),
            code="not-published",
        )


def status_check(gegevens: Mapping[str, Any]) -> None:
    """The status values 'in bewerking' and 'ter vaststelling' do not apply to documents
    with an ontvangstdatum."""
    if gegevens.get("ontvangstdatum") and gegevens.get("status") in ONTVANGEN_ONGELDIGE_STATUSSEN:
        raise field_error(
            "status",
            _(
                "De statuswaarden `in_bewerking, ter_vaststelling` zijn niet van toepassing "
                "op ontvangen documenten."
            ),
            code="invalid_for_received",
        )


def bronorganisatie_check(bronorganisatie: str) -> None:
    try:
        validate_rsin(bronorganisatie)
    except ValidationError as error:
        raise ValidationError({"bronorganisatie": error.error_list}) from error


def identificatie_check(bronorganisatie: str, identificatie: str, *, behalve: int | None) -> None:
    bezet = InformatieObject.objects.filter(
        bronorganisatie=bronorganisatie, identificatie=identificatie
    )
    if behalve is not None:
        bezet = bezet.exclude(pk=behalve)
    if bezet.exists():
        raise field_error(
            "identificatie",
            _("Deze identificatie ({identificatie}) bestaat al voor deze bronorganisatie.").format(
                identificatie=identificatie
            ),
            code="identificatie-niet-uniek",
        )


def indicatie_gebruiksrecht_check(indicatie: bool | None, heeft_gebruiksrechten: bool) -> None:
    """indicatieGebruiksrecht follows the GEBRUIKSRECHTen: set by creating them, cleared by
    removing the last one; a client cannot set or clear it directly."""
    if heeft_gebruiksrechten and not indicatie:
        raise field_error(
            "indicatie_gebruiksrecht",
            _(
                "De indicatie kan niet weggehaald worden of ongespecifieerd zijn als er "
                "Gebruiksrechten gedefinieerd zijn."
            ),
            code="existing-gebruiksrechten",
        )
    if indicatie and not heeft_gebruiksrechten:
        raise field_error(
            "indicatie_gebruiksrecht",
            _(
                "De indicatie moet op 'ja' gezet worden door `gebruiksrechten` aan te maken, "
                "dit kan niet direct op deze resource."
            ),
            code="missing-gebruiksrechten",
        )


def omvang_fout() -> ValidationError:
    return ValidationError(
        _("De grootte van het bestand komt niet overeen met het veld 'bestandsomvang'."),
        code="file-size",
    )
