"""Ending a budget account (issue 5 item 7): the plan stops, the reservations are released, the
remaining tegoed is paid out to the client (or transferred to another account, e.g. a
bewindvoerder's) and the client gets a final statement (eindoverzicht).

The payout is an ordinary payment: a one-off Betaalopdracht that goes into the next payment
proposal, where a second person approves it (four eyes) and it is booked CLIENT -> ONDERWEG.
The final statement therefore follows the approval: it is made right away when nothing is left
to pay out, otherwise by `overzicht.eindoverzichten_bijwerken` (daily) or the button on the
ending page once the payout has been booked.

Refused while payments are still on their way (proposed, waiting for approval or sent to the
bank and not yet on a statement): their outcome changes the balance that is paid out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.geld import euro
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.budget.grootboek.boekingen import boeken
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo, grootboekrekening, saldo
from raadhuis.modules.budget.models import (
    Betaalopdracht,
    BoekingSoort,
    Budgetrekening,
    Clientoverzicht,
    GrootboekSoort,
    Journaalpost,
    OpdrachtStatus,
    RekeningStatus,
    VoorstelStatus,
)
from raadhuis.modules.budget.overzicht import eindoverzicht_maken
from raadhuis.modules.budget.services.algemeen import budgetrekening_lock_for_change

NUL = Decimal("0.00")


@dataclass(frozen=True)
class Beeindiging:
    budgetrekening: Budgetrekening
    vrijgegeven: Decimal  # reservations released to the client's free balance
    uitbetaling: Betaalopdracht | None  # None when nothing was left
    eindoverzicht: Clientoverzicht | None  # None until the payout is booked


def openstaande_betalingen(budgetrekening: Budgetrekening) -> QuerySet[Betaalopdracht]:
    """Payments of this account whose outcome is not known yet: proposed (in a proposal that
    still waits for approval, or not in one yet), held back (betalingen tries those again every
    day until someone strikes them), or sent to the bank and not yet seen on a statement."""
    wacht = Q(voorstel__isnull=True) | Q(voorstel__status=VoorstelStatus.TER_GOEDKEURING)
    return Betaalopdracht.objects.filter(budgetrekening=budgetrekening).filter(
        Q(status=OpdrachtStatus.ONDERWEG)
        | (Q(status=OpdrachtStatus.VOORGESTELD) & wacht)
        | (Q(status=OpdrachtStatus.TEGENGEHOUDEN) & ~Q(voorstel__status=VoorstelStatus.AFGEWEZEN))
    )


def _controleer_invoer(
    budgetrekening: Budgetrekening, datum: date | None, naar_iban: str, naar_tenaamstelling: str
) -> tuple[str, str]:
    """The account the tegoed goes to (the client's own when none is given), or Dutch field
    errors."""
    errors: dict[str, str | list[str]] = {}
    vandaag_ = vandaag(budgetrekening.organisatie.tijdzone)
    if datum is None:
        errors["datum"] = _("Vul de einddatum in.")
    elif datum > vandaag_:
        errors["datum"] = _("De einddatum kan niet in de toekomst liggen.")
    elif datum < budgetrekening.startdatum:
        errors["datum"] = _("De einddatum ligt vóór de start van het budgetbeheer (%(start)s).") % {
            "start": budgetrekening.startdatum.strftime("%d-%m-%Y")
        }
    iban, naam = budgetrekening.client_iban, budgetrekening.client_tenaamstelling
    if (naar_iban or "").strip():
        try:
            iban = iban_normaliseren(naar_iban)
        except ValidationError as fout:
            errors["naar_iban"] = fout.messages
        naam = (naar_tenaamstelling or "").strip()
        if iban != budgetrekening.client_iban and not naam:
            errors["naar_tenaamstelling"] = _("Vul de naam in van wie de rekening is.")
        elif len(naam) > 70:
            errors["naar_tenaamstelling"] = _("Een tenaamstelling heeft hoogstens 70 tekens.")
        naam = naam or budgetrekening.client_tenaamstelling
    if errors:
        raise ValidationError(errors)
    return iban, naam


def _openstaand_check(rekening: Budgetrekening) -> None:
    open_ = openstaande_betalingen(rekening)
    aantal = open_.count()
    if aantal:
        totaal = open_.aggregate(s=Sum("bedrag"))["s"] or NUL
        raise ValidationError(
            _(
                "Er staan nog %(aantal)s betaling(en) open (samen %(bedrag)s). Beëindig de "
                "budgetrekening pas als die zijn afgeschreven, afgewezen of geschrapt."
            )
            % {"aantal": aantal, "bedrag": euro(totaal)}
        )


def _plan_stoppen(rekening: Budgetrekening, datum: date) -> dict[str, list]:
    """Deactivate every payment and reservation and end every income post at `datum`, so no
    proposal or signal expects anything after it. Returns what changed, for the audit entry."""
    gestopt = {
        "betaalposten": list(
            rekening.betaalposten.filter(actief=True).values_list("begunstigde", flat=True)
        ),
        "reserveringen": list(
            rekening.reserveringen.filter(actief=True).values_list("omschrijving", flat=True)
        ),
    }
    rekening.betaalposten.filter(actief=True).update(actief=False)
    # A post that would only start after `datum` keeps its dates; it is inactive (payments) or
    # outside the account's period (income), so nothing is expected of it.
    lopend = Q(startdatum__lte=datum) & (Q(einddatum__isnull=True) | Q(einddatum__gt=datum))
    rekening.betaalposten.filter(lopend).update(einddatum=datum)
    rekening.inkomsten.filter(lopend).update(einddatum=datum)
    rekening.reserveringen.filter(actief=True).update(actief=False)
    return gestopt


def _reserveringen_vrijgeven(actor: Actor, rekening: Budgetrekening, datum: date) -> Decimal:
    """Move every reservation's balance back to the client's free balance (VRIJVAL)."""
    client = grootboekrekening(GrootboekSoort.CLIENT, budgetrekening=rekening)
    totaal = NUL
    for reservering in rekening.reserveringen.all():
        gb = grootboekrekening(GrootboekSoort.RESERVERING, reservering=reservering)
        stand = saldo(gb)
        if stand <= 0:
            continue
        # A liability shrinks by a debit: debit RESERVERING, credit CLIENT.
        boeken(
            actor=actor,
            organisatie=rekening.organisatie,
            boekdatum=datum,
            soort=BoekingSoort.VRIJVAL,
            omschrijving=_("Reservering vrijgegeven bij einde budgetbeheer: %(naam)s")
            % {"naam": reservering.omschrijving},
            regels=[(gb, stand), (client, -stand)],
            budgetrekening=rekening,
        )
        totaal += stand
    return totaal


def _uitbetaling_maken(
    actor: Actor, rekening: Budgetrekening, *, bedrag: Decimal, iban: str, naam: str, dag: date
) -> Betaalopdracht:
    """The one-off payment of the remaining tegoed, through betalingen. It waits in a pending
    proposal made by `actor`, so a second person approves it like any payment (four eyes)."""
    from raadhuis.modules.budget.betalingen.dagvoorstel import opdracht_eenmalig_maken

    omschrijving = _("Restant budgetbeheer %(kenmerk)s") % {"kenmerk": rekening.kenmerk}
    opdracht = opdracht_eenmalig_maken(
        actor=actor,
        budgetrekening=rekening,
        begunstigde=naam,
        iban=iban,
        bedrag=bedrag,
        omschrijving=omschrijving,
        vervaldatum=dag,
        end_to_end_id=f"BBEIND-{rekening.kenmerk}-{dag:%Y%m%d}",
    )
    audit_entry_record(
        actor=actor,
        actie="budget_uitbetaling_voorgesteld",
        obj=opdracht,
        wijzigingen={"bedrag": [None, str(bedrag)], "iban": [None, iban], "naam": [None, naam]},
        zaak_uuid=rekening.zaak.uuid,
    )
    return opdracht


def budgetrekening_beeindigen(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    datum: date,
    naar_iban: str = "",
    naar_tenaamstelling: str = "",
    reden: str = "",
) -> Beeindiging:
    """End the budget account on `datum`: stop the plan, release the reservations, pay out the
    remaining tegoed to the client's own account (or to `naar_iban` in the name of
    `naar_tenaamstelling`), set status BEEINDIGD and the einddatum, and make the final
    statement when nothing is left to pay out. All or nothing; audited on the case.

    Raises ValidationError (Dutch; per field for datum/naar_iban/naar_tenaamstelling) when the
    account has already ended, payments are still open, there are bookings after `datum`, or
    the balance is below zero."""
    iban, naam = _controleer_invoer(budgetrekening, datum, naar_iban, naar_tenaamstelling)
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        if rekening.status == RekeningStatus.BEEINDIGD:
            raise ValidationError(_("Deze budgetrekening is al beëindigd."))
        _openstaand_check(rekening)
        if Journaalpost.objects.filter(budgetrekening=rekening, boekdatum__gt=datum).exists():
            raise ValidationError(
                {"datum": _("Er zijn al boekingen na deze datum. Kies een latere einddatum.")}
            )
        gestopt = _plan_stoppen(rekening, datum)
        vrijgegeven = _reserveringen_vrijgeven(actor, rekening, datum)
        rest = beschikbaar_saldo(rekening)
        if rest < 0:
            raise ValidationError(
                _(
                    "Het saldo staat %(bedrag)s rood. Los dat eerst op (een correctie of "
                    "ontvangst) voordat het budgetbeheer eindigt."
                )
                % {"bedrag": euro(-rest)}
            )
        uitbetaling = None
        if rest > 0:
            uitbetaling = _uitbetaling_maken(
                actor,
                rekening,
                bedrag=rest,
                iban=iban,
                naam=naam,
                dag=vandaag(rekening.organisatie.tijdzone),
            )
        rekening.status = RekeningStatus.BEEINDIGD
        rekening.einddatum = datum
        rekening.save(update_fields=["status", "einddatum"])
        audit_entry_record(
            actor=actor,
            actie="budgetrekening_beeindigd",
            obj=rekening,
            wijzigingen={
                "status": [RekeningStatus.ACTIEF, RekeningStatus.BEEINDIGD],
                "einddatum": [None, datum.isoformat()],
                "reserveringen_vrijgegeven": [None, str(vrijgegeven)],
                "uitbetaling": [None, f"{rest} naar {iban} ({naam})" if rest > 0 else "0.00"],
                "gestopte_betaalposten": [None, gestopt["betaalposten"]],
                "gestopte_reserveringen": [None, gestopt["reserveringen"]],
            },
            toelichting=reden,
            zaak_uuid=rekening.zaak.uuid,
        )
        eindoverzicht = None
        if rest == 0:
            eindoverzicht = eindoverzicht_maken(actor=actor, budgetrekening=rekening, einde=datum)
    return Beeindiging(
        budgetrekening=rekening,
        vrijgegeven=vrijgegeven,
        uitbetaling=uitbetaling,
        eindoverzicht=eindoverzicht,
    )
