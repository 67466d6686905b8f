"""The case page's cost: the blocks other modules add (kernel.cases.uitbreidingen) check the
case they are shown on with mag_zaak_object_zien, never with the whole zaak_filter again."""

from __future__ import annotations

import pytest
from django.db.models import Q

from raadhuis.kernel.access import policies
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.modules.budget.models import Budgetrekening
from raadhuis.modules.budget.selectors import budgetrekening_bij_zaak
from raadhuis.modules.budget.views import budget_zaak_blok
from tests import factories
from tests.modules.budget.conftest import (  # noqa: F401
    beheerrekening,
    budget_org,
    budgetrekening,
    client_partij,
    consulent,
    consulent_actor,
)


@pytest.fixture
def afdelingsregel(budget_org, consulent):  # noqa: F811
    """A granted case type with a department rule (as crm's complaints have), counting how
    often a filter spells it out."""
    factories.zaaktype(budget_org, identificatie="KLACHT-AFDELING", omschrijving="Klacht")
    ZaakTypeAutorisatie.objects.create(
        medewerker=consulent, zaaktype_identificatie="KLACHT-AFDELING"
    )
    aanroepen: list[str] = []

    def regel(actor, prefix):  # noqa: ANN001, ANN202
        aanroepen.append(prefix)
        return Q(**{f"{prefix}pk__gt": 0})

    policies.zaaktype_regel_register("KLACHT-AFDELING", regel)
    yield aanroepen
    policies._ZAAKTYPE_REGELS.pop("KLACHT-AFDELING", None)


def test_budgetblok_bouwt_geen_zaakfilter(
    budgetrekening,  # noqa: F811
    consulent,  # noqa: F811
    afdelingsregel,
    django_assert_max_num_queries,
):
    actor = factories.actor(consulent)
    zaak = budgetrekening.zaak
    # One read of the account (with client and case) and the processing log's insert.
    with django_assert_max_num_queries(2):
        assert budgetrekening_bij_zaak(actor, zaak) == budgetrekening
    assert afdelingsregel == []  # the department rule of another type was not spelled out
    blok = budget_zaak_blok(actor, zaak)
    assert blok is not None and budgetrekening.kenmerk in blok.regels[0]


def test_budgetrekening_van_een_te_geheime_zaak_blijft_verborgen(
    budgetrekening,  # noqa: F811
    budget_org,  # noqa: F811
):
    zaak = budgetrekening.zaak
    laag = factories.medewerker(budget_org)
    ZaakTypeAutorisatie.objects.create(
        medewerker=laag,
        zaaktype_identificatie=zaak.zaaktype.identificatie,
        max_vertrouwelijkheidaanduiding=Vertrouwelijkheid.OPENBAAR,
    )
    zaak.vertrouwelijkheidaanduiding = Vertrouwelijkheid.VERTROUWELIJK
    zaak.save(update_fields=["vertrouwelijkheidaanduiding"])
    actor = factories.actor(laag)
    assert not policies.mag_zaak_object_zien(actor, zaak)
    assert budgetrekening_bij_zaak(actor, zaak) is None
    # The list filter agrees: the account is not among the visible ones.
    assert not Budgetrekening.objects.filter(
        policies.zaak_filter(actor, prefix="zaak__"), pk=budgetrekening.pk
    ).exists()


def test_budgetrekening_van_een_andere_organisatie_blijft_verborgen(
    budgetrekening,  # noqa: F811
):
    from raadhuis.modules.budget.catalogus import budget_catalogus_ensure

    ander = factories.organisatie("Gemeente Elders (budget test)")
    budget_catalogus_ensure(ander)
    vreemde = factories.medewerker(ander)
    ZaakTypeAutorisatie.objects.create(
        medewerker=vreemde, zaaktype_identificatie=budgetrekening.zaak.zaaktype.identificatie
    )
    assert budgetrekening_bij_zaak(factories.actor(vreemde), budgetrekening.zaak) is None
