"""Every write on a case. Each function checks permission and invariants, writes in one
transaction, records its audit entry and queues its domain event in that same transaction."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
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
    require_zaak_toegang,
    zaaktype_regel_toegestaan,
)
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases import regels
from raadhuis.kernel.cases.dates import zaak_termijnen_bepalen
from raadhuis.kernel.cases.models import (
    AardRelatie,
    BetrokkeneType,
    RelevanteZaak,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakEigenschap,
    ZaakKenmerk,
    ZaakNummerReservering,
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
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.organisations.selectors import andere_organisatie_rsin_check
from raadhuis.kernel.parties.models import Partij, PartijSoort
from raadhuis.kernel.retention.rules import (
    archiefactiedatum_bepalen,
    archiefnominatie_bepalen,
    brondatum_bepalen,
)
from raadhuis.kernel.workflow import hooks as workflow_hooks  # process engine hooks (workflow)
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


# What a caller may set on a case besides its type and number (Zaken API ZAAK attributes).
ZAAK_VELDEN = frozenset(
    {
        "omschrijving",
        "toelichting",
        "vertrouwelijkheidaanduiding",
        "communicatiekanaal",
        "verantwoordelijke_organisatie",
        "registratiedatum",
        "startdatum",
        "einddatum_gepland",
        "uiterlijke_einddatum_afdoening",
        "publicatiedatum",
        "producten_of_diensten",
        "betalingsindicatie",
        "laatste_betaaldatum",
        "zaakgeometrie",
        "verlenging_reden",
        "verlenging_duur",
        "opschorting_indicatie",
        "opschorting_reden",
        "selectielijstklasse",
        "hoofdzaak",
        "archiefnominatie",
        "archiefstatus",
        "archiefactiedatum",
        "opdrachtgevende_organisatie",
        "processobjectaard",
        "startdatum_bewaartermijn",
        "processobject",
    }
)
GEO_VELDEN = ["geo_xmin", "geo_ymin", "geo_xmax", "geo_ymax"]


class ZaakAfgesloten(ToegangGeweigerd, ValidationError):
    """A closed case changed without the right to (scope zaken.geforceerd-bijwerken, role
    beheerder): a 403 for the APIs, a form error for the staff UI (both catch it)."""

    def __init__(self, message: str) -> None:
        ValidationError.__init__(self, message, code="zaak-afgesloten")

    def __str__(self) -> str:
        return str(self.message)


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


# The case zaak_create is making right now, by uuid (never reused, so a value left behind by
# an error names no other case). Its follow-up writes (first status, roles, the process start
# and its automatic letters) run before a module has stored what a department rule looks at
# (a complaint's department): for that one case only the grant and confidentiality count.
_ZAAK_IN_AANMAAK: ContextVar[uuid.UUID | None] = ContextVar("zaak_in_aanmaak", default=None)


def zaak_id_voor_regel(zaak: Zaak) -> int | None:
    """The `zaak_id` to give require_zaak_access / mag_zaak_zien for an existing case, so its
    case type's department rule applies (ADR 0004); None only for the case zaak_create is still
    making in this context."""
    return None if _ZAAK_IN_AANMAAK.get() == zaak.uuid else zaak.pk


def zaak_lock_for_change(actor: Actor, zaak: Zaak, *, wijzigen_na_afsluiten: bool = False) -> Zaak:
    """Re-read the case under a row lock and check the actor may change it (grant,
    confidentiality and the case type's department rule)."""
    locked = (
        Zaak.objects.select_for_update(of=("self",))
        .select_related("zaaktype", "organisatie")
        .get(pk=zaak.pk)
    )
    zaak_id = zaak_id_voor_regel(locked)
    if zaak_id is not None and not zaaktype_regel_toegestaan(
        actor, zaaktype_id=locked.zaaktype_id, zaak_id=zaak_id
    ):
        # The department rule hides the case from this actor, as in its lists and on its page
        # (404): absent rather than forbidden.
        raise NietGevonden(_("Zaak niet gevonden."))
    require_zaak_access(
        actor,
        organisatie_id=locked.organisatie_id,
        zaaktype_id=locked.zaaktype_id,
        vertrouwelijkheid=locked.vertrouwelijkheidaanduiding,
        zaak_id=zaak_id,
    )
    if locked.is_afgesloten and not wijzigen_na_afsluiten and not mag_geforceerd_bijwerken(actor):
        raise ZaakAfgesloten(_("Deze zaak is afgesloten en kan niet meer gewijzigd worden."))
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
    bronorganisatie: str = "",
    eerste_status: bool = True,
    relevante_andere_zaken: list[tuple[Zaak, str]] | None = None,
    kenmerken: list[dict[str, str]] | None = None,
    **velden: Any,
) -> Zaak:
    """Open a case of a published case type, with its deadlines and (unless `eerste_status`
    is False, as for the Zaken API where the client sets it) its first status.

    `velden` are further ZAAK attributes (ZAAK_VELDEN), checked by the rules in regels.py."""
    onbekend = set(velden) - ZAAK_VELDEN
    if onbekend:
        raise ValueError(f"zaak_create cannot set {sorted(onbekend)}")
    organisatie = actor.organisatie
    today = vandaag(organisatie.tijdzone)
    startdatum = startdatum or today
    bronorganisatie = bronorganisatie or organisatie.rsin
    andere_organisatie_rsin_check(
        organisatie=organisatie, rsin=bronorganisatie, veld="bronorganisatie"
    )
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
    _zaak_velden_check(actor, None, zaaktype, velden)

    def nummer_bezet(kandidaat: str) -> bool:
        # A reserved number is never generated; it goes only to a case that asks for it.
        return (
            Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie=kandidaat).exists()
            or ZaakNummerReservering.objects.filter(
                bronorganisatie=bronorganisatie, identificatie=kandidaat
            ).exists()
        )

    nummer_niet_uniek = field_error(
        "identificatie",
        _("Deze identificatie bestaat al voor deze bronorganisatie."),
        code="identificatie-niet-uniek",
    )
    with transaction.atomic():
        if (
            identificatie
            and Zaak.objects.filter(
                bronorganisatie=bronorganisatie, identificatie=identificatie
            ).exists()
        ):
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
        velden.setdefault("einddatum_gepland", gepland)
        velden.setdefault("uiterlijke_einddatum_afdoening", uiterlijk)
        velden.setdefault("registratiedatum", today)
        xmin, ymin, xmax, ymax = regels.geometrie_bbox(velden.get("zaakgeometrie"))
        try:
            with transaction.atomic():  # a savepoint: a concurrent duplicate becomes a 400
                zaak = Zaak.objects.create(
                    organisatie=organisatie,
                    identificatie=identificatie,
                    bronorganisatie=bronorganisatie,
                    verantwoordelijke_organisatie=verantwoordelijke_organisatie or organisatie.rsin,
                    zaaktype=zaaktype,
                    omschrijving=omschrijving,
                    toelichting=toelichting,
                    startdatum=startdatum,
                    vertrouwelijkheidaanduiding=vertrouwelijkheid,
                    communicatiekanaal=communicatiekanaal,
                    geo_xmin=xmin,
                    geo_ymin=ymin,
                    geo_xmax=xmax,
                    geo_ymax=ymax,
                    **velden,
                )
        except IntegrityError as error:
            raise nummer_niet_uniek from error
        in_aanmaak = _ZAAK_IN_AANMAAK.set(zaak.uuid)  # see zaak_id_voor_regel
        try:
            _relevante_zaken_set(actor, zaak, relevante_andere_zaken or [])
            _kenmerken_set(zaak, kenmerken or [])
            audit_entry_record(
                actor=actor,
                actie="zaak_aangemaakt",
                obj=zaak,
                wijzigingen=diff(
                    {}, snapshot(zaak, ["identificatie", "zaaktype", *ZAAK_AUDIT_FIELDS])
                ),
                zaak_uuid=zaak.uuid,
            )
            zaak_event_queue(zaak, resource="zaak", actie="create")
            eerste = zaaktype.statustypen.order_by("volgnummer").first() if eerste_status else None
            if eerste is not None:
                # A case registered after the fact starts at the beginning of its start date.
                begonnen = (
                    None
                    if startdatum >= today
                    else datetime.combine(
                        startdatum, time.min, tzinfo=ZoneInfo(organisatie.tijdzone)
                    )
                )
                _status_add(
                    actor=actor, zaak=zaak, statustype=eerste, toelichting="", datum=begonnen
                )
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
            workflow_hooks.zaak_aangemaakt(actor=actor, zaak=zaak)  # workflow: start its process
        finally:
            _ZAAK_IN_AANMAAK.reset(in_aanmaak)
    return zaak


def _zaak_velden_check(
    actor: Actor, zaak: Zaak | None, zaaktype: ZaakType, velden: dict[str, Any]
) -> None:
    """The Zaken API rules on the given fields (create: zaak is None)."""

    def waarde(naam: str) -> Any:
        return velden[naam] if naam in velden else getattr(zaak, naam, None)

    regels.betaling_check(waarde("betalingsindicatie") or "", velden.get("laatste_betaaldatum"))
    if velden.get("producten_of_diensten"):
        regels.producten_check(zaaktype, velden["producten_of_diensten"])
    regels.duur_check("verlenging_duur", velden.get("verlenging_duur") or "")
    regels.archief_check(zaak, velden)
    hoofdzaak = velden.get("hoofdzaak")
    if hoofdzaak is not None:
        regels.hoofdzaak_check(zaak, zaaktype, hoofdzaak)
        require_zaak_toegang(actor, hoofdzaak)


def _relevante_zaken_set(actor: Actor, zaak: Zaak, relaties: list[tuple[Zaak, str]]) -> None:
    """Replace the case's related cases (Zaken API relevanteAndereZaken)."""
    for andere, aard in relaties:
        if aard not in AardRelatie.values:
            raise field_error(
                "relevante_andere_zaken", _("Kies een geldige aard van de relatie."), code="invalid"
            )
        if andere.pk == zaak.pk:
            raise field_error(
                "relevante_andere_zaken",
                _("Een zaak kan niet aan zichzelf gerelateerd zijn."),
                code="self-forbidden",
            )
        require_zaak_toegang(actor, andere)
    RelevanteZaak.objects.filter(zaak=zaak).delete()
    RelevanteZaak.objects.bulk_create(
        RelevanteZaak(zaak=zaak, andere_zaak=andere, aard_relatie=aard) for andere, aard in relaties
    )


def _kenmerken_set(zaak: Zaak, kenmerken: list[dict[str, str]]) -> None:
    ZaakKenmerk.objects.filter(zaak=zaak).delete()
    ZaakKenmerk.objects.bulk_create(
        ZaakKenmerk(zaak=zaak, kenmerk=k["kenmerk"], bron=k["bron"]) for k in kenmerken
    )


def _zaaktype_check(zaaktype: ZaakType, *, organisatie_id: int, op: date) -> None:
    if zaaktype.catalogus.organisatie_id != organisatie_id:
        raise ValidationError({"zaaktype": _("Dit zaaktype hoort niet bij deze organisatie.")})
    if zaaktype.concept:
        raise field_error(
            "zaaktype",
            _("Dit zaaktype is nog een concept en kan niet gebruikt worden."),
            code="not-published",
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
    *,
    actor: Actor,
    zaak: Zaak,
    toelichting_wijziging: str = "",
    relevante_andere_zaken: list[tuple[Zaak, str]] | None = None,
    kenmerken: list[dict[str, str]] | None = None,
    **velden: Any,
) -> Zaak:
    """Change the fields of a case (ZAAK_VELDEN); identificatie, zaaktype and bronorganisatie
    may be given but not changed. Related cases and kenmerken are replaced when given."""
    onbekend = set(velden) - ZAAK_VELDEN - set(regels.ONVERANDERLIJK)
    if onbekend:
        raise ValueError(f"zaak_update cannot change {sorted(onbekend)}")
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        regels.onveranderlijk_check(zaak, velden)
        velden = {k: v for k, v in velden.items() if k not in regels.ONVERANDERLIJK}
        _zaak_velden_check(actor, zaak, zaak.zaaktype, velden)
        before = snapshot(zaak, velden)
        for name, value in velden.items():
            setattr(zaak, name, value)
        geo = []
        if "zaakgeometrie" in velden:
            bbox = regels.geometrie_bbox(zaak.zaakgeometrie)
            for name, value in zip(GEO_VELDEN, bbox, strict=True):
                setattr(zaak, name, value)
            geo = GEO_VELDEN
        zaak.full_clean(exclude=["status_actueel", "behandelaar", "hoofdzaak"])
        # Nobody may raise a case above their own clearance (they would lose it themselves).
        require_zaak_toegang(actor, zaak)
        changes = diff(before, snapshot(zaak, velden))
        if relevante_andere_zaken is not None:
            voor = sorted(
                f"{r.aard_relatie}: {r.andere_zaak}"
                for r in zaak.relevante_andere_zaken.select_related("andere_zaak")
            )
            _relevante_zaken_set(actor, zaak, relevante_andere_zaken)
            na = sorted(f"{aard}: {andere}" for andere, aard in relevante_andere_zaken)
            if voor != na:
                changes["relevante_andere_zaken"] = [voor, na]
        if kenmerken is not None:
            voor_k = list(zaak.kenmerken.values("kenmerk", "bron"))
            _kenmerken_set(zaak, kenmerken)
            if voor_k != [{"kenmerk": k["kenmerk"], "bron": k["bron"]} for k in kenmerken]:
                changes["kenmerken"] = [voor_k, kenmerken]
        if not changes:
            return zaak
        velden_gewijzigd = [n for n in changes if n in velden]
        if velden_gewijzigd:
            zaak.save(update_fields=[*velden_gewijzigd, *geo])
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


def zaak_delete(*, actor: Actor, zaak: Zaak, toelichting: str = "") -> None:
    """Delete a case with everything under it, its deelzaken included (Zaken API zaak_destroy).
    A case with decisions is refused: the decisions must go first."""
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak, wijzigen_na_afsluiten=True)
        if (
            zaak.besluiten.exists()
            or Zaak.objects.filter(hoofdzaak=zaak, besluiten__isnull=False).exists()
        ):
            raise field_error(
                "non_field_errors",
                _(
                    "Zaak heeft gerelateerde besluit(en); deze relaties moeten eerst verwijderd "
                    "worden."
                ),
                code="related-besluiten",
            )
        for deelzaak in Zaak.objects.filter(hoofdzaak=zaak).select_related("zaaktype"):
            _zaak_delete_een(actor, deelzaak, toelichting)
        _zaak_delete_een(actor, zaak, toelichting)


def _zaak_delete_een(actor: Actor, zaak: Zaak, toelichting: str) -> None:
    audit_entry_record(
        actor=actor,
        actie="zaak_verwijderd",
        obj=zaak,
        wijzigingen={
            naam: [oud, None]
            for naam, oud in snapshot(
                zaak, ["identificatie", "zaaktype", *ZAAK_AUDIT_FIELDS]
            ).items()
        },
        toelichting=toelichting,
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaak", actie="destroy")
    Zaak.objects.filter(pk=zaak.pk).update(status_actueel=None)
    zaak.delete()


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


def zaak_rol_add(
    *,
    actor: Actor,
    zaak: Zaak,
    roltype: RolType,
    partij: Partij | None = None,
    medewerker: Medewerker | None = None,
    eenheid: OrganisatorischeEenheid | None = None,
    roltoelichting: str = "",
    betrokkene_type: str = "",
    betrokkene_url: str = "",
    betrokkene_identificatie: dict[str, Any] | None = None,
    afwijkende_naam_betrokkene: str = "",
    indicatie_machtiging: str = "",
    contactpersoon_rol: dict[str, Any] | None = None,
) -> Rol:
    """Involve a party, a medewerker or a unit in a case. A behandelaar also becomes the case's
    current handler in the work queues.

    Through the Zaken API the betrokkene may be named by a URL and/or an identification
    (`betrokkene_type` + `betrokkene_identificatie`); one that names a party, medewerker or unit
    of ours is linked to it (betrokkenen.betrokkene_koppelen)."""
    from raadhuis.kernel.cases import betrokkenen

    identificatie = dict(betrokkene_identificatie or {})
    if betrokkene_type and not (partij or medewerker or eenheid):
        if betrokkene_type not in BetrokkeneType.values:
            raise field_error("betrokkene_type", _("Kies een geldig type."), code="invalid_choice")
        partij, medewerker, eenheid = betrokkenen.betrokkene_koppelen(
            actor.organisatie, betrokkene_type, identificatie
        )
    betrokkenen_lijst = [b for b in (partij, medewerker, eenheid) if b is not None]
    if len(betrokkenen_lijst) > 1 or not (betrokkenen_lijst or betrokkene_url or identificatie):
        raise field_error(
            "non_field_errors",
            _("Kies precies één betrokkene voor de rol (betrokkene of betrokkeneIdentificatie)."),
            code="invalid-betrokkene",
        )
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if roltype.zaaktype_id != zaak.zaaktype_id:
            raise field_error(
                "roltype", _("Dit roltype hoort niet bij het zaaktype."), code="zaaktype-mismatch"
            )
        _rol_aantal_check(zaak, roltype)
        betrokkene = betrokkenen_lijst[0] if betrokkenen_lijst else None
        if (
            betrokkene is not None
            and getattr(betrokkene, "organisatie_id", zaak.organisatie_id) != zaak.organisatie_id
        ):
            raise ValidationError(_("De betrokkene hoort niet bij deze organisatie."))
        if partij is not None:
            betrokkene_type = {
                PartijSoort.NATUURLIJK_PERSOON: BetrokkeneType.NATUURLIJK_PERSOON,
                PartijSoort.NIET_NATUURLIJK_PERSOON: BetrokkeneType.NIET_NATUURLIJK_PERSOON,
                PartijSoort.VESTIGING: BetrokkeneType.VESTIGING,
            }[PartijSoort(partij.soort)]
        elif medewerker is not None:
            betrokkene_type = BetrokkeneType.MEDEWERKER
        elif eenheid is not None:
            betrokkene_type = BetrokkeneType.ORGANISATORISCHE_EENHEID
        rol = Rol.objects.create(
            zaak=zaak,
            roltype=roltype,
            betrokkene_type=betrokkene_type,
            partij=partij,
            medewerker=medewerker,
            eenheid=eenheid,
            roltoelichting=roltoelichting,
            betrokkene_url=betrokkene_url,
            betrokkene_identificatie=identificatie,
            afwijkende_naam_betrokkene=afwijkende_naam_betrokkene,
            indicatie_machtiging=indicatie_machtiging,
            contactpersoon_rol=contactpersoon_rol,
        )
        betrokkenen.sleutels_schrijven(rol)
        audit_entry_record(
            actor=actor,
            actie="rol_toegevoegd",
            obj=rol,
            wijzigingen={"rol": [None, f"{roltype.omschrijving}: {rol.betrokkene}"]},
            zaak_uuid=zaak.uuid,
        )
        zaak_event_queue(zaak, resource="rol", actie="create", resource_uuid=rol.uuid)
        if medewerker is not None and roltype.omschrijving_generiek == RolOmschrijving.BEHANDELAAR:
            _behandelaar_set(actor=actor, zaak=zaak, medewerker=medewerker)
    return rol


# Rollen a case has at most one of (Zaken API; Open Zaak's RolOccurenceValidator).
EENMALIGE_ROLLEN = (RolOmschrijving.INITIATOR, RolOmschrijving.ZAAKCOORDINATOR)


def _rol_aantal_check(zaak: Zaak, roltype: RolType) -> None:
    generiek = roltype.omschrijving_generiek
    if (
        generiek in EENMALIGE_ROLLEN
        and Rol.objects.filter(zaak=zaak, roltype__omschrijving_generiek=generiek).exists()
    ):
        raise field_error(
            "roltype",
            _("Er is al een rol '%(rol)s' bij deze zaak.") % {"rol": generiek},
            code="max-occurences",
        )


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
    *,
    actor: Actor,
    zaak: Zaak,
    eigenschap: EigenschapType,
    waarde: str,
    zaakeigenschap: ZaakEigenschap | None = None,
    nieuw: bool = False,
) -> ZaakEigenschap:
    """Set a property of a case; the value is checked against the property's format.
    `nieuw` adds another value (a property with kardinaliteit > 1, Zaken API POST);
    `zaakeigenschap` changes that value."""
    if eigenschap.zaaktype_id != zaak.zaaktype_id:
        raise field_error(
            "eigenschap",
            _("Deze eigenschap hoort niet bij het zaaktype."),
            code="zaaktype-mismatch",
        )
    waarde = eigenschap_waarde_normaliseren(eigenschap, waarde)
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        if zaakeigenschap is not None:
            ze = ZaakEigenschap.objects.filter(pk=zaakeigenschap.pk).first()
        elif nieuw:
            ze = None
        else:
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


def zaak_eigenschap_update(
    *, actor: Actor, zaakeigenschap: ZaakEigenschap, waarde: str
) -> ZaakEigenschap:
    """Change the value of a property of a case (only the waarde may change)."""
    return zaak_eigenschap_set(
        actor=actor,
        zaak=zaakeigenschap.zaak,
        eigenschap=zaakeigenschap.eigenschap,
        waarde=waarde,
        zaakeigenschap=zaakeigenschap,
    )


def zaak_eigenschap_remove(*, actor: Actor, zaakeigenschap: ZaakEigenschap) -> None:
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaakeigenschap.zaak)
        ze_uuid = zaakeigenschap.uuid
        audit_entry_record(
            actor=actor,
            actie="eigenschap_verwijderd",
            obj=zaakeigenschap,
            wijzigingen={zaakeigenschap.eigenschap.naam: [zaakeigenschap.waarde, None]},
            zaak_uuid=zaak.uuid,
        )
        zaakeigenschap.delete()
        zaak_event_queue(zaak, resource="zaakeigenschap", actie="destroy", resource_uuid=ze_uuid)
