"""Party search across every kind, the party page with all its cases (360°), registering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import NatuurlijkPersoon, NietNatuurlijkPersoon
from raadhuis.kernel.parties.services import niet_natuurlijk_persoon_create
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
ADRES = {
    "soort": "woonadres",
    "straatnaam": "Dorpsstraat",
    "huisnummer": 12,
    "postcode": "1234AB",
    "woonplaats": "Voorbeeldstad",
}


def login(client, medewerker):
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def jansen(actor):
    return factories.persoon(actor, geslachtsnaam="Jansen", voornamen="Anna", adres=dict(ADRES))


def test_search_finds_by_bsn_and_masks_it(client, behandelaar, jansen):
    response = login(client, behandelaar).get(reverse("web:partijen"), {"q": jansen.bsn})
    html = response.content.decode()
    assert "Anna Jansen" in html
    results = html.split("<table")[1].split("</table>")[0]
    assert jansen.bsn not in results  # only the last three digits
    assert "******" + jansen.bsn[-3:] in html
    assert "Dorpsstraat 12, 1234AB Voorbeeldstad" in html


def test_search_finds_by_name_and_by_postcode_and_number(client, actor, behandelaar, jansen):
    factories.persoon(actor, geslachtsnaam="Pietersen")
    login(client, behandelaar)
    html = client.get(reverse("web:partijen"), {"q": "jans"}).content.decode()
    assert "Anna Jansen" in html and "Pietersen" not in html
    html = client.get(reverse("web:partijen"), {"q": "1234 AB 12"}).content.decode()
    assert "Anna Jansen" in html and "Pietersen" not in html
    html = client.get(reverse("web:partijen"), {"q": "1234 AB 13"}).content.decode()
    assert "Geen partijen gevonden" in html


def test_search_finds_organisations_by_kvk(client, actor, behandelaar):
    niet_natuurlijk_persoon_create(
        actor=actor, statutaire_naam="Bakkerij De Korf B.V.", kvk_nummer="12345678"
    )
    html = (
        login(client, behandelaar).get(reverse("web:partijen"), {"q": "12345678"}).content.decode()
    )
    assert "Bakkerij De Korf B.V." in html and "12345678" in html


def test_live_search_returns_the_results_partial(client, behandelaar, jansen):
    response = login(client, behandelaar).get(
        reverse("web:partijen"), {"q": "Jansen"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and "Anna Jansen" in html


def test_search_is_logged_in_the_processing_log(client, behandelaar, jansen):
    login(client, behandelaar).get(reverse("web:partijen"), {"q": "Jansen"})
    assert VerwerkingsLog.objects.filter(partij_uuid=jansen.uuid).exists()


def test_party_page_lists_cases_of_two_case_types_with_counts(client, org, actor, zaaktype, jansen):
    subsidie = factories.zaaktype(org, identificatie="SUBSIDIE", omschrijving="Subsidieaanvraag")
    geheim = factories.zaaktype(org, identificatie="GEHEIM", omschrijving="Geheime zaak")
    mw = factories.medewerker(org, zaaktypen=(zaaktype, subsidie))
    a = factories.actor(mw)
    klacht1 = zaak_create(actor=a, zaaktype=zaaktype, omschrijving="Klacht 1", initiator=jansen)
    klacht2 = zaak_create(actor=a, zaaktype=zaaktype, omschrijving="Klacht 2", initiator=jansen)
    aanvraag = zaak_create(actor=a, zaaktype=subsidie, omschrijving="Sportclub", initiator=jansen)
    eind = zaaktype.statustypen.order_by("-volgnummer").first()
    zaak_status_set(
        actor=a, zaak=klacht2, statustype=eind, resultaattype=zaaktype.resultaattypen.first()
    )
    # A case type this medewerker is not granted must not appear, not even in the counts.
    verborgen_mw = factories.medewerker(org, zaaktypen=(geheim,))
    verborgen = zaak_create(actor=factories.actor(verborgen_mw), zaaktype=geheim, initiator=jansen)

    response = login(client, mw).get(reverse("web:partij_detail", args=[jansen.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    for z in (klacht1, klacht2, aanvraag):
        assert z.identificatie in html
    assert verborgen.identificatie not in html and "Geheime zaak" not in html
    counts = {
        r["zaaktype__omschrijving"]: (r["open"], r["gesloten"])
        for r in response.context["per_zaaktype"]
    }
    assert counts == {"Klacht": (1, 1), "Subsidieaanvraag": (1, 0)}
    assert "2 open en 1 gesloten zaken" in html
    assert jansen.bsn in html  # the full BSN on the party's own page
    assert "Dorpsstraat 12" in html


def test_party_of_another_organisation_is_404(client, behandelaar):
    org2 = factories.organisatie("Gemeente Elders")
    ander = factories.actor(factories.medewerker(org2))
    persoon = factories.persoon(ander)
    assert (
        login(client, behandelaar)
        .get(reverse("web:partij_detail", args=[persoon.uuid]))
        .status_code
        == 404
    )


def test_register_a_person(client, behandelaar):
    response = login(client, behandelaar).post(
        reverse("web:partij_create"),
        {
            "soort": "natuurlijk_persoon",
            "bsn": "111222333",
            "voornamen": "Kees",
            "geslachtsnaam": "Smit",
            "geslacht": "m",
            "postcode": "1234 AB",
            "huisnummer": "5",
            "straatnaam": "Kerkplein",
            "woonplaats": "Voorbeeldstad",
            "land": "NL",
        },
    )
    persoon = NatuurlijkPersoon.objects.get(bsn="111222333")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:partij_detail", args=[persoon.uuid])
    assert persoon.adressen.get().postcode == "1234AB"


def test_invalid_bsn_gives_a_dutch_error_and_keeps_the_input(client, behandelaar):
    response = login(client, behandelaar).post(
        reverse("web:partij_create"),
        {
            "soort": "natuurlijk_persoon",
            "bsn": "123456789",
            "geslachtsnaam": "Smit",
            "voornamen": "Kees",
            "geslacht": "o",
            "land": "NL",
            "straatnaam": "Kerkplein",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dit is geen geldig BSN (de elfproef klopt niet)." in html
    assert "Vul het hele adres in, of laat het adres leeg." in html
    assert 'value="Kees"' in html and 'value="Kerkplein"' in html
    assert not NatuurlijkPersoon.objects.exists()


def test_duplicate_bsn_is_refused_by_the_service(client, behandelaar, jansen):
    response = login(client, behandelaar).post(
        reverse("web:partij_create"),
        {
            "soort": "natuurlijk_persoon",
            "bsn": jansen.bsn,
            "geslachtsnaam": "Dubbel",
            "geslacht": "o",
            "land": "NL",
        },
    )
    assert response.status_code == 400
    assert "Er is al een partij met dit BSN." in response.content.decode()


def test_register_an_organisation_with_invalid_kvk(client, behandelaar):
    login(client, behandelaar)
    response = client.post(
        reverse("web:partij_create"),
        {
            "soort": "niet_natuurlijk_persoon",
            "statutaire_naam": "Stichting Test",
            "kvk_nummer": "1234",
            "rechtsvorm": "stichting",
            "land": "NL",
        },
    )
    assert response.status_code == 400
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in response.content.decode()
    ok = client.post(
        reverse("web:partij_create"),
        {
            "soort": "niet_natuurlijk_persoon",
            "statutaire_naam": "Stichting Test",
            "kvk_nummer": "12345678",
            "rechtsvorm": "stichting",
            "land": "NL",
        },
    )
    assert ok.status_code == 302
    assert NietNatuurlijkPersoon.objects.get().kvk_nummer == "12345678"


def test_party_pages_are_not_for_teamleiders(client, org, jansen):
    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,))
    login(client, teamleider)
    assert client.get(reverse("web:partijen"), {"q": "Jansen"}).status_code == 403
    assert client.get(reverse("web:partij_detail", args=[jansen.uuid])).status_code == 403
