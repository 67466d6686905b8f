"""Reads of the catalogue. Case types are configuration, not personal data: no processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.intake import domeinen_met_eigen_intake
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.workflow.calendar import vandaag

M = TypeVar("M", bound=models.Model)
T = TypeVar("T", InformatieObjectType, BesluitType)


def zaaktypen_zichtbaar(*, actor: Actor) -> QuerySet[ZaakType]:
    """Case types of the actor's organisation they are granted (every version)."""
    qs = ZaakType.objects.filter(catalogus__organisatie_id=actor.organisatie.pk)
    if not actor.alle_zaaktypen:
        qs = qs.filter(identificatie__in=list(actor.zaaktype_grants))
    return qs.order_by("omschrijving", "-versiedatum")


def zaaktypen_bruikbaar(*, actor: Actor) -> QuerySet[ZaakType]:
    """Published case types valid today that the actor may open cases of."""
    today = vandaag(actor.organisatie.tijdzone)
    return zaaktypen_zichtbaar(actor=actor).filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=today),
        concept=False,
        begin_geldigheid__lte=today,
    )


def zaaktypen_voor_zaakformulier(*, actor: Actor) -> QuerySet[ZaakType]:
    """The case types the general "Nieuwe zaak" form offers: the usable ones, without those
    a module starts through its own intake (kernel.catalog.intake)."""
    return zaaktypen_bruikbaar(actor=actor).exclude(
        catalogus__domein__in=domeinen_met_eigen_intake()
    )


# --- the Catalogi API: every catalogue object of the actor's organisation ----------------------
ORGANISATIE_PAD: dict[type[models.Model], str] = {
    Catalogus: "organisatie",
    ZaakType: "catalogus__organisatie",
    InformatieObjectType: "catalogus__organisatie",
    BesluitType: "catalogus__organisatie",
    StatusType: "zaaktype__catalogus__organisatie",
    RolType: "zaaktype__catalogus__organisatie",
    ResultaatType: "zaaktype__catalogus__organisatie",
    EigenschapType: "zaaktype__catalogus__organisatie",
    ZaakTypeInformatieObjectType: "zaaktype__catalogus__organisatie",
    ZaakObjectType: "zaaktype__catalogus__organisatie",
}


def catalogusobjecten(*, actor: Actor, model: type[M]) -> QuerySet[M]:
    """All objects of `model` in the catalogues of the actor's organisation, concepts
    included (the API filters on `status`)."""
    return model._default_manager.filter(**{ORGANISATIE_PAD[model]: actor.organisatie.pk})


def besluittypen_met_omschrijving(
    *, catalogus: Catalogus, omschrijvingen: Iterable[str]
) -> tuple[list[BesluitType], list[str]]:
    """Decision types of a catalogue by omschrijving (every version): the Catalogi API 1.3
    refers to them by omschrijving. Returns the types and the omschrijvingen not found."""
    return _met_omschrijving(BesluitType, catalogus, omschrijvingen)


def informatieobjecttypen_met_omschrijving(
    *, catalogus: Catalogus, omschrijvingen: Iterable[str]
) -> tuple[list[InformatieObjectType], list[str]]:
    return _met_omschrijving(InformatieObjectType, catalogus, omschrijvingen)


def _met_omschrijving(
    model: type[T], catalogus: Catalogus, omschrijvingen: Iterable[str]
) -> tuple[list[T], list[str]]:
    gezocht = list(dict.fromkeys(omschrijvingen))
    found = list(
        model._default_manager.filter(catalogus=catalogus, omschrijving__in=gezocht).order_by(
            "omschrijving", "begin_geldigheid"
        )
    )
    present = {obj.omschrijving for obj in found}  # type: ignore[attr-defined]
    return found, [o for o in gezocht if o not in present]


def zaaktypen_met_identificatie(
    *, catalogus: Catalogus, identificaties: Iterable[str]
) -> tuple[list[ZaakType], list[str]]:
    """Case types of a catalogue by identificatie (every version)."""
    gezocht = list(dict.fromkeys(identificaties))
    found = list(
        ZaakType.objects.filter(catalogus=catalogus, identificatie__in=gezocht).order_by(
            "identificatie", "begin_geldigheid"
        )
    )
    present = {zt.identificatie for zt in found}
    return found, [i for i in gezocht if i not in present]


def informatieobjecttype_geldig(
    *, catalogus: Catalogus, omschrijving: str, peildatum: date | None = None
) -> InformatieObjectType | None:
    """The version of a document type valid on `peildatum` (else the latest one)."""
    versies = InformatieObjectType.objects.filter(
        catalogus=catalogus, omschrijving=omschrijving
    ).order_by("-begin_geldigheid")
    if peildatum is not None:
        geldig = versies.filter(
            Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=peildatum),
            begin_geldigheid__lte=peildatum,
        ).first()
        if geldig is not None:
            return geldig
    return versies.first()


def versie_data(obj: models.Model) -> tuple[date | None, date | None]:
    """beginObject / eindeObject: when the first version of this object began, and when the
    last one ended (None while the last is open-ended). Versions share identificatie (case
    types) or omschrijving (document and decision types) within a catalogue; the types under a
    case type follow the versions of their case type."""
    if hasattr(obj, "versie_begin"):  # annotated by met_versie_data
        return obj.versie_begin, obj.versie_einde  # type: ignore[attr-defined]
    versies: QuerySet[Any]
    if isinstance(obj, ZaakType):
        versies = ZaakType.objects.filter(
            catalogus_id=obj.catalogus_id, identificatie=obj.identificatie
        )
    elif isinstance(obj, InformatieObjectType | BesluitType):
        versies = type(obj).objects.filter(
            catalogus_id=obj.catalogus_id, omschrijving=obj.omschrijving
        )
    else:
        zaaktype = obj.zaaktype  # type: ignore[attr-defined]
        versies = ZaakType.objects.filter(
            catalogus_id=zaaktype.catalogus_id, identificatie=zaaktype.identificatie
        )
    eerste = versies.order_by("begin_geldigheid").values_list("begin_geldigheid", flat=True).first()
    laatste = versies.order_by("-begin_geldigheid").values_list("einde_geldigheid", flat=True)
    return eerste, laatste.first()


def met_versie_data(queryset: QuerySet[M]) -> QuerySet[M]:
    """`queryset` annotated with versie_begin / versie_einde (what versie_data computes per
    object), so a list needs no extra queries per row."""
    model = queryset.model
    versies: QuerySet[Any]
    if model is ZaakType:
        prefix, versies, key = "", ZaakType.objects.all(), "identificatie"
    elif model in (InformatieObjectType, BesluitType):
        prefix, versies, key = "", model._default_manager.all(), "omschrijving"
    else:
        prefix, versies, key = "zaaktype__", ZaakType.objects.all(), "identificatie"
    zelfde = versies.filter(
        catalogus_id=OuterRef(f"{prefix}catalogus_id"), **{key: OuterRef(f"{prefix}{key}")}
    )
    return queryset.annotate(
        versie_begin=Subquery(zelfde.order_by("begin_geldigheid").values("begin_geldigheid")[:1]),
        versie_einde=Subquery(zelfde.order_by("-begin_geldigheid").values("einde_geldigheid")[:1]),
    )
