"""Every read of cases. Access is part of the SQL; reading a case logs the personal data seen."""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

from django.db.models import Model, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.policies import mag_zaak_object_zien, zaak_filter
from raadhuis.kernel.audit.services import verwerkingen_record
from raadhuis.kernel.cases.models import Rol, Status, Zaak
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.exceptions import NietGevonden


def zaken_visible(*, actor: Actor) -> QuerySet[Zaak]:
    return Zaak.objects.filter(zaak_filter(actor))


# What a row of the case list shows (and its keyset cursor needs). A case has some fifty
# columns and its case type forty; building them all for every row was a good part of a page.
ZAAK_LIJST_KOLOMMEN = (
    "id",
    "uuid",
    "organisatie_id",
    "identificatie",
    "omschrijving",
    "startdatum",
    "einddatum",
    "uiterlijke_einddatum_afdoening",
    "vertrouwelijkheidaanduiding",
    "zaaktype",
    "zaaktype__id",
    "zaaktype__omschrijving",
    "status_actueel",
    "status_actueel__id",
    "status_actueel__statustype__id",
    "status_actueel__statustype__omschrijving",
    "behandelaar",
    "behandelaar__id",
    "behandelaar__voorletters",
    "behandelaar__voorvoegsel_achternaam",
    "behandelaar__achternaam",
)


def zaken_list(
    *,
    actor: Actor,
    zoekterm: str = "",
    zaaktype_uuid: str | None = None,
    status: str = "",
    behandelaar_id: int | None = None,
) -> QuerySet[Zaak]:
    """Cases the actor may see, newest first, with what a list row shows joined in (only the
    columns of ZAAK_LIJST_KOLOMMEN: read others from zaak_get).

    `status` is "open", "gesloten" or "" (all); `zoekterm` matches the case number (prefix)
    or the description.
    """
    qs = (
        zaken_visible(actor=actor)
        .select_related("zaaktype", "status_actueel__statustype", "behandelaar")
        .only(*ZAAK_LIJST_KOLOMMEN)
    )
    if zoekterm:
        term = zoekterm.strip()
        qs = qs.filter(Q(identificatie__istartswith=term) | Q(omschrijving__icontains=term))
    if zaaktype_uuid:
        try:
            wanted = uuid_module.UUID(str(zaaktype_uuid))
        except ValueError:
            return qs.none()
        # The case type's id as a scalar subquery: PostgreSQL runs it once and then walks the
        # (organisatie, zaaktype, startdatum) index; a join on the uuid left it to filter the
        # whole newest-first list, a hundred rows read for every one shown.
        qs = qs.filter(zaaktype_id=Subquery(ZaakType.objects.filter(uuid=wanted).values("id")[:1]))
    if status == "open":
        qs = qs.filter(einddatum__isnull=True)
    elif status == "gesloten":
        qs = qs.filter(einddatum__isnull=False)
    if behandelaar_id:
        qs = qs.filter(behandelaar_id=behandelaar_id)
    return qs.order_by("-startdatum", "-id")


def zaak_get(*, actor: Actor, uuid: uuid_module.UUID | str, doel: str = "Zaakbehandeling") -> Zaak:
    """One case with everything its detail page shows; logs the persons whose data is shown.

    The case is read by its uuid within the actor's organisation and then checked with
    mag_zaak_object_zien, zaak_filter's twin for one case (grant, confidentiality and a case
    type's department rule, the latter in SQL as in the lists): building and planning the
    whole filter, an OR over every granted type, cost more than the rest of the read."""
    try:
        uuid = uuid_module.UUID(str(uuid))
        zaak = (
            Zaak.objects.filter(organisatie_id=actor.organisatie.pk)
            .select_related(
                "zaaktype",
                "zaaktype__catalogus",
                "organisatie",
                "status_actueel__statustype",
                "behandelaar",
                "hoofdzaak",
            )
            .get(uuid=uuid)
        )
    except (Zaak.DoesNotExist, ValueError) as error:
        raise NietGevonden("Zaak niet gevonden.") from error
    if not mag_zaak_object_zien(actor, zaak):
        # Not found and not allowed look the same, so a list of ids reveals nothing.
        raise NietGevonden("Zaak niet gevonden.")
    prefetch_related_objects(
        [zaak],
        Prefetch("statussen", queryset=Status.objects.select_related("statustype", "gezetdoor")),
        Prefetch(
            "rollen",
            queryset=Rol.objects.select_related("roltype", "partij", "medewerker", "eenheid"),
        ),
        "eigenschappen__eigenschap",
    )
    verwerkingen_record(
        actor=actor,
        handeling="Zaak ingezien",
        doel=doel,
        partijen=[rol.partij for rol in zaak.rollen.all() if rol.partij is not None],
        zaak=zaak,
    )
    return zaak


def zaak_documenten_getoond(*, actor: Actor, zaak: Zaak) -> list[Any]:
    """The documents of a case opened with zaak_get, as documents.selectors.zaak_documenten
    gives them (same rows, newest first), for the case page.

    zaak_get has applied zaak_filter to this case already, so what is left of
    access.policies.zaakdocument_filter is the document's own confidentiality within the
    grant for this case's type. That filter spells out the grant of every case type (an OR of
    a hundred clauses for a consultant with a hundred types), which was the most expensive
    part of the case page to build, plan and run."""
    from raadhuis.kernel.common import Vertrouwelijkheid
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    if not mag_zaak_object_zien(actor, zaak):
        return []
    qs = ZaakInformatieObject.objects.filter(zaak_id=zaak.pk, informatieobject__isnull=False)
    if not actor.alle_zaaktypen:
        niveaus = Vertrouwelijkheid.up_to(actor.zaaktype_id_grants[zaak.zaaktype_id])
        qs = qs.filter(informatieobject__vertrouwelijkheidaanduiding__in=niveaus)
    return list(
        qs.select_related("informatieobject", "informatieobject__informatieobjecttype")
        .prefetch_related("informatieobject__versies")
        .order_by("-registratiedatum")
    )


# --- Zaken API --------------------------------------------------------------------------------
ZAAK_KOLOMMEN = tuple(f.name for f in Zaak._meta.concrete_fields)


def zaken_api(*, actor: Actor) -> QuerySet[Zaak]:
    """Cases the actor may see, with everything a Zaken API ZAAK shows, in a fixed number of
    queries per page: related cases and statuses joined; the lists of related rows come from
    zaak_verwijzingen_laden (kernel.cases.verwijzingen) once the page is known."""

    return (
        zaken_visible(actor=actor)
        .select_related("zaaktype", "hoofdzaak", "status_actueel", "resultaat")
        # Of the joined rows a ZAAK shows only the URL: building 100 full case types was
        # a good part of a page's cost.
        .only(
            *ZAAK_KOLOMMEN,
            "zaaktype__uuid",
            "zaaktype__extern_url",
            "hoofdzaak__uuid",
            "status_actueel__uuid",
            "resultaat__uuid",
        )
        .order_by("-startdatum", "-id")
    )


def zaak_ingezien(*, actor: Actor, zaak: Zaak, doel: str = "Zaken API") -> None:
    """Log that a case's parties were shown (a retrieve through the API)."""
    partijen: list[Model] = [
        rol.partij
        for rol in Rol.objects.filter(zaak_id=zaak.pk, partij__isnull=False).select_related(
            "partij"
        )
        if rol.partij is not None
    ]
    verwerkingen_record(
        actor=actor, handeling="Zaak ingezien", doel=doel, partijen=partijen, zaak=zaak
    )


def statussen_api(*, actor: Actor) -> QuerySet[Status]:
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    return (
        Status.objects.filter(zaak_filter(actor, prefix="zaak__"))
        .select_related("zaak", "statustype", "gezetdoor_rol")
        .prefetch_related(
            Prefetch(
                "zaakinformatieobjecten",
                queryset=ZaakInformatieObject.objects.only("id", "uuid", "status_id"),
            )
        )
        if _zio_has_status()
        else Status.objects.filter(zaak_filter(actor, prefix="zaak__")).select_related(
            "zaak", "statustype", "gezetdoor_rol"
        )
    ).order_by("-datum_status_gezet", "-id")


def _zio_has_status() -> bool:
    from raadhuis.kernel.documents.models import ZaakInformatieObject

    return any(f.name == "status" for f in ZaakInformatieObject._meta.get_fields())


def rollen_api(*, actor: Actor) -> QuerySet[Rol]:
    return (
        Rol.objects.filter(zaak_filter(actor, prefix="zaak__"))
        .select_related(
            "zaak",
            "roltype",
            "medewerker",
            "eenheid",
            "partij__natuurlijkpersoon",
            "partij__nietnatuurlijkpersoon",
            "partij__vestiging",
        )
        .prefetch_related(Prefetch("statussen", queryset=Status.objects.only("id", "uuid")))
        .order_by("-id")
    )


def rollen_ingezien(*, actor: Actor, rollen: list[Rol], doel: str = "Zaken API") -> None:
    partijen: list[Model] = [rol.partij for rol in rollen if rol.partij is not None]
    if partijen:
        verwerkingen_record(actor=actor, handeling="Rollen ingezien", doel=doel, partijen=partijen)


def onder_zaak_api(
    *, actor: Actor, model: type[Model], order: tuple[str, ...] = ("-id",)
) -> QuerySet[Any]:
    """Rows of a model with a `zaak` FK (resultaten, zaakobjecten, klantcontacten, …) whose
    case the actor may see."""
    return (
        model._default_manager.filter(zaak_filter(actor, prefix="zaak__"))
        .select_related("zaak")
        .order_by(*order)
    )
