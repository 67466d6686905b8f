"""The process editor in the browser's terms (Django test client): only the functional
administrator edits; the medewerker sees and moves the step of a case; the team leader and
others get a 403; bad input gives Dutch field errors, never a 500."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import ProcesActie, ProcesVersie, Taak, ZaakProces
from raadhuis.kernel.workflow.proces_services import procesversie_concept_maken
from raadhuis.kernel.workflow.uitwisseling import proces_exporteren
from tests import factories

from .conftest import standaard_proces, zaak_maken

BACKEND = "django.contrib.auth.backends.ModelBackend"


def als(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_only_the_functional_administrator_opens_the_editor(client, zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    stap = v1.stappen.first()
    urls = [
        reverse("web:processen"),
        reverse("web:proces_create"),
        reverse("web:proces_import"),
        reverse("web:proces_detail", args=[v1.definitie.uuid]),
        reverse("web:procesversie_detail", args=[v1.uuid]),
        reverse("web:proces_export", args=[v1.uuid]),
        reverse("web:proces_migrate", args=[v1.uuid]),
        reverse("web:processtap_update", args=[stap.uuid]),
        reverse("web:procesactie_add", args=[stap.uuid]),
    ]
    beheerder = factories.medewerker(w.org, rollen=(Rol.BEHEERDER,))
    for medewerker, verwacht in (
        (w.fb, 200),
        (w.teamleider, 403),
        (w.consulent, 403),
        (beheerder, 403),
    ):
        als(client, medewerker)
        for url in urls:
            assert client.get(url).status_code == verwacht, (medewerker.user.username, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_another_organisations_process_is_not_found(client, zevenaar):
    v1 = standaard_proces(zevenaar)
    elders = factories.organisatie("Gemeente Elders")
    fb_elders = factories.medewerker(elders, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    als(client, fb_elders)
    assert client.get(reverse("web:proces_detail", args=[v1.definitie.uuid])).status_code == 404
    assert client.get(reverse("web:procesversie_detail", args=[v1.uuid])).status_code == 404
    response = client.post(reverse("web:procesversie_publish", args=[v1.uuid]))
    assert response.status_code == 404


def test_build_publish_and_export_through_the_pages(client, zevenaar):
    w = zevenaar
    als(client, w.fb)
    lijst = client.get(reverse("web:processen"))
    assert "Minnelijke schuldregeling" in lijst.content.decode()
    response = client.post(
        reverse("web:proces_create"),
        {"zaaktype": str(w.zaaktype.uuid), "naam": "Minnelijk traject", "code": ""},
    )
    versie = ProcesVersie.objects.get(definitie__code="minnelijk-traject")
    assert response.status_code == 302 and response["Location"].endswith(f"{versie.uuid}/")
    stap_url = reverse("web:processtap_add", args=[versie.uuid])
    assert client.post(stap_url, {"naam": ""}).status_code == 400
    client.post(stap_url, {"naam": "Aanmelding", "statustype_omschrijving": "Aangemeld"})
    client.post(stap_url, {"naam": "Intake", "doorlooptijd_werkdagen": "10"})
    intake = versie.stappen.get(code="intake")

    # The kind's settings come from the registry: the form for 'herinnering' has its fields.
    actie_url = reverse("web:procesactie_add", args=[intake.uuid])
    fragment = client.get(actie_url, {"soort": "herinnering"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'name="p_tekst"' in html and 'name="p_team"' in html and "<html" not in html
    fout = client.post(
        actie_url,
        {
            "soort": "herinnering",
            "trigger": "na_werkdagen_in_stap",
            "werkdagen": "",
            "p_tekst": "",
            "p_toewijzen_aan": "team",
            "p_termijn_werkdagen": "0",
        },
    )
    assert fout.status_code == 400
    tekst = fout.content.decode()
    assert "Vul het aantal werkdagen in." in tekst
    assert "Dit veld is vereist." in tekst
    goed = client.post(
        actie_url,
        {
            "soort": "herinnering",
            "trigger": "na_werkdagen_in_stap",
            "werkdagen": "10",
            "p_tekst": "Bel de klant",
            "p_toewijzen_aan": "team",
            "p_team": "",
            "p_termijn_werkdagen": "2",
        },
    )
    assert goed.status_code == 400, "team is required when assigning to a team"
    assert "Kies het team dat de taak krijgt." in goed.content.decode()
    client.post(
        actie_url,
        {
            "soort": "herinnering",
            "trigger": "na_werkdagen_in_stap",
            "werkdagen": "10",
            "p_tekst": "Bel de klant",
            "p_toewijzen_aan": "team",
            "p_team": w.team.identificatie,
            "p_termijn_werkdagen": "2",
        },
    )
    actie = ProcesActie.objects.get(stap=intake)
    assert (actie.trigger, actie.werkdagen, actie.parameters["tekst"]) == (
        "na_werkdagen_in_stap",
        10,
        "Bel de klant",
    )
    pagina = client.get(reverse("web:procesversie_detail", args=[versie.uuid])).content.decode()
    assert (
        "Na 10 werkdagen in de stap: Herinnering ‘Bel de klant’ voor team Team Schuldhulp" in pagina
    )

    # Up/down with htmx answers the list of steps, the moved button keeps its id.
    verplaats = client.post(
        reverse("web:processtap_move", args=[intake.uuid]),
        {"richting": "omhoog"},
        HTTP_HX_REQUEST="true",
    )
    html = verplaats.content.decode()
    assert f'id="omhoog-{intake.uuid}"' in html and "staat nu op plaats 1" in html
    assert list(versie.stappen.order_by("volgnummer").values_list("code", flat=True)) == [
        "intake",
        "aanmelding",
    ]

    response = client.post(
        reverse("web:procesversie_publish", args=[versie.uuid]), {"toelichting": "Eerste versie"}
    )
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.actief and versie.toelichting == "Eerste versie"
    export = client.get(reverse("web:proces_export", args=[versie.uuid]))
    assert (
        export["Content-Disposition"] == 'attachment; filename="proces-minnelijk-traject-v1.json"'
    )
    assert json.loads(export.content)["stappen"][0]["code"] == "intake"


def test_import_page_all_or_nothing_with_errors_by_path(client, zevenaar):
    w = zevenaar
    document = proces_exporteren(standaard_proces(w))
    als(client, w.fb)
    document["versie"] = 2
    document["stappen"][0]["acties"][0]["soort"] = "bestaat_niet"
    bestand = SimpleUploadedFile("p.json", json.dumps(document).encode(), "application/json")
    response = client.post(reverse("web:proces_import"), {"bestand": bestand, "publiceren": "on"})
    assert response.status_code == 400
    assert "stappen[0].acties[0].soort: Onbekende soort actie: ‘bestaat_niet’." in (
        response.content.decode()
    )
    assert ProcesVersie.objects.count() == 1
    kapot = SimpleUploadedFile("p.json", b"{niet json", "application/json")
    response = client.post(reverse("web:proces_import"), {"bestand": kapot})
    assert (
        response.status_code == 400
        and "Dit is geen geldig JSON-bestand." in response.content.decode()
    )
    document["stappen"][0]["acties"][0]["soort"] = "taak_aanmaken"
    bestand = SimpleUploadedFile("p.json", json.dumps(document).encode(), "application/json")
    response = client.post(reverse("web:proces_import"), {"bestand": bestand, "publiceren": "on"})
    assert response.status_code == 302
    assert ProcesVersie.objects.get(versie=2).actief


def test_migration_page_moves_the_running_cases(client, zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    zaak = zaak_maken(w)
    concept = procesversie_concept_maken(actor=w.beheer, definitie=v1.definitie)
    als(client, w.fb)
    client.post(reverse("web:procesversie_publish", args=[concept.uuid]), {"toelichting": ""})
    url = reverse("web:proces_migrate", args=[concept.uuid])
    pagina = client.get(url, {"van": str(v1.uuid)}).content.decode()
    assert "Zaken in stap ‘Aanmelding’ gaan naar" in pagina
    assert zaak.identificatie not in pagina, "counts only, never which cases"
    response = client.post(
        url,
        {
            "van": str(v1.uuid),
            "naar_aanmelding": "intake",
            "naar_intake": "intake",
            "naar_stabilisatie": "stabilisatie",
        },
    )
    assert response.status_code == 302
    proces = ZaakProces.objects.get(zaak=zaak)
    assert (proces.versie_id, proces.huidige_stap.code) == (concept.pk, "intake")


def test_medewerker_sees_the_step_and_moves_the_case(client, zevenaar):
    w = zevenaar
    standaard_proces(w)
    zaak = zaak_maken(w)
    als(client, w.consulent)
    pagina = client.get(reverse("web:zaak_proces", args=[zaak.uuid])).content.decode()
    assert "Huidige stap" in pagina and "Aanmelding" in pagina
    assert "Naar de volgende stap: Intake" in pagina
    response = client.post(reverse("web:zaak_processtap", args=[zaak.uuid]), {"actie": "volgende"})
    assert response.status_code == 302
    assert ZaakProces.objects.get(zaak=zaak).huidige_stap.naam == "Intake"
    terug = client.post(
        reverse("web:zaak_processtap", args=[zaak.uuid]),
        {
            "actie": "zetten",
            "stap": str(ZaakProces.objects.get(zaak=zaak).versie.stappen.first().uuid),
        },
    )
    assert terug.status_code == 400
    assert "Geef een reden op om de zaak een stap terug te zetten." in terug.content.decode()
    assert Taak.objects.filter(zaak=zaak).count() == 1

    als(client, w.teamleider)
    assert client.get(reverse("web:zaak_proces", args=[zaak.uuid])).status_code == 403
    assert client.post(reverse("web:zaak_processtap", args=[zaak.uuid])).status_code == 403
    anders = factories.medewerker(w.org, zaaktypen=())
    als(client, anders)
    assert client.get(reverse("web:zaak_proces", args=[zaak.uuid])).status_code == 404


def test_a_published_version_refuses_edits_with_a_message(client, zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    als(client, w.fb)
    response = client.post(
        reverse("web:processtap_add", args=[v1.uuid]), {"naam": "Nazorg"}, follow=True
    )
    assert "is gepubliceerd en verandert niet meer" in response.content.decode()
    assert not v1.stappen.filter(naam="Nazorg").exists()


def test_writes_on_a_published_version_or_by_another_role_never_500(client, zevenaar):
    w = zevenaar
    v1 = standaard_proces(w)
    stap = v1.stappen.first()
    actie = ProcesActie.objects.filter(stap=stap).first()
    posts = [
        (reverse("web:procesversie_publish", args=[v1.uuid]), {}),
        (reverse("web:procesversie_discard", args=[v1.uuid]), {}),
        (reverse("web:processtap_move", args=[stap.uuid]), {"richting": "omlaag"}),
        (reverse("web:processtap_delete", args=[stap.uuid]), {}),
        (reverse("web:procesactie_delete", args=[actie.uuid]), {}),
        (reverse("web:processtap_update", args=[stap.uuid]), {"naam": "Anders"}),
    ]
    als(client, w.fb)
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 400), url
    assert list(v1.stappen.order_by("volgnummer").values_list("naam", flat=True)) == [
        "Aanmelding",
        "Intake",
        "Stabilisatie",
    ]
    assert ProcesActie.objects.filter(stap=stap).count() == 2
    als(client, w.teamleider)
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
