"""Who sees what: a consultant sees the dossiers of their granted tracks, with every read in
the processing log; a consultant without a debt track gets 404; a team leader 403 on every
page with client data. The caseload puts late items first and costs a fixed number of queries
whatever its length."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import Taak
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.shv import selectors
from raadhuis.modules.shv.models import Dreiging
from raadhuis.modules.shv.services import schuldeiser_create, shv_aanmelding_create
from tests import factories
from tests.modules.shv.conftest import shv_grants

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _urls(dossier, schuldeiser=None) -> list[str]:  # noqa: ANN001
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
        reverse("shv:schuldeisers"),
        reverse("shv:schuldeiser_create"),
    ]
    if schuldeiser is not None:
        urls.append(reverse("shv:schuldeiser", args=[schuldeiser.uuid]))
    return urls


@pytest.fixture
def linge(ik):
    return schuldeiser_create(
        actor=ik, naam="Woningstichting De Linge (fictief)", kvk_nummer="12345678"
    )


def test_a_team_leader_gets_403_on_every_page(client, shv_org, team_shv, dossier, linge):
    teamleider = factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,), team=team_shv)
    client.force_login(teamleider.user, backend=BACKEND)
    for url in _urls(dossier, linge):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Testelink" not in response.content.decode()


def test_a_consultant_without_a_debt_track_gets_404(client, shv_org, dossier, linge):
    klacht = factories.zaaktype(shv_org, identificatie="KLACHT")
    ander = factories.medewerker(shv_org, zaaktypen=(klacht,))
    client.force_login(ander.user, backend=BACKEND)
    for url in _urls(dossier, linge):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Testelink" not in response.content.decode()


def test_a_consultant_of_another_organisation_gets_404(client, dossier):
    elders = factories.organisatie("Gemeente Elders")
    from raadhuis.modules.shv.catalogus import shv_catalogus_ensure

    shv_catalogus_ensure(elders)
    vreemde = factories.medewerker(elders)
    shv_grants(vreemde)
    client.force_login(vreemde.user, backend=BACKEND)
    response = client.get(reverse("shv:dossier", args=[dossier.zaak.uuid]))
    assert response.status_code == 404
    assert client.get(reverse("shv:caseload")).status_code == 200


def test_anonymous_is_sent_to_the_login(client, dossier):
    response = client.get(reverse("shv:dossier", args=[dossier.zaak.uuid]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_selectors_refuse_without_access(shv_org, dossier):
    teamleider = factories.actor(factories.medewerker(shv_org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        selectors.dossier_get(actor=teamleider, zaak_uuid=dossier.zaak.uuid)
    zonder = factories.actor(factories.medewerker(shv_org))
    with pytest.raises(NietGevonden):
        selectors.dossier_get(actor=zonder, zaak_uuid=dossier.zaak.uuid)
    with pytest.raises(NietGevonden):
        selectors.caseload(actor=zonder)


def test_reading_a_dossier_is_logged_with_client_and_household(ik, dossier):
    voor = VerwerkingsLog.objects.count()
    selectors.dossier_get(actor=ik, zaak_uuid=dossier.zaak.uuid)
    rijen = list(VerwerkingsLog.objects.order_by("id")[voor:])
    assert {r.handeling for r in rijen} == {"Schuldhulpdossier ingezien"}
    namen = {r.partij_weergave for r in rijen}
    assert "Mohamed Testelink" in namen
    assert len(rijen) == 1 + dossier.huishouden.count()
    assert {r.zaak_identificatie for r in rijen} == {dossier.zaak.identificatie}


# --- caseload -------------------------------------------------------------------------------


def _aanmelden(ik, msr, bsn: str, datum: date, dreiging: str = ""):  # noqa: ANN001
    return shv_aanmelding_create(
        actor=ik, bsn=bsn, zaaktype=msr, aanmeldingsdatum=datum, dreiging=dreiging
    )


def test_late_items_come_first(ik, msr, gezin, consulent):
    today = vandaag(consulent.organisatie.tijdzone)
    rustig = _aanmelden(ik, msr, gezin.bsn, today)  # first conversation in 4 weeks
    spoed = _aanmelden(ik, msr, gezin.bsn, today, Dreiging.ENERGIE)  # in 3 working days
    te_laat = _aanmelden(ik, msr, gezin.bsn, today - timedelta(days=60))  # term passed
    taak_later = _aanmelden(ik, msr, gezin.bsn, today)
    taak_create(
        actor=ik,
        zaak=taak_later.zaak,
        titel="Bankafschriften opvragen",
        toegewezen_aan=consulent,
        vervaldatum=today - timedelta(days=1),
    )
    # The standard process adds a step task to each; this test is about the legal terms.
    for taak in Taak.objects.filter(titel="Stukkenlijst naar de cliënt sturen"):
        taak_complete(actor=ik, taak=taak)
    volgorde = [d.pk for d in selectors.caseload(actor=ik)]
    assert volgorde == [te_laat.pk, taak_later.pk, spoed.pk, rustig.pk]
    eerste = selectors.caseload(actor=ik).first()
    assert eerste.te_laat_aantal == 1 and eerste.open_taken_aantal == 1


def test_filters_by_phase_track_and_owner(ik, shv_org, msr, gezin, consulent):
    from tests.modules.shv.conftest import traject

    today = vandaag(consulent.organisatie.tijdzone)
    _aanmelden(ik, msr, gezin.bsn, today)
    advies = shv_aanmelding_create(
        actor=ik, bsn=gezin.bsn, zaaktype=traject(shv_org, "SHV-ADVIES"), aanmeldingsdatum=today
    )
    collega = factories.medewerker(shv_org)
    shv_grants(collega)
    shv_aanmelding_create(
        actor=factories.actor(collega), bsn=gezin.bsn, zaaktype=msr, aanmeldingsdatum=today
    )
    assert selectors.caseload(actor=ik).count() == 2
    assert selectors.caseload(actor=ik, alleen_eigen=False).count() == 3
    assert [d.pk for d in selectors.caseload(actor=ik, traject="SHV-ADVIES")] == [advies.pk]
    assert selectors.caseload(actor=ik, fase="intake").count() == 0
    assert selectors.caseload(actor=ik, fase="aanmelding").count() == 2


def test_the_caseload_page_costs_the_same_queries_for_10_and_50_rows(
    client, ik, msr, gezin, consulent
):
    client.force_login(consulent.user, backend=BACKEND)
    today = vandaag(consulent.organisatie.tijdzone)

    def aantal_queries() -> tuple[int, str]:
        url = reverse("shv:caseload") + "?page_size=100"
        client.get(url)  # warm up: session, content types
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    for n in range(10):
        dossier = _aanmelden(ik, msr, gezin.bsn, today - timedelta(days=n * 3))
        taak_create(
            actor=ik, zaak=dossier.zaak, titel="Taak", toegewezen_aan=consulent, termijn_werkdagen=n
        )
    bij_10, body = aantal_queries()
    assert body.count('data-label="Dossier"') == 10
    for n in range(40):
        _aanmelden(ik, msr, gezin.bsn, today - timedelta(days=n))
    bij_50, body = aantal_queries()
    assert body.count('data-label="Dossier"') == 50
    assert bij_10 == bij_50
