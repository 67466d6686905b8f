"""The CRM template library: about seventy templates across the categories, each rendered
through the kernel's safe renderer with a realistic context for its use (no error, no field its
use does not fill, letter-sized), the uses checked against the real contexts of the quotation
and mailing flows, and the seed function: idempotent, filed by kind and category, never
overwriting what a functional administrator changed."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.messaging.models import BriefSjabloon, SjabloonSoort
from raadhuis.kernel.messaging.pdf import brief_render_pdf
from raadhuis.kernel.messaging.samenvoegvelden import merge_field_group
from raadhuis.kernel.messaging.services import (
    brief_render_html,
    sjabloon_active_set,
    sjabloon_update,
)
from raadhuis.kernel.messaging.sjablonen import (
    SjabloonTekst,
    inhoud_render,
    onderwerp_render,
    sjabloon_check,
)
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.sjablonen.bibliotheek import (
    beschikbare_velden,
    bibliotheek,
    crm_sjablonen_ensure,
    gebruikte_velden,
    overzicht,
    velden_buiten_gebruik,
)
from raadhuis.modules.crm.sjablonen.soorten import (
    CONTRACT,
    GEBRUIKEN,
    KLACHT,
    MAILING,
    OFFERTE,
    ZAAKBRIEF,
)
from tests import factories
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403 - the complaint fixtures

# Realistic (fictitious) values for every field a use fills; a field added later to a group
# gets "«veld»" so this test does not need to know every module's fields.
WAARDEN = {
    "organisatie": {
        "naam": "Gemeente Proefstad",
        "plaats": "Proefstad",
        "afzender": ["Postbus 1", "1234 AB  PROEFSTAD"],
    },
    "zaak": {
        "identificatie": "ZAAK-2026-0000042",
        "omschrijving": "Vraag over de bereikbaarheid van het bedrijventerrein",
        "zaaktype": "Klantvraag",
        "startdatum": date(2026, 9, 1),
        "uiterlijke_einddatum": date(2026, 10, 13),
        "status": "In behandeling",
    },
    "client": {
        "naam": "Petra van den Proef",
        "adresnaam": "P. van den Proef",
        "achternaam": "Van den Proef",
        "aanhef": "Geachte mevrouw Van den Proef,",
        "adres": "Marktstraat 3, 1234 AB  PROEFSTAD",
        "adresregels": ["Marktstraat 3", "1234 AB  PROEFSTAD"],
        "postcode": "1234AB",
        "woonplaats": "Proefstad",
        "email": "p.vandenproef@example.org",
        "bsn": "******782",
        "geboortedatum": date(1975, 5, 17),
    },
    "ontvanger": {
        "naam": "P. van den Proef",
        "aanhef": "Geachte mevrouw Van den Proef,",
        "adres": "Marktstraat 3, 1234 AB  PROEFSTAD",
        "adresregels": ["Marktstraat 3", "1234 AB  PROEFSTAD"],
        "email": "p.vandenproef@example.org",
    },
    "behandelaar": {"naam": "K. Klantadviseur", "email": "k.klantadviseur@example.org"},
    "datum": {"vandaag": date(2026, 9, 15)},
    "brief": {"tekst": "Wij hebben de stukken bekeken.\nDe afspraak staat op 1 oktober."},
    "klacht": {
        "onderwerp": "Niet teruggebeld over de parkeervergunning",
        "categorie": "Bejegening",
        "omschrijving": "Ik ben drie keer beloofd dat ik teruggebeld zou worden.",
        "kanaal": "Telefoon",
        "ontvangen_op": date(2026, 9, 1),
        "afdeling": "Publiekszaken",
        "behandelaar": "J. de Klachtbehandelaar",
        "uiterlijk": date(2026, 10, 13),
        "verdaagd_tot": date(2026, 11, 10),
        "verdaging_reden": "Wij wachten op de reactie van de betrokken medewerker.",
        "hoorzitting_datum": "29-09-2026",
        "hoorzitting_tijd": "14:00",
        "hoorzitting_locatie": "Stadskantoor, spreekkamer 2",
        "oordeel": "gegrond",
        "bevindingen": "Het terugbelverzoek is niet doorgezet naar de afdeling.",
        "conclusies": "De afspraak om terug te bellen is niet nagekomen.",
        "maatregelen": "Terugbelverzoeken krijgen voortaan een taak met een termijn.",
        "niet_behandelen_grond": "De klacht is al eerder behandeld",
        "afsluit_toelichting": "U krijgt binnen twee werkdagen een nieuwe afspraak.",
    },
    "contract": {
        "signaal": "Het contract loopt af op 31-12-2026",
        "kenmerk": "CON-2026-0000007",
        "onderwerp": "Schoonmaak stadskantoor",
        "relatie": "Schoonmaakbedrijf De Proefbezem B.V.",
        "waarde": "€ 240.000,00",
        "startdatum": "01-01-2024",
        "einddatum": "31-12-2026",
        "opzegdatum": "30-09-2026",
        "verlenging": "Stilzwijgend met een jaar",
        "eigenaar": "C. Contractmanager",
    },
    "lead": {
        "kenmerk": "LEAD-2026-0000011",
        "titel": "Zomerfestival op het Marktplein",
        "omschrijving": "Drie dagen festival met podium en horeca.",
        "relatie": "Stichting Proeffestival",
        "waarde": "€ 12.500,00",
        "verwachte_sluitdatum": date(2026, 12, 1),
        "pipeline": "Subsidies en partnerschappen",
        "fase": "Voorstel",
        "eigenaar": "A. Accountmanager",
        "eigenaar_email": "a.accountmanager@example.org",
        "afdeling": "Economische Zaken",
    },
    "offerte": {
        "nummer": "LEAD-2026-0000011-O1",
        "bedrag": "€ 12.500,00",
        "geldig_tot": date(2026, 10, 15),
    },
    "relatie": {
        "naam": "Korfbalvereniging De Testmand",
        "aanhef": "Geachte heer, mevrouw,",
        "soort": "Vereniging of stichting",
        "email": "secretaris@testmand.example",
        "afmeldlink": "https://raadhuis.example/crm/mailings/afmelden/voorbeeld/",
    },
}


def _context(gebruik) -> dict:  # noqa: ANN001
    return {
        groep: {veld: WAARDEN.get(groep, {}).get(veld, f"«{veld}»") for veld in velden}
        for groep, velden in beschikbare_velden(gebruik).items()
    }


def _woorden(html: str) -> int:
    return len(strip_tags(html).split())


ALLE = bibliotheek()


# --- the data -------------------------------------------------------------------------------
def test_about_seventy_templates_across_the_categories():
    assert 65 <= len(ALLE) <= 85
    codes = [s.code for s in ALLE]
    assert len(set(codes)) == len(codes)
    assert len({s.naam for s in ALLE}) == len(ALLE)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", c) and len(c) <= 60 for c in codes)
    categorieen = Counter(s.categorie for s in ALLE)
    assert set(categorieen) == {
        "Klachten",
        "Contracten",
        "Leads en offertes",
        "Relatiebeheer",
        "Klantcontact",
        "Communicatie",
        "Evenementen",
        "Subsidies",
        "Vergunningen en ondernemers",
    }
    assert all(len(c) <= 60 for c in categorieen)
    soorten = Counter(s.soort for s in ALLE)
    assert set(soorten) == set(SjabloonSoort.values)
    assert soorten["offerte"] >= 8  # standaard, evenement, locatiehuur, subsidiebegeleiding…
    # Quotations are made from a lead, mailings are e-mails.
    assert all(s.gebruik is OFFERTE for s in ALLE if s.soort == "offerte")
    assert all(s.soort == "e-mail" for s in ALLE if s.gebruik is MAILING)


def test_the_named_templates_of_the_issue_are_there():
    codes = {s.code for s in ALLE}
    for code in (
        "crm_klacht_beslissing_gegrond",
        "crm_klacht_beslissing_ongegrond",
        "crm_klacht_doorverwijzing_ombudsman",
        "crm_contract_verloopt",
        "crm_contract_intern_opzegtermijn",
        "crm_contract_verlenging",
        "crm_contract_sr_herinnering",
        "offerte",
        "offerte_evenement",
        "offerte_locatiehuur",
        "offerte_subsidiebegeleiding",
        "crm_relatie_welkom",
        "crm_relatie_gegevens_controleren",
        "crm_relatie_accountmanager_wisselt",
        "crm_nieuwsbrief_ondernemers",
        "crm_uitnodiging_bijeenkomst",
        "crm_enquete_tevredenheid",
    ):
        assert code in codes, code


def test_the_library_does_not_take_the_codes_of_the_modules_own_letters():
    from raadhuis.modules.crm.contracten.catalogus import SJABLOON_SIGNAAL
    from raadhuis.modules.crm.klachten.brieven import SJABLONEN as KLACHTBRIEVEN

    eigen = {s["code"] for s in KLACHTBRIEVEN} | {SJABLOON_SIGNAAL, "algemeen"}
    assert not eigen & {s.code for s in ALLE}


# --- every template renders -----------------------------------------------------------------
@pytest.mark.parametrize("spec", ALLE, ids=[s.code for s in ALLE])
def test_every_template_uses_only_the_fields_its_use_fills(spec):
    # The kernel's own check: it compiles, no forbidden markup, every group and field known.
    sjabloon_check(SjabloonTekst(onderwerp=spec.onderwerp, inhoud=spec.html, naam=spec.naam))
    # Stricter: only the fields the flow that renders this template fills.
    assert velden_buiten_gebruik(spec.onderwerp, spec.html, spec.gebruik) == []
    assert gebruikte_velden(spec.onderwerp, spec.html)  # a template personalises something


@pytest.mark.parametrize("spec", ALLE, ids=[s.code for s in ALLE])
def test_every_template_renders_letter_sized_with_a_realistic_context(spec):
    tekst = SjabloonTekst(onderwerp=spec.onderwerp, inhoud=spec.html, naam=spec.naam)
    context = _context(spec.gebruik)
    onderwerp = onderwerp_render(tekst, context)
    inhoud = inhoud_render(tekst, context)
    assert 5 <= len(onderwerp) <= 300
    assert "{{" not in onderwerp + inhoud and "{%" not in onderwerp + inhoud
    assert "«" not in onderwerp + inhoud  # every field it uses had a real value
    assert 40 <= _woorden(inhoud) <= 450, _woorden(inhoud)
    if spec.gebruik is MAILING:
        assert context["relatie"]["afmeldlink"] in inhoud  # a way out in every mailing
    else:
        # Addressed to the recipient: the salutation, or their name in an internal e-mail.
        assert "Geachte mevrouw Van den Proef," in inhoud or "Beste P. van den Proef," in inhoud


@pytest.mark.parametrize("spec", [s for s in ALLE if s.soort != "e-mail"], ids=lambda s: s.code)
def test_every_letter_and_quotation_is_at_most_two_pages(spec, db):
    org = factories.organisatie("Gemeente Proefstad")
    html = brief_render_html(
        SjabloonTekst(onderwerp=spec.onderwerp, inhoud=spec.html, naam=spec.naam),
        _context(spec.gebruik),
        organisatie=org,
    )
    pagina = len(pypdf.PdfReader(io.BytesIO(brief_render_pdf(html))).pages)
    assert 1 <= pagina <= 2


# --- the uses match the flows ---------------------------------------------------------------
def test_the_quotation_use_matches_the_context_a_lead_quotation_is_rendered_with(
    am, bedrijf, afdeling_ez, accountmanager, crm_org
):
    from raadhuis.modules.crm.leads.brieven import offerte_context
    from raadhuis.modules.crm.leads.services import lead_create, leads_pipelines_ensure

    lead = lead_create(
        actor=am,
        partij=bedrijf.partij,
        titel="Bedrijfskavel De Testhoek",
        pipeline=leads_pipelines_ensure(crm_org)[0],
        waarde=Decimal("80000"),
        afdeling=afdeling_ez,
        eigenaar=accountmanager,
        bron="website",
    )
    context = offerte_context(
        lead, nummer="X-O1", bedrag=Decimal("1"), geldig_tot=date(2027, 1, 1), dag=date.today()
    )
    for groep, velden in beschikbare_velden(OFFERTE).items():
        assert velden <= set(context[groep]), groep


def test_the_mailing_use_matches_the_context_a_mailing_is_rendered_with(bedrijf, crm_org):
    from raadhuis.modules.crm.mailing.services import mailing_context

    context = mailing_context(crm_org, bedrijf)
    for groep, velden in beschikbare_velden(MAILING).items():
        assert velden <= set(context[groep]), groep


def test_the_case_letter_uses_are_the_kernel_groups_plus_the_module_group():
    assert set(beschikbare_velden(ZAAKBRIEF)) == {
        "organisatie",
        "zaak",
        "client",
        "ontvanger",
        "behandelaar",
        "datum",
        "brief",
    }
    assert beschikbare_velden(KLACHT)["klacht"] == merge_field_group("klacht").velden
    assert beschikbare_velden(CONTRACT)["contract"] == merge_field_group("contract").velden
    assert {g.code for g in GEBRUIKEN} == {s.gebruik.code for s in ALLE}


@given(
    groep=st.sampled_from(["klacht", "contract", "lead", "offerte", "relatie", "client", "zaak"]),
    veld=st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True),
)
def test_a_field_outside_the_use_is_always_reported(groep, veld):
    onderwerp, html = "Onderwerp", f"<p>{{{{ {groep}.{veld} }}}}</p>"
    for gebruik in GEBRUIKEN:
        beschikbaar = beschikbare_velden(gebruik)
        past = groep in beschikbaar and veld in beschikbaar[groep]
        assert (velden_buiten_gebruik(onderwerp, html, gebruik) == []) == past


def test_names_a_template_binds_itself_are_no_merge_fields():
    html = "<p>{% for regel in ontvanger.adresregels %}{{ regel }}<br>{% endfor %}</p>"
    assert gebruikte_velden("X", html) == {"ontvanger.adresregels"}


def test_the_overview_lists_every_template_with_its_fields():
    regels = overzicht()
    assert len(regels) == len(ALLE)
    gegrond = next(r for r in regels if r["code"] == "crm_klacht_beslissing_gegrond")
    assert gegrond["soort"] == "brief" and gegrond["categorie"] == "Klachten"
    assert "klacht.bevindingen" in gegrond["velden"]


def test_the_doc_page_lists_every_template():
    from pathlib import Path

    pagina = Path(__file__).parents[3] / "docs" / "crm" / "sjablonen-bibliotheek.md"
    tekst = pagina.read_text(encoding="utf-8")
    ontbreekt = [s.code for s in ALLE if f"| `{s.code}` |" not in tekst]
    assert ontbreekt == []
    assert f"**{len(ALLE)}**" in tekst  # the number the page opens with


# --- with real cases: the fields the modules' providers fill --------------------------------
def test_the_complaint_letters_render_with_a_real_complaint(kl_klacht, kl_ik, kl_org):
    from raadhuis.kernel.messaging.models import Brief
    from raadhuis.kernel.messaging.samenvoegvelden import merge_context
    from raadhuis.modules.crm.klachten.brieven import klacht_brief_send

    context = merge_context(kl_klacht.zaak)
    for spec in (s for s in ALLE if s.gebruik is KLACHT):
        tekst = SjabloonTekst(onderwerp=spec.onderwerp, inhoud=spec.html, naam=spec.naam)
        html = brief_render_html(tekst, context, organisatie=kl_org)
        assert "Onvriendelijk behandeld aan de balie" in html, spec.code
        assert kl_klacht.zaak.identificatie in onderwerp_render(tekst, context) + html, spec.code

    # And sent for real through the complaint module and the kernel (PDF on the case).
    crm_sjablonen_ensure(kl_org, codes=["crm_klacht_aanvulling_gevraagd"])
    brief = klacht_brief_send(
        actor=kl_ik, klacht=kl_klacht, sjabloon_code="crm_klacht_aanvulling_gevraagd", kanaal="post"
    )
    brief = Brief.objects.select_related("sjabloon_versie__sjabloon").get(pk=brief.pk)
    assert brief.sjabloon_versie.sjabloon.code == "crm_klacht_aanvulling_gevraagd"
    assert brief.onderwerp.startswith("Wij hebben meer informatie nodig over uw klacht")


def test_the_contract_and_case_letters_render_with_a_real_contract_case(
    am, bedrijf, afdeling_ez, accountmanager, crm_org
):
    from raadhuis.kernel.messaging.samenvoegvelden import merge_context
    from raadhuis.modules.crm.contracten.services import contract_create
    from raadhuis.modules.crm.contracten.signalen import contracten_signaleren

    contract = contract_create(
        actor=am,
        partij=bedrijf.partij,
        onderwerp="Schoonmaak stadskantoor",
        waarde="125000,00",
        startdatum=date(2024, 9, 1),
        einddatum=date(2026, 8, 31),
        opzegtermijn=3,
        eigenaar=accountmanager,
        afdeling=afdeling_ez,
    )
    contracten_signaleren(crm_org, date(2026, 6, 2))  # makes the contract's case
    contract.refresh_from_db()
    context = merge_context(contract.zaak)
    for spec in (s for s in ALLE if s.gebruik in (CONTRACT, ZAAKBRIEF)):
        tekst = SjabloonTekst(onderwerp=spec.onderwerp, inhoud=spec.html, naam=spec.naam)
        html = brief_render_html(tekst, context, organisatie=crm_org)
        if spec.gebruik is CONTRACT:
            assert "Schoonmaak stadskantoor" in html and contract.kenmerk in html, spec.code
        assert "«" not in html, spec.code


# --- seeding --------------------------------------------------------------------------------
def test_the_seed_creates_every_template_once_filed_by_kind_and_category(db):
    org = factories.organisatie("Gemeente Proefstad")
    eerste = crm_sjablonen_ensure(org)
    assert len(eerste) == len(ALLE)
    opgeslagen = {s.code: s for s in BriefSjabloon.objects.filter(organisatie=org)}
    for spec in ALLE:
        sjabloon = opgeslagen[spec.code]
        assert (sjabloon.soort, sjabloon.categorie) == (spec.soort, spec.categorie)
        assert sjabloon.actief and sjabloon.huidige_versie.versie == 1
        assert sjabloon.huidige_versie.inhoud == spec.html
    aangemaakt = AuditEntry.objects.filter(actie="briefsjabloon_aangemaakt").count()
    assert aangemaakt >= len(ALLE)

    tweede = crm_sjablonen_ensure(org)
    assert [s.pk for s in tweede] == [s.pk for s in eerste]
    assert AuditEntry.objects.filter(actie="briefsjabloon_aangemaakt").count() == aangemaakt
    assert BriefSjabloon.objects.filter(organisatie=org).count() == len(opgeslagen)


def test_the_seed_never_overwrites_what_the_functional_administrator_changed(db):
    org = factories.organisatie("Gemeente Proefstad")
    beheerder = factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    crm_sjablonen_ensure(org, codes=["crm_relatie_welkom", "offerte_evenement"])
    assert BriefSjabloon.objects.filter(organisatie=org).count() == 2
    welkom = BriefSjabloon.objects.get(organisatie=org, code="crm_relatie_welkom")
    sjabloon_update(
        actor=beheerder,
        sjabloon=welkom,
        naam="Welkom (eigen tekst)",
        onderwerp="Welkom, {{ relatie.naam }}",
        inhoud="<p>{{ relatie.aanhef }}</p><p>Onze eigen welkomsttekst.</p>",
        toelichting="Huisstijl",
    )
    evenement = BriefSjabloon.objects.get(organisatie=org, code="offerte_evenement")
    sjabloon_active_set(actor=beheerder, sjabloon=evenement, actief=False)

    crm_sjablonen_ensure(org)
    welkom.refresh_from_db()
    evenement.refresh_from_db()
    assert welkom.huidige_versie.versie == 2
    assert welkom.huidige_versie.inhoud == (
        "<p>{{ relatie.aanhef }}</p><p>Onze eigen welkomsttekst.</p>"
    )
    assert not evenement.actief
    assert BriefSjabloon.objects.filter(organisatie=org).count() == len(ALLE)


def test_the_seed_leaves_other_organisations_alone(db):
    org = factories.organisatie("Gemeente Proefstad")
    andere = factories.organisatie("Gemeente Elders")
    crm_sjablonen_ensure(org, codes=["offerte"])
    assert not BriefSjabloon.objects.filter(organisatie=andere).exists()
