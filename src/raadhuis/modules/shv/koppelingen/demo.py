"""Demo data of the links: a few fictitious early-warning signals in the queue (two of them
for demo persons of the BRP double, so they can be turned into a case)."""

from __future__ import annotations

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.shv.koppelingen.models import Signaal
from raadhuis.modules.shv.koppelingen.signalen import signalen_demo


def koppelingen_demo_load(organisatie: Organisatie) -> list[Signaal]:
    """Put the demo signals in the organisation's queue; running it again adds nothing."""
    if Signaal.objects.filter(organisatie=organisatie, bron_kenmerk__startswith="DEMO-").exists():
        return []
    return Signaal.objects.bulk_create(signalen_demo(organisatie.pk, vandaag(organisatie.tijdzone)))
