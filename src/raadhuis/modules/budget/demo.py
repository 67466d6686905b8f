"""Demo data for budget management: the catalogue, the municipality's beheerrekening and three
clients with a budget plan, made through the module's services (so they have a real audit
trail). The ledger, bank statements and payments are added by the other budget demo functions.

Call from tools/demo.py after the organisation, the logins and (optionally) the debt-assistance
demo exist::

    from raadhuis.modules.budget.demo import budget_demo_load
    budget_demo_load(organisatie, consulent, collega)

`consulent` and `collega` must be medewerkers granted the "Budgetbeheer" case type (BB);
`collega` is the second person for the four-eyes steps. When the debt-assistance demo made a
dossier for the family Testelink (BSN 999990056) and the consultant may see it, their budget
management follows that case; otherwise the clients are fictitious persons registered here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.kernel.parties.services import natuurlijk_persoon_create
from raadhuis.kernel.workflow.calendar import vandaag as vandaag_in
from raadhuis.modules.budget.catalogus import ZAAKTYPE_IDENTIFICATIE, budget_catalogus_ensure
from raadhuis.modules.budget.models import (
    Beheerrekening,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    InkomstenSoort,
)
from raadhuis.modules.budget.services.planposten import (
    betaalpost_create,
    inkomstenpost_create,
    leefgeld_instellen,
    reservering_create,
)
from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure, budgetrekening_openen

DEMO_BEHEER_IBAN = "NL87BNGH0285007777"
BEHEER_NAAM_MAX = 70  # SEPA's limit on an account holder's name
TESTELINK_BSN = "999990056"  # the debt-assistance demo's family (BRP test double)


@dataclass(frozen=True)
class DemoClient:
    bsn: str
    voornamen: str
    geslachtsnaam: str
    iban: str
    tenaamstelling: str
    inkomsten: tuple[tuple[str, str, str, int], ...]  # soort, betaler, bedrag, dag
    lasten: tuple[tuple[str, str, str, str, str, int], ...]  # soort, naam, iban, kenmerk, €, dag
    leefgeld: tuple[str, str, int]  # bedrag, frequentie, dag
    reserveringen: tuple[tuple[str, str, str], ...] = ()  # omschrijving, per maand, doel


# Payees of the demo (fictitious organisations with valid test IBANs).
WOONSTICHTING = ("Woonstichting De Liemers", "NL31BUNQ2291234567")
ENERGIE = ("Energie Gelderland", "NL12TRIO0198765432")
ZORG = ("Zorgverzekeraar Oost", "NL22SNSB0912345678")
WATER = ("Waterbedrijf Vitens", "NL14BNGH0285001234")
GEMEENTE = ("Gemeente Zevenaar belastingen", "NL70RABO0300000007")
SCHULDREGELING = ("Kredietbank Zevenaar (schuldregeling)", "NL66ASNB0707070707")

TESTELINK = DemoClient(
    bsn=TESTELINK_BSN,
    voornamen="Mohamed",
    geslachtsnaam="Testelink",
    iban="NL36INGB0007654321",
    tenaamstelling="M. Testelink",
    inkomsten=(
        (InkomstenSoort.LOON, "Magazijn De Liemers BV", "1985.40", 24),
        (InkomstenSoort.KINDERBIJSLAG, "Sociale Verzekeringsbank", "301.00", 1),
        (InkomstenSoort.ZORGTOESLAG, "Belastingdienst/Toeslagen", "254.00", 20),
    ),
    lasten=(
        (BetaalSoort.HUUR, *WOONSTICHTING, "Huurcontract 4411-17", "845.00", 1),
        (BetaalSoort.ENERGIE, *ENERGIE, "Klantnummer 7781120", "165.00", 5),
        (BetaalSoort.ZORGVERZEKERING, *ZORG, "Polis 22018833", "298.50", 1),
        (BetaalSoort.WATER, *WATER, "Klant 55012", "24.50", 15),
        (BetaalSoort.SCHULDREGELING, *SCHULDREGELING, "SHV Testelink", "120.00", 28),
    ),
    leefgeld=("140.00", Frequentie.WEEK, 1),
    reserveringen=(("Jaarafrekening energie", "25.00", "300.00"),),
)
FICTIEF = (
    DemoClient(
        bsn="999988001",
        voornamen="Petra",
        geslachtsnaam="de Vries",
        iban="NL80RABO0355512345",
        tenaamstelling="P. de Vries",
        inkomsten=(
            (InkomstenSoort.UITKERING, "Gemeente Zevenaar (Participatiewet)", "1350.00", 25),
        ),
        lasten=(
            (BetaalSoort.HUUR, *WOONSTICHTING, "Huurcontract 3170-02", "612.00", 1),
            (BetaalSoort.ENERGIE, *ENERGIE, "Klantnummer 7790044", "118.00", 5),
            (BetaalSoort.ZORGVERZEKERING, *ZORG, "Polis 22031977", "149.75", 1),
            (BetaalSoort.GEMEENTELIJKE_BELASTINGEN, *GEMEENTE, "Aanslag 2026-118822", "32.00", 28),
        ),
        leefgeld=("75.00", Frequentie.WEEK, 1),
        reserveringen=(("Vervanging wasmachine", "15.00", "400.00"),),
    ),
    # A plan that does not cover the costs: the warning a consultant must act on.
    DemoClient(
        bsn="999988013",
        voornamen="Jan",
        geslachtsnaam="Bakker",
        iban="NL59ASNB0788812345",
        tenaamstelling="J. Bakker",
        inkomsten=((InkomstenSoort.PENSIOEN, "Sociale Verzekeringsbank (AOW)", "1180.00", 23),),
        lasten=(
            (BetaalSoort.HUUR, *WOONSTICHTING, "Huurcontract 1203-11", "795.00", 1),
            (BetaalSoort.ENERGIE, *ENERGIE, "Klantnummer 7702210", "140.00", 5),
            (BetaalSoort.ZORGVERZEKERING, *ZORG, "Polis 22004410", "152.00", 1),
        ),
        leefgeld=("250.00", Frequentie.MAAND, 2),
    ),
)


def _actor(medewerker: Medewerker) -> Actor:
    medewerker = Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=medewerker.pk)
    actor = Actor.for_medewerker(medewerker)
    if ZAAKTYPE_IDENTIFICATIE not in actor.zaaktype_grants:
        raise ValueError(
            f"{medewerker} has no grant for the case type BB (Budgetbeheer); add it to the login."
        )
    return actor


def beheer_naam(organisatie: Organisatie) -> str:
    """The beheerrekening's holder: the organisation's own name "inz. Budgetbeheer" (on behalf
    of budget management), shortened to SEPA's 70 characters when the name is long."""
    achtervoegsel = " inz. Budgetbeheer"
    return organisatie.naam[: BEHEER_NAAM_MAX - len(achtervoegsel)].rstrip() + achtervoegsel


def _eerste_van_de_maand(vandaag: date, terug: int) -> date:
    maand = vandaag.year * 12 + vandaag.month - 1 - terug
    return date(maand // 12, maand % 12 + 1, 1)


def budget_demo_load(
    organisatie: Organisatie,
    consulent: Medewerker,
    collega: Medewerker | None = None,
    *,
    vandaag: date | None = None,
) -> dict[str, Any]:
    """The beheerrekening and three clients with a plan (skipped when the organisation has
    budget accounts already). Returns what was made, for the demo's summary."""
    budget_catalogus_ensure(organisatie)
    ik = _actor(consulent)
    if collega is not None:
        _actor(collega)  # the four-eyes partner needs the grant too
    beheer = beheerrekening_ensure(organisatie, DEMO_BEHEER_IBAN, beheer_naam(organisatie))
    if Budgetrekening.objects.filter(organisatie=organisatie).exists():
        return {"beheerrekening": beheer.iban, "budgetrekeningen": 0}
    today = vandaag or vandaag_in(organisatie.tijdzone)
    start = _eerste_van_de_maand(today, 2)
    rekeningen = []
    testelink = _partij(organisatie, TESTELINK_BSN)
    if testelink is not None:
        rekeningen.append(
            _rekening(ik, beheer, TESTELINK, testelink, start, zaak=_shv_zaak(ik, testelink))
        )
    for spec in FICTIEF:
        partij = _partij(organisatie, spec.bsn) or natuurlijk_persoon_create(
            actor=ik, geslachtsnaam=spec.geslachtsnaam, voornamen=spec.voornamen, bsn=spec.bsn
        )
        rekeningen.append(_rekening(ik, beheer, spec, partij, start))
    return {
        "beheerrekening": beheer.iban,
        "budgetrekeningen": len(rekeningen),
        "kenmerken": [r.kenmerk for r in rekeningen],
    }


def _partij(organisatie: Organisatie, bsn: str) -> Partij | None:
    return Partij.objects.filter(
        organisatie=organisatie, soort=PartijSoort.NATUURLIJK_PERSOON, identificatie=bsn
    ).first()


def _shv_zaak(actor: Actor, partij: Partij) -> Zaak | None:
    """The client's open debt-assistance case, when the consultant may see it."""
    from raadhuis.kernel.access.policies import zaak_filter

    try:
        return (
            Zaak.objects.filter(zaak_filter(actor), rollen__partij=partij, einddatum__isnull=True)
            .exclude(zaaktype__identificatie=ZAAKTYPE_IDENTIFICATIE)
            .order_by("startdatum")
            .first()
        )
    except (NietGevonden, ToegangGeweigerd):
        return None


def _rekening(
    ik: Actor,
    beheer: Beheerrekening,
    spec: DemoClient,
    partij: Partij,
    start: date,
    zaak: Zaak | None = None,
) -> Budgetrekening:
    rekening = budgetrekening_openen(
        actor=ik,
        client=partij,
        beheerrekening=beheer,
        client_iban=spec.iban,
        client_tenaamstelling=spec.tenaamstelling,
        startdatum=start,
        zaak=zaak,
        toelichting="Demo: budgetbeheer ter stabilisatie.",
    )
    for soort, betaler, bedrag, dag in spec.inkomsten:
        inkomstenpost_create(
            actor=ik,
            budgetrekening=rekening,
            soort=soort,
            bron=betaler,
            bedrag=Decimal(bedrag),
            dag=dag,
            kenmerk=rekening.kenmerk,
        )
    for soort, naam, iban, kenmerk, bedrag, dag in spec.lasten:
        betaalpost_create(
            actor=ik,
            budgetrekening=rekening,
            soort=soort,
            begunstigde=naam,
            iban=iban,
            omschrijving=kenmerk,
            bedrag=Decimal(bedrag),
            dag=dag,
        )
    bedrag, frequentie, dag = spec.leefgeld
    leefgeld_instellen(
        actor=ik, budgetrekening=rekening, bedrag=Decimal(bedrag), frequentie=frequentie, dag=dag
    )
    for omschrijving, per_maand, doel in spec.reserveringen:
        reservering_create(
            actor=ik,
            budgetrekening=rekening,
            omschrijving=omschrijving,
            bedrag_per_maand=Decimal(per_maand),
            doelbedrag=Decimal(doel),
        )
    return rekening


def budget_demo_compleet(
    organisatie: Organisatie, consulent: Medewerker, collega: Medewerker
) -> dict[str, Any]:
    """Everything the budget story of `make demo` walks through, in the order the money moves:
    the accounts with their plans, a bank statement with the clients' income (and a line for
    the queue), yesterday's approved payment proposal (a pain.001 to download) and today's
    waiting for `collega`'s four eyes, the signals and reconciliation, last month's statements."""
    from raadhuis.modules.budget.aansluiting import budget_dagelijks
    from raadhuis.modules.budget.betalingen.demo import betalingen_demo_load
    from raadhuis.modules.budget.overzicht import overzicht_demo_load
    from raadhuis.modules.budget.testbestanden import demo_load as bank_demo_load

    resultaat = budget_demo_load(organisatie, consulent, collega)
    resultaat["bank"] = bank_demo_load(organisatie)
    resultaat["voorstellen"] = len(
        betalingen_demo_load(organisatie, consulent=consulent, collega=collega)
    )
    resultaat["dagelijks"] = budget_dagelijks(organisatie, vandaag_in(organisatie.tijdzone))
    resultaat["overzichten"] = overzicht_demo_load(organisatie).gemaakt
    return resultaat
