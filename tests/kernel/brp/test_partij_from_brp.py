"""Taking a person over from the BRP: a party is created once, refreshed after, and every
consultation is in the processing log with who, which BSN and why."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.integrations.brp import BrpFout
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.brp import (
    brp_huishouden_raadplegen,
    brp_personen_zoeken,
    huishouden_from_brp,
    partij_from_brp,
)
from raadhuis.kernel.parties.models import Adres, NatuurlijkPersoon
from raadhuis.kernel.parties.services import partij_update
from tests import factories

REDEN = "Aanmelding schuldhulpverlening"


def test_taking_a_person_over_creates_the_party_with_address(actor, brp_double):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")

    partij = partij_from_brp(actor, bsn=lotte.bsn, reden=REDEN)

    assert isinstance(partij, NatuurlijkPersoon)
    assert partij.organisatie == actor.organisatie
    assert (partij.bsn, partij.voornamen, partij.geslachtsnaam) == (
        lotte.bsn,
        "Lotte Maria",
        "Steekproef",
    )
    assert partij.voorletters == "L.M."
    assert partij.geboortedatum == lotte.geboortedatum
    assert partij.geslacht == "v"
    adres = partij.adressen.get()
    assert (adres.straatnaam, adres.huisnummer, adres.huisletter, adres.postcode) == (
        "Voorbeeldlaan",
        12,
        "A",
        "6902ZB",
    )
    assert adres.woonplaats == "Zevenaar"
    assert len(adres.bag_nummeraanduiding_id) == 16


def test_taking_the_same_person_over_again_refreshes_without_a_duplicate(actor, brp_double):
    gezin = brp_double.register.aanvrager("gezin")
    eerste = partij_from_brp(actor, bsn=gezin.bsn, reden=REDEN)
    # Someone typed a wrong first name and an e-mail address in the meantime.
    partij_update(actor=actor, partij=eerste, voornamen="Mo", email="mo@example.test")

    tweede = partij_from_brp(actor, bsn=gezin.bsn, reden="Herbeoordeling")

    assert tweede.pk == eerste.pk and tweede.uuid == eerste.uuid
    assert NatuurlijkPersoon.objects.filter(bsn=gezin.bsn).count() == 1
    assert Adres.objects.filter(partij=tweede).count() == 1
    tweede.refresh_from_db()
    assert tweede.voornamen == "Mohamed"  # the BRP decides the name
    assert tweede.email == "mo@example.test"  # what the BRP does not know stays
    wijziging = AuditEntry.objects.filter(object_uuid=tweede.uuid, actie="partij_gewijzigd")
    assert wijziging.first().wijzigingen["voornamen"] == ["Mo", "Mohamed"]
    assert "Bijgewerkt uit de BRP: Herbeoordeling" in wijziging.first().toelichting


def test_the_audit_trail_and_processing_log_record_who_which_bsn_and_why(actor, brp_double):
    sanne = brp_double.register.aanvrager("alleenstaand")

    partij = partij_from_brp(actor, bsn=sanne.bsn, reden=REDEN)

    acties = set(AuditEntry.objects.filter(object_uuid=partij.uuid).values_list("actie", flat=True))
    assert {"partij_aangemaakt", "adres_toegevoegd", "partij_uit_brp"} <= acties
    uit_brp = AuditEntry.objects.get(object_uuid=partij.uuid, actie="partij_uit_brp")
    assert uit_brp.toelichting == REDEN
    assert uit_brp.actor_weergave == actor.weergave
    log = VerwerkingsLog.objects.get(handeling="BRP geraadpleegd en overgenomen als partij")
    assert log.partij_uuid == partij.uuid
    assert log.partij_weergave == f"Sanne Probeersel (BSN {sanne.bsn})"
    assert log.doel == REDEN
    assert log.actor_weergave == actor.weergave
    assert log.organisatie == actor.organisatie


def test_a_search_logs_every_person_found(actor, brp_double):
    gezin = brp_double.register.aanvrager("gezin")

    gevonden = brp_personen_zoeken(
        actor=actor, reden=REDEN, postcode="6903 ZC", huisnummer=gezin.adres.huisnummer
    )

    assert len(gevonden) == 5
    logs = VerwerkingsLog.objects.filter(handeling="BRP doorzocht op postcode en huisnummer")
    assert sorted(logs.values_list("partij_weergave", flat=True)) == sorted(
        f"{p.naam} (BSN {p.bsn})" for p in gevonden
    )
    assert set(logs.values_list("doel", flat=True)) == {REDEN}


def test_an_unknown_bsn_is_a_field_error_and_still_logged(actor, brp_double):
    onbekend = factories.elfproef_number(4242, prefix="18")

    with pytest.raises(ValidationError) as error:
        partij_from_brp(actor, bsn=onbekend, reden=REDEN)

    assert error.value.message_dict == {"bsn": ["De BRP kent geen persoon met dit BSN."]}
    assert not NatuurlijkPersoon.objects.filter(bsn=onbekend).exists()
    log = VerwerkingsLog.objects.get()
    assert log.partij_weergave == f"onbekend in de BRP (BSN {onbekend})"


@pytest.mark.parametrize(
    ("bsn", "reden", "veld"),
    [("123456789", REDEN, "bsn"), ("12345", REDEN, "bsn"), ("999990007", "  ", "reden")],
)
def test_bad_input_is_refused_before_the_brp_is_asked(actor, brp_double, bsn, reden, veld):
    with pytest.raises(ValidationError) as error:
        partij_from_brp(actor, bsn=bsn, reden=reden)

    assert list(error.value.message_dict) == [veld]
    assert not brp_double.app.verzoeken
    assert not VerwerkingsLog.objects.exists()


def test_when_the_brp_is_down_nothing_is_written(actor, brp_double):
    brp_double.app.storing = True

    with pytest.raises(BrpFout) as error:
        partij_from_brp(actor, bsn=brp_double.register.aanvrager("alleenstaand").bsn, reden=REDEN)

    assert "tijdelijk niet beschikbaar" in str(error.value)
    assert not NatuurlijkPersoon.objects.exists()
    assert not AuditEntry.objects.filter(actie="partij_uit_brp").exists()


@pytest.mark.parametrize("rol", [Rol.TEAMLEIDER, Rol.AUDITOR, Rol.FUNCTIONEEL_BEHEERDER])
def test_only_a_case_worker_may_consult_the_brp(org, brp_double, rol):
    ander = factories.actor(factories.medewerker(org, rollen=(rol,)))
    bsn = brp_double.register.aanvrager("alleenstaand").bsn

    with pytest.raises(ToegangGeweigerd):
        partij_from_brp(ander, bsn=bsn, reden=REDEN)
    with pytest.raises(ToegangGeweigerd):
        brp_personen_zoeken(actor=ander, reden=REDEN, bsn=bsn)

    assert not brp_double.app.verzoeken
    assert not NatuurlijkPersoon.objects.exists()


def test_the_household_has_the_partner_and_children_with_their_ages(actor, brp_double):
    register = brp_double.register
    gezin = register.aanvrager("gezin")
    peildatum = date(register.peildatum.year, 1, 1)

    persoon, leden = brp_huishouden_raadplegen(
        actor=actor, bsn=gezin.bsn, reden=REDEN, op=peildatum
    )

    assert persoon is not None and persoon.bsn == gezin.bsn
    assert [(h.relatie, h.naam, h.leeftijd, h.inwonend) for h in leden] == [
        ("partner", "Anouk de Namaak", 40, True),
        ("kind", "Noah Testelink", 17, True),
        ("kind", "Julia Testelink", 12, True),
        ("kind", "Sem Testelink", 3, True),
    ]
    assert all(h.minderjarig for h in leden[1:])


def test_a_widow_has_no_partner_and_her_son_lives_elsewhere(actor, brp_double):
    register = brp_double.register
    gerda = register.aanvrager("weduwe_aow")

    persoon, leden = brp_huishouden_raadplegen(
        actor=actor, bsn=gerda.bsn, reden=REDEN, op=register.peildatum
    )

    assert persoon is not None and persoon.leeftijd(register.peildatum) == 79
    assert [(h.relatie, h.naam, h.leeftijd, h.inwonend) for h in leden] == [
        ("kind", "Peter Demozand", 51, False)
    ]


def test_a_single_parents_ex_is_not_her_partner(brp_double):
    from raadhuis.kernel.integrations.brp import brp_client

    lotte = brp_client().persoon(brp_double.register.aanvrager("alleenstaande_ouder").bsn)

    leden = huishouden_from_brp(lotte, op=brp_double.register.peildatum)

    assert [(h.relatie, h.naam, h.leeftijd) for h in leden] == [
        ("kind", "Daan Oefenaar", 15),
        ("kind", "Emma Oefenaar", 8),
    ]
    assert {h.inwonend for h in leden} == {None}


def test_a_move_in_the_brp_replaces_the_old_woonadres(actor, brp_double):
    """Taken over once, then the BRP registers a move: the party keeps one woonadres, the new
    one, and the history says from where to where."""
    from raadhuis.kernel.audit.models import AuditEntry
    from raadhuis.kernel.parties.models import Adres
    from raadhuis.kernel.parties.services import adres_vervangen

    persoon = brp_double.register.aanvrager("alleenstaand")
    partij = partij_from_brp(actor, bsn=persoon.bsn, reden="Intake")
    adres_vervangen(
        actor=actor,
        partij=partij,
        straatnaam="Verhuisstraat",
        huisnummer=9,
        postcode="6901AB",
        woonplaats="Zevenaar",
    )
    assert list(Adres.objects.filter(partij=partij).values_list("straatnaam", flat=True)) == [
        "Verhuisstraat"
    ]
    # Taking the person over again brings the BRP's address back, replacing the typed one.
    partij_from_brp(actor, bsn=persoon.bsn, reden="Opnieuw")
    adressen = list(Adres.objects.filter(partij=partij))
    assert len(adressen) == 1 and adressen[0].straatnaam != "Verhuisstraat"
    wijziging = AuditEntry.objects.filter(actie="adres_gewijzigd").latest("id")
    assert "Verhuisstraat" in wijziging.wijzigingen["adres"][0]
