"""Who is involved in a case (its roles) and who handles it (the behandelaar)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.models import BetrokkeneType, Rol, RolSleutel, Zaak
from raadhuis.kernel.cases.wijzigen import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import RolOmschrijving, RolType
from raadhuis.kernel.exceptions import field_error
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij, PartijSoort


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
        rol = rol_maken(
            zaak,
            roltype,
            partij=partij,
            medewerker=medewerker,
            eenheid=eenheid,
            roltoelichting=roltoelichting,
            betrokkene_type=betrokkene_type,
            betrokkene_url=betrokkene_url,
            betrokkene_identificatie=identificatie,
            afwijkende_naam_betrokkene=afwijkende_naam_betrokkene,
            indicatie_machtiging=indicatie_machtiging,
            contactpersoon_rol=contactpersoon_rol,
        )
        rol.save(force_insert=True)
        RolSleutel.objects.bulk_create(betrokkenen.sleutels_van(rol))
        _rol_toegevoegd(actor, zaak, rol)
    return rol


def rol_maken(
    zaak: Zaak,
    roltype: RolType,
    *,
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
    """A rol of `zaak` (not saved yet) for at most one betrokkene of partij / medewerker /
    eenheid, which must be of the case's organisation."""
    betrokkene = next((b for b in (partij, medewerker, eenheid) if b is not None), None)
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
    return Rol(
        zaak=zaak,
        roltype=roltype,
        betrokkene_type=betrokkene_type,
        partij=partij,
        medewerker=medewerker,
        eenheid=eenheid,
        roltoelichting=roltoelichting,
        betrokkene_url=betrokkene_url,
        betrokkene_identificatie=dict(betrokkene_identificatie or {}),
        afwijkende_naam_betrokkene=afwijkende_naam_betrokkene,
        indicatie_machtiging=indicatie_machtiging,
        contactpersoon_rol=contactpersoon_rol,
    )


def rollen_nieuwe_zaak_add(actor: Actor, zaak: Zaak, rollen: list[Rol]) -> None:
    """Store the roles (from rol_maken) of a case zaak_create is making, in its transaction:
    one insert for the roles and one for their keys (a new case has none of either yet, and
    zaak_create holds and checked the case), then per rol what zaak_rol_add records."""
    from raadhuis.kernel.cases import betrokkenen

    Rol.objects.bulk_create(rollen)
    RolSleutel.objects.bulk_create(
        [sleutel for rol in rollen for sleutel in betrokkenen.sleutels_van(rol)]
    )
    for rol in rollen:
        _rol_toegevoegd(actor, zaak, rol)


def _rol_toegevoegd(actor: Actor, zaak: Zaak, rol: Rol) -> None:
    """The audit entry and event of a stored rol; a medewerker as behandelaar also becomes
    the case's behandelaar."""
    audit_entry_record(
        actor=actor,
        actie="rol_toegevoegd",
        obj=rol,
        wijzigingen={"rol": [None, f"{rol.roltype.omschrijving}: {rol.betrokkene}"]},
        zaak_uuid=zaak.uuid,
    )
    zaak_event_queue(zaak, resource="rol", actie="create", resource_uuid=rol.uuid)
    if (
        rol.medewerker is not None
        and rol.roltype.omschrijving_generiek == RolOmschrijving.BEHANDELAAR
    ):
        _behandelaar_set(actor=actor, zaak=zaak, medewerker=rol.medewerker)


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
