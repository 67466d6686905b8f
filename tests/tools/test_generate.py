"""`raadhuis generate` fills a database with consistent benchmark data."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Resultaat, Rol, Status, Zaak, ZaakNummerTeller
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.parties.models import (
    Adres,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    Partij,
    Vestiging,
    normalise_for_search,
)
from raadhuis.kernel.parties.selectors import partij_search
from raadhuis.kernel.validators import elfproef
from raadhuis.kernel.workflow.models import Taak
from raadhuis.tools.demo_catalogus import (
    NL_RSIN,
    ORGANISATIES,
    catalogus_setup,
    logins_setup,
    organisatie_setup,
)


@pytest.fixture
def voorbeeldstad(db):
    organisaties = {}
    for spec in ORGANISATIES:
        organisaties[spec.rsin] = organisatie_setup(spec)
        catalogus_setup(organisaties[spec.rsin], begin=date(2020, 1, 1))
    logins_setup(organisaties)
    return organisaties[NL_RSIN]


def test_generated_parties_and_cases_are_consistent(voorbeeldstad):
    call_command("generate", parties=50, zaken=200, batch=64, verbosity=0)

    personen = NatuurlijkPersoon.objects.filter(organisatie=voorbeeldstad)
    bedrijven = NietNatuurlijkPersoon.objects.filter(organisatie=voorbeeldstad)
    assert personen.count() + bedrijven.count() == 50
    assert Vestiging.objects.count() == bedrijven.count()  # one branch per organisation
    # Every party has an address and the search columns the services would have written.
    assert Adres.objects.values("partij").distinct().count() == Partij.objects.count()
    for persoon in personen:
        assert elfproef(persoon.bsn), persoon.bsn
        assert persoon.identificatie == persoon.bsn
        assert persoon.weergavenaam == persoon.samengestelde_naam()
        assert persoon.zoeknaam == normalise_for_search(persoon.weergavenaam)
    assert personen.values("bsn").distinct().count() == personen.count()
    for bedrijf in bedrijven:
        assert len(bedrijf.kvk_nummer) == 8 and bedrijf.identificatie == bedrijf.kvk_nummer

    zaken = Zaak.objects.filter(organisatie=voorbeeldstad)
    assert zaken.count() == 200
    assert not zaken.filter(status_actueel__isnull=True).exists()
    # status_actueel is the case's own latest status.
    assert not zaken.exclude(status_actueel__zaak=F("pk")).exists()
    assert not Status.objects.filter(
        zaak__in=zaken, datum_status_gezet__gt=F("zaak__status_actueel__datum_status_gezet")
    ).exists()
    # Case numbers are unique per organisation.
    assert zaken.values("identificatie").distinct().count() == 200
    # Closed cases have a result and the archive dates; open ones have none.
    gesloten = zaken.filter(einddatum__isnull=False)
    assert gesloten.exists() and zaken.filter(einddatum__isnull=True).exists()
    assert Resultaat.objects.filter(zaak__in=zaken).count() == gesloten.count()
    assert not gesloten.filter(archiefactiedatum__isnull=True).exists()
    assert not gesloten.exclude(archiefnominatie__in=["vernietigen", "blijvend_bewaren"]).exists()
    for zaak in gesloten.select_related("status_actueel__statustype"):
        assert zaak.status_actueel.statustype.is_eindstatus
    for zaak in zaken.filter(einddatum__isnull=True).select_related("status_actueel__statustype"):
        assert not zaak.status_actueel.statustype.is_eindstatus
    # Every case has exactly one initiator; a behandelaar column matches its role.
    initiators = (
        Rol.objects.filter(zaak__in=zaken, roltype__omschrijving_generiek="initiator")
        .values("zaak")
        .annotate(n=Count("pk"))
    )
    assert len(initiators) == 200 and all(row["n"] == 1 for row in initiators)
    for zaak in zaken.filter(behandelaar__isnull=False)[:50]:
        assert zaak.rollen.filter(
            roltype__omschrijving_generiek="behandelaar", medewerker=zaak.behandelaar
        ).exists()
    # Open tasks exist on open cases only.
    assert Taak.objects.filter(zaak__in=zaken).exists()
    assert not Taak.objects.filter(zaak__einddatum__isnull=False, status="open").exists()


def test_zaak_create_continues_after_generated_numbers(voorbeeldstad):
    call_command("generate", parties=20, zaken=60, verbosity=0)
    zaaktype = ZaakType.objects.get(catalogus__organisatie=voorbeeldstad, identificatie="KLACHT")

    zaak = zaak_create(actor=Actor.system(voorbeeldstad), zaaktype=zaaktype, omschrijving="Na")

    jaar = zaak.startdatum.year
    teller = ZaakNummerTeller.objects.get(organisatie=voorbeeldstad, soort="zaak", jaar=jaar)
    assert zaak.identificatie.endswith(f"{teller.laatste:07d}")
    assert Zaak.objects.filter(identificatie=zaak.identificatie).count() == 1


def test_generated_parties_are_found_by_the_party_search(voorbeeldstad):
    call_command("generate", parties=30, zaken=0, verbosity=0)
    persoon = NatuurlijkPersoon.objects.filter(organisatie=voorbeeldstad).first()
    actor = Actor.system(voorbeeldstad)

    assert persoon in [p.concreet for p in partij_search(actor=actor, zoekterm=persoon.bsn)]
    adres = persoon.adressen.get()
    gevonden = partij_search(actor=actor, zoekterm=f"{adres.postcode} {adres.huisnummer}")
    assert persoon.pk in [p.pk for p in gevonden]


def test_generating_twice_keeps_identifiers_unique(voorbeeldstad):
    call_command("generate", parties=40, zaken=30, verbosity=0)
    call_command("generate", parties=40, zaken=30, seed=1, verbosity=0)

    personen = NatuurlijkPersoon.objects.filter(organisatie=voorbeeldstad)
    assert personen.values("bsn").distinct().count() == personen.count()
    bedrijven = NietNatuurlijkPersoon.objects.filter(organisatie=voorbeeldstad)
    assert bedrijven.values("kvk_nummer").distinct().count() == bedrijven.count()
    assert Zaak.objects.values("identificatie").distinct().count() == 60


def test_generate_refuses_an_unknown_organisation(voorbeeldstad):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("generate", parties=1, organisatie="111222333", verbosity=0)


def test_zaaktypen_option_spreads_the_cases_over_that_many_published_case_types(voorbeeldstad):
    call_command("generate", parties=20, zaken=300, zaaktypen=12, batch=100, verbosity=0)

    gepubliceerd = ZaakType.objects.filter(catalogus__organisatie=voorbeeldstad, concept=False)
    assert gepubliceerd.count() == 12  # the five of the demo and seven copies
    # A copy has the status, role and result types of the case type it was copied from.
    origineel = gepubliceerd.get(identificatie="KLACHT")
    kopie = gepubliceerd.get(identificatie="KLACHT-BENCH-002")
    assert kopie.uuid != origineel.uuid
    for relatie, velden in (
        ("statustypen", ["volgnummer", "omschrijving"]),
        ("roltypen", ["omschrijving_generiek", "omschrijving"]),
        ("resultaattypen", ["omschrijving", "archiefnominatie", "archiefactietermijn"]),
    ):
        assert list(getattr(kopie, relatie).order_by(*velden).values_list(*velden)) == list(
            getattr(origineel, relatie).order_by(*velden).values_list(*velden)
        )
    # The cases are spread over all twelve, and refer to their own case type's types.
    zaken = Zaak.objects.filter(organisatie=voorbeeldstad)
    assert zaken.count() == 300
    assert zaken.values("zaaktype").distinct().count() == 12
    assert not zaken.exclude(status_actueel__statustype__zaaktype=F("zaaktype")).exists()
    assert not (
        Rol.objects.filter(zaak__in=zaken).exclude(roltype__zaaktype=F("zaak__zaaktype")).exists()
    )
    assert (
        not Resultaat.objects.filter(zaak__in=zaken)
        .exclude(resultaattype__zaaktype=F("zaak__zaaktype"))
        .exists()
    )
    # Asking again for twelve makes no new copies; the cases then use the same twelve.
    call_command("generate", zaken=50, zaaktypen=12, verbosity=0)
    assert ZaakType.objects.filter(catalogus__organisatie=voorbeeldstad).count() == 12
    assert zaken.count() == 350


def test_without_zaaktypen_option_only_the_existing_case_types_are_used(voorbeeldstad):
    call_command("generate", parties=10, zaken=40, verbosity=0)

    assert ZaakType.objects.filter(catalogus__organisatie=voorbeeldstad).count() == 5
