"""Overdraft requests: asked by one medewerker, allowed or refused by another."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.modules.budget import models as budget_models
from raadhuis.modules.budget.grootboek.boekingen import (
    budgetrekeningen_vergrendelen,
    journaalpost_boeken,
    regels_check,
    roodstanden_na_boeking,
)
from raadhuis.modules.budget.grootboek.correcties import tegenboeken, tegenboeking_check
from raadhuis.modules.budget.grootboek.rekeningen import Regels, rekening_toegang_check
from raadhuis.modules.budget.models import (
    BoekingSoort,
    Budgetrekening,
    Grootboekrekening,
    Journaalpost,
)


def _verzoek_model() -> Any:  # noqa: ANN401 - the model class
    model = getattr(budget_models, "Roodstandverzoek", None)
    if model is None:
        raise ValidationError(_("Roodstandverzoeken zijn nog niet beschikbaar."))
    return model


def roodstand_vragen(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    boekdatum: date,
    soort: str,
    omschrijving: str,
    reden: str,
    regels: Regels = (),
    tegenboeking_van: Journaalpost | None = None,
) -> Any:  # noqa: ANN401 - Roodstandverzoek
    """Ask a second person to allow a booking that would take the client below zero: either
    the given `regels`, or the reversal of `tegenboeking_van`. Only when it really would
    (otherwise just book it); the request is audited on the case."""
    verzoek_model = _verzoek_model()
    if actor.medewerker is None:
        raise ToegangGeweigerd(_("Alleen een medewerker kan om een roodstand vragen."))
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden waarom de roodstand nodig is.")})
    if tegenboeking_van is not None:
        tegenboeking_check(tegenboeking_van)
        checked = [
            (r.grootboekrekening, -r.bedrag)
            for r in tegenboeking_van.regels.select_related("grootboekrekening")
        ]
        soort = BoekingSoort.TEGENBOEKING
    else:
        checked = regels_check(actor.organisatie, regels)
    with transaction.atomic():
        rekening = budgetrekeningen_vergrendelen(actor, {budgetrekening.pk})[budgetrekening.pk]
        if not roodstanden_na_boeking(checked):
            raise ValidationError(
                _("Deze boeking brengt niemand onder nul; boek haar gewoon."), code="geen_roodstand"
            )
        verzoek = verzoek_model.objects.create(
            organisatie=actor.organisatie,
            budgetrekening=rekening,
            boekdatum=boekdatum,
            soort=soort,
            omschrijving=(omschrijving or "").strip()[:200] or str(BoekingSoort(soort).label),
            reden=reden.strip(),
            regels=[] if tegenboeking_van else [[r.pk, str(b)] for r, b in checked],
            tegenboeking_van=tegenboeking_van,
            gevraagd_door=actor.medewerker,
            gevraagd_door_weergave=actor.weergave[:200],
        )
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_gevraagd",
            obj=rekening,
            wijzigingen={"regels": [None, [[r.pk, str(b)] for r, b in checked]]},
            toelichting=reden.strip(),
            zaak_uuid=rekening.zaak.uuid,
        )
    return verzoek


def _verzoek_vergrendelen(actor: Actor, verzoek: Any) -> Any:  # noqa: ANN401
    locked = (
        _verzoek_model()
        .objects.select_for_update(of=("self",))
        .select_related("budgetrekening__zaak", "gevraagd_door", "tegenboeking_van")
        .get(pk=verzoek.pk)
    )
    if locked.organisatie_id != actor.organisatie.pk:
        raise NietGevonden(_("Verzoek niet gevonden."))
    rekening_toegang_check(actor, locked.budgetrekening)
    if locked.status != "gevraagd":
        raise ValidationError(_("Over dit verzoek is al besloten."), code="al_besloten")
    if actor.medewerker is None or actor.medewerker.pk == locked.gevraagd_door_id:
        raise ValidationError(
            _("Een tweede medewerker beslist over de roodstand, niet wie erom vroeg."),
            code="vier_ogen",
        )
    return locked


def roodstand_goedkeuren(*, actor: Actor, verzoek: Any) -> Journaalpost:  # noqa: ANN401
    """The second person allows the overdraft: the booking is made as asked (booked by the
    one who asked, allowed by `actor`), and the request records the entry."""
    with transaction.atomic():
        verzoek = _verzoek_vergrendelen(actor, verzoek)
        vrager = verzoek.gevraagd_door
        if verzoek.tegenboeking_van_id:
            post = tegenboeken(
                actor=actor,
                journaalpost=verzoek.tegenboeking_van,
                reden=verzoek.reden,
                boekdatum=verzoek.boekdatum,
                roodstand_toegestaan_door=actor.medewerker,
                roodstand_gevraagd_door=vrager,
                _geboekt_door=vrager,
                _geboekt_door_weergave=verzoek.gevraagd_door_weergave,
            )
        else:
            rekeningen = Grootboekrekening.objects.in_bulk([pk for pk, _b in verzoek.regels])
            post = journaalpost_boeken(
                actor=actor,
                organisatie=actor.organisatie,
                boekdatum=verzoek.boekdatum,
                soort=verzoek.soort,
                omschrijving=verzoek.omschrijving,
                regels=[(rekeningen[pk], Decimal(b)) for pk, b in verzoek.regels],
                budgetrekening=verzoek.budgetrekening,
                reden=verzoek.reden,
                roodstand_toegestaan_door=actor.medewerker,
                roodstand_gevraagd_door=vrager,
                geboekt_door=vrager,
                geboekt_door_weergave=verzoek.gevraagd_door_weergave,
            )
        verzoek.status = "toegestaan"
        verzoek.beoordeeld_door = actor.medewerker
        verzoek.beoordeeld_op = timezone.now()
        verzoek.journaalpost = post
        verzoek.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "journaalpost"])
    return post


def roodstand_afwijzen(*, actor: Actor, verzoek: Any, reden: str) -> Any:  # noqa: ANN401
    """The second person refuses; nothing is booked."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de afwijzing.")})
    with transaction.atomic():
        verzoek = _verzoek_vergrendelen(actor, verzoek)
        verzoek.status = "afgewezen"
        verzoek.beoordeeld_door = actor.medewerker
        verzoek.beoordeeld_op = timezone.now()
        verzoek.afwijzingsreden = reden.strip()
        verzoek.save(
            update_fields=["status", "beoordeeld_door", "beoordeeld_op", "afwijzingsreden"]
        )
        audit_entry_record(
            actor=actor,
            actie="budget_roodstand_afgewezen",
            obj=verzoek.budgetrekening,
            toelichting=reden.strip(),
            zaak_uuid=verzoek.budgetrekening.zaak.uuid,
        )
    return verzoek


def roodstandverzoeken_open(budgetrekening: Budgetrekening) -> list[Any]:
    model = getattr(budget_models, "Roodstandverzoek", None)
    if model is None:
        return []
    return list(
        model.objects.filter(budgetrekening=budgetrekening, status="gevraagd")
        .select_related("gevraagd_door", "tegenboeking_van")
        .order_by("gevraagd_op")
    )
