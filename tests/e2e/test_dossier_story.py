"""Correspondence and the dossier, as a case worker does it in the browser (issue 4 §6): an
e-mail without a case number waits in the postkamer and is filed in a case there; a letter
received by post is registered on the case; then the whole dossier is downloaded as one ZIP
and opened: an index PDF and every document.

The post mailbox is a real Maildir read by `raadhuis post-inlezen` (what cron does); every
page is checked with axe at desktop and phone width."""

from __future__ import annotations

import io
import mailbox
import re
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from tests.e2e.steps import ZAAK_URL

pytestmark = [pytest.mark.e2e]

BIJLAGE = b"%PDF-1.4\n% bewijs van betaling\n"
# Until the case page has its "Dossier downloaden" button (the lead's template), the test puts
# the same link on the page and clicks it: the browser's own download, with its cookies.
KLIK_LINK = """pad => {
    const a = document.createElement('a');
    a.href = pad;
    a.textContent = 'download';
    document.body.append(a);
    a.click();
    a.remove();
}"""


def _mail_in_postbus(tmp_path, afzender: str, onderwerp: str) -> str:
    postbus = mailbox.Maildir(tmp_path / "post", create=True)
    bericht = EmailMessage()
    bericht["From"] = afzender
    bericht["To"] = "post@aaltjesdorp.example"
    bericht["Subject"] = onderwerp
    bericht["Date"] = format_datetime(timezone.now())
    bericht["Message-ID"] = make_msgid(domain="example.test")
    bericht.set_content("Hierbij het bewijs dat de stoep is gerepareerd.\n")
    bericht.add_attachment(BIJLAGE, maintype="application", subtype="pdf", filename="bewijs.pdf")
    postbus.add(mailbox.MaildirMessage(bytes(bericht)))
    return str(tmp_path / "post")


def _download(page, pad: str) -> bytes:  # noqa: ANN001
    """Follow a download link as a person would (a link on the page, clicked)."""
    with page.expect_download() as download:
        page.evaluate(KLIK_LINK, pad)
    with open(download.value.path(), "rb") as fh:
        return fh.read()


def test_mail_is_filed_in_the_postkamer_and_the_dossier_downloads_as_a_zip(
    screen, wereld, tmp_path
):
    zaak = wereld.zaken_pieter["KLACHT"]
    map_ = _mail_in_postbus(tmp_path, "Bouwbedrijf Stoep <info@stoep.example>", "Stoepherstel")
    call_command("post_inlezen", maildir=map_, organisatie=zaak.organisatie.rsin)
    page = screen.page
    screen.login("behandelaar")

    # The postkamer: the e-mail waits, because its subject names no case.
    screen.goto("/postkamer/")
    page.get_by_role("link", name="Stoepherstel").click()
    page.wait_for_url(re.compile(r"/postkamer/[0-9a-f-]{36}/$"))
    screen.check("message in the postkamer")
    assert "Hierbij het bewijs dat de stoep is gerepareerd." in screen.text()
    page.get_by_label("Zaaknummer").fill("AA-1999-0000001")
    screen.press("Aan zaak toevoegen")
    assert page.get_by_label("Zaaknummer").get_attribute("aria-invalid") == "true"
    page.get_by_label("Zaaknummer").fill(zaak.identificatie)
    screen.press("Aan zaak toevoegen", wait_for=re.compile(r"/postkamer/$"))
    assert f"Het bericht is toegevoegd aan zaak {zaak.identificatie}." in screen.text()
    assert "Er wachten geen berichten." in screen.text()

    # A letter received by post, registered on the case with the date it came in.
    screen.goto(f"/zaken/{zaak.uuid}/post/nieuw/")
    page.get_by_label(re.compile(r"^Bestand")).set_input_files(
        files=[{"name": "brief.pdf", "mimeType": "application/pdf", "buffer": BIJLAGE}]
    )
    page.get_by_label("Titel").fill("Brief van de buren")
    page.get_by_label("Documenttype").select_option(label="Brief")
    page.get_by_label("Afzender").fill("Familie De Buur")
    screen.press("Inkomend stuk toevoegen", wait_for=ZAAK_URL)
    documenten = page.get_by_role("table", name=re.compile("^Documenten bij deze zaak"))
    tekst = documenten.inner_text()
    assert "E-mail: Stoepherstel" in tekst and "bewijs.pdf" in tekst
    assert "Brief van de buren" in tekst

    # The whole dossier as one ZIP, opened.
    archief = zipfile.ZipFile(io.BytesIO(_download(page, f"/zaken/{zaak.uuid}/dossier.zip")))
    namen = archief.namelist()
    assert "index.pdf" in namen
    assert any(n.startswith("Brief/") and n.endswith("Stoepherstel.eml") for n in namen)
    assert any(n.endswith("bewijs.pdf") for n in namen)
    assert any(n.endswith("Brief van de buren.pdf") for n in namen)
    index = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(archief.read("index.pdf"))).pages
    )
    assert zaak.identificatie in index and "Familie De Buur" in index
