"""Creditors and debts: the register with checked KvK numbers and IBANs (Dutch errors), the
status machine of a debt, the request for a statement in one action with its letters and
reminder tasks, the statement, the reminder and the history."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.iban import iban_normaliseren
from raadhuis.kernel.messaging.models import Brief
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import Taak, TaakStatus
from raadhuis.modules.shv.models import Rangorde, Schuld, Schuldeiser, SchuldStatus
from raadhuis.modules.shv.selectors import schuld_historie
from raadhuis.modules.shv.services import (
    schuld_create,
    schuld_herinnering_send,
    schuld_opgave_registreren,
    schuld_status_set,
    schuld_update,
    schuldeiser_create,
    schuldeiser_update,
    schulden_opvragen,
)
from raadhuis.modules.shv.workflow import SCHULD_OVERGANGEN

S = SchuldStatus


def maak_schuldeiser(actor, naam: str, kvk: str, email: str = "", **extra) -> Schuldeiser:  # noqa: ANN001, ANN003
    return schuldeiser_create(
        actor=actor,
        naam=naam,
        kvk_nummer=kvk,
        iban=extra.pop("iban", "NL91ABNA0417164300"),
        email_correspondentie=email,
        adres={
            "straatnaam": "Markt",
            "huisnummer": 1,
            "postcode": "6901AB",
            "woonplaats": "Zevenaar",
        },
        **extra,
    )


@pytest.fixture
def linge(ik):
    return maak_schuldeiser(
        ik, "Woningstichting De Linge (fictief)", "12345678", "incasso@linge.example"
    )


@pytest.fixture
def energie(ik):
    # No e-mail address: the letter goes by post.
    return maak_schuldeiser(
        ik, "Liemers Energie (fictief)", "23456789", rangorde=Rangorde.CONCURRENT
    )


# --- register -------------------------------------------------------------------------------


def test_a_creditor_is_a_kernel_party_plus_register_data(linge):
    partij = NietNatuurlijkPersoon.objects.get(pk=linge.partij_id)
    assert (partij.statutaire_naam, partij.kvk_nummer) == (
        "Woningstichting De Linge (fictief)",
        "12345678",
    )
    assert partij.adressen.get().soort == "postadres"
    assert (linge.iban, linge.email_correspondentie) == (
        "NL91ABNA0417164300",
        "incasso@linge.example",
    )
    assert AuditEntry.objects.filter(
        actie="schuldeiser_aangemaakt", object_uuid=linge.uuid
    ).exists()


@pytest.mark.parametrize(
    ("iban", "melding"),
    [
        ("NL91ABNA0417164301", "het controlegetal past niet bij het rekeningnummer"),
        ("NL91ABNA041716430", "niet het juiste aantal tekens"),
        ("XX91ABNA0417164300", "Deze landcode bestaat niet"),
        ("NL9!ABNA0417164300", ""),
    ],
)
def test_a_wrong_iban_is_refused_in_dutch(ik, iban, melding):
    with pytest.raises(ValidationError) as fout:
        schuldeiser_create(actor=ik, naam="X", iban=iban)
    tekst = " ".join(fout.value.message_dict["iban"])
    assert melding in tekst and ("IBAN" in tekst)
    assert not Schuldeiser.objects.exists() and not NietNatuurlijkPersoon.objects.exists()


def test_an_iban_is_stored_compact_whatever_the_spacing():
    assert iban_normaliseren(" nl91 abna 0417 1643 00 ") == "NL91ABNA0417164300"
    assert iban_normaliseren("") == ""


def test_a_wrong_kvk_number_and_email_are_refused_in_dutch(ik):
    with pytest.raises(ValidationError) as fout:
        schuldeiser_create(actor=ik, naam="", kvk_nummer="1234567", email_correspondentie="geen")
    fouten = fout.value.message_dict
    assert fouten["kvk_nummer"] == ["Een KvK-nummer bestaat uit precies 8 cijfers."]
    assert fouten["naam"] == ["Vul de naam van de schuldeiser in."]
    assert fouten["email_correspondentie"] == ["Dit is geen geldig e-mailadres."]


def test_the_same_kvk_number_is_not_registered_twice(ik, linge):
    with pytest.raises(ValidationError) as fout:
        maak_schuldeiser(ik, "De Linge", "12345678")
    assert "al een schuldeiser" in fout.value.message_dict["kvk_nummer"][0]


def test_a_creditor_that_moved_gets_its_new_address_in_place_of_the_old(ik, linge):
    nieuw = {
        "straatnaam": "Nieuwe Incassoweg",
        "huisnummer": 12,
        "postcode": "6901 AB",
        "woonplaats": "Zevenaar",
    }
    schuldeiser_update(actor=ik, schuldeiser=linge, adres=nieuw)
    schuldeiser_update(actor=ik, schuldeiser=linge, adres=nieuw)  # the same again: no change
    adressen = list(linge.partij.adressen.all())
    assert [(a.straatnaam, a.postcode) for a in adressen] == [("Nieuwe Incassoweg", "6901AB")]
    assert (
        AuditEntry.objects.filter(actie="adres_toegevoegd", object_uuid=linge.partij.uuid).count()
        >= 1
    )


def test_changing_a_creditor_changes_the_party_and_the_register(ik, linge):
    schuldeiser_update(
        actor=ik,
        schuldeiser=linge,
        naam="Woonstichting De Linge (fictief)",
        iban="NL02 ABNA 0123 4567 89",
        rangorde=Rangorde.PREFERENT,
    )
    linge.refresh_from_db()
    assert linge.partij.weergavenaam == "Woonstichting De Linge (fictief)"
    assert (linge.iban, linge.rangorde) == ("NL02ABNA0123456789", "preferent")
    entry = AuditEntry.objects.get(actie="schuldeiser_gewijzigd")
    assert entry.wijzigingen["rangorde"] == ["concurrent", "preferent"]


# --- the status machine ----------------------------------------------------------------------


@pytest.fixture
def schuld(ik, dossier, linge):
    return schuld_create(
        actor=ik,
        dossier=dossier,
        schuldeiser=linge,
        actueel_bedrag=Decimal("1250.00"),
        kenmerk="H-1",
    )


def test_the_happy_path_of_a_debt(ik, schuld):
    assert schuld.status == S.OPGEGEVEN
    schuld_status_set(actor=ik, schuld=schuld, status=S.GEVERIFIEERD)
    schuld_status_set(actor=ik, schuld=schuld, status=S.IN_REGELING)
    schuld_status_set(actor=ik, schuld=schuld, status=S.AFGELOST)
    stappen = [
        e.wijzigingen["status"]
        for e in schuld_historie(actor=ik, schuld=schuld).order_by("tijdstip", "id")
        if "status" in e.wijzigingen
    ]
    assert stappen == [
        [None, "opgegeven"],
        ["opgegeven", "geverifieerd"],
        ["geverifieerd", "in_regeling"],
        ["in_regeling", "afgelost"],
    ]


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (S.OPGEGEVEN, S.IN_REGELING),  # not verified yet
        (S.OPGEVRAAGD, S.GEVERIFIEERD),  # nothing to verify yet
        (S.AFGELOST, S.OPGEGEVEN),  # paid off is the end
        (S.BETWIST, S.IN_REGELING),
    ],
)
def test_a_forbidden_transition_is_refused_in_dutch(ik, dossier, linge, van, naar):
    schuld = Schuld.objects.create(
        organisatie=dossier.organisatie,
        dossier=dossier,
        schuldeiser=linge,
        status=van,
        actueel_bedrag=1,
    )
    with pytest.raises(ValidationError) as fout:
        schuld_status_set(actor=ik, schuld=schuld, status=naar, toelichting="x")
    assert fout.value.message_dict["status"] == [
        f"Een schuld met status ‘{S(van).label}’ kan niet naar ‘{S(naar).label}’."
    ]
    schuld.refresh_from_db()
    assert schuld.status == van


def test_every_pair_of_statuses_follows_the_table(ik, dossier, linge):
    """All 36 (from, to) pairs: allowed exactly when the table has the line (or nothing
    changes), and a refused step leaves the debt as it was."""
    for van, naar in itertools.product(S.values, S.values):
        schuld = Schuld.objects.create(
            organisatie=dossier.organisatie,
            dossier=dossier,
            schuldeiser=linge,
            status=van,
            actueel_bedrag=1,
        )
        try:
            schuld_status_set(actor=ik, schuld=schuld, status=naar, toelichting="reden")
            gelukt = True
        except ValidationError:
            gelukt = False
        schuld.refresh_from_db()
        assert gelukt == (van == naar or (van, naar) in SCHULD_OVERGANGEN), (van, naar)
        assert schuld.status == (naar if gelukt else van)


def test_disputing_needs_a_reason(ik, schuld):
    with pytest.raises(ValidationError) as fout:
        schuld_status_set(actor=ik, schuld=schuld, status=S.BETWIST)
    assert fout.value.message_dict["toelichting"] == ["Geef aan waarom de schuld betwist wordt."]


def test_amounts_are_fixed_once_in_a_settlement(ik, schuld):
    schuld_update(actor=ik, schuld=schuld, actueel_bedrag=Decimal("1300.00"))
    schuld_status_set(actor=ik, schuld=schuld, status=S.GEVERIFIEERD)
    schuld_status_set(actor=ik, schuld=schuld, status=S.IN_REGELING)
    with pytest.raises(ValidationError) as fout:
        schuld_update(actor=ik, schuld=schuld, actueel_bedrag=Decimal("1.00"))
    assert "ligt vast" in fout.value.message_dict["actueel_bedrag"][0]
    schuld_update(actor=ik, schuld=schuld, kenmerk="H-2")  # the reference may still change


# --- asking creditors for a statement -------------------------------------------------------


def test_one_action_asks_every_creditor_with_a_letter_and_a_reminder(ik, dossier, linge, energie):
    schulden = schulden_opvragen(actor=ik, dossier=dossier, schuldeisers=[linge, energie])
    vandaag_ = vandaag(dossier.zaak.organisatie.tijdzone)
    assert [s.status for s in schulden] == [S.OPGEVRAAGD, S.OPGEVRAAGD]
    assert all(s.opgevraagd_op == vandaag_ for s in schulden)
    verzoeken = Brief.objects.filter(
        zaak=dossier.zaak, sjabloon_versie__sjabloon__code="verzoek_tot_opgave"
    )
    brieven = {b.ontvanger_naam: b for b in verzoeken}
    assert set(brieven) == {"Woningstichting De Linge (fictief)", "Liemers Energie (fictief)"}
    assert brieven["Woningstichting De Linge (fictief)"].kanaal == "email"
    assert brieven["Woningstichting De Linge (fictief)"].ontvanger_email == "incasso@linge.example"
    assert brieven["Liemers Energie (fictief)"].kanaal == "post"
    assert "Testelink" in brieven["Liemers Energie (fictief)"].onderwerp
    documenten = ZaakInformatieObject.objects.filter(zaak=dossier.zaak)
    assert {b.informatieobject_id for b in verzoeken} <= set(
        documenten.values_list("informatieobject_id", flat=True)
    )
    # Filed under the case type's own document type for these letters.
    assert {b.informatieobject.informatieobjecttype.omschrijving for b in verzoeken} == {
        "Verzoek tot opgave"
    }
    twee_weken = werkdagen_optellen(vandaag_, 10, "NL")
    for schuld in schulden:
        taak = schuld.herinnering_taak
        assert taak.vervaldatum == twee_weken and taak.status == TaakStatus.OPEN
        assert taak.toegewezen_aan == dossier.zaak.behandelaar


def test_asking_twice_while_waiting_is_refused_and_sends_nothing(ik, dossier, linge, energie):
    schulden_opvragen(actor=ik, dossier=dossier, schuldeisers=[linge])
    with pytest.raises(ValidationError) as fout:
        schulden_opvragen(actor=ik, dossier=dossier, schuldeisers=[energie, linge])
    assert "al een opgave opgevraagd" in fout.value.message_dict["schuldeisers"][0]
    assert Schuld.objects.count() == 1
    assert Brief.objects.filter(sjabloon_versie__sjabloon__code="verzoek_tot_opgave").count() == 1


def test_the_statement_completes_the_reminder(ik, dossier, linge):
    [schuld] = schulden_opvragen(actor=ik, dossier=dossier, schuldeisers=[linge])
    schuld_opgave_registreren(
        actor=ik,
        schuld=schuld,
        actueel_bedrag=Decimal("2345.67"),
        oorspronkelijk_bedrag=Decimal("2000.00"),
        kenmerk="HUUR-2026-114",
        ontvangen_op=date(2026, 3, 12),
    )
    schuld = Schuld.objects.get(pk=schuld.pk)
    assert (schuld.status, schuld.actueel_bedrag, schuld.kenmerk) == (
        S.OPGEGEVEN,
        Decimal("2345.67"),
        "HUUR-2026-114",
    )
    assert Taak.objects.get(pk=schuld.herinnering_taak_id).status == TaakStatus.AFGEROND


def test_a_reminder_sends_a_letter_and_plans_the_next(ik, dossier, energie):
    [schuld] = schulden_opvragen(actor=ik, dossier=dossier, schuldeisers=[energie])
    eerste = schuld.herinnering_taak
    schuld_herinnering_send(actor=ik, schuld=schuld)
    schuld = Schuld.objects.get(pk=schuld.pk)
    assert schuld.herinnerd_op is not None
    assert Taak.objects.get(pk=eerste.pk).status == TaakStatus.AFGEROND
    assert schuld.herinnering_taak_id != eerste.pk
    assert schuld.herinnering_taak.status == TaakStatus.OPEN
    herinnering = Brief.objects.get(sjabloon_versie__sjabloon__code="herinnering_opgave")
    assert herinnering.onderwerp.startswith("Herinnering") and herinnering.kanaal == "post"
    schuld_opgave_registreren(actor=ik, schuld=schuld, actueel_bedrag=Decimal("10"))
    with pytest.raises(ValidationError):
        schuld_herinnering_send(actor=ik, schuld=Schuld.objects.get(pk=schuld.pk))
