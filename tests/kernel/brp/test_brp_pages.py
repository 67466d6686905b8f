"""The staff pages: search the BRP three ways, take a person over, Dutch errors when the BRP
or the input is wrong, and only case workers get in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.web.views.brp import voorvoegsel_splitsen
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"
REDEN = "Aanmelding schuldhulpverlening"
ZOEKEN = reverse("web:brp_zoeken")
OVERNEMEN = reverse("web:brp_overnemen")


@pytest.fixture
def ingelogd(client, behandelaar):
    client.force_login(behandelaar.user, backend=BACKEND)
    return client


def zoek(client, **velden):
    return client.post(ZOEKEN, {"reden": REDEN, **velden})


def test_the_search_page_opens_with_the_reason_filled_in(ingelogd, brp_double):
    response = ingelogd.get(ZOEKEN, {"reden": "Intake", "next": "/shv/intake/"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Intake"' in html
    assert 'name="next" value="/shv/intake/"' in html
    assert not brp_double.app.verzoeken  # opening the page asks the BRP nothing


def test_search_by_bsn_shows_the_person_with_masked_bsn(ingelogd, brp_double):
    lotte = brp_double.register.aanvrager("alleenstaande_ouder")

    response = zoek(ingelogd, bsn=lotte.bsn)

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 persoon gevonden." in html
    assert "Lotte Maria Steekproef" in html
    assert "Voorbeeldlaan 12A, 6902 ZB  ZEVENAAR" in html
    assert "******" + lotte.bsn[-3:] in html
    assert VerwerkingsLog.objects.filter(doel=REDEN, handeling="BRP geraadpleegd op BSN").exists()


def test_search_by_surname_with_prefix_and_birth_date(ingelogd, brp_double):
    anouk = brp_double.register.huishoudens["gezin"][1]

    response = zoek(
        ingelogd, geslachtsnaam="de Namaak", geboortedatum=anouk.geboortedatum.isoformat()
    )

    assert "Anouk de Namaak" in response.content.decode()
    assert brp_double.app.verzoeken[-1]["voorvoegsel"] == "de"
    assert brp_double.app.verzoeken[-1]["geslachtsnaam"] == "Namaak"


def test_search_by_postcode_and_house_number_lists_the_household(ingelogd, brp_double):
    response = zoek(ingelogd, postcode="6903 zc", huisnummer="7")

    html = response.content.decode()
    assert "5 personen gevonden." in html
    for naam in ("Mohamed Testelink", "Anouk de Namaak", "Sem Testelink"):
        assert naam in html


def test_nobody_found(ingelogd, brp_double):
    response = zoek(ingelogd, postcode="1234AB", huisnummer="1")

    assert "Geen personen gevonden." in response.content.decode()
    assert VerwerkingsLog.objects.filter(
        handeling="BRP doorzocht op postcode en huisnummer, niets gevonden"
    ).exists()


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({}, "Vul een BSN in, of achternaam en geboortedatum, of postcode en huisnummer."),
        ({"bsn": "123456789"}, "Dit is geen geldig BSN (de elfproef klopt niet)."),
        ({"geslachtsnaam": "Testelink"}, "Vul ook de geboortedatum in."),
        ({"huisnummer": "7"}, "Vul ook de postcode in."),
        ({"postcode": "69ZC", "huisnummer": "7"}, "Een postcode heeft de vorm 1234 AB."),
        ({"geslachtsnaam": "ab*", "geboortedatum": "1980-01-01"}, "een * alleen aan het eind"),
        (
            {"bsn": "999990007", "geslachtsnaam": "Probeersel"},
            "Zoek op BSN, of op de andere gegevens, maar niet op allebei.",
        ),
        ({"bsn": "999990007", "reden": ""}, "Dit veld is vereist."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_asks_the_brp_nothing(
    ingelogd, brp_double, velden, melding
):
    response = ingelogd.post(ZOEKEN, {"reden": REDEN, **velden})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Controleer wat je hebt ingevuld" in html
    assert melding in html
    assert not brp_double.app.verzoeken


def test_when_the_brp_is_down_the_page_says_so(ingelogd, brp_double):
    brp_double.app.storing = True

    response = zoek(ingelogd, bsn="999990007")

    html = response.content.decode()
    assert response.status_code == 503
    assert "De BRP kon niet worden geraadpleegd" in html
    assert "De BRP is tijdelijk niet beschikbaar (HTTP 503)." in html


def test_when_the_brp_is_not_configured_the_page_says_so(ingelogd, settings):
    settings.BRP_URL = ""

    response = zoek(ingelogd, bsn="999990007")

    assert response.status_code == 503
    assert "RAADHUIS_BRP_URL" in response.content.decode()


def test_taking_over_creates_the_party_and_opens_its_page(ingelogd, brp_double):
    sanne = brp_double.register.aanvrager("alleenstaand")

    response = ingelogd.post(OVERNEMEN, {"bsn": sanne.bsn, "reden": REDEN})

    partij = NatuurlijkPersoon.objects.get(bsn=sanne.bsn)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:partij_detail", kwargs={"uuid": partij.uuid})
    pagina = ingelogd.get(response["Location"]).content.decode()
    assert "Sanne Probeersel is overgenomen uit de BRP." in pagina
    assert "Proefstraat 1, 6901ZA Zevenaar" in pagina


def test_a_person_already_registered_is_marked_and_refreshed(ingelogd, brp_double):
    sanne = brp_double.register.aanvrager("alleenstaand")
    ingelogd.post(OVERNEMEN, {"bsn": sanne.bsn, "reden": REDEN})

    html = zoek(ingelogd, bsn=sanne.bsn).content.decode()
    assert "Al geregistreerd" in html and "Bijwerken uit de BRP" in html

    ingelogd.post(OVERNEMEN, {"bsn": sanne.bsn, "reden": REDEN})
    assert NatuurlijkPersoon.objects.filter(bsn=sanne.bsn).count() == 1


def test_taking_over_returns_to_the_page_that_asked(ingelogd, brp_double):
    sanne = brp_double.register.aanvrager("alleenstaand")

    response = ingelogd.post(
        OVERNEMEN, {"bsn": sanne.bsn, "reden": REDEN, "next": "/shv/intake/?stap=2"}
    )

    partij = NatuurlijkPersoon.objects.get(bsn=sanne.bsn)
    assert response["Location"] == f"/shv/intake/?stap=2&partij={partij.uuid}"


def test_taking_over_never_redirects_off_site(ingelogd, brp_double):
    sanne = brp_double.register.aanvrager("alleenstaand")

    response = ingelogd.post(
        OVERNEMEN, {"bsn": sanne.bsn, "reden": REDEN, "next": "https://elders.example/"}
    )

    assert response["Location"].startswith("/partijen/")


def test_taking_over_an_unknown_bsn_or_while_the_brp_is_down(ingelogd, brp_double):
    onbekend = factories.elfproef_number(777, prefix="18")
    response = ingelogd.post(OVERNEMEN, {"bsn": onbekend, "reden": REDEN})
    assert response.status_code == 400
    assert "De BRP kent geen persoon met dit BSN." in response.content.decode()

    brp_double.app.storing = True
    response = ingelogd.post(OVERNEMEN, {"bsn": "999990007", "reden": REDEN})
    assert response.status_code == 503
    assert not NatuurlijkPersoon.objects.exists()


def test_taking_over_needs_a_post(ingelogd, brp_double):
    assert ingelogd.get(OVERNEMEN).status_code == 405


@pytest.mark.parametrize(
    "rollen", [(Rol.TEAMLEIDER,), (Rol.AUDITOR,), (Rol.FUNCTIONEEL_BEHEERDER,), (Rol.BEHEERDER,)]
)
def test_other_roles_are_refused(client, org, brp_double, rollen):
    ander = factories.medewerker(org, rollen=rollen)
    client.force_login(ander.user, backend=BACKEND)
    bsn = brp_double.register.aanvrager("alleenstaand").bsn

    assert client.get(ZOEKEN).status_code == 403
    assert client.post(ZOEKEN, {"reden": REDEN, "bsn": bsn}).status_code == 403
    assert client.post(OVERNEMEN, {"reden": REDEN, "bsn": bsn}).status_code == 403
    assert not brp_double.app.verzoeken


def test_anonymous_users_go_to_the_login_page(client, db):
    response = client.get(ZOEKEN)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("de Namaak", ("de", "Namaak")),
        ("Van der Testen", ("van der", "Testen")),
        ("van  der   Testen", ("van der", "Testen")),
        ("Namaak", ("", "Namaak")),
        ("Vandenberg", ("", "Vandenberg")),
        ("van", ("", "van")),
        ("ter Horst", ("ter", "Horst")),
    ],
)
def test_a_typed_prefix_is_split_from_the_surname(invoer, verwacht):
    assert voorvoegsel_splitsen(invoer) == verwacht
