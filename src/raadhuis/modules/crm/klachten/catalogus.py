"""The complaint case type: one published case type CRM-KLACHT in a catalogue "Klachten", made
through the kernel catalogue services (so it has an audit trail and a functional administrator
can version it). `klacht_catalogus_ensure(organisatie)` is idempotent.

Each status type carries the complaint status in `omschrijving_generiek`, so moving a complaint
and setting the kernel status are one step (services._zaak_status_volgen).
"""

from __future__ import annotations

from datetime import date

from raadhuis.kernel.catalog.inrichting import (
    CatalogusSpec,
    DocumenttypeSpec,
    ResultaattypeSpec,
    RoltypeSpec,
    ZaaktypeSpec,
    catalogus_inrichten,
    gepubliceerd_zaaktype,
    statustypen_met_informeren,
)
from raadhuis.kernel.catalog.models import RolOmschrijving, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.crm.klachten.models import KlachtStatus, Oordeel

ZAAKTYPE_IDENTIFICATIE = "CRM-KLACHT"
CATALOGUS_DOMEIN = "KLACH"
GELDIG_VANAF = date(2020, 1, 1)
# Selectielijst gemeenten 2020, 11.1.2 (klachtbehandeling): destroy one year after closing is
# the list's minimum; municipalities commonly keep complaints 5 years for the annual report.
BEWAARTERMIJN = "P5Y"

# (status type, complaint status), in order; the last one closes the case.
STATUSSEN = (
    ("Ontvangen", KlachtStatus.ONTVANGEN),
    ("Ontvangst bevestigd", KlachtStatus.ONTVANGST_BEVESTIGD),
    ("In behandeling", KlachtStatus.IN_BEHANDELING),
    ("Hoorzitting", KlachtStatus.HOORZITTING),
    ("Besluit verzonden", KlachtStatus.BESLUIT_VERZONDEN),
    ("Afgehandeld", KlachtStatus.AFGEHANDELD),
)
# Result type per way a complaint ends (oordeel for a decision, else the end status).
RESULTATEN = {
    Oordeel.GEGROND: "Gegrond",
    Oordeel.DEELS_GEGROND: "Deels gegrond",
    Oordeel.ONGEGROND: "Ongegrond",
    Oordeel.GEEN_OORDEEL: "Geen oordeel",
    KlachtStatus.NIET_ONTVANKELIJK: "Niet in behandeling genomen",
    KlachtStatus.INGETROKKEN: "Ingetrokken",
    KlachtStatus.INFORMEEL_OPGELOST: "Informeel opgelost",
}
DOCUMENTTYPEN = (
    ("Brief", "uitgaand", "Brief"),
    ("Klaagschrift", "inkomend", "Brief"),
    ("Verslag hoorzitting", "intern", "Verslag"),
)
ROLTYPEN = (
    ("Klager", RolOmschrijving.INITIATOR),
    ("Klachtbehandelaar", RolOmschrijving.BEHANDELAAR),
    ("Betrokkene", RolOmschrijving.BELANGHEBBENDE),
)


def klacht_zaaktype(organisatie: Organisatie) -> ZaakType | None:
    """The newest published complaint case type of the organisation."""
    return (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie,
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            concept=False,
        )
        .order_by("-versiedatum", "-id")
        .first()
    )


KLACHTEN_CATALOGUS = CatalogusSpec(
    naam="Klachten",
    domein=CATALOGUS_DOMEIN,
    contactpersoon_beheer_naam="Klachtencoördinator",
    geldig_vanaf=GELDIG_VANAF,
    documenttypen=tuple(
        DocumenttypeSpec(omschrijving, richting, categorie)
        for omschrijving, richting, categorie in DOCUMENTTYPEN
    ),
    zaaktypen=(
        ZaaktypeSpec(
            identificatie=ZAAKTYPE_IDENTIFICATIE,
            omschrijving="Klacht (Awb hoofdstuk 9)",
            fields={
                "omschrijving_generiek": "Klacht",
                "vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK,
                "doel": "Een klacht over een gedraging van de gemeente behoorlijk behandelen.",
                "aanleiding": "Een inwoner, bedrijf of organisatie dient een klacht in.",
                "indicatie_intern_of_extern": "extern",
                "onderwerp": "Klacht",
                "doorlooptijd": "P6W",
                "servicenorm": "P6W",
                "opschorting_en_aanhouding_mogelijk": False,
                "verlenging_mogelijk": True,
                "verlengingstermijn": "P4W",
                "trefwoorden": ["klacht", "Awb"],
                "referentieproces_naam": "Klachtbehandeling (Awb hoofdstuk 9)",
            },
            statustypen=statustypen_met_informeren(
                STATUSSEN, "Uw klacht heeft de status '{naam}'."
            ),
            roltypen=tuple(RoltypeSpec(*rol) for rol in ROLTYPEN),
            resultaattypen=tuple(
                ResultaattypeSpec(
                    omschrijving,
                    BEWAARTERMIJN,
                    "Vernietigen 5 jaar na afhandeling van de klacht.",
                )
                for omschrijving in RESULTATEN.values()
            ),
            documenttypen=tuple(omschrijving for omschrijving, _r, _c in DOCUMENTTYPEN),
        ),
    ),
)


def klacht_catalogus_ensure(organisatie: Organisatie) -> ZaakType:
    """The published case type CRM-KLACHT, created with its catalogue when missing."""
    bestaand = klacht_zaaktype(organisatie)
    if bestaand is not None:
        return bestaand
    catalogus_inrichten(organisatie, KLACHTEN_CATALOGUS, weergave="Klachten (inrichting)")
    return gepubliceerd_zaaktype(organisatie, ZAAKTYPE_IDENTIFICATIE)
