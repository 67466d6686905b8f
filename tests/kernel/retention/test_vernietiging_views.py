"""The archiving pages: who may open what (per role), the whole flow through the forms, Dutch
errors on bad input, and no personal data on any page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.retention.models import ItemStatus, LijstStatus, Vernietigingslijst
from raadhuis.kernel.retention.services import (
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_uitvoeren,
)
from tests import factories
from tests.kernel.retention.conftest import PEILDATUM, gesloten_zaak

BACKEND = "django.contrib.auth.backends.ModelBackend"


def als(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def uitgevoerd(gemeente, django_capture_on_commit_callbacks):
    """A list with one destroyed case: (list, report, the client's name and BSN)."""
    klant = factories.persoon(gemeente.actor, "Jansen", voornamen="Janneke")
    gesloten_zaak(gemeente, date(2019, 3, 15), initiator=klant, omschrijving="Schulden Jansen")
    lijst = vernietigingslijst_create(actor=gemeente.fb_actor, naam="Q1 2019", peildatum=PEILDATUM)
    vernietigingslijst_indienen(actor=gemeente.fb_actor, lijst=lijst)
    vernietigingslijst_beoordelen(actor=gemeente.collega_actor, lijst=lijst, goedkeuren=True)
    with django_capture_on_commit_callbacks(execute=True):
        verslag = vernietigingslijst_uitvoeren(
            actor=gemeente.fb_actor, lijst=lijst, peildatum=PEILDATUM
        )
    return lijst, verslag, ["Janneke", "Jansen", klant.bsn]


def urls(gemeente, lijst, verslag) -> dict[str, str]:
    item = lijst.items.first()
    return {
        "vernietigingslijsten": reverse("web:vernietigingslijsten"),
        "bewaartermijnen": reverse("web:bewaartermijnen"),
        "bewaartermijn_wijzigen": reverse(
            "web:bewaartermijn_wijzigen", args=[gemeente.vernietigen.uuid]
        ),
        "bewaartermijn_herberekenen": reverse(
            "web:bewaartermijn_herberekenen", args=[gemeente.vernietigen.uuid]
        ),
        "vernietigingslijst_create": reverse("web:vernietigingslijst_create"),
        "vernietigingslijst_detail": reverse("web:vernietigingslijst_detail", args=[lijst.uuid]),
        "vernietigingslijst_item_uitzonderen": reverse(
            "web:vernietigingslijst_item_uitzonderen", args=[lijst.uuid, item.uuid]
        ),
        "vernietigingslijst_indienen": reverse(
            "web:vernietigingslijst_indienen", args=[lijst.uuid]
        ),
        "vernietigingslijst_beoordelen": reverse(
            "web:vernietigingslijst_beoordelen", args=[lijst.uuid]
        ),
        "vernietigingslijst_uitvoeren": reverse(
            "web:vernietigingslijst_uitvoeren", args=[lijst.uuid]
        ),
        "vernietigingsverslagen": reverse("web:vernietigingsverslagen"),
        "vernietigingsverslag": reverse("web:vernietigingsverslag", args=[verslag.uuid]),
        "vernietigingsverslag_csv": reverse("web:vernietigingsverslag_csv", args=[verslag.uuid]),
        "vernietigingsverslag_pdf": reverse("web:vernietigingsverslag_pdf", args=[verslag.uuid]),
    }


VERSLAGEN = {
    "vernietigingsverslagen",
    "vernietigingsverslag",
    "vernietigingsverslag_csv",
    "vernietigingsverslag_pdf",
}
# GET of a POST-only action sends the administrator back to the list's page.
ACTIES = {
    "vernietigingslijst_indienen",
    "vernietigingslijst_beoordelen",
    "vernietigingslijst_uitvoeren",
}


def verwacht(rol: str, naam: str) -> int:
    if rol == Rol.FUNCTIONEEL_BEHEERDER:
        return 302 if naam in ACTIES else 200
    if rol == Rol.AUDITOR and naam in VERSLAGEN:
        return 200
    return 403


@pytest.mark.parametrize(
    "rol",
    [Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR, Rol.MEDEWERKER, Rol.TEAMLEIDER, Rol.BEHEERDER],
)
def test_who_may_open_which_page(client, gemeente, uitgevoerd, rol):
    lijst, verslag, persoonsgegevens = uitgevoerd
    iemand = factories.medewerker(gemeente.org, rollen=(rol,), zaaktypen=(gemeente.zaaktype,))
    als(client, iemand)
    for naam, url in urls(gemeente, lijst, verslag).items():
        response = client.get(url)
        assert response.status_code == verwacht(rol, naam), (rol, naam)
        if response.status_code == 200:
            body = response.content.decode("utf-8", errors="replace")
            for gegeven in persoonsgegevens:
                assert gegeven not in body, (naam, gegeven)


def test_anonymous_visitors_are_sent_to_the_login(client, gemeente, uitgevoerd):
    lijst, verslag, _ = uitgevoerd
    for url in urls(gemeente, lijst, verslag).values():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_organisation_gets_not_found(client, gemeente, uitgevoerd):
    lijst, verslag, _ = uitgevoerd
    elders = factories.organisatie("Elders")
    als(client, factories.medewerker(elders, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    for naam, url in urls(gemeente, lijst, verslag).items():
        if naam in (
            "vernietigingslijsten",
            "bewaartermijnen",
            "vernietigingslijst_create",
            "vernietigingsverslagen",
        ):
            continue
        assert client.get(url).status_code == 404, naam


def test_the_flow_through_the_forms(client, gemeente, django_capture_on_commit_callbacks):
    een = gesloten_zaak(gemeente, date(2019, 3, 15))
    twee = gesloten_zaak(gemeente, date(2019, 4, 1))
    auteur, collega = client, type(client)()
    als(auteur, gemeente.fb)
    als(collega, gemeente.collega_fb)

    pagina = auteur.get(reverse("web:vernietigingslijst_create"), {"zaaktype": "SHV", "tot": ""})
    assert een.identificatie in pagina.content.decode()
    fout = auteur.post(reverse("web:vernietigingslijst_create"), {"zaaktype": "SHV", "naam": ""})
    assert fout.status_code == 400 and "Dit veld is vereist." in fout.content.decode()
    response = auteur.post(
        reverse("web:vernietigingslijst_create"),
        {"zaaktype": "SHV", "tot": "", "naam": "SHV 2019", "toelichting": "Jaarlijkse ronde"},
    )
    lijst = Vernietigingslijst.objects.get(naam="SHV 2019")
    assert response["Location"] == reverse("web:vernietigingslijst_detail", args=[lijst.uuid])
    assert lijst.items.count() == 2

    item = lijst.items.get(identificatie=twee.identificatie)
    url = reverse("web:vernietigingslijst_item_uitzonderen", args=[lijst.uuid, item.uuid])
    assert auteur.post(url, {"reden": ""}).status_code == 400
    assert auteur.post(url, {"reden": "Bezwaar loopt nog"}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.UITGEZONDERD

    auteur.post(reverse("web:vernietigingslijst_indienen", args=[lijst.uuid]), {})
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.TER_BEOORDELING

    # Four eyes: the author gets no review form and a refusal when trying anyway.
    detail = auteur.get(reverse("web:vernietigingslijst_detail", args=[lijst.uuid]))
    assert "Goedkeuren" not in detail.content.decode()
    beoordelen = reverse("web:vernietigingslijst_beoordelen", args=[lijst.uuid])
    assert auteur.post(beoordelen, {"besluit": "goedkeuren"}).status_code == 403
    afwijzen_zonder_reden = collega.post(beoordelen, {"besluit": "afwijzen", "toelichting": ""})
    assert afwijzen_zonder_reden.status_code == 400
    assert "Geef aan waarom je de lijst afwijst." in afwijzen_zonder_reden.content.decode()
    assert collega.post(beoordelen, {"besluit": "goedkeuren"}).status_code == 302
    lijst.refresh_from_db()
    assert lijst.status == LijstStatus.GOEDGEKEURD

    uitvoeren = reverse("web:vernietigingslijst_uitvoeren", args=[lijst.uuid])
    zonder_bevestiging = auteur.post(uitvoeren, {})
    assert zonder_bevestiging.status_code == 400
    assert "Bevestig dat je de zaken wilt vernietigen." in zonder_bevestiging.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = auteur.post(uitvoeren, {"bevestiging": "on"})
    lijst.refresh_from_db()
    assert response["Location"] == reverse("web:vernietigingsverslag", args=[lijst.verslag.uuid])
    verslag = auteur.get(response["Location"]).content.decode()
    assert (
        een.identificatie in verslag and "Vernietigd" in verslag and "Bezwaar loopt nog" in verslag
    )

    csv = auteur.get(reverse("web:vernietigingsverslag_csv", args=[lijst.verslag.uuid]))
    assert csv["Content-Type"].startswith("text/csv")
    assert een.identificatie in csv.content.decode("utf-8-sig")
    pdf = auteur.get(reverse("web:vernietigingsverslag_pdf", args=[lijst.verslag.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_setting_a_term_and_recomputing_through_the_forms(client, gemeente):
    zaak = gesloten_zaak(gemeente, date(2019, 3, 15))
    als(client, gemeente.fb)
    url = reverse("web:bewaartermijn_wijzigen", args=[gemeente.vernietigen.uuid])
    pagina = client.get(url).content.decode()
    assert "P7Y" in pagina and "gepubliceerd" in pagina

    fout = client.post(
        url, {"archiefnominatie": "vernietigen", "archiefactietermijn": "tien jaar", "reden": "x"}
    )
    assert fout.status_code == 400 and "ISO 8601" in fout.content.decode()
    response = client.post(
        url,
        {
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P10Y",
            "reden": "Nieuwe selectielijst",
            "bron": "Selectielijst gemeenten 2020, 1.1.2",
        },
    )
    assert response.status_code == 302
    overzicht = client.get(reverse("web:bewaartermijnen")).content.decode()
    assert "P10Y" in overzicht and "Eigen termijn sinds" in overzicht

    herberekenen = reverse("web:bewaartermijn_herberekenen", args=[gemeente.vernietigen.uuid])
    assert "1 afgesloten zaak" in client.get(herberekenen).content.decode()
    assert client.post(herberekenen, {"reden": ""}).status_code == 400
    assert client.post(herberekenen, {"reden": "Nieuwe termijn"}).status_code == 302
    zaak.refresh_from_db()
    assert zaak.archiefactiedatum == date(2029, 3, 15)
