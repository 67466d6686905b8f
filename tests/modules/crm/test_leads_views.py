"""The lead screens: register a lead through the forms, the board with move buttons, the list
with the smart filter, the lead page with the score's factors, winning with the link to the
contract form, a quotation download, the conversion figures, pipeline management, and access
per role and department."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.leads.models import FaseSoort, Lead, LeadBron, Pipeline
from raadhuis.modules.crm.leads.selectors import fasen_van
from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def web(client, accountmanager):
    return _login(client, accountmanager)


@pytest.fixture
def lead(am, bedrijf, afdeling_ez, accountmanager, crm_org):
    pipeline = leads_pipelines_ensure(crm_org)[0]
    return lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Nieuwe bakkerij op De Testhoek",
        pipeline=pipeline,
        waarde=Decimal("45000"),
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron=LeadBron.WEBSITE,
    )


def test_register_a_lead_through_the_forms(web, bedrijf, afdeling_ez, accountmanager, crm_org):
    pipeline = leads_pipelines_ensure(crm_org)[1]
    zoek = web.get(reverse("crm:leads:nieuw"), {"zoek": "Proefkrakeling"})
    assert zoek.status_code == 200 and "Bakkerij De Proefkrakeling" in zoek.content.decode()
    stap2 = web.get(reverse("crm:leads:nieuw"), {"partij": bedrijf.partij.uuid})
    assert stap2.status_code == 200 and 'name="titel"' in stap2.content.decode()

    fout = web.post(
        reverse("crm:leads:nieuw"),
        {"partij": bedrijf.partij.uuid, "titel": "", "waarde": "abc", "pipeline": pipeline.pk},
    )
    assert fout.status_code == 400
    tekst = fout.content.decode()
    assert "Controleer wat je hebt ingevuld" in tekst and "Bron:" in tekst and "Titel:" in tekst

    ok = web.post(
        reverse("crm:leads:nieuw"),
        {
            "partij": bedrijf.partij.uuid,
            "titel": "Partnerschap ondernemersfonds",
            "pipeline": pipeline.pk,
            "waarde": "12.500,00",
            "bron": LeadBron.EVENEMENT,
            "afdeling": afdeling_ez.pk,
            "eigenaar": accountmanager.pk,
        },
    )
    lead = Lead.objects.get(titel="Partnerschap ondernemersfonds")
    assert ok.status_code == 302 and ok.url == reverse("crm:leads:detail", args=[lead.uuid])
    assert lead.waarde == Decimal("12500.00") and lead.fase.naam == "Verkenning"


def test_the_board_moves_a_lead_with_buttons(web, lead):
    bord = web.get(reverse("crm:leads:bord"), {"pipeline": lead.pipeline.uuid})
    tekst = bord.content.decode()
    assert bord.status_code == 200
    assert "Nieuwe bakkerij op De Testhoek" in tekst and "Behoefte in beeld →" in tekst
    antwoord = web.post(
        reverse("crm:leads:verplaatsen", args=[lead.uuid]),
        {"richting": "vooruit", "next": reverse("crm:leads:bord")},
    )
    assert antwoord.status_code == 302 and antwoord.url == reverse("crm:leads:bord")
    lead.refresh_from_db()
    assert lead.fase.naam == "Behoefte in beeld"
    assert web.get(reverse("crm:leads:verplaatsen", args=[lead.uuid])).status_code == 405


def test_the_list_and_its_smart_filter(web, lead):
    lijst = web.get(reverse("crm:leads:lijst"))
    assert lijst.status_code == 200 and lead.kenmerk in lijst.content.decode()
    slim = web.get(reverse("crm:leads:lijst"), {"zonder_contact": "30", "status": "open"})
    assert lead.kenmerk in slim.content.decode()  # no contact moment at all
    partieel = web.get(reverse("crm:leads:lijst"), {"zoek": "bakkerij"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partieel.content.decode() and lead.kenmerk in partieel.content.decode()


def test_the_lead_page_explains_the_score_and_wins_to_a_contract_link(web, lead):
    pagina = web.get(reverse("crm:leads:detail", args=[lead.uuid]))
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Leadscore:" in tekst and "Verwachte waarde € 45.000: 10 punten" in tekst
    assert "Contract vastleggen" not in tekst

    gewonnen = next(f for f in fasen_van(lead.pipeline) if f.soort == FaseSoort.GEWONNEN)
    web.post(reverse("crm:leads:fase", args=[lead.uuid]), {"fase": gewonnen.pk})
    tekst = web.get(reverse("crm:leads:detail", args=[lead.uuid])).content.decode()
    link = f"{reverse('crm:contracten:nieuw')}?partij={lead.partij.uuid}"
    assert link in tekst

    verloren = next(f for f in fasen_van(lead.pipeline) if f.soort == FaseSoort.VERLOREN)
    fout = web.post(reverse("crm:leads:fase", args=[lead.uuid]), {"fase": verloren.pk})
    assert fout.status_code == 400 and "Vul de reden in" in fout.content.decode()


def test_a_quotation_is_made_and_downloaded(web, lead):
    antwoord = web.post(reverse("crm:leads:offerte", args=[lead.uuid]), {"bedrag": "40.000,00"})
    assert antwoord.status_code == 302
    offerte = lead.offertes.get()
    assert offerte.bedrag == Decimal("40000.00")
    pdf = web.get(reverse("crm:leads:offerte_download", args=[offerte.uuid]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_another_department_gets_404_and_a_teamleider_403_except_figures(
    client, lead, sportmedewerker, crm_org
):
    _login(client, sportmedewerker)
    for naam in ("detail", "wijzigen", "fase", "offerte"):
        assert client.get(reverse(f"crm:leads:{naam}", args=[lead.uuid])).status_code == 404
    assert lead.titel not in client.get(reverse("crm:leads:lijst")).content.decode()

    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))
    _login(client, teamleider)
    assert client.get(reverse("crm:leads:bord")).status_code == 403
    assert client.get(reverse("crm:leads:detail", args=[lead.uuid])).status_code == 403
    cijfers = client.get(reverse("crm:leads:conversie"))
    assert cijfers.status_code == 200 and "Bedrijfshuisvesting" in cijfers.content.decode()
    assert lead.titel not in cijfers.content.decode()
    assert client.get(reverse("crm:leads:pipelines")).status_code == 403


def test_the_functional_administrator_manages_pipelines(client, crm_org, lead):
    beheerder = factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    _login(client, beheerder)
    assert client.get(reverse("crm:leads:bord")).status_code == 403
    overzicht = client.get(reverse("crm:leads:pipelines"))
    assert (
        overzicht.status_code == 200
        and "Subsidies en partnerschappen" in overzicht.content.decode()
    )

    fout = client.post(
        reverse("crm:leads:pipeline_nieuw"),
        {
            "naam": "Evenementen",
            "open_fasen": "Aanvraag; veel",
            "gewonnen": "Ja",
            "verloren": "Nee",
        },
    )
    assert fout.status_code == 400 and "geen heel getal" in fout.content.decode()
    ok = client.post(
        reverse("crm:leads:pipeline_nieuw"),
        {
            "naam": "Evenementen",
            "open_fasen": "Aanvraag; 20\nBeoordeling; 60",
            "gewonnen": "Toegekend",
            "verloren": "Afgewezen",
            "actief": "on",
        },
    )
    assert ok.status_code == 302
    nieuw = Pipeline.objects.get(organisatie=crm_org, naam="Evenementen")
    assert [f.naam for f in fasen_van(nieuw)] == [
        "Aanvraag",
        "Beoordeling",
        "Toegekend",
        "Afgewezen",
    ]

    wijzig = client.get(reverse("crm:leads:pipeline_wijzigen", args=[lead.pipeline.uuid]))
    assert wijzig.status_code == 200 and "Eerste contact; 10" in wijzig.content.decode()


def test_the_relation_page_shows_the_leads_block(web, lead, bedrijf):
    pagina = web.get(reverse("crm:relatie", args=[bedrijf.partij.uuid]))
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert lead.kenmerk in tekst and "Lead vastleggen voor deze relatie" in tekst


def test_the_edit_form_changes_the_lead_and_audits_it(web, lead, afdeling_ez, accountmanager):
    from raadhuis.kernel.audit.models import AuditEntry

    formulier = web.get(reverse("crm:leads:wijzigen", args=[lead.uuid]))
    assert formulier.status_code == 200 and "Nieuwe bakkerij op De Testhoek" in (
        formulier.content.decode()
    )
    antwoord = web.post(
        reverse("crm:leads:wijzigen", args=[lead.uuid]),
        {
            "titel": "Nieuwe bakkerij (groter)",
            "waarde": "60.000,00",
            "bron": LeadBron.WEBSITE,
            "afdeling": afdeling_ez.pk,
            "eigenaar": accountmanager.pk,
        },
    )
    assert antwoord.status_code == 302
    lead.refresh_from_db()
    assert (lead.titel, lead.waarde) == ("Nieuwe bakkerij (groter)", Decimal("60000.00"))
    entry = AuditEntry.objects.get(actie="lead_gewijzigd", object_uuid=lead.uuid)
    assert "waarde" in entry.wijzigingen and "titel" in entry.wijzigingen


@pytest.mark.parametrize(
    ("rol", "url_name", "label"),
    [
        (Rol.BEHEERDER, "crm:leads:pipelines", "Pijplijnen (leads)"),
        (Rol.FUNCTIONEEL_BEHEERDER, "crm:leads:pipelines", "Pijplijnen (leads)"),
        (Rol.FUNCTIONEEL_BEHEERDER, "crm:klachten:rapportage", "Klachtenrapportage"),
        (Rol.TEAMLEIDER, "crm:klachten:rapportage", "Klachtenrapportage"),
    ],
)
def test_the_menu_links_the_crm_pages_a_role_may_open(client, crm_org, rol, url_name, label):
    """A page a role may open is in that role's main menu, once."""
    _login(client, factories.medewerker(crm_org, rollen=(rol,)))
    url = reverse(url_name)
    assert client.get(url).status_code == 200
    menu = client.get("/brp/" if rol != Rol.BEHEERDER else url).content.decode()
    nav = menu[menu.index("<nav") : menu.index("</nav>")]
    assert nav.count(f'href="{url}"') == 1 and label in nav
