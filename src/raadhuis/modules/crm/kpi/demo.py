"""Demo data of the KPI app, so every figure on the dashboard has a value from `make demo`:

- contact moments of the last weeks with a follow-up task, most done on time, some late and
  one still open past its date (the "Reactietijd" and "Opvolging op tijd" figures);
- answered satisfaction surveys on the demo contact moments (the satisfaction figure).

Contact moments and follow-ups go through the CRM services, by the account manager and the
contact centre as a person would; the follow-ups are done by the account manager. Dated
relative to today in working days. Idempotent: an organisation with surveys is left alone.
Call after crm_demo_load (it needs the demo relations and the follow-up case type grants).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, Organisatie
from raadhuis.kernel.workflow.calendar import (
    vandaag,
    werkdagen_optellen,
    werkdagen_terug,
)
from raadhuis.kernel.workflow.models import Taak
from raadhuis.modules.crm.kpi.models import Tevredenheidsmeting
from raadhuis.modules.crm.models import Kanaal, Klantcontact, Relatie, Uitkomst
from raadhuis.modules.crm.services import Opvolging, klantcontact_create, opvolging_afronden

SCORES = (5, 4, 4, 3, 5, 2, 4, 5, 3, 4)
OPMERKINGEN = ("Snel geholpen.", "", "Duidelijke uitleg.", "", "", "Moest lang wachten.")
KCC = "KCC"  # the contact centre's moments: any relation, the KCC medewerker's department


@dataclass(frozen=True)
class DemoOpvolging:
    """A contact moment `geleden` working days ago whose follow-up was due `termijn` working
    days after the contact; done today when `afgerond`. On time when due today or later."""

    afdeling: str  # the relation's CRM department code, or KCC
    geleden: int
    termijn: int
    afgerond: bool
    kanaal: str
    onderwerp: str


OPVOLGINGEN = (
    DemoOpvolging("CRM-EZ", 1, 3, True, Kanaal.TELEFOON, "Vraag over het bestemmingsplan"),
    DemoOpvolging("CRM-EZ", 4, 5, True, Kanaal.EMAIL, "Aanvraag ondernemersadvies"),
    DemoOpvolging("CRM-EZ", 8, 3, True, Kanaal.BALIE, "Vraag over precariobelasting"),  # late
    DemoOpvolging("CRM-SPORT", 2, 2, True, Kanaal.EMAIL, "Huur sportaccommodatie"),
    DemoOpvolging("CRM-SPORT", 11, 5, True, Kanaal.TELEFOON, "Subsidie jeugdkamp"),  # late
    DemoOpvolging(KCC, 3, 5, True, Kanaal.TELEFOON, "Terugbelverzoek over de afvalpas"),
    DemoOpvolging(KCC, 2, 3, True, Kanaal.PORTAAL, "Vraag over de parkeervergunning"),
    DemoOpvolging(KCC, 6, 2, False, Kanaal.TELEFOON, "Melding straatverlichting"),  # open, late
)


def kpi_demo_load(
    organisatie: Organisatie,
    *,
    aantal: int = 10,
    opvolger: Medewerker | None = None,
    kcc_medewerker: Medewerker | None = None,
) -> int:
    """Follow-ups done by `opvolger` (the account manager; none without one), then answered
    surveys on up to `aantal` contact moments with a department; returns how many surveys
    were made (0 when the demo already has them)."""
    if Tevredenheidsmeting.objects.filter(organisatie=organisatie).exists():
        return 0
    if opvolger is not None:
        opvolgingen_demo_load(organisatie, opvolger=opvolger, kcc_medewerker=kcc_medewerker)
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


def opvolgingen_demo_load(
    organisatie: Organisatie,
    *,
    opvolger: Medewerker,
    kcc_medewerker: Medewerker | None = None,
) -> list[Klantcontact]:
    """The contact moments of OPVOLGINGEN with their follow-up for `opvolger`; the contact
    centre's by `kcc_medewerker` (by `opvolger` without one). Both need the follow-up case
    type (crm_demo_load grants it)."""
    am = _actor(opvolger)
    kcc = _actor(kcc_medewerker) if kcc_medewerker is not None else am
    relaties = _relaties_per_afdeling(organisatie)
    if not relaties[KCC]:
        return []
    today = vandaag(organisatie.tijdzone)
    tz = ZoneInfo(organisatie.tijdzone)
    contacten = []
    for n, spec in enumerate(OPVOLGINGEN):
        kandidaten = relaties.get(spec.afdeling) or relaties[KCC]
        relatie = kandidaten[n % len(kandidaten)]
        contact_dag = werkdagen_terug(today, spec.geleden, organisatie.land)
        uiterlijk = werkdagen_optellen(contact_dag, spec.termijn, organisatie.land)
        contact = klantcontact_create(
            actor=kcc if spec.afdeling == KCC else am,
            partij=relatie.partij,
            kanaal=spec.kanaal,
            onderwerp=spec.onderwerp,
            inhoud="Fictief demoklantcontact; de klant wordt teruggebeld.",
            uitkomst=Uitkomst.TERUGBELVERZOEK,
            plaatsgevonden_op=datetime.combine(contact_dag, time(9 + n % 7, 10 * (n % 6)), tz),
            eenheid=None if spec.afdeling == KCC else relatie.eenheid,
            # The service refuses a due date in the past, as it should for new work; a
            # follow-up that ran late gets its real date below.
            opvolging=Opvolging(
                titel=f"Terugbellen: {spec.onderwerp.lower()}",
                toegewezen_aan=opvolger,
                vervaldatum=max(uiterlijk, today),
            ),
        )
        taak = contact.taak
        if taak is None:  # klantcontact_create makes it whenever an opvolging is given
            continue
        if uiterlijk < today:
            Taak.objects.filter(pk=taak.pk).update(vervaldatum=uiterlijk)
            taak.vervaldatum = uiterlijk
        if spec.afgerond:
            opvolging_afronden(actor=am, taak=taak, toelichting="Klant teruggebeld.")
        contacten.append(contact)
    return contacten


def _actor(medewerker: Medewerker) -> Actor:
    return Actor.for_medewerker(
        Medewerker.objects.prefetch_related("zaaktype_autorisaties").get(pk=medewerker.pk)
    )


def _relaties_per_afdeling(organisatie: Organisatie) -> dict[str, list[Relatie]]:
    """The demo relations by their department's code; KCC holds every relation (the contact
    centre answers them all)."""
    relaties = list(
        Relatie.objects.filter(organisatie=organisatie)
        .select_related("partij", "eenheid")
        .order_by("pk")
    )
    per_afdeling: dict[str, list[Relatie]] = {KCC: relaties}
    for relatie in relaties:
        if relatie.eenheid is not None:
            per_afdeling.setdefault(relatie.eenheid.identificatie, []).append(relatie)
    return per_afdeling
