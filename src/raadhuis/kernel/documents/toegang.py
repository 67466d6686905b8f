"""Permission checks for writes on documents: the single-object twins of
`access.policies.informatieobject_filter`, used by the services before they change anything."""

from __future__ import annotations

from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import (
    informatieobject_filter,
    require_role,
    require_zaak_toegang,
)
from raadhuis.kernel.cases.models import Besluit
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.documents.models import InformatieObject
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol

GEEN_TOEGANG = "Je bent niet geautoriseerd voor dit informatieobject."


def require_document_schrijven(
    actor: Actor,
    *,
    organisatie_id: int,
    informatieobjecttype_id: int,
    vertrouwelijkheid: str,
    informatieobject: InformatieObject | None = None,
) -> None:
    """May the actor write a document of this type and confidentiality (an existing one:
    `informatieobject`, which a medewerker must also be able to see)."""
    if organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(_(GEEN_TOEGANG))
    if actor.type == "systeem" or actor.alle_zaaktypen:
        return
    if actor.type == "applicatie":
        maximum = actor.informatieobjecttype_id_grants.get(informatieobjecttype_id)
        if maximum is None or vertrouwelijkheid not in Vertrouwelijkheid.up_to(maximum):
            raise ToegangGeweigerd(_(GEEN_TOEGANG))
        return
    require_role(actor, Rol.MEDEWERKER)
    if (
        informatieobject is not None
        and not InformatieObject.objects.filter(
            informatieobject_filter(actor), pk=informatieobject.pk
        ).exists()
    ):
        raise ToegangGeweigerd(_(GEEN_TOEGANG))


def require_document_toegang(actor: Actor, informatieobject: InformatieObject) -> None:
    """Write access to an existing document, as it is now."""
    require_document_schrijven(
        actor,
        organisatie_id=informatieobject.organisatie_id,
        informatieobjecttype_id=informatieobject.informatieobjecttype_id,
        vertrouwelijkheid=informatieobject.vertrouwelijkheidaanduiding,
        informatieobject=informatieobject,
    )


def require_besluit_access(actor: Actor, besluit: Besluit) -> None:
    """May the actor change this decision: same organisation, and its besluittype granted
    (applications) or its case visible (medewerkers)."""
    if besluit.organisatie_id != actor.organisatie.pk:
        raise ToegangGeweigerd(_("Je bent niet geautoriseerd voor dit besluit."))
    if actor.type == "systeem" or actor.alle_zaaktypen:
        return
    if actor.type == "applicatie":
        if besluit.besluittype_id not in actor.besluittype_ids:
            raise ToegangGeweigerd(_("Je bent niet geautoriseerd voor dit besluit."))
        return
    require_role(actor, Rol.MEDEWERKER)
    zaak = besluit.zaak
    if zaak is not None:
        require_zaak_toegang(actor, zaak)
