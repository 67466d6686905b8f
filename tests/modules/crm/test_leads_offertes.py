"""Quotations from templates: the user picks one of the active quotation templates (the
standard one by default), previews the quotation without saving, and the quotation keeps the
template version it was made from. Wrong choices are Dutch field errors; each quotation is
audited with its template and version."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.messaging.models import BriefSjabloon
from raadhuis.kernel.messaging.services import (
    sjabloon_active_set,
    sjabloon_create,
    sjabloon_update,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.brieven import offerte_sjablonen
from raadhuis.modules.crm.leads.models import LeadBron, Offerte
from raadhuis.modules.crm.leads.services import (
    lead_create,
    leads_pipelines_ensure,
    offerte_create,
    offerte_sjablonen_voor,
    offerte_voorbeeld,
)
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def lead(am, bedrijf, afdeling_ez, accountmanager, crm_org):
    return lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Zomerfestival op het Marktplein",
        pipeline=leads_pipelines_ensure(crm_org)[1],
        waarde=Decimal("12500"),
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron=LeadBron.EVENEMENT,
    )


@pytest.fixture
def beheerder(crm_org):
    return factories.actor(factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))


@pytest.fixture
def web(client, accountmanager):
    client.force_login(accountmanager.user, backend=BACKEND)
    return client


def _sjabloon(org, code):  # noqa: ANN001, ANN202
    return BriefSjabloon.objects.get(organisatie=org, code=code)


# --- services -------------------------------------------------------------------------------
def test_the_choice_is_every_active_quotation_template_standard_first(am, crm_org, beheerder):
    sjablonen = offerte_sjablonen_voor(actor=am)
    codes = [s.code for s in sjablonen]
    assert codes[0] == "offerte"
    assert {"offerte_evenement", "offerte_locatiehuur", "offerte_subsidiebegeleiding"} <= set(codes)
    assert all(s.soort == "offerte" for s in sjablonen)
    sjabloon_active_set(
        actor=beheerder, sjabloon=_sjabloon(crm_org, "offerte_locatiehuur"), actief=False
    )
    assert "offerte_locatiehuur" not in [s.code for s in offerte_sjablonen(crm_org)]


def test_a_quotation_from_a_chosen_template_keeps_its_version(am, lead, crm_org, beheerder):
    offerte_sjablonen_voor(actor=am)
    evenement = _sjabloon(crm_org, "offerte_evenement")
    eerste = offerte_create(actor=am, lead=lead, sjabloon=evenement)
    assert eerste.sjabloon_versie == evenement.huidige_versie
    assert eerste.onderwerp == f"Offerte {eerste.nummer}: deelname aan {lead.titel}"
    assert eerste.bedrag == Decimal("12500.00")
    audit = AuditEntry.objects.filter(actie="offerte_gemaakt").latest("pk")
    assert audit.wijzigingen["sjabloon"] == [None, "offerte_evenement (versie 1)"]

    sjabloon_update(
        actor=beheerder,
        sjabloon=evenement,
        naam=evenement.naam,
        onderwerp="Aanbod {{ offerte.nummer }} voor {{ lead.relatie }}",
        inhoud="<p>{{ ontvanger.aanhef }}</p><p>Ons aanbod: {{ offerte.bedrag }}.</p>",
        toelichting="Korter",
    )
    evenement.refresh_from_db()
    tweede = offerte_create(actor=am, lead=lead, sjabloon=evenement)
    eerste.refresh_from_db()
    assert eerste.sjabloon_versie.versie == 1  # the first keeps the text it was made from
    assert tweede.sjabloon_versie.versie == 2
    assert tweede.onderwerp == f"Aanbod {tweede.nummer} voor Bakkerij De Proefkrakeling B.V."


def test_without_a_choice_the_standard_template_is_used(am, lead):
    offerte = offerte_create(actor=am, lead=lead)
    assert offerte.sjabloon_versie.sjabloon.code == "offerte"


def test_wrong_templates_are_field_errors(am, lead, crm_org, beheerder):
    offerte_sjablonen_voor(actor=am)
    uit = _sjabloon(crm_org, "offerte_reclame")
    sjabloon_active_set(actor=beheerder, sjabloon=uit, actief=False)
    brief = sjabloon_create(
        actor=beheerder, code="gewone-brief", naam="Brief", onderwerp="X",
        inhoud="<p>{{ ontvanger.aanhef }} tekst</p>",
    )  # fmt: skip
    klachtvelden = sjabloon_create(
        actor=beheerder, code="offerte-klacht", naam="Offerte met klachtvelden",
        onderwerp="Offerte {{ offerte.nummer }}",
        inhoud="<p>{{ klacht.onderwerp }} {{ offerte.bedrag }}</p>", soort="offerte",
    )  # fmt: skip
    andere_org = factories.organisatie("Gemeente Elders")
    from raadhuis.modules.crm.leads.brieven import offerte_sjabloon_ensure

    vreemd = offerte_sjabloon_ensure(andere_org)
    for sjabloon in (uit, brief, vreemd):
        with pytest.raises(ValidationError) as fout:
            offerte_create(actor=am, lead=lead, sjabloon=sjabloon)
        assert fout.value.message_dict == {"sjabloon": ["Kies een actief offertesjabloon."]}
    with pytest.raises(ValidationError) as fout:
        offerte_create(actor=am, lead=lead, sjabloon=klachtvelden)
    assert "klacht.onderwerp" in fout.value.message_dict["sjabloon"][0]
    assert not Offerte.objects.exists()


def test_the_standard_template_withdrawn_asks_for_a_choice(am, lead, crm_org, beheerder):
    offerte_sjablonen_voor(actor=am)
    standaard = _sjabloon(crm_org, "offerte")
    sjabloon_active_set(actor=beheerder, sjabloon=standaard, actief=False)
    with pytest.raises(ValidationError) as fout:
        offerte_create(actor=am, lead=lead)
    assert "Kies een sjabloon" in fout.value.message_dict["sjabloon"][0]
    # Another one still works.
    assert offerte_create(actor=am, lead=lead, sjabloon=_sjabloon(crm_org, "offerte_reclame"))


def test_amount_and_validity_are_checked(am, lead):
    gisteren = vandaag("Europe/Amsterdam") - timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        offerte_create(actor=am, lead=lead, bedrag=Decimal("-1"), geldig_tot=gisteren)
    assert set(fout.value.message_dict) == {"bedrag", "geldig_tot"}


def test_the_preview_saves_nothing(am, lead, crm_org):
    offerte_sjablonen_voor(actor=am)
    html = offerte_voorbeeld(
        actor=am, lead=lead, sjabloon=_sjabloon(crm_org, "offerte_locatiehuur")
    )
    assert "Voorwaarden voor de huur" in html and f"{lead.kenmerk}-O1" in html
    assert not Offerte.objects.exists()
    assert not AuditEntry.objects.filter(actie="offerte_gemaakt").exists()


def test_another_department_cannot_preview(sport, lead):
    from raadhuis.kernel.exceptions import NietGevonden

    with pytest.raises(NietGevonden):
        offerte_voorbeeld(actor=sport, lead=lead)


# --- screens --------------------------------------------------------------------------------
def test_the_quotation_page_offers_the_templates_and_a_preview(web, lead, crm_org):
    pagina = web.get(reverse("crm:leads:offerte", args=[lead.uuid]))
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    standaard = _sjabloon(crm_org, "offerte")
    assert f'<option value="{standaard.uuid}" selected>Offerte (standaard) (versie 1)' in tekst
    assert "Offerte: evenement of sponsoring (versie 1)" in tekst
    assert "srcdoc=" in tekst  # the preview of the standard quotation


def test_preview_then_make_the_quotation_through_the_form(web, lead, crm_org):
    url = reverse("crm:leads:offerte", args=[lead.uuid])
    web.get(url)
    huur = _sjabloon(crm_org, "offerte_locatiehuur")
    data = {"sjabloon": huur.uuid, "bedrag": "1.250,00", "geldig_tot": ""}
    voorbeeld = web.post(url, {**data, "actie": "voorbeeld"})
    assert voorbeeld.status_code == 200 and "Voorwaarden voor de huur" in voorbeeld.content.decode()
    assert "1.250,00" in voorbeeld.content.decode()
    partieel = web.post(url, {**data, "actie": "voorbeeld"}, HTTP_HX_REQUEST="true")
    assert "<iframe" in partieel.content.decode() and "<html" not in partieel.content.decode()[:50]
    assert "rh-brief-editor" not in partieel.content.decode()
    assert not Offerte.objects.exists()

    gemaakt = web.post(url, data)
    assert gemaakt.status_code == 302
    offerte = Offerte.objects.get()
    assert offerte.sjabloon_versie == huur.huidige_versie and offerte.bedrag == Decimal("1250")
    detail = web.get(reverse("crm:leads:detail", args=[lead.uuid])).content.decode()
    assert "Offerte: huur van een locatie of zaal" in detail


def test_a_wrong_choice_is_a_dutch_field_error(web, lead, crm_org, beheerder):
    url = reverse("crm:leads:offerte", args=[lead.uuid])
    fout = web.post(url, {"sjabloon": "00000000-0000-0000-0000-000000000000"})
    assert fout.status_code == 400
    assert "Sjabloon: Kies een actief offertesjabloon." in fout.content.decode()
    verleden = web.post(url, {"geldig_tot": "2020-01-01", "actie": "voorbeeld"})
    assert verleden.status_code == 400
    assert "De offerte moet vandaag of later nog geldig zijn." in verleden.content.decode()
    typend = web.post(url, {"bedrag": "veel", "actie": "voorbeeld"}, HTTP_HX_REQUEST="true")
    assert "data-voorbeeld-fout" in typend.content.decode()
    assert "Bedrag (€):" in typend.content.decode()
    assert not Offerte.objects.exists()
