"""The daily payment proposal: book the month's reservations, turn the due payments into
payment orders, hold back what does not fit the client's balance.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.geld import euro
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.modules.budget.betalingen.algemeen import (
    NUL,
    budgetrekeningen_vergrendelen,
    clientrekeningen_per_budgetrekening,
    require_betalingen_toegang,
    signaal,
)
from raadhuis.modules.budget.betalingen.kandidaten import (
    Kandidaat,
    Rekeninggeld,
    beschikbaar_per_rekening,
    betaalomschrijving,
    eerder_tegengehouden,
    end_to_end_id_maken,
    gereserveerd_per_reservering,
    nieuwe_vervaldata,
    prioriteit,
    reden_tegenhouden,
    venster,
)
from raadhuis.modules.budget.betalingen.uitvoerdata import reserveringsdata, uitvoerdatum_voor
from raadhuis.modules.budget.grootboek.bulkboekingen import Bulkboeking, boeken_bulk
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Beheerrekening,
    Betaalopdracht,
    BetaalSoort,
    Betaalvoorstel,
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    GrootboekSoort,
    Journaalregel,
    OpdrachtStatus,
    RekeningStatus,
    Reservering,
    SignaalSoort,
    VoorstelStatus,
)


def _reserveringen_boeken(
    *,
    actor: Actor,
    beheerrekening: Beheerrekening,
    van: date,
    tot: date,
    geld: dict[int, Rekeninggeld],
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
    gereserveerd = gereserveerd_per_reservering(beheerrekening)
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
            budget = geld.setdefault(rekening.pk, Rekeninggeld(NUL))
            if not budget.past(bedrag):
                signaal(
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
    clientrekeningen = clientrekeningen_per_budgetrekening(
        r.budgetrekening for r, _d, _b in te_boeken
    )
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
    voorstel = voorstel_voor(
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


def voorstel_voor(
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
    van, tot, uitvoerdatum = venster(beheerrekening, datum, land)
    budgetrekeningen_vergrendelen(
        Budgetrekening.objects.filter(
            beheerrekening=beheerrekening, status=RekeningStatus.ACTIEF
        ).values_list("pk", flat=True)
    )
    saldi = beschikbaar_per_rekening(beheerrekening)
    geld: dict[int, Rekeninggeld] = defaultdict(lambda: Rekeninggeld(NUL))
    geld.update({pk: Rekeninggeld(s) for pk, s in saldi.items()})

    kandidaten = nieuwe_vervaldata(beheerrekening, van, tot) + eerder_tegengehouden(beheerrekening)
    vaste_lasten = [k for k in kandidaten if k.soort != BetaalSoort.LEEFGELD]
    leefgeld = [k for k in kandidaten if k.soort == BetaalSoort.LEEFGELD]
    # Reservations belong with the fixed costs (they save for fixed yearly bills): fixed costs
    # first, then this month's reservations, then the living allowance.
    volgorde = sorted(vaste_lasten, key=lambda k: prioriteit(k.soort, k.vervaldatum, k.volgnummer))
    besluiten: list[tuple[Kandidaat, bool, str]] = []
    for k in volgorde:
        besluiten.append(_beslissen(k, geld[k.rekening.pk]))
    gereserveerd = _reserveringen_boeken(
        actor=actor, beheerrekening=beheerrekening, van=van, tot=tot, geld=geld, datum=datum
    )
    for k in sorted(leefgeld, key=lambda k: prioriteit(k.soort, k.vervaldatum, k.volgnummer)):
        besluiten.append(_beslissen(k, geld[k.rekening.pk]))

    nieuw = [b for b in besluiten if b[0].bestaand is None]
    vrijgegeven = [b for b in besluiten if b[0].bestaand is not None and b[1]]
    if not nieuw and not vrijgegeven:
        if gereserveerd:
            audit_entry_record(
                actor=actor,
                actie="budget_reserveringen_geboekt",
                obj=beheerrekening,
                toelichting=_("%(aantal)d reserveringen geboekt.") % {"aantal": gereserveerd},
            )
        return None
    voorstel = voorstel_voor(actor, beheerrekening, uitvoerdatum)
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
            omschrijving=betaalomschrijving(k.post, k.vervaldatum),
            end_to_end_id=end_to_end_id_maken(k.rekening, k.vervaldatum),
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
            o.omschrijving = betaalomschrijving(k.post, o.vervaldatum)
    Betaalopdracht.objects.bulk_update(
        [k.bestaand for k, _p, _r in vrijgegeven],
        ["voorstel", "status", "reden", "begunstigde", "iban", "bedrag", "omschrijving"],
        batch_size=500,
    )
    tegengehouden = [o for o in opdrachten if o.status == OpdrachtStatus.TEGENGEHOUDEN]
    for o in tegengehouden:
        signaal(
            organisatie=beheerrekening.organisatie,
            rekening=o.budgetrekening,
            soort=SignaalSoort.BETALING_TEGENGEHOUDEN,
            sleutel=f"opdracht:{o.betaalpost.uuid}:{o.vervaldatum.isoformat()}",
            tekst=_("Betaling aan %(naam)s van %(bedrag)s tegengehouden: onvoldoende saldo.")
            % {"naam": o.begunstigde, "bedrag": euro(o.bedrag)},
            datum=datum,
        )
        audit_entry_record(
            actor=actor,
            actie="budget_betaling_tegengehouden",
            obj=o,
            zaak_uuid=o.budgetrekening.zaak.uuid,
            toelichting=o.reden,
        )
    audit_entry_record(
        actor=actor,
        actie="budget_betaalvoorstel_gemaakt",
        obj=voorstel,
        wijzigingen={
            "nieuw": len(opdrachten),
            "tegengehouden": len(tegengehouden),
            "alsnog_opgenomen": len(vrijgegeven),
            "reserveringen": gereserveerd,
            "periode": f"{van.isoformat()}..{tot.isoformat()}",
        },
    )
    return voorstel


def _beslissen(k: Kandidaat, geld: Rekeninggeld) -> tuple[Kandidaat, bool, str]:
    """Does the payment fit? An allowed overdraft always fits (and still uses the balance)."""
    if k.met_toestemming or geld.past(k.bedrag):
        geld.besteed(k.bedrag)
        return k, True, ""
    return k, False, reden_tegenhouden(k.bedrag, geld.beschikbaar)


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
