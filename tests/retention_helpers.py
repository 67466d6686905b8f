"""Shared steps for tests that destroy cases through the kernel's real destruction-list flow
(drawn up, reviewed by a second functioneel beheerder, executed), as the module tests of shv,
crm and budget do.

Plain functions, plus the fixture `vernietigingsronde` for tests that would rather not pass
pytest-django's on-commit capture around; import it into the test module (or a conftest) to use it:

    from tests.retention_helpers import vernietigingsronde  # noqa: F401 - a fixture
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_status_set
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.retention.models import Vernietigingslijst, VernietigingslijstItem
from raadhuis.kernel.retention.services import (
    vernietigingslijst_beoordelen,
    vernietigingslijst_create,
    vernietigingslijst_indienen,
    vernietigingslijst_uitvoeren,
)
from raadhuis.kernel.workflow.calendar import vandaag
from tests import factories

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# pytest-django's django_capture_on_commit_callbacks: runs the on-commit work (the outbox).
Capture = Callable[..., Any]


def afsluiten(actor: Actor, zaak: Zaak) -> Zaak:
    """Close the case (when still open) with its last status and first result, today at 9:00;
    then put its archive action date on the closing date, as if the retention term had run."""
    zaak = Zaak.objects.select_related("zaaktype").get(pk=zaak.pk)
    if zaak.einddatum is None:
        zaaktype = zaak.zaaktype
        zaak_status_set(
            actor=actor,
            zaak=zaak,
            statustype=zaaktype.statustypen.order_by("-volgnummer").first(),
            resultaattype=zaaktype.resultaattypen.order_by("pk").first(),
            datum=datetime.combine(vandaag(AMSTERDAM.key), time(9), tzinfo=AMSTERDAM),
        )
    zaak = Zaak.objects.get(pk=zaak.pk)
    Zaak.objects.filter(pk=zaak.pk).update(
        archiefnominatie="vernietigen", archiefactiedatum=zaak.einddatum
    )
    return Zaak.objects.get(pk=zaak.pk)


def lijst_uitvoeren(
    opsteller: Actor,
    beoordelaar: Actor,
    *,
    naam: str,
    peildatum: date,
    capture: Capture,
) -> Vernietigingslijst:
    """Draw up a list of every case due on `peildatum`, have the second person approve it and
    execute it, with the on-commit work run."""
    lijst = vernietigingslijst_create(actor=opsteller, naam=naam, peildatum=peildatum)
    vernietigingslijst_indienen(actor=opsteller, lijst=lijst)
    vernietigingslijst_beoordelen(
        actor=beoordelaar, lijst=lijst, goedkeuren=True, toelichting="Akkoord"
    )
    lijst.refresh_from_db()
    with capture(execute=True):
        vernietigingslijst_uitvoeren(actor=opsteller, lijst=lijst, peildatum=peildatum)
    return lijst


def vernietigen(
    org: Organisatie, capture: Capture, naam: str = "Vernietiging"
) -> list[VernietigingslijstItem]:
    """Two new functioneel beheerders draw up, review and execute a list of every case due
    tomorrow; returns the list's items."""
    opsteller = factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    beoordelaar = factories.actor(factories.medewerker(org, rollen=(Rol.FUNCTIONEEL_BEHEERDER,)))
    peildatum = vandaag(AMSTERDAM.key) + timedelta(days=1)
    lijst = lijst_uitvoeren(opsteller, beoordelaar, naam=naam, peildatum=peildatum, capture=capture)
    return list(VernietigingslijstItem.objects.filter(lijst=lijst))


def tekst_in_audit(*woorden: str) -> list[str]:
    """Audit entries that still quote any of `woorden` ("actie: woord" per hit)."""
    gevonden = []
    for entry in AuditEntry.objects.all():
        tekst = f"{entry.object_weergave} {entry.toelichting} {entry.wijzigingen}"
        gevonden += [f"{entry.actie}: {w}" for w in woorden if w in tekst]
    return gevonden


@pytest.fixture
def vernietigingsronde(
    django_capture_on_commit_callbacks: Capture,
) -> Callable[..., list[VernietigingslijstItem]]:
    """`vernietigingsronde(org, naam=...)`: `vernietigen` with the on-commit capture filled in."""

    def ronde(org: Organisatie, naam: str = "Vernietiging") -> list[VernietigingslijstItem]:
        return vernietigen(org, django_capture_on_commit_callbacks, naam)

    return ronde
