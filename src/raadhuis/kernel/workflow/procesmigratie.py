"""Moving running cases to another version of their process, explicitly and audited
(see engine.py for the whole engine)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue
from raadhuis.kernel.organisations.models import Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ProcesStap,
    ProcesVersie,
    StapReden,
    UitvoeringStatus,
    ZaakProces,
    ZaakProcesStap,
)
from raadhuis.kernel.workflow.stappen import (
    _acties_plannen,
    _verblijf_beeindigen,
    _zaak_locked,
    _zaakproces_locked,
)

# --- migration ---------------------------------------------------------------------------------


@dataclass
class MigratieResultaat:
    aantal: int = 0
    per_versie: dict[int, int] = field(default_factory=dict)


def proces_migreren(
    *,
    actor: Actor,
    naar_versie: ProcesVersie,
    zaken: list[Zaak] | None = None,
    van_versie: ProcesVersie | None = None,
    stap_mapping: dict[str, str] | None = None,
    toelichting: str = "",
) -> MigratieResultaat:
    """Move running cases of a process to `naar_versie` (published): all running cases of
    other versions, or those of `van_versie`, or the given `zaken`. Each lands on the step
    named by `stap_mapping` (old step code → new step code), by default on the step with the
    same code; a step without a target refuses the whole migration.

    The case stays where it is in time: the stay keeps its start date, so the new version's
    timed actions count from when the case entered the step; start actions are not run again,
    and an action that already ran (the same action key, copied between versions) is not
    repeated. All or nothing; one audit entry per case and one for the migration."""
    require_role(actor, Rol.FUNCTIONEEL_BEHEERDER)
    stap_mapping = dict(stap_mapping or {})
    with transaction.atomic():
        naar_versie = ProcesVersie.objects.select_for_update().get(pk=naar_versie.pk)
        if naar_versie.organisatie_id != actor.organisatie.pk:
            raise PermissionDenied(_("Deze procesversie hoort niet bij je organisatie."))
        if naar_versie.is_concept:
            raise ValidationError(
                {"naar_versie": _("Migreer alleen naar een gepubliceerde versie.")}
            )
        processen = ZaakProces.objects.filter(
            versie__definitie_id=naar_versie.definitie_id, afgerond_op__isnull=True
        ).exclude(versie=naar_versie)
        if van_versie is not None:
            processen = processen.filter(versie=van_versie)
        if zaken is not None:
            processen = processen.filter(zaak__in=[z.pk for z in zaken])
        gelezen = list(processen.select_related("zaak", "versie", "huidige_stap"))
        doelen = {s.code: s for s in naar_versie.stappen.all()}
        _stap_mapping_check(gelezen, doelen, stap_mapping, naar_versie)
        resultaat = MigratieResultaat()
        for kandidaat in gelezen:
            # Lock the case, then its process (the engine's order), and look again.
            zaak = _zaak_locked(kandidaat.zaak)
            zaakproces = _zaakproces_locked(zaak)
            if (
                zaakproces is None
                or zaakproces.afgerond_op is not None
                or zaakproces.versie_id == naar_versie.pk
                or (van_versie is not None and zaakproces.versie_id != van_versie.pk)
            ):
                continue
            _stap_mapping_check([zaakproces], doelen, stap_mapping, naar_versie)
            code = zaakproces.huidige_stap.code
            oude_versie = zaakproces.versie.versie
            doel = doelen[stap_mapping.get(code, code)]
            _zaak_migreren(actor, zaak, zaakproces, naar_versie, doel, toelichting)
            resultaat.aantal += 1
            resultaat.per_versie[oude_versie] = resultaat.per_versie.get(oude_versie, 0) + 1
        audit_entry_record(
            actor=actor,
            actie="proces_gemigreerd",
            obj=naar_versie,
            wijzigingen={
                "zaken": [None, resultaat.aantal],
                "van_versies": [None, sorted(resultaat.per_versie)],
                "stap_mapping": [None, stap_mapping],
            },
            toelichting=toelichting,
        )
    return resultaat


def _stap_mapping_check(
    processen: list[ZaakProces],
    doelen: dict[str, ProcesStap],
    stap_mapping: dict[str, str],
    naar_versie: ProcesVersie,
) -> None:
    fouten = {}
    for zaakproces in processen:
        stap = zaakproces.huidige_stap
        if stap_mapping.get(stap.code, stap.code) not in doelen:
            fouten[stap.code] = _(
                "Kies voor stap ‘%(stap)s’ (versie %(versie)s) een stap in versie %(naar)s."
            ) % {"stap": stap.naam, "versie": zaakproces.versie.versie, "naar": naar_versie.versie}
    if fouten:
        raise ValidationError({"stap_mapping": list(fouten.values())}, code="stap-onbekend")


def _zaak_migreren(
    actor: Actor,
    zaak: Zaak,
    zaakproces: ZaakProces,
    naar_versie: ProcesVersie,
    doel: ProcesStap,
    toelichting: str,
) -> None:
    oud = zaakproces.historie.filter(beeindigd_op__isnull=True).order_by("-begonnen_op").first()
    van_versie, van_stap = zaakproces.versie, zaakproces.huidige_stap
    al_gedaan = {}
    if oud is not None:
        for sleutel, resultaat in oud.uitvoeringen.filter(
            status=UitvoeringStatus.UITGEVOERD
        ).values_list("actie__sleutel", "resultaat"):
            al_gedaan[sleutel] = _("Al uitgevoerd vóór de migratie: %(r)s") % {"r": resultaat}
    now = timezone.now()
    _verblijf_beeindigen(zaakproces, now)
    verblijf = ZaakProcesStap.objects.create(
        zaakproces=zaakproces,
        stap=doel,
        begonnen_op=oud.begonnen_op if oud else now,
        begonnen_datum=oud.begonnen_datum if oud else vandaag(zaak.organisatie.tijdzone),
        reden=StapReden.MIGRATIE,
        door=actor.weergave[:200],
        toelichting=(
            _("Van versie %(van)s naar versie %(naar)s")
            % {"van": van_versie.versie, "naar": naar_versie.versie}
            + (f": {toelichting}" if toelichting else "")
        )[:500],
    )
    zaakproces.versie = naar_versie
    zaakproces.huidige_stap = doel
    zaakproces.save(update_fields=["versie", "huidige_stap"])
    for uitvoering in _acties_plannen(zaak, verblijf, al_gedaan=al_gedaan):
        if (
            uitvoering.status == UitvoeringStatus.GEPLAND
            and uitvoering.actie.trigger == ActieTrigger.BIJ_START_STAP
        ):
            uitvoering.status = UitvoeringStatus.VERVALLEN
            uitvoering.resultaat = _("De zaak stond al in deze stap voor de migratie.")
            uitvoering.save(update_fields=["status", "resultaat"])
    audit_entry_record(
        actor=actor,
        actie="zaakproces_gemigreerd",
        obj=zaakproces,
        wijzigingen={
            "versie": [van_versie.versie, naar_versie.versie],
            "stap": [van_stap.naam, doel.naam],
        },
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaakproces", actie="update", resource_uuid=zaakproces.uuid)
