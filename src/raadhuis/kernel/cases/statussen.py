"""A case's status and result: moving it along its status types, closing it (with its
archive dates) and reopening it, and recording its result."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import Resultaat, Rol, Status, Zaak
from raadhuis.kernel.cases.wijzigen import ZAAK_AUDIT_FIELDS, zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import ResultaatType, StatusType
from raadhuis.kernel.common import Archiefnominatie
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from raadhuis.kernel.retention.rules import (
    archiefactiedatum_bepalen,
    archiefnominatie_bepalen,
    brondatum_bepalen,
)
from raadhuis.kernel.workflow import hooks as workflow_hooks  # process engine hooks (workflow)


def _status_add(
    *,
    actor: Actor,
    zaak: Zaak,
    statustype: StatusType,
    toelichting: str,
    datum: datetime | None = None,
    gezetdoor_rol: Rol | None = None,
) -> Status:
    status = Status.objects.create(
        zaak=zaak,
        statustype=statustype,
        datum_status_gezet=datum or timezone.now(),
        statustoelichting=toelichting,
        gezetdoor=actor.medewerker,
        gezetdoor_rol=gezetdoor_rol,
        gezetdoor_weergave=actor.weergave[:200],
    )
    vorige = zaak.status_actueel.statustype.omschrijving if zaak.status_actueel else None
    zaak.status_actueel = status
    zaak.save(update_fields=["status_actueel"])
    audit_entry_record(
        actor=actor,
        actie="status_gezet",
        obj=status,
        wijzigingen={"status": [vorige, statustype.omschrijving]},
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="status", actie="create", resource_uuid=status.uuid)
    return status


def zaak_status_set(
    *,
    actor: Actor,
    zaak: Zaak,
    statustype: StatusType,
    toelichting: str = "",
    resultaattype: ResultaatType | None = None,
    resultaat_toelichting: str = "",
    datum: datetime | None = None,
    gezetdoor_rol: Rol | None = None,
) -> Status:
    """Move a case to a status.

    Rules (issue 2; Zaken API "zaak afsluiten"/"heropenen", status_create):
    - a case moves forward along the status types; going back needs a reason (toelichting);
    - the end status (highest volgnummer) needs a result, given here or set before; it sets the
      einddatum, the archiefnominatie and the archiefactiedatum from the result type; its
      deelzaken must be closed and its documents unlocked;
    - leaving the end status (reopening) needs a reason and clears those dates; an application
      needs the scope zaken.heropenen, and a deelzaak is not reopened under a closed hoofdzaak;
    - an application with only zaken.aanmaken may set the first status only.
    """
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak, wijzigen_na_afsluiten=True)
        _status_scopes_check(actor, zaak)
        if statustype.zaaktype_id != zaak.zaaktype_id:
            raise ValidationError({"statustype": _("Dit statustype hoort niet bij het zaaktype.")})
        if gezetdoor_rol is not None and gezetdoor_rol.zaak_id != zaak.pk:
            raise field_error(
                "gezetdoor",
                _("De rol hoort niet bij deze zaak."),
                code="zaak-mismatch",
            )
        if datum is not None and timezone.localtime(datum).date() < zaak.startdatum:
            raise field_error(
                "datum_status_gezet",
                _("De datum status gezet mag niet voor de startdatum van de zaak liggen."),
                code="datum-status-gezet-voor-startdatum",
            )
        huidig = zaak.status_actueel.statustype if zaak.status_actueel is not None else None
        terug = huidig is not None and statustype.volgnummer <= huidig.volgnummer
        if terug and not toelichting.strip():
            raise field_error(
                "toelichting",
                _("Geef een reden op om een zaak terug te zetten in status."),
                code="reden-verplicht",
            )
        eind = statustype.is_eindstatus
        if eind:
            _afsluiten_check(zaak)
            if resultaattype is not None:
                _resultaat_set(
                    actor=actor,
                    zaak=zaak,
                    resultaattype=resultaattype,
                    toelichting=resultaat_toelichting,
                )
            if not Resultaat.objects.filter(zaak=zaak).exists():
                raise field_error(
                    "resultaattype",
                    _("Kies een resultaat om de zaak af te sluiten."),
                    code="resultaat-does-not-exist",
                )
        elif zaak.hoofdzaak_id is not None and zaak.is_afgesloten:
            if Zaak.objects.filter(pk=zaak.hoofdzaak_id, einddatum__isnull=False).exists():
                raise field_error(
                    "zaak",
                    _(
                        "Een deelzaak kan alleen worden heropend als de hoofdzaak niet "
                        "afgesloten is."
                    ),
                    code="hoofdzaak-closed",
                )
        status = _status_add(
            actor=actor,
            zaak=zaak,
            statustype=statustype,
            toelichting=toelichting,
            datum=datum,
            gezetdoor_rol=gezetdoor_rol,
        )
        if eind:
            _zaak_afsluiten(actor=actor, zaak=zaak, op=status.datum_status_gezet)
        elif zaak.is_afgesloten:
            _zaak_heropenen(actor=actor, zaak=zaak, reden=toelichting)
        workflow_hooks.zaak_status_gewijzigd(actor=actor, zaak=zaak)  # workflow: follow status
    return status


def _status_scopes_check(actor: Actor, zaak: Zaak) -> None:
    """The Zaken API scopes on statuses; medewerkers are governed by their roles instead."""
    if actor.type != "applicatie" or actor.alle_zaaktypen:
        return
    if zaak.is_afgesloten and not actor.heeft_scope("zaken.heropenen"):
        raise ToegangGeweigerd(
            _("Het heropenen van een gesloten zaak is niet toegestaan zonder de scope %(s)s")
            % {"s": "zaken.heropenen"}
        )
    verder = actor.heeft_scope("zaken.statussen.toevoegen") or actor.heeft_scope("zaken.heropenen")
    if not verder and Status.objects.filter(zaak=zaak).exists():
        raise ToegangGeweigerd(
            _("Met de '%(s)s' scope mag je slechts 1 status zetten") % {"s": "zaken.aanmaken"}
        )


def _afsluiten_check(zaak: Zaak) -> None:
    """Before a case closes: its deelzaken are closed and none of its documents is locked."""
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    if Zaak.objects.filter(hoofdzaak=zaak, einddatum__isnull=True).exists():
        raise field_error(
            "zaak",
            _(
                "Er zijn gerelateerde deelzaken die nog niet afgesloten zijn. Deze deelzaken "
                "moeten eerst afgesloten worden voordat de zaak afgesloten kan worden."
            ),
            code="deelzaken-not-closed",
        )
    # A relation with a document in another Documenten API has no local lock to check.
    if ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject__lock__gt="").exists():
        raise field_error(
            "non_field_errors",
            _(
                "Er zijn gerelateerde informatieobjecten die nog gelocked zijn. Deze "
                "informatieobjecten moeten eerst unlocked worden voordat de zaak afgesloten kan "
                "worden."
            ),
            code="informatieobject-locked",
        )


def _zaak_afsluiten(*, actor: Actor, zaak: Zaak, op: datetime) -> None:
    resultaattype = zaak.resultaat.resultaattype
    before = snapshot(zaak, ZAAK_AUDIT_FIELDS)
    zaak.einddatum = timezone.localtime(op, ZoneInfo(zaak.organisatie.tijdzone)).date()
    eigenschappen = dict(zaak.eigenschappen.values_list("eigenschap__naam", "waarde"))
    besluiten = list(zaak.besluiten.values_list("ingangsdatum", "vervaldatum"))
    brondatum = brondatum_bepalen(
        resultaattype=resultaattype,
        einddatum=zaak.einddatum,
        eigenschappen=eigenschappen,
        besluit_ingangsdata=[b[0] for b in besluiten],
        besluit_vervaldata=[b[1] for b in besluiten if b[1]],
        hoofdzaak_einddatum=zaak.hoofdzaak.einddatum if zaak.hoofdzaak is not None else None,
        gerelateerde_einddata=[
            r.andere_zaak.einddatum
            for r in zaak.relevante_andere_zaken.select_related("andere_zaak")
            if r.andere_zaak.einddatum
        ],
    )
    # The organisation's own nomination for the result type, if it set one (retention).
    zaak.archiefnominatie = archiefnominatie_bepalen(resultaattype=resultaattype)
    zaak.archiefactiedatum = archiefactiedatum_bepalen(
        resultaattype=resultaattype, brondatum=brondatum
    )
    if zaak.archiefactiedatum is None and zaak.archiefnominatie == Archiefnominatie.VERNIETIGEN:
        # A case to be destroyed without a date would never reach a destruction list.
        raise field_error(
            "resultaattype",
            _(
                "De archiefactiedatum kan niet bepaald worden (afleidingswijze "
                "'%(wijze)s'): vul eerst de gegevens in waar die datum van afhangt."
            )
            % {"wijze": resultaattype.get_afleidingswijze_display()},
            code="archiefactiedatum-onbepaald",
        )
    zaak.save(update_fields=["einddatum", "archiefnominatie", "archiefactiedatum"])
    audit_entry_record(
        actor=actor,
        actie="zaak_afgesloten",
        obj=zaak,
        wijzigingen=diff(before, snapshot(zaak, ZAAK_AUDIT_FIELDS)),
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaak", actie="partial_update")


def _zaak_heropenen(*, actor: Actor, zaak: Zaak, reden: str) -> None:
    before = snapshot(zaak, ZAAK_AUDIT_FIELDS)
    zaak.einddatum = None
    zaak.archiefnominatie = ""
    zaak.archiefactiedatum = None
    zaak.save(update_fields=["einddatum", "archiefnominatie", "archiefactiedatum"])
    audit_entry_record(
        actor=actor,
        actie="zaak_heropend",
        obj=zaak,
        wijzigingen=diff(before, snapshot(zaak, ZAAK_AUDIT_FIELDS)),
        toelichting=reden,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaak", actie="partial_update")


def _resultaat_set(
    *, actor: Actor, zaak: Zaak, resultaattype: ResultaatType, toelichting: str
) -> Resultaat:
    if resultaattype.zaaktype_id != zaak.zaaktype_id:
        raise ValidationError(
            {"resultaattype": _("Dit resultaattype hoort niet bij het zaaktype.")}
        )
    bestaand = Resultaat.objects.filter(zaak=zaak).select_related("resultaattype").first()
    if bestaand is not None:
        oud = bestaand.resultaattype.omschrijving
        bestaand.resultaattype = resultaattype
        bestaand.toelichting = toelichting
        bestaand.save(update_fields=["resultaattype", "toelichting"])
        resultaat, actie = bestaand, "update"
        wijzigingen: dict[str, list[Any]] = {"resultaat": [oud, resultaattype.omschrijving]}
    else:
        resultaat = Resultaat.objects.create(
            zaak=zaak, resultaattype=resultaattype, toelichting=toelichting
        )
        actie = "create"
        wijzigingen = {"resultaat": [None, resultaattype.omschrijving]}
    zaak.resultaat = resultaat
    audit_entry_record(
        actor=actor,
        actie="resultaat_gezet",
        obj=resultaat,
        wijzigingen=wijzigingen,
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="resultaat", actie=actie, resource_uuid=resultaat.uuid)
    return resultaat


def zaak_resultaat_set(
    *,
    actor: Actor,
    zaak: Zaak,
    resultaattype: ResultaatType,
    toelichting: str = "",
    vervangen: bool = True,
) -> Resultaat:
    """Record (or, with `vervangen`, replace) the result of a case before it is closed.
    A case has one result (Zaken API: a second POST /resultaten is refused)."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if not vervangen and Resultaat.objects.filter(zaak=zaak).exists():
            raise field_error("zaak", _("Deze zaak heeft al een resultaat."), code="unique")
        return _resultaat_set(
            actor=actor, zaak=zaak, resultaattype=resultaattype, toelichting=toelichting
        )


def zaak_resultaat_update(
    *,
    actor: Actor,
    resultaat: Resultaat,
    toelichting: str,
    resultaattype: ResultaatType | None = None,
) -> Resultaat:
    """Change a result's toelichting; its resultaattype stays (Zaken API resultaat_update)."""
    if resultaattype is not None and resultaattype.pk != resultaat.resultaattype_id:
        raise field_error(
            "resultaattype",
            _("Het resultaattype mag niet gewijzigd worden."),
            code="wijzigen-niet-toegelaten",
        )
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, resultaat.zaak)
        resultaat = Resultaat.objects.select_for_update().get(pk=resultaat.pk)
        oud = resultaat.toelichting
        if oud == toelichting:
            return resultaat
        resultaat.toelichting = toelichting
        resultaat.save(update_fields=["toelichting"])
        audit_entry_record(
            actor=actor,
            actie="resultaat_gewijzigd",
            obj=resultaat,
            wijzigingen={"toelichting": [oud, toelichting]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="resultaat", actie="update", resource_uuid=resultaat.uuid)
    return resultaat


def zaak_resultaat_remove(*, actor: Actor, resultaat: Resultaat) -> None:
    """Remove the result of a case that is still open."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, resultaat.zaak)
        resultaat_uuid = resultaat.uuid
        audit_entry_record(
            actor=actor,
            actie="resultaat_verwijderd",
            obj=resultaat,
            wijzigingen={"resultaat": [str(resultaat), None]},
            zaak_uuid=zaak.uuid,
        )
        resultaat.delete()
        zaak_event_queue(zaak, resource="resultaat", actie="destroy", resource_uuid=resultaat_uuid)
