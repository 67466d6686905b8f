"""Every write on a case. Each function checks permission and invariants, writes in one
transaction, records its audit entry and queues its domain event in that same transaction."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    mag_geforceerd_bijwerken,
    require_zaak_access,
)
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.dates import zaak_termijnen_bepalen
from raadhuis.kernel.cases.models import (
    BetrokkeneType,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakEigenschap,
)
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.catalog.eigenschappen import eigenschap_waarde_normaliseren
from raadhuis.kernel.catalog.models import (
    EigenschapType,
    ResultaatType,
    RolOmschrijving,
    RolType,
    StatusType,
    ZaakType,
)
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.kernel.retention.rules import archiefactiedatum_bepalen, brondatum_bepalen
from raadhuis.kernel.workflow.calendar import vandaag

ZAAK_AUDIT_FIELDS = [
    "omschrijving",
    "toelichting",
    "startdatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "einddatum",
    "vertrouwelijkheidaanduiding",
    "archiefnominatie",
    "archiefactiedatum",
    "behandelaar",
]


def zaak_event_queue(zaak: Zaak, *, resource: str, actie: str, resource_uuid: Any = None) -> None:
    event_queue(
        organisatie=zaak.organisatie,
        kanaal="zaken",
        resource=resource,
        actie=actie,
        resource_uuid=resource_uuid or zaak.uuid,
        hoofd_object_uuid=zaak.uuid,
        kenmerken={
            "bronorganisatie": zaak.bronorganisatie,
            "zaaktype": str(zaak.zaaktype.uuid),
            "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        },
    )


def zaak_lock_for_change(actor: Actor, zaak: Zaak, *, wijzigen_na_afsluiten: bool = False) -> Zaak:
    """Re-read the case under a row lock and check the actor may change it."""
    locked = (
        Zaak.objects.select_for_update(of=("self",))
        .select_related("zaaktype", "organisatie")
        .get(pk=zaak.pk)
    )
    require_zaak_access(
        actor,
        organisatie_id=locked.organisatie_id,
        zaaktype_id=locked.zaaktype_id,
        vertrouwelijkheid=locked.vertrouwelijkheidaanduiding,
    )
    if locked.is_afgesloten and not wijzigen_na_afsluiten and not mag_geforceerd_bijwerken(actor):
        raise ValidationError(
            _("Deze zaak is afgesloten en kan niet meer gewijzigd worden."), code="zaak-afgesloten"
        )
    return locked


def zaak_create(
    *,
    actor: Actor,
    zaaktype: ZaakType,
    omschrijving: str = "",
    toelichting: str = "",
    startdatum: date | None = None,
    vertrouwelijkheidaanduiding: str = "",
    verantwoordelijke_organisatie: str = "",
    initiator: Partij | None = None,
    behandelaar: Medewerker | None = None,
    communicatiekanaal: str = "",
    identificatie: str = "",
) -> Zaak:
    """Open a case of a published case type, with its first status and its deadlines."""
    organisatie = actor.organisatie
    today = vandaag(organisatie.tijdzone)
    startdatum = startdatum or today
    vertrouwelijkheid = vertrouwelijkheidaanduiding or zaaktype.vertrouwelijkheidaanduiding
    _zaaktype_check(zaaktype, organisatie_id=organisatie.pk, op=startdatum)
    if vertrouwelijkheid not in Vertrouwelijkheid.values:
        raise ValidationError(
            {"vertrouwelijkheidaanduiding": _("Kies een geldige vertrouwelijkheid.")}
        )
    require_zaak_access(
        actor,
        organisatie_id=organisatie.pk,
        zaaktype_id=zaaktype.pk,
        vertrouwelijkheid=vertrouwelijkheid,
    )
    if len(omschrijving) > 80:
        raise ValidationError({"omschrijving": _("De omschrijving is maximaal 80 tekens.")})

    def nummer_bezet(kandidaat: str) -> bool:
        return Zaak.objects.filter(
            bronorganisatie=organisatie.rsin, identificatie=kandidaat
        ).exists()

    nummer_niet_uniek = field_error(
        "identificatie",
        _("Dit zaaknummer bestaat al bij deze organisatie."),
        code="identificatie-niet-uniek",
    )
    with transaction.atomic():
        if identificatie and nummer_bezet(identificatie):
            raise nummer_niet_uniek
        identificatie = identificatie or identificatie_next(
            organisatie=organisatie,
            soort="zaak",
            prefix=organisatie.zaak_prefix,
            jaar=startdatum.year,
            bezet=nummer_bezet,
        )
        gepland, uiterlijk = zaak_termijnen_bepalen(
            zaaktype=zaaktype, startdatum=startdatum, land=organisatie.land
        )
        try:
            with transaction.atomic():  # a savepoint: a concurrent duplicate becomes a 400
                zaak = Zaak.objects.create(
                    organisatie=organisatie,
                    identificatie=identificatie,
                    bronorganisatie=organisatie.rsin,
                    verantwoordelijke_organisatie=verantwoordelijke_organisatie or organisatie.rsin,
                    zaaktype=zaaktype,
                    omschrijving=omschrijving,
                    toelichting=toelichting,
                    registratiedatum=today,
                    startdatum=startdatum,
                    einddatum_gepland=gepland,
                    uiterlijke_einddatum_afdoening=uiterlijk,
                    vertrouwelijkheidaanduiding=vertrouwelijkheid,
                    communicatiekanaal=communicatiekanaal,
                )
        except IntegrityError as error:
            raise nummer_niet_uniek from error
        audit_entry_record(
            actor=actor,
            actie="zaak_aangemaakt",
            obj=zaak,
            wijzigingen=diff({}, snapshot(zaak, ["identificatie", "zaaktype", *ZAAK_AUDIT_FIELDS])),
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="zaak", actie="create")
        eerste = zaaktype.statustypen.order_by("volgnummer").first()
        if eerste is not None:
            # A case registered after the fact starts at the beginning of its start date.
            begonnen = (
                None
                if startdatum >= today
                else datetime.combine(startdatum, time.min, tzinfo=ZoneInfo(organisatie.tijdzone))
            )
            _status_add(actor=actor, zaak=zaak, statustype=eerste, toelichting="", datum=begonnen)
        if initiator is not None:
            zaak_rol_add(
                actor=actor,
                zaak=zaak,
                roltype=_roltype(zaaktype, RolOmschrijving.INITIATOR),
                partij=initiator,
            )
        if behandelaar is not None:
            zaak_rol_add(
                actor=actor,
                zaak=zaak,
                roltype=_roltype(zaaktype, RolOmschrijving.BEHANDELAAR),
                medewerker=behandelaar,
            )
    return zaak


def _zaaktype_check(zaaktype: ZaakType, *, organisatie_id: int, op: date) -> None:
    if zaaktype.catalogus.organisatie_id != organisatie_id:
        raise ValidationError({"zaaktype": _("Dit zaaktype hoort niet bij deze organisatie.")})
    if zaaktype.concept:
        raise field_error(
            "zaaktype",
            _("Dit zaaktype is nog een concept en kan niet gebruikt worden."),
            code="zaaktype-concept",
        )
    if zaaktype.begin_geldigheid > op or (
        zaaktype.einde_geldigheid is not None and zaaktype.einde_geldigheid < op
    ):
        raise field_error(
            "zaaktype",
            _("Dit zaaktype is op de startdatum niet geldig."),
            code="zaaktype-niet-geldig",
        )


def _roltype(zaaktype: ZaakType, generiek: str) -> RolType:
    roltype = zaaktype.roltypen.filter(omschrijving_generiek=generiek).first()
    if roltype is None:
        raise ValidationError(
            _("Het zaaktype heeft geen roltype '%(rol)s'.") % {"rol": generiek}, code="roltype"
        )
    return roltype


def zaak_update(
    *, actor: Actor, zaak: Zaak, toelichting_wijziging: str = "", **velden: Any
) -> Zaak:
    """Change the editable fields of a case (omschrijving, toelichting, vertrouwelijkheid)."""
    toegestaan = {
        "omschrijving",
        "toelichting",
        "vertrouwelijkheidaanduiding",
        "communicatiekanaal",
    }
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise ValueError(f"zaak_update cannot change {sorted(onbekend)}")
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        before = snapshot(zaak, velden)
        for name, value in velden.items():
            setattr(zaak, name, value)
        zaak.full_clean(exclude=["status_actueel", "behandelaar", "hoofdzaak"])
        # Nobody may raise a case above their own clearance (they would lose it themselves).
        require_zaak_access(
            actor,
            organisatie_id=zaak.organisatie_id,
            zaaktype_id=zaak.zaaktype_id,
            vertrouwelijkheid=zaak.vertrouwelijkheidaanduiding,
        )
        after = snapshot(zaak, velden)
        changes = diff(before, after)
        if not changes:
            return zaak
        zaak.save(update_fields=list(changes))
        audit_entry_record(
            actor=actor,
            actie="zaak_gewijzigd",
            obj=zaak,
            wijzigingen=changes,
            toelichting=toelichting_wijziging,
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="zaak", actie="partial_update")
    return zaak


def _status_add(
    *,
    actor: Actor,
    zaak: Zaak,
    statustype: StatusType,
    toelichting: str,
    datum: datetime | None = None,
) -> Status:
    status = Status.objects.create(
        zaak=zaak,
        statustype=statustype,
        datum_status_gezet=datum or timezone.now(),
        statustoelichting=toelichting,
        gezetdoor=actor.medewerker,
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
) -> Status:
    """Move a case to a status.

    Rules (issue 2; Zaken API "zaak afsluiten"/"heropenen"):
    - a case moves forward along the status types; going back needs a reason (toelichting);
    - the end status (highest volgnummer) needs a result, given here or set before; it sets the
      einddatum, the archiefnominatie and the archiefactiedatum from the result type;
    - leaving the end status (reopening) needs a reason and clears those dates.
    """
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak, wijzigen_na_afsluiten=True)
        if statustype.zaaktype_id != zaak.zaaktype_id:
            raise ValidationError({"statustype": _("Dit statustype hoort niet bij het zaaktype.")})
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
                    code="resultaat-verplicht",
                )
        status = _status_add(
            actor=actor, zaak=zaak, statustype=statustype, toelichting=toelichting, datum=datum
        )
        if eind:
            _zaak_afsluiten(actor=actor, zaak=zaak, op=status.datum_status_gezet)
        elif zaak.is_afgesloten:
            _zaak_heropenen(actor=actor, zaak=zaak, reden=toelichting)
    return status


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
    zaak.archiefnominatie = resultaattype.archiefnominatie
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
    *, actor: Actor, zaak: Zaak, resultaattype: ResultaatType, toelichting: str = ""
) -> Resultaat:
    """Record (or replace) the result of a case before it is closed."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        return _resultaat_set(
            actor=actor, zaak=zaak, resultaattype=resultaattype, toelichting=toelichting
        )


def zaak_rol_add(
    *,
    actor: Actor,
    zaak: Zaak,
    roltype: RolType,
    partij: Partij | None = None,
    medewerker: Medewerker | None = None,
    eenheid: OrganisatorischeEenheid | None = None,
    roltoelichting: str = "",
) -> Rol:
    """Involve a party, a medewerker or a unit in a case. A behandelaar also becomes the case's
    current handler in the work queues."""
    betrokkenen = [b for b in (partij, medewerker, eenheid) if b is not None]
    if len(betrokkenen) != 1:
        raise ValidationError(_("Kies precies één betrokkene voor de rol."), code="betrokkene")
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if roltype.zaaktype_id != zaak.zaaktype_id:
            raise ValidationError({"roltype": _("Dit roltype hoort niet bij het zaaktype.")})
        betrokkene = betrokkenen[0]
        if getattr(betrokkene, "organisatie_id", zaak.organisatie_id) != zaak.organisatie_id:
            raise ValidationError(_("De betrokkene hoort niet bij deze organisatie."))
        if partij is not None:
            betrokkene_type = {
                PartijSoort.NATUURLIJK_PERSOON: BetrokkeneType.NATUURLIJK_PERSOON,
                PartijSoort.NIET_NATUURLIJK_PERSOON: BetrokkeneType.NIET_NATUURLIJK_PERSOON,
                PartijSoort.VESTIGING: BetrokkeneType.VESTIGING,
            }[PartijSoort(partij.soort)]
        elif medewerker is not None:
            betrokkene_type = BetrokkeneType.MEDEWERKER
        else:
            betrokkene_type = BetrokkeneType.ORGANISATORISCHE_EENHEID
        rol = Rol.objects.create(
            zaak=zaak,
            roltype=roltype,
            betrokkene_type=betrokkene_type,
            partij=partij,
            medewerker=medewerker,
            eenheid=eenheid,
            roltoelichting=roltoelichting,
        )
        audit_entry_record(
            actor=actor,
            actie="rol_toegevoegd",
            obj=rol,
            wijzigingen={"rol": [None, f"{roltype.omschrijving}: {betrokkene}"]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="rol", actie="create", resource_uuid=rol.uuid)
        if medewerker is not None and roltype.omschrijving_generiek == RolOmschrijving.BEHANDELAAR:
            _behandelaar_set(actor=actor, zaak=zaak, medewerker=medewerker)
    return rol


def zaak_rol_remove(*, actor: Actor, rol: Rol, toelichting: str = "") -> None:
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, rol.zaak)
        weergave = str(rol)
        rol_uuid = rol.uuid
        was_behandelaar = (
            zaak.behandelaar_id is not None and rol.medewerker_id == zaak.behandelaar_id
        )
        audit_entry_record(
            actor=actor,
            actie="rol_verwijderd",
            obj=rol,
            wijzigingen={"rol": [weergave, None]},
            toelichting=toelichting,
            zaak_uuid=zaak.uuid,
        )
        rol.delete()
        zaak_event_queue(zaak, resource="rol", actie="destroy", resource_uuid=rol_uuid)
        if was_behandelaar:
            opvolger = (
                zaak.rollen.filter(
                    medewerker__isnull=False,
                    roltype__omschrijving_generiek=RolOmschrijving.BEHANDELAAR,
                )
                .order_by("-registratiedatum")
                .first()
            )
            _behandelaar_set(
                actor=actor, zaak=zaak, medewerker=opvolger.medewerker if opvolger else None
            )


def _behandelaar_set(*, actor: Actor, zaak: Zaak, medewerker: Medewerker | None) -> None:
    before = snapshot(zaak, ["behandelaar"])
    zaak.behandelaar = medewerker
    zaak.save(update_fields=["behandelaar"])
    changes = diff(before, snapshot(zaak, ["behandelaar"]))
    if changes:
        audit_entry_record(
            actor=actor,
            actie="behandelaar_gewijzigd",
            obj=zaak,
            wijzigingen=changes,
            zaak_uuid=zaak.uuid,
        )


def zaak_eigenschap_set(
    *, actor: Actor, zaak: Zaak, eigenschap: EigenschapType, waarde: str
) -> ZaakEigenschap:
    """Set a property of a case; the value is checked against the property's format."""
    if eigenschap.zaaktype_id != zaak.zaaktype_id:
        raise ValidationError({"eigenschap": _("Deze eigenschap hoort niet bij het zaaktype.")})
    waarde = eigenschap_waarde_normaliseren(eigenschap, waarde)
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        ze = ZaakEigenschap.objects.filter(zaak=zaak, eigenschap=eigenschap).first()
        oud = ze.waarde if ze else None
        if ze is not None and oud == waarde:
            return ze
        if ze is not None:
            ze.waarde = waarde
            ze.save(update_fields=["waarde"])
        else:
            ze = ZaakEigenschap.objects.create(zaak=zaak, eigenschap=eigenschap, waarde=waarde)
        audit_entry_record(
            actor=actor,
            actie="eigenschap_gezet",
            obj=ze,
            wijzigingen={eigenschap.naam: [oud, waarde]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(
            zaak,
            resource="zaakeigenschap",
            actie="create" if oud is None else "update",
            resource_uuid=ze.uuid,
        )
    return ze
