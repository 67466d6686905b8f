"""A municipality with a published debt-assistance case type whose result "Gegrond" is destroyed
seven years after closing, a case worker, two functioneel beheerders and closed cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.catalog.models import ResultaatType
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.organisations.models import Rol
from tests import factories

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PEILDATUM = date(2026, 11, 22)


@dataclass
class Gemeente:
    org: object
    zaaktype: object
    vernietigen: ResultaatType  # "Gegrond": vernietigen, P7Y
    bewaren: ResultaatType  # "Ongegrond": blijvend bewaren, P20Y
    behandelaar: object
    actor: object  # the case worker
    fb: object  # functioneel beheerder who draws up lists
    fb_actor: object
    collega_fb: object  # the second pair of eyes
    collega_actor: object


@pytest.fixture
def gemeente(db) -> Gemeente:
    org = factories.organisatie("Gemeente Zevenaar", zaak_prefix="ZEV")
    zt = factories.zaaktype(
        org, identificatie="SHV", omschrijving="Schuldhulpverlening", versiedatum=date(2018, 1, 1)
    )
    ResultaatType.objects.filter(zaaktype=zt, omschrijving="Gegrond").update(
        archiefactietermijn="P7Y",
        selectielijstklasse="https://selectielijst.openzaak.nl/api/v1/resultaten/1-1-2",
    )
    behandelaar = factories.medewerker(org, zaaktypen=(zt,), username="consulent")
    fb = factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb")
    collega = factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,), username="fb2")
    return Gemeente(
        org=org,
        zaaktype=zt,
        vernietigen=zt.resultaattypen.get(omschrijving="Gegrond"),
        bewaren=zt.resultaattypen.get(omschrijving="Ongegrond"),
        behandelaar=behandelaar,
        actor=factories.actor(behandelaar),
        fb=fb,
        fb_actor=factories.actor(fb),
        collega_fb=collega,
        collega_actor=factories.actor(collega),
    )


def gesloten_zaak(
    g: Gemeente,
    einddatum: date,
    *,
    resultaat: str = "Gegrond",
    initiator=None,
    documenten: int = 1,
    omschrijving: str = "Schuldhulp voor de familie Jansen",
    zaaktype=None,
) -> Zaak:
    """A case of `zaaktype` closed at noon on `einddatum` with the given result."""
    zaaktype = zaaktype or g.zaaktype
    zaak = zaak_create(
        actor=g.actor,
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        startdatum=einddatum - timedelta(days=40),
        initiator=initiator,
    )
    iotype = zaaktype.informatieobjecttypen.first()
    for n in range(documenten):
        zaak_document_add(
            actor=g.actor,
            zaak=zaak,
            bestand=ContentFile(b"Geachte heer Jansen, ...", name=f"brief-{n}.txt"),
            titel=f"Brief aan Jansen {n}",
            informatieobjecttype=iotype,
        )
    zaak_status_set(
        actor=g.actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("-volgnummer").first(),
        resultaattype=zaaktype.resultaattypen.get(omschrijving=resultaat),
        datum=datetime.combine(einddatum, time(12), tzinfo=AMSTERDAM),
    )
    return Zaak.objects.get(pk=zaak.pk)
