"""Demo data for debt assistance: the catalogue, a register of fictitious creditors and ten
dossiers in different phases, made through the module's services (so they have a real audit
trail, letters and tasks). The clients come from the BRP test double (fictitious persons).

Call from tools/demo.py after the organisation and the logins exist::

    from raadhuis.modules.shv.demo import shv_demo_load
    shv_demo_load(organisatie, consulent, collega=collega)

`consulent` and `collega` must be medewerkers granted the SHV case types (SHV_ZAAKTYPEN).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.test.utils import override_settings
from schwifty import IBAN

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.workflow.calendar import vandaag as vandaag_in
from raadhuis.modules.shv import services
from raadhuis.modules.shv.catalogus import SHV_ZAAKTYPEN, shv_catalogus_ensure
from raadhuis.modules.shv.models import (
    Dreiging,
    Fase,
    Rangorde,
    Schuldeiser,
    SchuldStatus,
    ShvDossier,
)


def kvk_nummer(seed: int) -> str:
    """A fictitious 8-digit KvK number that passes the KvK's historical 11-check
    (weights 8..1, sum divisible by 11)."""
    n = seed
    while True:
        kandidaat = f"{n % 100_000_000:08d}"
        if sum(int(c) * w for c, w in zip(kandidaat, range(8, 0, -1), strict=True)) % 11 == 0:
            return kandidaat
        n += 1


def iban_nummer(seed: int, bank: str = "ABNA") -> str:
    """A fictitious Dutch IBAN with correct mod-97 check digits (random account number)."""
    rekening = random.Random(seed).randrange(10**9, 10**10)  # noqa: S311 - demo data
    return IBAN.generate("NL", bank_code=bank, account_code=f"{rekening:010d}").compact


@dataclass(frozen=True)
class SchuldeiserSpec:
    naam: str
    rangorde: str
    email: str
    straat: str
    huisnummer: int
    postcode: str
    plaats: str
    bank: str = "ABNA"


SCHULDEISERS = (
    SchuldeiserSpec(
        "Woningstichting De Linge (fictief)",
        Rangorde.CONCURRENT,
        "incasso@delinge.example",
        "Proefstraat",
        10,
        "6901AA",
        "Zevenaar",
    ),
    SchuldeiserSpec(
        "Liemers Energie (fictief)",
        Rangorde.CONCURRENT,
        "schuldhulp@liemersenergie.example",
        "Stroomweg",
        3,
        "6812AB",
        "Arnhem",
        "INGB",
    ),
    SchuldeiserSpec(
        "Zorgverzekeraar Gelderse Vallei (fictief)",
        Rangorde.CONCURRENT,
        "",
        "Postbus",
        400,
        "6710AA",
        "Ede",
        "RABO",
    ),
    SchuldeiserSpec(
        "Centraal Incassobureau Boetes (fictief)",
        Rangorde.CONCURRENT,
        "schuldhulp@cibboetes.example",
        "Voorbeeldlaan",
        1,
        "8911AA",
        "Leeuwarden",
        "INGB",
    ),
    SchuldeiserSpec(
        "Rijksbelastingen Inning (fictief)",
        Rangorde.PREFERENT,
        "",
        "Postbus",
        9048,
        "7300GK",
        "Apeldoorn",
    ),
    SchuldeiserSpec(
        "Waterbedrijf Oost-Gelderland (fictief)",
        Rangorde.CONCURRENT,
        "debiteuren@watergelderland.example",
        "Bronlaan",
        5,
        "6951BB",
        "Dieren",
        "RABO",
    ),
    SchuldeiserSpec(
        "Kredietbank Rijnstroom (fictief)",
        Rangorde.CONCURRENT,
        "schuldhulp@rijnstroom.example",
        "Kade",
        12,
        "6811CC",
        "Arnhem",
    ),
    SchuldeiserSpec(
        "Telecom Liemers (fictief)",
        Rangorde.CONCURRENT,
        "",
        "Zendmast",
        7,
        "6902AB",
        "Zevenaar",
        "INGB",
    ),
)


def schuldeisers_ensure(actor: Actor) -> dict[str, Schuldeiser]:
    """The fictitious creditor register (made once; by name on later runs)."""
    register: dict[str, Schuldeiser] = {}
    for nummer, spec in enumerate(SCHULDEISERS, start=1):
        bestaand = Schuldeiser.objects.filter(
            organisatie=actor.organisatie, partij__weergavenaam=spec.naam
        ).first()
        register[spec.naam] = bestaand or services.schuldeiser_create(
            actor=actor,
            naam=spec.naam,
            kvk_nummer=kvk_nummer(61_000_000 + nummer * 9_173),
            iban=iban_nummer(nummer, spec.bank),
            rangorde=spec.rangorde,
            email_correspondentie=spec.email,
            adres={
                "straatnaam": spec.straat,
                "huisnummer": spec.huisnummer,
                "postcode": spec.postcode,
                "woonplaats": spec.plaats,
            },
        )
    return register


@contextmanager
def brp_beschikbaar() -> Iterator[None]:
    """The BRP while the demo loads: the configured one, else the test double in a thread."""
    if getattr(settings, "BRP_URL", ""):
        yield
        return
    from raadhuis.kernel.integrations.brp.double import DOUBLE_API_KEY, serve_in_thread

    url, stop = serve_in_thread()
    try:
        with override_settings(BRP_URL=url, BRP_API_KEY=DOUBLE_API_KEY):
            yield
    finally:
        stop()


def _actor(medewerker: Medewerker) -> Actor:
    medewerker = Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=medewerker.pk)
    actor = Actor.for_medewerker(medewerker)
    if not any(identificatie in actor.zaaktype_grants for identificatie in SHV_ZAAKTYPEN):
        raise ValueError(
            f"{medewerker} has no grant for the SHV case types; add SHV_ZAAKTYPEN to the login."
        )
    return actor


def _zaaktype(organisatie: Organisatie, identificatie: str) -> ZaakType:
    return ZaakType.objects.filter(
        catalogus__organisatie=organisatie, identificatie=identificatie, concept=False
    ).latest("versiedatum")


def shv_demo_load(
    organisatie: Organisatie,
    consulent: Medewerker,
    *,
    collega: Medewerker | None = None,
    vandaag: date | None = None,
) -> dict[str, Any]:
    """Catalogue, creditor register and ten dossiers in different phases (skipped when the
    organisation has dossiers already). Returns what was made, for the demo's summary."""
    shv_catalogus_ensure(organisatie)
    ik = _actor(consulent)
    jij = _actor(collega) if collega is not None else ik
    register = schuldeisers_ensure(ik)
    if ShvDossier.objects.filter(organisatie=organisatie).exists():
        return {"schuldeisers": len(register), "dossiers": 0}
    today = vandaag or vandaag_in(organisatie.tijdzone)
    with brp_beschikbaar():
        dossiers = _dossiers(organisatie, ik, jij, register, today)
    return {"schuldeisers": len(register), "dossiers": len(dossiers)}


def _dossiers(
    organisatie: Organisatie,
    ik: Actor,
    jij: Actor,
    register: dict[str, Schuldeiser],
    today: date,
) -> list[ShvDossier]:
    msr = _zaaktype(organisatie, "SHV-MSR")
    dagen = timedelta

    def aanmelden(actor: Actor, bsn: str, traject: ZaakType, terug: int, **extra: Any):
        return services.shv_aanmelding_create(
            actor=actor,
            bsn=bsn,
            zaaktype=traject,
            aanmeldingsdatum=today - dagen(terug),
            **extra,
        )

    def gesprek(actor: Actor, dossier: ShvDossier, terug: int) -> ShvDossier:
        return services.eerste_gesprek_registreren(
            actor=actor,
            dossier=dossier,
            datum=today - dagen(terug),
            verslag="Situatie besproken; stukkenlijst meegegeven.",
        )

    def toelaten(actor: Actor, dossier: ShvDossier, terug: int) -> ShvDossier:
        return services.toelating_vastleggen(
            actor=actor, dossier=dossier, toegelaten=True, datum=today - dagen(terug)
        )

    gemaakt = []
    # 1. Mohamed Testelink (married, three children): minimal settlement, inventory of debts.
    testelink = aanmelden(ik, "999990056", msr, 45, toelichting="Huurachterstand en energie.")
    gesprek(ik, testelink, 38)
    toelaten(ik, testelink, 30)
    services.dossier_fase_set(actor=ik, dossier=testelink, fase=Fase.INVENTARISATIE)
    _financien(
        ik,
        testelink,
        inkomen=[("loon", "Salaris magazijnmedewerker", "1985.40")],
        partner=[("uitkering", "Participatiewet (aanvulling)", "412.00")],
        lasten=[
            ("huur", "Huur woning", "845.00"),
            ("energie", "Energie", "165.00"),
            ("zorgverzekering", "Zorgverzekering (2 personen)", "298.00"),
            ("water", "Water", "28.50"),
        ],
        bezittingen=[("voertuig", "Auto (2011)", "1500.00")],
    )
    services.schulden_opvragen(
        actor=ik,
        dossier=testelink,
        schuldeisers=[
            register[n] for n in ("Liemers Energie (fictief)", "Telecom Liemers (fictief)")
        ],
    )
    _schuld(
        ik,
        testelink,
        register["Woningstichting De Linge (fictief)"],
        "2345.67",
        "HUUR-2026-114",
        SchuldStatus.GEVERIFIEERD,
    )
    _schuld(
        ik,
        testelink,
        register["Zorgverzekeraar Gelderse Vallei (fictief)"],
        "1180.00",
        "ZV-88121",
        SchuldStatus.OPGEGEVEN,
    )
    _schuld(
        ik,
        testelink,
        register["Centraal Incassobureau Boetes (fictief)"],
        "389.00",
        "CIB-2025-55120",
        SchuldStatus.OPGEGEVEN,
    )
    _schuld(
        ik,
        testelink,
        register["Rijksbelastingen Inning (fictief)"],
        "764.00",
        "IB-2024",
        SchuldStatus.BETWIST,
        "Aanslag is volgens de cliënt al betaald.",
    )
    gemaakt.append(testelink)

    # 2. Lotte Steekproef (single parent): yesterday, threat of eviction: 3 working days.
    gemaakt.append(
        aanmelden(
            ik,
            "999990019",
            msr,
            1,
            dreiging=Dreiging.HUISUITZETTING,
            toelichting="Vonnis ontruiming aangekondigd.",
        )
    )
    # 3. Sanne Probeersel: payment plan; first conversation 60 days ago, decision now late.
    probeersel = aanmelden(ik, "999990007", _zaaktype(organisatie, "SHV-BETALINGSREGELING"), 70)
    gesprek(ik, probeersel, 60)
    _financien(
        ik,
        probeersel,
        inkomen=[("loon", "Salaris", "2150.00")],
        lasten=[("huur", "Huur", "780.00")],
    )
    gemaakt.append(probeersel)
    # 4. Kees van Schijnveld: 18-month guidance, with the colleague.
    schijnveld = aanmelden(jij, "999990123", _zaaktype(organisatie, "SHV-BEGELEIDING"), 120)
    gesprek(jij, schijnveld, 110)
    toelaten(jij, schijnveld, 100)
    services.dossier_fase_set(actor=jij, dossier=schijnveld, fase=Fase.UITVOERING)
    gemaakt.append(schijnveld)
    # 5. Gerda Demozand: advice, closed.
    demozand = aanmelden(ik, "999990147", _zaaktype(organisatie, "SHV-ADVIES"), 90)
    gesprek(ik, demozand, 85)
    services.dossier_afsluiten(
        actor=ik,
        dossier=demozand,
        resultaattype=ResultaatType.objects.get(
            zaaktype=demozand.zaak.zaaktype, omschrijving="Afgerond"
        ),
        toelichting="Advies gegeven over de AOW en de huurtoeslag.",
    )
    gemaakt.append(demozand)
    # 6. Jan Fictief: DFD, stabilisation.
    fictief = aanmelden(ik, "999990172", _zaaktype(organisatie, "SHV-DFD"), 50)
    gesprek(ik, fictief, 40)
    toelaten(ik, fictief, 20)
    gemaakt.append(fictief)
    # 7. Mila Nepper: an early signal (energy arrears), referred on; then her own request,
    # whose first conversation is late.
    nepper = aanmelden(ik, "999990196", _zaaktype(organisatie, "SHV-VROEGSIGNALERING"), 40)
    services.dossier_afsluiten(
        actor=ik,
        dossier=nepper,
        resultaattype=ResultaatType.objects.get(
            zaaktype=nepper.zaak.zaaktype, omschrijving="Doorverwezen"
        ),
        toelichting="Signaal energieachterstand; mevrouw meldt zich aan voor schuldhulp.",
    )
    gemaakt.append(nepper)
    gemaakt.append(aanmelden(ik, "999990196", msr, 33, toelichting="Na signaal vroegsignalering."))
    # 8. Yusuf Gissing: settlement phase, debts verified.
    gissing = aanmelden(ik, "999990214", msr, 150)
    gesprek(ik, gissing, 140)
    toelaten(ik, gissing, 120)
    for naam, bedrag, kenmerk in (
        ("Kredietbank Rijnstroom (fictief)", "6200.00", "KR-771"),
        ("Waterbedrijf Oost-Gelderland (fictief)", "212.35", "W-2025-0912"),
        ("Rijksbelastingen Inning (fictief)", "1450.00", "TS-2024"),
    ):
        _schuld(ik, gissing, register[naam], bedrag, kenmerk, SchuldStatus.GEVERIFIEERD)
    services.dossier_fase_set(actor=ik, dossier=gissing, fase=Fase.INVENTARISATIE)
    services.dossier_fase_set(actor=ik, dossier=gissing, fase=Fase.REGELING)
    gemaakt.append(gissing)
    # 9. Bram van der Testen: prevention course, with the colleague.
    gemaakt.append(aanmelden(jij, "999990226", _zaaktype(organisatie, "SHV-PREVENTIE"), 10))
    return gemaakt


Regel = tuple[str, str, str]  # soort, omschrijving, bedrag


def _financien(
    actor: Actor,
    dossier: ShvDossier,
    *,
    inkomen: Sequence[Regel] = (),
    partner: Sequence[Regel] = (),
    lasten: Sequence[Regel] = (),
    bezittingen: Sequence[Regel] = (),
) -> None:
    # (rows, service, keyword of the amount, extra arguments), in the order they are made.
    soorten = (
        (inkomen, services.inkomen_add, "bedrag_per_maand", {}),
        (partner, services.inkomen_add, "bedrag_per_maand", {"van_partner": True}),
        (lasten, services.vaste_last_add, "bedrag_per_maand", {}),
        (bezittingen, services.bezitting_add, "waarde", {}),
    )
    for regels, toevoegen, bedrag_veld, extra in soorten:
        for soort, omschrijving, bedrag in regels:
            toevoegen(
                actor=actor,
                dossier=dossier,
                soort=soort,
                omschrijving=omschrijving,
                **{bedrag_veld: Decimal(bedrag)},
                **extra,
            )


def _schuld(
    actor: Actor,
    dossier: ShvDossier,
    schuldeiser: Schuldeiser,
    bedrag: str,
    kenmerk: str,
    status: str,
    toelichting: str = "",
) -> None:
    schuld = services.schuld_create(
        actor=actor,
        dossier=dossier,
        schuldeiser=schuldeiser,
        kenmerk=kenmerk,
        oorspronkelijk_bedrag=(Decimal(bedrag) * Decimal("0.85")).quantize(Decimal("0.01")),
        actueel_bedrag=Decimal(bedrag),
    )
    if status in (SchuldStatus.GEVERIFIEERD, SchuldStatus.BETWIST):
        services.schuld_status_set(
            actor=actor, schuld=schuld, status=status, toelichting=toelichting
        )
