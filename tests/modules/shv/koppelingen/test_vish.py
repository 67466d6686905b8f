"""The VISH over real HTTP on localhost: an admission is registered and deregistered through the
double; when the VISH is down the registration is recorded as failed and sent on retry."""

from __future__ import annotations

import pytest
from django.utils import timezone

from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.koppelingen.doubles.vish import DOUBLE_API_KEY, serve_in_thread
from raadhuis.modules.shv.koppelingen.models import VishRegistratie, VishStatus
from raadhuis.modules.shv.koppelingen.vish import (
    registratie_versturen,
    vish_aanmelden,
    vish_afmelden,
    vish_verzenden,
)
from tests import factories


@pytest.fixture(scope="module")
def vish_server():
    url, app, stop = serve_in_thread()
    yield url, app
    stop()


@pytest.fixture
def vish(vish_server, settings):
    url, app = vish_server
    settings.VISH_URL = url
    settings.VISH_API_KEY = DOUBLE_API_KEY
    app.storing = False
    app.registraties.clear()
    return app


def test_register_and_deregister_over_http(ik, dossier, vish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = vish_aanmelden(ik, dossier)
    aanmelding.refresh_from_db()
    assert aanmelding.status == VishStatus.GELUKT and aanmelding.pogingen == 1
    bsn = dossier.client.concreet.bsn
    [registratie] = vish.actief(bsn)
    assert registratie["zaak"] == dossier.zaak.identificatie
    assert registratie["id"] == aanmelding.vish_id
    with django_capture_on_commit_callbacks(execute=True):
        afmelding = vish_afmelden(ik, dossier)
    afmelding.refresh_from_db()
    assert afmelding.status == VishStatus.GELUKT and afmelding.vish_id == aanmelding.vish_id
    assert vish.actief(bsn) == [] and vish.registraties[aanmelding.vish_id]["einddatum"]


def test_failure_is_recorded_and_retried(ik, dossier, vish, django_capture_on_commit_callbacks):
    vish.storing = True
    with django_capture_on_commit_callbacks(execute=True):
        registratie = vish_aanmelden(ik, dossier)
    registratie.refresh_from_db()
    assert registratie.status == VishStatus.MISLUKT
    assert "tijdelijk niet beschikbaar (503)" in registratie.laatste_fout
    assert registratie.volgende_poging_na > timezone.now()
    # Not due yet: the retry run leaves it; once due, it is sent.
    assert vish_verzenden() == {"gelukt": 0, "mislukt": 0}
    vish.storing = False
    VishRegistratie.objects.filter(pk=registratie.pk).update(volgende_poging_na=timezone.now())
    assert vish_verzenden() == {"gelukt": 1, "mislukt": 0}
    registratie.refresh_from_db()
    assert registratie.status == VishStatus.GELUKT and registratie.pogingen == 2


def test_wrong_key_and_unconfigured_are_failures_not_crashes(ik, dossier, vish, settings):
    with pytest.MonkeyPatch.context():
        settings.VISH_API_KEY = "fout"
        registratie = vish_aanmelden(ik, dossier)  # on_commit does not run in this test
        assert registratie_versturen(registratie.pk).status == VishStatus.MISLUKT
        settings.VISH_URL = ""
        uitkomst = registratie_versturen(registratie.pk)
        assert "niet ingesteld" in uitkomst.laatste_fout


def test_team_leader_cannot_register(shv_org, dossier):
    teamleider = factories.actor(factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        vish_aanmelden(teamleider, dossier)
    assert vish_afmelden(teamleider, dossier) is None  # never registered: nothing to end
