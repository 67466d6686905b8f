"""Demo data of the KPI app: answered satisfaction surveys on the demo contact moments, so the
dashboard shows a satisfaction figure from `make demo`. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.models import Klantcontact

SCORES = (5, 4, 4, 3, 5, 2, 4, 5, 3, 4)
OPMERKINGEN = ("Snel geholpen.", "", "Duidelijke uitleg.", "", "", "Moest lang wachten.")


def kpi_demo_load(organisatie: Organisatie, *, aantal: int = 10) -> int:
    """Answered surveys on up to `aantal` contact moments with a department; returns how many
    were made (0 when the demo already has them)."""
    if Tevredenheidsmeting.objects.filter(organisatie=organisatie).exists():
        return 0
    contacten = Klantcontact.objects.filter(
        organisatie=organisatie, eenheid__isnull=False
    ).order_by("-plaatsgevonden_op")[:aantal]
    nu = timezone.now()
    tot = vandaag(organisatie.tijdzone) + timedelta(days=30)
    metingen = [
        Tevredenheidsmeting(
            organisatie=organisatie,
            partij_id=c.partij_id,
            eenheid_id=c.eenheid_id,
            klantcontact=c,
            zaak_id=c.zaak_id,
            referentie=c.referentienummer,
            score=SCORES[i % len(SCORES)],
            opmerking=OPMERKINGEN[i % len(OPMERKINGEN)],
            verloopt_op=tot,
            beantwoord_op=max(c.plaatsgevonden_op, nu - timedelta(days=1)),
        )
        for i, c in enumerate(contacten)
    ]
    Tevredenheidsmeting.objects.bulk_create(metingen)
    return len(metingen)
