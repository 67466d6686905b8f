"""Every write on leads and pipelines: pipelines and their stages (functional administrator),
register and change a lead, move it through the stages (history + audit), win or lose it, and
make a quotation from a quotation template (preview first, then the PDF).

Each write checks the role and whether the actor may see the lead, validates with Dutch errors
per field, writes in one transaction and records an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.modules.crm.leads.models import (
    Fase,
    FaseSoort,
    FaseWissel,
    Lead,
    LeadBron,
    Offerte,
    Pipeline,
)
from raadhuis.modules.crm.leads.selectors import (
    MAY_MANAGE_PIPELINES,
    fasen_van,
    mag_lead_zien,
)

MAY_WRITE_LEADS = (Rol.MEDEWERKER,)
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
OFFERTE_GELDIG_DAGEN = 30


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


# --- quotation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferteOntwerp:
    """A quotation as it would be made: the template version, its number, subject and the
    letter as an HTML document (for the preview and the PDF)."""

    versie: Any  # BriefSjabloonVersie
    sjabloon: Any  # BriefSjabloon
    nummer: str
    onderwerp: str
    html: str
    bedrag: Decimal
    geldig_tot: date


def offerte_sjablonen_voor(*, actor: Actor) -> list[Any]:
    """The quotation templates the actor may choose from (the standard one first); the
    library's quotation templates are seeded on first use."""
    from raadhuis.modules.crm.leads.brieven import offerte_sjablonen, offerte_sjabloon_ensure

    require_role(actor, *MAY_WRITE_LEADS)
    offerte_sjabloon_ensure(actor.organisatie)
    return offerte_sjablonen(actor.organisatie)


def _offerte_sjabloon(actor: Actor, sjabloon: Any) -> Any:  # noqa: ANN401 - BriefSjabloon
    """The chosen quotation template (default: the standard one), checked: the actor's
    organisation, active, with a text, a quotation template whose fields a quotation fills."""
    from raadhuis.kernel.messaging.models import BriefSjabloon
    from raadhuis.modules.crm.leads.brieven import (
        SJABLOON_OFFERTE,
        offerte_sjablonen,
        offerte_sjabloon_ensure,
        offerte_velden_check,
    )

    offerte_sjabloon_ensure(actor.organisatie)
    bruikbaar = {s.pk: s for s in offerte_sjablonen(actor.organisatie)}
    if sjabloon is None:
        gekozen = next((s for s in bruikbaar.values() if s.code == SJABLOON_OFFERTE), None)
        if gekozen is None:
            raise ValidationError(
                {
                    "sjabloon": _(
                        "Het standaardsjabloon ‘Offerte’ is niet actief. Kies een sjabloon."
                    )
                }
            )
        sjabloon = gekozen
    elif not isinstance(sjabloon, BriefSjabloon) or sjabloon.pk not in bruikbaar:
        raise ValidationError({"sjabloon": _("Kies een actief offertesjabloon.")})
    else:
        sjabloon = bruikbaar[sjabloon.pk]
    buiten = offerte_velden_check(sjabloon.huidige_versie)
    if buiten:
        raise ValidationError(
            {
                "sjabloon": _(
                    "Dit sjabloon gebruikt velden die in een offerte leeg blijven: %(velden)s. "
                    "Laat de functioneel beheerder het sjabloon aanpassen of kies een ander."
                )
                % {"velden": ", ".join(buiten)}
            }
        )
    return sjabloon


def _offerte_waarden_check(bedrag: Decimal, geldig_tot: date, dag: date) -> None:
    errors = {}
    if bedrag < 0 or bedrag > MAX_BEDRAG:
        errors["bedrag"] = _("Vul een bedrag in van € 0,00 tot € 999.999.999.999,99.")
    if geldig_tot < dag:
        errors["geldig_tot"] = _("De offerte moet vandaag of later nog geldig zijn.")
    if errors:
        raise ValidationError(errors)


def _offerte_ontwerp(
    actor: Actor,
    lead: Lead,
    *,
    sjabloon: Any,  # noqa: ANN401 - BriefSjabloon or None
    bedrag: Decimal | None,
    geldig_tot: date | None,
    volgnummer: int,
    voor_scherm: bool = False,
) -> OfferteOntwerp:
    from raadhuis.kernel.messaging.services import brief_render_html
    from raadhuis.kernel.messaging.sjablonen import SjabloonTekst, onderwerp_render
    from raadhuis.modules.crm.leads.brieven import offerte_context

    sjabloon = _offerte_sjabloon(actor, sjabloon)
    versie = sjabloon.huidige_versie
    dag = vandaag(actor.organisatie.tijdzone)
    geldig_tot = geldig_tot or dag + timedelta(days=OFFERTE_GELDIG_DAGEN)
    bedrag = lead.waarde if bedrag is None else Decimal(bedrag)
    _offerte_waarden_check(bedrag, geldig_tot, dag)
    nummer = f"{lead.kenmerk}-O{volgnummer}"
    context = offerte_context(lead, nummer=nummer, bedrag=bedrag, geldig_tot=geldig_tot, dag=dag)
    html = brief_render_html(
        versie, context, organisatie=actor.organisatie, voor_scherm=voor_scherm
    )
    onderwerp = onderwerp_render(
        SjabloonTekst(onderwerp=versie.onderwerp, inhoud=versie.inhoud, naam=versie.naam),
        context,
    )[:300]
    return OfferteOntwerp(versie, sjabloon, nummer, onderwerp, html, bedrag, geldig_tot)


def offerte_voorbeeld(
    *,
    actor: Actor,
    lead: Lead,
    sjabloon: Any = None,  # noqa: ANN401 - BriefSjabloon; None: the standard one
    bedrag: Decimal | None = None,
    geldig_tot: date | None = None,
) -> str:
    """The quotation as it would be made now, as an HTML document for the screen; nothing is
    saved. Raises ValidationError per field (sjabloon, bedrag, geldig_tot) like
    offerte_create."""
    require_role(actor, *MAY_WRITE_LEADS)
    if not mag_lead_zien(actor, lead):
        raise NietGevonden("Lead niet gevonden.")
    return _offerte_ontwerp(
        actor,
        lead,
        sjabloon=sjabloon,
        bedrag=bedrag,
        geldig_tot=geldig_tot,
        volgnummer=lead.offertes.count() + 1,
        voor_scherm=True,
    ).html


def offerte_create(
    *,
    actor: Actor,
    lead: Lead,
    bedrag: Decimal | None = None,
    geldig_tot: date | None = None,
    sjabloon: Any = None,  # noqa: ANN401 - BriefSjabloon; None: the standard one
) -> Offerte:
    """Make the quotation PDF from a quotation template (default the standard one, code
    "offerte"; kernel messaging: merge fields, letterhead, WeasyPrint) and store it with the
    lead, with the template version it was made from. It is not sent: the owner checks it and
    sends it (or uploads it to the relation's case) themselves."""
    from raadhuis.kernel.messaging.pdf import brief_render_pdf

    require_role(actor, *MAY_WRITE_LEADS)
    if not mag_lead_zien(actor, lead):
        raise NietGevonden("Lead niet gevonden.")
    with transaction.atomic():
        lead = _locked(actor, lead)
        ontwerp = _offerte_ontwerp(
            actor,
            lead,
            sjabloon=sjabloon,
            bedrag=bedrag,
            geldig_tot=geldig_tot,
            volgnummer=lead.offertes.count() + 1,
        )
        pdf = brief_render_pdf(ontwerp.html)
        offerte = Offerte(
            organisatie=actor.organisatie,
            lead=lead,
            nummer=ontwerp.nummer,
            onderwerp=ontwerp.onderwerp,
            bedrag=ontwerp.bedrag,
            geldig_tot=ontwerp.geldig_tot,
            sjabloon_versie=ontwerp.versie,
            gemaakt_door=actor.weergave[:200],
        )
        offerte.bestand.save(f"offerte-{slugify(ontwerp.nummer)}.pdf", ContentFile(pdf), save=False)
        offerte.save()
        audit_entry_record(
            actor=actor,
            actie="offerte_gemaakt",
            obj=offerte,
            wijzigingen={
                "lead": [None, lead.kenmerk],
                "bedrag": [None, str(ontwerp.bedrag)],
                "sjabloon": [
                    None,
                    f"{ontwerp.sjabloon.code} (versie {ontwerp.versie.versie})",
                ],
            },
        )
    return offerte
