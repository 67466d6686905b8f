"""Leads: the standard pipelines, pipeline management by the functional administrator, a lead
moving through its stages with history and audit, won (relation marked customer) and lost (a
reason), department access, the smart filter "zonder contact in 30 dagen", the conversion
figures, a quotation PDF from the letter template, and the demo loader."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.demo import leads_demo_load
from raadhuis.modules.crm.leads.models import FaseSoort, FaseWissel, Lead, LeadBron, Pipeline
from raadhuis.modules.crm.leads.selectors import (
    Leadfilter,
    fasen_van,
    lead_conversie,
    lead_get,
    lead_score_van,
    leads_zoeken,
    pipeline_bord,
)
from raadhuis.modules.crm.leads.services import (
    FaseSpec,
    lead_create,
    lead_fase_set,
    lead_verplaatsen,
    leads_pipelines_ensure,
    offerte_create,
    pipeline_create,
    pipeline_update,
)
from raadhuis.modules.crm.relatiepagina import relatieblokken
from raadhuis.modules.crm.services import klantcontact_create
from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def pipelines(crm_org):
    return leads_pipelines_ensure(crm_org)


@pytest.fixture
def huisvesting(pipelines):
    return pipelines[0]


@pytest.fixture
def lead(am, bedrijf, huisvesting, afdeling_ez, accountmanager):
    return lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Nieuwe bakkerij op De Testhoek",
        pipeline=huisvesting,
        waarde="45000,00",
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron=LeadBron.DOORVERWIJZING,
        verwachte_sluitdatum=date(2027, 3, 1),
    )


def _fase(pipeline: Pipeline, soort: str):  # noqa: ANN202
    return next(f for f in fasen_van(pipeline) if f.soort == soort)


def test_two_standard_pipelines_are_made_once(crm_org):
    eerste = leads_pipelines_ensure(crm_org)
    tweede = leads_pipelines_ensure(crm_org)
    assert [p.naam for p in eerste] == ["Bedrijfshuisvesting", "Subsidies en partnerschappen"]
    assert [p.pk for p in eerste] == [p.pk for p in tweede]
    fasen = fasen_van(eerste[0])
    assert [f.kans for f in fasen if f.is_open] == [10, 25, 50, 75]
    assert [f.soort for f in fasen][-2:] == [FaseSoort.GEWONNEN, FaseSoort.VERLOREN]


def test_a_lead_gets_a_number_its_first_stage_and_history(lead, huisvesting):
    assert lead.kenmerk.startswith("LEAD-")
    assert lead.waarde == Decimal("45000.00")
    assert lead.fase == fasen_van(huisvesting)[0]
    (wissel,) = lead.fasewissels.all()
    assert wissel.van_fase is None and wissel.naar_fase == lead.fase
    assert AuditEntry.objects.filter(actie="lead_aangemaakt", object_uuid=lead.uuid).exists()


def test_bad_input_gives_dutch_errors_per_field(am, bedrijf, huisvesting, afdeling_ez):
    with pytest.raises(ValidationError) as fout:
        lead_create(
            actor=am,
            partij=bedrijf.partij,
            titel=" ",
            pipeline=huisvesting,
            waarde="veel",
            afdeling=afdeling_ez,
            bron="telepathie",
        )
    assert set(fout.value.message_dict) == {"titel", "waarde", "bron"}
    assert "Vul een titel in." in fout.value.message_dict["titel"]


def test_moving_forward_and_back_records_who_and_when(lead, am, huisvesting):
    lead = lead_verplaatsen(actor=am, lead=lead, richting="vooruit")
    assert lead.fase.naam == "Behoefte in beeld"
    lead = lead_verplaatsen(actor=am, lead=lead, richting="terug")
    assert lead.fase.naam == "Eerste contact"
    with pytest.raises(ValidationError):
        lead_verplaatsen(actor=am, lead=lead, richting="terug")
    wissels = list(FaseWissel.objects.filter(lead=lead).order_by("id"))
    assert [w.naar_fase.naam for w in wissels] == [
        "Eerste contact",
        "Behoefte in beeld",
        "Eerste contact",
    ]
    assert all(w.door == am.weergave for w in wissels)
    assert (
        AuditEntry.objects.filter(actie="lead_fase_gewijzigd", object_uuid=lead.uuid).count() == 2
    )


def test_lost_needs_a_reason_and_won_marks_the_relation_as_customer(lead, am, huisvesting, bedrijf):
    with pytest.raises(ValidationError) as fout:
        lead_fase_set(actor=am, lead=lead, fase=_fase(huisvesting, FaseSoort.VERLOREN))
    assert "verlies_reden" in fout.value.message_dict

    lead = lead_fase_set(actor=am, lead=lead, fase=_fase(huisvesting, FaseSoort.GEWONNEN))
    assert lead.gesloten_op == vandaag("Europe/Amsterdam")
    bedrijf.refresh_from_db()
    assert "Klant" in {t.naam for t in bedrijf.tags.all()}

    # Reopening clears the closing date.
    lead = lead_fase_set(actor=am, lead=lead, fase=fasen_van(huisvesting)[1])
    assert lead.gesloten_op is None


def test_departments_see_only_their_own_leads(lead, am, sport, kcc_actor, crm_org):
    assert lead_get(actor=am, uuid=lead.uuid) == lead
    assert lead_get(actor=kcc_actor, uuid=lead.uuid) == lead  # the KCC sees every relation
    with pytest.raises(NietGevonden):
        lead_get(actor=sport, uuid=lead.uuid)
    assert leads_zoeken(actor=sport, filters=Leadfilter()) == []
    with pytest.raises(NietGevonden):
        lead_fase_set(actor=sport, lead=lead, fase=fasen_van(lead.pipeline)[1])
    teamleider = factories.actor(factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        lead_get(actor=teamleider, uuid=lead.uuid)


def test_smart_filter_leads_without_contact_in_30_days(lead, am, bedrijf, vereniging, huisvesting):
    nu = datetime.now(AMS)
    klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal="telefoon",
        onderwerp="Locatie besproken",
        plaatsgevonden_op=nu - timedelta(days=40),
    )

    def zonder(dagen: int) -> list[str]:
        filters = Leadfilter(zonder_contact_dagen=dagen)
        return [r.lead.kenmerk for r in leads_zoeken(actor=am, filters=filters)]

    assert zonder(30) == [lead.kenmerk]  # last contact 40 days ago
    assert zonder(60) == []
    (regel,) = leads_zoeken(actor=am, filters=Leadfilter())
    assert regel.laatste_contact is not None
    klantcontact_create(
        actor=am, partij=bedrijf.partij, kanaal="email", onderwerp="Offerte", plaatsgevonden_op=nu
    )
    assert zonder(30) == []


def test_the_score_reads_the_relation_and_its_contacts(lead, am, bedrijf):
    klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal="balie",
        onderwerp="Kennismaking",
        plaatsgevonden_op=datetime.now(AMS) - timedelta(days=5),
    )
    score = lead_score_van(lead)
    punten = {f.code: f.punten for f in score.factoren}
    # 45.000 -> 10, bedrijf 15, 1 contact 5, 5 days ago 10, 10% -> 2, new 10, referral 10.
    assert punten == {
        "waarde": 10,
        "fit": 15,
        "contacten": 5,
        "recent": 10,
        "fase": 2,
        "leeftijd": 10,
        "bron": 10,
    }
    assert score.totaal == 62


def test_the_board_has_a_column_per_stage_with_move_targets(lead, am, huisvesting):
    kolommen = pipeline_bord(actor=am, pipeline=huisvesting)
    assert [k.fase.naam for k in kolommen][:4] == [
        "Eerste contact",
        "Behoefte in beeld",
        "Locatievoorstel",
        "Onderhandeling",
    ]
    eerste = kolommen[0]
    assert [r.lead for r in eerste.regels] == [lead]
    assert eerste.vorige is None and eerste.volgende.naam == "Behoefte in beeld"
    assert eerste.gewogen == Decimal("4500.00")  # 10% of 45.000


def test_conversion_figures_per_pipeline_and_department(
    lead, am, huisvesting, bedrijf, afdeling_ez, accountmanager, crm_org
):
    verloren = lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Tweede vestiging",
        pipeline=huisvesting,
        waarde=Decimal("10000"),
        afdeling=afdeling_ez,
        bron=LeadBron.WEBSITE,
    )
    gewonnen = lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Opslagruimte",
        pipeline=huisvesting,
        waarde=Decimal("20000"),
        afdeling=afdeling_ez,
        bron=LeadBron.KCC,
    )
    lead_fase_set(
        actor=am,
        lead=verloren,
        fase=_fase(huisvesting, FaseSoort.VERLOREN),
        verlies_reden="Te duur",
    )
    lead_fase_set(actor=am, lead=gewonnen, fase=_fase(huisvesting, FaseSoort.GEWONNEN))
    vandaag_ = vandaag("Europe/Amsterdam")
    (regel,) = lead_conversie(am, vandaag_ - timedelta(days=30), vandaag_)
    assert (regel.pipeline, regel.afdeling) == ("Bedrijfshuisvesting", "Economische Zaken")
    assert (regel.open_aantal, regel.open_waarde) == (1, Decimal("45000.00"))
    assert (regel.gewonnen_aantal, regel.gewonnen_waarde) == (1, Decimal("20000.00"))
    assert (regel.verloren_aantal, regel.verloren_waarde) == (1, Decimal("10000.00"))
    assert regel.conversie_procent == 50
    # A team leader reads the same aggregates (no names); before the period: nothing closed.
    teamleider = factories.actor(factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,)))
    (regel_tl,) = lead_conversie(teamleider, vandaag_ - timedelta(days=30), vandaag_)
    assert regel_tl.gewonnen_aantal == 1
    oud = lead_conversie(am, date(2020, 1, 1), date(2020, 12, 31))
    assert oud == []


def test_pipelines_are_managed_by_the_functional_administrator(crm_org, am, pipelines, lead):
    beheerder = factories.actor(factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    fasen = [
        FaseSpec("Aanvraag", 20),
        FaseSpec("Beoordeling", 60),
        FaseSpec("Toegekend", 100, FaseSoort.GEWONNEN),
        FaseSpec("Afgewezen", 0, FaseSoort.VERLOREN),
    ]
    with pytest.raises(ToegangGeweigerd):
        pipeline_create(actor=am, naam="Evenementen", fasen=fasen)
    nieuw = pipeline_create(actor=beheerder, naam="Evenementen", fasen=fasen)
    assert [f.naam for f in fasen_van(nieuw)] == [f.naam for f in fasen]

    with pytest.raises(ValidationError) as fout:
        pipeline_create(actor=beheerder, naam="evenementen", fasen=fasen)
    assert "naam" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        pipeline_create(actor=beheerder, naam="Zonder einde", fasen=fasen[:2])
    assert "fasen" in fout.value.message_dict

    # A stage with leads cannot be dropped; an extra stage can be added.
    huisvesting = lead.pipeline
    zonder_eerste = [
        FaseSpec(f.naam, f.kans, f.soort) for f in fasen_van(huisvesting) if f != lead.fase
    ]
    with pytest.raises(ValidationError):
        pipeline_update(actor=beheerder, pipeline=huisvesting, naam="X", fasen=zonder_eerste)
    alle = [FaseSpec(f.naam, f.kans, f.soort) for f in fasen_van(huisvesting)]
    alle.insert(3, FaseSpec("Bezichtiging", 60))
    pipeline_update(actor=beheerder, pipeline=huisvesting, naam="Bedrijfshuisvesting", fasen=alle)
    assert "Bezichtiging" in [f.naam for f in fasen_van(huisvesting)]
    assert AuditEntry.objects.filter(actie="pipeline_gewijzigd").count() == 1


def test_a_quotation_pdf_is_made_from_the_template(lead, am):
    offerte = offerte_create(actor=am, lead=lead)
    assert offerte.nummer == f"{lead.kenmerk}-O1"
    assert offerte.bedrag == Decimal("45000.00")
    assert offerte.geldig_tot == vandaag("Europe/Amsterdam") + timedelta(days=30)
    inhoud = offerte.bestand.open("rb").read()
    assert inhoud.startswith(b"%PDF")
    assert "Nieuwe bakkerij op De Testhoek" in offerte.onderwerp
    tweede = offerte_create(actor=am, lead=lead, bedrag=Decimal("40000"))
    assert tweede.nummer.endswith("-O2")
    assert AuditEntry.objects.filter(actie="offerte_gemaakt").count() == 2


def test_the_relation_page_shows_the_leads_block(lead, am, sport, bedrijf):
    blokken = {b.blok.naam: b.context for b in relatieblokken(am, bedrijf.partij)}
    assert blokken["leads"]["leads"] == [lead]
    blokken_sport = {b.blok.naam: b.context for b in relatieblokken(sport, bedrijf.partij)}
    assert blokken_sport.get("leads", {"leads": []})["leads"] == []


def test_the_demo_loader_makes_ten_leads_once(crm_org, am, bedrijf, vereniging):
    leads = leads_demo_load(crm_org)
    assert len(leads) == 10
    soorten = {lead.fase.soort for lead in Lead.objects.filter(organisatie=crm_org)}
    assert soorten == {FaseSoort.OPEN, FaseSoort.GEWONNEN, FaseSoort.VERLOREN}
    assert leads_demo_load(crm_org) == []
    assert Pipeline.objects.filter(organisatie=crm_org).count() == 2
    systeem = Actor.system(crm_org)
    assert len(leads_zoeken(actor=systeem, filters=Leadfilter())) == 10


def test_the_demo_leads_sit_on_the_crm_demo_relations_and_their_departments(db):
    from raadhuis.modules.crm.demo import crm_demo_load

    org = factories.organisatie("Gemeente Demo")
    anna = factories.medewerker(org, rollen=(Rol.MEDEWERKER,))
    crm_demo_load(org, accountmanager=anna)
    leads = leads_demo_load(org, eigenaar=anna)
    assert len(leads) == 10
    # Anna (account manager, in the departments of the demo relations) sees all ten.
    regels = leads_zoeken(actor=factories.actor(anna), filters=Leadfilter())
    assert len(regels) == 10
    scores = {lead_score_van(r.lead).totaal for r in regels}
    assert len(scores) > 3  # the demo shows different scores
