"""Reads of norm versions and of stored VTLB calculations.

Norm versions hold no personal data: the functional administrator manages them. A stored
calculation holds a household's income and costs: a medewerker or functional administrator of
the organisation may read it, and when it belongs to a case only if they may see that case;
reading it is logged (AVG art. 30). Team managers and auditors never see one (403).
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import date

from django.db.models import Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import NOTHING, require_role, zaak_filter
from raadhuis.kernel.audit.models import AuditEntry
from raadhuis.kernel.audit.services import verwerking_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Organisatie, Rol
from raadhuis.modules.shv.vtlb.models import NormBedrag, NormVersie, VtlbBerekening
from raadhuis.modules.shv.vtlb.rekenen import NormSet, NormWaarde

NORMBEHEER = (Rol.FUNCTIONEEL_BEHEERDER,)
REKENEN = (Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)


def _uuid(value: uuid_module.UUID | str) -> uuid_module.UUID:
    try:
        return uuid_module.UUID(str(value))
    except ValueError as error:
        raise NietGevonden("Niet gevonden.") from error


# --- norm versions --------------------------------------------------------------------------
def normversies_list(*, actor: Actor) -> QuerySet[NormVersie]:
    require_role(actor, *NORMBEHEER)
    return (
        NormVersie.objects.filter(organisatie_id=actor.organisatie.pk)
        .prefetch_related("bedragen")
        .order_by("-geldig_vanaf")
    )


def normversie_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> NormVersie:
    require_role(actor, *NORMBEHEER)
    try:
        return NormVersie.objects.get(organisatie_id=actor.organisatie.pk, uuid=_uuid(uuid))
    except NormVersie.DoesNotExist as error:
        raise NietGevonden("Normversie niet gevonden.") from error


def normbedragen_van(*, normversie: NormVersie) -> list[NormBedrag]:
    return list(normversie.bedragen.all())


def normbedrag_get(*, actor: Actor, normversie: NormVersie, sleutel: str) -> NormBedrag:
    require_role(actor, *NORMBEHEER)
    try:
        return normversie.bedragen.get(sleutel=sleutel, organisatie_id=actor.organisatie.pk)
    except NormBedrag.DoesNotExist as error:
        raise NietGevonden("Normbedrag niet gevonden.") from error


def normversie_historie(*, actor: Actor, normversie: NormVersie) -> QuerySet[AuditEntry]:
    """Every audited change of the version and its amounts, newest first."""
    require_role(actor, *NORMBEHEER)
    uuids = [normversie.uuid, *normversie.bedragen.values_list("uuid", flat=True)]
    return AuditEntry.objects.filter(
        organisatie_id=actor.organisatie.pk, object_uuid__in=uuids
    ).order_by("-tijdstip", "-id")


def normversie_voor(*, organisatie: Organisatie, peildatum: date) -> NormVersie | None:
    """The version in force on `peildatum`: the latest that started on or before it."""
    return (
        NormVersie.objects.filter(organisatie=organisatie, geldig_vanaf__lte=peildatum)
        .order_by("-geldig_vanaf")
        .first()
    )


def normset_van(normversie: NormVersie) -> NormSet:
    return NormSet(
        geldig_vanaf=normversie.geldig_vanaf,
        omschrijving=normversie.omschrijving,
        waarden={b.sleutel: NormWaarde(b.bedrag, b.bron) for b in normversie.bedragen.all()},
        uuid=str(normversie.uuid),
    )


# --- stored calculations --------------------------------------------------------------------
def berekeningen_zichtbaar(*, actor: Actor) -> QuerySet[VtlbBerekening]:
    if not (actor.type == "systeem" or actor.heeft_rol(*REKENEN)):
        return VtlbBerekening.objects.filter(NOTHING)
    zonder_zaak = Q(zaak__isnull=True)
    met_zichtbare_zaak = Q(zaak__isnull=False) & zaak_filter(actor, prefix="zaak__")
    return VtlbBerekening.objects.filter(
        Q(organisatie_id=actor.organisatie.pk) & (zonder_zaak | met_zichtbare_zaak)
    )


def berekening_get(
    *, actor: Actor, uuid: uuid_module.UUID | str, doel: str = "Schuldhulpverlening"
) -> VtlbBerekening:
    """One stored calculation; for a role that may not read calculations at all (team
    manager, auditor) a 403, otherwise not found and not allowed look the same. Logs the read."""
    require_role(actor, *REKENEN)
    try:
        berekening = (
            berekeningen_zichtbaar(actor=actor)
            .select_related("zaak", "normversie")
            .get(uuid=_uuid(uuid))
        )
    except VtlbBerekening.DoesNotExist as error:
        raise NietGevonden("VTLB-berekening niet gevonden.") from error
    verwerking_record(
        actor=actor,
        handeling="VTLB-berekening ingezien",
        doel=doel,
        zaak=berekening.zaak,
    )
    return berekening


def berekeningen_van_zaak(*, actor: Actor, zaak_id: int) -> QuerySet[VtlbBerekening]:
    """The calculations of one case the actor may see (for the case's dossier page)."""
    return berekeningen_zichtbaar(actor=actor).filter(zaak_id=zaak_id)
