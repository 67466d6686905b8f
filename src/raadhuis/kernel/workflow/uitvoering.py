"""Running a process's automatic actions: one planned run now (claimed by the caller), and the
runner that does every run that is due (see engine.py for the whole engine)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.organisations.models import Organisatie
from raadhuis.kernel.workflow.acties import (
    ActieContext,
    ActieResultaat,
    KeuzeContext,
    actie_parameters_valideren,
    actie_soort_get,
)
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import ActieUitvoering, UitvoeringStatus, ZaakProcesStap

# The process engine logs under one name, whichever of its modules speaks (engine.py).
logger = logging.getLogger("raadhuis.kernel.workflow.engine")

MAX_POGINGEN = 5


def automaat(organisatie: Organisatie) -> Actor:
    """The actor of everything a process does by itself (status on entering a step, actions)."""
    return Actor.system(organisatie, weergave=_("Procesautomaat"))


# --- running an action -------------------------------------------------------------------------

_UITVOERING_STAAT = [
    "status",
    "pogingen",
    "volgende_poging_op",
    "uitgevoerd_op",
    "resultaat",
    "object_uuid",
    "laatste_fout",
    "uitvoeren_op",
]


def _uitvoeren(
    uitvoering: ActieUitvoering, *, zaak: Zaak, verblijf: ZaakProcesStap, vers: bool = False
) -> ActieUitvoering:
    """Run one planned action now, inside the caller's transaction (the run is claimed).
    `vers`: the run and the stay were written by the caller and nothing ran since (else
    both are read again: an earlier action may have moved the case on)."""
    if not vers:
        # Its state only: a run never changes its case, stay or action, so their cached
        # objects (the action with its step) stay valid and are not fetched again.
        uitvoering.refresh_from_db(fields=_UITVOERING_STAAT)
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
