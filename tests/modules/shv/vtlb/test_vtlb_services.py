"""The VTLB services and selectors: seeding the published norms, the norm editor's writes
(functioneel beheerder only, audited), and calculations stored as immutable snapshots."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.modules.shv.vtlb.models import NormBedrag, NormVersie, VtlbBerekening
from raadhuis.modules.shv.vtlb.normen import GEPUBLICEERDE_NORMEN, NormSleutel
from raadhuis.modules.shv.vtlb.selectors import berekening_get, berekeningen_zichtbaar
from raadhuis.modules.shv.vtlb.services import (
    normbedrag_wijzig,
    normversie_kopieer,
    vtlb_bereken,
    vtlb_normen_ensure,
    vtlb_uitrekenen,
)
from tests import factories

pytestmark = pytest.mark.django_db

INVOER = {
    "peildatum": date(2024, 3, 1),
    "leefsituatie": "alleenstaand",
    "netto_inkomen": D("1100.00"),
}


def bedrag(org, geldig_vanaf, sleutel) -> NormBedrag:
    return NormBedrag.objects.get(
        normversie__organisatie=org, normversie__geldig_vanaf=geldig_vanaf, sleutel=sleutel
    )


# --- seeding ---------------------------------------------------------------------------------
def test_gepubliceerde_normen_worden_eenmaal_vastgelegd(org):
    vtlb_normen_ensure(org)
    assert NormVersie.objects.filter(organisatie=org).count() == len(GEPUBLICEERDE_NORMEN)
    assert NormBedrag.objects.filter(organisatie=org).count() == len(GEPUBLICEERDE_NORMEN) * len(
        NormSleutel
    )
    assert AuditEntry.objects.filter(actie="vtlb_normversie_aangemaakt").count() == 6
    vtlb_normen_ensure(org)
    assert NormVersie.objects.filter(organisatie=org).count() == len(GEPUBLICEERDE_NORMEN)
    assert AuditEntry.objects.filter(actie="vtlb_normversie_aangemaakt").count() == 6


def test_vastleggen_overschrijft_geen_wijziging_van_de_beheerder(org, fb):
    vtlb_normen_ensure(org)
    normbedrag = bedrag(org, date(2026, 1, 1), NormSleutel.BVV_MAX_ALLEENSTAAND)
    assert normbedrag.bedrag is None and "Niet gevonden" in normbedrag.bron
    normbedrag_wijzig(
        actor=factories.actor(fb), normbedrag=normbedrag, bedrag=D("2150.00"), bron="Stcrt. X"
    )
    vtlb_normen_ensure(org)
    assert bedrag(org, date(2026, 1, 1), NormSleutel.BVV_MAX_ALLEENSTAAND).bedrag == D("2150.00")


def test_elke_gepubliceerde_versie_begint_op_een_halfjaar_en_noemt_een_bron_per_bedrag():
    for versie in GEPUBLICEERDE_NORMEN:
        assert versie.geldig_vanaf.day == 1 and versie.geldig_vanaf.month in (1, 7)
        assert set(versie.bedragen) == set(NormSleutel.values)
        for waarde in versie.bedragen.values():
            assert waarde.bron.strip()
            if waarde.bedrag is None:
                assert "Niet gevonden" in waarde.bron


# --- the norm editor's writes ----------------------------------------------------------------
def test_functioneel_beheerder_wijzigt_een_bedrag_met_bron_en_audit(org, fb):
    vtlb_normen_ensure(org)
    normbedrag = bedrag(org, date(2024, 1, 1), NormSleutel.RESERVERINGSTOESLAG_ALLEENSTAAND)
    normbedrag_wijzig(
        actor=factories.actor(fb),
        normbedrag=normbedrag,
        bedrag=D("61.20"),
        bron="Recofa-rapport januari 2024, bijlage 1",
        toelichting="Aangevuld uit het rapport",
    )
    normbedrag.refresh_from_db()
    assert normbedrag.bedrag == D("61.20")
    entry = AuditEntry.objects.get(actie="vtlb_normbedrag_gewijzigd")
    assert entry.wijzigingen["bedrag"] == [None, "61.20"]
    assert entry.toelichting == "Aangevuld uit het rapport"
    assert entry.object_uuid == normbedrag.uuid


@pytest.mark.parametrize(
    ("bedrag_", "bron", "veld", "code"),
    [
        (D("10.00"), "  ", "bron", "required"),
        (D("-1.00"), "bron", "bedrag", "min_value"),
        (D("1.005"), "bron", "bedrag", "max_decimal_places"),
    ],
)
def test_wijziging_zonder_bron_of_met_ongeldig_bedrag_wordt_geweigerd(
    org, fb, bedrag_, bron, veld, code
):
    vtlb_normen_ensure(org)
    normbedrag = bedrag(org, date(2024, 1, 1), NormSleutel.WERKTOESLAG)
    with pytest.raises(ValidationError) as fout:
        normbedrag_wijzig(
            actor=factories.actor(fb), normbedrag=normbedrag, bedrag=bedrag_, bron=bron
        )
    assert fout.value.error_dict[veld][0].code == code


@pytest.mark.parametrize("rol", ["medewerker", "teamleider", "auditor", "beheerder"])
def test_alleen_de_functioneel_beheerder_wijzigt_normen(org, rol):
    vtlb_normen_ensure(org)
    actor = factories.actor(factories.medewerker(org, rollen=(rol,)))
    normbedrag = bedrag(org, date(2024, 1, 1), NormSleutel.WERKTOESLAG)
    with pytest.raises(ToegangGeweigerd):
        normbedrag_wijzig(actor=actor, normbedrag=normbedrag, bedrag=D("1.00"), bron="x")
    with pytest.raises(ToegangGeweigerd):
        normversie_kopieer(
            actor=actor, bron=normbedrag.normversie, geldig_vanaf=date(2027, 1, 1), omschrijving="x"
        )


def test_een_andere_organisatie_wijzigt_niets(org, fb):
    vtlb_normen_ensure(org)
    andere = factories.organisatie("Andere gemeente")
    vreemde_fb = factories.actor(factories.medewerker(andere, rollen=("functioneel_beheerder",)))
    normbedrag = bedrag(org, date(2024, 1, 1), NormSleutel.WERKTOESLAG)
    with pytest.raises(ToegangGeweigerd):
        normbedrag_wijzig(actor=vreemde_fb, normbedrag=normbedrag, bedrag=D("1.00"), bron="x")


def test_kopie_naar_een_nieuw_halfjaar(org, fb):
    vtlb_normen_ensure(org)
    bron = NormVersie.objects.get(organisatie=org, geldig_vanaf=date(2026, 7, 1))
    versie = normversie_kopieer(
        actor=factories.actor(fb),
        bron=bron,
        geldig_vanaf=date(2027, 1, 1),
        omschrijving="Normen per 1 januari 2027 (concept)",
    )
    assert versie.gekopieerd_van == bron
    assert versie.bedragen.count() == len(NormSleutel)
    assert versie.bedragen.get(sleutel=NormSleutel.BIJSTAND_ALLEENSTAAND).bedrag == D("1419.46")
    assert AuditEntry.objects.filter(actie="vtlb_normversie_gekopieerd").count() == 1
    with pytest.raises(ValidationError):  # already exists
        normversie_kopieer(
            actor=factories.actor(fb), bron=bron, geldig_vanaf=date(2027, 1, 1), omschrijving="x"
        )
    with pytest.raises(ValidationError):  # not 1 January or 1 July
        normversie_kopieer(
            actor=factories.actor(fb), bron=bron, geldig_vanaf=date(2027, 3, 1), omschrijving="x"
        )


# --- calculations ----------------------------------------------------------------------------
def test_berekening_wordt_een_momentopname_met_audit(org, consulent):
    actor = factories.actor(consulent)
    berekening = vtlb_bereken(actor=actor, invoer=INVOER)
    assert berekening.vtlb == D("1077.08") and berekening.afloscapaciteit == D("22.92")
    assert berekening.normversie_omschrijving == "Gepubliceerde normen per 1 januari 2024"
    assert berekening.uitkomst["regels"][0]["code"] == "netto_inkomen"
    assert berekening.normen[NormSleutel.BIJSTAND_ALLEENSTAAND]["bedrag"] == "1283.83"
    assert berekening.invoer["netto_inkomen"] == "1100.00"
    assert berekening.actor_weergave == consulent.naam
    assert AuditEntry.objects.filter(actie="vtlb_berekend", object_uuid=berekening.uuid).exists()


def test_momentopname_is_onveranderlijk(org, consulent, fb):
    berekening = vtlb_bereken(actor=factories.actor(consulent), invoer=INVOER)
    with pytest.raises(ValidationError):
        berekening.vtlb = D("1.00")
        berekening.save()
    with pytest.raises(PermissionError):
        VtlbBerekening.objects.filter(pk=berekening.pk).update(vtlb=D("1.00"))
    # A later change of a norm does not change the stored calculation.
    normbedrag = bedrag(org, date(2024, 1, 1), NormSleutel.CORRECTIE_EIGEN_RISICO)
    normbedrag_wijzig(actor=factories.actor(fb), normbedrag=normbedrag, bedrag=D("40.00"), bron="x")
    opnieuw = VtlbBerekening.objects.get(pk=berekening.pk)
    assert opnieuw.vtlb == D("1077.08")
    assert opnieuw.normen[NormSleutel.CORRECTIE_EIGEN_RISICO]["bedrag"] == "32.08"
    _versie, nieuw = vtlb_uitrekenen(organisatie=org, invoer=INVOER)
    assert nieuw.vtlb == D("1085.00")  # 1045.00 + 40.00


@pytest.mark.parametrize("rol", ["teamleider", "auditor"])
def test_teamleider_en_auditor_rekenen_niet(org, rol):
    actor = factories.actor(factories.medewerker(org, rollen=(rol,)))
    with pytest.raises(ToegangGeweigerd):
        vtlb_bereken(actor=actor, invoer=INVOER)


def test_peildatum_voor_de_eerste_normversie(org, consulent):
    with pytest.raises(ValidationError) as fout:
        vtlb_bereken(
            actor=factories.actor(consulent), invoer={**INVOER, "peildatum": date(2023, 6, 1)}
        )
    assert fout.value.error_dict["peildatum"][0].code == "geen-normversie"


def test_berekening_bij_een_zaak_vraagt_toegang_tot_die_zaak(org, zaaktype, consulent):
    zaak = zaak_create(actor=Actor.system(org), zaaktype=zaaktype, omschrijving="Schulden")
    berekening = vtlb_bereken(actor=factories.actor(consulent), invoer=INVOER, zaak=zaak)
    assert berekening.zaak == zaak
    entry = AuditEntry.objects.get(actie="vtlb_berekend")
    assert entry.zaak_uuid == zaak.uuid

    zonder_recht = factories.actor(factories.medewerker(org, rollen=("medewerker",)))
    with pytest.raises(ToegangGeweigerd):
        vtlb_bereken(actor=zonder_recht, invoer=INVOER, zaak=zaak)
    with pytest.raises(NietGevonden):
        berekening_get(actor=zonder_recht, uuid=berekening.uuid)
    assert berekening_get(actor=factories.actor(consulent), uuid=berekening.uuid) == berekening
    assert VerwerkingsLog.objects.filter(handeling="VTLB-berekening ingezien").exists()


def test_wie_welke_berekeningen_ziet(org, consulent, teamleider):
    berekening = vtlb_bereken(actor=factories.actor(consulent), invoer=INVOER)
    assert list(berekeningen_zichtbaar(actor=factories.actor(consulent))) == [berekening]
    assert not berekeningen_zichtbaar(actor=factories.actor(teamleider)).exists()
    andere = factories.organisatie("Andere gemeente")
    vreemde = factories.actor(factories.medewerker(andere, rollen=("medewerker",)))
    assert not berekeningen_zichtbaar(actor=vreemde).exists()
    with pytest.raises(NietGevonden):
        berekening_get(actor=vreemde, uuid=berekening.uuid)


def test_demo_load_is_idempotent(org):
    from raadhuis.modules.shv.vtlb.demo import demo_load

    assert demo_load(org) == len(GEPUBLICEERDE_NORMEN)
    assert demo_load(org) == len(GEPUBLICEERDE_NORMEN)
    berekening = VtlbBerekening.objects.get(organisatie=org)
    assert berekening.normversie_omschrijving == "Gepubliceerde normen per 1 juli 2025"
    assert berekening.uitkomst["waarschuwingen"]  # the missing amounts are stated
