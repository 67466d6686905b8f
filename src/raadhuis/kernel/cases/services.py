"""Every write on a case. Each function checks permission and invariants, writes in one
transaction, records its audit entry and queues its domain event in that same transaction.

This module opens, changes and deletes cases. Statuses and results (statussen.py), roles
(rollen.py), properties (zaakeigenschappen.py) and the lock and event every write shares
(wijzigen.py) live beside it; they are re-exported here, so callers keep importing every case
write from `raadhuis.kernel.cases.services`."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_zaak_access, require_zaak_toegang
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases import regels
from raadhuis.kernel.cases.dates import zaak_termijnen_bepalen
from raadhuis.kernel.cases.models import (
    AardRelatie,
    RelevanteZaak,
    Zaak,
    ZaakKenmerk,
    ZaakNummerReservering,
)
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.rollen import (
    EENMALIGE_ROLLEN,
    rol_maken,
    rollen_nieuwe_zaak_add,
    zaak_rol_add,
    zaak_rol_remove,
)
from raadhuis.kernel.cases.statussen import (
    _status_add,
    zaak_resultaat_remove,
    zaak_resultaat_set,
    zaak_resultaat_update,
    zaak_status_set,
)
from raadhuis.kernel.cases.wijzigen import (
    _ZAAK_IN_AANMAAK,
    GEO_VELDEN,
    ZAAK_AUDIT_FIELDS,
    ZAAK_VELDEN,
    ZaakAfgesloten,
    zaak_audit_record,
    zaak_event_queue,
    zaak_id_voor_regel,
    zaak_lock_for_change,
)
from raadhuis.kernel.cases.zaakeigenschappen import (
    zaak_eigenschap_remove,
    zaak_eigenschap_set,
    zaak_eigenschap_update,
)
from raadhuis.kernel.catalog.models import RolOmschrijving, RolType, ZaakType
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.events.services import events_gebundeld
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Medewerker
from raadhuis.kernel.organisations.selectors import andere_organisatie_rsin_check
from raadhuis.kernel.parties.models import Partij
from raadhuis.kernel.workflow import hooks as workflow_hooks  # process engine hooks (workflow)
from raadhuis.kernel.workflow.calendar import vandaag

__all__ = [
    "EENMALIGE_ROLLEN",
    "GEO_VELDEN",
    "ZAAK_AUDIT_FIELDS",
    "ZAAK_VELDEN",
    "ZaakAfgesloten",
    "zaak_create",
    "zaak_delete",
    "zaak_eigenschap_remove",
    "zaak_eigenschap_set",
    "zaak_eigenschap_update",
    "zaak_audit_record",
    "zaak_event_queue",
    "zaak_id_voor_regel",
    "zaak_lock_for_change",
    "zaak_resultaat_remove",
    "zaak_resultaat_set",
    "zaak_resultaat_update",
    "zaak_rol_add",
    "zaak_rol_remove",
    "zaak_status_set",
    "zaak_update",
]


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
        # One query for both tables (a UNION with LIMIT 1).
        nummer = {"bronorganisatie": bronorganisatie, "identificatie": kandidaat}
        return (
            Zaak.objects.filter(**nummer)
            .values("identificatie")
            .union(ZaakNummerReservering.objects.filter(**nummer).values("identificatie"))
            .exists()
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
            # No savepoint of its own: the error leaves this transaction (or the caller's
            # savepoint around it) at once, which rolls it back; a concurrent duplicate is a 400.
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
            with events_gebundeld():  # its events in one insert (nothing in here recovers)
                _zaak_onderdelen_add(
                    actor,
                    zaak,
                    relevante_andere_zaken=relevante_andere_zaken or [],
                    kenmerken=kenmerken or [],
                    eerste_status=eerste_status,
                    today=today,
                    initiator=initiator,
                    behandelaar=behandelaar,
                )
            workflow_hooks.zaak_aangemaakt(actor=actor, zaak=zaak)  # workflow: start its process
        finally:
            _ZAAK_IN_AANMAAK.reset(in_aanmaak)
    return zaak


def _zaak_onderdelen_add(
    actor: Actor,
    zaak: Zaak,
    *,
    relevante_andere_zaken: list[tuple[Zaak, str]],
    kenmerken: list[dict[str, str]],
    eerste_status: bool,
    today: date,
    initiator: Partij | None,
    behandelaar: Medewerker | None,
) -> None:
    """What zaak_create records right after the insert: related cases and kenmerken, its own
    audit entry and event, the first status and the initiator and behandelaar."""
    # A new case has no related cases or kenmerken yet: nothing to replace.
    _relevante_zaken_set(actor, zaak, relevante_andere_zaken, nieuw=True)
    _kenmerken_set(zaak, kenmerken, nieuw=True)
    audit_entry_record(
        actor=actor,
        actie="zaak_aangemaakt",
        obj=zaak,
        wijzigingen=diff({}, snapshot(zaak, ["identificatie", "zaaktype", *ZAAK_AUDIT_FIELDS])),
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="zaak", actie="create")
    eerste = zaak.zaaktype.statustypen.order_by("volgnummer").first() if eerste_status else None
    if eerste is not None:
        # A case registered after the fact starts at the beginning of its start date.
        begonnen = (
            None
            if zaak.startdatum >= today
            else datetime.combine(
                zaak.startdatum, time.min, tzinfo=ZoneInfo(zaak.organisatie.tijdzone)
            )
        )
        _status_add(actor=actor, zaak=zaak, statustype=eerste, toelichting="", datum=begonnen)
    _eerste_rollen_add(actor, zaak, initiator=initiator, behandelaar=behandelaar)


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


def _eerste_rollen_add(
    actor: Actor, zaak: Zaak, *, initiator: Partij | None, behandelaar: Medewerker | None
) -> None:
    """The initiator and behandelaar of a case zaak_create has just made, in this transaction.
    What zaak_rol_add would do, without re-reading and re-checking the case zaak_create holds
    (the insert locked its row and zaak_create checked the same access) and without looking
    for roles or keys a new case cannot have yet."""
    gevraagd = [
        (generiek, betrokkene)
        for generiek, betrokkene in (
            (RolOmschrijving.INITIATOR, initiator),
            (RolOmschrijving.BEHANDELAAR, behandelaar),
        )
        if betrokkene is not None
    ]
    if not gevraagd:
        return
    roltypen = _roltypen(zaak.zaaktype, [generiek for generiek, _b in gevraagd])
    rollen_nieuwe_zaak_add(
        actor,
        zaak,
        [
            rol_maken(zaak, roltypen[generiek], partij=betrokkene)
            if isinstance(betrokkene, Partij)
            else rol_maken(zaak, roltypen[generiek], medewerker=betrokkene)
            for generiek, betrokkene in gevraagd
        ],
    )


def _roltypen(zaaktype: ZaakType, generiek: list[str]) -> dict[str, RolType]:
    """The roltype of each generic role (the first made, as before), in one query; a generic
    role the case type lacks is a ValidationError naming the first one missing."""
    gevonden: dict[str, RolType] = {}
    for roltype in zaaktype.roltypen.filter(omschrijving_generiek__in=generiek).order_by("pk"):
        gevonden.setdefault(roltype.omschrijving_generiek, roltype)
    for naam in generiek:
        if naam not in gevonden:
            raise ValidationError(
                _("Het zaaktype heeft geen roltype '%(rol)s'.") % {"rol": naam}, code="roltype"
            )
    return gevonden


def _relevante_zaken_set(
    actor: Actor, zaak: Zaak, relaties: list[tuple[Zaak, str]], *, nieuw: bool = False
) -> None:
    """Replace the case's related cases (Zaken API relevanteAndereZaken); `nieuw`: the case
    was made in this transaction and has none to delete."""
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
    if not nieuw:
        RelevanteZaak.objects.filter(zaak=zaak).delete()
    RelevanteZaak.objects.bulk_create(
        RelevanteZaak(zaak=zaak, andere_zaak=andere, aard_relatie=aard) for andere, aard in relaties
    )


def _kenmerken_set(zaak: Zaak, kenmerken: list[dict[str, str]], *, nieuw: bool = False) -> None:
    if not nieuw:
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
