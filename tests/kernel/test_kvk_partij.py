"""Taking a company over from the KvK Handelsregister: a party is created once and refreshed
after; only register fields change; a branch becomes a Vestiging of the company; every
failure is a Dutch error with nothing written."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.integrations.kvk import KvkFout
from raadhuis.kernel.integrations.kvk.testdata import kvk_nummer, vestigingsnummer
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.kvk import (
    bekende_kvk_partijen,
    is_uit_kvk,
    kvk_basisprofiel_raadplegen,
    kvk_zoeken,
    partij_uit_kvk,
    rechtsvorm_uit_kvk,
)
from raadhuis.kernel.parties.models import (
    AdresSoort,
    NietNatuurlijkPersoon,
    Partij,
    Rechtsvorm,
    Vestiging,
)
from raadhuis.kernel.parties.services import partij_update
from tests import factories
from tests.kernel import test_kvk_client

kvk_double_server = test_kvk_client.kvk_double_server
kvk_double = test_kvk_client.kvk_double

TESTOVEN = kvk_nummer(1)


def _adressen(partij: Partij) -> dict[str, str]:
    return {a.soort: str(a) for a in partij.adressen.all()}


def test_taking_a_company_over_creates_the_party_with_visiting_and_postal_address(
    actor, kvk_double
):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN)

    assert isinstance(partij, NietNatuurlijkPersoon)
    assert partij.organisatie == actor.organisatie
    assert (partij.statutaire_naam, partij.kvk_nummer, partij.rechtsvorm) == (
        "Proefbakkerij De Testoven B.V.",
        TESTOVEN,
        Rechtsvorm.BESLOTEN_VENNOOTSCHAP,
    )
    assert partij.rsin == kvk_double.register.get(TESTOVEN).rsin
    assert (partij.weergavenaam, partij.identificatie) == (partij.statutaire_naam, TESTOVEN)
    assert _adressen(partij) == {
        AdresSoort.BEZOEKADRES: "Proefstraat 12, 5211ZA 's-Hertogenbosch",
        AdresSoort.POSTADRES: "Postbus 9901, 5200ZZ 's-Hertogenbosch",
    }
    bezoek = partij.adressen.get(soort=AdresSoort.BEZOEKADRES)
    assert len(bezoek.bag_nummeraanduiding_id) == 16
    assert is_uit_kvk(partij)
    entry = AuditEntry.objects.get(actie="partij_uit_kvk")
    assert entry.object_uuid == partij.uuid
    assert entry.wijzigingen["bron"] == [None, "KvK Handelsregister"]
    # A BV is a legal entity: no natural person's data, no processing-log entry.
    assert not VerwerkingsLog.objects.exists()


def test_taking_it_over_again_refreshes_register_fields_and_keeps_local_ones(actor, kvk_double):
    eerste = partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN)
    # Someone typed a wrong name and added e-mail and phone in the meantime.
    partij_update(
        actor=actor,
        partij=eerste,
        statutaire_naam="Bakkerij Testoven (oud)",
        email="info@testoven.example",
        telefoonnummer="073-0000000",
    )

    tweede = partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN)

    assert tweede.pk == eerste.pk and tweede.uuid == eerste.uuid
    tweede.refresh_from_db()
    assert tweede.statutaire_naam == "Proefbakkerij De Testoven B.V."
    assert (tweede.email, tweede.telefoonnummer) == ("info@testoven.example", "073-0000000")
    assert NietNatuurlijkPersoon.objects.filter(kvk_nummer=TESTOVEN).count() == 1
    assert tweede.adressen.count() == 2
    herstel = (
        AuditEntry.objects.filter(actie="partij_gewijzigd", object_uuid=tweede.uuid)
        .order_by("pk")
        .last()
    )
    assert herstel.wijzigingen["statutaire_naam"] == [
        "Bakkerij Testoven (oud)",
        "Proefbakkerij De Testoven B.V.",
    ]


def test_a_move_in_the_register_replaces_the_visiting_address(actor, kvk_double):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(2))
    bedrijf = kvk_double.register.get(kvk_nummer(2))
    oud = bedrijf.vestigingen[0].bezoekadres
    bedrijf.vestigingen[0].bezoekadres = replace(oud, straatnaam="Voorbeeldlaan", huisnummer=99)
    try:
        partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(2))
    finally:
        bedrijf.vestigingen[0].bezoekadres = oud

    assert _adressen(partij) == {AdresSoort.BEZOEKADRES: "Voorbeeldlaan 99, 6901ZC Zevenaar"}
    assert AuditEntry.objects.filter(actie="adres_gewijzigd", object_uuid=partij.uuid).exists()


def test_a_side_branch_becomes_a_vestiging_of_the_company(actor, kvk_double):
    lunchroom = vestigingsnummer(1, 1)

    partij = partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN, vestigingsnummer=lunchroom)

    vestiging = partij.vestigingen.get()
    assert (vestiging.vestigingsnummer, vestiging.handelsnaam) == (lunchroom, "Testoven Lunchroom")
    adres = vestiging.adressen.get()
    assert (adres.soort, adres.straatnaam, adres.huisnummer, adres.huisletter) == (
        AdresSoort.BEZOEKADRES,
        "Voorbeeldlaan",
        3,
        "A",
    )
    # Again: refreshed, not duplicated; the main branch can be added as well.
    partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN, vestigingsnummer=lunchroom)
    partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN, vestigingsnummer=vestigingsnummer(1, 0))
    assert sorted(Vestiging.objects.values_list("handelsnaam", flat=True)) == [
        "Bakkerij De Testoven",
        "Testoven Lunchroom",
    ]


def test_a_branch_of_another_company_is_refused(actor, kvk_double):
    with pytest.raises(ValidationError) as fout:
        partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN, vestigingsnummer=vestigingsnummer(2, 0))

    assert "vestigingsnummer" in fout.value.message_dict
    assert not Partij.objects.exists()


def test_a_one_man_business_is_logged_as_a_read_of_personal_data(actor, kvk_double):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(3))

    assert (partij.rechtsvorm, partij.rsin) == (Rechtsvorm.EENMANSZAAK, "")
    log = VerwerkingsLog.objects.get()
    assert log.partij_uuid == partij.uuid and "KvK" in log.handeling


def test_activities_and_the_non_mailing_wish_come_from_the_register(actor, kvk_double):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(3))

    codes = [(a["code"], a["hoofdactiviteit"]) for a in partij.sbi_activiteiten]
    assert codes == [("4322", True), ("4321", False)]
    assert all(a["omschrijving"] for a in partij.sbi_activiteiten)
    assert partij.non_mailing is True
    # The register changes its mind: a refresh follows it, audited field by field.
    bedrijf = kvk_double.register.get(kvk_nummer(3))
    bedrijf.non_mailing = False
    try:
        partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(3))
    finally:
        bedrijf.non_mailing = True
    assert partij.non_mailing is False
    entry = AuditEntry.objects.filter(actie="partij_gewijzigd").latest("id")
    assert entry.wijzigingen["non_mailing"] == [True, False]
    assert not partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN).non_mailing


def test_a_shielded_address_is_not_copied(actor, kvk_double):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(8))

    assert partij.adressen.count() == 0


def test_a_holding_without_branches_takes_the_owners_address_or_none(actor, kvk_double):
    partij = partij_uit_kvk(actor=actor, kvk_nummer=kvk_nummer(7))

    assert partij.statutaire_naam == "Proefholding B.V." and partij.adressen.count() == 0


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [("1234", "kvk_nummer"), ("12345678", "kvk_nummer"), ("abcdefgh", "kvk_nummer")],
)
def test_bad_or_unknown_numbers_are_field_errors_and_nothing_is_written(
    actor, kvk_double, invoer, veld
):
    with pytest.raises(ValidationError) as fout:
        partij_uit_kvk(actor=actor, kvk_nummer=invoer)

    assert veld in fout.value.message_dict
    assert not Partij.objects.exists() and not AuditEntry.objects.exists()


def test_an_outage_writes_nothing(actor, kvk_double):
    kvk_double.app.storing = True
    with pytest.raises(KvkFout):
        partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN)
    assert not Partij.objects.exists()


def test_only_staff_who_may_register_parties_may_consult_the_kvk(org, kvk_double):
    teamleider = factories.actor(factories.medewerker(org, rollen=(Rol.TEAMLEIDER,)))

    with pytest.raises(ToegangGeweigerd):
        partij_uit_kvk(actor=teamleider, kvk_nummer=TESTOVEN)
    with pytest.raises(ToegangGeweigerd):
        kvk_zoeken(actor=teamleider, handelsnaam="Testoven")


def test_search_marks_companies_that_are_already_relations(actor, kvk_double):
    partij_uit_kvk(actor=actor, kvk_nummer=TESTOVEN)

    pagina = kvk_zoeken(actor=actor, handelsnaam="proef")
    bekend = bekende_kvk_partijen(
        actor=actor, kvk_nummers=[r.kvk_nummer for r in pagina.resultaten]
    )

    assert TESTOVEN in bekend and kvk_nummer(7) not in bekend
    assert kvk_basisprofiel_raadplegen(actor=actor, kvk_nummer=TESTOVEN).naam.startswith("Proef")


def test_search_input_errors_are_per_field(actor, kvk_double):
    with pytest.raises(ValidationError) as half:
        kvk_zoeken(actor=actor, postcode="5211ZA")
    with pytest.raises(ValidationError) as nummer:
        kvk_zoeken(actor=actor, kvk_nummer="123")
    with pytest.raises(ValidationError):
        kvk_zoeken(actor=actor)

    assert "huisnummer" in half.value.message_dict
    assert "kvk_nummer" in nummer.value.message_dict


@pytest.mark.parametrize(
    ("kvk", "ons"),
    [
        ("Eenmanszaak", Rechtsvorm.EENMANSZAAK),
        ("Besloten Vennootschap", Rechtsvorm.BESLOTEN_VENNOOTSCHAP),
        ("Vereniging met volledige rechtsbevoegdheid", Rechtsvorm.VERENIGING),
        ("Coöperatie", Rechtsvorm.COOPERATIE),
        ("Commanditaire vennootschap", Rechtsvorm.OVERIG),
        ("", Rechtsvorm.OVERIG),
    ],
)
def test_legal_forms_map_to_ours(kvk, ons):
    assert rechtsvorm_uit_kvk(kvk) == ons
