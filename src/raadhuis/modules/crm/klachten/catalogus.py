"""The complaint case type: one published case type CRM-KLACHT in a catalogue "Klachten", made
through the kernel catalogue services (so it has an audit trail and a functional administrator
can version it). `klacht_catalogus_ensure(organisatie)` is idempotent.

Each status type carries the complaint status in `omschrijving_generiek`, so moving a complaint
and setting the kernel status are one step (services._zaak_status_volgen).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    Catalogus,
    InformatieObjectType,
    ResultaatType,
    RolOmschrijving,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import (
    catalogus_create,
    informatieobjecttype_create,
    informatieobjecttype_publish,
    typeonderdeel_create,
    zaaktype_create,
    zaaktype_publish,
)
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
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


def klacht_catalogus_ensure(organisatie: Organisatie) -> ZaakType:
    """The published case type CRM-KLACHT, created with its catalogue when missing."""
    bestaand = klacht_zaaktype(organisatie)
    if bestaand is not None:
        return bestaand
    actor = Actor.system(organisatie, weergave="Klachten (inrichting)")
    with transaction.atomic():
        catalogus = _catalogus(actor, organisatie)
        documenttypen = _documenttypen(actor, catalogus)
        return _zaaktype(actor, catalogus, documenttypen)


def _catalogus(actor: Actor, organisatie: Organisatie) -> Catalogus:
    bestaand = Catalogus.objects.filter(
        organisatie=organisatie, domein=CATALOGUS_DOMEIN, extern_url=""
    ).first()
    if bestaand is not None:
        return bestaand
    return catalogus_create(
        actor=actor,
        naam="Klachten",
        domein=CATALOGUS_DOMEIN,
        rsin=organisatie.rsin,
        contactpersoon_beheer_naam="Klachtencoördinator",
        versie="1",
        begindatum_versie=GELDIG_VANAF,
    )


def _documenttypen(actor: Actor, catalogus: Catalogus) -> dict[str, InformatieObjectType]:
    result = {}
    for omschrijving, _richting, categorie in DOCUMENTTYPEN:
        iot = (
            InformatieObjectType.objects.filter(catalogus=catalogus, omschrijving=omschrijving)
            .order_by("-begin_geldigheid")
            .first()
        )
        if iot is None:
            iot = informatieobjecttype_create(
                actor=actor,
                catalogus=catalogus,
                fields={
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK,
                    "informatieobjectcategorie": categorie,
                    "begin_geldigheid": GELDIG_VANAF,
                },
            )
        if iot.concept:
            iot = informatieobjecttype_publish(actor=actor, informatieobjecttype=iot)
        result[omschrijving] = iot
    return result


def _zaaktype(
    actor: Actor, catalogus: Catalogus, documenttypen: dict[str, InformatieObjectType]
) -> ZaakType:
    zaaktype = zaaktype_create(
        actor=actor,
        catalogus=catalogus,
        fields={
            "identificatie": ZAAKTYPE_IDENTIFICATIE,
            "omschrijving": "Klacht (Awb hoofdstuk 9)",
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
            "verantwoordelijke": catalogus.organisatie.naam,
            "versiedatum": GELDIG_VANAF,
            "begin_geldigheid": GELDIG_VANAF,
        },
    )
    eerste = None
    for volgnummer, (naam, status) in enumerate(STATUSSEN, start=1):
        statustype = typeonderdeel_create(
            actor=actor,
            model=StatusType,
            zaaktype=zaaktype,
            fields={
                "omschrijving": naam,
                "omschrijving_generiek": status,
                "statustekst": f"Uw klacht heeft de status '{naam}'.",
                "volgnummer": volgnummer,
                "informeren": volgnummer in (1, len(STATUSSEN)),
            },
        )
        eerste = eerste or statustype
    for omschrijving, generiek in ROLTYPEN:
        typeonderdeel_create(
            actor=actor,
            model=RolType,
            zaaktype=zaaktype,
            fields={"omschrijving": omschrijving, "omschrijving_generiek": generiek},
        )
    for omschrijving in RESULTATEN.values():
        typeonderdeel_create(
            actor=actor,
            model=ResultaatType,
            zaaktype=zaaktype,
            fields={
                "omschrijving": omschrijving,
                "archiefnominatie": Archiefnominatie.VERNIETIGEN,
                "archiefactietermijn": BEWAARTERMIJN,
                "afleidingswijze": "afgehandeld",
                "toelichting": "Vernietigen 5 jaar na afhandeling van de klacht.",
            },
        )
    richting = {o: r for o, r, _c in DOCUMENTTYPEN}
    for volgnummer, (naam, iot) in enumerate(documenttypen.items(), start=1):
        typeonderdeel_create(
            actor=actor,
            model=ZaakTypeInformatieObjectType,
            zaaktype=zaaktype,
            fields={
                "informatieobjecttype": iot,
                "volgnummer": volgnummer,
                "richting": richting[naam],
                "statustype": eerste,
            },
        )
    return zaaktype_publish(actor=actor, zaaktype=zaaktype)
