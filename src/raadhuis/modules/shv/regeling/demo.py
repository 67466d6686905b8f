"""Demo data for settlements, made through the services (real letters, audit and tasks).

Call from tools/demo.py after `shv_demo_load` (the creditor register and the dossiers exist)::

    from raadhuis.modules.shv.regeling.demo import regeling_demo_load
    regeling_demo_load(organisatie, consulent)

What it leaves behind, skipped when the organisation has settlements already:
- the organisation's settlement settings, saved (the functional administrator's page);
- a VTLB calculation on the dossier in the settlement phase without one (shv demo: Gissing), so
  the consultant can make the offer in the live demonstration with one click;
- a settlement that runs: offered and accepted four months ago, three months paid and paid out;
- an offer refused by one creditor, with the draft request for a forced settlement.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.kernel.workflow.calendar import vandaag as vandaag_in
from raadhuis.modules.shv import services as shv
from raadhuis.modules.shv.models import Fase, Schuldeiser, SchuldStatus, ShvDossier
from raadhuis.modules.shv.regeling import betalingen, services, verzoeken
from raadhuis.modules.shv.regeling.models import Reactie, Regeling, VerzoekSoort
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from raadhuis.modules.shv.vtlb.services import vtlb_bereken, vtlb_normen_ensure

# July 2025: the latest half year with every maximum of the beslagvrije voet published.
PEILDATUM = date(2025, 7, 1)


def _vtlb(actor: Actor, dossier: ShvDossier, netto: str) -> VtlbBerekening:
    return vtlb_bereken(
        actor=actor,
        zaak=dossier.zaak,
        invoer={
            "peildatum": PEILDATUM,
            "leefsituatie": "alleenstaand",
            "netto_inkomen": netto,
            "woonlasten": "750.00",
            "zorgpremie": "150.00",
        },
    )


def _vrije_bsns(organisatie: Organisatie, aantal: int) -> list[str]:
    """BSNs of the BRP test double's extra households that have no dossier here yet."""
    from raadhuis.kernel.integrations.brp.testdata import Register

    register = Register()
    bezet = set(
        NatuurlijkPersoon.objects.filter(organisatie=organisatie).values_list("bsn", flat=True)
    )
    vrij = [
        mensen[0].bsn
        for sleutel, mensen in register.huishoudens.items()
        if sleutel.startswith("extra_") and mensen[0].bsn not in bezet
    ]
    return vrij[:aantal]


def _dossier(
    ik: Actor,
    msr: ZaakType,
    bsn: str,
    today: date,
    terug: int,
    schulden: list[tuple[Schuldeiser, str, str]],
) -> ShvDossier:
    """A dossier admitted long ago, its debts verified, in the settlement phase."""
    dossier = shv.shv_aanmelding_create(
        actor=ik, bsn=bsn, zaaktype=msr, aanmeldingsdatum=today - timedelta(terug)
    )
    shv.eerste_gesprek_registreren(actor=ik, dossier=dossier, datum=today - timedelta(terug - 7))
    shv.toelating_vastleggen(
        actor=ik, dossier=dossier, toegelaten=True, datum=today - timedelta(terug - 20)
    )
    for schuldeiser, bedrag, kenmerk in schulden:
        schuld = shv.schuld_create(
            actor=ik,
            dossier=dossier,
            schuldeiser=schuldeiser,
            kenmerk=kenmerk,
            actueel_bedrag=Decimal(bedrag),
        )
        shv.schuld_status_set(actor=ik, schuld=schuld, status=SchuldStatus.GEVERIFIEERD)
    shv.dossier_fase_set(actor=ik, dossier=dossier, fase=Fase.INVENTARISATIE)
    return dossier


def regeling_demo_load(
    organisatie: Organisatie, consulent: Medewerker, *, vandaag: date | None = None
) -> dict[str, Any]:
    """See the module docstring. Returns what was made, for the demo's summary."""
    from raadhuis.modules.shv.demo import _actor, brp_beschikbaar, schuldeisers_ensure

    systeem = Actor.system(organisatie, weergave="Demogegevens (load-demo)")
    services.instellingen_update(actor=systeem)
    if Regeling.objects.filter(organisatie=organisatie).exists():
        return {"regelingen": 0}
    vtlb_normen_ensure(organisatie)
    ik = _actor(consulent)
    today = vandaag or vandaag_in(organisatie.tijdzone)
    register = list(schuldeisers_ensure(ik).values())
    gemaakt: dict[str, Any] = {"regelingen": 0}

    # The dossier the live demonstration makes its offer on: give it its VTLB calculation.
    for dossier in ShvDossier.objects.filter(organisatie=organisatie, fase=Fase.REGELING):
        if not VtlbBerekening.objects.filter(zaak=dossier.zaak).exists():
            _vtlb(ik, dossier, "2275.75")  # afloscapaciteit € 150.00
            gemaakt["vtlb_voor_live_demo"] = dossier.zaak.identificatie

    msr = ZaakType.objects.filter(
        catalogus__organisatie=organisatie, identificatie="SHV-MSR", concept=False
    ).latest("versiedatum")
    bsns = _vrije_bsns(organisatie, 2)
    if len(bsns) < 2 or len(register) < 4:
        return gemaakt
    with brp_beschikbaar():
        lopend = _dossier(
            ik, msr, bsns[0], today, 300,
            [(register[0], "3150.00", "DEMO-LOOP-1"), (register[1], "980.50", "DEMO-LOOP-2"),
             (register[2], "4210.00", "DEMO-LOOP-3")],
        )  # fmt: skip
        geweigerd = _dossier(
            ik, msr, bsns[1], today, 200,
            [(register[1], "1875.00", "DEMO-WEIG-1"), (register[3], "5320.40", "DEMO-WEIG-2")],
        )  # fmt: skip

    # A running settlement: offered five months ago, everyone agreed four months ago.
    _vtlb(ik, lopend, "2325.75")  # afloscapaciteit € 200.00
    regeling = services.regeling_create(actor=ik, dossier=lopend)
    services.regeling_aanbieden(actor=ik, regeling=regeling, datum=today - timedelta(150))
    for aanbod in regeling.aanbiedingen.all():
        services.aanbod_reactie_registreren(
            actor=ik, aanbod=aanbod, reactie=Reactie.AKKOORD, datum=today - timedelta(125)
        )
    regeling.refresh_from_db()
    maanden = regeling.maanden.order_by("volgnummer")
    for maand, bedrag in zip(maanden, ("200", "200", "120"), strict=False):
        if maand.maand > today:
            break
        betalingen.ontvangst_registreren(
            actor=ik, regeling=regeling, maand=maand, bedrag=Decimal(bedrag), datum=maand.maand
        )
        betalingen.maand_uitbetalen(actor=ik, regeling=regeling, maand=maand)
    gemaakt["lopend"] = lopend.zaak.identificatie

    # A refusal: the draft request for a forced settlement waits in the dossier.
    _vtlb(ik, geweigerd, "2225.75")  # afloscapaciteit € 100.00
    aanbod = services.regeling_aanbieden(
        actor=ik,
        regeling=services.regeling_create(actor=ik, dossier=geweigerd),
        datum=today - timedelta(30),
    )
    eerste, tweede = aanbod.aanbiedingen.order_by("id")[:2]
    services.aanbod_reactie_registreren(
        actor=ik, aanbod=eerste, reactie=Reactie.AKKOORD, datum=today - timedelta(20)
    )
    services.aanbod_reactie_registreren(
        actor=ik,
        aanbod=tweede,
        reactie=Reactie.AFGEWEZEN,
        datum=today - timedelta(14),
        toelichting="Schuldeiser wil minimaal 50 %.",
    )
    verzoeken.verzoek_opstellen(
        actor=ik,
        dossier=geweigerd,
        soort=VerzoekSoort.DWANGAKKOORD,
        toelichting="De overige schuldeisers stemmen in; de weigering blokkeert de regeling.",
    )
    gemaakt["geweigerd"] = geweigerd.zaak.identificatie
    gemaakt["regelingen"] = 2
    return gemaakt
