"""The fixed cost of every staff page: the user comes with the medewerker in one query (two
queries in all before the view: session and medewerker), the medewerker query is compiled once
per connection, and the main menu is rendered once per (language, roles, page, entries).

None of it may weaken the session rules: a password change, a user made inactive, a logout
or a lost membership end access at the next page, in every worker, because everything is
still read from the database on every request."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.staff import medewerker_for_request, zaaktypen_cache_clear
from raadhuis.kernel.organisations.models import Rol
from raadhuis.web.auth.selectors import second_factor_annotations
from raadhuis.web.menu import Hoofdmenu, hoofdmenu_cache_clear, hoofdmenu_html
from tests.web.test_auth import PASSWORD, login_post, make_medewerker, make_organisatie

pytestmark = pytest.mark.urls("tests.web.test_auth")  # /test/staff/ behind staff_required

STAFF = "/test/staff/"
LOGIN = reverse("web:login")


@pytest.fixture(autouse=True)
def _koud():
    zaaktypen_cache_clear()
    hoofdmenu_cache_clear()
    yield
    hoofdmenu_cache_clear()


@pytest.fixture
def anna(db):
    return make_medewerker(make_organisatie())


def _logged_in(client, medewerker) -> None:
    assert login_post(client, username=medewerker.user.username).status_code == 302
    client.get(STAFF)  # the first request after login also saves the session


def test_a_staff_page_costs_two_queries_before_its_view(client, anna, django_assert_num_queries):
    _logged_in(client, anna)
    with django_assert_num_queries(2):  # the session; the medewerker with its user
        response = client.get(STAFF)
    assert response.content == f"org={anna.organisatie_id}".encode()


def test_the_request_user_is_the_medewerkers_user(client, anna):
    _logged_in(client, anna)
    response = client.get(STAFF)
    request = response.wsgi_request
    assert request.user.pk == anna.user_id
    assert request.user.is_authenticated
    assert request.user._wrapped._wrapped is request.medewerker.user  # the same row, read once
    assert request.user.is_verified() is False  # django-otp's fields are still set


def test_a_password_change_elsewhere_ends_the_session(client, anna):
    _logged_in(client, anna)
    anna.user.set_password("Een-Nieuw-Wachtwoord-2026")
    anna.user.save()
    response = client.get(STAFF)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session  # Django flushed it, as before


def test_a_user_made_inactive_is_logged_out_at_the_next_page(client, anna):
    _logged_in(client, anna)
    get_user_model().objects.filter(pk=anna.user_id).update(is_active=False)
    response = client.get(STAFF)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_lost_membership_is_refused_at_the_next_page(client, anna):
    _logged_in(client, anna)
    type(anna).objects.filter(pk=anna.pk).update(actief=False)
    assert client.get(STAFF).status_code == 403


def test_logout_ends_the_session_for_the_next_page(client, anna):
    _logged_in(client, anna)
    client.post(reverse("web:logout"))
    assert client.get(STAFF).status_code == 302


def test_a_user_without_medewerker_is_still_loaded_by_django(client, db):
    get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    client.force_login(get_user_model().objects.get(username="root"))
    assert client.get(STAFF).status_code == 403  # no medewerker: not staff
    assert client.get("/admin/").status_code == 200  # but logged in


def test_the_compiled_query_reads_the_same_medewerker(anna, db):
    elders = make_medewerker(make_organisatie("Gemeente Elders"), user=anna.user)
    for organisatie_id in (None, elders.organisatie_id, anna.organisatie_id, 987654):
        snel = medewerker_for_request(
            user=anna.user_id, organisatie_id=organisatie_id, extra=second_factor_annotations
        )
        gewoon = medewerker_for_request(
            user=anna.user, organisatie_id=organisatie_id, **second_factor_annotations()
        )
        assert snel.pk == gewoon.pk
        assert snel.organisatie == gewoon.organisatie
        assert snel.organisatie.naam == gewoon.organisatie.naam
        assert snel.user.username == gewoon.user.username
        assert snel.rollen == gewoon.rollen
        assert (snel.heeft_totp_apparaat, snel.totp_verplicht_ergens) == (False, False)
        assert Actor.for_medewerker(snel) == Actor.for_medewerker(gewoon)
    assert (
        medewerker_for_request(user=987654, organisatie_id=None, extra=second_factor_annotations)
        is None
    )


def test_the_compiled_query_is_compiled_once(anna, db):
    medewerker_for_request(user=anna.user_id, organisatie_id=None, extra=second_factor_annotations)
    with CaptureQueriesContext(connection) as ctx:
        medewerker_for_request(
            user=anna.user_id, organisatie_id=None, extra=second_factor_annotations
        )
    assert len(ctx.captured_queries) == 1


# --- the main menu -----------------------------------------------------------------------


def _request(path: str, medewerker):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    request.user = medewerker.user
    request.actor = Actor.for_medewerker(medewerker)
    return request


def _fresh(request) -> str:
    return render_to_string("web/_nav.html", {"actor": request.actor, "request": request})


@pytest.mark.urls("raadhuis.conf.urls")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_menu_from_the_cache_is_the_menu_rendered_afresh(db, language):
    org = make_organisatie()
    medewerker = make_medewerker(org, "mw", rollen=(Rol.MEDEWERKER,))
    beheer = make_medewerker(org, "fb", rollen=(Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR))
    with translation.override(language):
        for m in (medewerker, beheer):
            for path in ("/", "/zaken/", "/partijen/", "/audit/", "/processen/"):
                request = _request(path, m)
                first = hoofdmenu_html(request)
                assert first == _fresh(request)
                assert hoofdmenu_html(_request(path, m)) == first  # from the cache
        zaken = hoofdmenu_html(_request("/zaken/", medewerker))
        assert 'href="/zaken/" aria-current="page"' in zaken
        assert "/processen/" not in zaken  # not the medewerker's
        assert "/processen/" in hoofdmenu_html(_request("/zaken/", beheer))
    assert ("Zaken" if language == "nl" else "Cases") in zaken


@pytest.mark.urls("raadhuis.conf.urls")
def test_a_role_taken_away_is_gone_from_the_menu_at_the_next_page(db):
    beheer = make_medewerker(make_organisatie(), "fb", rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    assert "/processen/" in hoofdmenu_html(_request("/", beheer))
    beheer.rollen = [Rol.MEDEWERKER]
    assert "/processen/" not in hoofdmenu_html(_request("/", beheer))


def test_the_menu_is_rendered_only_where_a_page_shows_it(anna, client):
    _logged_in(client, anna)
    response = client.get(STAFF)
    menu = Hoofdmenu(response.wsgi_request)
    assert menu._html is None  # the test page shows no menu: never rendered
    assert "rh-nav__link" in str(menu)
