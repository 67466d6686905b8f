"""The case list's filters narrow what the access filter allows, never widen it."""

from __future__ import annotations

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.selectors import zaken_list
from raadhuis.kernel.cases.services import zaak_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee_typen(org, zaaktype):
    verlof = factories.zaaktype(org, identificatie="VERLOF", omschrijving="Verlofaanvraag")
    system = Actor.system(org)
    klachten = [zaak_create(actor=system, zaaktype=zaaktype) for _ in range(3)]
    verloven = [zaak_create(actor=system, zaaktype=verlof) for _ in range(2)]
    return zaaktype, verlof, klachten, verloven


def test_filter_on_case_type_shows_only_that_type_newest_first(org, twee_typen):
    zaaktype, verlof, klachten, verloven = twee_typen
    m = factories.medewerker(org, zaaktypen=(zaaktype, verlof))
    actor = factories.actor(m)

    gevonden = list(zaken_list(actor=actor, zaaktype_uuid=str(verlof.uuid)))

    assert set(gevonden) == set(verloven)
    assert [z.pk for z in gevonden] == sorted((z.pk for z in verloven), reverse=True)
    assert set(zaken_list(actor=actor, zaaktype_uuid=str(zaaktype.uuid))) == set(klachten)


def test_filter_on_a_type_without_grant_shows_nothing(org, twee_typen):
    zaaktype, verlof, _klachten, _verloven = twee_typen
    m = factories.medewerker(org, zaaktypen=(zaaktype,))

    assert list(zaken_list(actor=factories.actor(m), zaaktype_uuid=str(verlof.uuid))) == []


# A fixed uuid: xdist workers must collect the same test ids.
@pytest.mark.parametrize("waarde", ["geen-uuid", "0b5f6c1e-1f0e-4b7a-9a57-2d3c4e5f6a7b"])
def test_filter_on_an_unknown_or_malformed_type_shows_nothing(org, twee_typen, waarde):
    zaaktype, verlof, _klachten, _verloven = twee_typen
    m = factories.medewerker(org, zaaktypen=(zaaktype, verlof))

    assert list(zaken_list(actor=factories.actor(m), zaaktype_uuid=waarde)) == []


def test_filter_on_case_type_of_another_organisation_shows_nothing(org, twee_typen):
    zaaktype, verlof, _klachten, _verloven = twee_typen
    buur = factories.organisatie("Buurgemeente")
    buurtype = factories.zaaktype(buur, identificatie="VERLOF")
    zaak_create(actor=Actor.system(buur), zaaktype=buurtype)
    m = factories.medewerker(org, zaaktypen=(zaaktype, verlof))

    assert list(zaken_list(actor=factories.actor(m), zaaktype_uuid=str(buurtype.uuid))) == []
