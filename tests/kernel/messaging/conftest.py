"""A municipality with a case of Jan de Vries (address and e-mail), a medewerker granted the
case type, a functioneel beheerder, a teamleider and an auditor; standard letters seeded; and
a real SMTP server on localhost (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest

from raadhuis.kernel.cases.services import zaak_create
from raadhuis.kernel.messaging.services import sjablonen_standaard_ensure
from raadhuis.kernel.organisations.models import Rol
from tests import factories


@pytest.fixture
def beheerder(org):
    return factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))


@pytest.fixture
def teamleider(org):
    return factories.actor(factories.medewerker(org, rollen=(Rol.TEAMLEIDER,)))


@pytest.fixture
def auditor(org):
    return factories.actor(factories.medewerker(org, rollen=(Rol.AUDITOR,)))


@pytest.fixture
def jan(actor):
    return factories.persoon(
        actor,
        "Vries",
        voornamen="Jan Pieter",
        voorvoegsel_geslachtsnaam="de",
        geslacht="m",
        email="jan.devries@example.org",
        adres={
            "straatnaam": "Stationsstraat",
            "huisnummer": 12,
            "huisletter": "A",
            "postcode": "6901AB",
            "woonplaats": "Zevenaar",
        },
    )


@pytest.fixture
def zaak(actor, zaaktype, jan, behandelaar):
    return zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving="Klacht over de stoep",
        initiator=jan,
        behandelaar=behandelaar,
    )


@pytest.fixture
def standaard(org):
    return sjablonen_standaard_ensure(org)


# --- a real SMTP server ---------------------------------------------------------------------
@dataclass
class Mailbox:
    host: str
    port: int
    berichten: list[Message] = field(default_factory=list)


class _Handler:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.mailbox.berichten.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:
    """aiosmtpd on 127.0.0.1, and Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(host="127.0.0.1", port=vrije_poort())
    controller = Controller(_Handler(mailbox), hostname=mailbox.host, port=mailbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = mailbox.host
    settings.EMAIL_PORT = mailbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings) -> int:
    """Django's SMTP backend pointed at a port where nothing listens."""
    port = vrije_poort()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return port
