"""The exchange status screens (issue 4, integrations): per dossier the consultant sees every
VISH (de)registration and every Schuldenknooppunt message with its times, a failure with its
Dutch reason, and can retry; the organisation overview shows the functional administrator
(case numbers only, never a client's name) and the consultant what waits and what failed.
Real HTTP (the VISH double on localhost) and real files (the Schuldenknooppunt folders)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.koppelingen.doubles.skn import SchuldeisersDouble
from raadhuis.modules.shv.koppelingen.doubles.vish import DOUBLE_API_KEY, serve_in_thread
from raadhuis.modules.shv.koppelingen.models import SknBericht, SknBerichtStatus, VishStatus
from raadhuis.modules.shv.koppelingen.vish import vish_aanmelden
from raadhuis.modules.shv.models import SchuldStatus
from raadhuis.modules.shv.services import schuld_create, schuldeiser_create
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"


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


@pytest.fixture
def skn_map(tmp_path, settings):
    settings.SHV_SKN_MAP = str(tmp_path / "skn")
    return tmp_path / "skn"


@pytest.fixture
def schulden(ik, dossier):
    huur = schuldeiser_create(actor=ik, naam="Woonstichting De Liemers (fictief)")
    energie = schuldeiser_create(actor=ik, naam="Stroomgoed Energie (fictief)")
    return [
        schuld_create(
            actor=ik, dossier=dossier, schuldeiser=s, kenmerk=k, status=SchuldStatus.OPGEVRAAGD
        )
        for s, k in ((huur, "HUUR-7"), (energie, "E-42"))
    ]


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_a_failed_vish_registration_shows_its_reason_and_a_retry_succeeds(
    client, consulent, ik, dossier, vish, django_capture_on_commit_callbacks
):
    vish.storing = True
    with django_capture_on_commit_callbacks(execute=True):
        registratie = vish_aanmelden(ik, dossier)
    registratie.refresh_from_db()
    assert registratie.status == VishStatus.MISLUKT

    _login(client, consulent)
    pagina = client.get(reverse("shv:koppeling_dossier", args=[dossier.zaak.uuid]))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "VISH-registraties van dit dossier" in tekst
    assert registratie.laatste_fout in tekst  # the Dutch reason, e.g. "tijdelijk niet beschikbaar"
    assert "Mislukt, wordt opnieuw geprobeerd" in tekst and "Opnieuw versturen" in tekst

    vish.storing = False
    response = client.post(
        reverse("shv:koppeling_vish_opnieuw", args=[registratie.uuid]),
        {"dossier": str(dossier.zaak.uuid)},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("shv:koppeling_dossier", args=[dossier.zaak.uuid])
    registratie.refresh_from_db()
    assert registratie.status == VishStatus.GELUKT and registratie.pogingen == 2
    assert registratie.vish_id and vish.actief(dossier.client.concreet.bsn)
    assert AuditEntry.objects.filter(
        actie="vish_opnieuw_verstuurd", zaak_uuid=dossier.zaak.uuid
    ).exists()
    # A registration the VISH has processed cannot be sent again.
    again = client.post(reverse("shv:koppeling_vish_opnieuw", args=[registratie.uuid]), follow=True)
    assert "De VISH heeft deze registratie al verwerkt." in again.content.decode()


def test_the_dossier_page_shows_what_went_to_the_schuldenknooppunt_and_what_came_back(
    client, consulent, dossier, schulden, skn_map
):
    _login(client, consulent)
    url = reverse("shv:koppeling_dossier", args=[dossier.zaak.uuid])
    assert (
        "Saldoverzoeken klaarzetten voor 2 opgevraagde schulden" in client.get(url).content.decode()
    )

    client.post(reverse("shv:koppeling_skn_saldoverzoeken", args=[dossier.zaak.uuid]))
    assert SknBericht.objects.filter(status=SknBerichtStatus.KLAARGEZET).count() == 2
    verstuurd = client.post(
        reverse("shv:koppeling_skn_versturen"), {"dossier": str(dossier.zaak.uuid)}, follow=True
    )
    assert "De berichten zijn verstuurd in batch" in verstuurd.content.decode()

    SchuldeisersDouble(skn_map, saldi={"HUUR-7": Decimal("1250.00")}).beantwoorden(
        op=date(2026, 11, 20)
    )
    verwerkt = client.post(
        reverse("shv:koppeling_skn_antwoorden"), {"dossier": str(dossier.zaak.uuid)}, follow=True
    )
    tekst = verwerkt.content.decode()
    assert "1 antwoordbestand(en) verwerkt, met 2 opgave(n)." in tekst
    assert "Berichten van en naar het Schuldenknooppunt" in tekst
    assert tekst.count("Ontvangen van de schuldeiser") == 2
    assert tekst.count("Beantwoord") == 2 and "Woonstichting De Liemers (fictief)" in tekst


def test_a_refused_answer_file_shows_its_reason_and_can_be_offered_again(
    client, consulent, ik, dossier, schulden, skn_map
):
    from raadhuis.modules.shv.koppelingen.skn import (
        skn_saldoverzoeken_klaarzetten,
        skn_versturen,
    )

    skn_saldoverzoeken_klaarzetten(actor=ik, dossier=dossier)
    skn_versturen(actor=ik)
    [pad] = SchuldeisersDouble(skn_map).beantwoorden()
    goed = pad.read_text()
    data = json.loads(goed)
    data["berichten"][1]["actueel_bedrag"] = "veel"
    pad.write_text(json.dumps(data))

    fb = factories.medewerker(dossier.organisatie, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    _login(client, fb)
    response = client.post(reverse("shv:koppeling_skn_antwoorden"), follow=True)
    tekst = response.content.decode()
    assert f"Antwoordbestand ‘{pad.name}’ is niet verwerkt" in tekst
    overzicht = client.get(reverse("shv:koppelingen")).content.decode()
    assert pad.name in overzicht and "geen bedrag" in overzicht
    assert dossier.zaak.identificatie in overzicht  # waiting for an answer, by case number
    assert dossier.client.weergavenaam not in overzicht, "never a client's name"

    # The creditor's file is corrected in the fout/ folder; offered again it is applied.
    (skn_map / "fout" / pad.name).write_text(goed)
    opnieuw = client.post(reverse("shv:koppeling_skn_opnieuw"), {"bestand": pad.name}, follow=True)
    assert "1 antwoordbestand(en) verwerkt, met 2 opgave(n)." in opnieuw.content.decode()
    assert not (skn_map / "fout" / pad.name).exists()
    assert AuditEntry.objects.filter(actie="skn_antwoord_opnieuw_aangeboden").exists()
    opgave = AuditEntry.objects.filter(actie="skn_opgave_ontvangen").last()
    assert "gestart door" in opgave.actor_weergave  # applied by the system, on the fb's behalf
    # A name that is not a refused file (or leaves the folder) is refused in Dutch.
    fout = client.post(reverse("shv:koppeling_skn_opnieuw"), {"bestand": "../x.json"}, follow=True)
    assert "staat niet bij de fouten" in fout.content.decode()


def test_a_send_failure_keeps_the_messages_queued_with_a_dutch_reason(
    client, consulent, dossier, schulden, tmp_path, settings
):
    blokkade = tmp_path / "geen-map"
    blokkade.write_text("dit is een bestand, geen map")
    settings.SHV_SKN_MAP = str(blokkade)
    _login(client, consulent)
    client.post(reverse("shv:koppeling_skn_saldoverzoeken", args=[dossier.zaak.uuid]))
    response = client.post(reverse("shv:koppeling_skn_versturen"), follow=True)
    assert "Versturen naar het Schuldenknooppunt is mislukt" in response.content.decode()
    assert SknBericht.objects.filter(status=SknBerichtStatus.KLAARGEZET).count() == 2


def test_who_sees_what(client, consulent, dossier, shv_org):
    url_dossier = reverse("shv:koppeling_dossier", args=[dossier.zaak.uuid])
    url_overzicht = reverse("shv:koppelingen")
    fb = factories.medewerker(shv_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,))
    teamleider = factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,))
    collega = factories.medewerker(shv_org, rollen=(Rol.MEDEWERKER,))  # no debt track granted
    verwacht = {
        consulent: (200, 200),
        fb: (403, 200),
        teamleider: (403, 403),
        collega: (404, 200),
    }
    for medewerker, (dossier_status, overzicht_status) in verwacht.items():
        _login(client, medewerker)
        assert client.get(url_dossier).status_code == dossier_status, medewerker
        assert client.get(url_overzicht).status_code == overzicht_status, medewerker
    client.logout()
    assert client.get(url_overzicht).status_code == 302
