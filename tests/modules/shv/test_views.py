"""The consultant's pages: every page renders for a consultant, the main forms work through
the browser's POSTs, and bad input gives Dutch field errors instead of a 500."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.cases.models import Zaak
from raadhuis.modules.shv.models import Inkomen, Schuld, Schuldeiser, SchuldStatus
from raadhuis.modules.shv.services import schuld_create, schuldeiser_create

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def web(client, consulent):
    client.force_login(consulent.user, backend=BACKEND)
    return client


@pytest.fixture
def woningstichting(ik):
    return schuldeiser_create(
        actor=ik,
        naam="Woningstichting De Linge (fictief)",
        kvk_nummer="12345678",
        iban="NL91ABNA0417164300",
        rangorde="concurrent",
        email_correspondentie="incasso@linge.example",
        adres={
            "straatnaam": "Kerkstraat",
            "huisnummer": 1,
            "postcode": "6901AA",
            "woonplaats": "Zevenaar",
        },
    )


def test_every_page_renders_for_a_consultant(web, dossier, woningstichting, ik):
    schuld = schuld_create(
        actor=ik, dossier=dossier, schuldeiser=woningstichting, actueel_bedrag=100
    )
    uuid = dossier.zaak.uuid
    urls = [
        reverse("shv:caseload"),
        reverse("shv:aanmelding"),
        reverse("shv:dossier", args=[uuid]),
        reverse("shv:eerste_gesprek", args=[uuid]),
        reverse("shv:toelating", args=[uuid]),
        reverse("shv:fase", args=[uuid]),
        reverse("shv:afsluiten", args=[uuid]),
        reverse("shv:financien", args=[uuid]),
        reverse("shv:schulden_opvragen", args=[uuid]),
        reverse("shv:schuld_add", args=[uuid]),
        reverse("shv:schuld", args=[uuid, schuld.uuid]),
        reverse("shv:schuldeisers"),
        reverse("shv:schuldeiser_create"),
        reverse("shv:schuldeiser", args=[woningstichting.uuid]),
    ]
    for url in urls:
        response = web.get(url)
        assert response.status_code == 200, url


def test_the_dossier_page_shows_client_household_terms_and_debts(web, dossier, woningstichting, ik):
    schuld_create(
        actor=ik, dossier=dossier, schuldeiser=woningstichting, actueel_bedrag=1234, kenmerk="K-1"
    )
    body = web.get(reverse("shv:dossier", args=[dossier.zaak.uuid])).content.decode()
    assert "Mohamed Testelink" in body
    assert "Eerste gesprek voeren" in body
    assert "Woningstichting De Linge (fictief)" in body
    assert "€ 1.234,00" in body
    assert "jaar" in body  # ages of the household


def test_intake_through_the_pages(web, gezin, msr):
    page = web.get(reverse("shv:aanmelding"), {"bsn": gezin.bsn})
    assert page.status_code == 200
    assert "Testelink" in page.content.decode()
    response = web.post(
        reverse("shv:aanmelding"),
        {
            "bsn": gezin.bsn,
            "zaaktype": msr.pk,
            "aanmeldingsdatum": "2026-03-02",
            "dreiging": "huisuitzetting",
            "toelichting": "Huurachterstand",
        },
    )
    assert response.status_code == 302
    assert "/shv/dossiers/" in response["Location"]


def test_registering_says_which_dossiers_of_the_person_are_still_open(web, dossier, gezin):
    page = web.get(reverse("shv:aanmelding"), {"bsn": gezin.bsn}).content.decode()
    assert "Voor deze persoon loopt al een schuldhulpdossier." in page
    assert f'href="{reverse("shv:dossier", args=[dossier.zaak.uuid])}">' in page
    assert dossier.zaak.identificatie in page
    # Looking it up is a read of the person's data, logged as such.
    assert VerwerkingsLog.objects.filter(
        handeling="Lopende schuldhulpdossiers bij aanmelding ingezien",
        partij_uuid=dossier.client.uuid,
    ).exists()
    # A closed dossier is history, not help under way.
    Zaak.objects.filter(pk=dossier.zaak.pk).update(einddatum=date(2026, 6, 1))
    page = web.get(reverse("shv:aanmelding"), {"bsn": gezin.bsn}).content.decode()
    assert "loopt al een schuldhulpdossier" not in page


def test_unknown_bsn_gives_a_dutch_error(web):
    page = web.get(reverse("shv:aanmelding"), {"bsn": "123456789"})
    assert page.status_code == 400
    assert "elfproef" in page.content.decode()


def test_income_rows_are_added_and_removed_with_htmx(web, dossier):
    url = reverse("shv:financien_add", args=[dossier.zaak.uuid, "inkomsten"])
    response = web.post(
        url,
        {
            "inkomen-soort": "loon",
            "inkomen-omschrijving": "Salaris",
            "inkomen-bedrag_per_maand": "1.850,25",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    inkomen = Inkomen.objects.get()
    assert str(inkomen.bedrag_per_maand) == "1850.25"
    assert "€ 1.850,25" in response.content.decode()
    fout = web.post(
        url,
        {"inkomen-soort": "loon", "inkomen-omschrijving": "X", "inkomen-bedrag_per_maand": "-5"},
        HTTP_HX_REQUEST="true",
    )
    assert "negatief" in fout.content.decode()
    remove = reverse("shv:financien_remove", args=[dossier.zaak.uuid, "inkomsten", inkomen.pk])
    assert web.post(remove, HTTP_HX_REQUEST="true").status_code == 200
    assert not Inkomen.objects.exists()


def test_creditor_form_gives_dutch_errors_for_iban_and_kvk(web):
    response = web.post(
        reverse("shv:schuldeiser_create"),
        {"naam": "X", "kvk_nummer": "1234", "iban": "NL91ABNA0417164301", "rangorde": "concurrent"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in body
    assert "controlegetal" in body
    assert not Schuldeiser.objects.exists()


def test_first_conversation_and_admission_through_the_pages(web, dossier):
    uuid = dossier.zaak.uuid
    r = web.post(reverse("shv:eerste_gesprek", args=[uuid]), {"datum": "2026-03-10"})
    assert r.status_code == 302
    r = web.post(
        reverse("shv:toelating", args=[uuid]), {"besluit": "afgewezen", "datum": "2026-03-20"}
    )
    assert r.status_code == 400
    assert "Geef de reden van de afwijzing." in r.content.decode()
    r = web.post(
        reverse("shv:toelating", args=[uuid]), {"besluit": "toegelaten", "datum": "2026-03-20"}
    )
    assert r.status_code == 302
    dossier.refresh_from_db()
    assert dossier.toegelaten is True and dossier.fase == "stabilisatie"
    # 10 March + 8 weeks = Tuesday 5 May, Bevrijdingsdag (Atw art. 3 lid 1): Wednesday 6 May.
    assert dossier.beschikking_uiterlijk == date(2026, 5, 6)


def test_debt_statement_is_recorded_on_the_debt_page(web, dossier, woningstichting, ik):
    schuld = schuld_create(
        actor=ik,
        dossier=dossier,
        schuldeiser=woningstichting,
        status=SchuldStatus.OPGEVRAAGD,
    )
    url = reverse("shv:schuld", args=[dossier.zaak.uuid, schuld.uuid])
    r = web.post(url, {"actie": "opgave", "opgave-actueel_bedrag": "2.500,00"})
    assert r.status_code == 302
    schuld = Schuld.objects.get(pk=schuld.pk)
    assert schuld.status == SchuldStatus.OPGEGEVEN and str(schuld.actueel_bedrag) == "2500.00"


def test_debt_and_creditor_pages_share_one_history_table(web, dossier, woningstichting, ik):
    """Both pages show their audit trail, newest first, in the shared partial with their own
    caption (templates/shv/partials/_historie.html)."""
    schuld = schuld_create(
        actor=ik, dossier=dossier, schuldeiser=woningstichting, actueel_bedrag=100
    )
    pagina_schuld = web.get(reverse("shv:schuld", args=[dossier.zaak.uuid, schuld.uuid]))
    pagina_eiser = web.get(reverse("shv:schuldeiser", args=[woningstichting.uuid]))
    for pagina, bijschrift in (
        (pagina_schuld, "Historie van deze schuld, nieuwste eerst"),
        (pagina_eiser, "Historie van deze schuldeiser, nieuwste eerst"),
    ):
        body = pagina.content.decode()
        assert bijschrift in body
        assert 'id="kop-historie"' in body
        # At least one row: the debt or the creditor was recorded by `ik`.
        assert body.count('class="utrecht-table__row"', body.index(bijschrift)) >= 2
