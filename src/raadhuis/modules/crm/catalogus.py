"""The CRM's one case type: 'Opvolging klantcontact' (a call-back or a question to answer).

A kernel Taak always belongs to a case, so a follow-up of a contact moment that is not about an
existing case gets a small case of this type, with the relation as initiator and the assignee
as behandelaar. That puts the follow-up in the work queue, the audit trail and retention like
any other case. Made through the kernel catalogue services, so a functional administrator can
version it later.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    Catalogus,
    ResultaatType,
    RolOmschrijving,
    RolType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.catalog.services import (
    catalogus_create,
    typeonderdeel_create,
    zaaktype_create,
    zaaktype_publish,
)
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Organisatie

CATALOGUS_DOMEIN = "CRM"
OPVOLGING_ZAAKTYPE = "CRM-OPVOLGING"
GELDIG_VANAF = date(2020, 1, 1)
STATUSSEN = ("Opvolging gevraagd", "In behandeling", "Afgehandeld")
RESULTATEN = ("Afgehandeld", "Niet bereikt", "Vervallen")
ROLTYPEN = (
    ("Klant", RolOmschrijving.INITIATOR),
    ("Behandelaar", RolOmschrijving.BEHANDELAAR),
)


def crm_catalogus_ensure(organisatie: Organisatie) -> ZaakType:
    """The published case type 'Opvolging klantcontact' of the organisation, made when
    missing. Safe to call again."""
    bestaand = opvolging_zaaktype(organisatie)
    if bestaand is not None:
        return bestaand
    actor = Actor.system(organisatie, weergave="Relatiebeheer (inrichting)")
    with transaction.atomic():
        catalogus = Catalogus.objects.filter(
            organisatie=organisatie, domein=CATALOGUS_DOMEIN, extern_url=""
        ).first() or catalogus_create(
            actor=actor,
            naam="Relatiebeheer",
            domein=CATALOGUS_DOMEIN,
            rsin=organisatie.rsin,
            contactpersoon_beheer_naam="Functioneel beheer CRM",
            versie="1",
            begindatum_versie=GELDIG_VANAF,
        )
        zaaktype = zaaktype_create(
            actor=actor,
            catalogus=catalogus,
            fields={
                "identificatie": OPVOLGING_ZAAKTYPE,
                "omschrijving": "Opvolging klantcontact",
                "omschrijving_generiek": "Klantcontact",
                "vertrouwelijkheidaanduiding": Vertrouwelijkheid.ZAAKVERTROUWELIJK,
                "doel": "Een vraag of terugbelverzoek uit een klantcontact afhandelen.",
                "aanleiding": "Een klantcontact dat niet direct kon worden afgehandeld.",
                "indicatie_intern_of_extern": "extern",
                "onderwerp": "Opvolging klantcontact",
                "doorlooptijd": "P10D",
                "servicenorm": "P3D",
                "trefwoorden": ["klantcontact", "terugbelverzoek"],
                "referentieproces_naam": "Klantcontact",
                "verantwoordelijke": organisatie.naam,
                "versiedatum": GELDIG_VANAF,
                "begin_geldigheid": GELDIG_VANAF,
            },
        )
        for volgnummer, naam in enumerate(STATUSSEN, start=1):
            typeonderdeel_create(
                actor=actor,
                model=StatusType,
                zaaktype=zaaktype,
                fields={"omschrijving": naam, "volgnummer": volgnummer, "statustekst": naam},
            )
        for omschrijving, generiek in ROLTYPEN:
            typeonderdeel_create(
                actor=actor,
                model=RolType,
                zaaktype=zaaktype,
                fields={"omschrijving": omschrijving, "omschrijving_generiek": generiek},
            )
        for omschrijving in RESULTATEN:
            typeonderdeel_create(
                actor=actor,
                model=ResultaatType,
                zaaktype=zaaktype,
                fields={
                    "omschrijving": omschrijving,
                    "archiefnominatie": Archiefnominatie.VERNIETIGEN,
                    "archiefactietermijn": "P2Y",
                    "afleidingswijze": "afgehandeld",
                    "toelichting": "Vernietigen 2 jaar na afhandeling.",
                },
            )
        return zaaktype_publish(actor=actor, zaaktype=zaaktype)


def opvolging_zaaktype(organisatie: Organisatie) -> ZaakType | None:
    """The current published version of 'Opvolging klantcontact', if the catalogue has it."""
    return (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie, identificatie=OPVOLGING_ZAAKTYPE, concept=False
        )
        .order_by("-begin_geldigheid", "-pk")
        .first()
    )
