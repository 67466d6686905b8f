"""The process engine: a case runs the version of its case type's process that was active when
it was created, step by step, and the steps' automatic actions run by themselves.

- `zaak_proces_starten`: a new case of a case type with a published process starts at step 1
  (called from kernel/cases/services.zaak_create through hooks.py).
- `proces_stap_volgende` / `proces_stap_zetten`: a medewerker moves the case on (or back).
- `zaak_status_gewijzigd`: a status set by hand moves the process to the step that sets that
  status; closing the case ends the process, reopening resumes it (hook in zaak_status_set).
- `processen_bijwerken`: runs the timed actions that are due (`raadhuis processen-bijwerken`,
  or the demo worker). Each run is claimed with a row lock (SKIP LOCKED on PostgreSQL) and
  commits together with its effect, so an action runs once however often or however many
  runners are started, and a crash leaves it planned.
- `proces_migreren`: moves running cases to another version, explicitly (audited).

Entering a step: the previous stay ends (its planned actions lapse), the new stay is recorded,
the step's actions are planned (start actions today; timed ones N working days after the stay
began, Dutch/Belgian holidays by kernel.workflow.calendar), the step's status is set on the
case when it differs, and the start actions run at once, each in a savepoint: one that fails
is recorded and retried by the runner, it never blocks the case.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.kernel.workflow.acties import (
    ActieContext,
    ActieResultaat,
    KeuzeContext,
    actie_parameters_valideren,
    actie_soort_get,
)
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import (
    ActieTrigger,
    ActieUitvoering,
    ProcesStap,
    ProcesVersie,
    StapReden,
    UitvoeringStatus,
    ZaakProces,
    ZaakProcesStap,
)

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5
# A step whose actions move the case on (status_zetten) may chain into the next; a loop of
# steps that keep moving each other is stopped here.
MAX_STAPWISSELINGEN_ACHTER_ELKAAR = 10
_stapwisselingen: contextvars.ContextVar[int] = contextvars.ContextVar("stapwisselingen", default=0)
_acties_uit: contextvars.ContextVar[bool] = contextvars.ContextVar("acties_uit", default=False)


@contextlib.contextmanager
def automatische_acties_uit() -> Iterator[None]:
    """Cases created or moved inside this block follow their process without its automatic
    actions: a migration of dossiers from a previous system must not send their clients a
    letter or plan reminders for steps that were done long ago."""
    token = _acties_uit.set(True)
    try:
        yield
    finally:
        _acties_uit.reset(token)


def automaat(organisatie: Organisatie) -> Actor:
    """The actor of everything a process does by itself (status on entering a step, actions)."""
    return Actor.system(organisatie, weergave=_("Procesautomaat"))


def actieve_versie_voor(zaak: Zaak) -> ProcesVersie | None:
    """The active version of the process of the case's type (catalogue + identificatie)."""
    return (
        ProcesVersie.objects.filter(
            actief=True,
            definitie__organisatie_id=zaak.organisatie_id,
            definitie__catalogus_id=zaak.zaaktype.catalogus_id,
            definitie__zaaktype_identificatie=zaak.zaaktype.identificatie,
        )
        .select_related("definitie")
        .first()
    )


def _zaak_locked(zaak: Zaak) -> Zaak:
    return (
        Zaak.objects.select_for_update(of=("self",))
        .select_related("zaaktype", "organisatie", "status_actueel__statustype", "behandelaar")
        .get(pk=zaak.pk)
    )


def _zaakproces_locked(zaak: Zaak) -> ZaakProces | None:
    return (
        ZaakProces.objects.select_for_update(of=("self",))
        .select_related("versie__definitie", "huidige_stap")
        .filter(zaak_id=zaak.pk)
        .first()
    )


# --- start -------------------------------------------------------------------------------------


def zaak_proces_starten(*, actor: Actor, zaak: Zaak) -> ZaakProces | None:
    """Start the active process of the case's type at its first step (None when the type has
    no published process, or the case already runs one). A process that cannot start (its
    first status cannot be set) is logged and left out: the case itself is never refused."""
    if actieve_versie_voor(zaak) is None:
        return None  # most case types have no process: no row lock, no savepoint
    try:
        with transaction.atomic():
            return _proces_starten(actor, zaak)
    except (ValidationError, PermissionDenied) as error:
        logger.warning("Process of case %s not started: %s", zaak.pk, error)
        return None


def _proces_starten(actor: Actor, zaak: Zaak) -> ZaakProces | None:
    zaak = _zaak_locked(zaak)
    if ZaakProces.objects.filter(zaak=zaak).exists():
        return None
    versie = actieve_versie_voor(zaak)
    if versie is None:
        return None
    eerste = versie.stappen.order_by("volgnummer", "id").first()
    if eerste is None:
        return None
    now = timezone.now()
    today = vandaag(zaak.organisatie.tijdzone)
    zaakproces = ZaakProces.objects.create(
        organisatie=zaak.organisatie,
        zaak=zaak,
        versie=versie,
        huidige_stap=eerste,
        stap_sinds=now,
    )
    audit_entry_record(
        actor=actor,
        actie="proces_gestart",
        obj=zaakproces,
        wijzigingen={
            "proces": [None, f"{versie.definitie.naam} (versie {versie.versie})"],
            "stap": [None, eerste.naam],
        },
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaakproces", actie="create", resource_uuid=zaakproces.uuid)
    # A case registered after the fact began on its start date: its step deadlines count from
    # there (the legal terms of a request run from the request, not from its registration).
    _stap_betreden(
        actor,
        zaak,
        zaakproces,
        eerste,
        reden=StapReden.START,
        begonnen_datum=min(zaak.startdatum, today),
    )
    return zaakproces


# --- entering a step ---------------------------------------------------------------------------


def _stap_betreden(
    actor: Actor,
    zaak: Zaak,
    zaakproces: ZaakProces,
    stap: ProcesStap,
    *,
    reden: str,
    toelichting: str = "",
    begonnen_datum: date | None = None,
) -> ZaakProcesStap:
    diepte = _stapwisselingen.get()
    if diepte >= MAX_STAPWISSELINGEN_ACHTER_ELKAAR:
        raise ValidationError(
            _(
                "Het proces wisselt te vaak achter elkaar van stap; controleer de acties "
                "‘Status zetten’ van dit proces."
            ),
            code="proces-lus",
        )
    token = _stapwisselingen.set(diepte + 1)
    try:
        now = timezone.now()
        today = vandaag(zaak.organisatie.tijdzone)
        _verblijf_beeindigen(zaakproces, now)
        verblijf = ZaakProcesStap.objects.create(
            zaakproces=zaakproces,
            stap=stap,
            begonnen_op=now,
            begonnen_datum=begonnen_datum or today,
            reden=reden,
            door=actor.weergave[:200],
            toelichting=toelichting[:500],
        )
        zaakproces.huidige_stap = stap
        zaakproces.stap_sinds = now
        zaakproces.save(update_fields=["huidige_stap", "stap_sinds"])
        uitvoeringen = _acties_plannen(zaak, verblijf)
        _stapstatus_zetten(zaak, stap)
        for uitvoering in uitvoeringen:
            if uitvoering.actie.trigger == ActieTrigger.BIJ_START_STAP:
                _uitvoeren(uitvoering, zaak=zaak, verblijf=verblijf)
        return verblijf
    finally:
        _stapwisselingen.reset(token)


def _verblijf_beeindigen(zaakproces: ZaakProces, now: datetime) -> None:
    """End the current stay; what it still had planned lapses (it was 'N days in this step')."""
    lopend = list(zaakproces.historie.filter(beeindigd_op__isnull=True))
    for verblijf in lopend:
        verblijf.beeindigd_op = now
        verblijf.save(update_fields=["beeindigd_op"])
    ActieUitvoering.objects.filter(verblijf__in=lopend, status=UitvoeringStatus.GEPLAND).update(
        status=UitvoeringStatus.VERVALLEN, resultaat=_("De zaak verliet de stap eerder.")
    )


def _acties_plannen(
    zaak: Zaak, verblijf: ZaakProcesStap, *, al_gedaan: dict[Any, str] | None = None
) -> list[ActieUitvoering]:
    """One planned run per action of the step. `al_gedaan` (migration): action keys that ran
    in the stay this one replaces, recorded as done instead of run again."""
    if _acties_uit.get():
        return []
    al_gedaan = al_gedaan or {}
    land = zaak.organisatie.land
    uitvoeringen = []
    for actie in verblijf.stap.acties.order_by("volgnummer", "id"):
        if actie.trigger == ActieTrigger.NA_WERKDAGEN_IN_STAP:
            op = werkdagen_optellen(verblijf.begonnen_datum, actie.werkdagen or 0, land)
        else:
            op = verblijf.begonnen_datum
        uitvoering = ActieUitvoering(
            organisatie_id=zaak.organisatie_id,
            zaak=zaak,
            verblijf=verblijf,
            actie=actie,
            uitvoeren_op=op,
        )
        if actie.sleutel in al_gedaan:
            uitvoering.status = UitvoeringStatus.UITGEVOERD
            uitvoering.resultaat = al_gedaan[actie.sleutel][:300]
            uitvoering.uitgevoerd_op = timezone.now()
        uitvoering.save()
        uitvoeringen.append(uitvoering)
    return uitvoeringen


def _stapstatus_zetten(zaak: Zaak, stap: ProcesStap) -> None:
    """Set the step's status on the case, when it has one the case does not have yet."""
    from raadhuis.kernel.cases.services import zaak_status_set

    if not stap.statustype_omschrijving:
        return
    zaak.refresh_from_db(fields=["status_actueel"])
    huidig = zaak.status_actueel.statustype if zaak.status_actueel is not None else None
    if huidig is not None and huidig.omschrijving == stap.statustype_omschrijving:
        return
    statustype = zaak.zaaktype.statustypen.filter(omschrijving=stap.statustype_omschrijving).first()
    if statustype is None:
        logger.warning(
            "Step %s names status %r, which case type %s lacks",
            stap.pk,
            stap.statustype_omschrijving,
            zaak.zaaktype_id,
        )
        return
    zaak_status_set(
        actor=automaat(zaak.organisatie),
        zaak=zaak,
        statustype=statustype,
        toelichting=_("Processtap ‘%(stap)s’") % {"stap": stap.naam},
    )


# --- running an action -------------------------------------------------------------------------


def _uitvoeren(
    uitvoering: ActieUitvoering, *, zaak: Zaak, verblijf: ZaakProcesStap
) -> ActieUitvoering:
    """Run one planned action now, inside the caller's transaction (the run is claimed)."""
    uitvoering.refresh_from_db()
    verblijf.refresh_from_db(fields=["beeindigd_op"])
    if uitvoering.status != UitvoeringStatus.GEPLAND:
        return uitvoering  # done, or lapsed because an earlier action moved the case on
    if verblijf.beeindigd_op is not None:
        uitvoering.status = UitvoeringStatus.VERVALLEN
        uitvoering.resultaat = _("De zaak verliet de stap eerder.")
        uitvoering.save(update_fields=["status", "resultaat"])
        return uitvoering
    actie = uitvoering.actie
    organisatie = zaak.organisatie
    actor = automaat(organisatie)
    try:
        with transaction.atomic():
            soort = actie_soort_get(actie.soort)
            if soort is None:
                raise ValidationError(
                    _("De soort actie ‘%(soort)s’ is niet (meer) beschikbaar.")
                    % {"soort": actie.soort}
                )
            parameters = actie_parameters_valideren(
                actie.soort,
                actie.parameters,
                context=KeuzeContext(organisatie=organisatie, zaaktype=zaak.zaaktype),
            )
            ctx = ActieContext(
                actor=actor,
                zaak=zaak,
                parameters=parameters,
                stap=verblijf.stap,
                uitvoering=uitvoering,
                vandaag=vandaag(organisatie.tijdzone),
            )
            resultaat = soort.handler(ctx)
    except Exception as error:  # noqa: BLE001 - any failure of a handler is recorded, retried
        _mislukt(uitvoering, zaak, actor, error)
        return uitvoering
    if isinstance(resultaat, str) or resultaat is None:
        resultaat = ActieResultaat(resultaat or str(soort.label))
    uitvoering.status = UitvoeringStatus.UITGEVOERD
    uitvoering.uitgevoerd_op = timezone.now()
    uitvoering.pogingen += 1
    uitvoering.resultaat = resultaat.omschrijving[:300]
    uitvoering.object_uuid = resultaat.object_uuid
    uitvoering.laatste_fout = ""
    uitvoering.save(
        update_fields=[
            "status",
            "uitgevoerd_op",
            "pogingen",
            "resultaat",
            "object_uuid",
            "laatste_fout",
        ]
    )
    audit_entry_record(
        actor=actor,
        actie="procesactie_uitgevoerd",
        obj=uitvoering,
        wijzigingen={"actie": [None, uitvoering.resultaat]},
        zaak_uuid=zaak.uuid,
    )
    return uitvoering


def _foutmelding(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or error.__class__.__name__


def _mislukt(uitvoering: ActieUitvoering, zaak: Zaak, actor: Actor, error: Exception) -> None:
    if not isinstance(error, ValidationError | PermissionDenied):
        logger.exception("Automatic action %s failed", uitvoering.pk, exc_info=error)
    uitvoering.pogingen += 1
    uitvoering.laatste_fout = _foutmelding(error)[:2000]
    # 1, 2, 4, 8 … minutes between attempts; a step-start action thus retries within minutes.
    uitvoering.volgende_poging_op = timezone.now() + timedelta(
        minutes=2 ** (uitvoering.pogingen - 1)
    )
    velden = ["pogingen", "laatste_fout", "volgende_poging_op"]
    if uitvoering.pogingen >= MAX_POGINGEN:
        uitvoering.status = UitvoeringStatus.MISLUKT
        velden.append("status")
        audit_entry_record(
            actor=actor,
            actie="procesactie_mislukt",
            obj=uitvoering,
            wijzigingen={"actie": [None, str(uitvoering.actie)]},
            toelichting=uitvoering.laatste_fout[:500],
            zaak_uuid=zaak.uuid,
        )
    uitvoering.save(update_fields=velden)


@dataclass
class BijwerkResultaat:
    uitgevoerd: int = 0
    mislukt: int = 0  # failed attempts (retried later, up to MAX_POGINGEN)
    vervallen: int = 0
    fouten: list[str] = field(default_factory=list)


def processen_bijwerken(*, limiet: int = 500) -> BijwerkResultaat:
    """Run the automatic actions that are due: planned, their date reached (in the
    organisation's time zone) and not waiting for a retry. Safe to run in several workers."""
    resultaat = BijwerkResultaat()
    now = timezone.now()
    organisaties = Organisatie.objects.filter(
        pk__in=ActieUitvoering.objects.filter(status=UitvoeringStatus.GEPLAND).values(
            "organisatie_id"
        )
    )
    for organisatie in organisaties:
        today = vandaag(organisatie.tijdzone)
        kandidaten = list(
            ActieUitvoering.objects.filter(
                organisatie=organisatie,
                status=UitvoeringStatus.GEPLAND,
                uitvoeren_op__lte=today,
            )
            .exclude(volgende_poging_op__gt=now)
            .order_by("uitvoeren_op", "id")
            .values_list("pk", flat=True)[:limiet]
        )
        for pk in kandidaten:
            _bijwerken_een(pk, resultaat)
    return resultaat


def _bijwerken_een(pk: int, resultaat: BijwerkResultaat) -> None:
    # Lock order everywhere: the case first, then its process rows (a step move holds the case
    # while it lets planned runs lapse). A case busy elsewhere is skipped until the next round.
    zaak_id = ActieUitvoering.objects.filter(pk=pk).values_list("zaak_id", flat=True).first()
    if zaak_id is None:
        return
    with transaction.atomic():
        zaak = (
            Zaak.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("zaaktype", "organisatie", "status_actueel__statustype", "behandelaar")
            .filter(pk=zaak_id)
            .first()
        )
        if zaak is None:
            return
        uitvoering = (
            ActieUitvoering.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, status=UitvoeringStatus.GEPLAND)
            .select_related("actie", "verblijf__stap")
            .first()
        )
        if uitvoering is None:
            return  # another runner had it, or it ran or lapsed in the meantime
        _uitvoeren(uitvoering, zaak=zaak, verblijf=uitvoering.verblijf)
    if uitvoering.status == UitvoeringStatus.UITGEVOERD:
        resultaat.uitgevoerd += 1
    elif uitvoering.status == UitvoeringStatus.VERVALLEN:
        resultaat.vervallen += 1
    else:
        resultaat.mislukt += 1
        resultaat.fouten.append(f"{uitvoering.zaak_id}: {uitvoering.laatste_fout}")


# --- moving a case through its steps -----------------------------------------------------------


def _stap_wissel_audit(
    actor: Actor,
    zaak: Zaak,
    zaakproces: ZaakProces,
    van: ProcesStap,
    naar: ProcesStap,
    toelichting: str,
) -> None:
    audit_entry_record(
        actor=actor,
        actie="processtap_gewijzigd",
        obj=zaakproces,
        wijzigingen={"stap": [van.naam, naar.naam]},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaakproces", actie="update", resource_uuid=zaakproces.uuid)


def _lopend_proces(zaak: Zaak) -> ZaakProces:
    zaakproces = _zaakproces_locked(zaak)
    if zaakproces is None:
        raise ValidationError(_("Deze zaak volgt geen proces."), code="geen-proces")
    if zaakproces.afgerond_op is not None:
        raise ValidationError(_("Het proces van deze zaak is afgerond."), code="proces-afgerond")
    return zaakproces


def proces_stap_volgende(*, actor: Actor, zaak: Zaak, toelichting: str = "") -> ZaakProces:
    """Move the case to the next step of its process version."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        zaakproces = _lopend_proces(zaak)
        volgende = (
            zaakproces.versie.stappen.filter(volgnummer__gt=zaakproces.huidige_stap.volgnummer)
            .order_by("volgnummer", "id")
            .first()
        )
        if volgende is None:
            raise ValidationError(
                _("Dit is de laatste stap. Sluit de zaak af via de status."), code="laatste-stap"
            )
        return _naar_stap(actor, zaak, zaakproces, volgende, StapReden.VOLGENDE, toelichting)


def proces_stap_zetten(
    *, actor: Actor, zaak: Zaak, stap: ProcesStap, toelichting: str = ""
) -> ZaakProces:
    """Move the case to any step of its own version (back needs a reason)."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        zaakproces = _lopend_proces(zaak)
        if stap.versie_id != zaakproces.versie_id:
            raise ValidationError(
                {"stap": _("Deze stap hoort niet bij de procesversie van de zaak.")},
            )
        if stap.pk == zaakproces.huidige_stap_id:
            raise ValidationError({"stap": _("De zaak staat al in deze stap.")})
        terug = stap.volgnummer < zaakproces.huidige_stap.volgnummer
        if terug and not toelichting.strip():
            raise ValidationError(
                {"toelichting": _("Geef een reden op om de zaak een stap terug te zetten.")}
            )
        return _naar_stap(actor, zaak, zaakproces, stap, StapReden.GEZET, toelichting)


def _naar_stap(
    actor: Actor,
    zaak: Zaak,
    zaakproces: ZaakProces,
    stap: ProcesStap,
    reden: str,
    toelichting: str,
) -> ZaakProces:
    van = zaakproces.huidige_stap
    _stap_wissel_audit(actor, zaak, zaakproces, van, stap, toelichting)
    _stap_betreden(actor, zaak, zaakproces, stap, reden=reden, toelichting=toelichting)
    zaakproces.refresh_from_db()
    return zaakproces


def zaak_status_gewijzigd(*, actor: Actor, zaak: Zaak) -> None:
    """After a status change (inside zaak_status_set's transaction): follow it in the process.
    Closing ends the process; reopening resumes it; a status that a later (or else any) step
    sets moves the process to that step."""
    zaakproces = _zaakproces_locked(zaak)
    if zaakproces is None:
        return
    zaak = _zaak_locked(zaak)
    now = timezone.now()
    if zaak.is_afgesloten:
        if zaakproces.afgerond_op is None:
            _verblijf_beeindigen(zaakproces, now)
            zaakproces.afgerond_op = now
            zaakproces.save(update_fields=["afgerond_op"])
            audit_entry_record(
                actor=actor,
                actie="proces_afgerond",
                obj=zaakproces,
                wijzigingen={"stap": [zaakproces.huidige_stap.naam, None]},
                zaak_uuid=zaak.uuid,
            )
        return
    status = zaak.status_actueel.statustype.omschrijving if zaak.status_actueel is not None else ""
    huidig = zaakproces.huidige_stap
    if zaakproces.afgerond_op is not None:
        zaakproces.afgerond_op = None
        zaakproces.save(update_fields=["afgerond_op"])
        doel = _stap_met_status(zaakproces, status) or huidig
        _stap_wissel_audit(actor, zaak, zaakproces, huidig, doel, _("Zaak heropend"))
        _stap_betreden(actor, zaak, zaakproces, doel, reden=StapReden.HEROPEND)
        return
    if not status or huidig.statustype_omschrijving == status:
        return
    volgende = _stap_met_status(zaakproces, status)
    if volgende is None:
        return
    toelichting = _("Status ‘%(status)s’ gezet") % {"status": status}
    _stap_wissel_audit(actor, zaak, zaakproces, huidig, volgende, toelichting)
    _stap_betreden(
        actor, zaak, zaakproces, volgende, reden=StapReden.STATUS, toelichting=toelichting
    )


def _stap_met_status(zaakproces: ZaakProces, status: str) -> ProcesStap | None:
    """The first step after the current one that sets `status`, else the first that does."""
    if not status:
        return None
    stappen = list(
        zaakproces.versie.stappen.filter(statustype_omschrijving=status).order_by("volgnummer")
    )
    huidig = zaakproces.huidige_stap.volgnummer
    return next((s for s in stappen if s.volgnummer > huidig), stappen[0] if stappen else None)


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
