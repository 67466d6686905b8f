"""Every write on process definitions: a functional administrator builds a process from steps
and automatic actions in a concept version, publishes it (it becomes the active version that
new cases get, and never changes again), and edits a published process by making a new
concept version from it.

Only the role functioneel_beheerder (and the system, for imports) may do this."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.acties import (
    KeuzeContext,
    actie_parameters_valideren,
    actie_samenvatting,
)
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ProcesActie,
    Procesdefinitie,
    ProcesStap,
    ProcesVersie,
    ProcesVersieStatus,
)

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")


def require_procesbeheer(actor: Actor) -> None:
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER)


def _eigen(actor: Actor, organisatie_id: int) -> None:
    if organisatie_id != actor.organisatie.pk:
        raise PermissionDenied(_("Dit proces hoort niet bij je organisatie."))


def nieuwste_zaaktype(definitie: Procesdefinitie) -> ZaakType | None:
    """The newest version of the process's case type (its status types are offered)."""
    return (
        ZaakType.objects.filter(
            catalogus_id=definitie.catalogus_id, identificatie=definitie.zaaktype_identificatie
        )
        .order_by("-versiedatum", "-id")
        .first()
    )


def keuze_context(definitie: Procesdefinitie) -> KeuzeContext:
    return KeuzeContext(organisatie=definitie.organisatie, zaaktype=nieuwste_zaaktype(definitie))


def _code(tekst: str, veld: str, gegeven: str) -> str:
    code = gegeven.strip() or slugify(tekst)[:50]
    if not CODE.match(code):
        raise ValidationError(
            {veld: _("Gebruik kleine letters, cijfers, - en _ (maximaal 50 tekens).")}
        )
    return code


# --- the process and its versions --------------------------------------------------------------


def proces_create(
    *,
    actor: Actor,
    zaaktype: ZaakType,
    naam: str,
    code: str = "",
    omschrijving: str = "",
    op_basis_van: ProcesVersie | None = None,
) -> ProcesVersie:
    """A new process for a case type, with its first concept version: empty, or a copy of the
    steps and actions of `op_basis_van` (any version of any process of the organisation)."""
    require_procesbeheer(actor)
    if not naam.strip():
        raise ValidationError({"naam": _("Geef het proces een naam.")})
    code = _code(naam, "code", code)
    _eigen(actor, zaaktype.catalogus.organisatie_id)
    if op_basis_van is not None:
        _eigen(actor, op_basis_van.organisatie_id)
    with transaction.atomic():
        if Procesdefinitie.objects.filter(
            catalogus_id=zaaktype.catalogus_id, zaaktype_identificatie=zaaktype.identificatie
        ).exists():
            raise ValidationError({"zaaktype": _("Dit zaaktype heeft al een proces.")})
        if Procesdefinitie.objects.filter(organisatie=actor.organisatie, code=code).exists():
            raise ValidationError({"code": _("Er is al een proces met deze code.")})
        definitie = Procesdefinitie.objects.create(
            organisatie=actor.organisatie,
            catalogus_id=zaaktype.catalogus_id,
            zaaktype_identificatie=zaaktype.identificatie,
            code=code,
            naam=naam.strip()[:200],
            omschrijving=omschrijving.strip(),
        )
        versie = ProcesVersie.objects.create(
            organisatie=actor.organisatie,
            definitie=definitie,
            versie=1,
            aangemaakt_door=actor.weergave[:200],
        )
        if op_basis_van is not None:
            _stappen_kopieren(op_basis_van, versie, sleutels_houden=False)
        audit_entry_record(
            actor=actor,
            actie="proces_aangemaakt",
            obj=definitie,
            wijzigingen={
                "naam": [None, definitie.naam],
                "zaaktype": [None, zaaktype.identificatie],
                "op_basis_van": [None, str(op_basis_van) if op_basis_van else None],
            },
        )
    return versie


def proces_update(
    *, actor: Actor, definitie: Procesdefinitie, naam: str, omschrijving: str = ""
) -> Procesdefinitie:
    require_procesbeheer(actor)
    _eigen(actor, definitie.organisatie_id)
    if not naam.strip():
        raise ValidationError({"naam": _("Geef het proces een naam.")})
    with transaction.atomic():
        definitie = Procesdefinitie.objects.select_for_update().get(pk=definitie.pk)
        voor = {"naam": definitie.naam, "omschrijving": definitie.omschrijving}
        definitie.naam, definitie.omschrijving = naam.strip()[:200], omschrijving.strip()
        definitie.save(update_fields=["naam", "omschrijving"])
        na = {"naam": definitie.naam, "omschrijving": definitie.omschrijving}
        wijzigingen = {k: [voor[k], na[k]] for k in na if voor[k] != na[k]}
        if wijzigingen:
            audit_entry_record(
                actor=actor, actie="proces_gewijzigd", obj=definitie, wijzigingen=wijzigingen
            )
    return definitie


def procesversie_concept_maken(*, actor: Actor, definitie: Procesdefinitie) -> ProcesVersie:
    """The concept to edit: the existing one, or a new version copied from the active (else
    the newest) published version. Published versions themselves never change."""
    require_procesbeheer(actor)
    _eigen(actor, definitie.organisatie_id)
    with transaction.atomic():
        definitie = Procesdefinitie.objects.select_for_update().get(pk=definitie.pk)
        concept = definitie.versies.filter(status=ProcesVersieStatus.CONCEPT).first()
        if concept is not None:
            return concept
        basis = (
            definitie.versies.filter(actief=True).first()
            or definitie.versies.order_by("-versie").first()
        )
        nummer = (definitie.versies.aggregate(m=Max("versie"))["m"] or 0) + 1
        concept = ProcesVersie.objects.create(
            organisatie=definitie.organisatie,
            definitie=definitie,
            versie=nummer,
            gebaseerd_op=basis,
            aangemaakt_door=actor.weergave[:200],
        )
        if basis is not None:
            _stappen_kopieren(basis, concept, sleutels_houden=True)
        audit_entry_record(
            actor=actor,
            actie="procesversie_aangemaakt",
            obj=concept,
            wijzigingen={"versie": [basis.versie if basis else None, nummer]},
        )
    return concept


def _stappen_kopieren(bron: ProcesVersie, doel: ProcesVersie, *, sleutels_houden: bool) -> None:
    """Copy steps and actions. Within one process the action keys stay (a migrated case does
    not repeat an action it ran); into another process they are new."""
    for stap in bron.stappen.order_by("volgnummer", "id"):
        kopie = ProcesStap.objects.create(
            versie=doel,
            volgnummer=stap.volgnummer,
            code=stap.code,
            naam=stap.naam,
            statustype_omschrijving=stap.statustype_omschrijving,
            doorlooptijd_werkdagen=stap.doorlooptijd_werkdagen,
            toelichting=stap.toelichting,
        )
        for actie in stap.acties.order_by("volgnummer", "id"):
            extra = {"sleutel": actie.sleutel} if sleutels_houden else {}
            ProcesActie.objects.create(
                stap=kopie,
                volgnummer=actie.volgnummer,
                trigger=actie.trigger,
                werkdagen=actie.werkdagen,
                soort=actie.soort,
                parameters=actie.parameters,
                **extra,
            )


def _concept_locked(actor: Actor, versie: ProcesVersie) -> ProcesVersie:
    """Lock a version for an edit: only a concept of the actor's organisation."""
    require_procesbeheer(actor)
    versie = (
        ProcesVersie.objects.select_for_update(of=("self",))
        .select_related("definitie", "definitie__organisatie")
        .get(pk=versie.pk)
    )
    _eigen(actor, versie.organisatie_id)
    if not versie.is_concept:
        raise ValidationError(
            _(
                "Versie %(n)s is gepubliceerd en verandert niet meer. Maak een nieuwe versie om "
                "het proces aan te passen."
            )
            % {"n": versie.versie},
            code="niet-concept",
        )
    return versie


def procesversie_publiceren(
    *, actor: Actor, versie: ProcesVersie, toelichting: str = ""
) -> ProcesVersie:
    """Publish a concept: from now on new cases of the case type get this version. Running
    cases keep theirs until migrated (engine.proces_migreren)."""
    with transaction.atomic():
        versie = _concept_locked(actor, versie)
        problemen = procesversie_problemen(versie)
        if problemen:
            raise ValidationError(problemen, code="niet-publiceerbaar")
        vorige = ProcesVersie.objects.filter(definitie_id=versie.definitie_id, actief=True).first()
        if vorige is not None:
            vorige.actief = False
            vorige.save(update_fields=["actief"])
        versie.status = ProcesVersieStatus.GEPUBLICEERD
        versie.actief = True
        versie.gepubliceerd_op = timezone.now()
        versie.gepubliceerd_door = actor.weergave[:200]
        if toelichting.strip():
            versie.toelichting = toelichting.strip()
        versie.save(
            update_fields=[
                "status",
                "actief",
                "gepubliceerd_op",
                "gepubliceerd_door",
                "toelichting",
            ]
        )
        audit_entry_record(
            actor=actor,
            actie="procesversie_gepubliceerd",
            obj=versie,
            wijzigingen={"actieve_versie": [vorige.versie if vorige else None, versie.versie]},
            toelichting=versie.toelichting,
        )
    return versie


def procesversie_problemen(versie: ProcesVersie) -> list[str]:
    """What stands in the way of publishing, in Dutch: no steps, a status the case type does
    not know, an action whose kind is gone or whose settings are no longer valid (a team
    removed, a letter template renamed)."""
    problemen = []
    stappen = list(versie.stappen.prefetch_related("acties").order_by("volgnummer", "id"))
    if not stappen:
        problemen.append(_("Het proces heeft nog geen stappen."))
    context = keuze_context(versie.definitie)
    statussen = (
        set(context.zaaktype.statustypen.values_list("omschrijving", flat=True))
        if context.zaaktype is not None
        else set()
    )
    for stap in stappen:
        if stap.statustype_omschrijving and stap.statustype_omschrijving not in statussen:
            problemen.append(
                _("Stap ‘%(stap)s’: het zaaktype kent de status ‘%(status)s’ niet.")
                % {"stap": stap.naam, "status": stap.statustype_omschrijving}
            )
        for actie in stap.acties.all():
            try:
                actie_parameters_valideren(actie.soort, actie.parameters, context=context)
            except ValidationError as error:
                problemen.append(
                    _("Stap ‘%(stap)s’, actie ‘%(actie)s’: %(fout)s")
                    % {
                        "stap": stap.naam,
                        "actie": actie_samenvatting(actie.soort, actie.parameters, context),
                        "fout": " ".join(error.messages),
                    }
                )
    return problemen


def procesversie_concept_verwijderen(*, actor: Actor, versie: ProcesVersie) -> None:
    """Throw a concept away (a process whose only version it is goes with it)."""
    with transaction.atomic():
        versie = _concept_locked(actor, versie)
        definitie = versie.definitie
        audit_entry_record(
            actor=actor,
            actie="procesversie_verwijderd",
            obj=versie,
            wijzigingen={"versie": [versie.versie, None]},
        )
        versie.delete()
        if not definitie.versies.exists():
            audit_entry_record(
                actor=actor,
                actie="proces_verwijderd",
                obj=definitie,
                wijzigingen={"naam": [definitie.naam, None]},
            )
            definitie.delete()


# --- steps -------------------------------------------------------------------------------------


def _stap_velden_check(
    versie: ProcesVersie, naam: str, statustype_omschrijving: str, doorlooptijd: int | None
) -> None:
    errors = {}
    if not naam.strip():
        errors["naam"] = _("Geef de stap een naam.")
    elif len(naam.strip()) > 100:
        errors["naam"] = _("De naam is maximaal 100 tekens.")
    if statustype_omschrijving:
        zaaktype = nieuwste_zaaktype(versie.definitie)
        if (
            zaaktype is None
            or not zaaktype.statustypen.filter(omschrijving=statustype_omschrijving).exists()
        ):
            errors["statustype_omschrijving"] = _("Het zaaktype kent deze status niet.")
    if doorlooptijd is not None and not 0 <= doorlooptijd <= 365:
        errors["doorlooptijd_werkdagen"] = _("De doorlooptijd ligt tussen 0 en 365 werkdagen.")
    if errors:
        raise ValidationError(errors)


def _hernummeren(versie: ProcesVersie, volgorde: list[ProcesStap]) -> None:
    for nummer, stap in enumerate(volgorde, start=1):
        if stap.volgnummer != nummer:
            stap.volgnummer = nummer
            stap.save(update_fields=["volgnummer"])


def processtap_add(
    *,
    actor: Actor,
    versie: ProcesVersie,
    naam: str,
    code: str = "",
    statustype_omschrijving: str = "",
    doorlooptijd_werkdagen: int | None = None,
    toelichting: str = "",
) -> ProcesStap:
    """Add a step at the end of a concept version."""
    with transaction.atomic():
        versie = _concept_locked(actor, versie)
        _stap_velden_check(versie, naam, statustype_omschrijving, doorlooptijd_werkdagen)
        code = _code(naam, "code", code)
        if versie.stappen.filter(code=code).exists():
            raise ValidationError({"code": _("Deze versie heeft al een stap met deze code.")})
        laatste = versie.stappen.aggregate(m=Max("volgnummer"))["m"] or 0
        try:
            with transaction.atomic():
                stap = ProcesStap.objects.create(
                    versie=versie,
                    volgnummer=laatste + 1,
                    code=code,
                    naam=naam.strip(),
                    statustype_omschrijving=statustype_omschrijving,
                    doorlooptijd_werkdagen=doorlooptijd_werkdagen,
                    toelichting=toelichting.strip(),
                )
        except IntegrityError as error:
            raise ValidationError(
                {"code": _("Deze versie heeft al een stap met deze code.")}
            ) from error
        audit_entry_record(
            actor=actor,
            actie="processtap_toegevoegd",
            obj=versie,
            wijzigingen={"stap": [None, stap.naam], "volgnummer": [None, stap.volgnummer]},
        )
    return stap


def processtap_update(
    *,
    actor: Actor,
    stap: ProcesStap,
    naam: str,
    statustype_omschrijving: str = "",
    doorlooptijd_werkdagen: int | None = None,
    toelichting: str = "",
) -> ProcesStap:
    """Change a step of a concept (its code stays: it links the step across versions)."""
    with transaction.atomic():
        versie = _concept_locked(actor, stap.versie)
        stap = ProcesStap.objects.select_for_update().get(pk=stap.pk)
        _stap_velden_check(versie, naam, statustype_omschrijving, doorlooptijd_werkdagen)
        velden = {
            "naam": naam.strip(),
            "statustype_omschrijving": statustype_omschrijving,
            "doorlooptijd_werkdagen": doorlooptijd_werkdagen,
            "toelichting": toelichting.strip(),
        }
        wijzigingen = {k: [getattr(stap, k), v] for k, v in velden.items() if getattr(stap, k) != v}
        if not wijzigingen:
            return stap
        for k, v in velden.items():
            setattr(stap, k, v)
        stap.save(update_fields=list(velden))
        audit_entry_record(
            actor=actor,
            actie="processtap_gewijzigd_in_concept",
            obj=versie,
            wijzigingen=wijzigingen,
        )
    return stap


def processtap_move(*, actor: Actor, stap: ProcesStap, richting: str) -> ProcesStap:
    """Move a step one place up ("omhoog") or down ("omlaag") in its concept."""
    if richting not in ("omhoog", "omlaag"):
        raise ValidationError({"richting": _("Kies omhoog of omlaag.")})
    with transaction.atomic():
        versie = _concept_locked(actor, stap.versie)
        volgorde = list(versie.stappen.select_for_update().order_by("volgnummer", "id"))
        index = next(i for i, s in enumerate(volgorde) if s.pk == stap.pk)
        ander = index - 1 if richting == "omhoog" else index + 1
        if not 0 <= ander < len(volgorde):
            return volgorde[index]
        volgorde[index], volgorde[ander] = volgorde[ander], volgorde[index]
        _hernummeren(versie, volgorde)
        audit_entry_record(
            actor=actor,
            actie="processtap_verplaatst",
            obj=versie,
            wijzigingen={"volgorde": [None, [s.naam for s in volgorde]]},
        )
        return volgorde[ander]


def processtap_delete(*, actor: Actor, stap: ProcesStap) -> None:
    with transaction.atomic():
        versie = _concept_locked(actor, stap.versie)
        stap = ProcesStap.objects.select_for_update().get(pk=stap.pk)
        naam = stap.naam
        stap.delete()
        _hernummeren(versie, list(versie.stappen.order_by("volgnummer", "id")))
        audit_entry_record(
            actor=actor,
            actie="processtap_verwijderd",
            obj=versie,
            wijzigingen={"stap": [naam, None]},
        )


# --- automatic actions -------------------------------------------------------------------------


def _actie_check(
    versie: ProcesVersie, soort: str, trigger: str, werkdagen: int | None, parameters: dict
) -> tuple[int | None, dict[str, Any]]:
    errors: dict[str, Any] = {}
    if trigger not in ActieTrigger.values:
        errors["trigger"] = _("Kies wanneer de actie gebeurt.")
    elif trigger == ActieTrigger.NA_WERKDAGEN_IN_STAP:
        if werkdagen is None:
            errors["werkdagen"] = _("Vul het aantal werkdagen in.")
        elif not 1 <= werkdagen <= 365:
            errors["werkdagen"] = _("Het aantal werkdagen ligt tussen 1 en 365.")
    else:
        werkdagen = None
    schoon: dict[str, Any] = {}
    try:
        schoon = actie_parameters_valideren(
            soort, parameters, context=keuze_context(versie.definitie)
        )
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    return werkdagen, schoon


def procesactie_add(
    *,
    actor: Actor,
    stap: ProcesStap,
    soort: str,
    trigger: str,
    werkdagen: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> ProcesActie:
    """Add an automatic action to a step of a concept: "at the start of the step" or "after N
    working days in the step", of a registered kind with its parameters (checked here)."""
    with transaction.atomic():
        versie = _concept_locked(actor, stap.versie)
        werkdagen, schoon = _actie_check(versie, soort, trigger, werkdagen, parameters or {})
        laatste = stap.acties.aggregate(m=Max("volgnummer"))["m"] or 0
        actie = ProcesActie.objects.create(
            stap=stap,
            volgnummer=laatste + 1,
            trigger=trigger,
            werkdagen=werkdagen,
            soort=soort,
            parameters=schoon,
        )
        audit_entry_record(
            actor=actor,
            actie="procesactie_toegevoegd",
            obj=versie,
            wijzigingen={
                "stap": [None, stap.naam],
                "actie": [None, procesactie_omschrijving(actie)],
            },
        )
    return actie


def procesactie_update(
    *,
    actor: Actor,
    actie: ProcesActie,
    trigger: str,
    werkdagen: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> ProcesActie:
    """Change the moment and the settings of an action in a concept, checked exactly as when
    adding it. Its kind and its key stay: a case migrated to this version does not run an
    action again that it already ran under the previous version. Published versions never
    change; the editor makes a new concept version for an edit."""
    with transaction.atomic():
        versie = _concept_locked(actor, actie.stap.versie)
        actie = ProcesActie.objects.select_for_update().get(pk=actie.pk)
        voor = procesactie_omschrijving(actie)
        werkdagen, schoon = _actie_check(versie, actie.soort, trigger, werkdagen, parameters or {})
        velden = {"trigger": trigger, "werkdagen": werkdagen, "parameters": schoon}
        gewijzigd = [k for k, v in velden.items() if getattr(actie, k) != v]
        if not gewijzigd:
            return actie
        for veld in gewijzigd:
            setattr(actie, veld, velden[veld])
        actie.save(update_fields=gewijzigd)
        audit_entry_record(
            actor=actor,
            actie="procesactie_gewijzigd",
            obj=versie,
            wijzigingen={
                "stap": [actie.stap.naam, actie.stap.naam],
                "actie": [voor, procesactie_omschrijving(actie)],
            },
        )
    return actie


def procesactie_delete(*, actor: Actor, actie: ProcesActie) -> None:
    with transaction.atomic():
        versie = _concept_locked(actor, actie.stap.versie)
        omschrijving = procesactie_omschrijving(actie)
        ProcesActie.objects.filter(pk=actie.pk).delete()
        audit_entry_record(
            actor=actor,
            actie="procesactie_verwijderd",
            obj=versie,
            wijzigingen={"actie": [omschrijving, None]},
        )


def procesactie_omschrijving(actie: ProcesActie, context: KeuzeContext | None = None) -> str:
    """'Na 10 werkdagen in de stap: Taak ‘Bellen’ voor de behandelaar van de zaak, …'."""
    if context is None:
        context = keuze_context(actie.stap.versie.definitie)
    wat = actie_samenvatting(actie.soort, actie.parameters, context)
    if actie.trigger == ActieTrigger.NA_WERKDAGEN_IN_STAP:
        return _("Na %(n)s werkdagen in de stap: %(wat)s") % {"n": actie.werkdagen, "wat": wat}
    return _("Bij het begin van de stap: %(wat)s") % {"wat": wat}
