"""Registering a complaint (Awb 9:1, 9:6), acknowledging it, assigning the handler and taking it
into handling."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import diff, snapshot
from raadhuis.kernel.cases.models import Zaak
from raadhuis.kernel.cases.services import (
    zaak_create,
    zaak_rol_add,
)
from raadhuis.kernel.catalog.models import RolOmschrijving
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Medewerker, OrganisatorischeEenheid
from raadhuis.kernel.parties.models import Partij
from raadhuis.modules.crm.klachten import brieven, termijnen
from raadhuis.modules.crm.klachten.catalogus import klacht_catalogus_ensure
from raadhuis.modules.crm.klachten.models import (
    Categorie,
    Kanaal,
    Klacht,
    KlachtStatus,
)
from raadhuis.modules.crm.klachten.selectors import MAY_WORK, mag_klacht_zien
from raadhuis.modules.crm.klachten.services.basis import (
    KLACHT_AUDIT_VELDEN,
    _audit,
    _behandelaar_check,
    _lock,
    _overgang_check,
    _roltype,
    _status_zetten,
    _termijn_taak_maken,
    _vandaag,
)

# --- intake -----------------------------------------------------------------------------------


def klacht_create(
    *,
    actor: Actor,
    klager: Partij,
    kanaal: str,
    ontvangen_op: date,
    categorie: str,
    onderwerp: str,
    omschrijving: str,
    afdeling: OrganisatorischeEenheid,
    behandelaar: Medewerker,
    betreft_medewerker: Medewerker | None = None,
    betreft_zaak: Zaak | None = None,
    adviescommissie: bool = False,
) -> Klacht:
    """Register a complaint received through any channel: a case of the complaint case type
    with the complainant as initiator and the handler as behandelaar, the complaint with its
    legal term (Awb 9:11), and the deadline task for the handler. All in one transaction."""
    require_role(actor, *MAY_WORK)
    organisatie = actor.organisatie
    errors: dict[str, Any] = {}
    if klager is None or klager.organisatie_id != organisatie.pk:
        errors["klager"] = _("Kies de klager.")
    if kanaal not in Kanaal.values:
        errors["kanaal"] = _("Kies het kanaal waarlangs de klacht binnenkwam.")
    if categorie not in Categorie.values:
        errors["categorie"] = _("Kies een categorie.")
    if not (onderwerp or "").strip():
        errors["onderwerp"] = _("Vul het onderwerp in.")
    if not (omschrijving or "").strip():
        errors["omschrijving"] = _("Beschrijf de klacht.")
    if ontvangen_op is None:
        errors["ontvangen_op"] = _("Vul de datum van ontvangst in.")
    elif ontvangen_op > _vandaag(actor):
        errors["ontvangen_op"] = _("De datum van ontvangst ligt in de toekomst.")
    if afdeling is None or afdeling.organisatie_id != organisatie.pk:
        errors["afdeling"] = _("Kies de afdeling waar de klacht over gaat.")
    if betreft_medewerker is not None and betreft_medewerker.organisatie_id != organisatie.pk:
        errors["betreft_medewerker"] = _("Kies een medewerker van deze organisatie.")
    _behandelaar_check(errors, behandelaar, betreft_medewerker, actor)
    if betreft_zaak is not None and betreft_zaak.organisatie_id != organisatie.pk:
        errors["betreft_zaak"] = _("Onbekende zaak.")
    if errors:
        raise ValidationError(errors)
    zaaktype = klacht_catalogus_ensure(organisatie)
    uiterlijk = termijnen.afhandeltermijn(
        ontvangen_op, adviescommissie=adviescommissie, land=organisatie.land
    )
    with transaction.atomic():
        zaak = zaak_create(
            actor=actor,
            zaaktype=zaaktype,
            omschrijving=onderwerp.strip()[:80],
            toelichting=omschrijving.strip(),
            startdatum=ontvangen_op,
            initiator=klager,
            behandelaar=behandelaar,
            communicatiekanaal=Kanaal(kanaal).label,
            uiterlijke_einddatum_afdoening=uiterlijk,
            einddatum_gepland=uiterlijk,
        )
        zaak = Zaak.objects.select_related("zaaktype", "organisatie", "status_actueel").get(
            pk=zaak.pk
        )
        klacht = Klacht.objects.create(
            organisatie=organisatie,
            zaak=zaak,
            klager=klager,
            kanaal=kanaal,
            ontvangen_op=ontvangen_op,
            categorie=categorie,
            onderwerp=onderwerp.strip(),
            omschrijving=omschrijving.strip(),
            afdeling=afdeling,
            betreft_medewerker=betreft_medewerker,
            behandelaar=behandelaar,
            geregistreerd_door=actor.medewerker,
            betreft_zaak=betreft_zaak,
            adviescommissie=adviescommissie,
            uiterlijk_oorspronkelijk=uiterlijk,
        )
        _termijn_taak_maken(actor, klacht, _("Termijn Awb 9:11: %(d)s") % {"d": uiterlijk})
        _audit(
            actor,
            "klacht_geregistreerd",
            klacht,
            diff({}, snapshot(klacht, KLACHT_AUDIT_VELDEN)),
        )
    return klacht


# --- acknowledgement, handler, in behandeling -------------------------------------------------


def klacht_ontvangst_bevestigen(
    *, actor: Actor, klacht: Klacht, kanaal: str = "", verstuur_brief: bool = True
) -> Klacht:
    """Awb 9:6: confirm receipt in writing; the letter goes to the complainant."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.ONTVANGST_BEVESTIGD)
        klacht.ontvangst_bevestigd_op = _vandaag(actor)
        klacht.save(update_fields=["ontvangst_bevestigd_op", "gewijzigd_op"])
        if verstuur_brief:
            brieven.klacht_brief_send(
                actor=actor,
                klacht=klacht,
                sjabloon_code=brieven.SJABLOON_ONTVANGSTBEVESTIGING,
                kanaal=kanaal,
                reden=_("Ontvangstbevestiging klacht (Awb 9:6)"),
            )
        _status_zetten(actor, klacht, KlachtStatus.ONTVANGST_BEVESTIGD, _("Awb 9:6"))
    return klacht


def klacht_behandelaar_set(*, actor: Actor, klacht: Klacht, behandelaar: Medewerker) -> Klacht:
    """Hand the complaint to another handler, who was not involved (Awb 9:7); the deadline
    task moves with it."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        errors: dict[str, Any] = {}
        _behandelaar_check(errors, behandelaar, klacht.betreft_medewerker, actor)
        if errors:
            raise ValidationError(errors)
        if behandelaar.pk == klacht.behandelaar_id:
            return klacht
        oud = klacht.behandelaar
        klacht.behandelaar = behandelaar
        klacht.save(update_fields=["behandelaar", "gewijzigd_op"])
        roltype = _roltype(klacht.zaak, RolOmschrijving.BEHANDELAAR)
        if roltype is not None:
            zaak_rol_add(actor=actor, zaak=klacht.zaak, roltype=roltype, medewerker=behandelaar)
        if klacht.termijn_taak_id:
            _termijn_taak_maken(
                actor, klacht, _("Klacht overgedragen aan %(n)s") % {"n": behandelaar}
            )
        _audit(
            actor,
            "klacht_behandelaar_gewijzigd",
            klacht,
            {"behandelaar": [str(oud), str(behandelaar)]},
        )
    return klacht


def klacht_in_behandeling_nemen(*, actor: Actor, klacht: Klacht) -> Klacht:
    """Start the investigation; a written complaint is acknowledged first (Awb 9:6)."""
    with transaction.atomic():
        klacht = _lock(actor, klacht)
        _overgang_check(klacht, KlachtStatus.IN_BEHANDELING)
        if klacht.is_schriftelijk and klacht.ontvangst_bevestigd_op is None:
            raise ValidationError(
                _("Bevestig eerst de ontvangst van deze schriftelijke klacht (Awb 9:6)."),
                code="ontvangst-niet-bevestigd",
            )
        # Awb 9:9: the person the complaint is about gets a copy of it.
        brief = brieven.betrokkene_brief_send(
            actor=actor,
            klacht=klacht,
            sjabloon_code=brieven.SJABLOON_BETROKKENE,
            reden=_("Afschrift klacht aan betrokkene (Awb 9:9)"),
        )
        _status_zetten(
            actor,
            klacht,
            KlachtStatus.IN_BEHANDELING,
            _("Betrokkene geïnformeerd (Awb 9:9)") if brief is not None else "",
        )
    return klacht


def klacht_toegang_check(actor: Actor, klacht: Klacht) -> None:
    """For callers outside this module that hold a complaint: raise when it is not theirs."""
    if not mag_klacht_zien(actor, klacht):
        raise ToegangGeweigerd(_("Je hebt geen toegang tot deze klacht."))
