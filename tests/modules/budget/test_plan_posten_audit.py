"""The three kinds of plan line share one add / change / remove path (services/planposten.py):
each step is audited on the case under the kind's own action name, and a line with history is
stopped instead of deleted. Worked examples on the fixture's plan (Petra Jansen, BB0000001)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.modules.budget import models
from raadhuis.modules.budget.grootboek.rekeningen import grootboekrekening
from raadhuis.modules.budget.models import (
    Frequentie,
    GrootboekSoort,
    InkomstenSoort,
    Reservering,
)
from raadhuis.modules.budget.services.planposten import (
    inkomstenpost_create,
    inkomstenpost_delete,
    inkomstenpost_update,
    reservering_create,
    reservering_delete,
    reservering_update,
)

D = Decimal


def _acties(budgetrekening) -> list[str]:  # noqa: ANN001
    return list(
        AuditEntry.objects.filter(zaak_uuid=budgetrekening.zaak.uuid)
        .order_by("pk")
        .values_list("actie", flat=True)
    )


def test_income_is_added_changed_and_removed_with_its_own_audit_actions(
    budgetrekening, consulent_actor
):
    post = inkomstenpost_create(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        soort=InkomstenSoort.ZORGTOESLAG,
        bron="Belastingdienst/Toeslagen",
        bedrag=D("123.00"),
        dag=20,
    )
    # Left out: monthly, from the account's start.
    assert (post.frequentie, post.startdatum) == (Frequentie.MAAND, budgetrekening.startdatum)
    inkomstenpost_update(actor=consulent_actor, post=post, bedrag=D("131.00"))
    inkomstenpost_delete(actor=consulent_actor, post=post, toelichting="Toeslag stopt")

    assert _acties(budgetrekening)[-3:] == [
        "inkomstenpost_toegevoegd",
        "inkomstenpost_gewijzigd",
        "inkomstenpost_verwijderd",
    ]
    gewijzigd, verwijderd = AuditEntry.objects.filter(
        actie__in=["inkomstenpost_gewijzigd", "inkomstenpost_verwijderd"]
    ).order_by("pk")
    assert gewijzigd.wijzigingen == {"bedrag": ["123.00", "131.00"]}
    assert verwijderd.toelichting == "Toeslag stopt"
    # A removal keeps what was removed: every value as [old, None].
    assert verwijderd.wijzigingen["bedrag"] == ["131.00", None]
    assert verwijderd.wijzigingen["bron"] == ["Belastingdienst/Toeslagen", None]
    assert not budgetrekening.inkomsten.filter(pk=post.pk).exists()


def test_a_reservation_with_a_ledger_account_is_stopped_one_without_is_deleted(
    budgetrekening, consulent_actor
):
    met_geld = reservering_create(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        omschrijving="Jaarafrekening energie",
        bedrag_per_maand=D("40.00"),
    )
    zonder = reservering_create(
        actor=consulent_actor,
        budgetrekening=budgetrekening,
        omschrijving="Nieuwe wasmachine",
        bedrag_per_maand=D("15.00"),
        doelbedrag=D("450.00"),
    )
    assert met_geld.dag == 1 and met_geld.doelbedrag is None  # the defaults
    grootboekrekening(GrootboekSoort.RESERVERING, reservering=met_geld)
    reservering_update(actor=consulent_actor, reservering=zonder, dag=15)

    reservering_delete(actor=consulent_actor, reservering=met_geld, toelichting="Afgerekend")
    reservering_delete(actor=consulent_actor, reservering=zonder)

    assert Reservering.objects.get(pk=met_geld.pk).actief is False
    assert not Reservering.objects.filter(pk=zonder.pk).exists()
    assert _acties(budgetrekening)[-5:] == [
        "reservering_toegevoegd",
        "reservering_toegevoegd",
        "reservering_gewijzigd",
        "reservering_gestopt",
        "reservering_verwijderd",
    ]
    gestopt = AuditEntry.objects.get(actie="reservering_gestopt")
    assert (gestopt.wijzigingen, gestopt.toelichting) == ({"actief": [True, False]}, "Afgerekend")


def test_changing_a_line_of_an_ended_account_is_refused(budgetrekening, consulent_actor):
    from django.core.exceptions import ValidationError

    post = budgetrekening.inkomsten.get()
    models.Budgetrekening.objects.filter(pk=budgetrekening.pk).update(
        status=models.RekeningStatus.BEEINDIGD, einddatum=date(2026, 1, 31)
    )
    with pytest.raises(ValidationError):
        inkomstenpost_update(actor=consulent_actor, post=post, bedrag=D("1.00"))
    with pytest.raises(ValidationError):
        inkomstenpost_delete(actor=consulent_actor, post=post)
    assert budgetrekening.inkomsten.filter(pk=post.pk).exists()


def test_every_budget_model_is_importable_from_the_models_package():
    """The models live in submodules; `raadhuis.modules.budget.models` still names them all."""
    for model in apps.get_app_config("budget").get_models():
        assert getattr(models, model.__name__) is model
