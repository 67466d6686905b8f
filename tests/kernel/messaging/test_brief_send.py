"""Sending a letter: stored on the case, e-mailed through a real SMTP server with the PDF
attached, retried with back-off when the server is down (nothing lost), or queued for print."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.catalog.models import ZaakTypeInformatieObjectType
from raadhuis.kernel.documents.models import ZaakInformatieObject
from raadhuis.kernel.messaging.bezorging import verzendingen_process
from raadhuis.kernel.messaging.models import Brief, Verzending, VerzendStatus
from raadhuis.kernel.messaging.ontvangers import Ontvanger
from raadhuis.kernel.messaging.selectors import brieven_for_zaak
from raadhuis.kernel.messaging.services import brief_send, verzending_retry
from tests.kernel.messaging.conftest import Mailbox


def pdf_tekst(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def verstuur(actor, zaak, jan, kanaal="email", code="ontvangstbevestiging", **extra):
    return brief_send(
        actor,
        zaak=zaak,
        sjabloon_code=code,
        ontvanger=Ontvanger.van_partij(jan),
        kanaal=kanaal,
        reden="Aanvraag ontvangen",
        **extra,
    )


def test_an_email_letter_reaches_the_smtp_server_with_its_pdf(
    actor, zaak, jan, standaard, smtp_server: Mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        brief = verstuur(actor, zaak, jan)

    # Sent right after commit, through the real server on localhost.
    assert len(smtp_server.berichten) == 1
    bericht = smtp_server.berichten[0]
    assert bericht["To"] == "jan.devries@example.org"
    assert bericht["Subject"] == "Ontvangstbevestiging klacht"
    assert "Gemeente Voorbeeld" in bericht["From"]
    tekst, bijlage = [p for p in bericht.walk() if not p.is_multipart()]
    assert "Geachte heer De Vries," in tekst.get_payload(decode=True).decode()
    assert bijlage.get_content_type() == "application/pdf"
    assert bijlage.get_filename().endswith(".pdf")
    pdf = pdf_tekst(bijlage.get_payload(decode=True))
    assert "Geachte heer De Vries," in pdf and zaak.identificatie in pdf

    verzending = Verzending.objects.get(brief=brief)
    assert verzending.status == VerzendStatus.VERZONDEN
    assert verzending.pogingen == 1 and verzending.verzonden_op is not None
    # The PDF is a document of the case, of the case type's document type "Brief".
    zio = ZaakInformatieObject.objects.get(zaak=zaak, informatieobject=brief.informatieobject)
    assert zio.informatieobject.informatieobjecttype.omschrijving == "Brief"
    assert zio.informatieobject.titel == "Ontvangstbevestiging klacht"
    acties = set(AuditEntry.objects.filter(zaak_uuid=zaak.uuid).values_list("actie", flat=True))
    assert {"brief_verstuurd", "brief_email_verzonden", "document_toegevoegd"} <= acties


def test_with_the_smtp_server_down_the_email_is_retried_with_back_off_then_failed(
    actor, zaak, jan, standaard, smtp_down, settings, django_capture_on_commit_callbacks
):
    settings.BRIEVEN_MAX_POGINGEN = 3
    with django_capture_on_commit_callbacks(execute=True):
        brief = verstuur(actor, zaak, jan)
    verzending = Verzending.objects.get(brief=brief)
    assert verzending.status == VerzendStatus.IN_WACHTRIJ
    assert verzending.pogingen == 1
    assert "ConnectionRefusedError" in verzending.laatste_fout
    eerste_wacht = verzending.volgende_poging_op - timezone.now()
    assert timedelta(seconds=50) < eerste_wacht <= timedelta(minutes=1)

    # Not due yet: the worker leaves it alone.
    assert verzendingen_process().pogingen == 0
    # Due: tried again, the wait doubles (1 min, 2 min).
    nu = verzending.volgende_poging_op + timedelta(seconds=1)
    assert verzendingen_process(now=nu).mislukt == 1
    verzending.refresh_from_db()
    assert verzending.pogingen == 2
    assert verzending.volgende_poging_op - nu == timedelta(minutes=2)
    # The third attempt is the last: failed, and no further attempt is planned.
    resultaat = verzendingen_process(now=verzending.volgende_poging_op + timedelta(seconds=1))
    assert (resultaat.mislukt, resultaat.opgegeven) == (1, 1)
    verzending.refresh_from_db()
    assert verzending.status == VerzendStatus.MISLUKT
    assert verzending.volgende_poging_op is None
    assert AuditEntry.objects.filter(actie="brief_email_mislukt", zaak_uuid=zaak.uuid).exists()
    # Nothing lost: the letter and its PDF are on the case, the status says what happened.
    [getoond] = brieven_for_zaak(actor=actor, zaak=zaak)
    assert getoond.verzending.get_status_display() == "Mislukt"


def test_a_failed_email_sent_again_once_the_server_is_back(
    actor, zaak, jan, standaard, smtp_down, settings, django_capture_on_commit_callbacks
):
    settings.BRIEVEN_MAX_POGINGEN = 1
    with django_capture_on_commit_callbacks(execute=True):
        brief = verstuur(actor, zaak, jan)
    verzending = Verzending.objects.get(brief=brief)
    assert verzending.status == VerzendStatus.MISLUKT

    from aiosmtpd.controller import Controller

    from tests.kernel.messaging.conftest import Mailbox, _Handler, vrije_poort

    mailbox = Mailbox("127.0.0.1", vrije_poort())
    controller = Controller(_Handler(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    try:
        settings.EMAIL_PORT = mailbox.port
        with django_capture_on_commit_callbacks(execute=True):
            verzending_retry(actor=actor, verzending=verzending)
    finally:
        controller.stop()
    verzending.refresh_from_db()
    assert verzending.status == VerzendStatus.VERZONDEN
    assert len(mailbox.berichten) == 1


def test_the_worker_command_sends_what_is_waiting(
    actor, zaak, jan, standaard, smtp_server: Mailbox
):
    from django.core.management import call_command

    brief = verstuur(actor, zaak, jan)  # no on-commit run here: it waits in the outbox
    assert Verzending.objects.get(brief=brief).status == VerzendStatus.IN_WACHTRIJ
    out = io.StringIO()
    call_command("brieven_versturen", "--once", stdout=out)
    assert "Verzonden: 1" in out.getvalue()
    assert len(smtp_server.berichten) == 1
    assert Verzending.objects.get(brief=brief).status == VerzendStatus.VERZONDEN


def test_a_letter_by_post_waits_in_the_print_queue(actor, zaak, jan, standaard):
    brief = verstuur(actor, zaak, jan, kanaal="post")
    verzending = Verzending.objects.get(brief=brief)
    assert verzending.status == VerzendStatus.KLAAR_VOOR_PRINT
    assert brief.ontvanger_adres == ["Stationsstraat 12A", "6901 AB  ZEVENAAR"]
    assert brief.ontvanger_email == ""


def test_email_needs_an_address_and_post_needs_a_postal_address(actor, zaak, standaard):
    zonder = Ontvanger(naam="Iemand")
    with pytest.raises(ValidationError) as error:
        brief_send(actor, zaak=zaak, sjabloon_code="algemeen", ontvanger=zonder, kanaal="email")
    assert "ontvanger_email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        brief_send(actor, zaak=zaak, sjabloon_code="algemeen", ontvanger=zonder, kanaal="post")
    assert "ontvanger_adres" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        brief_send(actor, zaak=zaak, sjabloon_code="algemeen", ontvanger=zonder, kanaal="fax")
    assert "kanaal" in error.value.message_dict
    assert not Brief.objects.exists()


def test_an_unknown_template_is_a_field_error(actor, zaak, jan, standaard):
    with pytest.raises(ValidationError) as error:
        verstuur(actor, zaak, jan, code="bestaat-niet")
    assert "sjabloon" in error.value.message_dict


def test_extra_context_and_free_text_reach_the_letter(actor, zaak, jan, standaard):
    brief = verstuur(
        actor,
        zaak,
        jan,
        kanaal="post",
        code="algemeen",
        extra_context={"brief": {"tekst": "Wij komen op 3 maart langs.\nTot dan."}},
    )
    versie = brief.informatieobject.laatste_versie
    with versie.bestand.open("rb") as bestand:
        tekst = pdf_tekst(bestand.read())
    assert "Wij komen op 3 maart langs." in tekst and "Tot dan." in tekst


def test_a_case_type_without_a_letter_type_gets_one(actor, zaak, jan, standaard, zaaktype):
    ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).delete()
    brief = verstuur(actor, zaak, jan, kanaal="post")
    koppeling = ZaakTypeInformatieObjectType.objects.get(zaaktype=zaaktype)
    assert koppeling.richting == "uitgaand"
    assert brief.informatieobject.informatieobjecttype == koppeling.informatieobjecttype
    verstuur(actor, zaak, jan, kanaal="post")
    assert ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).count() == 1
