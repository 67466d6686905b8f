"""Targeted communication (issue 6 item 6): segments, a mailing through a real SMTP server
(aiosmtpd on localhost), opt-out, undeliverable and bounces, a contact moment per recipient."""

from __future__ import annotations

import datetime
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from raadhuis.kernel.audit.models import VerwerkingsLog
from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.messaging.models import Verzending, VerzendStatus
from raadhuis.kernel.messaging.services import sjabloon_ensure
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.mailing import services
from raadhuis.modules.crm.mailing.demo import mailing_demo_load
from raadhuis.modules.crm.mailing.models import (
    Afmelding,
    MailingOntvanger,
    MailingStatus,
    OntvangerStatus,
)
from raadhuis.modules.crm.mailing.selectors import segment_preview, segment_relaties
from raadhuis.modules.crm.models import Kanaal, Klantcontact, RelatieSoort
from raadhuis.modules.crm.services import relatie_handmatig_create, tag_ensure
from tests import factories


# --- a real SMTP server that refuses some recipients ------------------------------------------
@dataclass
class Mailbox:
    host: str
    port: int
    berichten: list[Message] = field(default_factory=list)


class _Handler:
    """Accepts every message; refuses recipients with 'onbekend' permanently (550) and with
    'vol' temporarily (452), like a real mail server."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if "onbekend" in address:
            return "550 5.1.1 Mailbox unavailable"
        if "vol" in address:
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.mailbox.berichten.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp(settings) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(host="127.0.0.1", port=_vrije_poort())
    controller = Controller(_Handler(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    _smtp_settings(settings, mailbox.port)
    settings.BASE_URL = "https://raadhuis.example"
    try:
        yield mailbox
    finally:
        controller.stop()


# --- data ------------------------------------------------------------------------------------
@pytest.fixture
def sjabloon(crm_org):
    return sjabloon_ensure(
        crm_org,
        "mailing-test",
        "Uitnodiging",
        "Uitnodiging voor {{ relatie.naam }}",
        "<p>{{ relatie.aanhef }}</p><p>Welkom op de avond van {{ organisatie.naam }}.</p>"
        '<p><a href="{{ relatie.afmeldlink }}">Afmelden</a></p>',
    )


def _vereniging(actor, eenheid, naam, email="", postcode="5211AB"):
    return relatie_handmatig_create(
        actor=actor,
        soort=RelatieSoort.VERENIGING,
        naam=naam,
        rechtsvorm="vereniging",
        eenheid=eenheid,
        email=email,
        adres={
            "straatnaam": "Markt",
            "huisnummer": 1,
            "postcode": postcode,
            "woonplaats": "'s-Hertogenbosch",
        },
    )


@pytest.fixture
def verenigingen(sport, afdeling_sport):
    """Three associations of Sport en Bewegen: two with an e-mail address, one without."""
    return {
        "hockey": _vereniging(sport, afdeling_sport, "HC Den Bosch", "secretaris@hc.example"),
        "zwem": _vereniging(
            sport, afdeling_sport, "Zwemclub De Dolfijn", "info@dolfijn.example", "5240AA"
        ),
        "schaak": _vereniging(sport, afdeling_sport, "Schaakclub Het Paard", ""),
    }


def _segment(actor, **velden):
    velden.setdefault("naam", "Verenigingen")
    return services.segment_save(actor=actor, **velden)


# --- segments --------------------------------------------------------------------------------
def test_segment_filters_kind_tag_postcode(sport, verenigingen, bedrijf, afdeling_sport):
    tag = tag_ensure(actor=sport, naam="buurtsport")
    verenigingen["hockey"].tags.add(tag)
    alle = _segment(sport, soort=RelatieSoort.VERENIGING)
    assert segment_relaties(actor=sport, segment=alle).count() == 3
    met_tag = _segment(sport, tag=tag)
    assert [r.partij.weergavenaam for r in segment_relaties(actor=sport, segment=met_tag)] == [
        "HC Den Bosch"
    ]
    # District 5211-5216 (the centre): De Dolfijn at 5240 falls outside.
    wijk = _segment(sport, postcode_van="5211", postcode_tot="5216")
    namen = {r.partij.weergavenaam for r in segment_relaties(actor=sport, segment=wijk)}
    assert namen == {"HC Den Bosch", "Schaakclub Het Paard"}


def test_segment_only_relations_the_actor_sees(am, sport, verenigingen, bedrijf):
    """Economische Zaken does not see Sport's associations, even in a segment without criteria."""
    segment = _segment(am, naam="Alles")
    assert [r.partij.weergavenaam for r in segment_relaties(actor=am, segment=segment)] == [
        "Bakkerij De Proefkrakeling B.V."
    ]


def test_segment_subsidy_in_last_two_years(crm_org, sport, verenigingen):
    """'Associations in a district with a subsidy in the last two years': a subsidy is a case
    of the type the functional administrator names; started 1 year ago counts, 3 years not."""
    subsidie = factories.zaaktype(
        crm_org,
        identificatie="SUBSIDIE-VER",
        omschrijving="Subsidie",
        versiedatum=datetime.date(2015, 1, 1),
    )
    behandelaar = factories.medewerker(crm_org, zaaktypen=(subsidie,))
    beh = factories.actor(behandelaar)
    vandaag = timezone.localdate()
    zaak_create(
        actor=beh,
        zaaktype=subsidie,
        omschrijving="Jeugdsubsidie",
        initiator=verenigingen["hockey"].partij,
        startdatum=vandaag - datetime.timedelta(days=365),
    )
    zaak_create(
        actor=beh,
        zaaktype=subsidie,
        omschrijving="Oude subsidie",
        initiator=verenigingen["schaak"].partij,
        startdatum=vandaag - datetime.timedelta(days=3 * 365),
    )
    segment = _segment(
        sport,
        soort=RelatieSoort.VERENIGING,
        postcode_van="5211",
        postcode_tot="5216",
        zaaktype_identificatie="SUBSIDIE-VER",
        zaak_jaren=2,
    )
    assert [r.partij.weergavenaam for r in segment_relaties(actor=sport, segment=segment)] == [
        "HC Den Bosch"
    ]


def test_segment_errors_are_dutch_and_per_field(sport):
    with pytest.raises(ValidationError) as info:
        services.segment_save(
            actor=sport, naam=" ", postcode_van="52a1", postcode_tot="5200", zaak_jaren=0
        )
    fouten = info.value.message_dict
    assert set(fouten) == {"naam", "postcode_van", "zaak_jaren"}
    with pytest.raises(ValidationError) as info:
        services.segment_save(actor=sport, naam="x", postcode_van="5300", postcode_tot="5200")
    assert "postcode_tot" in info.value.message_dict


def test_preview_counts_and_shows_first_twenty_and_logs_them(sport, afdeling_sport):
    for i in range(25):
        _vereniging(sport, afdeling_sport, f"Vereniging {i:02d}", f"v{i}@example.org")
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    voor = VerwerkingsLog.objects.count()
    preview = segment_preview(actor=sport, segment=segment)
    assert preview.aantal == 25
    assert len(preview.eerste) == 20
    assert preview.eerste[0].partij.weergavenaam == "Vereniging 00"
    assert VerwerkingsLog.objects.count() - voor == 20


# --- sending ---------------------------------------------------------------------------------
def _verstuur(django_capture_on_commit_callbacks, actor, mailing):
    with django_capture_on_commit_callbacks(execute=True):
        return services.mailing_send(actor=actor, mailing=mailing)


def test_mailing_through_real_smtp(
    smtp, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    services.afmelding_register(actor=sport, partij=verenigingen["zwem"].partij)
    mailing = services.mailing_create(
        actor=sport, naam="Informatieavond", segment=segment, sjabloon=sjabloon
    )

    overzicht = _verstuur(django_capture_on_commit_callbacks, sport, mailing)

    assert (overzicht.in_wachtrij, overzicht.niet_bezorgbaar, overzicht.afgemeld) == (1, 1, 1)
    assert len(smtp.berichten) == 1
    bericht = smtp.berichten[0]
    assert bericht["To"] == "secretaris@hc.example"
    assert bericht["Subject"] == "Uitnodiging voor HC Den Bosch"
    afmelden = "".join(bericht["List-Unsubscribe"].split())
    assert afmelden.startswith("<https://raadhuis.example/crm/mailings/afmelden/")
    html = next(p for p in bericht.walk() if p.get_content_type() == "text/html")
    assert "Geachte heer, mevrouw," in html.get_payload(decode=True).decode()
    status = {o.naam: (o.status, o.reden) for o in MailingOntvanger.objects.all()}
    assert status["HC Den Bosch"][0] == OntvangerStatus.VERZONDEN
    assert status["Schaakclub Het Paard"] == (
        OntvangerStatus.NIET_BEZORGBAAR,
        "Geen e-mailadres bekend (relatie en partij).",
    )
    assert status["Zwemclub De Dolfijn"][0] == OntvangerStatus.AFGEMELD
    # A contact moment per contacted relation, kanaal e-mail; the opted-out one gets none.
    contacten = {c.partij_id: c for c in Klantcontact.objects.filter(kanaal=Kanaal.EMAIL)}
    assert set(contacten) == {verenigingen["hockey"].partij_id, verenigingen["schaak"].partij_id}
    assert contacten[verenigingen["schaak"].partij_id].indicatie_contact_gelukt is False
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.VERZONDEN
    assert mailing.sjabloon_versie_id == sjabloon.huidige_versie_id


def test_a_mailing_is_sent_once(
    smtp, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(
        actor=sport, naam="Eén keer", segment=segment, sjabloon=sjabloon
    )
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    with pytest.raises(ValidationError) as info:
        _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    assert info.value.message_dict == {"mailing": ["Deze mailing is al verzonden."]}
    assert len(smtp.berichten) == 2
    assert MailingOntvanger.objects.count() == 3


def test_smtp_refusal_is_a_bounce_and_temporary_refusal_is_retried(
    smtp, sport, afdeling_sport, sjabloon, django_capture_on_commit_callbacks
):
    _vereniging(sport, afdeling_sport, "Club Onbekend", "niemand.onbekend@example.org")
    _vereniging(sport, afdeling_sport, "Club Vol", "postbus.vol@example.org")
    segment = _segment(sport)
    mailing = services.mailing_create(actor=sport, naam="Test", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    onbekend = MailingOntvanger.objects.get(naam="Club Onbekend")
    assert onbekend.status == OntvangerStatus.BOUNCE
    assert "550" in onbekend.reden
    vol = MailingOntvanger.objects.get(naam="Club Vol")
    assert vol.status == OntvangerStatus.IN_WACHTRIJ
    # One outbox: the e-mail is a case-less row of the kernel's outbox, with its attempts.
    assert vol.verzending.bron == "crm_mailing" and vol.verzending.brief_id is None
    assert vol.verzending.pogingen == 1 and vol.verzending.volgende_poging_op is not None
    assert onbekend.verzending.status == VerzendStatus.GEWEIGERD
    # Not due yet: nothing happens; after the back-off the worker tries again.
    assert services.ontvangers_deliver().opnieuw == 0
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert services.ontvangers_deliver(now=later).opnieuw == 1
    vol.verzending.refresh_from_db()
    assert vol.verzending.pogingen == 2


def test_server_down_then_up_delivers_later(
    settings, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    _smtp_settings(settings, _vrije_poort())  # nothing listens there
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="Later", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    wacht = MailingOntvanger.objects.filter(status=OntvangerStatus.IN_WACHTRIJ)
    assert wacht.count() == 2
    assert all("ConnectionRefusedError" in o.reden for o in wacht)

    from aiosmtpd.controller import Controller

    mailbox = Mailbox(host="127.0.0.1", port=_vrije_poort())
    controller = Controller(_Handler(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    try:
        _smtp_settings(settings, mailbox.port)
        later = timezone.now() + datetime.timedelta(minutes=5)
        assert services.ontvangers_deliver(now=later).verzonden == 2
    finally:
        controller.stop()
    assert len(mailbox.berichten) == 2


def test_register_a_bounce_afterwards(
    smtp, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="B", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    ontvanger = MailingOntvanger.objects.get(naam="HC Den Bosch")
    services.bounce_register(actor=sport, ontvanger=ontvanger, reden="550 user unknown (retour)")
    ontvanger.refresh_from_db()
    assert (ontvanger.status, ontvanger.reden) == (
        OntvangerStatus.BOUNCE,
        "550 user unknown (retour)",
    )
    niet = MailingOntvanger.objects.get(naam="Schaakclub Het Paard")
    with pytest.raises(ValidationError):
        services.bounce_register(actor=sport, ontvanger=niet, reden="x")


def test_subject_with_unknown_merge_field_is_refused(sport, verenigingen, sjabloon):
    """The kernel refuses such a template already; a mailing's own subject is checked too."""
    segment = _segment(sport)
    with pytest.raises(ValidationError) as info:
        services.mailing_create(
            actor=sport,
            naam="x",
            segment=segment,
            sjabloon=sjabloon,
            onderwerp="Hallo {{ relatie.bestaatniet }}",
        )
    assert "relatie.bestaatniet" in str(info.value.message_dict["onderwerp"])


def test_testmail_goes_to_the_medewerker_only(smtp, sport, sportmedewerker, verenigingen, sjabloon):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="T", segment=segment, sjabloon=sjabloon)
    adres = services.testmail_send(actor=sport, mailing=mailing)
    assert adres == sportmedewerker.email
    assert [b["To"] for b in smtp.berichten] == [sportmedewerker.email]
    assert smtp.berichten[0]["Subject"].startswith("[TEST] ")
    assert MailingOntvanger.objects.count() == 0
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.CONCEPT


# --- opt-out through the public link ---------------------------------------------------------
def test_unsubscribe_link_then_next_mailing_skips(
    client, smtp, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="1", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    html = next(p for p in smtp.berichten[0].walk() if p.get_content_type() == "text/html")
    link = re.search(
        r'href="https://raadhuis.example(/crm/mailings/afmelden/[^"]+)"',
        html.get_payload(decode=True).decode(),
    )
    pad = link.group(1)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert "Ja, meld mij af" in antwoord.content.decode()
    assert not Afmelding.objects.exists()  # a GET (a link scanner) unsubscribes nobody
    antwoord = client.post(pad)
    assert antwoord.status_code == 200
    assert "U bent afgemeld" in antwoord.content.decode()
    assert client.post(pad).status_code == 200  # twice is fine
    assert Afmelding.objects.get().partij_id == verenigingen["hockey"].partij_id
    assert client.get("/crm/mailings/afmelden/nep-token/").status_code == 404

    tweede = services.mailing_create(actor=sport, naam="2", segment=segment, sjabloon=sjabloon)
    overzicht = _verstuur(django_capture_on_commit_callbacks, sport, tweede)
    assert overzicht.afgemeld == 1
    ontvangers = [b["To"] for b in smtp.berichten]
    assert ontvangers.count("secretaris@hc.example") == 1  # only the first mailing
    assert ontvangers.count("info@dolfijn.example") == 2


# --- screens ---------------------------------------------------------------------------------
def test_screens_for_medewerker_and_refused_for_teamleider(
    client, crm_org, sportmedewerker, verenigingen, sjabloon
):
    sport = factories.actor(sportmedewerker)
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="Avond", segment=segment, sjabloon=sjabloon)
    client.force_login(sportmedewerker.user)
    for url in (
        reverse("crm:mailing:overzicht"),
        reverse("crm:mailing:segment_nieuw"),
        reverse("crm:mailing:segment", args=[segment.uuid]),
        reverse("crm:mailing:segment_bewerken", args=[segment.uuid]),
        reverse("crm:mailing:mailing_nieuw"),
        reverse("crm:mailing:mailing", args=[mailing.uuid]),
    ):
        assert client.get(url).status_code == 200, url
    pagina = client.get(reverse("crm:mailing:mailing", args=[mailing.uuid])).content.decode()
    assert "3 relaties in het segment" in pagina
    assert "Uitnodiging voor HC Den Bosch" in pagina
    fout = client.post(
        reverse("crm:mailing:segment_nieuw"), {"naam": "W", "postcode_van": "52", "zaak_jaren": 2}
    )
    assert fout.status_code == 400
    assert "vier cijfers" in fout.content.decode()
    nieuw = client.post(
        reverse("crm:mailing:segment_nieuw"),
        {"naam": "Wijk centrum", "postcode_van": "5211", "postcode_tot": "5216", "zaak_jaren": 2},
    )
    assert nieuw.status_code == 302

    teamleider = factories.medewerker(crm_org, rollen=(Rol.TEAMLEIDER,))
    client.force_login(teamleider.user)
    assert client.get(reverse("crm:mailing:overzicht")).status_code == 403
    assert client.get(reverse("crm:mailing:mailing", args=[mailing.uuid])).status_code == 403


def test_send_from_the_screen(
    client, smtp, sportmedewerker, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    sport = factories.actor(sportmedewerker)
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    client.force_login(sportmedewerker.user)
    antwoord = client.post(
        reverse("crm:mailing:mailing_nieuw"),
        {"naam": "Via scherm", "segment": str(segment.uuid), "sjabloon": str(sjabloon.uuid)},
    )
    assert antwoord.status_code == 302
    url = antwoord["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url + "versturen/").status_code == 302
    assert len(smtp.berichten) == 2
    pagina = client.get(url).content.decode()
    assert "Niet bezorgbaar" in pagina
    assert "Geen e-mailadres bekend" in pagina
    assert client.post(url + "versturen/").status_code == 400  # once


def test_demo_load_is_idempotent(crm_org, sportmedewerker, verenigingen):
    segmenten = mailing_demo_load(crm_org, medewerker=sportmedewerker)
    assert [s.naam for s in segmenten] == ["Alle verenigingen en stichtingen"]
    assert mailing_demo_load(crm_org, medewerker=sportmedewerker) == segmenten


def test_relation_page_block_records_an_opt_out(client, sportmedewerker, verenigingen):
    partij = verenigingen["hockey"].partij
    client.force_login(sportmedewerker.user)
    pagina = client.get(reverse("crm:relatie", args=[partij.uuid])).content.decode()
    assert "Ontvangt mailings." in pagina
    url = reverse("crm:mailing:afmelding", args=[partij.uuid])
    assert client.post(url, {"actie": "afmelden"}).status_code == 302
    assert Afmelding.objects.get().bron == "medewerker"
    pagina = client.get(reverse("crm:relatie", args=[partij.uuid])).content.decode()
    assert "Afgemeld voor mailings" in pagina
    assert client.post(url, {"actie": "intrekken"}).status_code == 302
    assert not Afmelding.objects.exists()


def test_opt_out_of_a_relation_of_another_department_is_404(client, accountmanager, verenigingen):
    client.force_login(accountmanager.user)
    url = reverse("crm:mailing:afmelding", args=[verenigingen["hockey"].partij.uuid])
    assert client.post(url, {"actie": "afmelden"}).status_code == 404
    assert not Afmelding.objects.exists()


def test_colleague_of_another_department_sees_counts_not_names(
    client, smtp, sport, accountmanager, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="Sport", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    client.force_login(accountmanager.user)
    pagina = client.get(reverse("crm:mailing:mailing", args=[mailing.uuid])).content.decode()
    assert "HC Den Bosch" not in pagina
    assert "Niet bezorgbaar" in pagina  # the counts


# --- one e-mail outbox (the kernel's) --------------------------------------------------------
def test_the_kernel_worker_round_delivers_mailings_and_gives_up_after_the_last_attempt(
    settings, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    """The mailing's e-mails are rows of the kernel outbox: the worker's 'brieven' round
    (verzendingen_process, for every source) delivers them, and the recipient follows."""
    from raadhuis.kernel.messaging.bezorging import verzendingen_process

    settings.BRIEVEN_MAX_POGINGEN = 2
    _smtp_settings(settings, _vrije_poort())  # nothing listens: every attempt fails
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="Weg", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    hockey = MailingOntvanger.objects.get(naam="HC Den Bosch")
    assert hockey.status == OntvangerStatus.IN_WACHTRIJ and hockey.verzending.pogingen == 1
    later = timezone.now() + datetime.timedelta(minutes=5)
    resultaat = verzendingen_process(now=later)
    assert (resultaat.mislukt, resultaat.opgegeven) == (2, 2)  # hockey and swimming club
    hockey.refresh_from_db()
    assert hockey.status == OntvangerStatus.MISLUKT
    assert "ConnectionRefusedError" in hockey.reden
    assert hockey.verzending.status == VerzendStatus.MISLUKT
    # Case-less e-mails never enter a case's letters or the print queue.
    assert Verzending.objects.filter(brief__isnull=True).count() == 2


def test_a_bounce_registered_while_queued_stops_the_outbox(
    settings, sport, verenigingen, sjabloon, django_capture_on_commit_callbacks
):
    _smtp_settings(settings, _vrije_poort())
    segment = _segment(sport, soort=RelatieSoort.VERENIGING)
    mailing = services.mailing_create(actor=sport, naam="B2", segment=segment, sjabloon=sjabloon)
    _verstuur(django_capture_on_commit_callbacks, sport, mailing)
    hockey = MailingOntvanger.objects.get(naam="HC Den Bosch")
    services.bounce_register(actor=sport, ontvanger=hockey, reden="Adres bestaat niet (retour)")
    hockey.verzending.refresh_from_db()
    assert hockey.verzending.status == VerzendStatus.GEWEIGERD
    later = timezone.now() + datetime.timedelta(minutes=5)
    assert services.ontvangers_deliver(now=later).opnieuw == 1  # only the swimming club
    hockey.verzending.refresh_from_db()
    assert hockey.verzending.pogingen == 1
    hockey.refresh_from_db()
    assert (hockey.status, hockey.reden) == (OntvangerStatus.BOUNCE, "Adres bestaat niet (retour)")


def test_the_mailing_picker_offers_e_mail_and_letter_templates_not_quotations(crm_org, sport):
    from raadhuis.modules.crm.mailing.forms import MailingForm

    sjabloon_ensure(crm_org, "m-email", "Nieuwsbrief", "O", "<p>x</p>", soort="e-mail")
    sjabloon_ensure(crm_org, "m-brief", "Brief", "O", "<p>x</p>", soort="brief")
    offerte = sjabloon_ensure(crm_org, "m-offerte", "Offerte", "O", "<p>x</p>", soort="offerte")
    codes = {s.code for s in MailingForm(actor=sport).fields["sjabloon"].queryset}
    assert {"m-email", "m-brief"} <= codes and "m-offerte" not in codes
    segment = _segment(sport)
    with pytest.raises(ValidationError) as info:
        services.mailing_create(actor=sport, naam="x", segment=segment, sjabloon=offerte)
    assert "offerte" in info.value.message_dict["sjabloon"][0]
