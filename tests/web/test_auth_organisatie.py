"""A medewerker of several organisations chooses one after login and can switch; the choice
decides request.medewerker (and so every selector's tenant)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.web.middleware import SESSION_ORGANISATIE_KEY
from tests.web.test_auth import login_post, make_medewerker, make_organisatie

pytestmark = pytest.mark.urls("tests.web.test_auth")  # /test/staff/ shows the current org id

KIES_URL = "/organisatie/"


@pytest.fixture
def twee_organisaties(db):
    utrecht = make_organisatie("Gemeente Utrecht")
    gent = make_organisatie("Stad Gent")
    in_utrecht = make_medewerker(utrecht, "anna")
    in_gent = make_medewerker(gent, user=in_utrecht.user)
    return in_utrecht, in_gent


def test_reverse_name():
    assert reverse("web:organisatie_kiezen") == KIES_URL


def test_user_of_several_organisations_chooses_after_login(client, twee_organisaties):
    in_utrecht, in_gent = twee_organisaties
    response = login_post(client)
    assert response["Location"] == f"{KIES_URL}?next=%2F"

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kies organisatie" in html
    assert "Gemeente Utrecht" in html and "Stad Gent" in html
    assert "<legend" in html and 'type="radio"' in html

    response = client.post(
        KIES_URL, {"organisatie": in_gent.organisatie_id, "next": "/test/staff/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/test/staff/"
    assert client.session[SESSION_ORGANISATIE_KEY] == in_gent.organisatie_id
    assert client.get("/test/staff/").content == f"org={in_gent.organisatie_id}".encode()

    # Switching back later works the same way.
    client.post(KIES_URL, {"organisatie": in_utrecht.organisatie_id})
    assert client.get("/test/staff/").content == f"org={in_utrecht.organisatie_id}".encode()


def test_an_organisation_the_user_does_not_work_for_is_refused(client, twee_organisaties):
    in_utrecht, _ = twee_organisaties
    vreemd = make_organisatie("Gemeente Elders")
    make_medewerker(vreemd, "iemand")
    login_post(client)
    client.post(KIES_URL, {"organisatie": in_utrecht.organisatie_id})

    response = client.post(KIES_URL, {"organisatie": vreemd.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je bent geen medewerker van deze organisatie." in html
    assert 'aria-describedby="id_organisatie_error"' in html
    assert client.session[SESSION_ORGANISATIE_KEY] == in_utrecht.organisatie_id
    assert client.get("/test/staff/").content == f"org={in_utrecht.organisatie_id}".encode()


def test_an_empty_choice_gets_a_dutch_message(client, twee_organisaties):
    login_post(client)
    response = client.post(KIES_URL, {})
    assert "Kies een organisatie." in response.content.decode()


def test_user_of_one_organisation_goes_straight_on(client, db):
    make_medewerker(make_organisatie(), "solo")
    response = login_post(client, username="solo")
    assert response["Location"] == reverse("web:werkvoorraad")


def test_a_deactivated_membership_is_no_longer_offered(client, twee_organisaties):
    _, in_gent = twee_organisaties
    in_gent.actief = False
    in_gent.save()
    response = login_post(client)
    assert response["Location"] == reverse("web:werkvoorraad")
    response = client.post(KIES_URL, {"organisatie": in_gent.organisatie_id})
    assert "Je bent geen medewerker van deze organisatie." in response.content.decode()
