"""The CRM demo loads twenty relations of every kind through the services, once."""

from __future__ import annotations

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.selectors import werkvoorraad
from raadhuis.modules.crm.demo import crm_demo_load
from raadhuis.modules.crm.models import Klantcontact, Relatie, RelatieSoort
from raadhuis.modules.crm.selectors import relaties_zoeken
from tests import factories


def test_the_demo_has_relations_of_every_kind_contacts_and_follow_ups(db):
    org = factories.organisatie("Gemeente Demo")
    anna = factories.medewerker(org, rollen=(Rol.MEDEWERKER,))
    kees = factories.medewerker(org, rollen=(Rol.MEDEWERKER,))
    relaties = crm_demo_load(org, accountmanager=anna, kcc_medewerker=kees)
    assert len(relaties) == 20
    assert {r.soort for r in relaties} == set(RelatieSoort.values)
    assert Klantcontact.objects.filter(organisatie=org).count() == 40
    assert len(set(Klantcontact.objects.values_list("kanaal", flat=True))) == 6
    # The follow-ups are in Anna's work queue; Kees (contact centre) sees every relation.
    assert len(werkvoorraad(actor=factories.actor(anna)).taken) == 3
    assert len(relaties_zoeken(actor=factories.actor(kees), limit=100)) == 20
    # Loading again changes nothing.
    crm_demo_load(org, accountmanager=anna, kcc_medewerker=kees)
    assert Relatie.objects.filter(organisatie=org).count() == 20
