"""The case pages: list with filters and cheap pagination, create, detail, status changes,
documents with versions, tasks, and what a medewerker may not open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.catalog.models import Catalogus
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.models import Taak
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def mw(behandelaar):
    return behandelaar


@pytest.fixture
def zaak(actor, zaaktype, mw):
    return zaak_create(
        actor=actor, zaaktype=zaaktype, omschrijving="Klacht over de stoep", behandelaar=mw
    )


def _many(actor, zaaktype, n, start=date(2025, 1, 1)):
    return [
        zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving=f"Zaak {i}",
            startdatum=start + timedelta(days=i),
        )
        for i in range(n)
    ]


# --- list -----------------------------------------------------------------------------------


def test_case_list_shows_cases_with_filters(client, org, actor, zaaktype, mw, zaak):
    subsidie = factories.zaaktype(org, identificatie="SUBSIDIE", omschrijving="Subsidie")
    mw2 = factories.medewerker(org, zaaktypen=(zaaktype, subsidie))
    andere = zaak_create(actor=factories.actor(mw2), zaaktype=subsidie, omschrijving="Sportclub")
    login(client, mw2)

    html = client.get(reverse("web:zaken")).content.decode()
    assert zaak.identificatie in html and andere.identificatie in html
    assert "<caption" in html

    html = client.get(reverse("web:zaken"), {"zaaktype": str(subsidie.uuid)}).content.decode()
    assert andere.identificatie in html and zaak.identificatie not in html

    html = client.get(reverse("web:zaken"), {"zoek": "stoep"}).content.decode()
    assert zaak.identificatie in html and andere.identificatie not in html

    html = client.get(reverse("web:zaken"), {"zoek": zaak.identificatie[:9]}).content.decode()
    assert zaak.identificatie in html

    html = client.get(reverse("web:zaken"), {"status": "gesloten"}).content.decode()
    assert "Geen zaken gevonden" in html

    html = client.get(reverse("web:zaken"), {"mijn": "on"}).content.decode()
    assert "Geen zaken gevonden" in html  # mw2 is behandelaar of neither


def test_case_list_htmx_returns_only_the_results(client, mw, zaak):
    response = login(client, mw).get(
        reverse("web:zaken"), {"zoek": "stoep"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and zaak.identificatie in html
    assert "HX-Request" in response["Vary"]


def test_case_list_pages_forward_and_back_without_counting(client, actor, zaaktype, mw):
    zaken = _many(actor, zaaktype, 25)
    newest_first = [
        z.identificatie for z in sorted(zaken, key=lambda z: (z.startdatum, z.pk), reverse=True)
    ]
    login(client, mw)
    first = client.get(reverse("web:zaken"), {"page_size": 10})
    page1 = first.context["page"]
    assert [z.identificatie for z in page1.items] == newest_first[:10]
    assert page1.next_cursor and not page1.prev_cursor
    page2 = client.get(reverse("web:zaken"), {"page_size": 10, "na": page1.next_cursor}).context[
        "page"
    ]
    assert [z.identificatie for z in page2.items] == newest_first[10:20]
    page3 = client.get(reverse("web:zaken"), {"page_size": 10, "na": page2.next_cursor}).context[
        "page"
    ]
    assert [z.identificatie for z in page3.items] == newest_first[20:]
    assert page3.next_cursor is None
    back = client.get(reverse("web:zaken"), {"page_size": 10, "voor": page3.prev_cursor}).context[
        "page"
    ]
    assert [z.identificatie for z in back.items] == newest_first[10:20]
    # A page size outside 10-100 is clamped; a broken cursor gives the first page.
    assert client.get(reverse("web:zaken"), {"page_size": 5000}).context["page"].size == 100
    broken = client.get(reverse("web:zaken"), {"page_size": 10, "na": "rubbish"}).context["page"]
    assert [z.identificatie for z in broken.items] == newest_first[:10]


def test_case_list_query_count_does_not_grow_with_page_size(client, org, actor, zaaktype, mw):
    other = factories.medewerker(org, zaaktypen=(zaaktype,))
    for z in _many(actor, zaaktype, 110):
        Zaak.objects.filter(pk=z.pk).update(behandelaar=other if z.pk % 2 else mw)
    login(client, mw)
    client.get(reverse("web:zaken"))  # warm up session and caches

    counts = {}
    for size in (10, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("web:zaken"), {"page_size": size})
        assert len(response.context["page"].items) == size
        counts[size] = len(queries)
        assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert counts[100] == counts[10], counts


def test_case_list_is_for_medewerkers_only(client, org):
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,))
    assert login(client, teamleider).get(reverse("web:zaken")).status_code == 403


# --- create ---------------------------------------------------------------------------------


def test_create_form_offers_only_published_valid_granted_case_types(client, org, zaaktype, mw):
    concept = factories.zaaktype(
        org, identificatie="CONCEPT", omschrijving="Conceptzaak", concept=True
    )
    verlopen = factories.zaaktype(org, identificatie="OUD", omschrijving="Verlopen type")
    verlopen.einde_geldigheid = date(2024, 12, 31)
    verlopen.save()
    factories.zaaktype(org, identificatie="ANDERS", omschrijving="Niet geautoriseerd")
    mw2 = factories.medewerker(org, zaaktypen=(zaaktype, concept, verlopen))
    response = login(client, mw2).get(reverse("web:zaak_create"))
    choices = [str(label) for _value, label in response.context["form"].fields["zaaktype"].choices]
    assert any("Klacht" in c for c in choices)
    assert not any(
        name in " ".join(choices) for name in ("Conceptzaak", "Verlopen type", "Niet geautoriseerd")
    )
    form = response.context["form"]
    assert form.initial["behandelaar"] == mw2.pk  # default: me
    assert form.initial["startdatum"] is not None  # default: today


def test_case_types_with_their_own_intake_are_started_in_their_module(client, org, zaaktype, mw):
    """A debt-assistance case type (the SHV module registers its catalogue domain) is not in
    the general form, which links to the module's registration form instead; a POST of it is
    a field error, and no case is made."""
    shv = Catalogus.objects.create(
        organisatie=org, naam="Schuldhulp", domein="SHV", rsin=org.rsin,
        contactpersoon_beheer_naam="Functioneel beheer",
    )  # fmt: skip
    msr = factories.zaaktype(org, identificatie="SHV-MSR", omschrijving="Schuldregeling")
    msr.catalogus = shv
    msr.save()
    consulent = factories.medewerker(org, zaaktypen=(zaaktype, msr))
    response = login(client, consulent).get(reverse("web:zaak_create"))
    choices = " ".join(
        str(label) for _v, label in response.context["form"].fields["zaaktype"].choices
    )
    assert "Klacht" in choices and "Schuldregeling" not in choices
    html = response.content.decode()
    assert "Zaken met een eigen intake" in html
    assert f'href="{reverse("shv:aanmelding")}"' in html
    assert reverse("crm:klachten:nieuw") not in html  # no complaint type granted: no link
    aantal = Zaak.objects.count()
    response = client.post(
        reverse("web:zaak_create"),
        {"zaaktype": msr.pk, "omschrijving": "Schulden", "startdatum": "2026-11-02"},
    )
    assert response.status_code == 400
    assert "zaaktype" in response.context["form"].errors
    assert Zaak.objects.count() == aantal


def test_create_case_through_the_form_redirects_to_its_page(client, actor, zaaktype, mw):
    persoon = factories.persoon(actor, geslachtsnaam="Jansen")
    login(client, mw)
    response = client.post(
        reverse("web:zaak_create"),
        {
            "zaaktype": zaaktype.pk,
            "omschrijving": "Klacht over geluid",
            "toelichting": "Buren maken lawaai",
            "startdatum": "2026-03-02",
            "vertrouwelijkheidaanduiding": "",
            "initiator": str(persoon.uuid),
            "behandelaar": mw.pk,
        },
    )
    zaak = Zaak.objects.get(omschrijving="Klacht over geluid")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:zaak_detail", args=[zaak.uuid])
    assert zaak.startdatum == date(2026, 3, 2)
    assert zaak.vertrouwelijkheidaanduiding == zaaktype.vertrouwelijkheidaanduiding
    assert zaak.behandelaar == mw
    assert zaak.rollen.filter(partij=persoon).exists()
    detail = client.get(response["Location"]).content.decode()
    assert "is aangemaakt" in detail and "Jansen" in detail


def test_create_case_with_initiator_by_exact_bsn(client, actor, zaaktype, mw):
    persoon = factories.persoon(actor, geslachtsnaam="Pietersen")
    login(client, mw)
    client.post(
        reverse("web:zaak_create"),
        {
            "zaaktype": zaaktype.pk,
            "omschrijving": "Met BSN",
            "startdatum": "2026-03-02",
            "initiator_identificatie": persoon.bsn,
        },
    )
    zaak = Zaak.objects.get(omschrijving="Met BSN")
    assert zaak.rollen.get(roltype__omschrijving_generiek="initiator").partij_id == persoon.pk


def test_bad_input_shows_dutch_field_errors_and_keeps_the_input(client, zaaktype, mw):
    login(client, mw)
    response = client.post(
        reverse("web:zaak_create"),
        {
            "zaaktype": zaaktype.pk,
            "omschrijving": "x" * 81,
            "toelichting": "Mijn lange uitleg die niet verloren mag gaan",
            "startdatum": "31-02-2026",
            "initiator_identificatie": "123",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    form = response.context["form"]
    assert set(form.errors) >= {"omschrijving", "startdatum", "initiator_identificatie"}
    assert "Controleer wat je hebt ingevuld" in html
    assert "Zorg dat deze waarde niet meer dan 80 tekens bevat" in html  # Django's Dutch
    assert "Vul een BSN (9 cijfers)" in html
    assert "Mijn lange uitleg die niet verloren mag gaan" in html
    assert 'value="31-02-2026"' in html
    # The error is tied to the field for screen readers.
    assert 'aria-invalid="true"' in html
    assert 'id="id_omschrijving_error"' in html
    assert 'aria-describedby="id_omschrijving_helptext id_omschrijving_error"' in html
    assert not Zaak.objects.exists()


def test_unknown_bsn_is_a_field_error(client, zaaktype, mw):
    login(client, mw)
    response = client.post(
        reverse("web:zaak_create"),
        {
            "zaaktype": zaaktype.pk,
            "omschrijving": "Zonder partij",
            "startdatum": "2026-03-02",
            "initiator_identificatie": "999999990",
        },
    )
    assert response.status_code == 400
    assert "Er is geen partij met dit nummer" in response.content.decode()


def test_party_picker_search_without_javascript_keeps_the_form(client, actor, zaaktype, mw):
    persoon = factories.persoon(actor, geslachtsnaam="Vermeulen")
    response = login(client, mw).post(
        reverse("web:zaak_create"),
        {
            "zaaktype": zaaktype.pk,
            "omschrijving": "Half ingevuld",
            "startdatum": "2026-03-02",
            "initiator_zoek": "Vermeulen",
            "actie": "zoek_initiator",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{persoon.uuid}"' in html and 'type="radio"' in html
    assert 'value="Half ingevuld"' in html
    assert "Controleer wat je hebt ingevuld" not in html
    assert not Zaak.objects.exists()


def test_party_picker_partial_for_htmx(client, actor, mw):
    persoon = factories.persoon(actor, geslachtsnaam="De Boer")
    response = login(client, mw).get(
        reverse("web:partij_kiezen"), {"initiator_zoek": "boer"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert f'value="{persoon.uuid}"' in html
    assert persoon.bsn not in html  # masked


# --- detail and access ----------------------------------------------------------------------


def test_detail_shows_the_case(client, actor, zaak, mw):
    factories.persoon(actor)
    response = login(client, mw).get(reverse("web:zaak_detail", args=[zaak.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert zaak.identificatie in html and "Klacht over de stoep" in html
    for section in ("Status", "Betrokkenen", "Documenten", "Taken", "Eigenschappen", "Historie"):
        assert f">{section}</h2>" in html
    assert "Ontvangen" in html and "Afgehandeld" in html  # the status timeline
    assert "Zaak aangemaakt" in html  # audit history
    assert 'aria-current="step"' in html


def test_overdue_case_is_marked_te_laat(client, actor, zaaktype, mw):
    zaak = zaak_create(actor=actor, zaaktype=zaaktype, startdatum=date(2024, 1, 8))
    html = login(client, mw).get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert "Te laat" in html


def test_case_of_a_case_type_not_granted_is_404(client, org, mw):
    geheim = factories.zaaktype(org, identificatie="GEHEIM", omschrijving="Geheim")
    ander = factories.medewerker(org, zaaktypen=(geheim,))
    zaak = zaak_create(actor=factories.actor(ander), zaaktype=geheim)
    response = login(client, mw).get(reverse("web:zaak_detail", args=[zaak.uuid]))
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert client.get(reverse("web:zaak_status", args=[zaak.uuid])).status_code == 404


def test_case_of_another_organisation_is_404(client, mw):
    org2 = factories.organisatie("Gemeente Elders")
    zt2 = factories.zaaktype(org2, identificatie="KLACHT")  # same identificatie as mw's grant
    ander = factories.medewerker(org2, zaaktypen=(zt2,))
    zaak = zaak_create(actor=factories.actor(ander), zaaktype=zt2)
    login(client, mw)
    assert client.get(reverse("web:zaak_detail", args=[zaak.uuid])).status_code == 404
    assert zaak.identificatie not in client.get(reverse("web:zaken")).content.decode()


def test_unknown_case_is_404(client, mw):
    response = login(client, mw).get("/zaken/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


# --- status ---------------------------------------------------------------------------------


def test_end_status_without_result_shows_the_error(client, zaak, zaaktype, mw):
    eind = zaaktype.statustypen.order_by("-volgnummer").first()
    response = login(client, mw).post(
        reverse("web:zaak_status", args=[zaak.uuid]), {"statustype": eind.pk, "toelichting": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een resultaat om de zaak af te sluiten." in html
    assert 'href="#status_resultaattype"' in html  # error summary links to the field
    zaak.refresh_from_db()
    assert zaak.einddatum is None


def test_end_status_with_result_closes_the_case(client, zaak, zaaktype, mw):
    eind = zaaktype.statustypen.order_by("-volgnummer").first()
    gegrond = zaaktype.resultaattypen.get(omschrijving="Gegrond")
    response = login(client, mw).post(
        reverse("web:zaak_status", args=[zaak.uuid]),
        {"statustype": eind.pk, "resultaattype": gegrond.pk, "toelichting": "Opgelost"},
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.einddatum is not None and zaak.archiefnominatie == "vernietigen"
    html = client.get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert "Gesloten" in html and "Gegrond" in html


def test_going_back_needs_a_reason(client, actor, zaak, zaaktype, mw):
    statussen = list(zaaktype.statustypen.order_by("volgnummer"))
    zaak_status_set(actor=actor, zaak=zaak, statustype=statussen[1])
    response = login(client, mw).post(
        reverse("web:zaak_status", args=[zaak.uuid]), {"statustype": statussen[0].pk}
    )
    assert response.status_code == 400
    assert "Geef een reden op om een zaak terug te zetten in status." in response.content.decode()
    ok = client.post(
        reverse("web:zaak_status", args=[zaak.uuid]),
        {"statustype": statussen[0].pk, "toelichting": "Foutje"},
    )
    assert ok.status_code == 302


# --- documents ------------------------------------------------------------------------------


def test_upload_then_download_two_versions(client, zaak, zaaktype, mw):
    iot = zaaktype.informatieobjecttypen.first()
    login(client, mw)
    eerste = ContentFile(b"eerste versie", name="brief.txt")
    response = client.post(
        reverse("web:zaak_document_add", args=[zaak.uuid]),
        {"bestand": eerste, "titel": "Ontvangstbevestiging", "informatieobjecttype": iot.pk},
    )
    assert response.status_code == 302
    io = InformatieObject.objects.get(titel="Ontvangstbevestiging")
    tweede = ContentFile(b"tweede versie, langer", name="brief-v2.txt")
    response = client.post(
        reverse("web:document_versie_add", args=[zaak.uuid, io.uuid]),
        {"bestand": tweede, "toelichting": "Adres verbeterd"},
    )
    assert response.status_code == 302

    url = reverse("web:document_download", args=[io.uuid])
    v1 = client.get(url, {"versie": 1})
    assert b"".join(v1.streaming_content) == b"eerste versie"
    assert 'attachment; filename="brief.txt"' in v1["Content-Disposition"]
    v2 = client.get(url, {"versie": 2})
    assert b"".join(v2.streaming_content) == b"tweede versie, langer"
    assert "brief-v2.txt" in v2["Content-Disposition"]
    latest = client.get(url)
    assert b"".join(latest.streaming_content) == b"tweede versie, langer"
    assert client.get(url, {"versie": 3}).status_code == 404
    assert client.get(url, {"versie": "x"}).status_code == 404

    html = client.get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert f"{url}?versie=1" in html and f"{url}?versie=2" in html


def test_upload_without_file_or_title_gives_field_errors(client, zaak, mw):
    response = login(client, mw).post(
        reverse("web:zaak_document_add", args=[zaak.uuid]), {"titel": ""}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "bestand" in errors and "titel" in errors and "informatieobjecttype" in errors


def test_document_of_a_case_not_granted_cannot_be_downloaded(client, org, mw):
    geheim = factories.zaaktype(org, identificatie="GEHEIM")
    ander = factories.medewerker(org, zaaktypen=(geheim,))
    zaak = zaak_create(actor=factories.actor(ander), zaaktype=geheim)
    login(client, ander)
    client.post(
        reverse("web:zaak_document_add", args=[zaak.uuid]),
        {
            "bestand": ContentFile(b"geheim", name="g.txt"),
            "titel": "Geheim",
            "informatieobjecttype": geheim.informatieobjecttypen.first().pk,
        },
    )
    io = InformatieObject.objects.get(titel="Geheim")
    client.logout()
    assert (
        login(client, mw).get(reverse("web:document_download", args=[io.uuid])).status_code == 404
    )


# --- tasks ----------------------------------------------------------------------------------


def test_add_task_on_the_case_page(client, zaak, mw):
    login(client, mw)
    response = client.post(
        reverse("web:zaak_taak_add", args=[zaak.uuid]),
        {"titel": "Klant terugbellen", "toegewezen_aan": mw.pk, "termijn_werkdagen": 3},
    )
    assert response.status_code == 302
    taak = Taak.objects.get(titel="Klant terugbellen")
    assert taak.zaak == zaak and taak.toegewezen_aan == mw and taak.termijn_werkdagen == 3
    html = client.get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert "Klant terugbellen" in html


def test_task_needs_an_assignee(client, zaak, mw):
    response = login(client, mw).post(
        reverse("web:zaak_taak_add", args=[zaak.uuid]), {"titel": "Niemand", "termijn_werkdagen": 3}
    )
    assert response.status_code == 400
    assert "Wijs de taak toe aan een medewerker of een team." in response.content.decode()


# --- properties -----------------------------------------------------------------------------


def test_set_a_property_checked_against_its_format(client, zaak, zaaktype, mw):
    eigenschap = zaaktype.eigenschappen.get(naam="datum_incident")
    login(client, mw)
    url = reverse("web:zaak_eigenschap_set", args=[zaak.uuid])
    bad = client.post(url, {"eigenschap": eigenschap.pk, "waarde": "gisteren"})
    assert bad.status_code == 400
    assert "Vul een datum in" in bad.content.decode()
    assert 'value="gisteren"' in bad.content.decode()
    ok = client.post(url, {"eigenschap": eigenschap.pk, "waarde": "31-12-2025"})
    assert ok.status_code == 302
    html = client.get(reverse("web:zaak_detail", args=[zaak.uuid])).content.decode()
    assert "Datum van het incident" in html and "2025-12-31" in html
