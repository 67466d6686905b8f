"""Searching the audit trail and the processing log (auditor), and a case's history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol


def _period(qs: QuerySet, actor: Actor, vanaf: date | None, tot_en_met: date | None) -> QuerySet:
    """Whole days in the organisation's time zone, as a range the time index can scan."""
    zone = ZoneInfo(actor.organisatie.tijdzone)
    if vanaf:
        qs = qs.filter(tijdstip__gte=datetime.combine(vanaf, time.min, tzinfo=zone))
    if tot_en_met:
        einde = datetime.combine(tot_en_met + timedelta(days=1), time.min, tzinfo=zone)
        qs = qs.filter(tijdstip__lt=einde)
    return qs


def audit_search(
    *,
    actor: Actor,
    wie: str = "",
    actie: str = "",
    zoekterm: str = "",
    vanaf: date | None = None,
    tot_en_met: date | None = None,
) -> QuerySet[AuditEntry]:
    require_role(actor, Rol.AUDITOR)
    qs = AuditEntry.objects.filter(organisatie=actor.organisatie)
    if wie:
        qs = qs.filter(actor_weergave__icontains=wie)
    if actie:
        qs = qs.filter(actie=actie)
    if zoekterm:
        qs = qs.filter(Q(object_weergave__icontains=zoekterm) | Q(toelichting__icontains=zoekterm))
    return _period(qs, actor, vanaf, tot_en_met).order_by("-tijdstip", "-id")


def verwerkingen_search(
    *,
    actor: Actor,
    wie: str = "",
    betrokkene: str = "",
    zaak: str = "",
    vanaf: date | None = None,
    tot_en_met: date | None = None,
) -> QuerySet[VerwerkingsLog]:
    require_role(actor, Rol.AUDITOR)
    qs = VerwerkingsLog.objects.filter(organisatie=actor.organisatie)
    if wie:
        qs = qs.filter(actor_weergave__icontains=wie)
    if betrokkene:
        qs = qs.filter(partij_weergave__icontains=betrokkene)
    if zaak:
        qs = qs.filter(zaak_identificatie__istartswith=zaak)
    return _period(qs, actor, vanaf, tot_en_met).order_by("-tijdstip", "-id")


def zaak_audit_history(*, actor: Actor, zaak: Zaak) -> QuerySet[AuditEntry]:
    """The history shown on a case page, for a case fetched through zaak_get (access checked)."""
    if zaak.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd("Geen toegang tot deze zaak.")
    return AuditEntry.objects.filter(
        organisatie_id=zaak.organisatie_id, zaak_uuid=zaak.uuid
    ).order_by("-tijdstip", "-id")


def audit_acties(*, actor: Actor) -> list[str]:
    require_role(actor, Rol.AUDITOR)
    return list(
        AuditEntry.objects.filter(organisatie=actor.organisatie)
        .values_list("actie", flat=True)
        .distinct()
        .order_by("actie")
    )
