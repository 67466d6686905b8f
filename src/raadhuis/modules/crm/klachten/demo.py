"""Demo data for complaint handling: the complaint case type and letters, three departments
when the organisation has none, fictitious complainants, and about a dozen complaints in every
stage, made through the services (so they carry a real audit trail, letters and tasks).

Call from tools/demo.py after the organisation and its medewerkers exist::

    from raadhuis.modules.crm.klachten.demo import klachten_demo_load
    klachten_demo_load(organisatie)

Every active medewerker with the role `medewerker` is granted the complaint case type. Safe to
call again: an organisation that already has complaints is left as it is.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.kernel.parties.services import natuurlijk_persoon_create
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.klachten import services
from raadhuis.modules.crm.klachten.brieven import sjablonen_ensure
from raadhuis.modules.crm.klachten.catalogus import ZAAKTYPE_IDENTIFICATIE, klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import (
    Categorie,
    GeenHoorzittingReden,
    Kanaal,
    Klacht,
    NietBehandelenGrond,
    Oordeel,
)

AFDELINGEN = (("KL-BZ", "Burgerzaken"), ("KL-WB", "Wijkbeheer"), ("KL-BEL", "Belastingen"))
KLAGERS = (
    ("Fictief-Jansen", "Anna", "anna.fictief@example.org", "Demostraat", 1),
    ("Proefmans", "Bram", "bram.proefmans@example.org", "Testlaan", 22),
    ("de Voorbeeld", "Chantal", "chantal.voorbeeld@example.org", "Proefweg", 7),
    ("Testerink", "Dirk", "dirk.testerink@example.org", "Oefenplein", 3),
    ("Verzonnen", "Esra", "esra.verzonnen@example.org", "Fantasiestraat", 48),
)
ONDERWERPEN = (
    (Categorie.BEJEGENING, Kanaal.BALIE, "Onvriendelijk te woord gestaan aan de balie"),
    (Categorie.BEREIKBAARHEID, Kanaal.TELEFOON, "Niet teruggebeld na drie telefoontjes"),
    (Categorie.TERMIJN, Kanaal.EMAIL, "Geen reactie op aanvraag parkeervergunning"),
    (Categorie.DIENSTVERLENING, Kanaal.PORTAAL, "Melding kapotte lantaarnpaal niet opgepakt"),
    (
        Categorie.INFORMATIE,
        Kanaal.BRIEF,
        "Onduidelijke uitleg in aanslag gemeentelijke belastingen",
    ),
    (Categorie.PROCEDURE, Kanaal.SOCIAL_MEDIA, "Afvalcontainer niet geleegd, klacht via Facebook"),
)


def klachten_demo_load(
    organisatie: Organisatie, *, aantal: int = 12, seed: int = 9
) -> list[Klacht]:
    bestaand = list(Klacht.objects.filter(organisatie=organisatie))
    if bestaand:
        return bestaand
    klacht_catalogus_ensure(organisatie)
    sjablonen_ensure(organisatie)
    medewerkers = _medewerkers_met_toegang(organisatie)
    if len(medewerkers) < 2:
        return []  # a handler and someone else are needed (Awb 9:7)
    afdelingen = _afdelingen(organisatie, medewerkers)
    rng = random.Random(seed)  # noqa: S311 - demo data
    registrator = Actor.for_medewerker(medewerkers[0])
    klagers = [_klager(registrator, *gegevens) for gegevens in KLAGERS]
    today = vandaag(organisatie.tijdzone)
    klachten = []
    for i in range(aantal):
        categorie, kanaal, onderwerp = ONDERWERPEN[i % len(ONDERWERPEN)]
        behandelaar, betreft = rng.sample(medewerkers, 2)
        actor = Actor.for_medewerker(behandelaar)
        with transaction.atomic():
            klacht = services.klacht_create(
                actor=actor,
                klager=klagers[i % len(klagers)],
                kanaal=kanaal,
                ontvangen_op=today - timedelta(days=(i * 7) % 75),
                categorie=categorie,
                onderwerp=onderwerp,
                omschrijving=f"{onderwerp}. (Fictieve demoklacht {i + 1}.)",
                afdeling=afdelingen[i % len(afdelingen)],
                behandelaar=behandelaar,
                betreft_medewerker=betreft if i % 3 else None,
                adviescommissie=i == 5,
            )
            _voortgang(actor, klacht, stap=i % 7, tijdzone=organisatie.tijdzone)
        klachten.append(klacht)
    return klachten


def _medewerkers_met_toegang(organisatie: Organisatie) -> list[Medewerker]:
    medewerkers = [
        m
        for m in Medewerker.objects.filter(organisatie=organisatie, actief=True).order_by("pk")
        if Rol.MEDEWERKER in m.rollen
    ]
    for m in medewerkers:
        ZaakTypeAutorisatie.objects.get_or_create(
            medewerker=m,
            zaaktype_identificatie=ZAAKTYPE_IDENTIFICATIE,
            defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
        )
    return [
        Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=m.pk)
        for m in medewerkers
    ]


def _afdelingen(
    organisatie: Organisatie, medewerkers: list[Medewerker]
) -> list[OrganisatorischeEenheid]:
    """The organisation's units; three demo departments when it has none, with every
    medewerker in the first so the complaints are visible after logging in."""
    eenheden = list(OrganisatorischeEenheid.objects.filter(organisatie=organisatie)[:3])
    if eenheden:
        return eenheden
    eenheden = [
        OrganisatorischeEenheid.objects.get_or_create(
            organisatie=organisatie, identificatie=code, defaults={"naam": naam}
        )[0]
        for code, naam in AFDELINGEN
    ]
    for m in medewerkers:
        m.eenheden.add(eenheden[0])
    return eenheden


def _klager(actor: Actor, achternaam: str, voornaam: str, email: str, straat: str, nummer: int):  # noqa: ANN202
    return natuurlijk_persoon_create(
        actor=actor,
        geslachtsnaam=achternaam,
        voornamen=voornaam,
        email=email,
        adres={
            "soort": "woonadres",
            "straatnaam": straat,
            "huisnummer": nummer,
            "postcode": "9999ZZ",
            "woonplaats": "Demostad",
        },
    )


def _voortgang(actor: Actor, klacht: Klacht, *, stap: int, tijdzone: str) -> None:
    """Take the complaint a number of steps through its handling."""
    if stap == 0:
        return  # just received
    if stap == 6:
        services.klacht_informeel_oplossen(
            actor=actor, klacht=klacht, toelichting="Klager teruggebeld en excuses aangeboden."
        )
        return
    if klacht.is_schriftelijk:
        services.klacht_ontvangst_bevestigen(actor=actor, klacht=klacht)
    if stap == 5:
        services.klacht_niet_behandelen(
            actor=actor,
            klacht=klacht,
            grond=NietBehandelenGrond.BEZWAAR_MOGELIJK,
            toelichting="Tegen de aanslag staat bezwaar open.",
        )
        return
    services.klacht_in_behandeling_nemen(actor=actor, klacht=klacht)
    if stap == 1:
        return
    if stap == 2:
        morgen = vandaag(tijdzone) + timedelta(days=3)
        services.klacht_hoorzitting_plannen(
            actor=actor,
            klacht=klacht,
            op=datetime.combine(morgen, time(10, 30), ZoneInfo(tijdzone)),
            locatie="Stadhuis, spreekkamer 2",
        )
        return
    if stap == 3 and klacht.verdaagd_tot is None and klacht.uiterlijk >= vandaag(tijdzone):
        services.klacht_verdagen(
            actor=actor,
            klacht=klacht,
            verdaagd_tot=klacht.uiterlijk_oorspronkelijk + timedelta(days=14),
            reden="Wij wachten op de reactie van de betrokken afdeling.",
        )
        return
    services.klacht_geen_hoorzitting(
        actor=actor,
        klacht=klacht,
        reden=GeenHoorzittingReden.AFGEZIEN,
        toelichting="Klager gaf telefonisch aan geen gesprek te willen.",
    )
    services.klacht_besluit_verzenden(
        actor=actor,
        klacht=klacht,
        oordeel=(Oordeel.GEGROND, Oordeel.DEELS_GEGROND, Oordeel.ONGEGROND)[klacht.pk % 3],
        bevindingen="Uit het dossier en het gesprek met de afdeling blijkt wat er is gebeurd.",
        conclusies="Wij hebben de klager excuses aangeboden waar dat terecht was.",
        maatregelen="De werkinstructie wordt aangepast.",
    )
    services.klacht_afhandelen(actor=actor, klacht=klacht)
