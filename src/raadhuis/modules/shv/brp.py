"""The client and their household from the BRP, for the intake: the one place that talks to the
kernel's BRP services (raadhuis.kernel.parties.brp), so the intake never types personal data
in by hand. Those services check the role and write the processing log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.integrations.brp import BrpFout
from raadhuis.kernel.parties.brp import brp_huishouden_raadplegen, partij_from_brp
from raadhuis.kernel.parties.models import NatuurlijkPersoon
from raadhuis.modules.shv.models import HuishoudRelatie

BRP_REDEN = "Schuldhulpverlening: aanmelding en intake (Wgs art. 4)"


@dataclass(frozen=True)
class Huisgenoot:
    relatie: str  # HuishoudRelatie
    naam: str
    bsn: str
    geboortedatum: date | None
    leeftijd: int | None
    in_huishouden: bool  # registered at the client's address (a partner always counts)


@dataclass(frozen=True)
class BrpAanvrager:
    """What the intake shows and takes over: the person (a BrpPersoon) and their household."""

    persoon: Any  # raadhuis.kernel.integrations.brp.BrpPersoon
    huisgenoten: tuple[Huisgenoot, ...]

    @property
    def huishouden(self) -> tuple[Huisgenoot, ...]:
        return tuple(h for h in self.huisgenoten if h.in_huishouden)


def brp_aanvrager_ophalen(*, actor: Actor, bsn: str, op: date | None = None) -> BrpAanvrager:
    """The person with this BSN and their partner and children (with ages on `op`), each
    marked as living at the person's address or not. Raises ValidationError on `bsn` (Dutch)
    when the BRP does not know the person or cannot answer."""
    try:
        persoon, leden = brp_huishouden_raadplegen(actor=actor, bsn=bsn, reden=BRP_REDEN, op=op)
    except BrpFout as error:
        raise ValidationError({"bsn": str(error)}) from error
    if persoon is None:
        raise ValidationError({"bsn": _("De BRP kent geen persoon met dit BSN.")})
    if persoon.overleden:
        raise ValidationError({"bsn": _("Volgens de BRP is deze persoon overleden.")})
    huisgenoten = tuple(
        Huisgenoot(
            relatie=HuishoudRelatie.PARTNER if lid.relatie == "partner" else HuishoudRelatie.KIND,
            naam=lid.naam,
            bsn=lid.bsn,
            geboortedatum=lid.geboortedatum,
            leeftijd=lid.leeftijd,
            in_huishouden=lid.relatie == "partner" or lid.inwonend is not False,
        )
        for lid in leden
    )
    return BrpAanvrager(persoon=persoon, huisgenoten=huisgenoten)


def client_partij(*, actor: Actor, bsn: str) -> NatuurlijkPersoon:
    """The client as a kernel party, created or brought up to date from the BRP."""
    try:
        return partij_from_brp(actor, bsn=bsn, reden=BRP_REDEN)
    except BrpFout as error:
        raise ValidationError({"bsn": str(error)}) from error
