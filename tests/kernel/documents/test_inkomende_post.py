"""Incoming correspondence (issue 4 §6): an e-mail dropped in the post mailbox (a real Maildir
in tmp_path) is filed in the case its subject names, with its attachments, as incoming
documents; the others wait in the postkamer, where a medewerker links them to a case or
rejects them. Reading the mailbox twice stores nothing twice; nothing is lost."""

from __future__ import annotations

import mailbox
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.catalog.models import ZaakTypeInformatieObjectType
from raadhuis.kernel.documents.email_bericht import email_lezen
from raadhuis.kernel.documents.inkomende_post import (
    inkomend_bericht_afwijzen,
    inkomend_bericht_inlezen,
    inkomend_bericht_koppelen,
)
from raadhuis.kernel.documents.maildir import GeenMaildir, maildir_inlezen
from raadhuis.kernel.documents.models import InkomendBericht, ZaakInformatieObject
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol
from tests import factories

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
PDF = b"%PDF-1.4\n% opgave schuld\n"


@pytest.fixture
def zaak(org, actor, zaaktype, behandelaar):
    org.zaak_prefix = "SHV"
    org.save(update_fields=["zaak_prefix"])
    return zaak_create(
        actor=actor, zaaktype=zaaktype, omschrijving="Schuldhulp", behandelaar=behandelaar
    )


@pytest.fixture
def postbus(tmp_path) -> mailbox.Maildir:
    return mailbox.Maildir(tmp_path / "post", create=True)


def mail(
    onderwerp: str,
    *,
    tekst: str = "Geachte heer, mevrouw,\n\nHierbij de opgave.\n",
    bijlagen: tuple[tuple[str, str, bytes], ...] = (),
    afzender: str = "Incasso BV <post@incasso.example>",
    verzonden: date | None = None,
    message_id: str | None = "",
) -> bytes:
    bericht = EmailMessage()
    bericht["From"] = afzender
    bericht["To"] = "post@gemeente.example"
    bericht["Subject"] = onderwerp
    moment = (
        timezone.now()
        if verzonden is None
        else timezone.make_aware(
            timezone.datetime(verzonden.year, verzonden.month, verzonden.day, 10, 30)
        )
    )
    bericht["Date"] = format_datetime(moment)
    if message_id is not None:
        bericht["Message-ID"] = message_id or make_msgid(domain="incasso.example")
    bericht.set_content(tekst)
    for naam, soort, inhoud in bijlagen:
        hoofd, sub = soort.split("/")
        bericht.add_attachment(inhoud, maintype=hoofd, subtype=sub, filename=naam)
    return bytes(bericht)


def in_postbus(postbus: mailbox.Maildir, ruw: bytes) -> str:
    return postbus.add(mailbox.MaildirMessage(ruw))


def documenten(zaak):
    return list(
        ZaakInformatieObject.objects.filter(zaak=zaak)
        .select_related("informatieobject__laatste_versie")
        .order_by("id")
    )


# --- reading the mailbox --------------------------------------------------------------------
def test_mail_with_case_number_is_filed_with_its_attachment(org, zaak, postbus):
    verzonden = date.today() - timedelta(days=2)
    ruw = mail(
        f"Re: uw zaak {zaak.identificatie}",
        bijlagen=(("opgave.pdf", "application/pdf", PDF),),
        verzonden=verzonden,
    )
    sleutel = in_postbus(postbus, ruw)

    verslag = maildir_inlezen(organisatie=org, pad=postbus._path)

    assert (verslag.gelezen, verslag.gekoppeld, verslag.postkamer) == (1, 1, 0)
    eml, pdf = documenten(zaak)
    for zio in (eml, pdf):
        versie = zio.informatieobject.laatste_versie
        assert versie.ontvangstdatum == verzonden  # incoming: the date it was received
        assert versie.auteur == "Incasso BV <post@incasso.example>"
        assert zio.informatieobject.informatieobjecttype.omschrijving == "Brief"
    assert eml.titel == f"E-mail: Re: uw zaak {zaak.identificatie}"
    assert eml.informatieobject.laatste_versie.formaat == "message/rfc822"
    assert eml.informatieobject.laatste_versie.bestand.read() == ruw
    assert pdf.titel == "opgave.pdf"
    assert pdf.informatieobject.laatste_versie.bestand.read() == PDF
    bericht = InkomendBericht.objects.get()
    assert bericht.status == "gekoppeld" and bericht.zaak == zaak
    assert postbus.get_message(sleutel).get_subdir() == "cur"
    assert "S" in postbus.get_message(sleutel).get_flags()
    acties = set(AuditEntry.objects.values_list("actie", flat=True))
    assert {"inkomend_bericht_ontvangen", "inkomend_bericht_gekoppeld"} <= acties
    assert AuditEntry.objects.filter(actie="document_toegevoegd", zaak_uuid=zaak.uuid).count() == 2


@pytest.mark.parametrize(
    ("onderwerp", "reden"),
    [
        ("Vraag over mijn schulden", "Geen zaaknummer"),
        ("Over zaak SHV-2020-0009999", "bestaat niet"),
    ],
)
def test_mail_without_known_case_waits_in_the_postkamer(org, zaak, postbus, onderwerp, reden):
    sleutel = in_postbus(postbus, mail(onderwerp))

    verslag = maildir_inlezen(organisatie=org, pad=postbus._path)

    assert (verslag.gelezen, verslag.gekoppeld, verslag.postkamer) == (1, 0, 1)
    bericht = InkomendBericht.objects.get()
    assert bericht.status == "nieuw" and bericht.zaak is None
    assert reden in bericht.toelichting
    assert documenten(zaak) == []
    assert postbus.get_message(sleutel).get_subdir() == "cur"


def test_two_case_numbers_or_a_closed_case_wait_for_a_person(org, actor, zaak, zaaktype):
    tweede = zaak_create(actor=actor, zaaktype=zaaktype)
    twee = inkomend_bericht_inlezen(
        organisatie=org, ruw=mail(f"{zaak.identificatie} en {tweede.identificatie}")
    ).bericht
    assert twee.status == "nieuw" and "meer dan één zaak" in twee.toelichting

    tweede.einddatum = date.today()
    tweede.save(update_fields=["einddatum"])
    gesloten = inkomend_bericht_inlezen(organisatie=org, ruw=mail(tweede.identificatie)).bericht
    assert gesloten.status == "nieuw" and "afgesloten" in gesloten.toelichting


def test_reading_twice_stores_nothing_twice(org, zaak, postbus):
    ruw = mail(f"Uw zaak {zaak.identificatie}", bijlagen=(("a.pdf", "application/pdf", PDF),))
    in_postbus(postbus, ruw)
    maildir_inlezen(organisatie=org, pad=postbus._path)
    # The same message delivered again (a retry of the mail server) lands in new/ again.
    in_postbus(postbus, ruw)

    verslag = maildir_inlezen(organisatie=org, pad=postbus._path)

    assert (verslag.gelezen, verslag.eerder_gelezen) == (0, 1)
    assert InkomendBericht.objects.count() == 1
    assert len(documenten(zaak)) == 2
    assert not list((Path(postbus._path) / "new").iterdir())


def test_message_without_message_id_is_known_by_its_hash(org, zaak):
    ruw = mail("Zonder kenmerk", message_id=None)

    eerste = inkomend_bericht_inlezen(organisatie=org, ruw=ruw)
    tweede = inkomend_bericht_inlezen(organisatie=org, ruw=ruw)

    assert eerste.nieuw and not tweede.nieuw
    assert eerste.bericht.message_id == f"sha256:{email_lezen(ruw).sha256}"


def test_forwarded_mail_and_nested_attachments_are_found():
    binnen = EmailMessage()
    binnen["Subject"] = "Origineel"
    binnen.set_content("het origineel")
    buiten = EmailMessage()
    buiten["Subject"] = "Fwd: Origineel"
    buiten.set_content("zie bijlage")
    buiten.add_alternative("<p>zie <b>bijlage</b></p>", subtype="html")
    buiten.add_attachment(binnen)
    buiten.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="foto.png")

    gelezen = email_lezen(bytes(buiten))

    assert [(b.bestandsnaam, b.formaat) for b in gelezen.bijlagen] == [
        ("bijlage-1.eml", "message/rfc822"),
        ("foto.png", "image/png"),
    ]
    assert b"het origineel" in gelezen.bijlagen[0].inhoud
    assert gelezen.tekst == "zie bijlage"


@pytest.mark.parametrize(
    ("onderwerp", "nummers"),
    [
        ("Re: uw zaak SHV-2026-0000123", ["SHV-2026-0000123"]),
        ("RE: shv-2026-0000123 / SHV-2026-0000123", ["SHV-2026-0000123"]),
        ("kenmerk XSHV2026-0000123 en SHV-2026-00001234", []),
        ("(ZAAK-2025-0000001), AB1-2026-0000002.", ["ZAAK-2025-0000001", "AB1-2026-0000002"]),
    ],
)
def test_case_numbers_in_the_subject(onderwerp, nummers):
    assert email_lezen(mail(onderwerp)).zaaknummers == nummers


def test_a_case_type_without_document_type_keeps_the_mail_waiting(org, zaak, zaaktype):
    ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype).delete()

    bericht = inkomend_bericht_inlezen(organisatie=org, ruw=mail(zaak.identificatie)).bericht

    assert bericht.status == "nieuw" and "geen documenttype" in bericht.toelichting
    assert documenten(zaak) == []


# --- the command ----------------------------------------------------------------------------
def test_command_reads_the_maildir(org, zaak, postbus):
    in_postbus(postbus, mail(f"Re: {zaak.identificatie}"))
    in_postbus(postbus, mail("Reclame"))
    uit = StringIO()

    call_command("post_inlezen", maildir=str(postbus._path), organisatie=org.rsin, stdout=uit)

    assert "Gelezen: 2; aan een zaak toegevoegd: 1; naar de postkamer: 1" in uit.getvalue()


def test_command_refuses_what_is_not_a_maildir(org, tmp_path):
    with pytest.raises(CommandError, match="geen Maildir"):
        call_command("post_inlezen", maildir=str(tmp_path), organisatie=org.rsin)
    with pytest.raises(CommandError, match="Geen organisatie"):
        call_command("post_inlezen", maildir=str(tmp_path), organisatie="000000000")
    with pytest.raises(GeenMaildir):
        maildir_inlezen(organisatie=org, pad=tmp_path / "bestaat-niet")


# --- the postkamer services -----------------------------------------------------------------
@pytest.fixture
def wachtend(org, zaak):
    return inkomend_bericht_inlezen(
        organisatie=org,
        ruw=mail("Betalingsregeling", bijlagen=(("brief.pdf", "application/pdf", PDF),)),
    ).bericht


def test_medewerker_links_a_waiting_mail_to_a_case(actor, zaak, wachtend, behandelaar):
    bericht = inkomend_bericht_koppelen(actor=actor, bericht=wachtend, zaak=zaak)

    assert bericht.status == "gekoppeld" and bericht.afgehandeld_door == behandelaar
    assert [z.titel for z in documenten(zaak)] == ["E-mail: Betalingsregeling", "brief.pdf"]
    entry = AuditEntry.objects.get(actie="inkomend_bericht_gekoppeld")
    assert entry.zaak_uuid == zaak.uuid and entry.actor_weergave == actor.weergave
    with pytest.raises(Exception, match="al afgehandeld"):
        inkomend_bericht_koppelen(actor=actor, bericht=wachtend, zaak=zaak)


def test_rejecting_needs_a_reason_and_keeps_the_mail(actor, wachtend):
    with pytest.raises(Exception, match="waarom"):
        inkomend_bericht_afwijzen(actor=actor, bericht=wachtend, reden=" ")

    bericht = inkomend_bericht_afwijzen(actor=actor, bericht=wachtend, reden="Reclame")

    assert bericht.status == "afgewezen" and bericht.toelichting == "Reclame"
    assert bericht.bestand.read().startswith(b"From: ")


def test_teamleider_may_not_sort_mail(org, zaak, wachtend):
    teamleider = factories.actor(factories.medewerker(org, rollen=(Rol.TEAMLEIDER,)))
    with pytest.raises(ToegangGeweigerd):
        inkomend_bericht_koppelen(actor=teamleider, bericht=wachtend, zaak=zaak)


# --- the postkamer pages --------------------------------------------------------------------
def test_postkamer_page_lists_waiting_mail_and_links_it(client, behandelaar, zaak, wachtend):
    client.force_login(behandelaar.user, backend=BACKEND)

    lijst = client.get(reverse("web:postkamer"))
    assert lijst.status_code == 200 and "Betalingsregeling" in lijst.content.decode()
    detail = client.get(reverse("web:postkamer_bericht", kwargs={"uuid": wachtend.uuid}))
    assert "Hierbij de opgave." in detail.content.decode()
    assert VerwerkingsLog.objects.filter(doel="Postkamer").count() == 2

    url = reverse("web:postkamer_koppelen", kwargs={"uuid": wachtend.uuid})
    fout = client.post(url, {"zaaknummer": "SHV-1999-0000001"})
    assert fout.status_code == 400
    assert "Er is geen zaak met dit nummer" in fout.content.decode()

    response = client.post(url, {"zaaknummer": zaak.identificatie.lower()})
    assert response.status_code == 302
    assert len(documenten(zaak)) == 2
    assert "Er wachten geen berichten." in client.get(reverse("web:postkamer")).content.decode()


def test_postkamer_access(client, org, zaak, wachtend):
    url = reverse("web:postkamer_bericht", kwargs={"uuid": wachtend.uuid})
    assert client.get(reverse("web:postkamer")).status_code == 302

    teamleider = factories.medewerker(org, rollen=(Rol.TEAMLEIDER,))
    client.force_login(teamleider.user, backend=BACKEND)
    assert client.get(reverse("web:postkamer")).status_code == 403
    assert client.get(url).status_code == 403

    # A medewerker without a grant on the case's type may read the mail but not file it there.
    zonder = factories.medewerker(org, zaaktypen=())
    client.force_login(zonder.user, backend=BACKEND)
    assert client.get(url).status_code == 200
    koppel = reverse("web:postkamer_koppelen", kwargs={"uuid": wachtend.uuid})
    assert client.post(koppel, {"zaaknummer": zaak.identificatie}).status_code == 400
    assert client.get(koppel).status_code == 405

    elders = factories.organisatie("Gemeente Elders")
    client.force_login(factories.medewerker(elders).user, backend=BACKEND)
    assert client.get(url).status_code == 404
    assert client.post(koppel, {"zaaknummer": zaak.identificatie}).status_code == 404
    wachtend.refresh_from_db()
    assert wachtend.status == "nieuw"


def test_reject_through_the_page(client, behandelaar, wachtend):
    client.force_login(behandelaar.user, backend=BACKEND)
    url = reverse("web:postkamer_afwijzen", kwargs={"uuid": wachtend.uuid})

    assert client.post(url, {"reden": ""}).status_code == 400
    assert client.post(url, {"reden": "Spam"}).status_code == 302

    wachtend.refresh_from_db()
    assert wachtend.status == "afgewezen"
    eml = client.get(reverse("web:postkamer_bericht_download", kwargs={"uuid": wachtend.uuid}))
    assert eml["Content-Type"] == "message/rfc822"


# --- incoming post uploaded on the case -----------------------------------------------------
def test_uploaded_letter_is_registered_as_incoming(client, behandelaar, zaak, zaaktype):
    client.force_login(behandelaar.user, backend=BACKEND)
    url = reverse("web:zaak_post_add", kwargs={"uuid": zaak.uuid})
    iot = zaaktype.informatieobjecttypen.get()
    gisteren = date.today() - timedelta(days=1)
    velden = {
        "titel": "Opgave schuld Incasso BV",
        "informatieobjecttype": str(iot.pk),
        "afzender": "Incasso BV",
        "beschrijving": "Per post ontvangen",
    }

    assert client.get(url).status_code == 200
    morgen = {**velden, "ontvangstdatum": (date.today() + timedelta(days=1)).isoformat()}
    fout = client.post(url, {**morgen, "bestand": SimpleUploadedFile("scan.pdf", PDF)})
    assert fout.status_code == 400 and "toekomst" in fout.content.decode()

    goed = {**velden, "ontvangstdatum": gisteren.isoformat()}
    response = client.post(url, {**goed, "bestand": SimpleUploadedFile("scan.pdf", PDF)})

    assert response.status_code == 302
    (zio,) = documenten(zaak)
    versie = zio.informatieobject.laatste_versie
    assert (versie.ontvangstdatum, versie.auteur) == (gisteren, "Incasso BV")
    audit = AuditEntry.objects.get(actie="document_toegevoegd")
    assert audit.wijzigingen["ontvangstdatum"] == [None, gisteren.isoformat()]


def test_demo_mail_fills_a_case_and_the_postkamer(org, zaak):
    from raadhuis.kernel.documents.demo import demo_load

    eerste = demo_load(org)
    tweede = demo_load(org)

    assert [r.bericht.status for r in eerste] == ["gekoppeld", "nieuw"]
    assert not any(r.nieuw for r in tweede)
    assert [z.titel for z in documenten(zaak)][1] == "opgave-vordering.pdf"


def test_filed_mail_is_case_data_for_those_who_may_see_the_case(client, org, zaak, actor):
    gekoppeld = inkomend_bericht_inlezen(organisatie=org, ruw=mail(f"Re: {zaak.identificatie}"))
    zonder = factories.medewerker(org, zaaktypen=())
    client.force_login(zonder.user, backend=BACKEND)
    url = reverse("web:postkamer_bericht", kwargs={"uuid": gekoppeld.bericht.uuid})

    assert client.get(url).status_code == 404
    lijst = client.get(reverse("web:postkamer"), {"status": ""}).content.decode()
    assert zaak.identificatie not in lijst


def test_destroying_a_case_removes_its_filed_mail(org, zaak, django_capture_on_commit_callbacks):
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.documents.inkomende_post import inkomende_berichten_verwijderen

    bericht = inkomend_bericht_inlezen(organisatie=org, ruw=mail(zaak.identificatie)).bericht
    opslag = bericht.bestand.storage
    naam = bericht.bestand.name

    with django_capture_on_commit_callbacks(execute=True):
        assert inkomende_berichten_verwijderen(actor=Actor.system(org), zaak=zaak) == 1

    assert not InkomendBericht.objects.exists()
    assert not opslag.exists(naam)
    assert AuditEntry.objects.filter(actie="inkomend_bericht_verwijderd").count() == 1
