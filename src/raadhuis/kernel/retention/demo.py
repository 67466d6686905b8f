"""Demo data for the destruction story: closed cases whose archive action date has passed.

`tools/demo.py` calls `demo_load(organisatie)` after the catalogue and the other cases exist.
Cases are made through the case services, as a person would, with the system as actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_create, zaak_status_set
from raadhuis.kernel.catalog.durations import add_duration
from raadhuis.kernel.catalog.models import ResultaatType, ZaakType
from raadhuis.kernel.common import Archiefnominatie
from raadhuis.kernel.documents.services import zaak_document_add
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag

# A case is made at least this long before it is closed, and due this long before today.
LOOPTIJD = timedelta(days=45)
MARGE = timedelta(days=30)


def demo_load(
    organisatie: Organisatie,
    *,
    zaaktype_identificatie: str = "SHV",
    aantal: int = 4,
    initiatoren: Sequence[Partij] = (),
) -> list[Zaak]:
    """Close `aantal` cases of the case type so that their archive action date has passed
    (the result type to be destroyed with the shortest term), each with one letter. Returns
    the cases; none when the case type's validity leaves no room for such dates."""
    actor = Actor.system(organisatie, weergave="Demo")
    vandaag_ = vandaag(organisatie.tijdzone)
    zaaktype = (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie,
            identificatie=zaaktype_identificatie,
            concept=False,
        )
        .order_by("begin_geldigheid")
        .first()
    )
    if zaaktype is None:
        return []
    resultaattype = _kortste_vernietigen(zaaktype)
    if resultaattype is None:
        return []
    laatst = _laatste_einddatum(resultaattype, vandaag_)
    eerst = zaaktype.begin_geldigheid + LOOPTIJD
    if laatst is None or laatst < eerst:
        return []
    stap = max(1, (laatst - eerst).days // max(1, aantal))
    zaken = []
    for n in range(aantal):
        einddatum = min(laatst, eerst + timedelta(days=n * stap))
        initiator = initiatoren[n % len(initiatoren)] if initiatoren else None
        zaken.append(_gesloten_zaak(actor, zaaktype, resultaattype, einddatum, initiator, n))
    return zaken


def _kortste_vernietigen(zaaktype: ZaakType) -> ResultaatType | None:
    kandidaten = [
        rt
        for rt in zaaktype.resultaattypen.all()
        if rt.archiefnominatie == Archiefnominatie.VERNIETIGEN and rt.archiefactietermijn
    ]
    return min(
        kandidaten,
        key=lambda rt: add_duration(date(2000, 1, 1), rt.archiefactietermijn),
        default=None,
    )


def _laatste_einddatum(resultaattype: ResultaatType, vandaag_: date) -> date | None:
    """The latest end date whose archive action date lies at least MARGE before today."""
    einddatum = vandaag_ - MARGE
    for _ in range(400):  # walk back until the term ends in time (terms are whole units)
        if add_duration(einddatum, resultaattype.archiefactietermijn) <= vandaag_ - MARGE:
            return einddatum
        einddatum -= timedelta(days=30)
    return None


def _gesloten_zaak(
    actor: Actor,
    zaaktype: ZaakType,
    resultaattype: ResultaatType,
    einddatum: date,
    initiator: Partij | None,
    n: int,
) -> Zaak:
    tz = ZoneInfo(actor.organisatie.tijdzone)
    zaak = zaak_create(
        actor=actor,
        zaaktype=zaaktype,
        omschrijving=f"Afgesloten demodossier {n + 1}",
        toelichting="Fictieve demozaak voor de vernietigingslijst.",
        startdatum=einddatum - LOOPTIJD,
        initiator=initiator,
    )
    iotype = zaaktype.informatieobjecttypen.filter(concept=False).first()
    if iotype is not None:
        zaak_document_add(
            actor=actor,
            zaak=zaak,
            bestand=ContentFile(b"Fictieve brief bij een afgesloten demodossier.\n", "brief.txt"),
            titel="Afsluitbrief",
            informatieobjecttype=iotype,
        )
    zaak_status_set(
        actor=actor,
        zaak=zaak,
        statustype=zaaktype.statustypen.order_by("-volgnummer")[0],
        resultaattype=resultaattype,
        resultaat_toelichting="Demodossier.",
        datum=datetime.combine(einddatum, time(12), tzinfo=tz),
    )
    return Zaak.objects.get(pk=zaak.pk)
