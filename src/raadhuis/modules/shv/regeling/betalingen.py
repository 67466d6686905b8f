"""The bookkeeping of a running settlement: payments in, one payout to the creditors per month
(pro rata of what came in), and at the end the final payout and the discharge of the debts.

Invariants, tested with hypothesis: a payout never exceeds the money held for the creditors,
no debt ever receives more than its share of the offer, and the parts of a payout add up to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.services import zaak_event_queue
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.models import Fase, Schuld, SchuldStatus
from raadhuis.modules.shv.regeling import koppelingen
from raadhuis.modules.shv.regeling.berekening import NUL, geld, uitbetaling_berekenen
from raadhuis.modules.shv.regeling.models import (
    Afdracht,
    Ontvangst,
    Regeling,
    RegelingMaand,
    RegelingStatus,
    Uitbetaling,
)
from raadhuis.modules.shv.regeling.services import bedrag_check, regeling_lock, status_zetten


def _lopend_check(regeling: Regeling) -> None:
    if regeling.status != RegelingStatus.LOPEND:
        raise ValidationError(
            _("Betalingen worden alleen bijgehouden in een lopende regeling."), code="niet-lopend"
        )


def ontvangst_registreren(
    *,
    actor: Actor,
    regeling: Regeling,
    maand: RegelingMaand,
    bedrag: Decimal,
    datum: date | None = None,
    omschrijving: str = "",
) -> Ontvangst:
    """Book a payment into the settlement on one of its months."""
    bedrag = bedrag_check(bedrag)
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        _lopend_check(regeling)
        maand = RegelingMaand.objects.select_for_update().get(pk=maand.pk, regeling=regeling)
        datum = datum or vandaag(actor.organisatie.tijdzone)
        if datum > vandaag(actor.organisatie.tijdzone):
            raise ValidationError({"datum": _("Een ontvangst ligt niet in de toekomst.")})
        ontvangst = Ontvangst.objects.create(
            organisatie=regeling.organisatie,
            regeling=regeling,
            maand=maand,
            datum=datum,
            bedrag=bedrag,
            omschrijving=omschrijving,
        )
        RegelingMaand.objects.filter(pk=maand.pk).update(ontvangen=F("ontvangen") + bedrag)
        audit_entry_record(
            actor=actor,
            actie="schuldregeling_ontvangst",
            obj=ontvangst,
            wijzigingen={"maand": [None, str(maand)], "bedrag": [None, str(bedrag)]},
            toelichting=omschrijving,
            zaak_uuid=zaak.uuid,
        )
    return ontvangst


def _saldo(regeling: Regeling) -> Decimal:
    """Money held for the creditors: everything received minus everything paid out."""
    ontvangen = regeling.ontvangsten.aggregate(s=Sum("bedrag"))["s"] or NUL
    uitbetaald = regeling.uitbetalingen.aggregate(s=Sum("bedrag"))["s"] or NUL
    return ontvangen - uitbetaald


def _resterend(regeling: Regeling) -> dict[int, Decimal]:
    """{aanbod id: what the debt is still owed under the settlement}."""
    betaald = dict(
        Afdracht.objects.filter(aanbod__regeling=regeling)
        .values_list("aanbod_id")
        .annotate(s=Sum("bedrag"))
        .order_by()
    )
    return {a.pk: a.aandeel - betaald.get(a.pk, NUL) for a in regeling.aanbiedingen.order_by("id")}


def _uitbetalen(
    regeling: Regeling, *, maand: RegelingMaand | None, datum: date, slot: bool
) -> Uitbetaling:
    delen = uitbetaling_berekenen(_saldo(regeling), _resterend(regeling))
    uitbetaling = Uitbetaling.objects.create(
        organisatie=regeling.organisatie,
        regeling=regeling,
        maand=maand,
        slot=slot,
        datum=datum,
        bedrag=sum(delen.values(), NUL),
    )
    Afdracht.objects.bulk_create(
        Afdracht(
            organisatie=regeling.organisatie,
            uitbetaling=uitbetaling,
            aanbod_id=aanbod_id,
            bedrag=deel,
        )
        for aanbod_id, deel in delen.items()
        if deel
    )
    return uitbetaling


def maand_uitbetalen(
    *, actor: Actor, regeling: Regeling, maand: RegelingMaand, datum: date | None = None
) -> Uitbetaling:
    """Pay out what the settlement holds to the creditors, pro rata to what each is still owed.
    Months are paid out in order, once each."""
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        _lopend_check(regeling)
        maand = RegelingMaand.objects.get(pk=maand.pk, regeling=regeling)
        today = vandaag(actor.organisatie.tijdzone)
        if maand.maand > today:
            raise ValidationError(_("Deze maand is nog niet begonnen."), code="maand-toekomst")
        if Uitbetaling.objects.filter(maand=maand, slot=False).exists():
            raise ValidationError(_("Deze maand is al uitbetaald."), code="al-uitbetaald")
        if regeling.maanden.filter(
            volgnummer__lt=maand.volgnummer, uitbetalingen__isnull=True
        ).exists():
            raise ValidationError(
                _("Betaal eerst de eerdere maanden uit."), code="eerdere-maanden-open"
            )
        uitbetaling = _uitbetalen(regeling, maand=maand, datum=datum or today, slot=False)
        audit_entry_record(
            actor=actor,
            actie="schuldregeling_uitbetaling",
            obj=uitbetaling,
            wijzigingen={"maand": [None, str(maand)], "bedrag": [None, str(uitbetaling.bedrag)]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak, resource="schuldregeling", actie="partial_update", resource_uuid=regeling.uuid
        )
    return uitbetaling


def regeling_afsluiten(
    *, actor: Actor, regeling: Regeling, datum: date | None = None, toelichting: str = ""
) -> Regeling:
    """After the last month: the final payout of what is still held, the debts discharged
    ('afgelost': finale kwijting for the rest) and the dossier on to after-care. What the client
    paid beyond the offer is not paid out; it is recorded for return to the client."""
    with transaction.atomic():
        regeling, zaak = regeling_lock(actor, regeling)
        _lopend_check(regeling)
        if regeling.maanden.filter(uitbetalingen__isnull=True).exists():
            raise ValidationError(
                _("Betaal eerst alle maanden van de looptijd uit."), code="maanden-open"
            )
        datum = datum or vandaag(actor.organisatie.tijdzone)
        slot = _uitbetalen(regeling, maand=None, datum=datum, slot=True)
        overschot = geld(_saldo(regeling))
        tekort = geld(sum(_resterend(regeling).values(), NUL))
        regeling.afgerond_op = datum
        regeling.save(update_fields=["afgerond_op"])
        audit_entry_record(
            actor=actor,
            actie="schuldregeling_slotuitkering",
            obj=slot,
            wijzigingen={
                "bedrag": [None, str(slot.bedrag)],
                "terug_aan_client": [None, str(overschot)],
                "niet_ontvangen_door_schuldeisers": [None, str(tekort)],
            },
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        status_zetten(actor, zaak, regeling, RegelingStatus.AFGEROND, toelichting)
        schulden = list(
            Schuld.objects.filter(pk__in=regeling.aanbiedingen.values("schuld_id")).order_by("id")
        )
        koppelingen.schulden_status_naar(actor, schulden, SchuldStatus.AFGELOST)
        koppelingen.dossier_fase_naar(actor, regeling.dossier, Fase.NAZORG)
    return regeling
