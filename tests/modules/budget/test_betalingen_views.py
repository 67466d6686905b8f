"""The payment screens: list, "maak voorstel voor vandaag", detail with held-back lines and
reasons, four eyes through the browser's POSTs, the pain.001 download, and who gets what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.betalingen.dagvoorstel import dagvoorstel_maken
from raadhuis.modules.budget.models import OpdrachtStatus, VoorstelStatus
from raadhuis.modules.budget.pain001 import pain001_valideren
from tests import factories
from tests.modules.budget.test_betalingen import DINSDAG_1_DEC, inkomen_boeken

BACKEND = "django.contrib.auth.backends.ModelBackend"


def browser(medewerker) -> Client:  # noqa: ANN001
    web = Client()
    web.force_login(medewerker.user, backend=BACKEND)
    return web


@pytest.fixture
def voorstel(consulent_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "900.00")
    return dagvoorstel_maken(
        actor=consulent_actor, organisatie=budgetrekening.organisatie, datum=DINSDAG_1_DEC
    )


def test_list_and_detail_show_payments_and_held_back_reasons(consulent, voorstel):
    web = browser(consulent)

    lijst = web.get(reverse("budget:voorstellen"))
    assert lijst.status_code == 200
    assert reverse("budget:voorstel", args=[voorstel.uuid]) in lijst.content.decode()

    detail = web.get(reverse("budget:voorstel", args=[voorstel.uuid]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Woonstichting De Liemers" in html
    assert "Tegengehouden betalingen" in html
    assert "Onvoldoende saldo" in html
    assert VerwerkingsLog.objects.filter(handeling="Betaalvoorstel ingezien").exists()


def test_maker_sees_a_disabled_button_with_the_reason_and_a_forged_post_is_refused(
    consulent, voorstel
):
    web = browser(consulent)
    html = web.get(reverse("budget:voorstel", args=[voorstel.uuid])).content.decode()
    assert "disabled" in html
    assert "Je hebt dit voorstel zelf gemaakt" in html

    antwoord = web.post(reverse("budget:voorstel_goedkeuren", args=[voorstel.uuid]))

    assert antwoord.status_code == 403
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.TER_GOEDKEURING


def test_second_person_approves_and_downloads_a_valid_pain001(fiatteur, voorstel):
    web = browser(fiatteur)

    antwoord = web.post(reverse("budget:voorstel_goedkeuren", args=[voorstel.uuid]))

    assert antwoord.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.GOEDGEKEURD
    bestand = web.get(reverse("budget:voorstel_pain001", args=[voorstel.uuid]))
    assert bestand.status_code == 200
    assert bestand["Content-Type"] == "application/xml"
    assert bestand["Content-Disposition"].startswith("attachment;")
    pain001_valideren(bestand.content)
    assert b"<CtrlSum>870.00</CtrlSum>" in bestand.content  # 725.00 + 145.00


def test_no_file_before_approval(consulent, voorstel):
    web = browser(consulent)
    assert web.get(reverse("budget:voorstel_pain001", args=[voorstel.uuid])).status_code == 404


def test_rejection_without_reason_gives_a_field_error(fiatteur, voorstel):
    web = browser(fiatteur)
    antwoord = web.post(reverse("budget:voorstel_afwijzen", args=[voorstel.uuid]), {})
    assert antwoord.status_code == 400
    assert "Geef een reden." in antwoord.content.decode()

    antwoord = web.post(
        reverse("budget:voorstel_afwijzen", args=[voorstel.uuid]),
        {"afwijzen-reden": "Bedragen kloppen niet"},
    )
    assert antwoord.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.AFGEWEZEN


def test_overdraft_through_the_screens(consulent, fiatteur, voorstel):
    zorg = voorstel.opdrachten.get(status=OpdrachtStatus.TEGENGEHOUDEN)
    url = reverse("budget:opdracht_actie", args=[zorg.uuid])
    ik, collega = browser(consulent), browser(fiatteur)

    ik.post(url, {"actie": "roodstand_vragen", "reden": "Anders vervalt de polis"})
    geweigerd = ik.post(url, {"actie": "roodstand_toestaan"}, follow=True)
    assert "andere medewerker" in geweigerd.content.decode()
    collega.post(url, {"actie": "roodstand_toestaan"})

    zorg.refresh_from_db()
    assert zorg.status == OpdrachtStatus.VOORGESTELD
    assert zorg.roodstand_toegestaan_door == fiatteur


@freeze_time("2026-12-01 08:00:00")
def test_make_todays_proposal_button(consulent, consulent_actor, budgetrekening):
    inkomen_boeken(consulent_actor, budgetrekening, "1850.00")
    web = browser(consulent)

    antwoord = web.post(reverse("budget:voorstel_maken"))

    assert antwoord.status_code == 302
    voorstel = budgetrekening.betaalopdrachten.first().voorstel
    assert antwoord["Location"] == reverse("budget:voorstel", args=[voorstel.uuid])
    assert voorstel.uitvoerdatum == date(2026, 12, 1)
    assert voorstel.opdrachten.count() == 3
    assert sum(o.bedrag for o in voorstel.opdrachten.all()) == Decimal("1012.50")
    # Pressing it again changes nothing.
    web.post(reverse("budget:voorstel_maken"))
    assert voorstel.opdrachten.count() == 3


def test_team_manager_gets_403_and_colleague_without_grant_404(budget_org, voorstel):
    teamleider = factories.medewerker(budget_org, rollen=(Rol.TEAMLEIDER,))
    zonder_grant = factories.medewerker(budget_org, rollen=(Rol.MEDEWERKER,))
    for url in (
        reverse("budget:voorstellen"),
        reverse("budget:voorstel", args=[voorstel.uuid]),
    ):
        assert browser(teamleider).get(url).status_code == 403
        assert browser(zonder_grant).get(url).status_code == 404
    assert browser(zonder_grant).post(reverse("budget:voorstel_maken")).status_code == 404


def test_anonymous_is_sent_to_login(voorstel):
    antwoord = Client().get(reverse("budget:voorstel", args=[voorstel.uuid]))
    assert antwoord.status_code == 302
    assert "login" in antwoord["Location"]
