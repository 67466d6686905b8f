"""Payments out (issue 5 item 4): the daily payment proposal, four-eyes approval, the pain.001
file, and what the bank tells us afterwards (debited, returned).

The day, step by step:

1. `dagvoorstel_maken` collects, per beheerrekening, every active plan's payments that fall due
   since the last proposal up to today (and, on the last working day before a weekend or
   holiday, the days until the next working day, so rent due on a Sunday leaves on Friday). Each
   becomes a `Betaalopdracht` (once per payment and due date: a database constraint). Monthly
   reservations are booked in the ledger on their day (CLIENT -> RESERVERING).
   A payment that would take the client's available balance below zero is held back
   (TEGENGEHOUDEN) with a Dutch reason and a signal. The balance is spent in a fixed order:
   fixed costs and reservations before the living allowance, oldest due date first.
   Held-back payments from earlier days are tried again every day.
2. A second medewerker approves the proposal (`voorstel_goedkeuren`: never the one who made
   it). Each payment is booked CLIENT -> ONDERWEG and the pain.001 file is made and stored.
3. The bank statement shows the debit (`afschrijving_verwerken`: ONDERWEG -> BANK) or a return
   (`retour_verwerken`: the money back to the client, with the bank's reason in Dutch).

An overdraft can still be allowed for one held-back payment: one person asks
(`roodstand_vragen`), a different person allows it (`roodstand_toestaan`), and the payment goes
into the pending proposal.

The ledger itself (balances, four-eyes on overdrafts, immutability) is grootboek.py's; plan
dates are plan.py's; signals are signalen.py's. They are imported inside the functions so this
module loads even while a sibling is being rebuilt.
"""

from __future__ import annotations

import calendar
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.audit.services import audit_entry_record, verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.calendar import is_werkdag, vandaag
from raadhuis.modules.budget.catalogus import heeft_budget_toegang, require_budget_toegang
from raadhuis.modules.budget.grootboek import Bulkboeking, boeken, boeken_bulk, grootboekrekening
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Betaalopdracht,
    Betaalpost,
    BetaalSoort,
    Betaalvoorstel,
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
    MutatieStatus,
    OpdrachtStatus,
    RekeningStatus,
    Reservering,
    SignaalSoort,
    VoorstelStatus,
)
from raadhuis.modules.budget.pain001 import Overboeking, pain001_maken
from raadhuis.modules.budget.plan import vervaldata
from raadhuis.modules.budget.signalen import signaal_geven

NUL = Decimal("0.00")
# How far back a proposal catches up when earlier days were missed (a long weekend, an outage).
INHAALPERIODE = timedelta(days=31)
# The bank's return reasons (ISO 20022 ExternalReturnReason1Code) as a consultant reads them.
RETOURREDENEN = {
    "AC01": "Het rekeningnummer is onjuist.",
    "AC04": "De rekening is opgeheven.",
    "AC06": "De rekening is geblokkeerd.",
    "AC13": "Het soort rekening is ongeldig.",
    "AG01": "Deze betaling is op deze rekening niet toegestaan.",
    "AG02": "Ongeldige bankcode.",
    "AM04": "Onvoldoende saldo bij de bank.",
    "AM05": "Dubbele betaling.",
    "BE04": "Het adres van de ontvanger ontbreekt of is onjuist.",
    "CUST": "Geweigerd door de ontvanger.",
    "DUPL": "Dubbele betaling.",
    "ED05": "De afwikkeling is mislukt.",
    "FF01": "Ongeldig bestandsformaat.",
    "FOCR": "Teruggestort na een verzoek tot annulering.",
    "MD07": "De rekeninghouder is overleden.",
    "MS02": "Geweigerd door de ontvanger (reden niet opgegeven).",
    "MS03": "Reden niet opgegeven door de bank.",
    "RC01": "De BIC is onjuist.",
    "RR01": "Gegevens ontbreken die de regelgeving vereist.",
    "RR02": "Naam of adres van de betaler ontbreekt.",
    "RR03": "Naam of adres van de ontvanger ontbreekt.",
    "RR04": "Geweigerd om redenen van regelgeving.",
    "TM01": "Te laat aangeleverd (na de sluitingstijd).",
}


class VierOgenFout(ToegangGeweigerd):
    """The same person may not both make (or ask) and approve (or allow)."""


# --- who may do this ---------------------------------------------------------------------------


def require_betalingen_toegang(actor: Actor) -> None:
    """Consultants and finance staff: role medewerker with the Budgetbeheer grant (403 without
    the role, 404 without the grant)."""
    require_budget_toegang(actor)


def _require_persoon(actor: Actor) -> None:
    """Four-eyes steps need a person, never the system or an application."""
    require_betalingen_toegang(actor)
    if actor.medewerker is None:
        raise VierOgenFout(_("Alleen een medewerker kan dit doen, niet het systeem."))


def _audit(
    actor: Actor,
    actie: str,
    obj: Any,  # noqa: ANN401 - any model instance
    *,
    zaak_uuid: uuid.UUID | None = None,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    audit_entry_record(
        actor=actor,
        actie=actie,
        obj=obj,
        wijzigingen=wijzigingen or {},
        toelichting=toelichting,
        zaak_uuid=zaak_uuid,
    )


# --- dates ---------------------------------------------------------------------------------------


def uitvoerdatum_voor(datum: date, land: str = "NL") -> date:
    """The day the bank executes a proposal made on `datum`: that day, or the next working day."""
    dag = datum
    while not is_werkdag(dag, land):
        dag += timedelta(days=1)
    return dag


def _tot_en_met(uitvoerdatum: date, land: str = "NL") -> date:
    """Due dates up to the day before the next working day are paid on `uitvoerdatum`: a
    payment due on Saturday, Sunday or a holiday leaves early, not late."""
    dag = uitvoerdatum
    while not is_werkdag(dag + timedelta(days=1), land):
        dag += timedelta(days=1)
    return dag


def _maanddag(jaar: int, maand: int, dag: int) -> date:
    return date(jaar, maand, min(dag, calendar.monthrange(jaar, maand)[1]))


def reserveringsdata(
    reservering: Reservering, rekening: Budgetrekening, van: date, tot: date
) -> list[date]:
    """The monthly booking dates of a reservation in [van, tot] (day clamped to month end)."""
    begin = max(van, rekening.startdatum)
    eind = min(tot, rekening.einddatum) if rekening.einddatum else tot
    jaar, maand = begin.year, begin.month
    data = []
    while date(jaar, maand, 1) <= eind:
        dag = _maanddag(jaar, maand, reservering.dag)
        if begin <= dag <= eind:
            data.append(dag)
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return data


# --- booking many at once ------------------------------------------------------------------------


def _budgetrekeningen_vergrendelen(ids: Iterable[int]) -> None:
    """Lock the client accounts a bulk booking touches (lowest id first, like grootboek.boeken
    does), so no other booking changes their balance between our check and our write."""
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        list(
            Budgetrekening.objects.select_for_update(of=("self",))
            .filter(pk__in=ids[i : i + 500])
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def _clientrekeningen(rekeningen: Iterable[Budgetrekening]) -> dict[int, Grootboekrekening]:
    """The CLIENT ledger account of each budget account, in one query (made when missing)."""
    per_id = {r.pk: r for r in rekeningen}
    gevonden: dict[int, Grootboekrekening] = {}
    ids = sorted(per_id)
    for i in range(0, len(ids), 500):
        for g in Grootboekrekening.objects.filter(
            soort=GrootboekSoort.CLIENT, budgetrekening_id__in=ids[i : i + 500]
        ):
            g.budgetrekening = per_id[g.budgetrekening_id]
            gevonden[g.budgetrekening_id] = g
    for pk in set(per_id) - set(gevonden):
        gevonden[pk] = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=per_id[pk])
    return gevonden


# --- the daily proposal --------------------------------------------------------------------------


@dataclass
class _Rekeninggeld:
    """What one client can still spend while the proposal is put together."""

    beschikbaar: Decimal
    tegengehouden: list[Betaalopdracht] = field(default_factory=list)

    def past(self, bedrag: Decimal) -> bool:
        return bedrag <= self.beschikbaar

    def besteed(self, bedrag: Decimal) -> None:
        self.beschikbaar -= bedrag


def _prioriteit(soort: str, vervaldatum: date, volgnummer: int) -> tuple:
    """Fixed costs before the living allowance, then the oldest due date first."""
    return (soort == BetaalSoort.LEEFGELD, vervaldatum, volgnummer)


def _omschrijving(post: Betaalpost, vervaldatum: date) -> str:
    if post.betalingskenmerk:
        return post.betalingskenmerk
    basis = post.omschrijving or post.get_soort_display()
    return f"{basis} {vervaldatum:%d-%m-%Y}"[:140]


def _end_to_end_id(rekening: Budgetrekening, vervaldatum: date) -> str:
    # The bank echoes this on the statement: kenmerk + due date make it readable there,
    # the random tail makes it unique. At most 35 characters (pain.001 EndToEndId).
    return f"{rekening.kenmerk[:12]}-{vervaldatum:%Y%m%d}-{uuid.uuid4().hex[:12]}"


def _beschikbaar_per_rekening(beheerrekening: Beheerrekening) -> dict[int, Decimal]:
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


def _gereserveerd_per_reservering(beheerrekening: Beheerrekening) -> dict[int, Decimal]:
    rijen = (
        Journaalregel.objects.filter(
            grootboekrekening__soort=GrootboekSoort.RESERVERING,
            grootboekrekening__budgetrekening__beheerrekening=beheerrekening,
        )
        .values("grootboekrekening__reservering_id")
        .annotate(som=Sum("bedrag"))
    )
    return {r["grootboekrekening__reservering_id"]: -(r["som"] or NUL) for r in rijen}


def _venster(beheerrekening: Beheerrekening, datum: date, land: str) -> tuple[date, date, date]:
    """(from, to, execution date) of the proposal made on `datum`."""
    uitvoerdatum = uitvoerdatum_voor(datum, land)
    tot = _tot_en_met(uitvoerdatum, land)
    vorige = Betaalvoorstel.objects.filter(
        beheerrekening=beheerrekening, uitvoerdatum__lt=uitvoerdatum
    ).aggregate(laatste=Max("uitvoerdatum"))["laatste"]
    van = datum if vorige is None else vorige + timedelta(days=1)
    return max(min(van, datum), datum - INHAALPERIODE), tot, uitvoerdatum


@dataclass
class _Kandidaat:
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


def _nieuwe_vervaldata(beheerrekening: Beheerrekening, van: date, tot: date) -> list[_Kandidaat]:
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
            kandidaten.append(
                _Kandidaat(rekening, post.soort, dag, post.bedrag, post.pk, post=post)
            )
    return kandidaten


def _eerder_tegengehouden(beheerrekening: Beheerrekening) -> list[_Kandidaat]:
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
        _Kandidaat(
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


def _reden_tegenhouden(bedrag: Decimal, beschikbaar: Decimal) -> str:
    return _(
        "Onvoldoende saldo: deze betaling van %(bedrag)s past niet in het beschikbare saldo "
        "van %(saldo)s (na de betalingen die voorgaan). Wacht op inkomsten of laat een "
        "tweede medewerker een roodstand toestaan."
    ) % {"bedrag": euro(bedrag), "saldo": euro(max(beschikbaar, NUL))}


def _signaal(
    *,
    organisatie: Organisatie,
    rekening: Budgetrekening,
    soort: str,
    sleutel: str,
    tekst: str,
    datum: date,
) -> None:
    """A signal for the consultant, when signalen.py is there (it owns the rules for them)."""
    signaal_geven(
        organisatie=organisatie,
        budgetrekening=rekening,
        soort=soort,
        sleutel=sleutel[:100],
        tekst=tekst[:300],
        datum=datum,
    )


def _reserveringen_boeken(
    *,
    actor: Actor,
    beheerrekening: Beheerrekening,
    van: date,
    tot: date,
    geld: dict[int, _Rekeninggeld],
    datum: date,
) -> int:
    """Book this period's monthly reservations CLIENT -> RESERVERING, in bulk. A month's
    reservation that did not fit is tried again every day of that month. Returns the number
    booked."""
    reserveringen = list(
        Reservering.objects.filter(
            budgetrekening__beheerrekening=beheerrekening,
            budgetrekening__status=RekeningStatus.ACTIEF,
            actief=True,
            bedrag_per_maand__gt=0,
        ).select_related("budgetrekening__zaak")
    )
    if not reserveringen:
        return 0
    begin = min(van, datum.replace(day=1))
    geboekt = set(
        Journaalregel.objects.filter(
            grootboekrekening__soort=GrootboekSoort.RESERVERING,
            grootboekrekening__budgetrekening__beheerrekening=beheerrekening,
            journaalpost__soort=BoekingSoort.RESERVEREN,
            journaalpost__boekdatum__range=(begin, tot),
        ).values_list("grootboekrekening__reservering_id", "journaalpost__boekdatum")
    )
    gereserveerd = _gereserveerd_per_reservering(beheerrekening)
    te_boeken: list[tuple[Reservering, date, Decimal]] = []
    for reservering in reserveringen:
        rekening = reservering.budgetrekening
        for dag in reserveringsdata(reservering, rekening, begin, tot):
            if (reservering.pk, dag) in geboekt:
                continue
            bedrag = reservering.bedrag_per_maand
            if reservering.doelbedrag is not None:
                bedrag = min(bedrag, reservering.doelbedrag - gereserveerd.get(reservering.pk, NUL))
            if bedrag <= 0:
                continue
            budget = geld.setdefault(rekening.pk, _Rekeninggeld(NUL))
            if not budget.past(bedrag):
                _signaal(
                    organisatie=beheerrekening.organisatie,
                    rekening=rekening,
                    soort=SignaalSoort.BETALING_TEGENGEHOUDEN,
                    sleutel=f"reservering:{reservering.uuid}:{dag:%Y-%m}",
                    tekst=_(
                        "Reservering ‘%(omschrijving)s’ van %(maand)s niet gemaakt: "
                        "onvoldoende saldo."
                    )
                    % {"omschrijving": reservering.omschrijving, "maand": f"{dag:%m-%Y}"},
                    datum=datum,
                )
                continue
            budget.besteed(bedrag)
            gereserveerd[reservering.pk] = gereserveerd.get(reservering.pk, NUL) + bedrag
            te_boeken.append((reservering, dag, bedrag))
    if not te_boeken:
        return 0
    clientrekeningen = _clientrekeningen(r.budgetrekening for r, _d, _b in te_boeken)
    potjes = {
        g.reservering_id: g
        for g in Grootboekrekening.objects.filter(
            soort=GrootboekSoort.RESERVERING,
            reservering_id__in=[r.pk for r, _d, _b in te_boeken],
        )
    }
    boekingen = []
    for reservering, dag, bedrag in te_boeken:
        if reservering.pk not in potjes:
            potjes[reservering.pk] = grootboekrekening(
                GrootboekSoort.RESERVERING,
                budgetrekening=reservering.budgetrekening,
                reservering=reservering,
            )
        potjes[reservering.pk].reservering = reservering
        boekingen.append(
            Bulkboeking(
                boekdatum=dag,
                soort=BoekingSoort.RESERVEREN,
                omschrijving=_("Reservering %(omschrijving)s %(maand)s")
                % {"omschrijving": reservering.omschrijving, "maand": f"{dag:%m-%Y}"},
                debet=clientrekeningen[reservering.budgetrekening_id],
                credit=potjes[reservering.pk],
                bedrag=bedrag,
                budgetrekening_id=reservering.budgetrekening_id,
                zaak_uuid=reservering.budgetrekening.zaak.uuid,
            )
        )
    boeken_bulk(actor=actor, organisatie=beheerrekening.organisatie, boekingen=boekingen)
    return len(boekingen)


def opdracht_eenmalig_maken(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    begunstigde: str,
    iban: str,
    bedrag: Decimal,
    omschrijving: str,
    vervaldatum: date,
    end_to_end_id: str,
) -> Betaalopdracht:
    """A payment outside the plan (e.g. the remaining balance when the account ends). It waits
    in a pending proposal made by `actor`, so a second person approves it like any payment."""
    land = budgetrekening.organisatie.land
    voorstel = _voorstel_voor(
        actor, budgetrekening.beheerrekening, uitvoerdatum_voor(vervaldatum, land)
    )
    return Betaalopdracht.objects.create(
        organisatie=budgetrekening.organisatie,
        budgetrekening=budgetrekening,
        betaalpost=None,
        voorstel=voorstel,
        vervaldatum=vervaldatum,
        begunstigde=begunstigde[:70],
        iban=iban,
        bedrag=bedrag,
        omschrijving=omschrijving[:140],
        end_to_end_id=end_to_end_id[:35],
        status=OpdrachtStatus.VOORGESTELD,
    )


def _voorstel_voor(
    actor: Actor, beheerrekening: Beheerrekening, uitvoerdatum: date
) -> Betaalvoorstel:
    """Today's pending proposal by the same maker, or a new one (a proposal another person made
    is never extended: the four eyes are counted per proposal)."""
    maker_id = actor.medewerker.pk if actor.medewerker else None
    bestaand = (
        Betaalvoorstel.objects.filter(
            beheerrekening=beheerrekening,
            uitvoerdatum=uitvoerdatum,
            status=VoorstelStatus.TER_GOEDKEURING,
            opgesteld_door_id=maker_id,
        )
        .order_by("-pk")
        .first()
    )
    if bestaand is not None:
        return bestaand
    return Betaalvoorstel.objects.create(
        organisatie=beheerrekening.organisatie,
        beheerrekening=beheerrekening,
        uitvoerdatum=uitvoerdatum,
        opgesteld_door=actor.medewerker,
        opgesteld_door_weergave=actor.weergave[:200],
    )


def _voorstel_opbouwen(
    *, actor: Actor, beheerrekening: Beheerrekening, datum: date
) -> Betaalvoorstel | None:
    land = beheerrekening.organisatie.land
    van, tot, uitvoerdatum = _venster(beheerrekening, datum, land)
    _budgetrekeningen_vergrendelen(
        Budgetrekening.objects.filter(
            beheerrekening=beheerrekening, status=RekeningStatus.ACTIEF
        ).values_list("pk", flat=True)
    )
    saldi = _beschikbaar_per_rekening(beheerrekening)
    geld: dict[int, _Rekeninggeld] = defaultdict(lambda: _Rekeninggeld(NUL))
    geld.update({pk: _Rekeninggeld(s) for pk, s in saldi.items()})

    kandidaten = _nieuwe_vervaldata(beheerrekening, van, tot) + _eerder_tegengehouden(
        beheerrekening
    )
    vaste_lasten = [k for k in kandidaten if k.soort != BetaalSoort.LEEFGELD]
    leefgeld = [k for k in kandidaten if k.soort == BetaalSoort.LEEFGELD]
    # Reservations belong with the fixed costs (they save for fixed yearly bills): fixed costs
    # first, then this month's reservations, then the living allowance.
    volgorde = sorted(vaste_lasten, key=lambda k: _prioriteit(k.soort, k.vervaldatum, k.volgnummer))
    besluiten: list[tuple[_Kandidaat, bool, str]] = []
    for k in volgorde:
        besluiten.append(_beslissen(k, geld[k.rekening.pk]))
    gereserveerd = _reserveringen_boeken(
        actor=actor, beheerrekening=beheerrekening, van=van, tot=tot, geld=geld, datum=datum
    )
    for k in sorted(leefgeld, key=lambda k: _prioriteit(k.soort, k.vervaldatum, k.volgnummer)):
        besluiten.append(_beslissen(k, geld[k.rekening.pk]))

    nieuw = [b for b in besluiten if b[0].bestaand is None]
    vrijgegeven = [b for b in besluiten if b[0].bestaand is not None and b[1]]
    if not nieuw and not vrijgegeven:
        if gereserveerd:
            _audit(
                actor,
                "budget_reserveringen_geboekt",
                beheerrekening,
                toelichting=_("%(aantal)d reserveringen geboekt.") % {"aantal": gereserveerd},
            )
        return None
    voorstel = _voorstel_voor(actor, beheerrekening, uitvoerdatum)
    opdrachten = [
        Betaalopdracht(
            organisatie=beheerrekening.organisatie,
            voorstel=voorstel,
            budgetrekening=k.rekening,
            betaalpost=k.post,
            vervaldatum=k.vervaldatum,
            begunstigde=k.post.begunstigde,
            iban=k.post.iban,
            bedrag=k.bedrag,
            omschrijving=_omschrijving(k.post, k.vervaldatum),
            end_to_end_id=_end_to_end_id(k.rekening, k.vervaldatum),
            status=OpdrachtStatus.VOORGESTELD if past else OpdrachtStatus.TEGENGEHOUDEN,
            reden=reden,
        )
        for k, past, reden in nieuw
    ]
    Betaalopdracht.objects.bulk_create(opdrachten, batch_size=500)
    for k, _past, _reden in vrijgegeven:
        o = k.bestaand
        o.voorstel = voorstel
        o.status = OpdrachtStatus.VOORGESTELD
        o.reden = ""
        if k.post is not None:
            o.begunstigde, o.iban, o.bedrag = k.post.begunstigde, k.post.iban, k.bedrag
            o.omschrijving = _omschrijving(k.post, o.vervaldatum)
    Betaalopdracht.objects.bulk_update(
        [k.bestaand for k, _p, _r in vrijgegeven],
        ["voorstel", "status", "reden", "begunstigde", "iban", "bedrag", "omschrijving"],
        batch_size=500,
    )
    tegengehouden = [o for o in opdrachten if o.status == OpdrachtStatus.TEGENGEHOUDEN]
    for o in tegengehouden:
        _signaal(
            organisatie=beheerrekening.organisatie,
            rekening=o.budgetrekening,
            soort=SignaalSoort.BETALING_TEGENGEHOUDEN,
            sleutel=f"opdracht:{o.betaalpost.uuid}:{o.vervaldatum.isoformat()}",
            tekst=_("Betaling aan %(naam)s van %(bedrag)s tegengehouden: onvoldoende saldo.")
            % {"naam": o.begunstigde, "bedrag": euro(o.bedrag)},
            datum=datum,
        )
        _audit(
            actor,
            "budget_betaling_tegengehouden",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            toelichting=o.reden,
        )
    _audit(
        actor,
        "budget_betaalvoorstel_gemaakt",
        voorstel,
        wijzigingen={
            "nieuw": len(opdrachten),
            "tegengehouden": len(tegengehouden),
            "alsnog_opgenomen": len(vrijgegeven),
            "reserveringen": gereserveerd,
            "periode": f"{van.isoformat()}..{tot.isoformat()}",
        },
    )
    return voorstel


def _beslissen(k: _Kandidaat, geld: _Rekeninggeld) -> tuple[_Kandidaat, bool, str]:
    """Does the payment fit? An allowed overdraft always fits (and still uses the balance)."""
    if k.met_toestemming or geld.past(k.bedrag):
        geld.besteed(k.bedrag)
        return k, True, ""
    return k, False, _reden_tegenhouden(k.bedrag, geld.beschikbaar)


def dagvoorstellen_maken(
    *, actor: Actor, organisatie: Organisatie, datum: date
) -> list[Betaalvoorstel]:
    """The day's payment proposals, one per active beheerrekening that has something to pay.

    Idempotent: running it again the same day adds nothing (each payment is proposed once per
    due date) and returns the pending proposals of that day."""
    require_betalingen_toegang(actor)
    if actor.organisatie.pk != organisatie.pk:
        raise ToegangGeweigerd(_("Je werkt niet voor deze organisatie."))
    voorstellen = []
    for beheerrekening in Beheerrekening.objects.filter(organisatie=organisatie, actief=True):
        with transaction.atomic():
            # One run per bank account at a time: two clicks on "maak voorstel" must not
            # propose the same payment twice (the constraint would refuse the second anyway).
            beheerrekening = (
                Beheerrekening.objects.select_for_update(of=("self",))
                .select_related("organisatie")
                .get(pk=beheerrekening.pk)
            )
            voorstel = _voorstel_opbouwen(actor=actor, beheerrekening=beheerrekening, datum=datum)
        if voorstel is None:
            voorstel = (
                Betaalvoorstel.objects.filter(
                    beheerrekening=beheerrekening,
                    uitvoerdatum=uitvoerdatum_voor(datum, organisatie.land),
                    status=VoorstelStatus.TER_GOEDKEURING,
                )
                .order_by("-pk")
                .first()
            )
        if voorstel is not None:
            voorstellen.append(voorstel)
    return voorstellen


def dagvoorstel_maken(
    *, actor: Actor, organisatie: Organisatie, datum: date
) -> Betaalvoorstel | None:
    """The day's proposal (of the first beheerrekening, when an organisation has several: see
    `dagvoorstellen_maken` for all of them); None when nothing is due."""
    voorstellen = dagvoorstellen_maken(actor=actor, organisatie=organisatie, datum=datum)
    return voorstellen[0] if voorstellen else None


# --- approval --------------------------------------------------------------------------------


def _lock_voorstel(actor: Actor, voorstel: Betaalvoorstel) -> Betaalvoorstel:
    locked = (
        Betaalvoorstel.objects.select_for_update(of=("self",))
        .select_related("beheerrekening", "organisatie")
        .get(pk=voorstel.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Betaalvoorstel niet gevonden."))
    return locked


def _require_ter_goedkeuring(voorstel: Betaalvoorstel) -> None:
    if voorstel.status != VoorstelStatus.TER_GOEDKEURING:
        raise ValidationError(
            _("Dit voorstel is al %(status)s.") % {"status": voorstel.get_status_display().lower()},
            code="voorstel_afgehandeld",
        )


def mag_beoordelen(actor: Actor, voorstel: Betaalvoorstel) -> tuple[bool, str]:
    """Whether `actor` may approve or reject `voorstel`, and if not, why (for the screen)."""
    if voorstel.status != VoorstelStatus.TER_GOEDKEURING:
        return False, _("Dit voorstel is al beoordeeld.")
    if actor.medewerker is None or not heeft_budget_toegang(actor):
        return False, _("Alleen een medewerker budgetbeheer kan een voorstel beoordelen.")
    if voorstel.opgesteld_door_id == actor.medewerker.pk:
        return False, _(
            "Je hebt dit voorstel zelf gemaakt. Een andere medewerker moet het goedkeuren "
            "(vier ogen)."
        )
    return True, ""


def _require_beoordelaar(actor: Actor, voorstel: Betaalvoorstel) -> None:
    _require_persoon(actor)
    _require_ter_goedkeuring(voorstel)
    mag, reden = mag_beoordelen(actor, voorstel)
    if not mag:
        raise VierOgenFout(reden)
    buiten_zicht = (
        Betaalopdracht.objects.filter(voorstel=voorstel)
        .exclude(zaak_filter(actor, prefix="budgetrekening__zaak__"))
        .exists()
    )
    if buiten_zicht:
        raise ToegangGeweigerd(
            _("Dit voorstel bevat betalingen van dossiers waarvoor je niet bent geautoriseerd.")
        )


def _bericht_id(voorstel: Betaalvoorstel) -> str:
    # pain.001 MsgId: at most 35 characters, unique per debtor account.
    return f"RH-{voorstel.uitvoerdatum:%Y%m%d}-{voorstel.uuid.hex[:20]}"


def _overboekingen(opdrachten: Iterable[Betaalopdracht]) -> list[Overboeking]:
    return [
        Overboeking(
            naam=o.begunstigde,
            iban=o.iban,
            bedrag=o.bedrag,
            omschrijving=o.omschrijving,
            end_to_end_id=o.end_to_end_id,
        )
        for o in opdrachten
    ]


def pain001(voorstel: Betaalvoorstel) -> bytes:
    """The pain.001.001.03 file of an approved proposal: the stored one (what the bank got)."""
    if voorstel.pain001:
        return bytes(voorstel.pain001)
    opdrachten = voorstel.opdrachten.filter(
        status__in=[OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN, OpdrachtStatus.RETOUR]
    ).order_by("pk")
    return pain001_maken(
        naam=voorstel.beheerrekening.naam,
        iban=voorstel.beheerrekening.iban,
        bic=voorstel.beheerrekening.bic,
        bericht_id=voorstel.bericht_id or _bericht_id(voorstel),
        uitvoerdatum=voorstel.uitvoerdatum,
        overboekingen=_overboekingen(opdrachten),
    )


def _clientsaldi(ids: Iterable[int]) -> dict[int, Decimal]:
    """The ledger's available balance of each budget account (no promises subtracted)."""
    saldi: dict[int, Decimal] = defaultdict(lambda: NUL)
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        rijen = (
            Journaalregel.objects.filter(
                grootboekrekening__soort=GrootboekSoort.CLIENT,
                grootboekrekening__budgetrekening_id__in=ids[i : i + 500],
            )
            .values("grootboekrekening__budgetrekening_id")
            .annotate(som=Sum("bedrag"))
        )
        for rij in rijen:
            saldi[rij["grootboekrekening__budgetrekening_id"]] = -(rij["som"] or NUL)
    return saldi


def _betaling_omschrijving(o: Betaalopdracht) -> str:
    return _("Betaling aan %(naam)s: %(omschrijving)s") % {
        "naam": o.begunstigde,
        "omschrijving": o.omschrijving,
    }


def _opdrachten_boeken(
    actor: Actor,
    organisatie: Organisatie,
    opdrachten: list[Betaalopdracht],
    uitvoerdatum: date,
    onderweg: Grootboekrekening,
) -> tuple[list[Betaalopdracht], list[Betaalopdracht]]:
    """Book the approved payments CLIENT -> ONDERWEG: (sent, held back now).

    Payments that fit the client's balance are written in bulk, fixed costs first. Payments
    with an allowed overdraft go one by one through grootboek.boeken afterwards, which checks
    the four eyes and records who allowed it. A payment that no longer fits (the balance changed
    since the proposal) is held back with the reason."""
    ids = {o.budgetrekening_id for o in opdrachten}
    _budgetrekeningen_vergrendelen(ids)
    saldi = _clientsaldi(ids)
    clientrekeningen = _clientrekeningen(
        {o.budgetrekening_id: o.budgetrekening for o in opdrachten}.values()
    )
    passend, met_roodstand, tegengehouden = [], [], []
    volgorde = sorted(
        opdrachten,
        key=lambda o: _prioriteit(o.betaalpost.soort if o.betaalpost else "", o.vervaldatum, o.pk),
    )
    for o in volgorde:
        if o.roodstand_toegestaan_door_id:
            met_roodstand.append(o)
        elif o.bedrag <= saldi[o.budgetrekening_id]:
            saldi[o.budgetrekening_id] -= o.bedrag
            passend.append(o)
        else:
            o.status = OpdrachtStatus.TEGENGEHOUDEN
            o.reden = _reden_tegenhouden(o.bedrag, saldi[o.budgetrekening_id])
            tegengehouden.append(o)
    posten = boeken_bulk(
        actor=actor,
        organisatie=organisatie,
        boekingen=[
            Bulkboeking(
                boekdatum=uitvoerdatum,
                soort=BoekingSoort.BETAALOPDRACHT,
                omschrijving=_betaling_omschrijving(o),
                debet=clientrekeningen[o.budgetrekening_id],
                credit=onderweg,
                bedrag=o.bedrag,
                budgetrekening_id=o.budgetrekening_id,
                zaak_uuid=o.budgetrekening.zaak.uuid,
            )
            for o in passend
        ],
    )
    for o, post in zip(passend, posten, strict=True):
        o.status = OpdrachtStatus.ONDERWEG
        o.journaalpost = post
    verstuurd = list(passend)
    for o in met_roodstand:
        try:
            with transaction.atomic():
                post = boeken(
                    actor=actor,
                    organisatie=organisatie,
                    boekdatum=uitvoerdatum,
                    soort=BoekingSoort.BETAALOPDRACHT,
                    omschrijving=_betaling_omschrijving(o),
                    regels=[
                        (clientrekeningen[o.budgetrekening_id], o.bedrag),
                        (onderweg, -o.bedrag),
                    ],
                    budgetrekening=o.budgetrekening,
                    roodstand_toegestaan_door=o.roodstand_toegestaan_door,
                    roodstand_gevraagd_door=o.roodstand_gevraagd_door,
                    reden=o.reden,
                )
        except ValidationError as fout:
            # E.g. the person who allowed the overdraft lost the grant meanwhile.
            o.status = OpdrachtStatus.TEGENGEHOUDEN
            o.reden = " ".join(fout.messages)
            tegengehouden.append(o)
            continue
        o.status = OpdrachtStatus.ONDERWEG
        o.journaalpost = post
        verstuurd.append(o)
    return verstuurd, tegengehouden


def voorstel_goedkeuren(*, actor: Actor, voorstel: Betaalvoorstel) -> Betaalvoorstel:
    """Four eyes: a medewerker other than the maker approves. Every proposed payment is booked
    CLIENT -> ONDERWEG (a payment that no longer fits is held back instead) and the pain.001 file
    is made, validated and stored. All or nothing."""
    _require_persoon(actor)
    with transaction.atomic():
        voorstel = _lock_voorstel(actor, voorstel)
        _require_beoordelaar(actor, voorstel)
        organisatie = voorstel.organisatie
        today = vandaag(organisatie.tijdzone)
        uitvoerdatum = max(voorstel.uitvoerdatum, uitvoerdatum_voor(today, organisatie.land))
        onderweg = grootboekrekening(
            GrootboekSoort.ONDERWEG, beheerrekening=voorstel.beheerrekening
        )
        opdrachten = list(
            voorstel.opdrachten.select_for_update(of=("self",))
            .filter(status=OpdrachtStatus.VOORGESTELD)
            .select_related(
                "budgetrekening__zaak",
                "betaalpost",
                "roodstand_toegestaan_door",
                "roodstand_gevraagd_door",
            )
            .order_by("vervaldatum", "pk")
        )
        verstuurd, alsnog_tegengehouden = _opdrachten_boeken(
            actor, organisatie, opdrachten, uitvoerdatum, onderweg
        )
        Betaalopdracht.objects.bulk_update(
            verstuurd + alsnog_tegengehouden, ["status", "reden", "journaalpost"], batch_size=500
        )
        voorstel.status = VoorstelStatus.GOEDGEKEURD
        voorstel.beoordeeld_door = actor.medewerker
        voorstel.beoordeeld_op = timezone.now()
        voorstel.uitvoerdatum = uitvoerdatum
        voorstel.bericht_id = _bericht_id(voorstel)
        if verstuurd:
            voorstel.pain001 = pain001_maken(
                naam=voorstel.beheerrekening.naam,
                iban=voorstel.beheerrekening.iban,
                bic=voorstel.beheerrekening.bic,
                bericht_id=voorstel.bericht_id,
                uitvoerdatum=uitvoerdatum,
                overboekingen=_overboekingen(sorted(verstuurd, key=lambda o: o.pk)),
            )
        voorstel.save(
            update_fields=[
                "status",
                "beoordeeld_door",
                "beoordeeld_op",
                "uitvoerdatum",
                "bericht_id",
                "pain001",
            ]
        )
        for o in alsnog_tegengehouden:
            _signaal(
                organisatie=organisatie,
                rekening=o.budgetrekening,
                soort=SignaalSoort.BETALING_TEGENGEHOUDEN,
                sleutel=f"goedkeuring:{o.uuid}",
                tekst=_("Betaling aan %(naam)s tegengehouden bij goedkeuring: %(reden)s")
                % {"naam": o.begunstigde, "reden": o.reden},
                datum=today,
            )
        _audit(
            actor,
            "budget_betaalvoorstel_goedgekeurd",
            voorstel,
            wijzigingen={
                "status": [VoorstelStatus.TER_GOEDKEURING, VoorstelStatus.GOEDGEKEURD],
                "betalingen": len(verstuurd),
                "totaal": str(sum((o.bedrag for o in verstuurd), NUL)),
                "tegengehouden": len(alsnog_tegengehouden),
                "bericht_id": voorstel.bericht_id,
            },
        )
    return voorstel


def voorstel_afwijzen(
    *, actor: Actor, voorstel: Betaalvoorstel, reden: str, opnieuw_voorstellen: bool = False
) -> Betaalvoorstel:
    """Four eyes: a medewerker other than the maker rejects, with a reason. Nothing is booked.

    With `opnieuw_voorstellen` the payments are held back and come again in the next daily
    proposal, with the plan's details as they are then (e.g. after correcting an IBAN);
    without it they are not made at all."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef de reden van de afwijzing."), code="required")}
        )
    _require_persoon(actor)
    with transaction.atomic():
        voorstel = _lock_voorstel(actor, voorstel)
        _require_beoordelaar(actor, voorstel)
        if opnieuw_voorstellen:
            nieuwe_status = OpdrachtStatus.TEGENGEHOUDEN
            toelichting = _("Voorstel afgewezen: %(reden)s. Wordt opnieuw voorgesteld.")
        else:
            nieuwe_status = OpdrachtStatus.AFGEWEZEN
            toelichting = _("Voorstel afgewezen: %(reden)s")
        aantal = voorstel.opdrachten.filter(
            status__in=[OpdrachtStatus.VOORGESTELD, OpdrachtStatus.TEGENGEHOUDEN]
        ).update(status=nieuwe_status, reden=toelichting % {"reden": reden})
        voorstel.status = VoorstelStatus.AFGEWEZEN
        voorstel.beoordeeld_door = actor.medewerker
        voorstel.beoordeeld_op = timezone.now()
        voorstel.afwijzingsreden = reden
        voorstel.save(
            update_fields=["status", "beoordeeld_door", "beoordeeld_op", "afwijzingsreden"]
        )
        _audit(
            actor,
            "budget_betaalvoorstel_afgewezen",
            voorstel,
            wijzigingen={
                "status": [VoorstelStatus.TER_GOEDKEURING, VoorstelStatus.AFGEWEZEN],
                "betalingen": aantal,
                "opnieuw_voorstellen": opnieuw_voorstellen,
            },
            toelichting=reden,
        )
    return voorstel


# --- one payment: overdraft, striking it out -----------------------------------------------------


def _lock_opdracht(actor: Actor, opdracht: Betaalopdracht) -> Betaalopdracht:
    locked = (
        Betaalopdracht.objects.select_for_update(of=("self",))
        .select_related("voorstel", "budgetrekening__zaak", "betaalpost")
        .get(pk=opdracht.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk or not actor.mag_zaak_zien(
        locked.budgetrekening.zaak.zaaktype_id,
        locked.budgetrekening.zaak.vertrouwelijkheidaanduiding,
        zaak_id=locked.budgetrekening.zaak_id,
    ):
        raise NietGevonden(_("Betaling niet gevonden."))
    return locked


def roodstand_vragen(*, actor: Actor, opdracht: Betaalopdracht, reden: str) -> Betaalopdracht:
    """Ask that a held-back payment be made anyway, although the client goes below zero."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef de reden voor de roodstand."), code="required")}
        )
    _require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status != OpdrachtStatus.TEGENGEHOUDEN:
            raise ValidationError(
                _("Alleen een tegengehouden betaling kan met roodstand worden betaald."),
                code="niet_tegengehouden",
            )
        if o.roodstand_gevraagd_door_id:
            raise ValidationError(
                _("Voor deze betaling is al een roodstand gevraagd."), code="al_gevraagd"
            )
        o.roodstand_gevraagd_door = actor.medewerker
        o.reden = f"{o.reden}\n" + _("Roodstand gevraagd door %(naam)s: %(reden)s") % {
            "naam": actor.weergave,
            "reden": reden,
        }
        o.save(update_fields=["roodstand_gevraagd_door", "reden"])
        _audit(
            actor,
            "budget_roodstand_gevraagd",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            toelichting=reden,
        )
    return o


def roodstand_toestaan(*, actor: Actor, opdracht: Betaalopdracht) -> Betaalopdracht:
    """A second medewerker allows the overdraft: the payment goes into the pending proposal of
    its bank account (or a new one, which then needs yet another person's approval)."""
    _require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status != OpdrachtStatus.TEGENGEHOUDEN or not o.roodstand_gevraagd_door_id:
            raise ValidationError(
                _("Voor deze betaling is geen roodstand gevraagd."), code="niet_gevraagd"
            )
        if o.roodstand_gevraagd_door_id == actor.medewerker.pk:
            raise VierOgenFout(
                _("Je hebt de roodstand zelf gevraagd. Een andere medewerker moet hem toestaan.")
            )
        voorstel = o.voorstel
        if voorstel is None or voorstel.status != VoorstelStatus.TER_GOEDKEURING:
            voorstel = _voorstel_voor(
                actor,
                o.budgetrekening.beheerrekening,
                uitvoerdatum_voor(vandaag(actor.organisatie.tijdzone), actor.organisatie.land),
            )
        o.roodstand_toegestaan_door = actor.medewerker
        o.status = OpdrachtStatus.VOORGESTELD
        o.voorstel = voorstel
        o.reden = f"{o.reden}\n" + _("Roodstand toegestaan door %(naam)s.") % {
            "naam": actor.weergave
        }
        o.save(update_fields=["roodstand_toegestaan_door", "status", "voorstel", "reden"])
        _audit(
            actor,
            "budget_roodstand_toegestaan",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [OpdrachtStatus.TEGENGEHOUDEN, OpdrachtStatus.VOORGESTELD]},
        )
    return o


def opdracht_schrappen(*, actor: Actor, opdracht: Betaalopdracht, reden: str) -> Betaalopdracht:
    """Take one payment out before approval (e.g. the payee's IBAN turned out to be wrong):
    it is not paid and not proposed again for this due date."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {
                "reden": ValidationError(
                    _("Geef de reden om deze betaling te schrappen."), code="required"
                )
            }
        )
    _require_persoon(actor)
    with transaction.atomic():
        o = _lock_opdracht(actor, opdracht)
        if o.status not in (OpdrachtStatus.VOORGESTELD, OpdrachtStatus.TEGENGEHOUDEN):
            raise ValidationError(
                _("Deze betaling is al verstuurd en kan niet meer worden geschrapt."),
                code="al_verstuurd",
            )
        vorige = o.status
        o.status = OpdrachtStatus.AFGEWEZEN
        o.reden = _("Geschrapt door %(naam)s: %(reden)s") % {"naam": actor.weergave, "reden": reden}
        o.save(update_fields=["status", "reden"])
        _audit(
            actor,
            "budget_betaling_geschrapt",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [vorige, OpdrachtStatus.AFGEWEZEN]},
            toelichting=reden,
        )
    return o


# --- what the bank tells us --------------------------------------------------------------------


def _mutatie_koppelen(mutatie: Any, opdracht: Betaalopdracht, status: str, post: Any) -> None:  # noqa: ANN401
    """Record on the statement entry what it turned out to be. The bank import may pass an
    entry it has not saved yet; then only the instance is filled in and the import saves it."""
    if mutatie is None:
        return
    mutatie.status = status
    mutatie.budgetrekening = opdracht.budgetrekening
    mutatie.journaalpost = post
    mutatie.match_regel = "betaalopdracht"
    if mutatie.pk:
        mutatie.save(update_fields=["status", "budgetrekening", "journaalpost", "match_regel"])


def _boekdatum(actor: Actor, mutatie: Any) -> date:  # noqa: ANN401
    return getattr(mutatie, "boekdatum", None) or vandaag(actor.organisatie.tijdzone)


def afschrijving_verwerken(
    actor: Actor,
    opdracht: Betaalopdracht,
    mutatie: Any = None,  # noqa: ANN401
) -> Betaalopdracht:
    """The statement shows the payment left the bank: ONDERWEG -> BANK, status AFGESCHREVEN.
    Idempotent: a payment already debited is left alone."""
    require_role(actor, Rol.MEDEWERKER)
    with transaction.atomic():
        o = (
            Betaalopdracht.objects.select_for_update(of=("self",))
            .select_related("budgetrekening__beheerrekening", "budgetrekening__zaak")
            .get(pk=opdracht.pk)
        )
        if o.organisatie_id != actor.organisatie.pk:
            raise NietGevonden(_("Betaling niet gevonden."))
        if o.status == OpdrachtStatus.AFGESCHREVEN:
            return o
        if o.status != OpdrachtStatus.ONDERWEG:
            raise ValidationError(
                _("Betaling %(id)s is niet verstuurd (status: %(status)s).")
                % {"id": o.end_to_end_id, "status": o.get_status_display().lower()},
                code="niet_onderweg",
            )
        beheer = o.budgetrekening.beheerrekening
        post = boeken(
            actor=actor,
            organisatie=beheer.organisatie,
            boekdatum=_boekdatum(actor, mutatie),
            soort=BoekingSoort.AFSCHRIJVING,
            omschrijving=_("Afgeschreven: %(naam)s %(omschrijving)s")
            % {"naam": o.begunstigde, "omschrijving": o.omschrijving},
            regels=[
                (grootboekrekening(GrootboekSoort.ONDERWEG, beheerrekening=beheer), o.bedrag),
                (grootboekrekening(GrootboekSoort.BANK, beheerrekening=beheer), -o.bedrag),
            ],
            budgetrekening=o.budgetrekening,
        )
        o.status = OpdrachtStatus.AFGESCHREVEN
        o.save(update_fields=["status"])
        _mutatie_koppelen(mutatie, o, MutatieStatus.BETALING, post)
        _audit(
            actor,
            "budget_betaling_afgeschreven",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN]},
        )
    return o


def retourreden(code: str) -> str:
    code = (code or "").strip().upper()
    if not code:
        return _("De bank gaf geen reden op.")
    tekst = RETOURREDENEN.get(code)
    return (
        f"{code}: {_(tekst)}" if tekst else _("Code %(code)s (onbekende reden).") % {"code": code}
    )


def retour_verwerken(
    actor: Actor,
    opdracht: Betaalopdracht,
    mutatie: Any = None,  # noqa: ANN401
) -> Betaalopdracht:
    """The payment came back: the money goes back to the client (STORNO), status RETOUR with
    the bank's reason in Dutch, and the consultant gets a signal to fix the payee's details.

    After the debit (AFGESCHREVEN) the returned money is on the bank: BANK -> CLIENT. When the
    debit was never seen (still ONDERWEG) it never left: ONDERWEG -> CLIENT."""
    require_role(actor, Rol.MEDEWERKER)
    with transaction.atomic():
        o = (
            Betaalopdracht.objects.select_for_update(of=("self",))
            .select_related("budgetrekening__beheerrekening", "budgetrekening__zaak")
            .get(pk=opdracht.pk)
        )
        if o.organisatie_id != actor.organisatie.pk:
            raise NietGevonden(_("Betaling niet gevonden."))
        if o.status == OpdrachtStatus.RETOUR:
            return o
        if o.status not in (OpdrachtStatus.AFGESCHREVEN, OpdrachtStatus.ONDERWEG):
            raise ValidationError(
                _("Betaling %(id)s is niet verstuurd en kan dus niet terugkomen.")
                % {"id": o.end_to_end_id},
                code="niet_verstuurd",
            )
        beheer = o.budgetrekening.beheerrekening
        van_soort = (
            GrootboekSoort.BANK
            if o.status == OpdrachtStatus.AFGESCHREVEN
            else GrootboekSoort.ONDERWEG
        )
        reden = retourreden(getattr(mutatie, "retourcode", ""))
        post = boeken(
            actor=actor,
            organisatie=beheer.organisatie,
            boekdatum=_boekdatum(actor, mutatie),
            soort=BoekingSoort.STORNO,
            omschrijving=(
                _("Teruggekomen: %(naam)s %(omschrijving)s")
                % {"naam": o.begunstigde, "omschrijving": o.omschrijving}
            )[:200],
            regels=[
                (grootboekrekening(van_soort, beheerrekening=beheer), o.bedrag),
                (
                    grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=o.budgetrekening),
                    -o.bedrag,
                ),
            ],
            budgetrekening=o.budgetrekening,
            reden=reden,
        )
        vorige = o.status
        o.status = OpdrachtStatus.RETOUR
        o.reden = _("Teruggekomen van de bank. %(reden)s") % {"reden": reden}
        o.save(update_fields=["status", "reden"])
        _mutatie_koppelen(mutatie, o, MutatieStatus.RETOUR, post)
        _signaal(
            organisatie=beheer.organisatie,
            rekening=o.budgetrekening,
            soort=SignaalSoort.BETALING_RETOUR,
            sleutel=f"retour:{o.uuid}",
            tekst=_("Betaling aan %(naam)s van %(bedrag)s is teruggekomen. %(reden)s")
            % {"naam": o.begunstigde, "bedrag": euro(o.bedrag), "reden": reden},
            datum=_boekdatum(actor, mutatie),
        )
        _audit(
            actor,
            "budget_betaling_retour",
            o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            wijzigingen={"status": [vorige, OpdrachtStatus.RETOUR]},
            toelichting=reden,
        )
    return o


# --- reads for the screens (access filter + processing log) -----------------------------------

DOEL = "Budgetbeheer: betalingen aan vaste lasten en leefgeld"


def voorstellen_lijst(actor: Actor) -> Any:  # noqa: ANN401 - a QuerySet of Betaalvoorstel
    """The organisation's proposals, newest first, with counts and totals (no personal data)."""
    require_betalingen_toegang(actor)
    return (
        Betaalvoorstel.objects.filter(organisatie_id=actor.organisatie.pk)
        .select_related("beheerrekening", "beoordeeld_door")
        .annotate(
            aantal=Count("opdrachten"),
            totaal=Sum(
                "opdrachten__bedrag",
                filter=~Q(
                    opdrachten__status__in=[
                        OpdrachtStatus.TEGENGEHOUDEN,
                        OpdrachtStatus.AFGEWEZEN,
                    ]
                ),
            ),
            tegengehouden=Count(
                "opdrachten", filter=Q(opdrachten__status=OpdrachtStatus.TEGENGEHOUDEN)
            ),
        )
        .order_by("-uitvoerdatum", "-pk")
    )


def voorstel_get(actor: Actor, uuid_: uuid.UUID | str) -> Betaalvoorstel:
    require_betalingen_toegang(actor)
    try:
        return Betaalvoorstel.objects.select_related(
            "beheerrekening", "opgesteld_door", "beoordeeld_door"
        ).get(organisatie_id=actor.organisatie.pk, uuid=uuid.UUID(str(uuid_)))
    except (Betaalvoorstel.DoesNotExist, ValueError) as error:
        raise NietGevonden(_("Betaalvoorstel niet gevonden.")) from error


def opdracht_get(actor: Actor, uuid_: uuid.UUID | str) -> Betaalopdracht:
    require_betalingen_toegang(actor)
    try:
        return (
            Betaalopdracht.objects.filter(zaak_filter(actor, prefix="budgetrekening__zaak__"))
            .select_related("voorstel", "budgetrekening__zaak")
            .get(uuid=uuid.UUID(str(uuid_)))
        )
    except (Betaalopdracht.DoesNotExist, ValueError) as error:
        raise NietGevonden(_("Betaling niet gevonden.")) from error


@dataclass
class Voorstelregels:
    """A proposal's payments the actor may see, split the way the screen shows them."""

    betalingen: list[Betaalopdracht]
    tegengehouden: list[Betaalopdracht]
    overig: list[Betaalopdracht]
    verborgen: int
    totaal: Decimal


def voorstel_regels(actor: Actor, voorstel: Betaalvoorstel, *, handeling: str) -> Voorstelregels:
    """The lines of a proposal for the screen or a download, with one processing-log entry per
    client shown (AVG art. 30)."""
    require_betalingen_toegang(actor)
    alle = Betaalopdracht.objects.filter(voorstel=voorstel)
    zichtbaar = list(
        alle.filter(zaak_filter(actor, prefix="budgetrekening__zaak__"))
        .select_related(
            "budgetrekening__client",
            "budgetrekening__zaak",
            "betaalpost",
            "roodstand_gevraagd_door",
            "roodstand_toegestaan_door",
        )
        .order_by("budgetrekening__kenmerk", "vervaldatum", "pk")
    )
    verborgen = alle.count() - len(zichtbaar)
    clienten = {o.budgetrekening.client_id: o.budgetrekening.client for o in zichtbaar}
    if clienten:
        verwerkingen_record(
            actor=actor, handeling=handeling, doel=DOEL, partijen=list(clienten.values())
        )
    betaald = (OpdrachtStatus.VOORGESTELD, OpdrachtStatus.ONDERWEG, OpdrachtStatus.AFGESCHREVEN)
    betalingen = [o for o in zichtbaar if o.status in betaald]
    return Voorstelregels(
        betalingen=betalingen,
        tegengehouden=[o for o in zichtbaar if o.status == OpdrachtStatus.TEGENGEHOUDEN],
        overig=[
            o for o in zichtbaar if o.status in (OpdrachtStatus.AFGEWEZEN, OpdrachtStatus.RETOUR)
        ],
        verborgen=verborgen,
        totaal=sum((o.bedrag for o in betalingen), NUL),
    )


# --- demo -----------------------------------------------------------------------------------


def betalingen_demo_load(
    organisatie: Organisatie,
    *,
    consulent: Any,  # noqa: ANN401 - Medewerker
    collega: Any,  # noqa: ANN401 - Medewerker
    datum: date | None = None,
) -> list[Betaalvoorstel]:
    """Demo data for the payment screens, after the plans and some income are in place:
    yesterday's (last working day's) proposal made by the system and approved by `collega`
    (so there is a pain.001 to download), and today's proposal made by `consulent`, waiting
    for `collega`'s four eyes. Idempotent like the daily run itself."""
    datum = datum or vandaag(organisatie.tijdzone)
    vorige = datum - timedelta(days=1)
    while not is_werkdag(vorige, organisatie.land):
        vorige -= timedelta(days=1)
    systeem = Actor.system(organisatie, "Dagelijkse betaalrun")
    ik = Actor.for_medewerker(consulent)
    tweede = Actor.for_medewerker(collega)
    gemaakt = []
    for voorstel in dagvoorstellen_maken(actor=systeem, organisatie=organisatie, datum=vorige):
        if voorstel.status == VoorstelStatus.TER_GOEDKEURING:
            voorstel = voorstel_goedkeuren(actor=tweede, voorstel=voorstel)
        gemaakt.append(voorstel)
    gemaakt += dagvoorstellen_maken(actor=ik, organisatie=organisatie, datum=datum)
    return gemaakt
