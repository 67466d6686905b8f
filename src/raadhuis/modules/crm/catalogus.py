"""The CRM's one case type: 'Opvolging klantcontact' (a call-back or a question to answer).

A kernel Taak always belongs to a case, so a follow-up of a contact moment that is not about an
existing case gets a small case of this type, with the relation as initiator and the assignee
as behandelaar. That puts the follow-up in the work queue, the audit trail and retention like
any other case. Declared as a kernel catalogue spec (kernel/catalog/inrichting.py), so a
functional administrator can version it later.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from raadhuis.kernel.catalog.inrichting import (
    CatalogusSpec,
    ResultaattypeSpec,
    RoltypeSpec,
    StatustypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    gepubliceerd_zaaktype,
)
from raadhuis.kernel.catalog.models import RolOmschrijving, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
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

# The CRM catalogue "Relatiebeheer"; the contract module adds its case type to the same one.
CRM_CATALOGUS = CatalogusSpec(
    naam="Relatiebeheer",
    domein=CATALOGUS_DOMEIN,
    contactpersoon_beheer_naam="Functioneel beheer CRM",
    geldig_vanaf=GELDIG_VANAF,
)
OPVOLGING = ZaaktypeSpec(
    identificatie=OPVOLGING_ZAAKTYPE,
    omschrijving="Opvolging klantcontact",
    fields={
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
    },
    statustypen=tuple(StatustypeSpec(naam, statustekst=naam) for naam in STATUSSEN),
    roltypen=tuple(RoltypeSpec(*rol) for rol in ROLTYPEN),
    resultaattypen=tuple(
        ResultaattypeSpec(naam, "P2Y", "Vernietigen 2 jaar na afhandeling.") for naam in RESULTATEN
    ),
)


def crm_catalogus_ensure(organisatie: Organisatie) -> ZaakType:
    """The published case type 'Opvolging klantcontact' of the organisation, made when
    missing. Safe to call again."""
    bestaand = opvolging_zaaktype(organisatie)
    if bestaand is not None:
        return bestaand
    catalogus_inrichten(
        organisatie,
        replace(CRM_CATALOGUS, zaaktypen=(OPVOLGING,)),
        weergave="Relatiebeheer (inrichting)",
    )
    return gepubliceerd_zaaktype(organisatie, OPVOLGING_ZAAKTYPE)


def opvolging_zaaktype(organisatie: Organisatie) -> ZaakType | None:
    """The current published version of 'Opvolging klantcontact', if the catalogue has it."""
    return (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie, identificatie=OPVOLGING_ZAAKTYPE, concept=False
        )
        .order_by("-begin_geldigheid", "-pk")
        .first()
    )
