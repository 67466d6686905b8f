"""Every read of the links' data that holds personal data: the signal queue and one signal
(address, name, BSN: each shown signal is written to the processing log), the VISH
registrations and Schuldenknooppunt messages of a dossier, and the migration uploads."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.modules.shv.koppelingen.common import (
    DOEL_SIGNALEN,
    require_migratie,
    require_signalen_toegang,
)
from raadhuis.modules.shv.koppelingen.models import MigratieUpload, Signaal, SignaalStatus
from raadhuis.modules.shv.koppelingen.workflow import SIGNAAL_OPEN


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
