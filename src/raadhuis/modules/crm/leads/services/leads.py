"""Register and change a lead, move it through the stages (history + audit), win or lose it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import (
    Medewerker,
    OrganisatorischeEenheid,
)
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.models import (
    Fase,
    FaseSoort,
    FaseWissel,
    Lead,
    LeadBron,
    Pipeline,
)
from raadhuis.modules.crm.leads.selectors import (
    fasen_van,
    mag_lead_zien,
)
from raadhuis.modules.crm.leads.services.pipelines import MAY_WRITE_LEADS

LEAD_VELDEN = [
    "titel",
    "omschrijving",
    "waarde",
    "verwachte_sluitdatum",
    "eigenaar",
    "afdeling",
    "bron",
]
MAX_BEDRAG = Decimal("999999999999.99")


# --- leads ----------------------------------------------------------------------------------
def _bedrag(waarde: Any, errors: dict[str, str]) -> Decimal | None:  # noqa: ANN401
    if waarde in (None, ""):
        errors["waarde"] = _("Vul de verwachte waarde in.")
        return None
    try:
        getal = Decimal(str(waarde).replace(",", "."))
    except InvalidOperation:
        errors["waarde"] = _("Vul een getal in, bijvoorbeeld 12500,00.")
        return None
    if not getal.is_finite() or getal < 0 or getal > MAX_BEDRAG:
        errors["waarde"] = _("Vul een bedrag van 0 of meer in.")
        return None
    return getal.quantize(Decimal("0.01"))


def _check_lead(actor: Actor, lead: Lead) -> None:
    errors: dict[str, str] = {}
    if not (lead.titel or "").strip():
        errors["titel"] = _("Vul een titel in.")
    lead.waarde = _bedrag(lead.waarde, errors)  # type: ignore[assignment]
    if lead.bron not in LeadBron.values:
        errors["bron"] = _("Kies de bron van de lead.")
    if lead.afdeling_id is None:
        errors["afdeling"] = _("Kies de afdeling die de lead behandelt.")
    elif lead.afdeling.organisatie_id != actor.organisatie.pk:
        errors["afdeling"] = _("Kies een afdeling van je eigen organisatie.")
    if lead.eigenaar is not None and (
        lead.eigenaar.organisatie_id != actor.organisatie.pk or not lead.eigenaar.actief
    ):
        errors["eigenaar"] = _("Kies een actieve medewerker.")
    if lead.pipeline_id is None or lead.pipeline.organisatie_id != actor.organisatie.pk:
        errors["pipeline"] = _("Kies een pijplijn.")
    elif lead.fase_id is not None and lead.fase.pipeline_id != lead.pipeline_id:
        errors["fase"] = _("Deze fase hoort niet bij de gekozen pijplijn.")
    if lead.partij_id and lead.partij.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Partij niet gevonden.")
    if errors:
        raise ValidationError(errors)
    if not mag_lead_zien(actor, lead):
        raise ValidationError(
            {
                "afdeling": _(
                    "Je zou deze lead zelf niet meer zien: kies een afdeling waar je bij hoort "
                    "of maak jezelf eigenaar."
                )
            }
        )


def _kenmerk(actor: Actor, jaar: int) -> str:
    def bezet(kandidaat: str) -> bool:
        return Lead.objects.filter(organisatie=actor.organisatie, kenmerk=kandidaat).exists()

    return identificatie_next(
        organisatie=actor.organisatie, soort="crm_lead", prefix="LEAD", jaar=jaar, bezet=bezet
    )


def _eerste_open_fase(pipeline: Pipeline) -> Fase | None:
    return next((f for f in fasen_van(pipeline) if f.is_open), None)


def lead_create(
    *,
    actor: Actor,
    partij: Partij,
    titel: str,
    pipeline: Pipeline,
    waarde: Decimal | str,
    afdeling: OrganisatorischeEenheid | None,
    bron: str,
    eigenaar: Medewerker | None = None,
    fase: Fase | None = None,
    verwachte_sluitdatum: date | None = None,
    omschrijving: str = "",
) -> Lead:
    """Register a lead for a relation, in `fase` or the pipeline's first open stage."""
    require_role(actor, *MAY_WRITE_LEADS)
    if fase is not None and not fase.is_open:
        raise ValidationError({"fase": _("Een nieuwe lead begint in een open fase.")})
    lead = Lead(
        organisatie=actor.organisatie,
        partij=partij,
        titel=(titel or "").strip(),
        omschrijving=omschrijving,
        pipeline=pipeline,
        fase=fase or _eerste_open_fase(pipeline),
        waarde=waarde,
        afdeling=afdeling,
        eigenaar=eigenaar,
        bron=bron,
        verwachte_sluitdatum=verwachte_sluitdatum,
    )
    _check_lead(actor, lead)
    with transaction.atomic():
        lead.kenmerk = _kenmerk(actor, vandaag(actor.organisatie.tijdzone).year)
        lead.save()
        FaseWissel.objects.create(
            organisatie=actor.organisatie,
            lead=lead,
            van_fase=None,
            naar_fase=lead.fase,
            door=actor.weergave[:200],
            toelichting=_("Lead vastgelegd"),
        )
        audit_entry_record(
            actor=actor,
            actie="lead_aangemaakt",
            obj=lead,
            wijzigingen=diff({}, snapshot(lead, ["partij", "pipeline", "fase", *LEAD_VELDEN])),
        )
    return lead


def _locked(actor: Actor, lead: Lead) -> Lead:
    require_role(actor, *MAY_WRITE_LEADS)
    if not mag_lead_zien(actor, lead):
        raise NietGevonden("Lead niet gevonden.")
    return (
        Lead.objects.select_for_update(of=("self",))
        .select_related("partij", "pipeline", "fase", "afdeling", "eigenaar")
        .get(pk=lead.pk)
    )


def lead_update(*, actor: Actor, lead: Lead, toelichting: str = "", **velden: Any) -> Lead:
    """Change a lead's fields (LEAD_VELDEN); the audit entry keeps old and new values."""
    onbekend = set(velden) - set(LEAD_VELDEN)
    if onbekend:
        raise ValueError(f"unknown lead fields: {sorted(onbekend)}")
    with transaction.atomic():
        lead = _locked(actor, lead)
        voor = snapshot(lead, LEAD_VELDEN)
        for naam, waarde in velden.items():
            setattr(lead, naam, waarde)
        lead.titel = (lead.titel or "").strip()
        _check_lead(actor, lead)
        lead.save(update_fields=[*velden, "titel", "gewijzigd_op"])
        audit_entry_record(
            actor=actor,
            actie="lead_gewijzigd",
            obj=lead,
            wijzigingen=diff(voor, snapshot(lead, LEAD_VELDEN)),
            toelichting=toelichting,
        )
    return lead


def _klant_markeren(actor: Actor, lead: Lead) -> bool:
    """Won: the relation gets the tag 'Klant' (through the crm core's services, so its own
    access rule and audit apply). False when there is no relation profile or the actor may
    not change it."""
    from raadhuis.modules.crm.selectors import mag_relatie_zien, relatie_van_partij
    from raadhuis.modules.crm.services import relatie_update, tag_ensure

    relatie = relatie_van_partij(lead.partij)
    if relatie is None or not mag_relatie_zien(actor, relatie):
        return False
    tag = tag_ensure(actor=actor, naam="Klant")
    tags = list(relatie.tags.all())
    if tag not in tags:
        relatie_update(
            actor=actor,
            relatie=relatie,
            tags=[*tags, tag],
            toelichting=_("Lead %(nr)s gewonnen") % {"nr": lead.kenmerk},
        )
    return True


def lead_fase_set(
    *,
    actor: Actor,
    lead: Lead,
    fase: Fase,
    verlies_reden: str = "",
    toelichting: str = "",
) -> Lead:
    """Move a lead to another stage of its pipeline; the history and the audit record who and
    when. Lost needs a reason; won marks the relation as customer (tag 'Klant'). A closed lead
    may be reopened by moving it to an open stage."""
    with transaction.atomic():
        lead = _locked(actor, lead)
        if fase.pipeline_id != lead.pipeline_id:
            raise ValidationError({"fase": _("Deze fase hoort niet bij de pijplijn van de lead.")})
        if fase.pk == lead.fase_id:
            return lead
        verlies_reden = (verlies_reden or "").strip()
        if fase.soort == FaseSoort.VERLOREN and not verlies_reden:
            raise ValidationError(
                {"verlies_reden": _("Vul de reden in waarom de lead verloren is.")}
            )
        voor = snapshot(lead, ["fase", "verlies_reden", "gesloten_op"])
        van_fase = lead.fase
        lead.fase = fase
        lead.verlies_reden = verlies_reden if fase.soort == FaseSoort.VERLOREN else ""
        lead.gesloten_op = None if fase.is_open else vandaag(actor.organisatie.tijdzone)
        lead.save(update_fields=["fase", "verlies_reden", "gesloten_op", "gewijzigd_op"])
        FaseWissel.objects.create(
            organisatie=actor.organisatie,
            lead=lead,
            van_fase=van_fase,
            naar_fase=fase,
            door=actor.weergave[:200],
            toelichting=(toelichting or verlies_reden)[:300],
        )
        audit_entry_record(
            actor=actor,
            actie="lead_fase_gewijzigd",
            obj=lead,
            wijzigingen=diff(voor, snapshot(lead, ["fase", "verlies_reden", "gesloten_op"])),
            toelichting=toelichting,
        )
        if fase.soort == FaseSoort.GEWONNEN:
            _klant_markeren(actor, lead)
    return lead


def lead_verplaatsen(*, actor: Actor, lead: Lead, richting: str) -> Lead:
    """One open stage forward ('vooruit') or back ('terug'): the board's move buttons."""
    open_fasen = [f for f in fasen_van(lead.pipeline) if f.is_open]
    if lead.fase not in open_fasen:
        raise ValidationError({"fase": _("Een gesloten lead verplaats je via de leadpagina.")})
    i = open_fasen.index(lead.fase) + (1 if richting == "vooruit" else -1)
    if richting not in ("vooruit", "terug") or not 0 <= i < len(open_fasen):
        raise ValidationError({"fase": _("Er is geen fase in die richting.")})
    return lead_fase_set(actor=actor, lead=lead, fase=open_fasen[i])
