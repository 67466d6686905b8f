"""The lines of a budget plan: income, payments, the living allowance and reservations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.kernel.cases.services import zaak_audit_record
from raadhuis.modules.budget.models import (
    Betaalpost,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    Grootboekrekening,
    Inkomstenpost,
    InkomstenSoort,
    Reservering,
)
from raadhuis.modules.budget.services.algemeen import (
    actief_check,
    bedrag_check,
    budgetrekening_lock_for_change,
    dag_check,
    fouten_melden,
    iban_check,
    periode_check,
    snapshot_raw,
    velden_check,
    wijzig,
)
from raadhuis.modules.budget.services.rekeningen import vandaag_van

INKOMSTEN_VELDEN = (
    "soort",
    "bron",
    "iban_betaler",
    "kenmerk",
    "bedrag",
    "frequentie",
    "dag",
    "startdatum",
    "einddatum",
)
BETAALPOST_VELDEN = (
    "soort",
    "begunstigde",
    "iban",
    "betalingskenmerk",
    "omschrijving",
    "bedrag",
    "frequentie",
    "dag",
    "startdatum",
    "einddatum",
    "actief",
)
RESERVERING_VELDEN = ("omschrijving", "bedrag_per_maand", "doelbedrag", "dag", "actief")


# --- the steps every kind of plan line shares ----------------------------------------------------


@dataclass(frozen=True)
class _Postsoort:
    """What differs between income, payments and reservations; the steps around it (lock the
    account, check it is active, save, audit) are the same for each."""

    naam: str  # "inkomstenpost": the names of its services and audit actions start with it
    model: type[Any]
    velden: tuple[str, ...]
    # Fills in what the caller may leave out, in place.
    standaard: Callable[[Budgetrekening, dict[str, Any]], None]
    check: Callable[[dict[str, Any]], dict[str, Any]]
    # Stops a line that has history instead of deleting it; returns the audit changes, or None
    # when the line has no history and is deleted.
    stoppen: Callable[[Actor, Any], dict[str, Any] | None] | None = None


M = TypeVar("M", Inkomstenpost, Betaalpost, Reservering)


def _plan_post_create(
    soort: _Postsoort, actor: Actor, budgetrekening: Budgetrekening, gegevens: dict[str, Any]
) -> Any:
    """Add a checked income post, payment post or reservation to an active plan, audited."""
    gegevens = velden_check(gegevens, soort.velden, f"{soort.naam}_create")
    soort.standaard(budgetrekening, gegevens)
    gegevens = soort.check(gegevens)
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        actief_check(rekening)
        item = soort.model.objects.create(
            organisatie=rekening.organisatie, budgetrekening=rekening, **gegevens
        )
        zaak_audit_record(
            actor,
            f"{soort.naam}_toegevoegd",
            item,
            rekening.zaak,
            diff({}, snapshot(item, soort.velden)),
        )
    return item


def _plan_post_update(soort: _Postsoort, actor: Actor, post: M, gegevens: dict[str, Any]) -> M:
    """Change some fields of an income post, payment post or reservation of an active plan:
    the whole post is checked as it will be after the change, then saved and audited."""
    gegevens = velden_check(gegevens, soort.velden, f"{soort.naam}_update")
    volledig = soort.check({**snapshot_raw(post, soort.velden), **gegevens})
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        actief_check(rekening)
        post = type(post).objects.select_for_update().get(pk=post.pk)
        return wijzig(actor, post, volledig, soort.velden, rekening, f"{soort.naam}_gewijzigd")


def _plan_post_delete(soort: _Postsoort, actor: Actor, post: Any, toelichting: str) -> None:
    """Remove a line from an active plan, audited; a line with history is stopped instead
    (the kind's `stoppen` rule)."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        actief_check(rekening)
        # The line as stored now, locked: the caller's copy may predate a change.
        post = soort.model.objects.select_for_update().get(pk=post.pk)
        if soort.stoppen is not None:
            wijzigingen = soort.stoppen(actor, post)
            if wijzigingen is not None:
                zaak_audit_record(
                    actor, f"{soort.naam}_gestopt", post, rekening.zaak, wijzigingen, toelichting
                )
                return
        zaak_audit_record(
            actor,
            f"{soort.naam}_verwijderd",
            post,
            rekening.zaak,
            # diff() reads only the fields of its second argument: a removal records every
            # value it had, as [old, None].
            {naam: [oud, None] for naam, oud in snapshot(post, soort.velden).items()},
            toelichting,
        )
        post.delete()


def _looptijd_standaard(budgetrekening: Budgetrekening, gegevens: dict[str, Any]) -> None:
    """Income and payments are monthly from the account's start unless told otherwise."""
    gegevens.setdefault("frequentie", Frequentie.MAAND)
    gegevens.setdefault("startdatum", budgetrekening.startdatum)


# --- income -----------------------------------------------------------------------------------


def _inkomsten_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if gegevens.get("soort") not in InkomstenSoort.values:
        errors["soort"] = _("Kies de soort inkomsten.")
    if not (gegevens.get("bron") or "").strip():
        errors["bron"] = _("Vul in wie het inkomen betaalt.")
    gegevens["iban_betaler"] = iban_check(
        errors, "iban_betaler", gegevens.get("iban_betaler", ""), verplicht=False
    )
    bedrag_check(errors, "bedrag", gegevens.get("bedrag"))
    dag_check(errors, gegevens.get("frequentie", Frequentie.MAAND), gegevens.get("dag"))
    periode_check(errors, gegevens.get("startdatum"), gegevens.get("einddatum"))
    fouten_melden(errors)
    return gegevens


INKOMSTEN = _Postsoort(
    naam="inkomstenpost",
    model=Inkomstenpost,
    velden=INKOMSTEN_VELDEN,
    standaard=_looptijd_standaard,
    check=_inkomsten_check,
)


def inkomstenpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Inkomstenpost:
    """Add expected income to the plan: soort, bron, bedrag, frequentie, dag, startdatum and
    optionally iban_betaler, kenmerk, einddatum."""
    return _plan_post_create(INKOMSTEN, actor, budgetrekening, gegevens)


def inkomstenpost_update(*, actor: Actor, post: Inkomstenpost, **gegevens: Any) -> Inkomstenpost:
    return _plan_post_update(INKOMSTEN, actor, post, gegevens)


def inkomstenpost_delete(*, actor: Actor, post: Inkomstenpost, toelichting: str = "") -> None:
    _plan_post_delete(INKOMSTEN, actor, post, toelichting)


# --- payments and the living allowance --------------------------------------------------------


def _betaalpost_standaard(budgetrekening: Budgetrekening, gegevens: dict[str, Any]) -> None:
    _looptijd_standaard(budgetrekening, gegevens)
    if gegevens.get("soort") == BetaalSoort.LEEFGELD:
        gegevens.setdefault("iban", budgetrekening.client_iban)
        gegevens.setdefault("begunstigde", budgetrekening.client_tenaamstelling)
        if not gegevens.get("betalingskenmerk"):
            gegevens.setdefault("omschrijving", f"Leefgeld {budgetrekening.kenmerk}")


def _betaalpost_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if gegevens.get("soort") not in BetaalSoort.values:
        errors["soort"] = _("Kies de soort betaling.")
    begunstigde = (gegevens.get("begunstigde") or "").strip()
    if not begunstigde:
        errors["begunstigde"] = _("Vul de naam van de begunstigde in.")
    elif len(begunstigde) > 70:
        errors["begunstigde"] = _("De naam van de begunstigde is maximaal 70 tekens (SEPA).")
    gegevens["iban"] = iban_check(errors, "iban", gegevens.get("iban", ""), verplicht=True)
    kenmerk = (gegevens.get("betalingskenmerk") or "").strip()
    omschrijving = (gegevens.get("omschrijving") or "").strip()
    if kenmerk and omschrijving:
        errors["omschrijving"] = _(
            "Vul een betalingskenmerk óf een omschrijving in, niet allebei (SEPA)."
        )
    elif not kenmerk and not omschrijving:
        errors["betalingskenmerk"] = _(
            "Vul het betalingskenmerk van de begunstigde of een omschrijving in."
        )
    elif len(kenmerk) > 35:
        errors["betalingskenmerk"] = _("Een betalingskenmerk is maximaal 35 tekens.")
    gegevens["betalingskenmerk"] = kenmerk
    gegevens["omschrijving"] = omschrijving
    bedrag_check(errors, "bedrag", gegevens.get("bedrag"))
    dag_check(errors, gegevens.get("frequentie", Frequentie.MAAND), gegevens.get("dag"))
    periode_check(errors, gegevens.get("startdatum"), gegevens.get("einddatum"))
    fouten_melden(errors)
    return gegevens


def _betaalpost_stoppen(actor: Actor, post: Betaalpost) -> dict[str, Any] | None:
    """A payment that was already paid (it has payment orders) is kept for the history and
    stopped instead: inactive, ending today."""
    if not post.opdrachten.exists():
        return None
    voor = snapshot(post, ["actief", "einddatum"])
    post.actief = False
    post.einddatum = max(vandaag_van(actor), post.startdatum)
    post.save(update_fields=["actief", "einddatum"])
    return diff(voor, snapshot(post, ["actief", "einddatum"]))


BETAALPOSTEN = _Postsoort(
    naam="betaalpost",
    model=Betaalpost,
    velden=BETAALPOST_VELDEN,
    standaard=_betaalpost_standaard,
    check=_betaalpost_check,
    stoppen=_betaalpost_stoppen,
)


def betaalpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Betaalpost:
    """Add a payment to the plan: soort, begunstigde, iban, betalingskenmerk or omschrijving,
    bedrag, frequentie, dag, startdatum and optionally einddatum. For the living allowance use
    leefgeld_instellen (it pays to the client's own account)."""
    return _plan_post_create(BETAALPOSTEN, actor, budgetrekening, gegevens)


def betaalpost_update(*, actor: Actor, post: Betaalpost, **gegevens: Any) -> Betaalpost:
    return _plan_post_update(BETAALPOSTEN, actor, post, gegevens)


def betaalpost_delete(*, actor: Actor, post: Betaalpost, toelichting: str = "") -> None:
    """Remove a payment from the plan. One that was already paid (it has payment orders) is
    kept for the history and stopped instead: inactive, ending today."""
    _plan_post_delete(BETAALPOSTEN, actor, post, toelichting)


def leefgeld_instellen(
    *,
    actor: Actor,
    budgetrekening: Budgetrekening,
    bedrag: Decimal,
    frequentie: str = Frequentie.WEEK,
    dag: int = 1,
    startdatum: date | None = None,
) -> Betaalpost:
    """Set the living allowance: weekly (dag = ISO weekday, 1 is Monday) or monthly (dag of the
    month), always to the client's own account. Replaces the active allowance, if any."""
    errors: dict[str, Any] = {}
    if frequentie not in (Frequentie.WEEK, Frequentie.MAAND):
        errors["frequentie"] = _("Leefgeld gaat per week of per maand.")
    fouten_melden(errors)
    bestaand = budgetrekening.betaalposten.filter(soort=BetaalSoort.LEEFGELD, actief=True).first()
    gegevens = {
        "bedrag": bedrag,
        "frequentie": frequentie,
        "dag": dag,
        "iban": budgetrekening.client_iban,
        "begunstigde": budgetrekening.client_tenaamstelling,
    }
    if bestaand is None:
        return betaalpost_create(
            actor=actor,
            budgetrekening=budgetrekening,
            soort=BetaalSoort.LEEFGELD,
            omschrijving=f"Leefgeld {budgetrekening.kenmerk}",
            startdatum=startdatum or budgetrekening.startdatum,
            **gegevens,
        )
    if startdatum is not None:
        gegevens["startdatum"] = startdatum
    return betaalpost_update(actor=actor, post=bestaand, **gegevens)


# --- reservations -----------------------------------------------------------------------------


def _reservering_standaard(budgetrekening: Budgetrekening, gegevens: dict[str, Any]) -> None:
    gegevens.setdefault("dag", 1)


def _reservering_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not (gegevens.get("omschrijving") or "").strip():
        errors["omschrijving"] = _("Vul in waarvoor gereserveerd wordt.")
    bedrag_check(errors, "bedrag_per_maand", gegevens.get("bedrag_per_maand"))
    if gegevens.get("doelbedrag") not in (None, ""):
        bedrag_check(errors, "doelbedrag", gegevens["doelbedrag"])
    else:
        gegevens["doelbedrag"] = None
    dag_check(errors, Frequentie.MAAND, gegevens.get("dag", 1))
    fouten_melden(errors)
    return gegevens


def _reservering_stoppen(actor: Actor, reservering: Reservering) -> dict[str, Any] | None:
    """A reservation with a ledger account is stopped (inactive): its money stays booked until
    it is released."""
    if not Grootboekrekening.objects.filter(reservering=reservering).exists():
        return None
    reservering.actief = False
    reservering.save(update_fields=["actief"])
    return {"actief": [True, False]}


RESERVERINGEN = _Postsoort(
    naam="reservering",
    model=Reservering,
    velden=RESERVERING_VELDEN,
    standaard=_reservering_standaard,
    check=_reservering_check,
    stoppen=_reservering_stoppen,
)


def reservering_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Reservering:
    """Save monthly for a bill that comes once: omschrijving, bedrag_per_maand, optionally
    doelbedrag and dag. The reservation gets its own RESERVERING ledger account when the ledger
    books on it (grootboek.grootboekrekening)."""
    return _plan_post_create(RESERVERINGEN, actor, budgetrekening, gegevens)


def reservering_update(*, actor: Actor, reservering: Reservering, **gegevens: Any) -> Reservering:
    return _plan_post_update(RESERVERINGEN, actor, reservering, gegevens)


def reservering_delete(*, actor: Actor, reservering: Reservering, toelichting: str = "") -> None:
    """Remove a reservation. One with a ledger account is stopped instead (inactive): its money
    stays booked until it is released."""
    _plan_post_delete(RESERVERINGEN, actor, reservering, toelichting)
