"""Demo data for incoming correspondence: two e-mails as `raadhuis post-inlezen` would read
them, one naming an open case of the organisation (filed in that case at once) and one
without a case number (waiting in the postkamer). Safe to run twice: the messages have fixed
Message-IDs."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.documents.inkomende_post import InleesResultaat, inkomend_bericht_inlezen
from raadhuis.kernel.organisations.models import Organisatie

OPGAVE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _mail(message_id: str, afzender: str, onderwerp: str, tekst: str) -> EmailMessage:
    bericht = EmailMessage()
    bericht["From"] = afzender
    bericht["To"] = "post@gemeente.example"
    bericht["Subject"] = onderwerp
    bericht["Date"] = format_datetime(timezone.now())
    bericht["Message-ID"] = message_id
    bericht.set_content(tekst)
    return bericht


def demo_load(organisatie: Organisatie, zaak: Zaak | None = None) -> list[InleesResultaat]:
    """Read the demo e-mails for `organisatie`; the first names `zaak` (default: the
    organisation's most recent open case)."""
    zaak = zaak or (
        Zaak.objects.filter(organisatie=organisatie, einddatum__isnull=True)
        .order_by("-registratiedatum", "-id")
        .first()
    )
    berichten = []
    if zaak is not None:
        opgave = _mail(
            f"<demo-opgave-{organisatie.rsin}@incasso.example>",
            "Incassobureau Gelre <schulden@incasso.example>",
            f"Re: uw zaak {zaak.identificatie} - opgave vordering",
            "Geachte heer, mevrouw,\n\nIn de bijlage vindt u onze opgave van de vordering.\n\n"
            "Met vriendelijke groet,\nIncassobureau Gelre",
        )
        opgave.add_attachment(
            OPGAVE_PDF, maintype="application", subtype="pdf", filename="opgave-vordering.pdf"
        )
        berichten.append(opgave)
    berichten.append(
        _mail(
            f"<demo-vraag-{organisatie.rsin}@mail.example>",
            "J. de Vries <j.devries@mail.example>",
            "Vraag over mijn afspraak",
            "Goedemiddag,\n\nIk heb een brief gekregen over mijn schulden maar weet mijn "
            "zaaknummer niet meer. Kunt u mij bellen?\n\nJan de Vries",
        )
    )
    return [inkomend_bericht_inlezen(organisatie=organisatie, ruw=bytes(b)) for b in berichten]
