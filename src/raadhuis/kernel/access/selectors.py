"""Reads of API applications and of the types they can be authorised for.

Applications are configuration of one organisation, not personal data: no processing log. Who may
read them: the organisation's beheerders and functioneel beheerders, and an application holding
the Autorisaties API's `autorisaties.lezen` scope. Everyone sees their own organisation only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.catalog.models import BesluitType, InformatieObjectType, ZaakType
from raadhuis.kernel.exceptions import NietGevonden, ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol


def _require_lezen(actor: Actor) -> None:
    if actor.type == "applicatie":
        if not (
            actor.heeft_scope("autorisaties.lezen") or actor.heeft_scope("autorisaties.bijwerken")
        ):
            raise ToegangGeweigerd("Je hebt niet de scope autorisaties.lezen.")
        return
    require_role(actor, Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)


def applicaties_zichtbaar(*, actor: Actor) -> QuerySet[Applicatie]:
    """The applications of the actor's organisation, with client ids and autorisaties."""
    _require_lezen(actor)
    return (
        Applicatie.objects.filter(organisatie_id=actor.organisatie.pk)
        .prefetch_related("clients", "autorisaties")
        .order_by("label", "pk")
    )


def applicatie_get(*, actor: Actor, uuid: uuid.UUID | str) -> Applicatie:
    """One application of the actor's organisation; another organisation's is 'not found'."""
    applicatie = applicaties_zichtbaar(actor=actor).filter(uuid=uuid).first()
    if applicatie is None:
        raise NietGevonden("Applicatie niet gevonden.")
    return applicatie


def applicaties_by_client_id(*, actor: Actor, client_id: str) -> QuerySet[Applicatie]:
    """The application (zero or one) a client id belongs to, within the actor's organisation."""
    return applicaties_zichtbaar(actor=actor).filter(clients__client_id=client_id).distinct()


@dataclass(frozen=True)
class TypeKeuze:
    """A catalogue type an application can be authorised for."""

    uuid: uuid.UUID
    naam: str


@dataclass(frozen=True)
class AutoriseerbareTypen:
    zaaktypen: list[TypeKeuze]
    informatieobjecttypen: list[TypeKeuze]
    besluittypen: list[TypeKeuze]


def _keuzes(rows: list[tuple[uuid.UUID, str, object]]) -> list[TypeKeuze]:
    """Names, with the version date where one name has several published versions."""
    namen = [naam for _uuid, naam, _versie in rows]
    return [
        TypeKeuze(
            uuid=type_uuid,
            naam=naam
            if namen.count(naam) == 1 or versie is None
            else f"{naam} ({versie:%d-%m-%Y})",
        )
        for type_uuid, naam, versie in rows
    ]


def autoriseerbare_typen(*, actor: Actor) -> AutoriseerbareTypen:
    """The organisation's published zaak-, informatieobject- and besluittypen (every version)."""
    _require_lezen(actor)
    org = actor.organisatie.pk
    zaaktypen = ZaakType.objects.filter(catalogus__organisatie_id=org, concept=False).order_by(
        "omschrijving", "-versiedatum"
    )
    iotypen = InformatieObjectType.objects.filter(
        catalogus__organisatie_id=org, concept=False
    ).order_by("omschrijving", "-begin_geldigheid")
    besluittypen = BesluitType.objects.filter(
        catalogus__organisatie_id=org, concept=False
    ).order_by("omschrijving", "-begin_geldigheid")
    return AutoriseerbareTypen(
        zaaktypen=_keuzes(list(zaaktypen.values_list("uuid", "omschrijving", "versiedatum"))),
        informatieobjecttypen=_keuzes(
            list(iotypen.values_list("uuid", "omschrijving", "begin_geldigheid"))
        ),
        besluittypen=_keuzes(
            list(besluittypen.values_list("uuid", "omschrijving", "begin_geldigheid"))
        ),
    )


TYPE_MODELS: dict[str, type[ZaakType] | type[InformatieObjectType] | type[BesluitType]] = {
    "zaaktype": ZaakType,
    "informatieobjecttype": InformatieObjectType,
    "besluittype": BesluitType,
}


def type_namen(*, actor: Actor, soort: str, uuids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Names by uuid of the organisation's types of one kind ("zaaktype", "besluittype", ...),
    concept or published: to show and check the types an autorisatie points at."""
    _require_lezen(actor)
    if not uuids:
        return {}
    rows = TYPE_MODELS[soort].objects.filter(  # type: ignore[attr-defined]
        catalogus__organisatie_id=actor.organisatie.pk, uuid__in=uuids
    )
    return dict(rows.values_list("uuid", "omschrijving"))
