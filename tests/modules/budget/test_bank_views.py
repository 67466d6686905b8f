"""The bank screens: upload with the per-entry report, the queue, manual matching and setting
aside through the browser's POSTs, the statement list, and who gets what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.budget.grootboek.rekeningen import beschikbaar_saldo
from raadhuis.modules.budget.models import Bankafschrift, Bankmutatie, MutatieStatus
from raadhuis.modules.budget.testbestanden import Regel, camt053_maken, mt940_maken
from tests import factories
from tests.modules.budget.conftest import BACKEND, BEHEER_IBAN, CLIENT_IBAN, WERKGEVER_IBAN

D = Decimal


def _browser(medewerker) -> Client:  # noqa: ANN001
    web = Client()
    web.force_login(medewerker.user, backend=BACKEND)
    return web


def _afschrift(kenmerk: str = "") -> bytes:
    return camt053_maken(
        iban=BEHEER_IBAN,
        regels=[
            Regel(D("1850.00"), WERKGEVER_IBAN, "Werkgever Zevenaar BV", "Salaris"),
            Regel(D("12.34"), "NL02ABNA0123456789", "Familie Jansen", "Voor Petra"),
        ],
        datum=date(2026, 2, 25),
    )


def _upload(web: Client, inhoud: bytes, naam: str = "afschrift.xml"):  # noqa: ANN202
    return web.post(reverse("budget:bank_import"), {"bestand": SimpleUploadedFile(naam, inhoud)})


def test_upload_shows_the_report_and_a_second_upload_skips_everything(consulent, budgetrekening):
    web = _browser(consulent)
    assert web.get(reverse("budget:bank_import")).status_code == 200
    antwoord = _upload(web, _afschrift())
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Het afschrift is ingelezen" in tekst
    assert "Werkgever Zevenaar BV" in tekst
    rapport = antwoord.context["rapport"]
    assert (rapport.matched, rapport.unmatched) == (1, 1)
    nog_eens = _upload(web, _afschrift())
    assert nog_eens.context["rapport"].skipped_duplicates == 2
    assert Bankmutatie.objects.count() == 2


def test_upload_of_mt940_works_too(consulent, budgetrekening):
    inhoud = mt940_maken(
        iban=BEHEER_IBAN,
        regels=[Regel(D("20.00"), CLIENT_IBAN, "P. Jansen", "Storting")],
        datum=date(2026, 2, 25),
    )
    antwoord = _upload(_browser(consulent), inhoud, "afschrift.sta")
    assert antwoord.context["rapport"].matched == 1


def test_a_broken_file_shows_dutch_errors_not_a_500(consulent, beheerrekening):
    web = _browser(consulent)
    antwoord = _upload(web, b"<Document><kapot")
    assert antwoord.status_code == 400
    assert "Het afschrift is niet ingelezen" in antwoord.content.decode()
    assert "niet goed opgebouwd" in antwoord.content.decode()
    leeg = web.post(reverse("budget:bank_import"), {})
    assert leeg.status_code == 400
    assert "Kies het bestand met het bankafschrift." in leeg.content.decode()
    assert not Bankafschrift.objects.exists()


def test_queue_match_by_kenmerk_and_set_aside(consulent, budgetrekening):
    web = _browser(consulent)
    _upload(web, _afschrift())
    wachtrij = web.get(reverse("budget:bank_wachtrij"))
    assert wachtrij.status_code == 200
    assert "Familie Jansen" in wachtrij.content.decode()
    assert VerwerkingsLog.objects.filter(handeling="bankmutaties bekeken").exists()
    mutatie = Bankmutatie.objects.get(status=MutatieStatus.TE_MATCHEN)
    detail = web.get(reverse("budget:bank_mutatie", args=[mutatie.uuid]))
    assert detail.status_code == 200
    fout = web.post(
        reverse("budget:bank_mutatie_matchen", args=[mutatie.uuid]), {"match-kenmerk": "BB9999999"}
    )
    assert fout.status_code == 400
    assert "geen actieve budgetrekening met dit kenmerk" in fout.content.decode()
    klaar = web.post(
        reverse("budget:bank_mutatie_matchen", args=[mutatie.uuid]),
        {"match-kenmerk": budgetrekening.kenmerk.lower(), "match-toelichting": "Gebeld"},
    )
    assert klaar.status_code == 302
    assert beschikbaar_saldo(budgetrekening) == D("1862.34")
    # Already handled: the form is gone and a second POST is refused with a message.
    opnieuw = web.post(
        reverse("budget:bank_mutatie_negeren", args=[mutatie.uuid]), {"negeren-reden": "x"}
    )
    assert opnieuw.status_code == 400
    assert "al verwerkt" in opnieuw.content.decode()


def test_set_aside_needs_a_reason(consulent, budgetrekening):
    web = _browser(consulent)
    _upload(web, _afschrift())
    mutatie = Bankmutatie.objects.get(status=MutatieStatus.TE_MATCHEN)
    url = reverse("budget:bank_mutatie_negeren", args=[mutatie.uuid])
    assert web.post(url, {"negeren-reden": ""}).status_code == 400
    assert web.post(url, {"negeren-reden": "Rente"}).status_code == 302
    mutatie.refresh_from_db()
    assert mutatie.status == MutatieStatus.GENEGEERD


def test_statement_list_and_detail(consulent, budgetrekening):
    web = _browser(consulent)
    _upload(web, _afschrift())
    lijst = web.get(reverse("budget:bank_afschriften"))
    assert lijst.status_code == 200
    afschrift = Bankafschrift.objects.get()
    assert afschrift.afschrift_id in lijst.content.decode()
    detail = web.get(reverse("budget:bank_afschrift", args=[afschrift.uuid]))
    assert detail.status_code == 200
    assert budgetrekening.kenmerk in detail.content.decode()


@pytest.mark.parametrize(
    ("rollen", "grant", "verwacht"),
    [
        ((Rol.TEAMLEIDER,), False, 403),
        ((Rol.AUDITOR,), False, 403),
        ((Rol.FUNCTIONEEL_BEHEERDER,), False, 403),
        ((Rol.MEDEWERKER,), False, 404),
    ],
)
def test_who_gets_what(budget_org, budgetrekening, rollen, grant, verwacht):
    web = _browser(factories.medewerker(budget_org, rollen=rollen))
    for naam in ("budget:bank_import", "budget:bank_wachtrij", "budget:bank_afschriften"):
        assert web.get(reverse(naam)).status_code == verwacht, naam


def test_anonymous_is_sent_to_the_login(client, budget_org):
    antwoord = client.get(reverse("budget:bank_wachtrij"))
    assert antwoord.status_code == 302
    assert "login" in antwoord["Location"]


def test_another_organisations_entry_is_not_found(consulent, budgetrekening):
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.modules.budget.bankimport.importeren import afschrift_importeren
    from raadhuis.modules.budget.catalogus import budget_catalogus_ensure
    from raadhuis.modules.budget.services.rekeningen import beheerrekening_ensure

    ander = factories.organisatie("Andere gemeente")
    budget_catalogus_ensure(ander)
    beheerrekening_ensure(ander, BEHEER_IBAN, "Ander")
    afschrift_importeren(actor=Actor.system(ander), organisatie=ander, inhoud=_afschrift())
    vreemd = Bankmutatie.objects.filter(organisatie=ander).first()
    web = _browser(consulent)
    assert web.get(reverse("budget:bank_mutatie", args=[vreemd.uuid])).status_code == 404
    assert (
        web.post(
            reverse("budget:bank_mutatie_negeren", args=[vreemd.uuid]), {"negeren-reden": "x"}
        ).status_code
        == 404
    )
