"""The CRM screens: list and search, new relation from KvK/BRP/by hand, the 360° page with
register and local data side by side, sub-app blocks, the quick contact form, and access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.models import Contactpersoon, Klantcontact, Relatie, RelatieBron
from raadhuis.modules.crm.relatiepagina import relatieblok_register, relatieblok_unregister
from raadhuis.modules.crm.services import contactpersoon_add, relatie_update, tag_ensure
from tests import factories
from tests.kernel import test_kvk_client

kvk_double_server = test_kvk_client.kvk_double_server
kvk_double = test_kvk_client.kvk_double
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_the_list_shows_only_my_departments_relations_and_filters(
    client, accountmanager, am, bedrijf, vereniging
):
    tag = tag_ensure(actor=am, naam="horeca")
    relatie_update(actor=am, relatie=bedrijf, tags=[tag])
    login(client, accountmanager)
    html = client.get(reverse("crm:relaties")).content.decode()
    assert "Bakkerij De Proefkrakeling" in html
    assert "De Testmand" not in html
    html = client.get(reverse("crm:relaties"), {"tag": tag.pk, "soort": "bedrijf"}).content.decode()
    assert "Bakkerij De Proefkrakeling" in html
    html = client.get(reverse("crm:relaties"), {"soort": "inwoner"}).content.decode()
    assert "Geen relaties gevonden" in html
    partial = client.get(reverse("crm:relaties"), {"q": "proef"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()


def test_the_relation_page_shows_register_and_local_data_side_by_side(
    client, accountmanager, am, bedrijf
):
    relatie_update(actor=am, relatie=bedrijf, lokaal_email="inkoop@krakeling.example")
    contactpersoon_add(actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Proefmaker")
    login(client, accountmanager)
    response = client.get(reverse("crm:relatie", args=[bedrijf.partij.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    register = html.split('id="kop-register"')[1].split('id="kop-lokaal"')[0]
    lokaal = html.split('id="kop-lokaal"')[1].split('id="kop-contactpersonen"')[0]
    assert "info@proefkrakeling.example" in register
    assert "inkoop@krakeling.example" in lokaal
    assert "inkoop@krakeling.example" not in register
    assert "Proefmaker" in html and "Directeur" in html
    assert VerwerkingsLog.objects.filter(
        partij_uuid=bedrijf.partij.uuid, handeling="Relatie ingezien"
    ).exists()


def test_another_department_gets_404_and_a_teamleider_403(
    client, crm_org, afdeling_ez, sportmedewerker, bedrijf
):
    url = reverse("crm:relatie", args=[bedrijf.partij.uuid])
    assert login(client, sportmedewerker).get(url).status_code == 404
    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,), team=afdeling_ez)
    assert login(client, teamleider).get(url).status_code == 403
    assert client.get(reverse("crm:relaties")).status_code == 403


def test_registered_blocks_appear_on_the_page(client, accountmanager, bedrijf, tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "crmtest").mkdir(parents=True)
    (template_dir / "crmtest" / "_blok.html").write_text(
        "<p>Blok voor {{ partij.weergavenaam }}: {{ aantal }} klachten</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), template_dir]}
    ]
    relatieblok_register(
        "test_klachten", 40, lambda actor, partij: {"aantal": 3}, "crmtest/_blok.html"
    )
    relatieblok_register("test_leeg", 50, lambda actor, partij: None, "crmtest/_blok.html")
    try:
        html = (
            login(client, accountmanager)
            .get(reverse("crm:relatie", args=[bedrijf.partij.uuid]))
            .content.decode()
        )
    finally:
        relatieblok_unregister("test_klachten")
        relatieblok_unregister("test_leeg")
    assert "Blok voor Bakkerij De Proefkrakeling B.V.: 3 klachten" in html
    assert html.count("Blok voor") == 1


def test_a_phone_call_with_follow_up_from_the_page(client, accountmanager, bedrijf):
    deadline = vandaag("Europe/Amsterdam") + timedelta(days=2)
    login(client, accountmanager)
    response = client.post(
        reverse("crm:klantcontact_nieuw", args=[bedrijf.partij.uuid]),
        {
            "kanaal": "telefoon",
            "onderwerp": "Vraag over de reclamebelasting",
            "inhoud": "Belt terug na overleg met boekhouder.",
            "uitkomst": "terugbelverzoek",
            "opvolging": "on",
            "opvolging_titel": "Terugbellen over reclamebelasting",
            "opvolging_medewerker": accountmanager.pk,
            "opvolging_vervaldatum": deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    contact = Klantcontact.objects.get()
    assert contact.taak.toegewezen_aan == accountmanager
    # The follow-up is in the kernel work queue.
    html = client.get(reverse("web:werkvoorraad")).content.decode()
    assert "Terugbellen over reclamebelasting" in html
    html = client.get(reverse("crm:relatie", args=[bedrijf.partij.uuid])).content.decode()
    assert "Vraag over de reclamebelasting" in html


def test_the_contact_form_shows_field_errors(client, accountmanager, bedrijf):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:klantcontact_nieuw", args=[bedrijf.partij.uuid]),
        {"kanaal": "telefoon", "onderwerp": "", "opvolging": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Controleer wat je hebt ingevuld" in html
    assert "Geef aan wat er moet gebeuren." in html
    assert not Klantcontact.objects.exists()


def test_new_company_from_the_kvk(client, accountmanager, afdeling_ez, kvk_double):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:relatie_nieuw"),
        {
            "bron": "kvk",
            "kvk_nummer": "98000011",
            "soort": "bedrijf",
            "eenheid": afdeling_ez.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    relatie = Relatie.objects.get()
    assert relatie.bron == RelatieBron.KVK
    assert relatie.partij.weergavenaam == "Proefbakkerij De Testoven B.V."
    assert response["Location"] == reverse("crm:relatie", args=[relatie.partij.uuid])


def test_the_kvk_unreachable_is_a_dutch_message_not_a_500(
    client, accountmanager, afdeling_ez, kvk_double
):
    kvk_double.app.storing = True
    response = login(client, accountmanager).post(
        reverse("crm:relatie_nieuw"),
        {"bron": "kvk", "kvk_nummer": "98000011", "soort": "bedrijf", "eenheid": afdeling_ez.pk},
    )
    assert response.status_code == 400
    assert "Het register gaf geen antwoord" in response.content.decode()
    assert not Relatie.objects.exists()


def test_new_resident_from_the_brp_needs_a_basis(client, accountmanager, afdeling_ez, brp_double):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")
    login(client, accountmanager)
    response = client.post(
        reverse("crm:relatie_nieuw"),
        {"bron": "brp", "bsn": lotte.bsn, "eenheid": afdeling_ez.pk},
    )
    assert response.status_code == 400
    assert not Relatie.objects.exists()
    response = client.post(
        reverse("crm:relatie_nieuw"),
        {
            "bron": "brp",
            "bsn": lotte.bsn,
            "grondslag": "publieke_taak",
            "grondslag_toelichting": "Ondernemersloket: starter",
            "eenheid": afdeling_ez.pk,
        },
    )
    assert response.status_code == 302
    assert Relatie.objects.get().soort == "inwoner"


def test_new_association_by_hand_and_edit_local_data(client, accountmanager, afdeling_ez):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:relatie_nieuw"),
        {
            "bron": "handmatig",
            "soort": "vereniging",
            "naam": "Buurtvereniging Proefwijk",
            "rechtsvorm": "vereniging",
            "eenheid": afdeling_ez.pk,
        },
    )
    assert response.status_code == 302
    relatie = Relatie.objects.get()
    response = client.post(
        reverse("crm:relatie_bewerken", args=[relatie.partij.uuid]),
        {
            "eenheid": afdeling_ez.pk,
            "lokale_naam": "De Proefwijkers",
            "lokale_notitie": "Jaarlijks buurtfeest in juni.",
            "tags": "buurt, evenementen , buurt",
        },
    )
    assert response.status_code == 302
    relatie.refresh_from_db()
    assert relatie.lokale_naam == "De Proefwijkers"
    assert sorted(t.naam for t in relatie.tags.all()) == ["buurt", "evenementen"]


def test_contact_person_and_representation_screens(client, accountmanager, bedrijf):
    login(client, accountmanager)
    uuid = bedrijf.partij.uuid
    response = client.get(reverse("crm:vertegenwoordiging_nieuw", args=[uuid]))
    assert "Voeg eerst een contactpersoon toe" in response.content.decode()
    response = client.post(
        reverse("crm:contactpersoon_nieuw", args=[uuid]),
        {"voornamen": "Piet", "geslachtsnaam": "Proefmaker", "rol": "Directeur", "primair": "on"},
    )
    assert response.status_code == 302
    persoon = Contactpersoon.objects.get().persoon
    response = client.post(
        reverse("crm:vertegenwoordiging_nieuw", args=[uuid]),
        {
            "vertegenwoordiger": str(persoon.uuid),
            "omschrijving": "Tekenbevoegd",
            "begindatum": "2026-01-01",
            "einddatum": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    response = client.post(
        reverse("crm:vertegenwoordiging_nieuw", args=[uuid]),
        {
            "vertegenwoordiger": str(persoon.uuid),
            "omschrijving": "Tekenbevoegd",
            "begindatum": "2026-01-01",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("crm:relatie", args=[uuid])).content.decode()
    assert "Vertegenwoordigd door Piet Proefmaker" in html


@pytest.mark.parametrize("naam", ["crm:relaties", "crm:relatie_nieuw"])
def test_anonymous_users_go_to_the_login_page(client, db, naam):
    response = client.get(reverse(naam))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_search_the_kvk_by_name_and_pick_a_hit(client, accountmanager, kvk_double):
    login(client, accountmanager)
    html = client.get(
        reverse("crm:relatie_nieuw"), {"bron": "kvk", "handelsnaam": "Testoven"}
    ).content.decode()
    assert "Proefbakkerij De Testoven" in html or "Testoven" in html
    assert "kvk_nummer=98000011" in html
    html = client.get(
        reverse("crm:relatie_nieuw"), {"bron": "kvk", "kvk_nummer": "98000011"}
    ).content.decode()
    assert 'value="98000011"' in html


def test_refresh_register_data_keeps_local_data(
    client, accountmanager, am, afdeling_ez, kvk_double
):
    from raadhuis.kernel.parties.services import partij_update
    from raadhuis.modules.crm.services import relatie_uit_kvk

    relatie = relatie_uit_kvk(actor=am, kvk_nummer="98000011", soort="bedrijf", eenheid=afdeling_ez)
    relatie_update(actor=am, relatie=relatie, lokale_naam="De Oven")
    partij_update(actor=am, partij=relatie.partij, statutaire_naam="Verouderde naam")
    login(client, accountmanager)
    response = client.post(reverse("crm:relatie_verversen", args=[relatie.partij.uuid]))
    assert response.status_code == 302
    relatie.refresh_from_db()
    relatie.partij.refresh_from_db()
    assert relatie.partij.weergavenaam == "Proefbakkerij De Testoven B.V."
    assert relatie.lokale_naam == "De Oven"


def test_refresh_without_a_register_number_is_a_message(client, accountmanager, bedrijf):
    login(client, accountmanager)
    response = client.post(
        reverse("crm:relatie_verversen", args=[bedrijf.partij.uuid]), follow=True
    )
    assert "geen KvK-nummer of BSN" in response.content.decode()


def test_end_a_contact_person(client, accountmanager, am, bedrijf):
    cp = contactpersoon_add(actor=am, relatie=bedrijf, rol="Secretaris", geslachtsnaam="Weg")
    login(client, accountmanager)
    url = reverse("crm:contactpersoon_beeindigen", args=[bedrijf.partij.uuid, cp.uuid])
    assert client.post(url).status_code == 302
    cp.refresh_from_db()
    assert cp.einddatum is not None
    assert client.post(url).status_code == 404


def test_a_block_that_refuses_access_is_left_out(client, accountmanager, bedrijf):
    from raadhuis.kernel.exceptions import ToegangGeweigerd

    def weigert(actor, partij):
        raise ToegangGeweigerd("nee")

    relatieblok_register("test_weigert", 10, weigert, "bestaat/niet.html")
    try:
        response = login(client, accountmanager).get(
            reverse("crm:relatie", args=[bedrijf.partij.uuid])
        )
    finally:
        relatieblok_unregister("test_weigert")
    assert response.status_code == 200


def test_the_relation_page_runs_a_fixed_number_of_queries(client, accountmanager, am, bedrijf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from raadhuis.modules.crm.services import klantcontact_create

    login(client, accountmanager)
    url = reverse("crm:relatie", args=[bedrijf.partij.uuid])

    def aantal() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    contactpersoon_add(actor=am, relatie=bedrijf, rol="Directeur", geslachtsnaam="Een")
    klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="email", onderwerp="Een")
    aantal()  # warm up: the first request fills per-process caches
    voor = aantal()
    for i in range(5):
        contactpersoon_add(actor=am, relatie=bedrijf, rol="Lid", geslachtsnaam=f"Lid {i}")
        klantcontact_create(actor=am, partij=bedrijf.partij, kanaal="telefoon", onderwerp=f"{i}")
    assert aantal() == voor


def test_mark_a_follow_up_done_from_the_relation_page(client, accountmanager, am, bedrijf):
    from raadhuis.modules.crm.services import Opvolging, klantcontact_create

    contact = klantcontact_create(
        actor=am,
        partij=bedrijf.partij,
        kanaal="telefoon",
        onderwerp="Terugbellen",
        opvolging=Opvolging(
            titel="Terugbellen over de vergunning",
            toegewezen_aan=accountmanager,
            termijn_werkdagen=3,
        ),
    )
    login(client, accountmanager)
    pagina = reverse("crm:relatie", args=[bedrijf.partij.uuid])
    assert "Terugbellen over de vergunning" in client.get(pagina).content.decode()
    url = reverse("crm:opvolging_afronden", args=[bedrijf.partij.uuid, contact.taak.uuid])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404
    contact.taak.refresh_from_db()
    assert contact.taak.status == "afgerond"


def test_a_relation_loaded_for_the_page_is_known_to_its_party(
    am, bedrijf, django_assert_num_queries
):
    """relatie_get loads the party with its relation: the page's sections and the sub-apps'
    blocks that ask relatie_van_partij(partij) get it without a query."""
    from raadhuis.modules.crm.selectors import relatie_get, relatie_van_partij

    relatie = relatie_get(actor=am, partij_uuid=bedrijf.partij.uuid)
    with django_assert_num_queries(0):
        assert relatie_van_partij(relatie.partij) == relatie
    # A party loaded on its own still finds its relation, with one query.
    from raadhuis.kernel.parties.models import Partij

    los = Partij.objects.get(pk=bedrijf.partij_id)
    with django_assert_num_queries(1):
        assert relatie_van_partij(los) == bedrijf
