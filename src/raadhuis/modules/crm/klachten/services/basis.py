"""What the complaint services share: the audit entry, locking the case, the workflow check,
setting the status, closing, and the deadline task of the handler."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import (
    zaak_audit_record,
    zaak_event_queue,
    zaak_lock_for_change,
    zaak_resultaat_set,
    zaak_status_set,
)
from raadhuis.kernel.catalog.models import ResultaatType, RolType, StatusType
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Medewerker, Rol
from raadhuis.kernel.workflow.calendar import vandaag
from raadhuis.kernel.workflow.models import TaakStatus
from raadhuis.kernel.workflow.services import taak_complete, taak_create
from raadhuis.modules.crm.klachten.catalogus import RESULTATEN
from raadhuis.modules.crm.klachten.models import (
    Klacht,
    KlachtStatus,
)
from raadhuis.modules.crm.klachten.selectors import MAY_WORK, mag_klacht_zien
from raadhuis.modules.crm.klachten.workflow import mag_naar

TAAK_TITEL = "Klacht afhandelen (Awb 9:11)"
KLACHT_AUDIT_VELDEN = (
    "status",
    "kanaal",
    "ontvangen_op",
    "categorie",
    "onderwerp",
    "afdeling",
    "betreft_medewerker",
    "behandelaar",
    "adviescommissie",
    "uiterlijk_oorspronkelijk",
)


# --- helpers ----------------------------------------------------------------------------------


def _vandaag(actor: Actor) -> date:
    return vandaag(actor.organisatie.tijdzone)


def _audit(
    actor: Actor,
    actie: str,
    klacht: Klacht,
    wijzigingen: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    """An audit entry in the case's history, and an event on the case for subscribers."""
    zaak_audit_record(actor, actie, klacht, klacht.zaak, wijzigingen, toelichting)
    zaak_event_queue(klacht.zaak, resource="zaak", actie="partial_update")


def _lock(actor: Actor, klacht: Klacht, *, na_afsluiten: bool = False) -> Klacht:
    """Re-read the complaint under a lock after the kernel checked case access; also checks
    department access. Call inside a transaction."""
    require_role(actor, *MAY_WORK)
    zaak = zaak_lock_for_change(actor, klacht.zaak, wijzigen_na_afsluiten=na_afsluiten)
    locked = (
        Klacht.objects.select_for_update(of=("self",))
        .select_related("klager", "afdeling", "behandelaar", "betreft_medewerker")
        .get(pk=klacht.pk)
    )
    if not mag_klacht_zien(actor, locked):
        raise NietGevonden(_("Klacht niet gevonden."))
    locked.zaak = zaak
    return locked


def _overgang_check(klacht: Klacht, nieuw: str) -> None:
    if not mag_naar(klacht.status, nieuw):
        raise ValidationError(
            _("Een klacht met status ‘%(huidig)s’ kan niet naar ‘%(nieuw)s’.")
            % {
                "huidig": KlachtStatus(klacht.status).label,
                "nieuw": KlachtStatus(nieuw).label,
            },
            code="status-overgang",
        )


def _status_zetten(actor: Actor, klacht: Klacht, nieuw: str, toelichting: str = "") -> None:
    """Change the complaint's status and move its case along (forward only)."""
    oud = klacht.status
    klacht.status = nieuw
    klacht.save(update_fields=["status", "gewijzigd_op"])
    statustype = StatusType.objects.filter(
        zaaktype_id=klacht.zaak.zaaktype_id, omschrijving_generiek=nieuw
    ).first()
    huidig = klacht.zaak.status_actueel.statustype if klacht.zaak.status_actueel_id else None
    if statustype is not None and (huidig is None or statustype.volgnummer > huidig.volgnummer):
        zaak_status_set(
            actor=actor, zaak=klacht.zaak, statustype=statustype, toelichting=toelichting
        )
    _audit(actor, "klacht_status_gewijzigd", klacht, {"status": [oud, nieuw]}, toelichting)


def _afsluiten(actor: Actor, klacht: Klacht, eindstatus: str, resultaat: str, toelichting: str):  # noqa: ANN202
    """End status of the complaint, result and end status of the case, deadline task done."""
    klacht.afgehandeld_op = _vandaag(actor)
    klacht.save(update_fields=["afgehandeld_op", "gewijzigd_op"])
    _taak_afronden(actor, klacht, toelichting or KlachtStatus(eindstatus).label)
    resultaattype = ResultaatType.objects.filter(
        zaaktype_id=klacht.zaak.zaaktype_id, omschrijving=RESULTATEN[resultaat]
    ).first()
    if resultaattype is not None:
        zaak_resultaat_set(actor=actor, zaak=klacht.zaak, resultaattype=resultaattype)
    oud = klacht.status
    klacht.status = eindstatus
    klacht.save(update_fields=["status", "gewijzigd_op"])
    eind = (
        StatusType.objects.filter(zaaktype_id=klacht.zaak.zaaktype_id)
        .order_by("-volgnummer")
        .first()
    )
    if eind is not None and resultaattype is not None:
        zaak_status_set(
            actor=actor,
            zaak=klacht.zaak,
            statustype=eind,
            toelichting=toelichting or KlachtStatus(eindstatus).label,
        )
    _audit(actor, "klacht_afgesloten", klacht, {"status": [oud, eindstatus]}, toelichting)


def _taak_afronden(actor: Actor, klacht: Klacht, toelichting: str) -> None:
    taak = klacht.termijn_taak
    if taak is not None and taak.status == TaakStatus.OPEN:
        taak_complete(actor=actor, taak=taak, toelichting=toelichting)


def _termijn_taak_maken(actor: Actor, klacht: Klacht, toelichting: str) -> None:
    """The deadline as a task of the handler, due on the last day of the term in force."""
    _taak_afronden(actor, klacht, toelichting)
    klacht.termijn_taak = taak_create(
        actor=actor,
        zaak=klacht.zaak,
        titel=TAAK_TITEL,
        toegewezen_aan=klacht.behandelaar,
        vervaldatum=klacht.uiterlijk,
        toelichting=toelichting,
    )
    klacht.save(update_fields=["termijn_taak", "gewijzigd_op"])


def _behandelaar_check(
    errors: dict[str, Any],
    behandelaar: Medewerker | None,
    betreft_medewerker: Medewerker | None,
    actor: Actor,
) -> None:
    """Awb 9:7 lid 1: the handler was not involved in the conduct complained about."""
    if behandelaar is None or behandelaar.organisatie_id != actor.organisatie.pk:
        errors["behandelaar"] = _("Kies een klachtbehandelaar van deze organisatie.")
    elif not behandelaar.actief or Rol.MEDEWERKER not in behandelaar.rollen:
        errors["behandelaar"] = _("Kies een actieve medewerker als klachtbehandelaar.")
    elif betreft_medewerker is not None and behandelaar.pk == betreft_medewerker.pk:
        errors["behandelaar"] = _(
            "De behandelaar mag niet de medewerker zijn over wie de klacht gaat (Awb 9:7)."
        )


def _roltype(klacht_zaak: Zaak, generiek: str) -> RolType | None:
    return RolType.objects.filter(
        zaaktype_id=klacht_zaak.zaaktype_id, omschrijving_generiek=generiek
    ).first()
