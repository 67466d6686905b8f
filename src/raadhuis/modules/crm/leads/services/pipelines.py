"""Pipelines and their stages (functional administrator), and the standard pipelines every
organisation starts with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import (
    Organisatie,
    Rol,
)
from raadhuis.modules.crm.leads.models import (
    Fase,
    FaseSoort,
    FaseWissel,
    Pipeline,
)
from raadhuis.modules.crm.leads.selectors import (
    MAY_MANAGE_PIPELINES,
    fasen_van,
)

MAY_WRITE_LEADS = (Rol.MEDEWERKER,)


# --- pipelines ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FaseSpec:
    naam: str
    kans: int
    soort: str = FaseSoort.OPEN


STANDAARD_PIPELINES: tuple[tuple[str, str, tuple[FaseSpec, ...]], ...] = (
    (
        "Bedrijfshuisvesting",
        "Bedrijven die een locatie zoeken of willen uitbreiden in de gemeente.",
        (
            FaseSpec("Eerste contact", 10),
            FaseSpec("Behoefte in beeld", 25),
            FaseSpec("Locatievoorstel", 50),
            FaseSpec("Onderhandeling", 75),
            FaseSpec("Gewonnen", 100, FaseSoort.GEWONNEN),
            FaseSpec("Verloren", 0, FaseSoort.VERLOREN),
        ),
    ),
    (
        "Subsidies en partnerschappen",
        "Samenwerkingen met partners, verenigingen en fondsen, met of zonder subsidie.",
        (
            FaseSpec("Verkenning", 10),
            FaseSpec("Voorstel in voorbereiding", 30),
            FaseSpec("Offerte of aanvraag verstuurd", 60),
            FaseSpec("Besluitvorming", 80),
            FaseSpec("Gewonnen", 100, FaseSoort.GEWONNEN),
            FaseSpec("Verloren", 0, FaseSoort.VERLOREN),
        ),
    ),
)


def fasen_check(fasen: list[FaseSpec]) -> None:
    """A pipeline has at least one open stage, exactly one won and one lost end stage, unique
    names and chances from 0 to 100."""
    errors = []
    namen = [f.naam.strip().lower() for f in fasen]
    if any(not n for n in namen):
        errors.append(_("Elke fase heeft een naam."))
    if len(set(namen)) != len(namen):
        errors.append(_("Twee fasen hebben dezelfde naam."))
    if any(not 0 <= f.kans <= 100 for f in fasen):
        errors.append(_("De kans op winst ligt tussen 0 en 100%."))
    soorten = [f.soort for f in fasen]
    if FaseSoort.OPEN not in soorten:
        errors.append(_("Een pijplijn heeft minstens één open fase."))
    if soorten.count(FaseSoort.GEWONNEN) != 1 or soorten.count(FaseSoort.VERLOREN) != 1:
        errors.append(_("Een pijplijn heeft precies één eindfase ‘gewonnen’ en één ‘verloren’."))
    if errors:
        raise ValidationError({"fasen": errors})


def _pipeline_audit(pipeline: Pipeline) -> dict[str, Any]:
    return {
        "naam": pipeline.naam,
        "omschrijving": pipeline.omschrijving,
        "actief": pipeline.actief,
        "fasen": [f"{f.naam} ({f.kans}%, {f.soort})" for f in fasen_van(pipeline)],
    }


def _fasen_schrijven(pipeline: Pipeline, fasen: list[FaseSpec]) -> None:
    """Bring the stages in line with `fasen`: same name = same stage (its leads stay), a new
    name is added, a stage no longer listed is removed, unless leads are in it."""
    bestaand = {f.naam.strip().lower(): f for f in pipeline.fasen.all()}
    gewenst = {spec.naam.strip().lower() for spec in fasen}
    for sleutel, fase in bestaand.items():
        if sleutel not in gewenst:
            if fase.leads.exists() or FaseWissel.objects.filter(naar_fase=fase).exists():
                raise ValidationError(
                    {
                        "fasen": _(
                            "Fase ‘%(naam)s’ heeft (of had) leads en kan niet weg. Hernoem haar "
                            "niet, maar laat haar staan."
                        )
                        % {"naam": fase.naam}
                    }
                )
            fase.delete()
    for volgorde, spec in enumerate(fasen, start=1):
        fase = bestaand.get(spec.naam.strip().lower())
        if fase is None:
            Fase.objects.create(
                organisatie=pipeline.organisatie,
                pipeline=pipeline,
                naam=spec.naam.strip(),
                kans=spec.kans,
                soort=spec.soort,
                volgorde=volgorde,
            )
        else:
            if fase.soort != spec.soort and fase.leads.exists():
                raise ValidationError(
                    {"fasen": _("De soort van fase ‘%(naam)s’ kan niet meer veranderen.")
                     % {"naam": fase.naam}}
                )  # fmt: skip
            fase.naam, fase.kans, fase.soort, fase.volgorde = (
                spec.naam.strip(),
                spec.kans,
                spec.soort,
                volgorde,
            )
            fase.save(update_fields=["naam", "kans", "soort", "volgorde"])


def _naam_check(actor: Actor, naam: str, behalve: Pipeline | None = None) -> str:
    naam = (naam or "").strip()
    if not naam:
        raise ValidationError({"naam": _("Vul de naam van de pijplijn in.")})
    dubbel = Pipeline.objects.filter(organisatie_id=actor.organisatie.pk, naam__iexact=naam)
    if behalve is not None:
        dubbel = dubbel.exclude(pk=behalve.pk)
    if dubbel.exists():
        raise ValidationError({"naam": _("Er is al een pijplijn met deze naam.")})
    return naam


def pipeline_create(
    *, actor: Actor, naam: str, fasen: list[FaseSpec], omschrijving: str = ""
) -> Pipeline:
    """A new pipeline with its stages (in order). Functional administrator only."""
    require_role(actor, *MAY_MANAGE_PIPELINES)
    fasen_check(fasen)
    with transaction.atomic():
        naam = _naam_check(actor, naam)
        volgorde = Pipeline.objects.filter(organisatie_id=actor.organisatie.pk).count() + 1
        pipeline = Pipeline.objects.create(
            organisatie=actor.organisatie, naam=naam, omschrijving=omschrijving, volgorde=volgorde
        )
        _fasen_schrijven(pipeline, fasen)
        audit_entry_record(
            actor=actor,
            actie="pipeline_aangemaakt",
            obj=pipeline,
            wijzigingen=diff({}, _pipeline_audit(pipeline)),
        )
    return pipeline


def pipeline_update(
    *,
    actor: Actor,
    pipeline: Pipeline,
    naam: str,
    fasen: list[FaseSpec],
    omschrijving: str = "",
    actief: bool = True,
) -> Pipeline:
    """Rename, describe, (de)activate a pipeline and change its stages (see _fasen_schrijven)."""
    require_role(actor, *MAY_MANAGE_PIPELINES)
    if pipeline.organisatie_id != actor.organisatie.pk:
        raise NietGevonden("Pijplijn niet gevonden.")
    fasen_check(fasen)
    with transaction.atomic():
        pipeline = Pipeline.objects.select_for_update().get(pk=pipeline.pk)
        voor = _pipeline_audit(pipeline)
        pipeline.naam = _naam_check(actor, naam, behalve=pipeline)
        pipeline.omschrijving = omschrijving
        pipeline.actief = actief
        pipeline.save(update_fields=["naam", "omschrijving", "actief"])
        _fasen_schrijven(pipeline, fasen)
        audit_entry_record(
            actor=actor,
            actie="pipeline_gewijzigd",
            obj=pipeline,
            wijzigingen=diff(voor, _pipeline_audit(pipeline)),
        )
    return pipeline


def leads_pipelines_ensure(organisatie: Organisatie) -> list[Pipeline]:
    """The two standard pipelines of the organisation, created (by the system) when missing.
    Idempotent; an existing pipeline is left as the functional administrator made it."""
    systeem = Actor.system(organisatie, weergave="Standaardpijplijnen")
    resultaat = []
    for naam, omschrijving, fasen in STANDAARD_PIPELINES:
        bestaand = Pipeline.objects.filter(organisatie=organisatie, naam=naam).first()
        if bestaand is None:
            bestaand = pipeline_create(
                actor=systeem, naam=naam, fasen=list(fasen), omschrijving=omschrijving
            )
        resultaat.append(bestaand)
    return resultaat
