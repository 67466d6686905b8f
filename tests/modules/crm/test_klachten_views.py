"""The complaint screens: intake through the browser forms, every handling step, the list with
filters, the report and its CSV, access per role and department, and the acknowledgement
e-mail delivered to a real SMTP server on localhost."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.messaging.bezorging import verzending_attempt
from raadhuis.kernel.messaging.models import Verzending, VerzendStatus
from raadhuis.modules.crm.klachten.models import Klacht, KlachtStatus
from tests import factories
from tests.kernel.messaging.conftest import smtp_server  # noqa: F401
from tests.modules.crm.test_klachten_fixtures import *  # noqa: F403

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


@pytest.fixture
def web(client, kl_behandelaar):
    return _login(client, kl_behandelaar)


def test_intake_through_the_form(web, kl_klager, kl_burgerzaken, kl_behandelaar, kl_collega):
    zoek = web.get(reverse("crm:klachten:nieuw"), {"zoek": "Klaagmans"})
    assert zoek.status_code == 200
    assert kl_klager.weergavenaam in zoek.content.decode()
    stap2 = web.get(reverse("crm:klachten:nieuw"), {"partij": str(kl_klager.uuid)})
    assert stap2.status_code == 200 and "Klachtbehandelaar" in stap2.content.decode()
    data = {
        "partij": str(kl_klager.uuid),
        "kanaal": "telefoon",
        "ontvangen_op": date.today().isoformat(),
        "categorie": "bereikbaarheid",
        "onderwerp": "Niet teruggebeld",
        "omschrijving": "Drie keer gebeld, nooit teruggebeld.",
        "afdeling": str(kl_burgerzaken.pk),
        "betreft_medewerker": str(kl_collega.pk),
        "behandelaar": str(kl_collega.pk),
    }
    fout = web.post(reverse("crm:klachten:nieuw"), data)
    assert fout.status_code == 400
    assert "Awb 9:7" in fout.content.decode()
    data["behandelaar"] = str(kl_behandelaar.pk)
    goed = web.post(reverse("crm:klachten:nieuw"), data)
    assert goed.status_code == 302
    klacht = Klacht.objects.get(onderwerp="Niet teruggebeld")
    assert goed["Location"] == reverse("crm:klachten:detail", args=[klacht.uuid])
    pagina = web.get(goed["Location"])
    assert pagina.status_code == 200
    assert "Termijn (6 weken)" in pagina.content.decode()


def test_every_step_through_the_screens(web, kl_klacht, smtp_server):  # noqa: F811
    def stap(naam, **data):  # noqa: ANN003, ANN202
        url = reverse("crm:klachten:actie", args=[kl_klacht.uuid, naam])
        assert web.get(url).status_code == 200
        return web.post(url, data)

    detail = web.get(reverse("crm:klachten:detail", args=[kl_klacht.uuid]))
    assert "Ontvangst bevestigen" in detail.content.decode()
    assert stap("ontvangst", kanaal="email").status_code == 302
    # The acknowledgement e-mail reached the SMTP server (tried right after commit).
    verzending = Verzending.objects.get(brief__zaak=kl_klacht.zaak)
    if verzending.status != VerzendStatus.VERZONDEN:
        verzending_attempt(verzending.pk)
        verzending.refresh_from_db()
    assert verzending.status == VerzendStatus.VERZONDEN
    assert any("karin@klaagmans.example" in m["To"] for m in smtp_server.berichten)
    assert stap("in-behandeling").status_code == 302
    te_ver = (kl_klacht.uiterlijk_oorspronkelijk + timedelta(days=40)).isoformat()
    assert stap("verdagen", verdaagd_tot=te_ver, reden="Drukte").status_code == 400
    goed = (kl_klacht.uiterlijk_oorspronkelijk + timedelta(days=14)).isoformat()
    assert (
        stap("verdagen", verdaagd_tot=goed, reden="Advies afdeling", kanaal="post").status_code
        == 302
    )
    morgen = (date.today() + timedelta(days=1)).isoformat()
    assert stap("hoorzitting", datum=morgen, tijd="10:00", locatie="Stadhuis").status_code == 302
    assert (
        stap(
            "verslag", gehouden_op=date.today().isoformat(), aanwezigen="a", verslag="v"
        ).status_code
        == 302
    )
    assert stap("besluit", oordeel="gegrond", bevindingen="b", conclusies="c").status_code == 302
    assert stap("afhandelen").status_code == 302
    klacht = Klacht.objects.get(pk=kl_klacht.pk)
    assert klacht.status == KlachtStatus.AFGEHANDELD
    assert klacht.oordeel == "gegrond"
    slot = web.get(reverse("crm:klachten:detail", args=[kl_klacht.uuid])).content.decode()
    assert "Binnen de termijn afgehandeld" in slot


def test_unknown_step_is_404(web, kl_klacht):
    assert (
        web.get(reverse("crm:klachten:actie", args=[kl_klacht.uuid, "toveren"])).status_code == 404
    )


def test_list_filters_and_processing_log(web, kl_klacht):
    lijst = web.get(reverse("crm:klachten:lijst"))
    assert lijst.status_code == 200
    assert kl_klacht.zaak.identificatie in lijst.content.decode()
    assert VerwerkingsLog.objects.filter(
        partij_uuid=kl_klacht.klager.uuid, handeling="Klachten in lijst ingezien"
    ).exists()
    leeg = web.get(reverse("crm:klachten:lijst"), {"status": "gesloten"})
    assert kl_klacht.zaak.identificatie not in leeg.content.decode()
    htmx = web.get(reverse("crm:klachten:lijst"), {"termijn": "te_laat"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "<html" not in htmx.content.decode()


def test_report_and_csv(client, kl_klacht, kl_teamleider):
    _login(client, kl_teamleider)
    pagina = client.get(reverse("crm:klachten:rapportage"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Burgerzaken" in tekst and "Bejegening" in tekst
    assert kl_klacht.klager.weergavenaam not in tekst  # aggregates only
    export = client.get(reverse("crm:klachten:rapportage_csv"))
    assert export.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    afdeling = next(r for r in rijen if r["indeling"] == "afdeling")
    assert (
        afdeling["naam"] == "Burgerzaken" and afdeling["totaal"] == "1" and afdeling["open"] == "1"
    )


def test_roles_and_departments(client, kl_klacht, kl_teamleider, kl_auditor, kl_wijk_mw):
    detail = reverse("crm:klachten:detail", args=[kl_klacht.uuid])
    _login(client, kl_teamleider)
    assert client.get(reverse("crm:klachten:lijst")).status_code == 403
    assert client.get(detail).status_code == 403
    _login(client, kl_auditor)
    assert client.get(reverse("crm:klachten:rapportage")).status_code == 403
    assert client.get(reverse("crm:klachten:lijst")).status_code == 403
    _login(client, kl_wijk_mw)
    assert client.get(detail).status_code == 404
    actie = reverse("crm:klachten:actie", args=[kl_klacht.uuid, "ontvangst"])
    assert client.post(actie, {"kanaal": "email"}).status_code == 404
    client.logout()
    assert client.get(reverse("crm:klachten:lijst")).status_code == 302


def test_relation_block(kl_klacht, kl_ik, kl_wijk_mw):
    from raadhuis.modules.crm.klachten.selectors import klachten_relatieblok

    blok = klachten_relatieblok(kl_ik, kl_klacht.klager)
    assert blok["klachten"] == [kl_klacht] and blok["klachten_totaal"] == 1
    anders = klachten_relatieblok(factories.actor(kl_wijk_mw), kl_klacht.klager)
    assert anders["klachten"] == []
    try:
        from raadhuis.modules.crm.relatiepagina import relatieblokken_geregistreerd
    except ImportError:
        return
    assert "klachten" in [b.naam for b in relatieblokken_geregistreerd()]


def test_intake_links_the_case_it_is_about(
    web, kl_klacht, kl_klager, kl_burgerzaken, kl_behandelaar
):
    data = {
        "partij": str(kl_klager.uuid),
        "kanaal": "portaal",
        "ontvangen_op": date.today().isoformat(),
        "categorie": "procedure",
        "onderwerp": "Over de vorige klacht",
        "omschrijving": "De afhandeling van mijn eerdere klacht.",
        "afdeling": str(kl_burgerzaken.pk),
        "behandelaar": str(kl_behandelaar.pk),
        "zaaknummer": "BESTAAT-NIET-1",
    }
    fout = web.post(reverse("crm:klachten:nieuw"), data)
    assert fout.status_code == 400 and "Geen zaak met dit nummer" in fout.content.decode()
    data["zaaknummer"] = kl_klacht.zaak.identificatie
    assert web.post(reverse("crm:klachten:nieuw"), data).status_code == 302
    assert Klacht.objects.get(onderwerp="Over de vorige klacht").betreft_zaak == kl_klacht.zaak


def test_block_on_the_crm_relation_page(client, bedrijf, accountmanager, afdeling_ez, am):
    """The crm relation page (owned by crm) shows this module's block for the relation."""
    from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
    from raadhuis.modules.crm.klachten.services import klacht_create
    from tests.modules.crm.test_klachten_fixtures import klacht_grant

    klacht_catalogus_ensure(accountmanager.organisatie)
    klacht_grant(accountmanager)
    behandelaar = factories.actor(accountmanager)
    partij = bedrijf.partij
    klacht = klacht_create(
        actor=behandelaar,
        klager=partij,
        kanaal="email",
        ontvangen_op=date.today(),
        categorie="termijn",
        onderwerp="Vergunning blijft liggen",
        omschrijving="Al acht weken geen reactie.",
        afdeling=afdeling_ez,
        behandelaar=accountmanager,
    )
    _login(client, accountmanager)
    pagina = client.get(reverse("crm:relatie", args=[partij.uuid]))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Vergunning blijft liggen" in tekst
    assert reverse("crm:klachten:detail", args=[klacht.uuid]) in tekst
