"""Demo leads: the two standard pipelines and ten fictitious leads in several stages (open, won,
lost) on the organisation's existing demo relations, so the board, the smart filter, the score
and the conversion figures show something on the first day.

`leads_demo_load(organisatie, afdeling=..., eigenaar=...)` is idempotent: it only makes sure the
pipelines exist when the organisation already has leads.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.organisations.models import Medewerker, Organisatie, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import NietNatuurlijkPersoon, Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.models import FaseSoort, Lead, LeadBron
from raadhuis.modules.crm.leads.selectors import fasen_van
from raadhuis.modules.crm.leads.services import (
    lead_create,
    lead_fase_set,
    leads_pipelines_ensure,
)
from raadhuis.modules.crm.models import Relatie, RelatieSoort

# (pipeline index, title, value, stage index (open stages; "gewonnen"/"verloren"), source,
#  days since registration, days until expected close)
DEMO_LEADS = (
    (
        0,
        "Nieuwe productielocatie op bedrijventerrein",
        "450000",
        2,
        LeadBron.ACCOUNTMANAGER,
        40,
        60,
    ),
    (0, "Uitbreiding bedrijfshal met 2.000 m²", "120000", 1, LeadBron.WEBSITE, 12, 120),
    (0, "Tijdelijke huisvesting tijdens verbouwing", "18000", 0, LeadBron.KCC, 3, 45),
    (0, "Vestiging distributiecentrum", "900000", 3, LeadBron.DOORVERWIJZING, 95, 20),
    (0, "Verplaatsing kantoor naar binnenstad", "60000", "gewonnen", LeadBron.EVENEMENT, 150, -10),
    (0, "Showroom aan de invalsweg", "35000", "verloren", LeadBron.CAMPAGNE, 200, -30),
    (1, "Partnerschap jongerenwerk in de wijk", "25000", 1, LeadBron.DOORVERWIJZING, 20, 90),
    (1, "Cofinanciering sportpark (fonds)", "75000", 2, LeadBron.EVENEMENT, 60, 30),
    (1, "Convenant energiebesparing verenigingen", "8000", 0, LeadBron.CAMPAGNE, 1, 150),
    (1, "Subsidie cultureel festival", "15000", "gewonnen", LeadBron.WEBSITE, 120, -5),
)
VERLIES_REDEN = "Koos voor een locatie in een buurgemeente"


def _relaties(organisatie: Organisatie, partijen: list[Partij] | None) -> list[Partij]:
    if partijen:
        return partijen
    profielen = list(
        Relatie.objects.filter(organisatie=organisatie)
        .exclude(soort=RelatieSoort.INWONER)
        .select_related("partij")
        .order_by("pk")[:6]
    )
    if profielen:
        return [r.partij for r in profielen]
    return list(NietNatuurlijkPersoon.objects.filter(organisatie=organisatie).order_by("pk")[:6])


def _afdeling_van(partij: Partij, afdeling: OrganisatorischeEenheid | None):  # noqa: ANN202
    if afdeling is not None:
        return afdeling
    relatie = Relatie.objects.filter(partij=partij).select_related("eenheid").first()
    if relatie is not None:
        return relatie.eenheid
    return OrganisatorischeEenheid.objects.filter(organisatie=partij.organisatie).first()


def leads_demo_load(
    organisatie: Organisatie,
    *,
    afdeling: OrganisatorischeEenheid | None = None,
    eigenaar: Medewerker | None = None,
    partijen: list[Partij] | None = None,
    op: date | None = None,
) -> list[Lead]:
    """The standard pipelines and ten demo leads; [] when the organisation has leads already
    or no relations to put them on. Without `afdeling`, each lead goes to the department that
    manages its relation (so the relation's department sees it)."""
    pipelines = leads_pipelines_ensure(organisatie)
    if Lead.objects.filter(organisatie=organisatie).exists():
        return []
    relaties = _relaties(organisatie, partijen)
    if not relaties:
        return []
    actor = Actor.system(organisatie, weergave="Demogegevens")
    op = op or vandaag(organisatie.tijdzone)
    leads = []
    for i, (p, titel, waarde, fase, bron, leeftijd, sluit) in enumerate(DEMO_LEADS):
        pipeline = pipelines[p]
        partij = relaties[i % len(relaties)]
        fasen = fasen_van(pipeline)
        open_fasen = [f for f in fasen if f.is_open]
        lead = lead_create(
            actor=actor,
            partij=partij,
            titel=titel,
            pipeline=pipeline,
            waarde=Decimal(waarde),
            afdeling=_afdeling_van(partij, afdeling),
            eigenaar=eigenaar,
            bron=bron,
            verwachte_sluitdatum=op + timedelta(days=sluit),
            omschrijving="Fictieve demolead.",
        )
        if isinstance(fase, int):
            for doel in open_fasen[1 : fase + 1]:
                lead = lead_fase_set(actor=actor, lead=lead, fase=doel)
        else:
            for doel in open_fasen[1:]:
                lead = lead_fase_set(actor=actor, lead=lead, fase=doel)
            eind = next(f for f in fasen if f.soort == fase)
            lead = lead_fase_set(
                actor=actor,
                lead=lead,
                fase=eind,
                verlies_reden=VERLIES_REDEN if fase == FaseSoort.VERLOREN else "",
            )
        # Demo only: spread the registration dates so the score's age factor varies.
        Lead.objects.filter(pk=lead.pk).update(
            aangemaakt_op=lead.aangemaakt_op - timedelta(days=leeftijd)
        )
        leads.append(lead)
    return leads
