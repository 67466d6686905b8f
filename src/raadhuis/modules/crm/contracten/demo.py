"""Demo contracts: a handful of contracts with dates around today, so the status overview, the
"ending within 90 days" filter and the daily signals show something on the first day.

`contracten_demo_load(organisatie, afdeling=..., eigenaar=...)` is idempotent: it does nothing
when the organisation already has demo contracts (contract numbers DEMO-…). Companies come from
`partijen` when given, else from the organisation's companies, else it registers the KvK test
double's first companies (same names and KvK numbers, so "Bijwerken uit de KvK" works).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon, Partij, Rechtsvorm
from raadhuis.kernel.parties.services import niet_natuurlijk_persoon_create
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.contracten.catalogus import contract_catalogus_ensure
from raadhuis.modules.crm.contracten.models import Contract
from raadhuis.modules.crm.contracten.services import (
    contract_create,
    indicator_add,
    realisatie_add,
)

DEMO_PREFIX = "DEMO-"
# The KvK test double's written-out companies (kernel/integrations/kvk/testdata.py).
DEMO_BEDRIJVEN = (
    ("98000011", "Proefbakkerij De Testoven B.V.", Rechtsvorm.BESLOTEN_VENNOOTSCHAP),
    ("98000022", "Stichting Voorbeeldwijk Samen", Rechtsvorm.STICHTING),
    ("98000055", "Oefenhout Timmerwerken V.O.F.", Rechtsvorm.VENNOOTSCHAP_ONDER_FIRMA),
)


def _bedrijven(actor: Actor, partijen: list[Partij] | None) -> list[Partij]:
    if partijen:
        return partijen
    bestaand = list(
        NietNatuurlijkPersoon.objects.filter(organisatie=actor.organisatie).order_by("pk")[:3]
    )
    if len(bestaand) >= 3:
        return list(bestaand)
    bekend = {p.kvk_nummer for p in bestaand}
    for kvk, naam, rechtsvorm in DEMO_BEDRIJVEN:
        if len(bestaand) >= 3:
            break
        if kvk in bekend:
            continue
        bestaand.append(
            niet_natuurlijk_persoon_create(
                actor=actor, statutaire_naam=naam, kvk_nummer=kvk, rechtsvorm=rechtsvorm
            )
        )
    return bestaand


def contracten_demo_load(
    organisatie: Organisatie,
    *,
    afdeling: OrganisatorischeEenheid | None = None,
    eigenaar: Medewerker | None = None,
    partijen: list[Partij] | None = None,
    op: date | None = None,
) -> list[Contract]:
    """Five demo contracts (ending soon, renewing with a notice deadline soon, running,
    indefinite, ended) with Social Return realisations and MVOI indicators; [] when loaded
    before. Give an `afdeling` and/or `eigenaar` (a medewerker of the demo) so users see them."""
    if Contract.objects.filter(organisatie=organisatie, kenmerk__startswith=DEMO_PREFIX).exists():
        return []
    contract_catalogus_ensure(organisatie)
    actor = Actor.system(organisatie, weergave="Demogegevens")
    op = op or vandaag(organisatie.tijdzone)
    a, b, c = (_bedrijven(actor, partijen) * 3)[:3]
    gemeen = {"afdeling": afdeling, "eigenaar": eigenaar}
    if afdeling is None and eigenaar is None:
        gemeen["afdeling"] = OrganisatorischeEenheid.objects.filter(organisatie=organisatie).first()
    schoonmaak = contract_create(
        actor=actor,
        partij=a,
        kenmerk=f"{DEMO_PREFIX}001",
        onderwerp="Schoonmaak stadskantoor",
        omschrijving="Dagelijkse schoonmaak en glasbewassing van het stadskantoor.",
        waarde=Decimal("125000.00"),
        startdatum=op - timedelta(days=700),
        einddatum=op + timedelta(days=60),
        opzegtermijn=3,
        sr_uren_toegezegd=Decimal("400"),
        sr_bedrag_toegezegd=Decimal("5000.00"),
        sr_omschrijving="5% van de loonsom voor mensen met afstand tot de arbeidsmarkt.",
        **gemeen,
    )
    realisatie_add(
        actor=actor,
        contract=schoonmaak,
        datum=op - timedelta(days=400),
        uren="160",
        omschrijving="Twee leerwerkplekken (eerste jaar)",
    )
    realisatie_add(
        actor=actor,
        contract=schoonmaak,
        datum=op - timedelta(days=30),
        uren="140",
        bedrag="1250.00",
        omschrijving="Leerwerkplekken en een opleiding schoonmaaktechniek",
    )
    indicator_add(
        actor=actor,
        contract=schoonmaak,
        naam="Elektrische bedrijfsauto's",
        doel="100%",
        gerealiseerd="60%",
    )
    licentie = contract_create(
        actor=actor,
        partij=b,
        kenmerk=f"{DEMO_PREFIX}002",
        onderwerp="Licentie en onderhoud wijkapp",
        waarde=Decimal("18000.00"),
        startdatum=op - timedelta(days=1000),
        einddatum=op + timedelta(days=75) - timedelta(days=365 * 2),
        verlenging="automatisch",
        verlengingsperiode_maanden=12,
        opzegtermijn=2,
        **gemeen,
    )
    lopend = contract_create(
        actor=actor,
        partij=c,
        kenmerk=f"{DEMO_PREFIX}003",
        onderwerp="Onderhoud houten speeltoestellen",
        waarde=Decimal("36500.00"),
        startdatum=op - timedelta(days=100),
        einddatum=op + timedelta(days=600),
        opzegtermijn=1,
        **gemeen,
    )
    indicator_add(
        actor=actor,
        contract=lopend,
        naam="FSC-gecertificeerd hout",
        doel="100%",
        gerealiseerd="100%",
    )
    indicator_add(actor=actor, contract=lopend, naam="CO2-uitstoot (ton)", doel="≤ 12")
    onbepaald = contract_create(
        actor=actor,
        partij=a,
        kenmerk=f"{DEMO_PREFIX}004",
        onderwerp="Levering lunch raadsvergaderingen",
        waarde=Decimal("9600.00"),
        startdatum=op - timedelta(days=300),
        opzegtermijn=30,
        opzegtermijn_eenheid="dagen",
        **gemeen,
    )
    afgelopen = contract_create(
        actor=actor,
        partij=b,
        kenmerk=f"{DEMO_PREFIX}005",
        onderwerp="Pilot buurtbemiddeling",
        waarde=Decimal("7500.00"),
        startdatum=op - timedelta(days=400),
        einddatum=op - timedelta(days=30),
        **gemeen,
    )
    return [schoonmaak, licentie, lopend, onbepaald, afgelopen]
