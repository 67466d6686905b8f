# ruff: noqa: F811 - the fixtures smtp and sjabloon come from test_mailing
"""Issue 6 leftovers of mailings: companies with the KvK non-mailing wish are skipped like an
opt-out (and the recipient preview says why), a bounce rewrites the recipient's contact moment
('E-mail onbestelbaar: …'), the kernel's outbox round delivers mailing e-mails (no crm job of
its own), and an e-mail is previewed as an e-mail, a letter as an A4 letter."""

from __future__ import annotations

import datetime
import html as html_module

import pytest
from django.urls import reverse
from django.utils import timezone

from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.messaging.bezorging import verzendingen_process
from raadhuis.kernel.messaging.models import SjabloonSoort
from raadhuis.kernel.messaging.services import sjabloon_create
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon
from raadhuis.modules.crm.mailing import services
from raadhuis.modules.crm.mailing.models import MailingOntvanger, OntvangerStatus
from raadhuis.modules.crm.mailing.selectors import segment_preview
from raadhuis.modules.crm.models import Kanaal, Klantcontact, RelatieSoort, Uitkomst
from raadhuis.modules.crm.services import relatie_handmatig_create
from tests import factories
from tests.modules.crm.test_mailing import (  # noqa: F401 - fixtures
    _segment,
    _smtp_settings,
    _vereniging,
    _vrije_poort,
    sjabloon,
    smtp,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _bedrijf(actor, eenheid, naam, email="", non_mailing=False):
    relatie = relatie_handmatig_create(
        actor=actor,
        soort=RelatieSoort.BEDRIJF,
        naam=naam,
        rechtsvorm="besloten_vennootschap",
        eenheid=eenheid,
        email=email,
    )
    if non_mailing:
        # What the KvK Basisprofiel refresh stores for a company with the non-mailing wish.
        NietNatuurlijkPersoon.objects.filter(pk=relatie.partij_id).update(non_mailing=True)
    return relatie


@pytest.fixture
def bedrijven(am, afdeling_ez):
    """Four companies of Economische Zaken: one to mail, one with the KvK non-mailing wish, one
    opted out (and non-mailing too: the opt-out is the reason shown), one without an address."""
    r = {
        "bakker": _bedrijf(am, afdeling_ez, "Bakkerij Brood B.V.", "info@brood.example"),
        "slager": _bedrijf(
            am, afdeling_ez, "Slagerij Worst B.V.", "info@worst.example", non_mailing=True
        ),
        "visser": _bedrijf(
            am, afdeling_ez, "Visserij Haring B.V.", "info@haring.example", non_mailing=True
        ),
        "kapper": _bedrijf(am, afdeling_ez, "Kapsalon Knip B.V.", ""),
    }
    services.afmelding_register(actor=am, partij=r["visser"].partij)
    return r


def _verstuur(capture, actor, mailing):
    with capture(execute=True):
        return services.mailing_send(actor=actor, mailing=mailing)


def login(client, actor):
    client.force_login(actor.medewerker.user, backend=BACKEND)
    return client


# --- 1. KvK non-mailing -----------------------------------------------------------------------
def test_the_recipient_preview_says_who_is_skipped_and_why(am, bedrijven):
    segment = _segment(am, naam="Bedrijven", soort=RelatieSoort.BEDRIJF)
    preview = segment_preview(actor=am, segment=segment)
    assert (preview.aantal, preview.ontvangen) == (4, 1)
    assert (preview.afgemeld, preview.non_mailing, preview.zonder_email) == (1, 1, 1)
    redenen = {r.partij.weergavenaam: str(r.uitgesloten_reden) for r in preview.eerste}
    assert redenen == {
        "Bakkerij Brood B.V.": "",
        "Slagerij Worst B.V.": "Het bedrijf wil volgens het Handelsregister (KvK) geen "
        "ongevraagde post (non-mailing).",
        "Visserij Haring B.V.": "De relatie heeft zich afgemeld voor mailings.",
        "Kapsalon Knip B.V.": "Geen e-mailadres bekend (relatie en partij).",
    }


def test_a_mailing_skips_a_company_with_the_kvk_non_mailing_wish(
    smtp, am, bedrijven, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(am, naam="Bedrijven", soort=RelatieSoort.BEDRIJF)
    mailing = services.mailing_create(
        actor=am, naam="Ondernemersavond", segment=segment, sjabloon=sjabloon
    )
    overzicht = _verstuur(django_capture_on_commit_callbacks, am, mailing)
    assert (overzicht.in_wachtrij, overzicht.niet_bezorgbaar) == (1, 1)
    assert (overzicht.afgemeld, overzicht.non_mailing) == (1, 1)
    assert [b["To"] for b in smtp.berichten] == ["info@brood.example"]
    slager = MailingOntvanger.objects.get(partij=bedrijven["slager"].partij)
    assert slager.status == OntvangerStatus.NON_MAILING
    assert "non-mailing" in slager.reden and slager.verzending_id is None
    # Like an opt-out: no contact moment for the skipped companies.
    gecontacteerd = set(Klantcontact.objects.values_list("partij_id", flat=True))
    assert gecontacteerd == {bedrijven["bakker"].partij_id, bedrijven["kapper"].partij_id}
    audit = AuditEntry.objects.get(actie="mailing_verzonden")
    assert "non_mailing: 1" in audit.toelichting


def test_the_mailing_page_shows_the_reasons(client, smtp, am, bedrijven, sjabloon):
    segment = _segment(am, naam="Bedrijven", soort=RelatieSoort.BEDRIJF)
    mailing = services.mailing_create(actor=am, naam="Avond", segment=segment, sjabloon=sjabloon)
    login(client, am)
    pagina = client.get(reverse("crm:mailing:mailing", args=[mailing.uuid]))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "KvK non-mailing (geen ongevraagde post)" in tekst
    assert "Krijgt de mailing niet:" in tekst
    assert "geen ongevraagde post (non-mailing)" in tekst
    segmentpagina = client.get(reverse("crm:mailing:segment", args=[segment.uuid]))
    assert "Het bedrijf wil volgens het Handelsregister" in segmentpagina.content.decode()
    verstuurd = client.post(reverse("crm:mailing:versturen", args=[mailing.uuid]), follow=True)
    tekst = verstuurd.content.decode()
    assert "1 afgemeld, 1 overgeslagen om de non-mailingwens in de KvK." in tekst
    assert "KvK non-mailing, niet verstuurd" in tekst  # the recipient's status


# --- 3. a bounce rewrites the contact moment --------------------------------------------------
def test_a_refused_email_makes_the_contact_moment_undeliverable(
    smtp, sport, afdeling_sport, sjabloon, django_capture_on_commit_callbacks
):
    _vereniging(sport, afdeling_sport, "Club Onbekend", "niemand.onbekend@example.org")
    segment = _segment(sport)
    mailing = services.mailing_create(
        actor=sport, naam="Nieuwsbrief", segment=segment, sjabloon=sjabloon
    )
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    ontvanger = MailingOntvanger.objects.select_related("klantcontact").get(naam="Club Onbekend")
    assert ontvanger.status == OntvangerStatus.BOUNCE
    contact = ontvanger.klantcontact
    assert contact.kanaal == Kanaal.EMAIL
    assert contact.onderwerp == "E-mail onbestelbaar: Uitnodiging voor Club Onbekend"
    assert contact.uitkomst == Uitkomst.NIET_BEREIKT
    assert contact.indicatie_contact_gelukt is False
    assert "550" in contact.inhoud
    audit = AuditEntry.objects.get(actie="klantcontact_gewijzigd")
    assert audit.wijzigingen["uitkomst"] == [Uitkomst.OVERIG, Uitkomst.NIET_BEREIKT]


def test_a_bounce_registered_by_hand_also_rewrites_the_contact_moment(
    smtp, sport, afdeling_sport, sjabloon, django_capture_on_commit_callbacks
):
    _vereniging(sport, afdeling_sport, "HC Retour", "secretaris@retour.example")
    segment = _segment(sport)
    mailing = services.mailing_create(actor=sport, naam="B", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    ontvanger = MailingOntvanger.objects.get(naam="HC Retour")
    assert ontvanger.status == OntvangerStatus.VERZONDEN
    assert ontvanger.klantcontact.uitkomst == Uitkomst.OVERIG
    services.bounce_register(actor=sport, ontvanger=ontvanger, reden="550 user unknown (retour)")
    contact = Klantcontact.objects.get(pk=ontvanger.klantcontact_id)
    assert contact.onderwerp == "E-mail onbestelbaar: Uitnodiging voor HC Retour"
    assert (contact.kanaal, contact.uitkomst) == (Kanaal.EMAIL, Uitkomst.NIET_BEREIKT)
    assert "550 user unknown (retour)" in contact.inhoud


# --- 4. the kernel round delivers mailing e-mails ---------------------------------------------
def test_the_kernel_outbox_round_retries_mailing_emails(
    settings, sport, afdeling_sport, sjabloon, django_capture_on_commit_callbacks
):
    """The worker's 'brieven' job (verzendingen_process without a bron) picks up mailing
    e-mails too: a crm job of its own would only duplicate it."""
    _vereniging(sport, afdeling_sport, "HC Later", "secretaris@later.example")
    _smtp_settings(settings, _vrije_poort())  # nothing listens: the first attempt fails
    mailing = services.mailing_create(
        actor=sport, naam="Later", segment=_segment(sport), sjabloon=sjabloon
    )
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    assert MailingOntvanger.objects.get().status == OntvangerStatus.IN_WACHTRIJ

    from aiosmtpd.controller import Controller

    from tests.modules.crm.test_mailing import Mailbox, _Handler

    mailbox = Mailbox(host="127.0.0.1", port=_vrije_poort())
    controller = Controller(_Handler(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    try:
        _smtp_settings(settings, mailbox.port)
        later = timezone.now() + datetime.timedelta(minutes=5)
        assert verzendingen_process(now=later).verzonden == 1
    finally:
        controller.stop()
    assert [b["To"] for b in mailbox.berichten] == ["secretaris@later.example"]
    assert MailingOntvanger.objects.get().status == OntvangerStatus.VERZONDEN


def test_the_crm_mailings_command_is_gone():
    from django.core.management import get_commands

    assert "crm_mailings_versturen" not in get_commands()
    assert "brieven_versturen" in get_commands()


# --- 5. an e-mail previews as an e-mail --------------------------------------------------------
@pytest.fixture
def fb(crm_org):
    return factories.actor(factories.medewerker(crm_org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))


def _srcdoc(pagina: str) -> str:
    start = pagina.index('srcdoc="') + len('srcdoc="')
    return html_module.unescape(pagina[start : pagina.index('"', start)])


def test_the_editor_previews_an_email_as_an_email_and_a_letter_as_a_letter(client, fb):
    login(client, fb)
    url = reverse("web:brieven_sjabloon_voorbeeld")
    velden = {"naam": "x", "onderwerp": "Hallo {{ relatie.naam }}", "inhoud": "<p>Beste</p>"}
    email = client.post(url, {**velden, "soort": SjabloonSoort.EMAIL}, HTTP_HX_REQUEST="true")
    doc = _srcdoc(email.content.decode())
    assert 'class="email"' in doc and "brief__vel" not in doc
    assert '<th scope="row">Van</th>' in doc and '<th scope="row">Aan</th>' in doc
    assert "Hallo Korfbalvereniging De Testmand" in doc and "messaging/email.css" in doc
    brief = client.post(url, {**velden, "soort": SjabloonSoort.BRIEF}, HTTP_HX_REQUEST="true")
    doc = _srcdoc(brief.content.decode())
    assert "brief__vel" in doc and 'class="email"' not in doc


def test_an_email_template_page_and_its_versions_show_an_email(client, fb):
    sjabloon = sjabloon_create(
        actor=fb,
        code="nieuwsbrief",
        naam="Nieuwsbrief",
        onderwerp="Nieuws van {{ organisatie.naam }}",
        inhoud="<p>{{ relatie.aanhef }}</p>",
        soort=SjabloonSoort.EMAIL,
        categorie="Communicatie",
    )
    login(client, fb)
    for naam in ("web:brieven_sjabloon", "web:brieven_sjabloon_versies"):
        pagina = client.get(reverse(naam, args=[sjabloon.uuid]))
        assert pagina.status_code == 200, naam
        doc = _srcdoc(pagina.content.decode())
        assert 'class="email"' in doc and "brief__vel" not in doc, naam
        # A fictitious address fills the 'Aan' line.
        assert "@example" in doc.split('<th scope="row">Aan</th>')[1].split("</tr>")[0], naam


def test_the_mailing_page_previews_the_email_as_an_email(
    client, sport, sportmedewerker, afdeling_sport, sjabloon
):
    _vereniging(sport, afdeling_sport, "HC Voorbeeld", "secretaris@voorbeeld.example")
    mailing = services.mailing_create(
        actor=sport, naam="Avond", segment=_segment(sport), sjabloon=sjabloon
    )
    login(client, sport)
    pagina = client.get(reverse("crm:mailing:mailing", args=[mailing.uuid])).content.decode()
    # Inline on the page (the template's HTML, autoescaped), as a mail client shows it.
    voorbeeld = pagina[pagina.index("data-email-voorbeeld") :]
    assert "messaging/email.css" in pagina
    assert '<th scope="row">Aan</th><td>secretaris@voorbeeld.example</td>' in voorbeeld
    assert "Uitnodiging voor HC Voorbeeld" in voorbeeld and "brief__vel" not in pagina
