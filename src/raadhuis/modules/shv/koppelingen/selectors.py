"""Every read of the links' data that holds personal data: the signal queue and one signal
(address, name, BSN: each shown signal is written to the processing log), the VISH
registrations and Schuldenknooppunt messages of a dossier, and the migration uploads."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import require_role, zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.shv.koppelingen.adapters.skn import (
    GeweigerdBestand,
    SchuldenknooppuntAdapter,
    SknFout,
    skn_adapter,
)
from raadhuis.modules.shv.koppelingen.common import (
    DOEL_SIGNALEN,
    require_migratie,
    require_signalen_toegang,
)
from raadhuis.modules.shv.koppelingen.models import (
    MigratieUpload,
    Signaal,
    SignaalStatus,
    SknBericht,
    SknBerichtStatus,
    SknSoort,
    VishRegistratie,
    VishStatus,
)
from raadhuis.modules.shv.koppelingen.workflow import SIGNAAL_OPEN
from raadhuis.modules.shv.models import SchuldStatus, ShvDossier


def signalen_wachtrij(
    *, actor: Actor, status: str = "open", bron: str = "", alleen_eigen: bool = False
) -> QuerySet[Signaal]:
    """The organisation's signals, oldest first; `status` "open" (new and in progress), one
    status, or "" for all. Log the rows shown with `signalen_ingezien`."""
    require_signalen_toegang(actor)
    qs = Signaal.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
        "behandelaar", "dossier__zaak"
    )
    if status == "open":
        qs = qs.filter(status__in=SIGNAAL_OPEN)
    elif status:
        qs = qs.filter(status=status)
    if bron:
        qs = qs.filter(bron=bron)
    if alleen_eigen and actor.medewerker is not None:
        qs = qs.filter(behandelaar=actor.medewerker)
    return qs.order_by("signaaldatum", "id")


def signalen_ingezien(*, actor: Actor, signalen: Iterable[Signaal]) -> None:
    """One processing-log entry per signal on the page (each shows an address, maybe a name)."""
    signalen = list(signalen)
    if signalen:
        verwerkingen_record(
            actor=actor,
            handeling="Signalen vroegsignalering ingezien",
            doel=DOEL_SIGNALEN,
            partijen=signalen,
        )


def signalen_telling(*, actor: Actor) -> dict[str, int]:
    """Counts per status (no personal data)."""
    require_signalen_toegang(actor)
    rijen = (
        Signaal.objects.filter(organisatie_id=actor.organisatie.pk)
        .values("status")
        .annotate(n=Count("id"))
    )
    telling = {status: 0 for status in SignaalStatus.values}
    telling.update({rij["status"]: rij["n"] for rij in rijen})
    return telling


def signaal_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> Signaal:
    """One signal of the actor's organisation; logs the read. Not found and not allowed look
    the same."""
    require_signalen_toegang(actor)
    try:
        signaal = Signaal.objects.select_related("behandelaar", "dossier__zaak").get(
            Q(organisatie_id=actor.organisatie.pk), uuid=uuid_module.UUID(str(uuid))
        )
    except (Signaal.DoesNotExist, ValueError) as error:
        raise NietGevonden("Signaal niet gevonden.") from error
    verwerkingen_record(
        actor=actor,
        handeling="Signaal vroegsignalering ingezien",
        doel=DOEL_SIGNALEN,
        partijen=[signaal],
        zaak=signaal.dossier.zaak if signaal.dossier else None,
    )
    return signaal


# --- migration ------------------------------------------------------------------------------


def migratie_uploads(*, actor: Actor) -> QuerySet[MigratieUpload]:
    require_migratie(actor)
    return MigratieUpload.objects.filter(organisatie_id=actor.organisatie.pk).select_related(
        "geupload_door"
    )


def migratie_upload_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> MigratieUpload:
    try:
        return migratie_uploads(actor=actor).get(uuid=uuid_module.UUID(str(uuid)))
    except (MigratieUpload.DoesNotExist, ValueError) as error:
        raise NietGevonden("Migratiebestand niet gevonden.") from error


# --- the exchange with the Schuldenknooppunt and the VISH -------------------------------------


@dataclass(frozen=True)
class DossierKoppelingen:
    """What a dossier exchanged: its VISH (de)registrations and its Schuldenknooppunt
    messages, newest first, and what can be done next."""

    vish: list[VishRegistratie]
    skn: list[SknBericht]
    zonder_saldoverzoek: int  # debts still 'opgevraagd' without a saldoverzoek under way
    klaargezet_organisatie: int  # queued messages of the whole organisation (one batch)


def dossier_koppelingen(*, dossier: ShvDossier) -> DossierKoppelingen:
    """The exchange of one dossier. The caller fetched the dossier through
    shv.selectors.dossier_get, which checks access and writes the processing log."""
    skn = list(
        SknBericht.objects.filter(schuld__dossier=dossier)
        .select_related("schuld__schuldeiser__partij", "in_antwoord_op")
        .order_by("-aangemaakt_op", "-id")
    )
    onderweg = {
        b.schuld_id
        for b in skn
        if b.soort == SknSoort.SALDOVERZOEK
        and b.status in (SknBerichtStatus.KLAARGEZET, SknBerichtStatus.VERZONDEN)
    }
    zonder = (
        dossier.schulden.filter(status=SchuldStatus.OPGEVRAAGD).exclude(pk__in=onderweg).count()
    )
    return DossierKoppelingen(
        vish=list(dossier.vish_registraties.order_by("-aangemaakt_op", "-id")),
        skn=skn,
        zonder_saldoverzoek=zonder,
        klaargezet_organisatie=SknBericht.objects.filter(
            organisatie_id=dossier.organisatie_id,
            uitgaand=True,
            status=SknBerichtStatus.KLAARGEZET,
        ).count(),
    )


@dataclass(frozen=True)
class WachtendeSkn:
    zaak_uuid: uuid_module.UUID
    zaak_identificatie: str
    aantal: int
    sinds: datetime


@dataclass(frozen=True)
class KoppelingenOverzicht:
    """The organisation's exchange at a glance, per dossier by case number only (never a
    client's name: the functional administrator sees this too)."""

    vish_open: list[VishRegistratie]
    vish_gelukt: int
    skn_klaargezet: int
    skn_wachtend: list[WachtendeSkn]
    skn_geweigerd: list[GeweigerdBestand]
    skn_fout: str  # the reason the answer folder could not be read, if any


def koppelingen_overzicht(
    *, actor: Actor, adapter: SchuldenknooppuntAdapter | None = None
) -> KoppelingenOverzicht:
    """Waiting and failed VISH registrations, queued and unanswered Schuldenknooppunt messages
    and refused answer files. A consultant sees the dossiers they may open; the functional
    administrator sees the whole organisation."""
    require_role(actor, Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER)
    vish = VishRegistratie.objects.filter(organisatie=actor.organisatie)
    skn = SknBericht.objects.filter(organisatie=actor.organisatie, uitgaand=True)
    if not actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER):
        zichtbaar = ShvDossier.objects.filter(zaak_filter(actor, prefix="zaak__")).values("pk")
        vish = vish.filter(dossier__in=zichtbaar)
        skn = skn.filter(schuld__dossier__in=zichtbaar)
    wachtend = (
        skn.filter(status=SknBerichtStatus.VERZONDEN)
        .values("schuld__dossier__zaak__uuid", "schuld__dossier__zaak__identificatie")
        .annotate(aantal=Count("id"), sinds=Min("gewijzigd_op"))
        .order_by("sinds")
    )
    geweigerd: list[GeweigerdBestand] = []
    fout = ""
    try:
        geweigerd = (adapter or skn_adapter()).geweigerde_antwoorden()
    except SknFout as error:
        fout = str(error)
    return KoppelingenOverzicht(
        vish_open=list(
            vish.exclude(status=VishStatus.GELUKT)
            .select_related("dossier__zaak")
            .order_by("aangemaakt_op", "id")
        ),
        vish_gelukt=vish.filter(status=VishStatus.GELUKT).count(),
        skn_klaargezet=skn.filter(status=SknBerichtStatus.KLAARGEZET).count(),
        skn_wachtend=[
            WachtendeSkn(
                zaak_uuid=r["schuld__dossier__zaak__uuid"],
                zaak_identificatie=r["schuld__dossier__zaak__identificatie"],
                aantal=r["aantal"],
                sinds=r["sinds"],
            )
            for r in wachtend
        ],
        skn_geweigerd=geweigerd,
        skn_fout=fout,
    )


def vish_registratie_get(*, actor: Actor, uuid: uuid_module.UUID | str) -> VishRegistratie:
    """One registration of the actor's organisation (the retry service checks the rest)."""
    require_role(actor, Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER)
    try:
        return VishRegistratie.objects.select_related("dossier__zaak").get(
            organisatie=actor.organisatie, uuid=uuid_module.UUID(str(uuid))
        )
    except (VishRegistratie.DoesNotExist, ValueError) as error:
        raise NietGevonden("VISH-registratie niet gevonden.") from error
