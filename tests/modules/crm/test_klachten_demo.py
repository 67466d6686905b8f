"""The demo loader makes complaints in every stage through the services, and is idempotent."""

from __future__ import annotations

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.klachten.demo import klachten_demo_load
from raadhuis.modules.crm.klachten.models import Klacht, KlachtStatus
from raadhuis.modules.crm.klachten.rapportage import klachten_rapportage
from tests import factories


def test_demo_load(db):
    org = factories.organisatie("Gemeente Demo (test)")
    for _ in range(3):
        factories.medewerker(org, rollen=(Rol.MEDEWERKER,))
    klachten = klachten_demo_load(org)
    assert len(klachten) == 12
    statussen = set(Klacht.objects.filter(organisatie=org).values_list("status", flat=True))
    assert {
        KlachtStatus.ONTVANGEN,
        KlachtStatus.IN_BEHANDELING,
        KlachtStatus.HOORZITTING,
        KlachtStatus.AFGEHANDELD,
        KlachtStatus.NIET_ONTVANKELIJK,
        KlachtStatus.INFORMEEL_OPGELOST,
    } <= statussen
    assert all(k.behandelaar_id != k.betreft_medewerker_id for k in klachten)
    assert len(klachten_demo_load(org)) == 12
    from datetime import date

    from raadhuis.kernel.access.actor import Actor

    r = klachten_rapportage(actor=Actor.system(org), vandaag=date.today())
    assert r.totaal.totaal == 12 and len(r.per_afdeling) == 3
