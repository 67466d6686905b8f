"""A case's way through its process: starting it, entering a step (with its actions) and
moving on, by hand or by following the case's status (see engine.py for the whole engine)."""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
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
from raadhuis.kernel.workflow.uitvoering import _uitvoeren, automaat

# The process engine logs under one name, whichever of its modules speaks (engine.py).
logger = logging.getLogger("raadhuis.kernel.workflow.engine")

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


def zaak_proces_starten(
    *, actor: Actor, zaak: Zaak, nieuwe_zaak: bool = False
) -> ZaakProces | None:
    """Start the active process of the case's type at its first step (None when the type has
    no published process, or the case already runs one). A process that cannot start (its
    first status cannot be set) is logged and left out: the case itself is never refused.

    `nieuwe_zaak`: zaak_create made `zaak` in this transaction and passes its own object, which
    is current (status, behandelaar) and whose row its insert holds; it runs no process yet."""
    versie = actieve_versie_voor(zaak)
    if versie is None:
        return None  # most case types have no process: no row lock, no savepoint
    try:
        with transaction.atomic():
            if nieuwe_zaak:
                return _proces_beginnen(actor, zaak, versie)
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
    return _proces_beginnen(actor, zaak, versie)


def _proces_beginnen(actor: Actor, zaak: Zaak, versie: ProcesVersie) -> ZaakProces | None:
    """The process row at the first step, its audit entry and event, and entering that step
    (`zaak` locked and without a process)."""
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
        nieuw_proces_sinds=now,
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
    nieuw_proces_sinds: datetime | None = None,
) -> ZaakProcesStap:
    """Enter `stap`: end the current stay, start a new one, plan the step's actions, set its
    status and run its start actions. `nieuw_proces_sinds`: the process was just created at
    this step at that moment (no stay to end, its current step already this one)."""
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
        now = nieuw_proces_sinds or timezone.now()
        today = vandaag(zaak.organisatie.tijdzone)
        if nieuw_proces_sinds is None:
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
        if nieuw_proces_sinds is None or zaakproces.huidige_stap_id != stap.pk:
            zaakproces.huidige_stap = stap
            zaakproces.stap_sinds = now
            zaakproces.save(update_fields=["huidige_stap", "stap_sinds"])
        uitvoeringen = _acties_plannen(zaak, verblijf)
        # A process that starts with the case (zaak_create's object) knows the case's status.
        status_gezet = _stapstatus_zetten(zaak, stap, status_bekend=nieuw_proces_sinds is not None)
        # Until something ran (a status change runs hooks), the planned runs and this stay are
        # as just written: the first run need not read them again.
        vers = not status_gezet
        for uitvoering in uitvoeringen:
            if uitvoering.actie.trigger == ActieTrigger.BIJ_START_STAP:
                _uitvoeren(uitvoering, zaak=zaak, verblijf=verblijf, vers=vers)
                vers = False
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
        uitvoeringen.append(uitvoering)
    return ActieUitvoering.objects.bulk_create(uitvoeringen)  # one insert, in this order


def _stapstatus_zetten(zaak: Zaak, stap: ProcesStap, *, status_bekend: bool = False) -> bool:
    """Set the step's status on the case, when it has one the case does not have yet (True
    when it did). `status_bekend`: `zaak.status_actueel` is current (else it is read again)."""
    from raadhuis.kernel.cases.services import zaak_status_set

    if not stap.statustype_omschrijving:
        return False
    if not status_bekend:
        zaak.refresh_from_db(fields=["status_actueel"])
    huidig = zaak.status_actueel.statustype if zaak.status_actueel is not None else None
    if huidig is not None and huidig.omschrijving == stap.statustype_omschrijving:
        return False
    statustype = zaak.zaaktype.statustypen.filter(omschrijving=stap.statustype_omschrijving).first()
    if statustype is None:
        logger.warning(
            "Step %s names status %r, which case type %s lacks",
            stap.pk,
            stap.statustype_omschrijving,
            zaak.zaaktype_id,
        )
        return False
    zaak_status_set(
        actor=automaat(zaak.organisatie),
        zaak=zaak,
        statustype=statustype,
        toelichting=_("Processtap ‘%(stap)s’") % {"stap": stap.naam},
    )
    return True


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
