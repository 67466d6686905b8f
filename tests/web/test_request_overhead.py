"""What every staff page costs before its view starts, and the second-factor rule that the
staff gate now reads with the medewerker instead of with queries of its own.

The middleware reads the medewerker, its organisation and grants, the zaaktype fingerprint and
the two second-factor facts in one query, every request. So changes to the second factor take
effect at the next page view with nothing to invalidate: these tests change the data between
two requests of a logged-in user and check that the gate follows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from raadhuis.kernel.access.staff import zaaktypen_cache_clear
from raadhuis.kernel.organisations.models import Medewerker
from tests.web.test_auth import login_post, make_medewerker, make_organisatie
from tests.web.test_auth_totp import code_for

pytestmark = pytest.mark.urls("tests.web.test_auth")  # /test/staff/ behind staff_required

STAFF = "/test/staff/"
TOTP_URL = "/login/tweede-factor/"
SETUP_URL = "/login/tweede-factor/instellen/"
# session; the medewerker with its user and everything its actor and the gate need.
STAFF_PAGE_QUERIES = 2


def _staff_queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(STAFF)
    return len(ctx.captured_queries), response


@pytest.fixture
def anna(db):
    return make_medewerker(make_organisatie())


def _logged_in(client, medewerker) -> None:
    assert login_post(client, username=medewerker.user.username).status_code == 302
    client.get(STAFF)  # the first request after login also saves the session


def test_a_staff_page_costs_three_queries_before_its_view(client, anna):
    zaaktypen_cache_clear()
    _logged_in(client, anna)
    queries, response = _staff_queries(client)
    assert response.status_code == 200
    assert queries == STAFF_PAGE_QUERIES


def test_a_verified_user_adds_only_the_device_lookup(client, anna):
    device = TOTPDevice.objects.create(user=anna.user, name="Raadhuis", confirmed=True)
    login_post(client, username=anna.user.username)
    assert client.post(TOTP_URL, {"code": code_for(device)}).status_code == 302
    client.get(STAFF)
    queries, response = _staff_queries(client)
    assert response.status_code == 200
    # django-otp's middleware loads the verified device from the session: one query more.
    assert queries == STAFF_PAGE_QUERIES + 1


def test_device_added_by_an_administrator_asks_the_code_at_the_next_page(client, anna):
    _logged_in(client, anna)
    assert client.get(STAFF).status_code == 200
    TOTPDevice.objects.create(user=anna.user, name="Raadhuis", confirmed=True)
    response = client.get(STAFF)
    assert response.status_code == 302
    assert response["Location"] == f"{TOTP_URL}?next=%2Ftest%2Fstaff%2F"


def test_an_unconfirmed_device_changes_nothing(client, anna):
    _logged_in(client, anna)
    TOTPDevice.objects.create(user=anna.user, name="Raadhuis", confirmed=False)
    assert client.get(STAFF).status_code == 200


def test_another_organisation_of_the_user_demanding_totp_forces_enrolment(client, anna):
    """The rule is per user: the organisation that switches it on need not be the chosen one."""
    elders = make_organisatie("Gemeente Elders")
    make_medewerker(elders, user=anna.user)
    _logged_in(client, anna)
    assert client.get(STAFF).status_code == 200  # works for the first organisation
    elders.totp_verplicht = True
    elders.save()
    response = client.get(STAFF)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next=%2Ftest%2Fstaff%2F"
    # and it stays so until the user has set up the factor
    assert client.get(STAFF)["Location"] == f"{SETUP_URL}?next=%2Ftest%2Fstaff%2F"


def test_joining_an_organisation_that_demands_totp_forces_enrolment(client, anna):
    _logged_in(client, anna)
    streng = make_organisatie("Gemeente Streng", totp_verplicht=True)
    nieuw = make_medewerker(streng, user=anna.user)
    nieuw.actief = False
    nieuw.save()
    assert client.get(STAFF).status_code == 200  # an inactive record demands nothing
    Medewerker.objects.filter(pk=nieuw.pk).update(actief=True)
    assert client.get(STAFF)["Location"] == f"{SETUP_URL}?next=%2Ftest%2Fstaff%2F"


def test_a_user_who_must_enrol_cannot_pass_until_enrolled(client, db):
    verplicht = make_medewerker(make_organisatie("Gemeente Streng", totp_verplicht=True))
    response = login_post(client, username=verplicht.user.username)
    assert response["Location"] == SETUP_URL
    for _ in range(2):
        assert client.get(STAFF).status_code == 302
    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=verplicht.user)
    response = client.post(SETUP_URL, {"code": code_for(device), "next": STAFF})
    assert response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200


def test_switching_totp_off_and_removing_the_device_lets_the_user_pass(client, db):
    streng = make_organisatie("Gemeente Streng", totp_verplicht=True)
    bert = make_medewerker(streng, username="bert")
    login_post(client, username="bert")
    assert client.get(STAFF).status_code == 302
    streng.totp_verplicht = False
    streng.save()
    TOTPDevice.objects.filter(user=bert.user).delete()
    # The pending login ended at the password step; a fresh login needs no code now.
    response = login_post(client, username="bert", next=STAFF)
    assert response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200
