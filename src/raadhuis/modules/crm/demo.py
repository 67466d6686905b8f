"""Demo data for the CRM core: three departments (one the customer contact centre, which sees
every relation; the organisation's own when it has one by that name), twenty fictitious
relations of every kind with tags, contact persons, representation and contact moments across
all channels, three with an open follow-up task.

Everything goes through the services (real audit trail, events and tasks). All names are
obviously fictitious; BSNs are 11-check-valid numbers from 999 970 000 up (inside the demo's
range 999 900 000+, apart from other modules' demo persons; never a real person's).
Call from tools/demo.py after the logins exist::

    from raadhuis.modules.crm.demo import crm_demo_load
    crm_demo_load(organisatie, accountmanager=anna, kcc_medewerker=kees)

Safe to call again: an organisation that already has relations is left alone.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.services import natuurlijk_persoon_create
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.modules.crm.catalogus import OPVOLGING_ZAAKTYPE, crm_catalogus_ensure
from raadhuis.modules.crm.models import EenheidInstelling, Grondslag, Relatie, RelatieSoort
from raadhuis.modules.crm.services import (
    Opvolging,
    contactpersoon_add,
    klantcontact_create,
    relatie_create,
    relatie_handmatig_create,
    relatie_update,
    tag_ensure,
    vertegenwoordiging_add,
)

EENHEDEN = (
    ("CRM-EZ", "Economische Zaken", False),
    ("CRM-SPORT", "Sport en Cultuur", False),
    ("CRM-KCC", "Klantcontactcentrum", True),
)
# (kind, name, legal form, department, tags, contact person (first, last, role) or None)
ORGANISATIES = (
    (
        "bedrijf",
        "Proefbakkerij Het Testdeeg B.V.",
        "besloten_vennootschap",
        "CRM-EZ",
        ("detailhandel", "binnenstad"),
        ("Petra", "Voorbeeld", "Eigenaar"),
    ),
    (
        "bedrijf",
        "Café De Fictieve Hoek",
        "eenmanszaak",
        "CRM-EZ",
        ("horeca", "binnenstad"),
        ("Henk", "Proefmans", "Eigenaar"),
    ),
    (
        "bedrijf",
        "Demo Installatietechniek B.V.",
        "besloten_vennootschap",
        "CRM-EZ",
        ("bouw",),
        ("Ilse", "Testema", "Directeur"),
    ),
    (
        "bedrijf",
        "Fietsenmakerij Voorbeeldwiel",
        "vennootschap_onder_firma",
        "CRM-EZ",
        ("detailhandel",),
        ("Frank", "Spaak", "Vennoot"),
    ),
    (
        "bedrijf",
        "Hotel Het Proefkussen B.V.",
        "besloten_vennootschap",
        "CRM-EZ",
        ("horeca", "evenementen"),
        ("Sanne", "Dekbed", "Manager"),
    ),
    (
        "bedrijf",
        "Testlab Schoonmaak N.V.",
        "naamloze_vennootschap",
        "CRM-EZ",
        ("social return",),
        ("Mo", "Zeepsop", "Accountmanager"),
    ),
    ("bedrijf", "Drukkerij Dummytekst", "eenmanszaak", "CRM-EZ", (), None),
    (
        "bedrijf",
        "Groenvoorziening Fictief B.V.",
        "besloten_vennootschap",
        "CRM-EZ",
        ("social return",),
        ("Gijs", "Gazon", "Projectleider"),
    ),
    (
        "vereniging",
        "Voetbalvereniging Proef Boys",
        "vereniging",
        "CRM-SPORT",
        ("sport", "subsidie 2026"),
        ("Karin", "Doelpaal", "Secretaris"),
    ),
    (
        "vereniging",
        "Muziekvereniging De Testtoon",
        "vereniging",
        "CRM-SPORT",
        ("cultuur", "subsidie 2026"),
        ("Bert", "Trompet", "Voorzitter"),
    ),
    (
        "vereniging",
        "Stichting Buurthuis Voorbeeldwijk",
        "stichting",
        "CRM-SPORT",
        ("welzijn",),
        ("Aisha", "Buurtman", "Coördinator"),
    ),
    (
        "vereniging",
        "Zwemclub De Natte Proef",
        "vereniging",
        "CRM-SPORT",
        ("sport",),
        ("Wim", "Waterman", "Penningmeester"),
    ),
    (
        "partner",
        "Woningcorporatie Fictiefwonen",
        "stichting",
        "CRM-EZ",
        ("wonen",),
        ("Els", "Sleutel", "Relatiebeheerder"),
    ),
    (
        "partner",
        "Zorgcoöperatie Testzorg",
        "cooperatie",
        "CRM-SPORT",
        ("welzijn",),
        ("Ruud", "Pleister", "Bestuurder"),
    ),
    (
        "partner",
        "Regionaal Demo Werkbedrijf",
        "overig",
        "CRM-EZ",
        ("social return",),
        ("Lisa", "Baan", "Werkgeversadviseur"),
    ),
)
INWONERS = (
    ("Jan", "Proefpersoon", "CRM-EZ", "Starter: inschrijving ondernemersloket", 1),
    ("Fatima", "Testbewoner", "CRM-SPORT", "Vrijwilliger sportakkoord, toestemming per e-mail", 2),
    ("Kees", "Demomans", "CRM-EZ", "Marktkoopman, standplaatsvergunning", 3),
    ("Noor", "Voorbeeldig", "CRM-SPORT", "Deelnemer cultuurparticipatie, toestemming formulier", 4),
    ("Ahmet", "Fictiefoglu", "CRM-EZ", "Ondernemer in oprichting, intake ondernemersloket", 5),
)
CONTACTEN = (
    ("telefoon", "Vraag over terrasvergunning", "Wil weten wanneer de aanvraag beslist wordt."),
    ("email", "Uitnodiging ondernemersavond", "Aangemeld voor de avond van volgende maand."),
    ("balie", "Parkeervergunning bedrijfsbus", "Formulier meegegeven, uitgelegd welke stukken."),
    ("brief", "Bezwaar reclamebelasting", "Brief ontvangen en doorgestuurd naar Belastingen."),
    ("portaal", "Subsidieaanvraag evenement", "Vraag via het portaal over de termijn."),
    ("social_media", "Melding over afvalbakken", "Bericht via sociale media, doorgezet."),
)


def _bsn(volgnummer: int) -> str:
    """An 11-check-valid BSN from 999 970 000 up (the CRM demo's part of the demo range)."""
    n = volgnummer
    while True:
        body = f"99997{n:03d}"
        som = sum(int(c) * w for c, w in zip(body, range(9, 1, -1), strict=True))
        rest = som % 11
        if rest < 10:
            return body + str(rest)
        n += 1


def _eenheden(organisatie: Organisatie) -> dict[str, OrganisatorischeEenheid]:
    """The CRM's departments by their CRM code. A department the organisation already has
    under the same name (the demo's own "Klantcontactcentrum", code KCC) is reused, so every
    department filter and KPI table lists each department once."""
    eenheden = {}
    for identificatie, naam, alles in EENHEDEN:
        eenheid = (
            OrganisatorischeEenheid.objects.filter(organisatie=organisatie, naam=naam)
            .order_by("pk")
            .first()
        ) or (
            OrganisatorischeEenheid.objects.get_or_create(
                organisatie=organisatie, identificatie=identificatie, defaults={"naam": naam}
            )[0]
        )
        EenheidInstelling.objects.update_or_create(
            eenheid=eenheid, defaults={"organisatie": organisatie, "ziet_alle_relaties": alles}
        )
        eenheden[identificatie] = eenheid
    return eenheden


def _grant(medewerker: Medewerker) -> Actor:
    ZaakTypeAutorisatie.objects.get_or_create(
        medewerker=medewerker,
        zaaktype_identificatie=OPVOLGING_ZAAKTYPE,
        defaults={"max_vertrouwelijkheidaanduiding": Vertrouwelijkheid.VERTROUWELIJK},
    )
    return Actor.for_medewerker(
        Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=medewerker.pk)
    )


def crm_demo_load(
    organisatie: Organisatie,
    *,
    accountmanager: Medewerker,
    kcc_medewerker: Medewerker | None = None,
) -> list[Relatie]:
    """Load the demo relations; `accountmanager` joins Economische Zaken and Sport en Cultuur,
    `kcc_medewerker` the contact centre; both get the follow-up case type."""
    if Relatie.objects.filter(organisatie=organisatie).exists():
        return list(Relatie.objects.filter(organisatie=organisatie))
    crm_catalogus_ensure(organisatie)
    eenheden = _eenheden(organisatie)
    accountmanager.eenheden.add(eenheden["CRM-EZ"], eenheden["CRM-SPORT"])
    am = _grant(accountmanager)
    kcc = None
    if kcc_medewerker is not None:
        kcc_medewerker.eenheden.add(eenheden["CRM-KCC"])
        kcc = _grant(kcc_medewerker)
    with transaction.atomic():
        relaties = _organisaties(am, eenheden, accountmanager)
        relaties += _inwoners(am, eenheden)
        _contacten(am, kcc or am, relaties, accountmanager, kcc_medewerker or accountmanager)
    return relaties


def _organisaties(
    am: Actor, eenheden: dict[str, OrganisatorischeEenheid], accountmanager: Medewerker
) -> list[Relatie]:
    relaties = []
    for i, (soort, naam, rechtsvorm, eenheid, tags, contact) in enumerate(ORGANISATIES):
        relatie = relatie_handmatig_create(
            actor=am,
            soort=soort,
            naam=naam,
            rechtsvorm=rechtsvorm,
            eenheid=eenheden[eenheid],
            email=f"info@{naam.split()[-2].lower()}.example",
            accountmanager=accountmanager if i % 3 == 0 else None,
            tags=[tag_ensure(actor=am, naam=t) for t in tags],
        )
        if i == 1:
            relatie_update(
                actor=am,
                relatie=relatie,
                lokale_naam="De Hoek",
                lokale_notitie="Liever bellen dan mailen; eigenaar is er vanaf 11 uur.",
            )
        if contact is not None:
            voornaam, achternaam, rol = contact
            cp = contactpersoon_add(
                actor=am,
                relatie=relatie,
                rol=rol,
                voornamen=voornaam,
                geslachtsnaam=achternaam,
                email=f"{voornaam.lower()}@{naam.split()[-2].lower()}.example",
                primair=True,
            )
            if i in (0, 8):
                vertegenwoordiging_add(
                    actor=am,
                    relatie=relatie,
                    vertegenwoordiger=cp.persoon,
                    omschrijving="Tekenbevoegd voor vergunningen en subsidies",
                    begindatum=vandaag(am.organisatie.tijdzone) - timedelta(days=400),
                )
        relaties.append(relatie)
    return relaties


def _inwoners(am: Actor, eenheden: dict[str, OrganisatorischeEenheid]) -> list[Relatie]:
    relaties = []
    for voornaam, achternaam, eenheid, toelichting, volgnummer in INWONERS:
        persoon = natuurlijk_persoon_create(
            actor=am, geslachtsnaam=achternaam, voornamen=voornaam, bsn=_bsn(volgnummer * 10)
        )
        grondslag = (
            Grondslag.TOESTEMMING if "toestemming" in toelichting else Grondslag.PUBLIEKE_TAAK
        )
        relaties.append(
            relatie_create(
                actor=am,
                partij=persoon,
                soort=RelatieSoort.INWONER,
                eenheid=eenheden[eenheid],
                grondslag=grondslag,
                grondslag_toelichting=toelichting,
            )
        )
    return relaties


def _contacten(
    am: Actor,
    kcc: Actor,
    relaties: list[Relatie],
    accountmanager: Medewerker,
    kcc_medewerker: Medewerker,
) -> None:
    organisatie = am.organisatie
    tz = ZoneInfo(organisatie.tijdzone)
    today = vandaag(organisatie.tijdzone)
    for i, relatie in enumerate(relaties):
        for j in range(2):
            kanaal, onderwerp, inhoud = CONTACTEN[(i + j) % len(CONTACTEN)]
            dag = today - timedelta(days=3 + i * 2 + j * 11)
            moment = datetime.combine(dag, time(9 + (i % 7), 15 * j), tzinfo=tz)
            opvolging = None
            if j == 0 and i in (0, 8, 15):
                opvolging = Opvolging(
                    titel=f"Terugbellen: {onderwerp.lower()}",
                    toegewezen_aan=accountmanager,
                    vervaldatum=werkdagen_optellen(today, 2 + i % 3, organisatie.land),
                )
            klantcontact_create(
                actor=kcc if j == 1 else am,
                partij=relatie.partij,
                kanaal=kanaal,
                onderwerp=onderwerp,
                inhoud=inhoud,
                uitkomst="terugbelverzoek" if opvolging else "beantwoord",
                plaatsgevonden_op=moment,
                vertrouwelijk=(i == 16 and j == 0),
                opvolging=opvolging,
            )
