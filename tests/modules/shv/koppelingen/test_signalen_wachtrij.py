"""The outreach consultant's queue: a signal becomes an outreach case (person from the BRP
double, signal linked) or is closed with a reason; every read is logged; the queue is only for
the outreach team (team leader 403, a consultant without the track 404)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.koppelingen.models import Signaal, SignaalBron, SignaalStatus
from raadhuis.modules.shv.koppelingen.selectors import signaal_get, signalen_wachtrij
from raadhuis.modules.shv.koppelingen.services import (
    signaal_afsluiten,
    signaal_omzetten,
    signaal_oppakken,
)
from raadhuis.modules.shv.models import Dreiging
from tests import factories

BACKEND = "django.contrib.auth.backends.ModelBackend"
pytestmark = pytest.mark.urls("tests.modules.shv.koppelingen.urls")


def _signaal(org, **extra) -> Signaal:  # noqa: ANN001
    waarden = {
        "organisatie": org,
        "bron": SignaalBron.WONINGCORPORATIE,
        "bron_naam": "Woonstichting (fictief)",
        "signaaldatum": date(2026, 9, 1),
        "achterstand_bedrag": Decimal("1250.00"),
        "maanden_achterstand": 3,
        "straatnaam": "Voorbeeldstraat",
        "huisnummer": 7,
        "postcode": "6903ZC",
        "woonplaats": "Zevenaar",
    }
    return Signaal.objects.create(**(waarden | extra))


def test_signal_with_bsn_becomes_an_outreach_case(signaal_actor, signaleerder, shv_org, gezin):
    signaal = _signaal(shv_org, bsn=gezin.bsn, naam="M. Testelink")
    signaal_oppakken(actor=signaal_actor, signaal=signaal)
    dossier = signaal_omzetten(actor=signaal_actor, signaal=signaal)
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.OMGEZET and signaal.dossier == dossier
    assert signaal.behandelaar == signaleerder
    assert dossier.zaak.zaaktype.identificatie == "SHV-VROEGSIGNALERING"
    assert dossier.client.concreet.bsn == gezin.bsn  # the person came from the BRP double
    assert dossier.dreiging == Dreiging.HUISUITZETTING
    assert "achterstand van € 1250,00 (3 maanden)" in dossier.zaak.toelichting
    assert dossier.eerste_gesprek_uiterlijk is None  # outreach: no Wgs terms
    assert AuditEntry.objects.filter(actie="signaal_omgezet", zaak_uuid=dossier.zaak.uuid)
    # A converted signal cannot be converted or closed again.
    with pytest.raises(ValidationError):
        signaal_afsluiten(
            actor=signaal_actor, signaal=signaal, status=SignaalStatus.AFGEWEZEN, reden="x"
        )


def test_signal_without_bsn_needs_one_and_stays_open(signaal_actor, shv_org, brp_double):
    signaal = _signaal(shv_org)
    with pytest.raises(ValidationError) as fout:
        signaal_omzetten(actor=signaal_actor, signaal=signaal)
    assert "bsn" in fout.value.message_dict
    # An unknown BSN: the BRP says no, and nothing is made.
    with pytest.raises(ValidationError):
        signaal_omzetten(actor=signaal_actor, signaal=signaal, bsn="999999990")
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.NIEUW and signaal.dossier is None


def test_close_needs_a_reason(signaal_actor, shv_org):
    signaal = _signaal(shv_org)
    with pytest.raises(ValidationError) as fout:
        signaal_afsluiten(
            actor=signaal_actor, signaal=signaal, status=SignaalStatus.GEEN_CONTACT, reden=" "
        )
    assert "reden" in fout.value.message_dict
    signaal_afsluiten(
        actor=signaal_actor,
        signaal=signaal,
        status=SignaalStatus.GEEN_CONTACT,
        reden="Drie keer aangebeld, geen reactie.",
    )
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.GEEN_CONTACT and signaal.afgehandeld_op


def test_reads_are_logged_and_scoped_to_the_organisation(signaal_actor, shv_org):
    eigen = _signaal(shv_org)
    ander = _signaal(factories.organisatie("Gemeente Elders"))
    signaal_get(actor=signaal_actor, uuid=eigen.uuid)
    assert VerwerkingsLog.objects.filter(partij_uuid=eigen.uuid).count() == 1
    with pytest.raises(NietGevonden):
        signaal_get(actor=signaal_actor, uuid=ander.uuid)
    assert list(signalen_wachtrij(actor=signaal_actor)) == [eigen]


# --- screens --------------------------------------------------------------------------------


def _login(client, medewerker):  # noqa: ANN001, ANN202
    client.force_login(medewerker.user, backend=BACKEND)
    return client


def test_queue_page_and_conversion_through_the_screens(client, signaleerder, shv_org, gezin):
    signaal = _signaal(shv_org, bsn=gezin.bsn, naam="M. Testelink")
    web = _login(client, signaleerder)
    lijst = web.get(reverse("shv:signaal_wachtrij"))
    assert lijst.status_code == 200 and "Voorbeeldstraat 7" in lijst.content.decode()
    detail = web.get(reverse("shv:signaal_detail", args=[signaal.uuid]))
    assert detail.status_code == 200 and gezin.bsn in detail.content.decode()
    # Bad input: a Dutch field error, not a 500.
    fout = web.post(reverse("shv:signaal_omzetten", args=[signaal.uuid]), {"omz-bsn": "123"})
    assert fout.status_code == 400 and "BSN" in fout.content.decode()
    goed = web.post(reverse("shv:signaal_omzetten", args=[signaal.uuid]), {"omz-bsn": gezin.bsn})
    signaal.refresh_from_db()
    assert goed.status_code == 302
    assert goed["Location"] == reverse("shv:dossier", args=[signaal.dossier.zaak.uuid])


def test_close_and_import_through_the_screens(client, signaleerder, shv_org):
    signaal = _signaal(shv_org)
    web = _login(client, signaleerder)
    leeg = web.post(reverse("shv:signaal_afsluiten", args=[signaal.uuid]), {"afs-status": "x"})
    assert leeg.status_code == 400
    dicht = web.post(
        reverse("shv:signaal_afsluiten", args=[signaal.uuid]),
        {"afs-status": SignaalStatus.AFGEWEZEN, "afs-reden": "Achterstand al betaald."},
    )
    assert dicht.status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile("ris.csv", b"bron;datum\nonbekend;gisteren\n")
    verslag = web.post(reverse("shv:signaal_importeren"), {"bestand": bestand})
    assert verslag.status_code == 400
    assert "Er is niets ingelezen" in verslag.content.decode()


@pytest.mark.parametrize(
    ("rollen", "grant", "verwacht"),
    [
        ((Rol.TEAMLEIDER,), False, 403),
        ((Rol.AUDITOR,), False, 403),
        ((Rol.FUNCTIONEEL_BEHEERDER,), False, 403),
        ((Rol.MEDEWERKER,), False, 404),  # a consultant without the outreach track
    ],
)
def test_queue_is_only_for_the_outreach_team(client, shv_org, rollen, grant, verwacht):
    signaal = _signaal(shv_org)
    medewerker = factories.medewerker(shv_org, rollen=rollen)
    web = _login(client, medewerker)
    for url in (
        reverse("shv:signaal_wachtrij"),
        reverse("shv:signaal_detail", args=[signaal.uuid]),
    ):
        assert web.get(url).status_code == verwacht, url
    assert web.post(reverse("shv:signaal_oppakken", args=[signaal.uuid])).status_code == verwacht
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.NIEUW


def test_anonymous_is_sent_to_login(client, shv_org):
    antwoord = client.get(reverse("shv:signaal_wachtrij"))
    assert antwoord.status_code == 302 and "/login/" in antwoord["Location"]
