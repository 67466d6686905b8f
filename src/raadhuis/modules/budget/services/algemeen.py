"""What every plan write shares: the audit entry on the case, locking an account for a
change, the field checks (IBAN, period, amount, day) and the partial update.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.kernel.cases.services import zaak_audit_record, zaak_lock_for_change
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.modules.budget.catalogus import require_budget_toegang
from raadhuis.modules.budget.models import (
    Budgetrekening,
    Frequentie,
    RekeningStatus,
)

# --- helpers ----------------------------------------------------------------------------------


def budgetrekening_lock_for_change(actor: Actor, budgetrekening: Budgetrekening) -> Budgetrekening:
    """Re-read the account under a row lock after the kernel checked the actor may change its
    case. Call inside a transaction."""
    require_budget_toegang(actor)
    zaak = zaak_lock_for_change(actor, budgetrekening.zaak)
    locked = (
        Budgetrekening.objects.select_for_update(of=("self",))
        .select_related("client", "beheerrekening")
        .get(pk=budgetrekening.pk)
    )
    locked.zaak = zaak
    return locked


def actief_check(budgetrekening: Budgetrekening) -> None:
    if budgetrekening.status != RekeningStatus.ACTIEF:
        raise ValidationError(
            _("Deze budgetrekening is beëindigd; het plan kan niet meer wijzigen.")
        )


def iban_check(errors: dict[str, Any], veld: str, waarde: str, *, verplicht: bool) -> str:
    try:
        iban = iban_normaliseren(waarde)
    except ValidationError as error:
        errors[veld] = error.messages
        return waarde
    if verplicht and not iban:
        errors[veld] = _("Vul een IBAN in.")
    return iban


def periode_check(errors: dict[str, Any], startdatum: date | None, einddatum: date | None) -> None:
    if startdatum is None:
        errors["startdatum"] = _("Vul de datum in waarop deze post ingaat.")
    elif einddatum is not None and einddatum < startdatum:
        errors["einddatum"] = _("De einddatum ligt vóór de startdatum.")


def bedrag_check(errors: dict[str, Any], veld: str, bedrag: Any, *, nul_mag: bool = False) -> None:
    if bedrag is None or bedrag == "":
        errors[veld] = _("Vul een bedrag in.")
        return
    try:
        bedrag = Decimal(str(bedrag))
    except ArithmeticError:
        errors[veld] = _("Vul een bedrag in euro's in, bijvoorbeeld 725,00.")
        return
    if not bedrag.is_finite():
        errors[veld] = _("Vul een bedrag in euro's in, bijvoorbeeld 725,00.")
        return
    if bedrag < 0 or (bedrag == 0 and not nul_mag):
        errors[veld] = _("Het bedrag moet groter zijn dan € 0,00.")
    elif bedrag != bedrag.quantize(Decimal("0.01")):
        errors[veld] = _("Een bedrag heeft hoogstens twee cijfers achter de komma.")
    elif bedrag >= Decimal("1000000"):
        errors[veld] = _("Dit bedrag is te hoog voor een budgetplan.")


def dag_check(errors: dict[str, Any], frequentie: str, dag: Any) -> None:
    if frequentie not in Frequentie.values:
        errors["frequentie"] = _("Kies een frequentie.")
        return
    if dag is None or dag == "":
        errors["dag"] = _("Vul de dag in.")
        return
    try:
        dag = int(dag)
    except (TypeError, ValueError):
        errors["dag"] = _("Vul de dag in als getal.")
        return
    if frequentie == Frequentie.WEEK and not 1 <= dag <= 7:
        errors["dag"] = _("Kies bij een wekelijkse post een weekdag: 1 (maandag) tot 7 (zondag).")
    elif not 1 <= dag <= 31:
        errors["dag"] = _("Kies een dag van de maand van 1 tot en met 31.")


def fouten_melden(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def velden_check(
    gegevens: dict[str, Any], toegestaan: tuple[str, ...], functie: str
) -> dict[str, Any]:
    onbekend = set(gegevens) - set(toegestaan)
    if onbekend:
        raise ValueError(f"{functie} cannot set {sorted(onbekend)}")
    return gegevens


# --- shared update ----------------------------------------------------------------------------


def snapshot_raw(obj: models.Model, velden: tuple[str, ...]) -> dict[str, Any]:
    """The current values as Python objects (not JSON), to merge a partial update into."""
    return {veld: getattr(obj, veld) for veld in velden}


def wijzig(
    actor: Actor,
    obj: models.Model,
    gegevens: dict[str, Any],
    velden: tuple[str, ...],
    rekening: Budgetrekening,
    actie: str,
) -> Any:
    voor = snapshot(obj, velden)
    for veld, waarde in gegevens.items():
        setattr(obj, veld, waarde)
    obj.save(update_fields=list(gegevens))
    wijzigingen = diff(voor, snapshot(obj, velden))
    if wijzigingen:
        zaak_audit_record(actor, actie, obj, rekening.zaak, wijzigingen)
    return obj
