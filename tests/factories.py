"""Test data builders. Configuration (organisations, catalogue, staff) is created directly;
case data goes through the kernel services, as users' actions do."""

from __future__ import annotations

import itertools
from datetime import date

from django.contrib.auth import get_user_model

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.catalog.models import (
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.organisations.models import (
    Land,
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.kernel.parties.services import natuurlijk_persoon_create

_counter = itertools.count(1)
PASSWORD = "Test-wachtwoord-2026"


def elfproef_number(seed: int, prefix: str = "99") -> str:
    """A 9-digit number that passes the 11-check (BSN/RSIN test data)."""
    n = seed
    while True:
        body = f"{prefix}{n:06d}"[:8]
        weights = [9, 8, 7, 6, 5, 4, 3, 2]
        rest = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        if rest < 10:
            return body + str(rest)
        n += 1


def organisatie(naam: str = "", land: str = Land.NL, **extra) -> Organisatie:
    i = next(_counter)
    return Organisatie.objects.create(
        naam=naam or f"Gemeente Test {i}",
        rsin=elfproef_number(1000 + i * 7, prefix="00"),
        land=land,
        tijdzone="Europe/Brussels" if land == Land.BE else "Europe/Amsterdam",
        **extra,
    )


def zaaktype(
    org: Organisatie,
    identificatie: str = "",
    omschrijving: str = "Klacht",
    doorlooptijd: str = "P6W",
    servicenorm: str = "P4W",
    concept: bool = False,
    vertrouwelijkheid: str = Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    statussen: tuple[str, ...] = ("Ontvangen", "In behandeling", "Afgehandeld"),
    versiedatum: date = date(2024, 1, 1),
    **extra,
) -> ZaakType:
    i = next(_counter)
    catalogus = Catalogus.objects.filter(organisatie=org).first() or Catalogus.objects.create(
        organisatie=org,
        naam=f"Catalogus {org.naam}",
        domein=f"T{i:04d}"[:5],
        rsin=org.rsin,
        contactpersoon_beheer_naam="Functioneel beheer",
    )
    zt = ZaakType.objects.create(
        catalogus=catalogus,
        identificatie=identificatie or f"ZT-{i}",
        omschrijving=omschrijving,
        vertrouwelijkheidaanduiding=vertrouwelijkheid,
        doorlooptijd=doorlooptijd,
        servicenorm=servicenorm,
        versiedatum=versiedatum,
        begin_geldigheid=versiedatum,
        concept=concept,
        **extra,
    )
    for n, naam in enumerate(statussen, start=1):
        StatusType.objects.create(zaaktype=zt, omschrijving=naam, volgnummer=n)
    for generiek in ("initiator", "behandelaar", "belanghebbende"):
        RolType.objects.create(
            zaaktype=zt, omschrijving=generiek.capitalize(), omschrijving_generiek=generiek
        )
    ResultaatType.objects.create(
        zaaktype=zt,
        omschrijving="Gegrond",
        archiefnominatie="vernietigen",
        archiefactietermijn="P5Y",
    )
    ResultaatType.objects.create(
        zaaktype=zt,
        omschrijving="Ongegrond",
        archiefnominatie="blijvend_bewaren",
        archiefactietermijn="P20Y",
    )
    iot = InformatieObjectType.objects.create(
        catalogus=catalogus,
        omschrijving="Brief",
        begin_geldigheid=date(2024, 1, 1),
        concept=False,
    )
    ZaakTypeInformatieObjectType.objects.create(zaaktype=zt, informatieobjecttype=iot)
    EigenschapType.objects.create(
        zaaktype=zt, naam="datum_incident", definitie="Datum van het incident", formaat="datum"
    )
    return zt


def medewerker(
    org: Organisatie,
    rollen: tuple[str, ...] = (Rol.MEDEWERKER,),
    zaaktypen: tuple[ZaakType, ...] = (),
    max_vertrouwelijkheid: str = Vertrouwelijkheid.VERTROUWELIJK,
    username: str = "",
    team: OrganisatorischeEenheid | None = None,
) -> Medewerker:
    i = next(_counter)
    user = get_user_model().objects.create_user(
        username=username or f"mw{i}", password=PASSWORD, email=f"mw{i}@example.test"
    )
    m = Medewerker.objects.create(
        organisatie=org,
        user=user,
        identificatie=f"MW{i}",
        achternaam=f"Medewerker {i}",
        voorletters="T.",
        email=user.email,
        rollen=list(rollen),
    )
    for zt in zaaktypen:
        ZaakTypeAutorisatie.objects.create(
            medewerker=m,
            zaaktype_identificatie=zt.identificatie,
            max_vertrouwelijkheidaanduiding=max_vertrouwelijkheid,
        )
    if team is not None:
        m.eenheden.add(team)
    return m


def team(org: Organisatie, naam: str = "Team Zaken") -> OrganisatorischeEenheid:
    i = next(_counter)
    return OrganisatorischeEenheid.objects.create(organisatie=org, identificatie=f"T{i}", naam=naam)


def actor(m: Medewerker) -> Actor:
    m = Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=m.pk)
    return Actor.for_medewerker(m)


def persoon(act: Actor, geslachtsnaam: str = "Testpersoon", **extra):
    i = next(_counter)
    extra.setdefault("bsn", elfproef_number(10000 + i * 13))
    extra.setdefault("voornamen", "Proef")
    return natuurlijk_persoon_create(actor=act, geslachtsnaam=geslachtsnaam, **extra)
