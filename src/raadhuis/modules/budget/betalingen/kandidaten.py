"""The candidates of a daily proposal: which payments fall due in the window, what each
client can still spend, and in which order the money goes.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.geld import euro
from raadhuis.modules.budget.betalingen.algemeen import NUL
from raadhuis.modules.budget.betalingen.uitvoerdata import tot_en_met, uitvoerdatum_voor
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Betaalopdracht,
    Betaalpost,
    BetaalSoort,
    Betaalvoorstel,
    Budgetrekening,
    GrootboekSoort,
    Journaalregel,
    OpdrachtStatus,
    RekeningStatus,
)
from raadhuis.modules.budget.plan import vervaldata

# How far back a proposal catches up when earlier days were missed (a long weekend, an outage).
INHAALPERIODE = timedelta(days=31)


@dataclass
class Rekeninggeld:
    """What one client can still spend while the proposal is put together."""

    beschikbaar: Decimal
    tegengehouden: list[Betaalopdracht] = field(default_factory=list)

    def past(self, bedrag: Decimal) -> bool:
        return bedrag <= self.beschikbaar

    def besteed(self, bedrag: Decimal) -> None:
        self.beschikbaar -= bedrag


def prioriteit(soort: str, vervaldatum: date, volgnummer: int) -> tuple:
    """Fixed costs before the living allowance, then the oldest due date first."""
    return (soort == BetaalSoort.LEEFGELD, vervaldatum, volgnummer)


def betaalomschrijving(post: Betaalpost, vervaldatum: date) -> str:
    if post.betalingskenmerk:
        return post.betalingskenmerk
    basis = post.omschrijving or post.get_soort_display()
    return f"{basis} {vervaldatum:%d-%m-%Y}"[:140]


def end_to_end_id_maken(rekening: Budgetrekening, vervaldatum: date) -> str:
    # The bank echoes this on the statement: kenmerk + due date make it readable there,
    # the random tail makes it unique. At most 35 characters (pain.001 EndToEndId).
    return f"{rekening.kenmerk[:12]}-{vervaldatum:%Y%m%d}-{uuid.uuid4().hex[:12]}"


def beschikbaar_per_rekening(beheerrekening: Beheerrekening) -> dict[int, Decimal]:
    """Per budgetrekening: the ledger's available balance minus payments proposed but not yet
    booked (they are already promised). Two aggregate queries for all clients."""
    saldi: dict[int, Decimal] = defaultdict(lambda: NUL)
    regels = (
        Journaalregel.objects.filter(
            grootboekrekening__soort=GrootboekSoort.CLIENT,
            grootboekrekening__budgetrekening__beheerrekening=beheerrekening,
        )
        .values("grootboekrekening__budgetrekening_id")
        .annotate(som=Sum("bedrag"))
    )
    for rij in regels:
        # Client money is a liability: a credit (negative) is money the client has.
        saldi[rij["grootboekrekening__budgetrekening_id"]] = -(rij["som"] or NUL)
    beloofd = (
        Betaalopdracht.objects.filter(
            budgetrekening__beheerrekening=beheerrekening,
            status=OpdrachtStatus.VOORGESTELD,
            journaalpost__isnull=True,
        )
        .values("budgetrekening_id")
        .annotate(som=Sum("bedrag"))
    )
    for rij in beloofd:
        saldi[rij["budgetrekening_id"]] -= rij["som"] or NUL
    return saldi


def gereserveerd_per_reservering(beheerrekening: Beheerrekening) -> dict[int, Decimal]:
    rijen = (
        Journaalregel.objects.filter(
            grootboekrekening__soort=GrootboekSoort.RESERVERING,
            grootboekrekening__budgetrekening__beheerrekening=beheerrekening,
        )
        .values("grootboekrekening__reservering_id")
        .annotate(som=Sum("bedrag"))
    )
    return {r["grootboekrekening__reservering_id"]: -(r["som"] or NUL) for r in rijen}


def venster(beheerrekening: Beheerrekening, datum: date, land: str) -> tuple[date, date, date]:
    """(from, to, execution date) of the proposal made on `datum`."""
    uitvoerdatum = uitvoerdatum_voor(datum, land)
    tot = tot_en_met(uitvoerdatum, land)
    vorige = Betaalvoorstel.objects.filter(
        beheerrekening=beheerrekening, uitvoerdatum__lt=uitvoerdatum
    ).aggregate(laatste=Max("uitvoerdatum"))["laatste"]
    van = datum if vorige is None else vorige + timedelta(days=1)
    return max(min(van, datum), datum - INHAALPERIODE), tot, uitvoerdatum


@dataclass
class Kandidaat:
    """A payment that may go into today's proposal: a new due date, or one held back before."""

    rekening: Budgetrekening
    soort: str
    vervaldatum: date
    bedrag: Decimal
    volgnummer: int
    post: Betaalpost | None = None
    bestaand: Betaalopdracht | None = None

    @property
    def met_toestemming(self) -> bool:
        return bool(self.bestaand and self.bestaand.roodstand_toegestaan_door_id)


def nieuwe_vervaldata(beheerrekening: Beheerrekening, van: date, tot: date) -> list[Kandidaat]:
    posten = list(
        Betaalpost.objects.filter(
            budgetrekening__beheerrekening=beheerrekening,
            budgetrekening__status=RekeningStatus.ACTIEF,
            actief=True,
            bedrag__gt=0,
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
        .filter(startdatum__lte=tot)
        .select_related("budgetrekening__zaak")
    )
    al_voorgesteld = set(
        Betaalopdracht.objects.filter(
            budgetrekening__beheerrekening=beheerrekening,
            betaalpost__isnull=False,
            vervaldatum__range=(van, tot),
        ).values_list("betaalpost_id", "vervaldatum")
    )
    kandidaten = []
    for post in posten:
        rekening = post.budgetrekening
        begin = max(van, rekening.startdatum)
        eind = min(tot, rekening.einddatum) if rekening.einddatum else tot
        if begin > eind:
            continue
        for dag in vervaldata(post, begin, eind):
            if (post.pk, dag) in al_voorgesteld:
                continue
            kandidaten.append(Kandidaat(rekening, post.soort, dag, post.bedrag, post.pk, post=post))
    return kandidaten


def eerder_tegengehouden(beheerrekening: Beheerrekening) -> list[Kandidaat]:
    """Payments held back earlier (for lack of money, or from a rejected proposal that asked to
    propose them again). They are tried with the plan's current details: a payee's IBAN or
    amount corrected in the meantime is what goes to the bank. A payment whose plan line was
    switched off stays held back until someone strikes it out."""
    opdrachten = Betaalopdracht.objects.filter(
        budgetrekening__beheerrekening=beheerrekening,
        budgetrekening__status=RekeningStatus.ACTIEF,
        status=OpdrachtStatus.TEGENGEHOUDEN,
    ).select_related("budgetrekening__zaak", "betaalpost", "voorstel")
    return [
        Kandidaat(
            o.budgetrekening,
            o.betaalpost.soort if o.betaalpost else BetaalSoort.OVERIG,
            o.vervaldatum,
            o.betaalpost.bedrag if o.betaalpost else o.bedrag,
            o.betaalpost_id or 0,
            post=o.betaalpost,
            bestaand=o,
        )
        for o in opdrachten
        if o.betaalpost is None or o.betaalpost.actief
    ]


def reden_tegenhouden(bedrag: Decimal, beschikbaar: Decimal) -> str:
    return _(
        "Onvoldoende saldo: deze betaling van %(bedrag)s past niet in het beschikbare saldo "
        "van %(saldo)s (na de betalingen die voorgaan). Wacht op inkomsten of laat een "
        "tweede medewerker een roodstand toestaan."
    ) % {"bedrag": euro(bedrag), "saldo": euro(max(beschikbaar, NUL))}
