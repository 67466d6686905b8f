"""Writes that link a case to others: related cases and decisions (Besluiten API).

Split from services.py along the domain's seam; the same rules apply: permission, one
transaction, one audit entry per change, an event in the outbox.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    mag_geforceerd_bijwerken,
    require_role,
    require_zaak_toegang,
)
from raadhuis.kernel.audit.services import audit_entry_record, diff, snapshot
from raadhuis.kernel.cases.besluit_selectors import (
    BESLUIT_NIET_GEAUTORISEERD,
    mag_besluittype_gebruiken,
    require_besluit_access,
)
from raadhuis.kernel.cases.models import AardRelatie, Besluit, RelevanteZaak, Zaak
from raadhuis.kernel.cases.numbering import identificatie_next
from raadhuis.kernel.cases.services import zaak_event_queue, zaak_lock_for_change
from raadhuis.kernel.catalog.models import BesluitType
from raadhuis.kernel.events.resources import resource_url
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import ToegangGeweigerd, field_error
from raadhuis.kernel.organisations.models import Rol as MedewerkerRol
from raadhuis.kernel.organisations.selectors import andere_organisatie_rsin_check
from raadhuis.kernel.validators import validate_rsin


def zaak_relatie_add(
    *, actor: Actor, zaak: Zaak, andere_zaak: Zaak, aard_relatie: str
) -> RelevanteZaak:
    """Relate two cases (vervolg, onderwerp, bijdrage), both visible to the actor."""
    if aard_relatie not in AardRelatie.values:
        raise ValidationError({"aard_relatie": _("Kies een geldige aard van de relatie.")})
    if andere_zaak.pk == zaak.pk:
        raise ValidationError(
            {"andere_zaak": _("Een zaak kan niet aan zichzelf gerelateerd zijn.")}
        )
    with transaction.atomic():
        zaak = zaak_lock_for_change(actor, zaak)
        require_zaak_toegang(actor, andere_zaak)
        relatie, created = RelevanteZaak.objects.get_or_create(
            zaak=zaak, andere_zaak=andere_zaak, defaults={"aard_relatie": aard_relatie}
        )
        if created:
            audit_entry_record(
                actor=actor,
                actie="zaakrelatie_toegevoegd",
                obj=zaak,
                wijzigingen={"relevante_zaak": [None, f"{aard_relatie}: {andere_zaak}"]},
                zaak_uuid=zaak.uuid,
            )
            zaak_event_queue(zaak, resource="zaak", actie="partial_update")
    return relatie


class VervalReden(models.TextChoices):
    """Why a decision lapses (Besluiten API `vervalreden`)."""

    TIJDELIJK = "tijdelijk", gettext_lazy("Besluit met tijdelijke werking")
    INGETROKKEN_OVERHEID = "ingetrokken_overheid", gettext_lazy("Besluit ingetrokken door overheid")
    INGETROKKEN_BELANGHEBBENDE = (
        "ingetrokken_belanghebbende",
        gettext_lazy("Besluit ingetrokken o.v.v. belanghebbende"),
    )


# What the audit trail records of a decision: the fields the Besluiten API shows.
BESLUIT_VELDEN = (
    "identificatie",
    "verantwoordelijke_organisatie",
    "besluittype",
    "zaak",
    "datum",
    "toelichting",
    "bestuursorgaan",
    "ingangsdatum",
    "vervaldatum",
    "vervalreden",
    "publicatiedatum",
    "verzenddatum",
    "uiterlijke_reactiedatum",
)
# Fixed once recorded (Besluiten API: identificatie, verantwoordelijkeOrganisatie, besluittype).
BESLUIT_VAST = ("identificatie", "verantwoordelijke_organisatie", "besluittype")
BESLUIT_WIJZIGBAAR = frozenset(BESLUIT_VELDEN) - frozenset(BESLUIT_VAST)


def _besluit_event_queue(besluit: Besluit, *, actie: str) -> None:
    """Kanaal `besluiten` with the kenmerken of the Besluiten API (besluittype as its URL)."""
    besluittype_uuid = besluit.besluittype.uuid
    event_queue(
        organisatie=besluit.organisatie,
        kanaal="besluiten",
        resource="besluit",
        actie=actie,
        resource_uuid=besluit.uuid,
        hoofd_object_uuid=besluit.uuid,
        kenmerken={
            "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
            "besluittype": resource_url("besluittype", besluittype_uuid, besluittype_uuid),
        },
    )


def _besluit_zaak_lock(actor: Actor, zaak: Zaak) -> Zaak:
    """The case a decision is (or becomes) the outcome of, locked. Applications need no grant
    on the case (their grants are per besluittype), medewerkers must see it; a closed case
    takes no decisions unless the actor may force changes (zaken.geforceerd-bijwerken)."""
    locked = Zaak.objects.select_for_update(of=("self",)).get(pk=zaak.pk)
    if locked.organisatie_id != actor.organisatie.pk:
        raise field_error("zaak", _("De zaak met deze URL bestaat niet."), code="does_not_exist")
    if actor.type == "medewerker":
        require_zaak_toegang(actor, locked)
    if locked.is_afgesloten and not mag_geforceerd_bijwerken(actor):
        raise ToegangGeweigerd(_("Je mag geen gegevens aanpassen van een gesloten zaak."))
    return locked


def _besluit_lock(actor: Actor, besluit: Besluit) -> Besluit:
    require_role(actor, MedewerkerRol.MEDEWERKER)
    locked = (
        Besluit.objects.select_for_update(of=("self",))
        .select_related("besluittype__catalogus", "zaak", "organisatie")
        .get(pk=besluit.pk)
    )
    require_besluit_access(actor, locked)
    return locked


def _besluittype_errors(
    besluittype: BesluitType, *, organisatie_id: int, datum: date
) -> list[ValidationError]:
    if besluittype.catalogus.organisatie_id != organisatie_id:
        return [ValidationError(_("Het besluittype met deze URL bestaat niet."), "does_not_exist")]
    if besluittype.concept:
        return [ValidationError(_("Het besluittype is niet gepubliceerd."), code="not-published")]
    if besluittype.begin_geldigheid > datum or (
        besluittype.einde_geldigheid is not None and besluittype.einde_geldigheid < datum
    ):
        return [
            ValidationError(
                _("Dit besluittype is op de besluitdatum niet geldig."),
                code="besluittype-niet-geldig",
            )
        ]
    return []


def _besluit_rules_check(besluit: Besluit) -> None:
    """The Besluiten API's rules on a decision about to be saved; all violations at once."""
    fouten: dict[str, list[ValidationError]] = {}
    vandaag = timezone.localdate(timezone=_zone(besluit))
    if besluit.datum > vandaag:
        fouten["datum"] = [
            ValidationError(_("De besluitdatum mag niet in de toekomst liggen."), "date-in-future")
        ]
    besluittype_fouten = _besluittype_errors(
        besluit.besluittype, organisatie_id=besluit.organisatie_id, datum=besluit.datum
    )
    if besluittype_fouten:
        fouten["besluittype"] = besluittype_fouten
    if besluit.vervaldatum is not None and besluit.vervaldatum < besluit.ingangsdatum:
        fouten["vervaldatum"] = [
            ValidationError(_("De vervaldatum ligt voor de ingangsdatum."), code="date-mismatch")
        ]
    if besluit.vervalreden and besluit.vervalreden not in VervalReden.values:
        fouten["vervalreden"] = [
            ValidationError(_("Kies een geldige vervalreden."), code="invalid_choice")
        ]
    if (
        besluit.zaak is not None
        and not besluittype_fouten
        and not besluit.besluittype.zaaktypen.filter(pk=besluit.zaak.zaaktype_id).exists()
    ):
        fouten["__all__"] = [
            ValidationError(
                _("De referentie hoort niet bij het zaaktype van de zaak."),
                code="zaaktype-mismatch",
            )
        ]
    if fouten:
        raise ValidationError(fouten)


def _zone(besluit: Besluit) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(besluit.organisatie.tijdzone)


def _rsin_check(rsin: str) -> None:
    try:
        validate_rsin(rsin)
    except ValidationError as error:
        raise ValidationError({"verantwoordelijke_organisatie": error.error_list}) from error


def _identificatie_bezet(verantwoordelijke_organisatie: str, identificatie: str) -> bool:
    return Besluit.objects.filter(
        verantwoordelijke_organisatie=verantwoordelijke_organisatie, identificatie=identificatie
    ).exists()


IDENTIFICATIE_NIET_UNIEK = gettext_lazy(
    "Deze identificatie bestaat al voor deze verantwoordelijke organisatie."
)


def _besluit_insert(besluit: Besluit) -> None:
    """Save a new decision; a clash on (verantwoordelijke organisatie, identificatie) that
    slipped past the check (a concurrent request) is the same validation error."""
    try:
        with transaction.atomic():
            besluit.save(force_insert=True)
    except IntegrityError as error:
        raise field_error(
            "identificatie", str(IDENTIFICATIE_NIET_UNIEK), code="identificatie-niet-uniek"
        ) from error


def besluit_create(
    *,
    actor: Actor,
    besluittype: BesluitType,
    datum: date,
    ingangsdatum: date,
    zaak: Zaak | None = None,
    vervaldatum: date | None = None,
    toelichting: str = "",
    bestuursorgaan: str = "",
    identificatie: str = "",
    verantwoordelijke_organisatie: str = "",
    vervalreden: str = "",
    publicatiedatum: date | None = None,
    verzenddatum: date | None = None,
    uiterlijke_reactiedatum: date | None = None,
    toelichting_wijziging: str = "",
) -> Besluit:
    """Record a decision, usually on a case (Besluiten API besluit create).

    Without `identificatie` one is issued (BESLUIT-2026-0000001); the verantwoordelijke
    organisatie defaults to the actor's organisation's RSIN."""
    organisatie = actor.organisatie
    require_role(actor, MedewerkerRol.MEDEWERKER)
    if not mag_besluittype_gebruiken(actor, besluittype.pk):
        raise ToegangGeweigerd(_(BESLUIT_NIET_GEAUTORISEERD))
    rsin = verantwoordelijke_organisatie or organisatie.rsin
    _rsin_check(rsin)
    andere_organisatie_rsin_check(
        organisatie=organisatie, rsin=rsin, veld="verantwoordelijke_organisatie"
    )
    with transaction.atomic():
        if zaak is not None:
            zaak = _besluit_zaak_lock(actor, zaak)
        besluit = Besluit(
            organisatie=organisatie,
            identificatie=identificatie,
            verantwoordelijke_organisatie=rsin,
            besluittype=besluittype,
            zaak=zaak,
            datum=datum,
            ingangsdatum=ingangsdatum,
            vervaldatum=vervaldatum,
            vervalreden=vervalreden,
            toelichting=toelichting,
            bestuursorgaan=bestuursorgaan,
            publicatiedatum=publicatiedatum,
            verzenddatum=verzenddatum,
            uiterlijke_reactiedatum=uiterlijke_reactiedatum,
        )
        _besluit_rules_check(besluit)
        if identificatie and _identificatie_bezet(rsin, identificatie):
            raise field_error(
                "identificatie", str(IDENTIFICATIE_NIET_UNIEK), code="identificatie-niet-uniek"
            )
        if not identificatie:
            besluit.identificatie = identificatie_next(
                organisatie=organisatie,
                soort="besluit",
                prefix="BESLUIT",
                jaar=datum.year,
                bezet=lambda kandidaat: _identificatie_bezet(rsin, kandidaat),
            )
        _besluit_insert(besluit)
        audit_entry_record(
            actor=actor,
            actie="besluit_genomen",
            obj=besluit,
            wijzigingen=diff({}, snapshot(besluit, BESLUIT_VELDEN)),
            toelichting=toelichting_wijziging,
            zaak_uuid=zaak.uuid if zaak else None,
        )
        _besluit_event_queue(besluit, actie="create")
    return besluit


def _vaste_velden_errors(besluit: Besluit, velden: dict[str, Any]) -> dict[str, list]:
    """Fixed fields given with another value (an empty identificatie counts as not given)."""
    fouten = {}
    for naam in BESLUIT_VAST:
        if naam not in velden or (naam == "identificatie" and not velden[naam]):
            continue
        nieuw = velden[naam]
        huidig = besluit.besluittype_id if naam == "besluittype" else getattr(besluit, naam)
        if naam == "besluittype":
            nieuw = getattr(nieuw, "pk", nieuw)
        if nieuw != huidig:
            fouten[naam] = [
                ValidationError(
                    _("Dit veld mag niet gewijzigd worden."), code="wijzigen-niet-toegelaten"
                )
            ]
    return fouten


def besluit_update(
    *, actor: Actor, besluit: Besluit, toelichting_wijziging: str = "", **velden: Any
) -> Besluit:
    """Change a decision (Besluiten API update / partial_update): the fields in
    BESLUIT_WIJZIGBAAR; identificatie, verantwoordelijke organisatie and besluittype may be
    given but not changed."""
    onbekend = set(velden) - set(BESLUIT_VELDEN)
    if onbekend:
        raise ValueError(f"besluit_update cannot change {sorted(onbekend)}")
    with transaction.atomic():
        besluit = _besluit_lock(actor, besluit)
        fouten = _vaste_velden_errors(besluit, velden)
        if fouten:
            raise ValidationError(fouten)
        if besluit.zaak is not None:
            _besluit_zaak_lock(actor, besluit.zaak)
        nieuwe_zaak = velden.get("zaak", besluit.zaak)
        if nieuwe_zaak is not None and nieuwe_zaak.pk != besluit.zaak_id:
            velden["zaak"] = _besluit_zaak_lock(actor, nieuwe_zaak)
        voor = snapshot(besluit, BESLUIT_VELDEN)
        for naam in BESLUIT_WIJZIGBAAR & set(velden):
            setattr(besluit, naam, velden[naam])
        _besluit_rules_check(besluit)
        wijzigingen = diff(voor, snapshot(besluit, BESLUIT_VELDEN))
        if not wijzigingen:
            return besluit
        besluit.save(update_fields=sorted(wijzigingen))
        audit_entry_record(
            actor=actor,
            actie="besluit_gewijzigd",
            obj=besluit,
            wijzigingen=wijzigingen,
            toelichting=toelichting_wijziging,
            zaak_uuid=besluit.zaak.uuid if besluit.zaak else None,
        )
        _besluit_event_queue(besluit, actie="update")
    return besluit


def besluit_delete(*, actor: Actor, besluit: Besluit, toelichting_wijziging: str = "") -> None:
    """Remove a decision with its document links (Besluiten API destroy); the documents
    themselves stay, the audit trail keeps what was removed."""
    with transaction.atomic():
        besluit = _besluit_lock(actor, besluit)
        if besluit.zaak is not None:
            _besluit_zaak_lock(actor, besluit.zaak)
        voor = snapshot(besluit, BESLUIT_VELDEN)
        wijzigingen: dict[str, Any] = {
            naam: [waarde, None] for naam, waarde in voor.items() if waarde not in (None, "")
        }
        documenten = [str(d.informatieobject) for d in _besluit_documenten(besluit)]
        if documenten:
            wijzigingen["documenten"] = [documenten, None]
        audit_entry_record(
            actor=actor,
            actie="besluit_verwijderd",
            obj=besluit,
            wijzigingen=wijzigingen,
            toelichting=toelichting_wijziging,
            zaak_uuid=besluit.zaak.uuid if besluit.zaak else None,
        )
        _besluit_event_queue(besluit, actie="destroy")
        besluit.delete()


def _besluit_documenten(besluit: Besluit) -> list[Any]:
    from raadhuis.kernel.documents.models import BesluitInformatieObject

    return list(
        BesluitInformatieObject.objects.filter(besluit=besluit).select_related("informatieobject")
    )
