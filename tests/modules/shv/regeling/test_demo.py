"""The demo data for settlements loads on top of the debt-assistance demo, and again without
doing anything twice."""

from __future__ import annotations

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.demo import shv_demo_load
from raadhuis.modules.shv.regeling.demo import regeling_demo_load
from raadhuis.modules.shv.regeling.models import (
    Regeling,
    RegelingInstellingen,
    RegelingStatus,
    Uitbetaling,
    Verzoek,
)
from raadhuis.modules.shv.vtlb.models import VtlbBerekening
from tests import factories
from tests.modules.shv.conftest import shv_grants


def test_demo_load(shv_org, brp_double):
    consulent = factories.medewerker(shv_org, rollen=(Rol.MEDEWERKER,))
    shv_grants(consulent)
    shv_demo_load(shv_org, consulent)

    gemaakt = regeling_demo_load(shv_org, consulent)

    assert gemaakt["regelingen"] == 2
    assert RegelingInstellingen.objects.filter(organisatie=shv_org).exists()
    statussen = sorted(Regeling.objects.values_list("status", flat=True))
    assert statussen == [RegelingStatus.AANGEBODEN, RegelingStatus.LOPEND]
    assert Uitbetaling.objects.count() >= 3
    assert Verzoek.objects.get().document is not None
    live = gemaakt["vtlb_voor_live_demo"]
    assert VtlbBerekening.objects.filter(zaak__identificatie=live).exists()

    assert regeling_demo_load(shv_org, consulent) == {"regelingen": 0}
    assert Regeling.objects.count() == 2
