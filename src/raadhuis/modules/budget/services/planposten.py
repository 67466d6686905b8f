"""The lines of a budget plan: income, payments, the living allowance and reservations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.modules.budget.models import (
    Betaalpost,
    BetaalSoort,
    Budgetrekening,
    Frequentie,
    Grootboekrekening,
    Inkomstenpost,
    Reservering,
)
from raadhuis.modules.budget.services.algemeen import (
    actief_check,
    audit_vastleggen,
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


# --- income -----------------------------------------------------------------------------------


def _inkomsten_check(gegevens: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    from raadhuis.modules.budget.models import InkomstenSoort

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


M = TypeVar("M", Inkomstenpost, Betaalpost, Reservering)


def _plan_post_toevoegen(
    actor: Actor,
    budgetrekening: Budgetrekening,
    model: type[M],
    gegevens: dict[str, Any],
    velden: Sequence[str],
    actie: str,
) -> M:
    """Add a checked income post, payment post or reservation to an active plan, audited."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, budgetrekening)
        actief_check(rekening)
        item = model.objects.create(
            organisatie=rekening.organisatie, budgetrekening=rekening, **gegevens
        )
        audit_vastleggen(actor, actie, item, rekening.zaak, diff({}, snapshot(item, velden)))
    return item


def _plan_post_wijzigen(
    actor: Actor,
    post: M,
    gegevens: dict[str, Any],
    velden: tuple[str, ...],
    check: Callable[[dict[str, Any]], dict[str, Any]],
    functie: str,
    actie: str,
) -> M:
    """Change some fields of an income post, payment post or reservation of an active plan:
    the whole post is checked as it will be after the change, then saved and audited."""
    gegevens = velden_check(gegevens, velden, functie)
    volledig = check({**snapshot_raw(post, velden), **gegevens})
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        actief_check(rekening)
        post = type(post).objects.select_for_update().get(pk=post.pk)
        return wijzig(actor, post, volledig, velden, rekening, actie)


def inkomstenpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Inkomstenpost:
    """Add expected income to the plan: soort, bron, bedrag, frequentie, dag, startdatum and
    optionally iban_betaler, kenmerk, einddatum."""
    gegevens = velden_check(gegevens, INKOMSTEN_VELDEN, "inkomstenpost_create")
    gegevens.setdefault("frequentie", Frequentie.MAAND)
    gegevens.setdefault("startdatum", budgetrekening.startdatum)
    gegevens = _inkomsten_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Inkomstenpost, gegevens, INKOMSTEN_VELDEN, "inkomstenpost_toegevoegd"
    )


def inkomstenpost_update(*, actor: Actor, post: Inkomstenpost, **gegevens: Any) -> Inkomstenpost:
    return _plan_post_wijzigen(
        actor,
        post,
        gegevens,
        INKOMSTEN_VELDEN,
        _inkomsten_check,
        "inkomstenpost_update",
        "inkomstenpost_gewijzigd",
    )


def inkomstenpost_delete(*, actor: Actor, post: Inkomstenpost, toelichting: str = "") -> None:
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        actief_check(rekening)
        audit_vastleggen(
            actor,
            "inkomstenpost_verwijderd",
            post,
            rekening.zaak,
            diff(snapshot(post, INKOMSTEN_VELDEN), {}),
            toelichting,
        )
        post.delete()


# --- payments and the living allowance --------------------------------------------------------


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


def betaalpost_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Betaalpost:
    """Add a payment to the plan: soort, begunstigde, iban, betalingskenmerk or omschrijving,
    bedrag, frequentie, dag, startdatum and optionally einddatum. For the living allowance use
    leefgeld_instellen (it pays to the client's own account)."""
    gegevens = velden_check(gegevens, BETAALPOST_VELDEN, "betaalpost_create")
    gegevens.setdefault("frequentie", Frequentie.MAAND)
    gegevens.setdefault("startdatum", budgetrekening.startdatum)
    if gegevens.get("soort") == BetaalSoort.LEEFGELD:
        gegevens.setdefault("iban", budgetrekening.client_iban)
        gegevens.setdefault("begunstigde", budgetrekening.client_tenaamstelling)
        if not gegevens.get("betalingskenmerk"):
            gegevens.setdefault("omschrijving", f"Leefgeld {budgetrekening.kenmerk}")
    gegevens = _betaalpost_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Betaalpost, gegevens, BETAALPOST_VELDEN, "betaalpost_toegevoegd"
    )


def betaalpost_update(*, actor: Actor, post: Betaalpost, **gegevens: Any) -> Betaalpost:
    return _plan_post_wijzigen(
        actor,
        post,
        gegevens,
        BETAALPOST_VELDEN,
        _betaalpost_check,
        "betaalpost_update",
        "betaalpost_gewijzigd",
    )


def betaalpost_delete(*, actor: Actor, post: Betaalpost, toelichting: str = "") -> None:
    """Remove a payment from the plan. One that was already paid (it has payment orders) is
    kept for the history and stopped instead: inactive, ending today."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, post.budgetrekening)
        actief_check(rekening)
        post = Betaalpost.objects.select_for_update().get(pk=post.pk)
        if post.opdrachten.exists():
            voor = snapshot(post, ["actief", "einddatum"])
            post.actief = False
            post.einddatum = max(vandaag_van(actor), post.startdatum)
            post.save(update_fields=["actief", "einddatum"])
            audit_vastleggen(
                actor,
                "betaalpost_gestopt",
                post,
                rekening.zaak,
                diff(voor, snapshot(post, ["actief", "einddatum"])),
                toelichting,
            )
            return
        audit_vastleggen(
            actor,
            "betaalpost_verwijderd",
            post,
            rekening.zaak,
            diff(snapshot(post, BETAALPOST_VELDEN), {}),
            toelichting,
        )
        post.delete()


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


def reservering_create(
    *, actor: Actor, budgetrekening: Budgetrekening, **gegevens: Any
) -> Reservering:
    """Save monthly for a bill that comes once: omschrijving, bedrag_per_maand, optionally
    doelbedrag and dag. The reservation gets its own RESERVERING ledger account when the ledger
    books on it (grootboek.grootboekrekening)."""
    gegevens = velden_check(gegevens, RESERVERING_VELDEN, "reservering_create")
    gegevens.setdefault("dag", 1)
    gegevens = _reservering_check(gegevens)
    return _plan_post_toevoegen(
        actor, budgetrekening, Reservering, gegevens, RESERVERING_VELDEN, "reservering_toegevoegd"
    )


def reservering_update(*, actor: Actor, reservering: Reservering, **gegevens: Any) -> Reservering:
    return _plan_post_wijzigen(
        actor,
        reservering,
        gegevens,
        RESERVERING_VELDEN,
        _reservering_check,
        "reservering_update",
        "reservering_gewijzigd",
    )


def reservering_delete(*, actor: Actor, reservering: Reservering, toelichting: str = "") -> None:
    """Remove a reservation. One with a ledger account is stopped instead (inactive): its money
    stays booked until it is released."""
    with transaction.atomic():
        rekening = budgetrekening_lock_for_change(actor, reservering.budgetrekening)
        actief_check(rekening)
        reservering = Reservering.objects.select_for_update().get(pk=reservering.pk)
        if Grootboekrekening.objects.filter(reservering=reservering).exists():
            reservering.actief = False
            reservering.save(update_fields=["actief"])
            audit_vastleggen(
                actor,
                "reservering_gestopt",
                reservering,
                rekening.zaak,
                {"actief": [True, False]},
                toelichting,
            )
            return
        audit_vastleggen(
            actor,
            "reservering_verwijderd",
            reservering,
            rekening.zaak,
            diff(snapshot(reservering, RESERVERING_VELDEN), {}),
            toelichting,
        )
        reservering.delete()
