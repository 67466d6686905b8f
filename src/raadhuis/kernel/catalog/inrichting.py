"""Set up a module's catalogue from a declaration: one idempotent call that makes the published
catalogue, its document types and its case types (status, role and result types, linked document
types) through the catalogue services, so everything has an audit trail and a functional
administrator can version it later.

A module declares a `CatalogusSpec` and calls `catalogus_inrichten(organisatie, spec, ...)`.
What already exists is left alone: a case type whose identificatie is in the catalogue (in any
version, concept or published) is skipped, because a change after publishing is a new version
made in the admin, not something a module's set-up should overwrite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.catalog.models import (
    Catalogus,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import (
    catalogus_create,
    informatieobjecttype_create,
    informatieobjecttype_publish,
    typeonderdelen_create,
    zaaktype_create,
    zaaktype_publish,
)
from raadhuis.kernel.common import Archiefnominatie, Vertrouwelijkheid
from raadhuis.kernel.organisations.models import Organisatie

# Valid from before any case a migration brings in, so old start dates are accepted.
STANDAARD_GELDIG_VANAF = date(2020, 1, 1)


@dataclass(frozen=True)
class DocumenttypeSpec:
    """A document type of the catalogue; `richting` is used where a case type links it."""

    omschrijving: str
    richting: str  # inkomend | intern | uitgaand
    categorie: str
    vertrouwelijkheid: str = Vertrouwelijkheid.VERTROUWELIJK


@dataclass(frozen=True)
class StatustypeSpec:
    omschrijving: str
    code: str = ""  # stored in omschrijving_generiek (a module's phase or status code)
    statustekst: str = ""
    informeren: bool = False


@dataclass(frozen=True)
class RoltypeSpec:
    omschrijving: str
    generiek: str  # RolOmschrijving


@dataclass(frozen=True)
class ResultaattypeSpec:
    omschrijving: str
    archiefactietermijn: str  # ISO 8601 duration, e.g. "P7Y"
    toelichting: str = ""
    archiefnominatie: str = Archiefnominatie.VERNIETIGEN
    afleidingswijze: str = "afgehandeld"


@dataclass(frozen=True)
class ZaaktypeSpec:
    """A case type. `fields` are the ZaakType fields (identificatie and omschrijving excluded);
    `verantwoordelijke`, `versiedatum` and `begin_geldigheid` default to the organisation's
    name and the catalogue's start date. The document types are linked in the given order to
    the first status type."""

    identificatie: str
    omschrijving: str
    fields: Mapping[str, Any]
    statustypen: tuple[StatustypeSpec, ...]
    roltypen: tuple[RoltypeSpec, ...] = ()
    resultaattypen: tuple[ResultaattypeSpec, ...] = ()
    documenttypen: tuple[str, ...] = ()  # omschrijvingen of the catalogue's document types


@dataclass(frozen=True)
class CatalogusSpec:
    naam: str
    domein: str
    contactpersoon_beheer_naam: str
    documenttypen: tuple[DocumenttypeSpec, ...] = ()
    zaaktypen: tuple[ZaaktypeSpec, ...] = ()
    geldig_vanaf: date = STANDAARD_GELDIG_VANAF
    versie: str = "1"
    extra: Mapping[str, Any] = field(default_factory=dict)  # more Catalogus fields


def statustypen_met_informeren(
    namen_en_codes: tuple[tuple[str, str], ...], statustekst: str
) -> tuple[StatustypeSpec, ...]:
    """Status types that inform the initiator at the first and the last status (the usual
    pattern). `statustekst` is a format string with `{naam}`."""
    laatste = len(namen_en_codes)
    return tuple(
        StatustypeSpec(
            omschrijving=naam,
            code=code,
            statustekst=statustekst.format(naam=naam),
            informeren=volgnummer in (1, laatste),
        )
        for volgnummer, (naam, code) in enumerate(namen_en_codes, start=1)
    )


def catalogus_inrichten(
    organisatie: Organisatie, spec: CatalogusSpec, *, weergave: str
) -> Catalogus:
    """Create what is missing of `spec` for the organisation and return its catalogue.

    The catalogue is found by domain (a local one, not an external catalogue); document types by
    omschrijving (a concept one is published); case types by identificatie. `weergave` names the
    system actor in the audit trail, e.g. "Klachten (inrichting)". Safe to call again."""
    actor = Actor.system(organisatie, weergave=weergave)
    with transaction.atomic():
        catalogus = _catalogus(actor, organisatie, spec)
        documenttypen = _documenttypen(actor, catalogus, spec)
        for zaaktype_spec in spec.zaaktypen:
            if ZaakType.objects.filter(
                catalogus=catalogus, identificatie=zaaktype_spec.identificatie
            ).exists():
                continue
            _zaaktype(actor, catalogus, spec, zaaktype_spec, documenttypen)
    return catalogus


def _catalogus(actor: Actor, organisatie: Organisatie, spec: CatalogusSpec) -> Catalogus:
    bestaand = Catalogus.objects.filter(
        organisatie=organisatie, domein=spec.domein, extern_url=""
    ).first()
    if bestaand is not None:
        return bestaand
    return catalogus_create(
        actor=actor,
        naam=spec.naam,
        domein=spec.domein,
        rsin=organisatie.rsin,
        contactpersoon_beheer_naam=spec.contactpersoon_beheer_naam,
        versie=spec.versie,
        begindatum_versie=spec.geldig_vanaf,
        **spec.extra,
    )


def _documenttypen(
    actor: Actor, catalogus: Catalogus, spec: CatalogusSpec
) -> dict[str, InformatieObjectType]:
    result = {}
    for documenttype in spec.documenttypen:
        iot = (
            InformatieObjectType.objects.filter(
                catalogus=catalogus, omschrijving=documenttype.omschrijving
            )
            .order_by("-begin_geldigheid")
            .first()
        )
        if iot is None:
            iot = informatieobjecttype_create(
                actor=actor,
                catalogus=catalogus,
                fields={
                    "omschrijving": documenttype.omschrijving,
                    "vertrouwelijkheidaanduiding": documenttype.vertrouwelijkheid,
                    "informatieobjectcategorie": documenttype.categorie,
                    "begin_geldigheid": spec.geldig_vanaf,
                },
            )
        if iot.concept:
            iot = informatieobjecttype_publish(actor=actor, informatieobjecttype=iot)
        result[documenttype.omschrijving] = iot
    return result


def _zaaktype(
    actor: Actor,
    catalogus: Catalogus,
    spec: CatalogusSpec,
    zaaktype_spec: ZaaktypeSpec,
    documenttypen: dict[str, InformatieObjectType],
) -> ZaakType:
    zaaktype = zaaktype_create(
        actor=actor,
        catalogus=catalogus,
        fields={
            "identificatie": zaaktype_spec.identificatie,
            "omschrijving": zaaktype_spec.omschrijving,
            "verantwoordelijke": catalogus.organisatie.naam,
            "versiedatum": spec.geldig_vanaf,
            "begin_geldigheid": spec.geldig_vanaf,
            **zaaktype_spec.fields,
        },
    )
    # Two batches under one lock each: the document-type links point at the first status.
    statustypen = typeonderdelen_create(
        actor=actor,
        zaaktype=zaaktype,
        onderdelen=[
            (
                StatusType,
                {
                    "omschrijving": status.omschrijving,
                    "omschrijving_generiek": status.code,
                    "statustekst": status.statustekst,
                    "volgnummer": volgnummer,
                    "informeren": status.informeren,
                },
                None,
            )
            for volgnummer, status in enumerate(zaaktype_spec.statustypen, start=1)
        ],
    )
    eerste = statustypen[0] if statustypen else None
    richting = {d.omschrijving: d.richting for d in spec.documenttypen}
    typeonderdelen_create(
        actor=actor,
        zaaktype=zaaktype,
        onderdelen=[
            *(
                (
                    RolType,
                    {"omschrijving": rol.omschrijving, "omschrijving_generiek": rol.generiek},
                    None,
                )
                for rol in zaaktype_spec.roltypen
            ),
            *(
                (
                    ResultaatType,
                    {
                        "omschrijving": resultaat.omschrijving,
                        "archiefnominatie": resultaat.archiefnominatie,
                        "archiefactietermijn": resultaat.archiefactietermijn,
                        "afleidingswijze": resultaat.afleidingswijze,
                        "toelichting": resultaat.toelichting,
                    },
                    None,
                )
                for resultaat in zaaktype_spec.resultaattypen
            ),
            *(
                (
                    ZaakTypeInformatieObjectType,
                    {
                        "informatieobjecttype": documenttypen[omschrijving],
                        "volgnummer": volgnummer,
                        "richting": richting[omschrijving],
                        "statustype": eerste,
                    },
                    None,
                )
                for volgnummer, omschrijving in enumerate(zaaktype_spec.documenttypen, start=1)
            ),
        ],
    )
    return zaaktype_publish(actor=actor, zaaktype=zaaktype)


def gepubliceerd_zaaktype(organisatie: Organisatie, identificatie: str) -> ZaakType:
    """The newest published version of a case type of the organisation, e.g. right after
    `catalogus_inrichten`. Raises ZaakType.DoesNotExist when only a concept exists (set-up
    leaves a concept a functional administrator is working on alone)."""
    zaaktype = (
        ZaakType.objects.filter(
            catalogus__organisatie=organisatie, identificatie=identificatie, concept=False
        )
        .order_by("-begin_geldigheid", "-pk")
        .first()
    )
    if zaaktype is None:
        raise ZaakType.DoesNotExist(f"Zaaktype {identificatie} heeft geen gepubliceerde versie.")
    return zaaktype
