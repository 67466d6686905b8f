"""Every write on tasks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_access
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.workflow.calendar import vandaag, werkdagen_optellen
from raadhuis.kernel.workflow.models import Taak, TaakStatus


def taak_create(
    *,
    actor: Actor,
    zaak: Zaak,
    titel: str,
    toegewezen_aan: Medewerker | None = None,
    toegewezen_team: OrganisatorischeEenheid | None = None,
    termijn_werkdagen: int | None = None,
    vervaldatum: date | None = None,
    toelichting: str = "",
) -> Taak:
    """A task on a case for a medewerker or a team, due in N working days (NL/BE holidays)
    or on a given date."""
    errors: dict[str, str] = {}
    if not titel.strip():
        errors["titel"] = _("Geef de taak een titel.")
    if toegewezen_aan is None and toegewezen_team is None:
        errors["toegewezen_aan"] = _("Wijs de taak toe aan een medewerker of een team.")
    if (termijn_werkdagen is None) == (vervaldatum is None):
        errors["termijn_werkdagen"] = _("Geef een termijn in werkdagen óf een uiterste datum.")
    elif termijn_werkdagen is not None and not 0 <= termijn_werkdagen <= 365:
        errors["termijn_werkdagen"] = _("De termijn ligt tussen 0 en 365 werkdagen.")
    if errors:
        raise ValidationError(errors)
    for toegewezen in (toegewezen_aan, toegewezen_team):
        if toegewezen is not None and toegewezen.organisatie_id != zaak.organisatie_id:
            raise ValidationError({"toegewezen_aan": _("Onbekende medewerker of team.")})
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        organisatie = zaak.organisatie
        if vervaldatum is None:
            vervaldatum = werkdagen_optellen(
                vandaag(organisatie.tijdzone), termijn_werkdagen or 0, organisatie.land
            )
        taak = Taak.objects.create(
            organisatie=organisatie,
            zaak=zaak,
            titel=titel,
            toelichting=toelichting,
            toegewezen_aan=toegewezen_aan,
            toegewezen_team=toegewezen_team,
            termijn_werkdagen=termijn_werkdagen,
            vervaldatum=vervaldatum,
        )
        audit_entry_record(
            actor=actor,
            actie="taak_aangemaakt",
            obj=taak,
            wijzigingen={
                "titel": [None, titel],
                "toegewezen": [None, str(toegewezen_aan or toegewezen_team)],
                "vervaldatum": [None, str(vervaldatum)],
            },
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="taak", actie="create", resource_uuid=taak.uuid)
    return taak


def taak_complete(*, actor: Actor, taak: Taak, toelichting: str = "") -> Taak:
    """Mark an open task done. Anyone who may work on the case may complete its tasks."""
    with transaction.atomic():
        taak = (
            Taak.objects.select_for_update(of=("self",))
            .select_related("zaak__zaaktype")
            .get(pk=taak.pk)
        )
        require_zaak_access(
            actor,
            organisatie_id=taak.organisatie_id,
            zaaktype_id=taak.zaak.zaaktype_id,
            vertrouwelijkheid=taak.zaak.vertrouwelijkheidaanduiding,
            zaak_id=taak.zaak_id,
        )
        if taak.status != TaakStatus.OPEN:
            raise ValidationError(
                _("Deze taak is al afgerond of geannuleerd."), code="taak-niet-open"
            )
        taak.status = TaakStatus.AFGEROND
        taak.afgerond_op = timezone.now()
        taak.afgerond_door = actor.medewerker
        taak.save(update_fields=["status", "afgerond_op", "afgerond_door"])
        audit_entry_record(
            actor=actor,
            actie="taak_afgerond",
            obj=taak,
            wijzigingen={"status": [TaakStatus.OPEN, TaakStatus.AFGEROND]},
            toelichting=toelichting,
            zaak_uuid=taak.zaak.uuid,
        )
        zaak_event_queue(
            taak.zaak, resource="taak", actie="partial_update", resource_uuid=taak.uuid
        )
    return taak
