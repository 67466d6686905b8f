"""Opening a budget account and changing its plan (the services package)."""

from __future__ import annotations

from decimal import Decimal

from raadhuis.modules.budget.models import GrootboekSoort


def test_budgetrekening_fixture_heeft_plan(budgetrekening):
    assert budgetrekening.kenmerk == "BB0000001"
    assert budgetrekening.inkomsten.count() == 1
    assert budgetrekening.betaalposten.count() == 4
    assert budgetrekening.reserveringen.get().bedrag_per_maand == Decimal("30.00")
    assert budgetrekening.grootboekrekeningen.filter(soort=GrootboekSoort.CLIENT).count() == 1
    assert budgetrekening.zaak.zaaktype.identificatie == "BB"
    assert budgetrekening.zaak.status_actueel.statustype.omschrijving_generiek == "actief"


def test_een_lopende_budgetrekening_per_client(budgetrekening, consulent_actor, beheerrekening):
    import pytest
    from django.core.exceptions import ValidationError

    from raadhuis.modules.budget.services.rekeningen import budgetrekening_openen

    with pytest.raises(ValidationError) as fout:
        budgetrekening_openen(
            actor=consulent_actor,
            client=budgetrekening.client,
            beheerrekening=beheerrekening,
            client_iban=budgetrekening.client_iban,
            client_tenaamstelling="P. Jansen",
            startdatum=budgetrekening.startdatum,
        )
    assert "BB0000001" in fout.value.message_dict["client"][0]


def test_service_geeft_veldfouten_bij_onzin(budgetrekening, consulent_actor):
    import pytest
    from django.core.exceptions import ValidationError

    from raadhuis.modules.budget.services.planposten import betaalpost_create, reservering_update

    with pytest.raises(ValidationError) as fout:
        betaalpost_create(
            actor=consulent_actor,
            budgetrekening=budgetrekening,
            soort="onbekend",
            begunstigde="",
            iban="NL00XXXX",
            bedrag="veel",
            dag="maandag",
        )
    assert set(fout.value.message_dict) >= {"soort", "begunstigde", "iban", "bedrag", "dag"}
    with pytest.raises(ValidationError) as fout:
        reservering_update(
            actor=consulent_actor,
            reservering=budgetrekening.reserveringen.get(),
            bedrag_per_maand=Decimal("12.345"),
        )
    assert "twee cijfers" in fout.value.message_dict["bedrag_per_maand"][0]


def test_betaalpost_met_opdrachten_wordt_gestopt_niet_verwijderd(budgetrekening, consulent_actor):
    from datetime import date

    from raadhuis.modules.budget.models import Betaalopdracht, BetaalSoort
    from raadhuis.modules.budget.services.planposten import betaalpost_delete

    huur = budgetrekening.betaalposten.get(soort=BetaalSoort.HUUR)
    Betaalopdracht.objects.create(
        organisatie=budgetrekening.organisatie,
        budgetrekening=budgetrekening,
        betaalpost=huur,
        vervaldatum=date(2026, 2, 1),
        begunstigde=huur.begunstigde,
        iban=huur.iban,
        bedrag=huur.bedrag,
        omschrijving="Huur",
        end_to_end_id="TEST-HUUR-1",
    )
    betaalpost_delete(actor=consulent_actor, post=huur, toelichting="Verhuisd")
    huur.refresh_from_db()
    assert huur.actief is False and huur.einddatum is not None
