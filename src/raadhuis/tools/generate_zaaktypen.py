"""Benchmark copies of case types (part of `raadhuis generate --zaaktypen N`): configuration,
so they are published through the catalogue service like the demo's case types."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.catalog.services import zaaktype_publish
from raadhuis.kernel.organisations.models import (
    Organisatie,
)
from raadhuis.tools.generate_basis import KOPIE_MARKER, Log


# --- case types -------------------------------------------------------------------------------
def bruikbare_zaaktypen(organisatie: Organisatie) -> list[ZaakType]:
    """The newest published version of each case type that cases can be generated for: with
    status types, result types and the roles initiator and behandelaar."""
    zaaktypen = (
        ZaakType.objects.filter(catalogus__organisatie=organisatie, concept=False)
        .prefetch_related("statustypen", "roltypen", "resultaattypen")
        .order_by("identificatie", "-versiedatum")
    )
    result, gezien = [], set()
    for zt in zaaktypen:
        if zt.identificatie in gezien:
            continue
        gezien.add(zt.identificatie)
        generiek = {r.omschrijving_generiek for r in zt.roltypen.all()}
        if (
            zt.statustypen.all()
            and zt.resultaattypen.all()
            and {"initiator", "behandelaar"} <= generiek
        ):
            result.append(zt)
    return result


def _copy(obj: Any, **waarden: Any) -> Any:
    """A new row with the concrete field values of `obj`, except its keys and `waarden`."""
    velden = {
        f.attname: getattr(obj, f.attname)
        for f in type(obj)._meta.concrete_fields
        if not f.primary_key and f.name != "uuid"
    }
    velden.update(waarden)
    return type(obj).objects.create(**velden)


def zaaktype_kopie_create(*, actor: Actor, origineel: ZaakType, nummer: int) -> ZaakType:
    """A published copy of a case type with its status, role and result types."""
    kopie = _copy(
        origineel,
        identificatie=f"{origineel.identificatie}{KOPIE_MARKER}{nummer:03d}",
        omschrijving=f"{origineel.omschrijving} ({nummer:03d})"[:80],
        concept=True,
    )
    for statustype in origineel.statustypen.all():
        _copy(statustype, zaaktype_id=kopie.pk, zaakobjecttype_id=None)
    for roltype in origineel.roltypen.all():
        _copy(roltype, zaaktype_id=kopie.pk)
    for resultaattype in origineel.resultaattypen.all():
        _copy(resultaattype, zaaktype_id=kopie.pk, zaakobjecttype_id=None)
    return zaaktype_publish(actor=actor, zaaktype=kopie)


def zaaktypen_generate(
    *, organisatie: Organisatie, aantal: int, log: Log = lambda _m: None
) -> list[ZaakType]:
    """Make sure the organisation has `aantal` usable published case types, by copying its
    existing ones in turn; returns the first `aantal` of them (the cases go to these)."""
    bestaand = bruikbare_zaaktypen(organisatie)
    if not bestaand:
        raise ValueError(
            f"{organisatie.naam} heeft geen gepubliceerde zaaktypen met statustypen, "
            "resultaattypen en roltypen initiator en behandelaar om te kopiëren."
        )
    originelen = [zt for zt in bestaand if KOPIE_MARKER not in zt.identificatie] or bestaand
    identificaties = {zt.identificatie for zt in bestaand}
    actor = Actor.system(organisatie, weergave="Benchmarkgegevens (generate)")
    nummer = 0
    with transaction.atomic():
        while len(bestaand) < aantal:
            nummer += 1
            origineel = originelen[(nummer - 1) % len(originelen)]
            if f"{origineel.identificatie}{KOPIE_MARKER}{nummer:03d}" in identificaties:
                continue
            bestaand.append(zaaktype_kopie_create(actor=actor, origineel=origineel, nummer=nummer))
    log(f"zaaktypen: {min(len(bestaand), aantal)} gepubliceerd")
    return bestaand[:aantal]
